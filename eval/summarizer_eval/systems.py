"""Everything that produces a summary, behind one interface and one budget.

Fairness rules, applied to every system alike:

* **Same sentences.** A document is split once with
  :func:`summarizer.segment.segment` (language detected as the summarizer
  does) into a :class:`DocumentView`. Selectable sentences
  (``candidates``) are the ``"sentence"`` units, not headings or bylines,
  keeping only the first of sentences whose normalized tokens are equal
  (exact duplicates: scraped news repeats paragraphs, and no system should
  win or lose by picking a sentence twice). A document of headings only
  selects among its headings, as the summarizer does.
* **Same budget.** A ratio or sentence budget is turned into one sentence
  count per document, with the summarizer's semantics
  (:meth:`summarizer.select.Budget.sentence_limit`: a ratio of the distinct
  selectable sentences, rounded half up, at least one), and every system
  gets that count. A word budget is passed as is: systems add sentences
  that still fit, and when none fits take the single best one (the rule of
  :func:`summarizer.select.select`).

The summarizer also merges near duplicates (TF-IDF cosine >= 0.95), so
TextRank may have fewer sentences to choose from than the budget; it then
returns fewer.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from summarizer import Summarizer
from summarizer.normalize import detect_language, normalize, tokenize
from summarizer.segment import Segment, segment
from summarizer.select import Budget, select

from .errors import EvalError
from .rouge import ArabicRouge, Tokenized, mean_f

__all__ = [
    "SYSTEM_NAMES",
    "DocumentView",
    "Lead",
    "Oracle",
    "Random",
    "System",
    "TextRank",
    "describe_budget",
    "make_budget",
    "make_systems",
    "resolve_budget",
]


@dataclass(frozen=True, slots=True)
class DocumentView:
    """What every system sees of one document.

    ``references`` are for the :class:`Oracle` only, which is what makes it
    an oracle; the other systems never read them.
    """

    doc_id: str
    text: str
    language: str
    units: tuple[Segment, ...]
    #: Normalized tokens of each unit (the duplicate key).
    tokens: tuple[tuple[str, ...], ...]
    #: Indices of the selectable units, in document order.
    candidates: tuple[int, ...]
    references: tuple[Tokenized, ...] = ()
    word_counts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # count_words(text) is the number of normalized tokens: already here.
        object.__setattr__(self, "word_counts", tuple(len(t) for t in self.tokens))

    @classmethod
    def of(cls, doc_id: str, text: str, *, references: Sequence[Tokenized] = ()) -> DocumentView:
        language = detect_language(text)
        units = tuple(segment(text, language=language))
        tokens = tuple(tuple(tokenize(normalize(u.text))) for u in units)
        seen: set[tuple[str, ...]] = set()
        distinct = []
        for i, key in enumerate(tokens):
            if key and key not in seen:
                seen.add(key)
                distinct.append(i)
        candidates = [i for i in distinct if units[i].kind == "sentence"] or distinct
        return cls(doc_id, text, language, units, tokens, tuple(candidates), tuple(references))

    def sentences(self, chosen: Sequence[int]) -> tuple[str, ...]:
        """The text of the chosen units, in document order."""
        return tuple(self.units[i].text for i in sorted(chosen))


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
        return f"{budget.words} words per summary (sentences added while they fit)"
    if budget.sentences is not None:
        return f"{budget.sentences} sentences per summary (fewer if the document has fewer)"
    return (
        f"ratio {budget.ratio:g} of the distinct selectable sentences (rounded, at least one), "
        "the same sentence count for every system"
    )


@runtime_checkable
class System(Protocol):
    """A summarizer under evaluation: picks units of the view within the budget."""

    name: str

    def select(self, view: DocumentView, budget: Budget) -> tuple[int, ...]:
        """Indices into ``view.units``, in document order."""
        ...


def _by_scores(view: DocumentView, budget: Budget, scores: Sequence[float]) -> tuple[int, ...]:
    """Take candidates by score under the budget, by the summarizer's own rule."""
    from scipy.sparse import csr_matrix

    n = len(view.units)
    chosen = select(view.candidates, scores, view.word_counts, csr_matrix((n, n)), budget=budget, redundancy=1.0)
    return tuple(chosen)


@dataclass(frozen=True, slots=True)
class Lead:
    """The first sentences: the baseline news summaries are hard to beat with."""

    name: str = "lead"

    def select(self, view: DocumentView, budget: Budget) -> tuple[int, ...]:
        return _by_scores(view, budget, [-float(i) for i in range(len(view.units))])


@dataclass(frozen=True, slots=True)
class Random:
    """Random sentences; the generator is seeded by ``seed`` and the document id,
    so a document gets the same pick whatever else is in the run."""

    seed: int = 0
    name: str = "random"

    def select(self, view: DocumentView, budget: Budget) -> tuple[int, ...]:
        import numpy as np

        rng = np.random.default_rng([self.seed, zlib.crc32(view.doc_id.encode("utf-8"))])
        return _by_scores(view, budget, rng.random(len(view.units)).tolist())


@dataclass(frozen=True, slots=True)
class TextRank:
    """The project's summarizer, with its settings except the length, which
    the evaluation sets per document."""

    summarizer: Summarizer = field(default_factory=Summarizer)
    name: str = "textrank"

    def select(self, view: DocumentView, budget: Budget) -> tuple[int, ...]:
        configured = dataclasses.replace(
            self.summarizer, ratio=None, sentences=budget.sentences, words=budget.words, language=view.language
        )
        summary = configured.summarize(view.text)
        if len(summary.sentences) != len(view.units):
            raise EvalError(
                f"{view.doc_id}: the summarizer split the document into {len(summary.sentences)} units, "
                f"the evaluation into {len(view.units)}"
            )
        return tuple(s.index for s in summary.selected)


@dataclass(frozen=True, slots=True)
class Oracle:
    """Greedy extractive upper bound: repeatedly add the candidate that gives
    the highest mean F of ``scorer`` against the references, until the
    budget is full (it fills the budget like every other system, so lengths
    stay comparable; greedy, so a bound in practice, not a proof)."""

    scorer: ArabicRouge = field(default_factory=lambda: ArabicRouge(metrics=("rouge1", "rouge2")))
    name: str = "oracle"

    def _value(self, view: DocumentView, chosen: Sequence[int]) -> float:
        summary = self.scorer.truncate([view.tokens[i] for i in sorted(chosen)])
        return mean_f(self.scorer.score_tokenized(summary, view.references))

    def select(self, view: DocumentView, budget: Budget) -> tuple[int, ...]:
        if not view.references:
            raise EvalError(f"{view.doc_id}: the oracle needs the reference summaries")
        limit = budget.sentence_limit(len(view.candidates))
        chosen: list[int] = []
        used = 0
        while limit is None or len(chosen) < limit:
            fits = [
                c
                for c in view.candidates
                if c not in chosen and (budget.words is None or used + view.word_counts[c] <= budget.words)
            ]
            if not fits:
                break
            best = max(fits, key=lambda c: self._value(view, [*chosen, c]))  # first on ties
            chosen.append(best)
            used += view.word_counts[best]
        if not chosen and view.candidates:  # nothing fits the word budget
            chosen.append(max(view.candidates, key=lambda c: self._value(view, [c])))
        return tuple(sorted(chosen))


SYSTEM_NAMES: tuple[str, ...] = ("textrank", "lead", "random", "oracle")


def make_systems(
    names: Sequence[str],
    *,
    scorer: ArabicRouge,
    seed: int = 0,
    summarizer: Summarizer | None = None,
) -> tuple[System, ...]:
    """Build systems by name; the oracle maximizes ROUGE-1 and ROUGE-2 with
    the run's multi-reference mode, stemming and length limit."""
    unknown = [n for n in names if n not in SYSTEM_NAMES]
    if unknown:
        raise EvalError(f"unknown system {', '.join(map(repr, unknown))}; valid systems: {', '.join(SYSTEM_NAMES)}")
    if not names:
        raise EvalError(f"give at least one system; valid systems: {', '.join(SYSTEM_NAMES)}")
    if len(set(names)) != len(names):
        raise EvalError(f"a system is named twice: {', '.join(names)}")
    oracle_scorer = dataclasses.replace(scorer, metrics=("rouge1", "rouge2"))
    factories = {
        "textrank": lambda: TextRank(summarizer if summarizer is not None else Summarizer()),
        "lead": Lead,
        "random": lambda: Random(seed=seed),
        "oracle": lambda: Oracle(oracle_scorer),
    }
    return tuple(factories[n]() for n in names)
