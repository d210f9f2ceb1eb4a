"""What a system sees of a document, and what it gives back.

Every system under evaluation gets the same :class:`DocumentView` of a
document (one segmentation, shared by all) and returns a
:class:`SystemSummary`: the sentences it shows a reader and their matching
tokens, which are what ROUGE scores. An extractive system also says which
units it picked; a summary read from a file (:mod:`summarizer_eval.candidates`)
has no units to point at.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from summarizer.errors import EmptyDocumentError
from summarizer.pipeline import Segmented, split
from summarizer.select import Budget, select, word_end
from summarizer.text.normalize import detect_language, normalize, tokenize
from summarizer.text.segment import Segment

from .rouge import Tokenized

__all__ = ["DocumentView", "System", "SystemSummary", "by_scores", "corpus_sentences", "cut_summary", "segment_text"]


def segment_text(text: str) -> Segmented:
    """``text`` split as the summarizer splits it (language detected); a
    text without a sentence gives no units (it is scored as empty)."""
    try:
        return split(text)
    except EmptyDocumentError:
        return Segmented(text, detect_language(text), ())


def corpus_sentences(texts: Iterable[str]) -> list[list[str]]:
    """Every text's units as the evaluation sees them: the sentences a peer
    that learns from the corpus (``lexrank``'s IDF) is given."""
    return [[u.text for u in segment_text(t).units] for t in texts]


@dataclass(frozen=True, slots=True)
class DocumentView:
    """What every system sees of one document.

    ``references`` are for the oracle only, which is what makes it an
    oracle; the other systems never read them.
    """

    doc_id: str
    text: str
    language: str
    units: tuple[Segment, ...]
    #: Normalized tokens of each unit (the duplicate key, and what ROUGE reads).
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
        """Segment ``text`` as the summarizer does (language detected) and
        mark the selectable units: sentences, not headings or bylines, the
        first of each set of units with equal tokens (a document of headings
        only selects among its headings, as the summarizer does)."""
        segmented = segment_text(text)
        language, units = segmented.language, segmented.units
        tokens = tuple(tuple(tokenize(normalize(u.text))) for u in units)
        seen: set[tuple[str, ...]] = set()
        distinct = []
        for i, key in enumerate(tokens):
            if key and key not in seen:
                seen.add(key)
                distinct.append(i)
        candidates = [i for i in distinct if units[i].kind == "sentence"] or distinct
        return cls(doc_id, text, language, units, tokens, tuple(candidates), tuple(references))

    @property
    def segmented(self) -> Segmented:
        """The one segmentation, as the summarizer's pipeline takes it."""
        return Segmented(self.text, self.language, self.units)

    def sentences(self, chosen: Sequence[int]) -> tuple[str, ...]:
        """The text of the chosen units, in document order."""
        return tuple(self.units[i].text for i in sorted(chosen))

    def extract(self, chosen: Sequence[int]) -> SystemSummary:
        """The summary made of the chosen units, in document order."""
        order = tuple(sorted(chosen))
        return SystemSummary(self.sentences(order), tuple(self.tokens[i] for i in order), order)


@dataclass(frozen=True, slots=True)
class SystemSummary:
    """One system's summary of one document.

    ``sentences`` are shown to a reader (a sentence cut by a word budget
    ends where the cut fell); ``tokens`` holds each sentence's matching
    tokens (normalized, not stemmed), which is what is scored.
    ``selected`` are the units of the :class:`DocumentView` it was made of,
    empty when the summary did not come from the view (a candidate file).
    """

    sentences: tuple[str, ...]
    tokens: tuple[tuple[str, ...], ...]
    selected: tuple[int, ...] = ()

    @property
    def words(self) -> int:
        return sum(len(t) for t in self.tokens)


def cut_summary(summary: SystemSummary, words: int) -> SystemSummary:
    """``summary`` cut after its first ``words`` words, across sentences,
    the last one cut at a word boundary (ROUGE-1.5.5's ``-l`` rule); the
    summary itself when it is no longer than that."""
    if summary.words <= words:
        return summary
    sentences: list[str] = []
    tokens: list[tuple[str, ...]] = []
    left = words
    for text, toks in zip(summary.sentences, summary.tokens):
        if left <= 0:
            break
        if len(toks) > left:
            text, toks = text[: word_end(text, left)], toks[:left]
        sentences.append(text)
        tokens.append(toks)
        left -= len(toks)
    kept = summary.selected[: len(sentences)] if summary.selected else ()
    return SystemSummary(tuple(sentences), tuple(tokens), kept)


@runtime_checkable
class System(Protocol):
    """A summarizer under evaluation."""

    @property
    def name(self) -> str:
        """How reports call it."""
        ...

    def summarize(self, view: DocumentView, budget: Budget) -> SystemSummary:
        """The summary of ``view`` within ``budget``."""
        ...


def by_scores(view: DocumentView, budget: Budget, scores: Sequence[float]) -> tuple[int, ...]:
    """Take candidates by score under the budget, by the summarizer's own
    selection rule (best first, ties to the earlier sentence, whole
    sentences), without its marginal relevance or redundancy guard: peers
    are scored as they rank."""
    from scipy.sparse import csr_matrix

    n = len(view.units)
    chosen = select(view.candidates, scores, view.word_counts, csr_matrix((n, n)), budget=budget, redundancy=1.0)
    if not chosen and view.candidates:
        # No whole sentence fits the word budget (the summarizer's summary
        # is then empty): the best one, which the evaluation cuts to it.
        chosen = [min(view.candidates, key=lambda i: (-scores[i], i))]
    return tuple(chosen)
