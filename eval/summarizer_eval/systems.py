"""Everything that produces a summary, behind one interface and one budget.

Fairness rules, applied to every system alike:

* **Same sentences.** A document is split once with
  :func:`summarizer.text.segment.segment` (language detected as the summarizer
  does) into a :class:`~summarizer_eval.view.DocumentView`. Selectable
  sentences (``candidates``) are the ``"sentence"`` units, not headings or
  bylines, keeping only the first of sentences whose normalized tokens are
  equal (exact duplicates: scraped news repeats paragraphs, and no system
  should win or lose by picking a sentence twice). A document of headings
  only selects among its headings, as the summarizer does.
* **Same budget.** A ratio or sentence budget is turned into one sentence
  count per document, with the summarizer's semantics
  (:meth:`summarizer.select.Budget.sentence_limit`: a ratio of the distinct
  selectable sentences, rounded half up, at least one), and every system
  gets that count. A word budget is passed as is.
* **Same length when compared.** Lengths still differ (sentences do), so
  :func:`~summarizer_eval.evaluate.evaluate` cuts summaries to equal word
  counts before it compares two systems; see there.

Lead is the exception to "same sentences" on purpose: it is what a reader
sees first, the document's opening words with its title lines, not a
choice among the units this project's segmenter calls selectable (a
baseline that the system's own segmentation can weaken is no baseline).
``lead-sentences`` keeps the older variant: the first selectable sentences.

The summarizer also merges near duplicates (TF-IDF cosine >= 0.95), so
TextRank may have fewer sentences to choose from than the budget; it then
returns fewer.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from summarizer import Summarizer
from summarizer.select import Budget
from summarizer.validate import check_names

from .errors import EvalError, EvalOptionError
from .peers import PEER_NAMES, PeerSystem, make_peer, require
from .rouge import ArabicRouge, mean_f, truncate_tokens
from .view import DocumentView, System, SystemSummary, by_scores, cut_summary

__all__ = [
    "DEFAULT_SYSTEMS",
    "SYSTEM_NAMES",
    "Lead",
    "LeadSentences",
    "Oracle",
    "Random",
    "TextRank",
    "check_system_names",
    "describe_budget",
    "make_budget",
    "make_systems",
    "resolve_budget",
]


def make_budget(*, ratio: float | None = None, sentences: int | None = None, words: int | None = None) -> Budget:
    """A validated budget: the summarizer's own checks and default (ratio 0.3)."""
    return Summarizer(ratio=ratio, sentences=sentences, words=words).budget


def resolve_budget(budget: Budget, view: DocumentView) -> Budget:
    """The budget every system gets for this document (see the module doc)."""
    if budget.words is not None:
        return budget
    return Budget(sentences=budget.sentence_limit(len(view.candidates)))


def describe_budget(budget: Budget) -> str:
    """How the budget reads in a report."""
    if budget.words is not None:
        return f"{budget.words} words per summary"
    if budget.sentences is not None:
        return f"{budget.sentences} sentences per summary (fewer if the document has fewer)"
    return (
        f"ratio {budget.ratio:g} of the distinct selectable sentences (rounded, at least one), "
        "the same sentence count for every system"
    )


@dataclass(frozen=True, slots=True)
class Lead:
    """The document's first words, as a reader sees them.

    Every unit counts, in document order: title and byline lines, and
    repeated paragraphs too. With a word budget, the first ``words`` words
    (the last sentence cut where the budget falls); with a sentence count
    ``k``, the first ``k`` units.
    """

    name: str = "lead"

    def summarize(self, view: DocumentView, budget: Budget) -> SystemSummary:
        every = tuple(i for i, t in enumerate(view.tokens) if t)
        if budget.words is not None:
            return cut_summary(view.extract(every), budget.words)
        limit = budget.sentence_limit(len(every))
        return view.extract(every[: limit if limit is not None else len(every)])


@dataclass(frozen=True, slots=True)
class LeadSentences:
    """The first selectable sentences (no headings, no repeats) under the
    budget, by the summarizer's selection rule: the older Lead baseline."""

    name: str = "lead-sentences"

    def summarize(self, view: DocumentView, budget: Budget) -> SystemSummary:
        return view.extract(by_scores(view, budget, [-float(i) for i in range(len(view.units))]))


@dataclass(frozen=True, slots=True)
class Random:
    """Random sentences; the generator is seeded by ``seed`` and the document id,
    so a document gets the same pick whatever else is in the run."""

    seed: int = 0
    name: str = "random"

    def summarize(self, view: DocumentView, budget: Budget) -> SystemSummary:
        import numpy as np

        rng = np.random.default_rng([self.seed, zlib.crc32(view.doc_id.encode("utf-8"))])
        return view.extract(by_scores(view, budget, rng.random(len(view.units)).tolist()))


@dataclass(frozen=True, slots=True)
class TextRank:
    """The project's summarizer, with its settings except the length, which
    the evaluation sets per document."""

    summarizer: Summarizer = field(default_factory=Summarizer)
    name: str = "textrank"

    def summarize(self, view: DocumentView, budget: Budget) -> SystemSummary:
        # trim=False needs a word budget (it means nothing under another):
        # a summarizer set for whole sentences is evaluated as it is under
        # a ratio or a sentence count.
        configured = dataclasses.replace(
            self.summarizer, ratio=None, sentences=budget.sentences, words=budget.words,
            trim=self.summarizer.trim or budget.words is None,
        )
        summary = configured.summarize(view.segmented)  # the view's own units, not a second split
        whole = view.extract([s.index for s in summary.selected])
        cut = [s for s in summary.selected if s.cut_end is not None]
        if not cut:
            return whole
        # A sentence cut at a word budget: its kept words, as shown.
        texts = [s.kept_text for s in summary.selected]
        tokens = [view.tokens[s.index][: s.summary_words] for s in summary.selected]
        return SystemSummary(tuple(texts), tuple(tokens), whole.selected)


@dataclass(frozen=True, slots=True)
class Oracle:
    """Greedy extractive upper bound: repeatedly add the candidate that gives
    the highest mean F of ``scorer`` against the references, until the
    budget is full (it fills the budget like every other system, so lengths
    stay comparable; greedy, so a bound in practice, not a proof).

    With a word budget it is scored as every summary is, cut to the budget's
    first N words in document order, and it adds sentences until it has N
    words: a long sentence that crosses the budget may be the best start,
    as it is for TextRank (an oracle of whole sentences that fit would fall
    below a Lead cut at N words).
    """

    scorer: ArabicRouge = field(default_factory=lambda: ArabicRouge(metrics=("rouge1", "rouge2")))
    name: str = "oracle"

    def _value(self, view: DocumentView, chosen: Sequence[int], words: int | None = None) -> float:
        tokens = [view.tokens[i] for i in sorted(chosen)]
        summary = self.scorer.truncate(truncate_tokens(tokens, words).sentences if words is not None else tokens)
        return mean_f(self.scorer.score_tokenized(summary, view.references))

    def summarize(self, view: DocumentView, budget: Budget) -> SystemSummary:
        if not view.references:
            raise EvalError(f"{view.doc_id}: the oracle needs the reference summaries")
        limit = budget.sentence_limit(len(view.candidates))
        words = budget.words
        chosen: list[int] = []
        used = 0
        while (limit is None or len(chosen) < limit) and (words is None or used < words):
            left = [c for c in view.candidates if c not in chosen and view.word_counts[c] > 0]
            if not left:
                break
            best = max(left, key=lambda c: self._value(view, [*chosen, c], words))  # first on ties
            chosen.append(best)
            used += view.word_counts[best]
        summary = view.extract(chosen)
        return cut_summary(summary, words) if words is not None else summary


#: The systems a run evaluates unless told otherwise.
DEFAULT_SYSTEMS: tuple[str, ...] = ("textrank", "lead", "random", "oracle")
#: Every built-in system by name: ours, the baselines, the peers (which need
#: the ``bench`` extra).
SYSTEM_NAMES: tuple[str, ...] = (*DEFAULT_SYSTEMS, "lead-sentences", *PEER_NAMES)


def check_system_names(names: Sequence[str], *, packages: bool = True) -> None:
    """Every name is a built-in system, none twice, and (``packages``) the
    packages the peers among them need are installed."""
    check_names(names, SYSTEM_NAMES, what="system", error=EvalOptionError)
    if len(set(names)) != len(names):
        raise EvalOptionError(f"a system is named twice: {', '.join(names)}")
    for name in names if packages else ():
        if name in PEER_NAMES:
            require(name)


def make_systems(
    names: Sequence[str],
    *,
    scorer: ArabicRouge,
    seed: int = 0,
    summarizer: Summarizer | None = None,
    background: Callable[[], Sequence[Sequence[str]]] | None = None,
) -> tuple[System, ...]:
    """Build systems by name; the oracle maximizes ROUGE-1 and ROUGE-2 with
    the run's multi-reference mode, stemming and length limit. The
    ``lexrank`` peer computes IDF over ``background()``: documents, each a
    list of sentences (the corpus being evaluated, as lexrank intends)."""
    check_system_names(names)
    oracle_scorer = dataclasses.replace(scorer, metrics=("rouge1", "rouge2"))
    factories: dict[str, Callable[[], System]] = {
        "textrank": lambda: TextRank(summarizer if summarizer is not None else Summarizer()),
        "lead": Lead,
        "lead-sentences": LeadSentences,
        "random": lambda: Random(seed=seed),
        "oracle": lambda: Oracle(oracle_scorer),
    }
    for peer in PEER_NAMES:
        factories[peer] = lambda peer=peer: PeerSystem(  # type: ignore[misc]
            make_peer(peer, background=background() if background is not None and peer == "lexrank" else ())
        )
    return tuple(factories[n]() for n in names)
