"""Sentences to TF-IDF vectors (scikit-learn), with Arabic-aware analysis.

scikit-learn's default ``token_pattern`` splits Arabic words at diacritics,
so the analyzer is our own small pipeline of callables: normalize → tokenize
→ drop stop words → (optionally) light-stem. The same analyzer serves the
duplicate check and the evaluation tokenizer, so all matching agrees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .normalize import normalize, tokenize
from .stem import light_stem

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = ["Analyzer", "TokenFilter", "load_stop_words", "make_analyzer", "make_filter", "vectorize"]

Analyzer = Callable[[str], list[str]]
TokenFilter = Callable[[Sequence[str]], list[str]]


@lru_cache(maxsize=None)
def load_stop_words(language: str) -> frozenset[str]:
    """Stop words for ``language`` ("ar" or "en"), in normalized form."""
    if language == "en":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    text = resources.files("summarizer").joinpath(f"data/stopwords_{language}.txt").read_text("utf-8")
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


def vectorize(
    token_lists: Sequence[Sequence[str]],
    *,
    stop_words: Iterable[str] = (),
    stem: bool = False,
    sublinear_tf: bool = False,
) -> csr_matrix:
    """Return the L2-normalized TF-IDF matrix of already tokenized sentences.

    Sentences are tokenized once by the caller (the tokens also key the
    duplicate check). A document whose sentences keep no tokens at all gives
    an all-zero matrix (every sentence then ranks equally) rather than
    scikit-learn's empty-vocabulary error.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    apply = make_filter(stop_words=stop_words, stem=stem)
    analyzed = [apply(tokens) for tokens in token_lists]
    if not any(analyzed):
        return csr_matrix((len(analyzed), 1), dtype=np.float64)
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=sublinear_tf, dtype=np.float64)
    return csr_matrix(vectorizer.fit_transform(analyzed))


def _identity(tokens: list[str]) -> list[str]:
    return tokens
