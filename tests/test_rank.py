"""Similarity graph, duplicate collapsing and PageRank."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from summarizer.rank import find_duplicates, pagerank, similarity_matrix
from summarizer.text.normalize import normalize, tokenize
from summarizer.text.stem import light_stem
from summarizer.vectorize import load_stop_words, make_analyzer, vectorize


def _matrix(sentences: list[str]) -> csr_matrix:
    return vectorize([normalize(s) for s in sentences], stop_words=load_stop_words("ar")).tfidf


def test_similarity_is_symmetric_with_zero_diagonal() -> None:
    X = _matrix(["القطط تحب السمك", "القطط تحب الحليب", "السيارات سريعة"])
    S = similarity_matrix(X, method="exact").toarray()
    assert np.allclose(S, S.T)
    assert np.all(np.diag(S) == 0)
    assert S[0, 1] > 0 and S[0, 2] == 0


def test_exact_duplicates_after_normalization() -> None:
    sentences = ["أكد الوزير أهمية التعاون.", "اكد الوزير اهمية التعاون", "جملة مختلفة تماما."]
    keys = [tuple(tokenize(normalize(s))) for s in sentences]
    S = similarity_matrix(_matrix(sentences))
    assert find_duplicates(keys, S) == [0, 0, 2]


def test_near_duplicates_by_threshold_are_transitive() -> None:
    keys = ["a", "b", "c", "d"]
    S = csr_matrix(np.array([[0, 0.96, 0, 0], [0.96, 0, 0.97, 0], [0, 0.97, 0, 0.5], [0, 0, 0.5, 0]]))
    assert find_duplicates(keys, S, threshold=0.95) == [0, 0, 0, 3]
    assert find_duplicates(keys, S, threshold=0.99) == [0, 1, 2, 3]


def test_pagerank_favours_the_central_sentence() -> None:
    W = csr_matrix(np.array([[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]], dtype=float))
    scores = pagerank(W)
    assert scores.argmax() == 0
    assert scores.sum() == pytest.approx(1.0)


def test_pagerank_personalization_shifts_rank() -> None:
    W = csr_matrix(np.ones((3, 3)) - np.eye(3))
    uniform = pagerank(W)
    assert np.allclose(uniform, 1 / 3)
    tilted = pagerank(W, personalization=np.array([1.0, 0.0, 0.0]))
    assert tilted[0] > tilted[1] == pytest.approx(tilted[2])


def test_pagerank_handles_isolated_nodes() -> None:
    scores = pagerank(csr_matrix((3, 3)))
    assert np.allclose(scores, 1 / 3)


def test_light_stemmer_strips_clitics_not_stems() -> None:
    assert light_stem(normalize("والمدرسة")) == "مدرس"
    assert light_stem(normalize("بالكتاب")) == "كتاب"
    assert light_stem(normalize("المعلمون")) == "معلم"
    assert light_stem("في") == "في"  # too short to strip
    assert light_stem("books") == "books"  # other scripts untouched


def test_analyzer_drops_stop_words_and_stems() -> None:
    analyze = make_analyzer(stop_words=load_stop_words("ar"), stem=True)
    assert analyze("وقال إن المدارس في المدينة") == ["مدارس", "مدين"]


def test_forward_weight_makes_rank_flow_to_what_later_sentences_repeat() -> None:
    """Directed centrality (PacSum's idea under PageRank): with ``forward``
    < 1 a sentence gains from later sentences like it more than from
    earlier ones. Two equal sentences, one first and one last, tie on the
    undirected graph; directed, the first wins."""
    import numpy as np
    from scipy.sparse import csr_matrix

    from summarizer.rank import build_graph, pagerank

    W = csr_matrix(np.array([[0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]]))
    undirected = pagerank(W, damping=0.85)
    assert np.allclose(undirected, 1 / 3)
    directed = pagerank(W, damping=0.85, forward=0.0)
    assert directed[0] > directed[1] > directed[2]
    half = pagerank(W, damping=0.85, forward=0.5)
    assert directed[0] > half[0] > undirected[0]
    G = build_graph(W, forward=0.5)
    assert G.is_directed() and G[1][0]["weight"] == 0.5 and G[1][2]["weight"] == 0.25
    # The first sentence's edges all point forward: full weight, the same walk (see build_graph).
    assert G[0][1]["weight"] == G[0][2]["weight"] == 0.5
    assert not build_graph(W).is_directed()


def walk(W: object, forward: float) -> object:
    """Row-stochastic transitions of the directed graph, from the definition:
    later -> earlier at full weight, earlier -> later times ``forward``."""
    import numpy as np

    A = np.asarray(W.toarray() if hasattr(W, "toarray") else W, dtype=np.float64)  # type: ignore[attr-defined]
    D = np.tril(A) + forward * np.triu(A)
    sums = D.sum(axis=1, keepdims=True)
    return np.divide(D, sums, out=np.zeros_like(D), where=sums > 0)


def test_tiny_forward_weights_rank_as_their_limit() -> None:
    """``forward`` = 1e-310 made every rank NaN (subnormal out-weights: their
    sum's reciprocal overflowed). Ranks are finite for every forward in
    (0, 1], agree with PageRank of the walk the definition gives (here at
    forward = 1e-3, where no weight underflows), and reach the limit
    forward -> 0+ smoothly: a sentence whose edges all point forward keeps
    passing its rank on, unlike forward = 0, where it dangles."""
    import numpy as np
    from scipy.sparse import csr_matrix

    from summarizer.rank import pagerank

    W = csr_matrix(np.array([[0, 0.6, 0.2, 0], [0.6, 0, 0.5, 0.1], [0.2, 0.5, 0, 0.7], [0, 0.1, 0.7, 0]]))
    p = np.array([0.4, 0.3, 0.2, 0.1])
    for f in (0.5, 1e-3):
        P = walk(W, f)
        x = np.linalg.solve((np.eye(4) - 0.85 * P).T, 0.15 * p)  # no dangling node: x = 0.85 x P + 0.15 p
        assert np.allclose(pagerank(W, damping=0.85, personalization=p, forward=f), x / x.sum(), atol=1e-9)
    limit = pagerank(W, damping=0.85, personalization=p, forward=1e-300)
    for f in (1e-12, 1e-200, 2.2250738585072014e-308, 1e-310, 1e-320, 5e-324):
        ranks = pagerank(W, damping=0.85, personalization=p, forward=f)
        assert np.isfinite(ranks).all() and np.allclose(ranks, limit, atol=1e-9), (f, ranks)
    zero = pagerank(W, damping=0.85, personalization=p, forward=0.0)
    assert np.isfinite(zero).all() and not np.allclose(zero, limit, atol=1e-3)


def test_position_decay_and_min_similarity_options() -> None:
    from summarizer import Summarizer

    text = " ".join(
        f"جملة رقم {i} عن الاقتصاد والتجارة والأسواق المالية في المنطقة {'و' * (i % 3)}الدول." for i in range(8)
    )
    base = Summarizer(sentences=3).summarize(text)
    decayed = Summarizer(sentences=3, position_decay=1.0).summarize(text)
    for s, d in zip(base.sentences, decayed.sentences):
        if s.duplicate_of is None and s.score > 0:
            assert d.score < s.score or s.index == 0
    assert Summarizer(sentences=3, min_similarity=0.99).summarize(text).selected  # no edge left: still a summary
