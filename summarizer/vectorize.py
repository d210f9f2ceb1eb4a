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
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .text.normalize import normalize, tokenize
from .text.stem import light_stem

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = ["Analyzer", "TokenFilter", "Vectors", "load_stop_words", "make_analyzer", "make_filter", "tfidf_weights", "vectorize"]

Analyzer = Callable[[str], list[str]]
TokenFilter = Callable[[Sequence[str]], list[str]]


@cache
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

    n = len(normalized)
    tokens = list(map(tokenize, normalized))
    index: dict[str, int] = {}
    add = index.setdefault  # a word's id: its rank of first occurrence
    ids = np.array([add(word, len(index)) for words in tokens for word in words], dtype=np.int64)
    if not index:  # no sentence has a token
        empty = csr_matrix((n, 1), dtype=np.float64)
        return Vectors(counts=empty, terms=empty, tfidf=empty)
    vocabulary = list(index)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.fromiter(map(len, tokens), dtype=np.int64, count=n))
    counts = _count_matrix(rows, ids, (n, len(vocabulary)))  # columns sorted, one entry per (sentence, word)
    column: dict[str, int] = {}
    add = column.setdefault
    # "" marks a stop word (a term is never empty); columns in order of first occurrence.
    term_of = np.array([add(t, len(column)) if t else -1 for t in _analyzed(vocabulary, frozenset(stop_words), stem)], dtype=np.int64)
    if not column:
        empty = csr_matrix((n, 1), dtype=np.float64)
        return Vectors(counts=counts, terms=empty, tfidf=empty)
    # Each count moves to its term's column; forms with the same stem add up.
    cols = term_of[ids]
    keep = cols >= 0
    terms = _count_matrix(rows[keep], cols[keep], (n, len(column)))
    return Vectors(counts=counts, terms=terms, tfidf=tfidf_weights(terms, sublinear_tf=sublinear_tf))


#: Words whose analysis is remembered, per stop-word list and stemming.
_ANALYZED_MAX = 200_000


@lru_cache(maxsize=16)
def _analysis_cache(stop_words: frozenset[str], stem: bool) -> dict[str, str]:
    return {}


def _analyzed(vocabulary: list[str], stop_words: frozenset[str], stem: bool) -> list[str]:
    """Each word's term (``make_filter``'s result for the one word), or
    ``""`` for a stop word; remembered across documents, as the stemmer's
    own cache does (words repeat from one document to the next)."""
    cache = _analysis_cache(stop_words, stem)
    if len(cache) > _ANALYZED_MAX:
        cache.clear()
    terms = list(map(cache.get, vocabulary))
    if None in terms:
        for j, word in enumerate(vocabulary):
            if terms[j] is None:
                term = "" if word in stop_words else light_stem(word) if stem else word
                cache[word] = terms[j] = term
    return terms  # type: ignore[return-value]


def _count_matrix(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> csr_matrix:
    """How often each ``(rows[k], cols[k])`` occurs (``rows`` sorted), as a
    CSR matrix in canonical form (columns sorted within rows, no duplicate
    entries). A small one is counted in a dense table, without scipy's
    conversions; a large one is summed by scipy in place."""
    import numpy as np
    from scipy.sparse import csr_matrix

    n, m = shape
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    if n * m > 4 * len(cols) + 65_536 or n * m >= np.iinfo(np.int32).max:
        matrix = csr_matrix((np.ones(len(cols)), cols, indptr), shape=shape)
        matrix.sum_duplicates()
        return matrix
    table = np.bincount(rows * m + cols, minlength=n * m)
    keys = np.flatnonzero(table)
    row = keys // m
    indptr[1:] = 0
    np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
    matrix = csr_matrix((table[keys].astype(np.float64), (keys - row * m).astype(np.int32), indptr.astype(np.int32)), shape=shape)
    matrix.has_canonical_format = True
    return matrix


def tfidf_weights(terms: csr_matrix, *, sublinear_tf: bool) -> csr_matrix:
    """scikit-learn's TF-IDF of the term counts: ``TfidfTransformer`` weights
    them, scikit-learn's in-place L2 row normalization (what the
    transformer's own ``norm="l2"`` calls, after validating its input a
    third time) normalizes them. The counts are a finite matrix built here,
    so scikit-learn's parameter and finiteness checks are skipped: the same
    result, and on a news article those checks cost more than the weighting.
    """
    import numpy as np
    import sklearn
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

    with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
        tfidf = TfidfTransformer(norm=None, sublinear_tf=sublinear_tf).fit_transform(terms)
    if type(tfidf) is not csr_matrix or tfidf.dtype != np.float64:
        tfidf = csr_matrix(tfidf, dtype=np.float64)
    inplace_csr_row_normalize_l2(tfidf)  # a copy of the counts, ours to change
    return tfidf
