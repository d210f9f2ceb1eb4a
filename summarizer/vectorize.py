"""Sentences to TF-IDF vectors (scikit-learn), with Arabic-aware analysis.

scikit-learn's default ``token_pattern`` splits Arabic words at diacritics,
so text is normalized first (marks stripped) and tokens are letter/digit
runs; the analysis is a small pipeline of callables: normalize → tokenize →
drop stop words → (optionally) light-stem. The same stages serve the
evaluation tokenizer, so all matching agrees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import TYPE_CHECKING

from .text.normalize import normalize, tokenize
from .text.stem import light_stem

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = ["Analyzer", "TokenFilter", "Vectors", "load_stop_words", "make_analyzer", "make_filter", "vectorize"]

Analyzer = Callable[[str], list[str]]
TokenFilter = Callable[[Sequence[str]], list[str]]


@lru_cache(maxsize=None)
def load_stop_words(language: str) -> frozenset[str]:
    """Stop words for ``language`` ("ar" or "en"), in normalized form."""
    if language == "en":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    text = resources.files("summarizer.text").joinpath(f"data/stopwords_{language}.txt").read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.update(tokenize(normalize(line)))
    return frozenset(words)


def make_filter(*, stop_words: Iterable[str] = (), stem: bool = False) -> TokenFilter:
    """The token stages after tokenizing: drop stop words, then light-stem."""
    stops = frozenset(stop_words)

    def apply(tokens: Sequence[str]) -> list[str]:
        kept = [t for t in tokens if t not in stops] if stops else list(tokens)
        return [light_stem(t) for t in kept] if stem else kept

    return apply


def make_analyzer(*, stop_words: Iterable[str] = (), stem: bool = False) -> Analyzer:
    """Compose all analysis stages into one callable ``text -> tokens``."""
    apply = make_filter(stop_words=stop_words, stem=stem)

    def analyze(text: str) -> list[str]:
        return apply(tokenize(normalize(text)))

    return analyze


@dataclass(frozen=True, slots=True)
class Vectors:
    """One document's sentence vectors, every matrix one row per sentence."""

    #: Token counts as written (after normalization); row sums are words.
    counts: csr_matrix
    #: Counts of the analyzed terms: stop words dropped, forms stemmed.
    terms: csr_matrix
    #: L2-normalized TF-IDF of ``terms`` (IDF over the document's sentences).
    tfidf: csr_matrix


def vectorize(
    normalized: Sequence[str],
    *,
    stop_words: Iterable[str] = (),
    stem: bool = False,
    sublinear_tf: bool = False,
) -> Vectors:
    """Vectorize already normalized sentences.

    Tokens are counted in one pass (a dictionary lookup per token, then one
    sparse matrix; columns in order of first occurrence) rather than by
    scikit-learn's ``CountVectorizer``, whose per-token Python loop,
    vocabulary sorting and pruning cost more than all the rest of the
    analysis; scikit-learn's ``TfidfTransformer`` then weights the counts.
    Stop words and stemming are applied to the vocabulary, not to every
    token (a document of 100,000 sentences has about two million tokens but
    tens of thousands of distinct words), by summing each surface form's
    column into its stem's. The result equals analyzing every token first.
    A document with no tokens at all gives all-zero matrices (every sentence
    then ranks equally) rather than scikit-learn's empty-vocabulary error.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    n = len(normalized)
    tokens = list(map(tokenize, normalized))
    flat = list(chain.from_iterable(tokens))
    if not flat:  # no sentence has a token
        empty = csr_matrix((n, 1), dtype=np.float64)
        return Vectors(counts=empty, terms=empty, tfidf=empty)
    vocabulary = list(dict.fromkeys(flat))
    index = dict(zip(vocabulary, range(len(vocabulary))))
    ids = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, tokens), dtype=np.int64, count=n), out=indptr[1:])
    counts = csr_matrix((np.ones(len(flat)), ids, indptr), shape=(n, len(vocabulary)))
    counts.sum_duplicates()  # one entry per (sentence, word), columns sorted
    stops = frozenset(stop_words)
    words = [j for j, word in enumerate(vocabulary) if word not in stops] if stops else list(range(len(vocabulary)))
    kept = make_filter(stem=stem)([vocabulary[j] for j in words])  # the same stemming as any token
    column: dict[str, int] = {}
    term_of = np.full(len(vocabulary), -1, dtype=np.int64)  # -1: a stop word
    term_of[words] = [column.setdefault(term, len(column)) for term in kept]
    if not column:
        empty = csr_matrix((n, 1), dtype=np.float64)
        return Vectors(counts=counts, terms=empty, tfidf=empty)
    # Each count moves to its term's column; forms with the same stem add up
    # (the COO to CSR conversion sums entries at the same place).
    cols = term_of[counts.indices]
    keep = cols >= 0
    rows = np.repeat(np.arange(n), np.diff(counts.indptr))[keep]
    terms = csr_matrix((counts.data[keep], (rows, cols[keep])), shape=(n, len(column)))
    tfidf = csr_matrix(TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(terms), dtype=np.float64)
    return Vectors(counts=counts, terms=terms, tfidf=tfidf)
