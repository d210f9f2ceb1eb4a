"""Run systems over a corpus, score them, and aggregate with intervals.

ROUGE F rises with a summary's length up to the reference's, so a system
that picks longer sentences looks better than one that picks shorter ones
for no other reason. Two rules keep length out of every comparison (the
default, ``compare="equal-length"``):

* with a word budget of N, every summary (built-in or read from a file) is
  cut to its first N words before it is scored, ROUGE-1.5.5's ``-l`` rule
  applied to summaries (a scorer's own ``length_limit`` takes precedence);
* each paired comparison scores both summaries of a document at the same
  length: the longer one is cut to the shorter one's word count (words as
  the scorer's tokenizer counts them, cut mid-sentence if need be). A
  system cannot change a verdict by adding words: beyond the other
  summary's length they are cut away.

The per-system rows keep each system's own scores, with its mean words and
sentences beside them. ``compare="as-is"`` scores every summary at its own
length everywhere (the older behaviour).

The :class:`Report` keeps everything a later view needs without
recomputation: per-document selections, summaries and scores for each
system, per-system means with intervals, and the paired comparisons with
the per-document values they were made of.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.select import Budget
from summarizer.validate import invalid, one_of

from .bootstrap import Bootstrap, Difference, Interval
from .corpus import Corpus
from .errors import EvalError, EvalOptionError
from .rouge import ArabicRouge, Score, Tokenized, truncate_tokens
from .systems import describe_budget, make_budget, resolve_budget
from .view import DocumentView, System, cut_summary

__all__ = [
    "COMPARE_RULES",
    "DEFAULT_BASELINE",
    "STATS",
    "Comparison",
    "DocumentInfo",
    "DocumentResult",
    "Report",
    "SystemResult",
    "evaluate",
    "resolve_baseline",
]

#: The fields of a :class:`~summarizer_eval.rouge.Score`, in report order.
STATS: tuple[str, ...] = ("precision", "recall", "f")

#: The system every other one is compared with, when it is evaluated.
DEFAULT_BASELINE = "lead"
#: How paired comparisons treat length (see the module doc).
COMPARE_RULES: tuple[str, ...] = ("equal-length", "as-is")
#: How each rule reads in a report.
COMPARE_DESCRIPTIONS: dict[str, str] = {
    "equal-length": "equal length: in each paired comparison the longer summary is cut to the shorter one's words",
    "as-is": "as is: every summary scored at its own length (longer summaries are favoured)",
}

#: progress(done, total): called after each document.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One document as the evaluation saw it."""

    doc_id: str
    source: str
    reference_sources: tuple[str, ...]
    #: Units from the segmenter, and how many of them were selectable.
    sentences: int
    candidates: int
    #: The budget every system got for this document.
    budget: Budget

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["reference_sources"] = list(self.reference_sources)
        return d


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One system's summary of one document, and its scores."""

    doc_id: str
    #: Indices into the document's units (see :class:`DocumentInfo`).
    selected: tuple[int, ...]
    #: The summary as scored (cut to the word budget when there is one).
    summary: tuple[str, ...]
    #: Words scored (the scorer's tokens).
    words: int
    scores: Mapping[str, Score]
    seconds: float

    @property
    def sentences(self) -> int:
        return len(self.summary)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "selected": list(self.selected),
            "summary": list(self.summary),
            "words": self.words,
            "sentences": self.sentences,
            "scores": {m: s.to_dict() for m, s in self.scores.items()},
            "seconds": self.seconds,
        }


@dataclass(frozen=True, slots=True)
class SystemResult:
    """A system over the corpus: per-document results and corpus means."""

    name: str
    documents: tuple[DocumentResult, ...]
    #: metric -> stat (precision, recall, f) -> mean with interval.
    means: Mapping[str, Mapping[str, Interval]]
    seconds: float

    def values(self, metric: str, stat: str = "f") -> list[float]:
        """Per-document values of one metric, in corpus order."""
        return [getattr(d.scores[metric], stat) for d in self.documents]

    @property
    def mean_words(self) -> float:
        return sum(d.words for d in self.documents) / len(self.documents) if self.documents else 0.0

    @property
    def mean_sentences(self) -> float:
        return sum(d.sentences for d in self.documents) / len(self.documents) if self.documents else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "seconds": self.seconds,
            "mean_words": self.mean_words,
            "mean_sentences": self.mean_sentences,
            "means": {m: {k: v.to_dict() for k, v in stats.items()} for m, stats in self.means.items()},
            "documents": [d.to_dict() for d in self.documents],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Paired bootstrap of ``system`` against ``baseline`` on one metric's F.

    ``system_f`` and ``baseline_f`` are the per-document values compared
    (at equal length, both at ``words`` words, unless the rule is ``as-is``).
    """

    system: str
    baseline: str
    metric: str
    difference: Difference
    rule: str = "equal-length"
    system_f: tuple[float, ...] = ()
    baseline_f: tuple[float, ...] = ()
    words: tuple[int, ...] = ()

    @property
    def mean_words(self) -> float:
        return sum(self.words) / len(self.words) if self.words else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "baseline": self.baseline,
            "metric": self.metric,
            **self.difference.to_dict(),
            "rule": self.rule,
            "mean_words": self.mean_words,
            "documents": {"system_f": list(self.system_f), "baseline_f": list(self.baseline_f), "words": list(self.words)},
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The whole evaluation, ready to format or to render."""

    corpus: str
    layout: str
    settings: Mapping[str, Any]
    documents: tuple[DocumentInfo, ...]
    systems: tuple[SystemResult, ...]
    comparisons: tuple[Comparison, ...]
    #: Files decoded with U+FFFD for undecodable bytes.
    replaced: tuple[str, ...]
    seconds: float
    #: Documents left out because a system had no summary for them:
    #: (system, document ids), in system order.
    omitted: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(self.settings["metrics"])

    def system(self, name: str) -> SystemResult:
        for s in self.systems:
            if s.name == name:
                return s
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "layout": self.layout,
            "settings": dict(self.settings),
            "replaced": list(self.replaced),
            "omitted": {name: list(ids) for name, ids in self.omitted},
            "seconds": self.seconds,
            "documents": [d.to_dict() for d in self.documents],
            "systems": [s.to_dict() for s in self.systems],
            "comparisons": [c.to_dict() for c in self.comparisons],
        }


def resolve_baseline(baseline: str | None, names: Sequence[str], *, known: Collection[str] = ()) -> str:
    """The system the others are compared with: ``baseline`` checked, or by
    default Lead, or the first system when Lead is not evaluated.

    A given ``baseline`` must be one of the systems evaluated, ``names``,
    when there are several: no comparison can be made with a system that is
    not run, and leaving the comparisons out would drop them without a word.
    A single system is compared with nothing; its ``baseline`` need then only
    be one of the ``known`` names (when given), so a misspelling is still caught.
    """
    if baseline is None:
        return DEFAULT_BASELINE if DEFAULT_BASELINE in names or len(names) < 2 else names[0]
    if len(names) > 1 and baseline not in names:
        raise invalid("baseline", baseline, f"one of the systems evaluated ({', '.join(names)})", error=EvalOptionError)
    if len(names) <= 1 and known and baseline not in known and baseline not in names:
        one_of("baseline", baseline, [*names, *(k for k in known if k not in names)], error=EvalOptionError)
    return baseline


def evaluate(
    corpus: Corpus,
    *,
    systems: Sequence[System],
    scorer: ArabicRouge | None = None,
    budget: Budget | None = None,
    bootstrap: Bootstrap | None = None,
    baseline: str | None = None,
    compare: str = "equal-length",
    also_against: Sequence[str] = (),
    omitted: Mapping[str, Sequence[str]] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Summarize every document with every system under one budget, score
    against the references, and aggregate. Comparisons are made against
    ``baseline`` (by default Lead, see :func:`resolve_baseline`), by the ``compare`` rule (see
    the module doc), and against each system of ``also_against`` too (the
    report's tables show the ``baseline``'s). ``omitted`` records documents
    the caller left out (system name -> ids), for the report."""
    scorer = scorer if scorer is not None else ArabicRouge()
    budget = budget if budget is not None else make_budget()
    bootstrap = bootstrap if bootstrap is not None else Bootstrap()
    if compare not in COMPARE_RULES:
        one_of("compare", compare, COMPARE_RULES, error=EvalOptionError)
    if not systems:
        raise EvalError("give at least one system to evaluate")
    if len(corpus) == 0:
        raise EvalError(f"{corpus.root}: the corpus has no documents")
    names = [s.name for s in systems]
    if len(set(names)) != len(names):
        raise EvalError(f"system names must differ: {', '.join(names)}")
    baseline = resolve_baseline(baseline, names)
    equal = compare == "equal-length"
    # A word budget is a length every summary is held to (the scorer's own
    # length limit, when set, already cuts everything).
    cut = budget.words if equal and scorer.length_limit is None else None
    unknown = [b for b in also_against if b not in names]
    if unknown:
        raise EvalError(f"also_against names systems that are not evaluated: {', '.join(unknown)}")
    bases = [b for b in dict.fromkeys([baseline, *also_against]) if b in names]
    paired = [(n, b) for b in bases for n in names if n != b]

    started = time.perf_counter()
    infos: list[DocumentInfo] = []
    results: dict[str, list[DocumentResult]] = {n: [] for n in names}
    pairs: dict[tuple[str, str], list[tuple[Mapping[str, Score], Mapping[str, Score], int]]] = {p: [] for p in paired}
    for done, doc in enumerate(corpus.documents, 1):
        refs = tuple(scorer.tokenize(r, name=src) for r, src in zip(doc.references, doc.reference_sources))
        view = DocumentView.of(doc.doc_id, doc.text, references=refs)
        doc_budget = resolve_budget(budget, view)
        infos.append(
            DocumentInfo(doc.doc_id, doc.source, doc.reference_sources, len(view.units), len(view.candidates), doc_budget)
        )
        scored: dict[str, Tokenized] = {}
        for system in systems:
            t0 = time.perf_counter()
            summary = system.summarize(view, doc_budget)
            seconds = time.perf_counter() - t0
            if cut is not None:
                summary = cut_summary(summary, cut)
            tokens = scorer.truncate(summary.tokens)
            scored[system.name] = tokens
            scores = scorer.score_tokenized(tokens, refs)
            results[system.name].append(
                DocumentResult(doc.doc_id, summary.selected, summary.sentences, tokens.size, scores, seconds)
            )
        # A summary cut to a shorter one's length is scored once per length,
        # whichever pairs ask for it; the shorter keeps its own scores.
        at_length: dict[tuple[str, int], Mapping[str, Score]] = {}

        def scores_at(system: str, length: int) -> Mapping[str, Score]:
            if not equal or scored[system].size <= length:
                return results[system][-1].scores
            if (system, length) not in at_length:
                at_length[(system, length)] = scorer.score_tokenized(truncate_tokens(scored[system].sentences, length), refs)
            return at_length[(system, length)]

        for name, other in paired:
            length = min(scored[name].size, scored[other].size)
            pairs[(name, other)].append((scores_at(name, length), scores_at(other, length), length))
        if progress is not None:
            progress(done, len(corpus))

    system_results = tuple(
        SystemResult(
            name=n,
            documents=tuple(docs),
            means={
                m: {k: bootstrap.interval([getattr(d.scores[m], k) for d in docs]) for k in STATS}
                for m in scorer.metrics
            },
            seconds=sum(d.seconds for d in docs),
        )
        for n, docs in results.items()
    )
    comparisons: list[Comparison] = []
    for name, other in paired:
        for m in scorer.metrics:
            ours = tuple(p[0][m].f for p in pairs[(name, other)])
            theirs = tuple(p[1][m].f for p in pairs[(name, other)])
            words = tuple(p[2] for p in pairs[(name, other)])
            diff = bootstrap.compare(list(ours), list(theirs))
            comparisons.append(Comparison(name, other, m, diff, compare, ours, theirs, words))
    settings = {
        **scorer.settings(),
        "budget": {k: v for k, v in dataclasses.asdict(budget).items() if v is not None},
        "budget_description": describe_budget(budget),
        "summary_word_limit": cut,
        "compare": compare,
        "compare_description": COMPARE_DESCRIPTIONS[compare],
        "systems": names,
        "baseline": baseline if baseline in names else None,
        "resamples": bootstrap.resamples,
        "confidence": bootstrap.confidence,
        "seed": bootstrap.seed,
        "system_settings": {s.name: _system_settings(s) for s in systems},
    }
    return Report(
        corpus=corpus.root,
        layout=corpus.layout,
        settings=settings,
        documents=tuple(infos),
        systems=system_results,
        comparisons=tuple(comparisons),
        replaced=corpus.replaced,
        seconds=time.perf_counter() - started,
        omitted=tuple((n, tuple(ids)) for n, ids in (omitted or {}).items() if ids),
    )


def _system_settings(system: System) -> dict[str, Any]:
    """What configures a system, for the report (JSON-friendly)."""
    own = getattr(system, "settings", None)
    if callable(own):
        return dict(own())
    out: dict[str, Any] = {}
    fields: tuple[dataclasses.Field[Any], ...] = dataclasses.fields(system) if dataclasses.is_dataclass(system) else ()
    for f in fields:
        value = getattr(system, f.name)
        if hasattr(value, "settings"):
            out[f.name] = value.settings()
        elif f.name != "name":
            out[f.name] = value
    return out
