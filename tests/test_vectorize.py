"""vectorize counts tokens itself: it must agree with scikit-learn's vectorizers."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from summarizer.text.normalize import normalize
from summarizer.vectorize import load_stop_words, make_analyzer, vectorize

WORDS = ["قال", "الوزير", "إن", "التعاون", "والتعاون", "بين", "البلدين", "في", "الأمن", "بالأمن", "٢٠٢٤", "news", "News", "3"]
SEPARATORS = [" ", " ", "، ", ". ", "-", "_"]
sentences = st.lists(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=12).map(
        lambda pairs: normalize("".join(w + s for w, s in pairs))
    ),
    min_size=1,
    max_size=12,
)


def _same_up_to_columns(ours: csr_matrix, theirs: csr_matrix) -> None:
    """Equal matrices whatever the column order: same shape, the same values
    in every row, the same Gram matrix (all that ranking uses)."""
    assert ours.shape == theirs.shape
    for i in range(ours.shape[0]):
        assert np.allclose(np.sort(ours[i].data), np.sort(theirs[i].data), rtol=0, atol=1e-12)
    assert np.allclose((ours @ ours.T).toarray(), (theirs @ theirs.T).toarray(), rtol=0, atol=1e-12)


@settings(max_examples=200, deadline=None)
@given(texts=sentences, stop=st.booleans(), stem=st.booleans(), sublinear=st.booleans())
def test_matches_scikit_learn(texts: list[str], stop: bool, stem: bool, sublinear: bool) -> None:
    stops = load_stop_words("ar") if stop else frozenset()
    vectors = vectorize(texts, stop_words=stops, stem=stem, sublinear_tf=sublinear)
    analyze = make_analyzer(stop_words=stops, stem=stem)
    raw = make_analyzer()
    if not any(raw(t) for t in texts):  # no token at all: all-zero rows
        assert vectors.counts.nnz == vectors.tfidf.nnz == 0 and vectors.tfidf.shape[0] == len(texts)
        return
    counts = CountVectorizer(analyzer=raw).fit_transform(texts)
    _same_up_to_columns(vectors.counts, csr_matrix(counts, dtype=np.float64))
    assert vectors.counts.sum(axis=1).A1.tolist() == [len(raw(t)) for t in texts]
    if not any(analyze(t) for t in texts):  # only stop words
        assert vectors.tfidf.nnz == 0
        return
    _same_up_to_columns(vectors.terms, csr_matrix(CountVectorizer(analyzer=analyze).fit_transform(texts), dtype=np.float64))
    tfidf = TfidfVectorizer(analyzer=analyze, sublinear_tf=sublinear).fit_transform(texts)
    _same_up_to_columns(vectors.tfidf, csr_matrix(tfidf))


def test_counts_have_one_entry_per_sentence_and_word() -> None:
    vectors = vectorize(["a b a c", "c d", "", "b"])
    assert vectors.counts.has_canonical_format  # sorted, no duplicate entries
    assert vectors.counts.toarray().tolist() == [[2, 1, 1, 0], [0, 0, 1, 1], [0, 0, 0, 0], [0, 1, 0, 0]]
