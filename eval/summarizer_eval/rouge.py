"""ROUGE-1, ROUGE-2 and ROUGE-Lsum that are right for Arabic.

Scoring is rouge-score's ``RougeScorer`` with the project's tokenizer object
(:class:`~summarizer_eval.tokenizers.ArabicTokenizer`). This module adds what
rouge-score lacks:

* sentence splitting with the project's segmenter (ROUGE-Lsum is
  summary-level LCS over sentences, one per line; NLTK is not used);
* a word-length limit applied to summary and references before scoring,
  as ROUGE-1.5.5's ``-l``: the first ``length_limit`` words are kept,
  across sentences, the last sentence cut where the limit falls. Words are
  the scorer's tokens (letter/digit runs); ROUGE-1.5.5 counts
  whitespace-separated words of the raw text, which differs only where
  punctuation stands alone or joins words (``2010-2011``);
* several references per document, in two modes:

  ``pooled`` (ROUGE-1.5.5's default ``-f A``, rouge-metric's
  ``multi_ref_mode="average"``): matches and sizes are summed over the
  references, then P = Σ matches / Σ summary sizes (the summary is counted
  once per reference), R = Σ matches / Σ reference sizes, F = 2PR/(P+R).
  A summary cannot earn extra credit from one reference for what another
  lacks. Unlike ROUGE-1.5.5, P and R are not rounded to five decimals
  before F is taken (rouge-metric does not round either).

  ``max`` (best-of): each reference is scored on its own and the one with
  the highest F gives P, R and F (the first one on ties), as rouge-score's
  ``score_multi`` does. ROUGE-1.5.5's ``-f B`` and rouge-metric's
  ``"best"`` choose by recall instead; this mode is not that one.

Text that is not blank but yields no token is an error, not a zero: it
means the text is in a script or encoding the tokenizer does not read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from summarizer.text.normalize import detect_language
from summarizer.text.segment import segment
from summarizer.validate import Count, check, one_of

from .errors import EvalError, EvalOptionError
from .tokenizers import ArabicTokenizer, make_tokenizer

if TYPE_CHECKING:
    from rouge_score.rouge_scorer import RougeScorer

__all__ = [
    "METRICS",
    "METRIC_LABELS",
    "MULTI_REF_DESCRIPTIONS",
    "MULTI_REF_MODES",
    "ArabicRouge",
    "Counts",
    "Score",
    "Tokenized",
    "mean_f",
    "pool",
    "split_sentences",
    "truncate_tokens",
]

METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeLsum")
METRIC_LABELS: dict[str, str] = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeLsum": "ROUGE-Lsum"}
MULTI_REF_MODES: tuple[str, ...] = ("pooled", "max")
#: How each multi-reference mode reads in a report.
MULTI_REF_DESCRIPTIONS: dict[str, str] = {
    "pooled": "pooled: matches and sizes summed over all references (ROUGE-1.5.5 -f A)",
    "max": "max: the single reference with the highest F (best-of)",
}

#: Matching form without stemming: the stem is applied once, inside the
#: tokenizer rouge-score calls, never twice.
_PLAIN = ArabicTokenizer()


def _f(precision: float, recall: float) -> float:
    return 0.0 if precision == 0.0 or recall == 0.0 else 2.0 * precision * recall / (precision + recall)


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one metric."""

    precision: float
    recall: float
    f: float

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f": self.f}


@dataclass(frozen=True, slots=True)
class Counts:
    """Match statistics of a summary against one reference (one metric).

    Sizes are n-gram counts for ROUGE-N and token counts for ROUGE-Lsum.
    """

    matches: int
    summary: int
    reference: int


def pool(counts: Sequence[Counts]) -> Score:
    """The ``pooled`` multi-reference score (ROUGE-1.5.5 ``-f A``)."""
    matches = sum(c.matches for c in counts)
    summary = sum(c.summary for c in counts)
    reference = sum(c.reference for c in counts)
    p = matches / summary if summary else 0.0
    r = matches / reference if reference else 0.0
    return Score(p, r, _f(p, r))


def truncate_tokens(sentences: Sequence[Sequence[str]], limit: int | None) -> Tokenized:
    """Keep the first ``limit`` tokens across sentences (``None``: all), the
    last sentence cut where the limit falls; empty sentences are dropped."""
    kept: list[tuple[str, ...]] = []
    left = limit
    for s in sentences:
        if not s:
            continue
        if left is not None:
            if left <= 0:
                break
            s = s[:left]
            left -= len(s)
        kept.append(tuple(s))
    return Tokenized(tuple(kept))


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` by the project's segmenter (headings included)."""
    return [u.text for u in segment(text, language=detect_language(text))]


@dataclass(frozen=True, slots=True)
class Tokenized:
    """A text as the scorer sees it: sentences of matching tokens, truncated.

    Tokens are normalized but not stemmed; ``text`` (one sentence a line) is
    what rouge-score reads through the stemming tokenizer.
    """

    sentences: tuple[tuple[str, ...], ...]

    @property
    def size(self) -> int:
        return sum(len(s) for s in self.sentences)

    @property
    def text(self) -> str:
        return "\n".join(" ".join(s) for s in self.sentences)

    def ngrams(self, n: int) -> int:
        """How many n-grams rouge-score counts: over the flattened tokens."""
        return max(0, self.size - n + 1)


@dataclass(frozen=True, kw_only=True)
class ArabicRouge:
    """A configured scorer; reuse it for a whole corpus.

    ``metrics`` from :data:`METRICS`; ``multi_ref`` one of
    :data:`MULTI_REF_MODES`; ``stem`` ``"none"`` or ``"light"``;
    ``length_limit`` keeps the first N words of every text (``None``: all).
    """

    metrics: tuple[str, ...] = METRICS
    multi_ref: str = "pooled"
    stem: str = "none"
    length_limit: int | None = None
    _scorer: RougeScorer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        metrics = tuple(self.metrics)
        unknown = [m for m in metrics if m not in METRICS]
        if not metrics or unknown:
            raise EvalError(f"metrics must be among {', '.join(METRICS)}; got {', '.join(map(repr, metrics))}")
        one_of("multi_ref", self.multi_ref, MULTI_REF_MODES, error=EvalOptionError)
        check("length_limit", self.length_limit, Count(), optional=True, error=EvalOptionError)
        tokenizer = make_tokenizer(self.stem)
        from rouge_score.rouge_scorer import RougeScorer

        object.__setattr__(self, "metrics", metrics)
        object.__setattr__(self, "_scorer", RougeScorer(list(metrics), tokenizer=tokenizer))

    def settings(self) -> dict[str, Any]:
        return {
            "metrics": list(self.metrics),
            "multi_ref": self.multi_ref,
            "stem": self.stem,
            "length_limit": self.length_limit,
        }

    # -- tokens ---------------------------------------------------------
    def tokenize(self, text: str | Sequence[str], *, name: str = "text") -> Tokenized:
        """Split (a ``str`` by the segmenter; a sequence is taken as its
        sentences), tokenize, check, truncate. ``name`` goes into errors."""
        sentences = split_sentences(text) if isinstance(text, str) else list(text)
        tokens = [tuple(_PLAIN.tokenize(s)) for s in sentences]
        blank = not text.strip() if isinstance(text, str) else not any(s.strip() for s in sentences)
        if not any(tokens) and not blank:
            raise EvalError(f"{name} is not empty but has no letters or digits to score")
        return self.truncate(tokens)

    def truncate(self, sentences: Sequence[Sequence[str]]) -> Tokenized:
        """Keep the first ``length_limit`` tokens, dropping empty sentences."""
        return truncate_tokens(sentences, self.length_limit)

    # -- scores ---------------------------------------------------------
    def counts(self, summary: Tokenized, reference: Tokenized) -> dict[str, Counts]:
        """rouge-score's match counts for one reference.

        rouge-score returns ratios; the integer matches are recall times
        the reference size (exact after rounding), which is what pooling
        needs.
        """
        raw = self._scorer.score(reference.text, summary.text)
        out: dict[str, Counts] = {}
        for m in self.metrics:
            if m == "rougeLsum":
                ref_size, sum_size = reference.size, summary.size
            else:
                ref_size, sum_size = reference.ngrams(int(m[5:])), summary.ngrams(int(m[5:]))
            matches = round(raw[m].recall * ref_size) if ref_size else 0
            out[m] = Counts(matches, sum_size, ref_size)
        return out

    def score_tokenized(self, summary: Tokenized, references: Sequence[Tokenized]) -> dict[str, Score]:
        """Multi-reference scores of a tokenized summary."""
        if not references:
            raise EvalError("at least one reference summary is needed")
        for k, r in enumerate(references, 1):
            if r.size == 0:
                raise EvalError(f"reference {k} is empty")
        per_ref = [self.counts(summary, r) for r in references]
        result: dict[str, Score] = {}
        for m in self.metrics:
            if self.multi_ref == "pooled":
                result[m] = pool([c[m] for c in per_ref])
            else:
                scores = [pool([c[m]]) for c in per_ref]
                result[m] = max(scores, key=lambda s: s.f)  # first on ties
        return result

    def score(self, summary: str | Sequence[str], references: Sequence[str | Sequence[str]]) -> dict[str, Score]:
        """Score a summary against its references (texts or sentence lists)."""
        refs = [self.tokenize(r, name=f"reference {k}") for k, r in enumerate(references, 1)]
        return self.score_tokenized(self.tokenize(summary, name="summary"), refs)


def mean_f(scores: Mapping[str, Score]) -> float:
    """Mean F over the metrics scored: one number to maximize."""
    return sum(s.f for s in scores.values()) / len(scores)
