"""Run systems over a corpus, score them, and aggregate with intervals.

The :class:`Report` keeps everything a later view needs without
recomputation: per-document selections, summaries and scores for each
system, per-system means with intervals, and the paired comparisons.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.select import Budget

from .bootstrap import Bootstrap, Difference, Interval
from .corpus import Corpus
from .errors import EvalError
from .rouge import ArabicRouge, Score
from .systems import DocumentView, System, describe_budget, make_budget, resolve_budget

__all__ = [
    "STATS",
    "Comparison",
    "DocumentInfo",
    "DocumentResult",
    "Report",
    "SystemResult",
    "evaluate",
]

#: The fields of a :class:`~summarizer_eval.rouge.Score`, in report order.
STATS: tuple[str, ...] = ("precision", "recall", "f")

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
    summary: tuple[str, ...]
    words: int
    scores: Mapping[str, Score]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "selected": list(self.selected),
            "summary": list(self.summary),
            "words": self.words,
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "seconds": self.seconds,
            "means": {m: {k: v.to_dict() for k, v in stats.items()} for m, stats in self.means.items()},
            "documents": [d.to_dict() for d in self.documents],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Paired bootstrap of ``system`` against ``baseline`` on one metric's F."""

    system: str
    baseline: str
    metric: str
    difference: Difference

    def to_dict(self) -> dict[str, Any]:
        return {"system": self.system, "baseline": self.baseline, "metric": self.metric, **self.difference.to_dict()}


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
            "seconds": self.seconds,
            "documents": [d.to_dict() for d in self.documents],
            "systems": [s.to_dict() for s in self.systems],
            "comparisons": [c.to_dict() for c in self.comparisons],
        }


def evaluate(
    corpus: Corpus,
    *,
    systems: Sequence[System],
    scorer: ArabicRouge | None = None,
    budget: Budget | None = None,
    bootstrap: Bootstrap | None = None,
    baseline: str = "lead",
    progress: Progress | None = None,
) -> Report:
    """Summarize every document with every system under one budget, score
    against the references, and aggregate. Comparisons are made against
    ``baseline`` when it is among the systems."""
    scorer = scorer if scorer is not None else ArabicRouge()
    budget = budget if budget is not None else make_budget()
    bootstrap = bootstrap if bootstrap is not None else Bootstrap()
    if not systems:
        raise EvalError("give at least one system to evaluate")
    if len(corpus) == 0:
        raise EvalError(f"{corpus.root}: the corpus has no documents")
    names = [s.name for s in systems]
    if len(set(names)) != len(names):
        raise EvalError(f"system names must differ: {', '.join(names)}")

    started = time.perf_counter()
    infos: list[DocumentInfo] = []
    results: dict[str, list[DocumentResult]] = {n: [] for n in names}
    for done, doc in enumerate(corpus.documents, 1):
        refs = tuple(scorer.tokenize(r, name=src) for r, src in zip(doc.references, doc.reference_sources))
        view = DocumentView.of(doc.doc_id, doc.text, references=refs)
        doc_budget = resolve_budget(budget, view)
        infos.append(
            DocumentInfo(doc.doc_id, doc.source, doc.reference_sources, len(view.units), len(view.candidates), doc_budget)
        )
        for system in systems:
            t0 = time.perf_counter()
            chosen = tuple(sorted(system.select(view, doc_budget)))
            seconds = time.perf_counter() - t0
            summary = view.sentences(chosen)
            scores = scorer.score_tokenized(scorer.truncate([view.tokens[i] for i in chosen]), refs)
            words = sum(view.word_counts[i] for i in chosen)
            results[system.name].append(DocumentResult(doc.doc_id, chosen, summary, words, scores, seconds))
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
    if baseline in names:
        base = system_results[names.index(baseline)]
        for s in system_results:
            if s.name != baseline:
                comparisons.extend(
                    Comparison(s.name, baseline, m, bootstrap.compare(s.values(m), base.values(m)))
                    for m in scorer.metrics
                )
    settings = {
        **scorer.settings(),
        "budget": {k: v for k, v in dataclasses.asdict(budget).items() if v is not None},
        "budget_description": describe_budget(budget),
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
    )


def _system_settings(system: System) -> dict[str, Any]:
    """What configures a system, for the report (JSON-friendly)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(system) if dataclasses.is_dataclass(system) else ():
        value = getattr(system, f.name)
        if hasattr(value, "settings"):
            out[f.name] = value.settings()
        elif f.name != "name":
            out[f.name] = value
    return out
