"""The sparse graph path: top-k neighbours in blocks, the residual hub, networkx."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse import random as sparse_random

from benchmarks.synthetic import load_vocabulary, synthetic_document
from summarizer import Summarizer, rank

ROOT = Path(__file__).resolve().parent.parent


def _tfidf(n: int, seed: int = 0) -> csr_matrix:
    vocabulary = load_vocabulary([ROOT / "seeds" / "hammouchi_zaabi.txt"])
    text = synthetic_document(n, vocabulary, seed=seed)
    return Summarizer(language="ar").prepare(text).vectors.tfidf  # the pipeline's own analysis


@pytest.fixture(scope="module")
def X() -> csr_matrix:
    return _tfidf(300)


def _exact(X: csr_matrix) -> np.ndarray:
    D = (X @ X.T).toarray()
    np.fill_diagonal(D, 0.0)
    return np.clip(D, 0.0, 1.0)


def _check_shape(S: csr_matrix, n: int) -> None:
    assert S.shape == (n, n)
    assert abs(S - S.T).max() == 0.0
    assert np.all(S.diagonal() == 0.0)
    assert S.data.min() > 0.0 and S.data.max() <= 1.0


def test_sparse_keeps_each_rows_top_k_with_exact_cosines(X: csr_matrix) -> None:
    """With a search wide enough for every pair, top-k is exact."""
    k = 7
    S = rank.similarity_matrix(X, method="sparse", top_k=k, candidate_products=10**12)
    D = _exact(X)
    _check_shape(S, X.shape[0])
    dense = S.toarray()
    kept = dense > 0
    assert np.allclose(dense[kept], D[kept])
    for i in range(X.shape[0]):
        kth = np.sort(D[i])[::-1][k - 1]
        # every neighbour strictly above the k-th value is kept, and the row
        # holds at least k (more when other rows chose it).
        assert kept[i][D[i] > kth + 1e-12].all()
        assert kept[i].sum() >= min(k, int((D[i] > 0).sum()))
    # an edge exists only if one of its ends ranks the other in its top k
    for i, j in zip(*np.nonzero(np.triu(kept))):
        assert D[i, j] >= np.sort(D[i])[::-1][k - 1] - 1e-12 or D[i, j] >= np.sort(D[j])[::-1][k - 1] - 1e-12


def test_small_product_budget_keeps_exact_cosines_and_shape(X: csr_matrix, monkeypatch: pytest.MonkeyPatch) -> None:
    """With frequent words silenced, kept pairs still carry their true cosine."""
    budget = 2 * X.shape[0]
    assert not rank.proposing_terms(X, budget).all()
    monkeypatch.setattr(rank, "_BLOCK_BUDGET", 500)  # many blocks
    calls: list[tuple[int, int]] = []
    S = rank.similarity_matrix(
        X, method="sparse", top_k=5, progress=lambda d, t: calls.append((d, t)), candidate_products=budget
    )
    _check_shape(S, X.shape[0])
    D = _exact(X)
    dense = S.toarray()
    assert np.allclose(dense[dense > 0], D[dense > 0])
    assert len(calls) > 1 and calls[-1] == (X.shape[0], X.shape[0])
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_sparse_is_deterministic(X: csr_matrix) -> None:
    a = rank.similarity_matrix(X, method="sparse", top_k=5)
    b = rank.similarity_matrix(X.copy(), method="sparse", top_k=5)
    assert (a != b).nnz == 0


def test_auto_switches_at_the_dense_limit(monkeypatch: pytest.MonkeyPatch, X: csr_matrix) -> None:
    monkeypatch.setattr(rank, "DENSE_LIMIT", X.shape[0] - 1)
    auto = rank.similarity_matrix(X, top_k=3)
    assert (auto != rank.similarity_matrix(X, method="sparse", top_k=3)).nnz == 0
    monkeypatch.setattr(rank, "DENSE_LIMIT", X.shape[0])
    assert np.allclose(rank.similarity_matrix(X, top_k=3).toarray(), _exact(X))


def test_ties_and_empty_rows_do_not_break_top_k() -> None:
    # rows 0-5 identical (all ties), row 6 shares nothing, row 7 is empty
    X = csr_matrix(np.array([[1.0, 0, 0]] * 6 + [[0, 1.0, 0], [0, 0, 0]]))
    S = rank.similarity_matrix(X, method="sparse", top_k=2)
    _check_shape(S, 8)
    assert S[:6].getnnz(axis=1).min() >= 2
    assert S[6].nnz == 0 and S[7].nnz == 0


def test_residual_completes_each_rows_total_similarity(X: csr_matrix) -> None:
    S = rank.similarity_matrix(X, method="sparse", top_k=4)
    rest = rank.residual_similarity(X, S)
    total = _exact(X).sum(axis=1)
    assert np.all(rest >= 0.0)
    assert np.allclose(np.asarray(S.sum(axis=1)).ravel() + rest, total)
    exact = rank.similarity_matrix(X, method="exact")
    assert np.allclose(rank.residual_similarity(X, exact), 0.0)


def test_graph_from_upper_triangle_with_hub() -> None:
    W = csr_matrix(np.array([[0, 0.5, 0], [0.5, 0, 0.25], [0, 0.25, 0]]))
    G = rank.build_graph(W)
    assert sorted(G.edges(data="weight")) == [(0, 1, 0.5), (1, 2, 0.25)]
    H = rank.build_graph(W, hub=np.array([0.1, 0.0, 0.3]))
    assert H.number_of_nodes() == 4
    assert sorted(H.edges(3, data="weight")) == [(3, 0, 0.1), (3, 2, 0.3)]


def test_hub_restores_textrank_ranking(X: csr_matrix) -> None:
    """A top-k graph alone ranks unlike TextRank; with the hub it agrees."""
    exact = rank.pagerank(rank.similarity_matrix(X, method="exact"))
    S = rank.similarity_matrix(X, method="sparse", top_k=3)
    with_hub = rank.pagerank(S, hub=rank.residual_similarity(X, S))
    without = rank.pagerank(S)

    def agreement(scores: np.ndarray) -> float:
        a, b = np.argsort(np.argsort(scores)), np.argsort(np.argsort(exact))
        return float(np.corrcoef(a, b)[0, 1])

    assert with_hub.sum() == pytest.approx(1.0)
    assert agreement(with_hub) > 0.97
    assert agreement(with_hub) > agreement(without) + 0.1


def test_hub_of_zeros_changes_nothing(X: csr_matrix) -> None:
    S = rank.similarity_matrix(X, method="exact")
    assert np.allclose(rank.pagerank(S, hub=np.zeros(X.shape[0])), rank.pagerank(S))


def test_hub_never_takes_teleport_mass() -> None:
    W = csr_matrix(np.array([[0, 1.0, 0], [1.0, 0, 0], [0, 0, 0]]))
    prior = np.array([0.0, 0.0, 1.0])
    scores = rank.pagerank(W, personalization=prior, hub=np.array([0.5, 0.5, 0.0]))
    # all teleport goes to the isolated node 2; 0 and 1 get nothing
    assert scores[2] == pytest.approx(1.0)


def test_random_sparse_matrices_match_brute_force() -> None:
    rng = np.random.default_rng(1)
    for trial in range(5):
        M = sparse_random(60, 25, density=0.15, format="csr", random_state=trial)
        norms = np.sqrt(np.asarray(M.multiply(M).sum(axis=1)).ravel())
        X = csr_matrix(M.multiply(1.0 / np.where(norms > 0, norms, 1.0)[:, None]))
        k = int(rng.integers(1, 8))
        S = rank.similarity_matrix(X, method="sparse", top_k=k).toarray()
        D = _exact(X)
        for i in range(60):
            top = np.sort(D[i])[::-1]
            assert (S[i] > 0).sum() >= min(k, int((D[i] > 0).sum()))
            assert np.all(S[i][D[i] > top[k - 1] + 1e-12] > 0)


def test_default_budget_is_exact_for_small_texts_and_linear_for_long_ones() -> None:
    assert rank.candidate_budget(100) == rank.candidate_budget(1_000) >= 1_000**2
    assert rank.candidate_budget(1_000_000) == 10 * rank.candidate_budget(100_000)


def test_a_smaller_budget_gives_fewer_edges_with_the_same_cosines(X: csr_matrix) -> None:
    full = rank.similarity_matrix(X, method="sparse", top_k=10)
    lean = rank.similarity_matrix(X, method="sparse", top_k=10, candidate_products=X.shape[0])
    assert lean.nnz < full.nnz
    D = _exact(X)
    dense = lean.toarray()
    assert np.allclose(dense[dense > 0], D[dense > 0])


def _top_k_brute_force(P: csr_matrix, k: int, offset: int) -> list[int]:
    """Each row's k largest positive entries off the diagonal, by a sort per
    row; ties go to the earlier entry, values above 1 count as 1."""
    keep: list[int] = []
    for r in range(P.shape[0]):
        lo, hi = P.indptr[r], P.indptr[r + 1]
        entries = [(-min(P.data[p], 1.0), p) for p in range(lo, hi) if P.indices[p] != r + offset and P.data[p] > 0]
        keep += [p for _, p in sorted(entries)[:k]]
    return sorted(keep)


def test_top_k_per_row_matches_a_sort_per_row() -> None:
    """Only entries that reach their row's mean are sorted: the result must
    still be every row's exact top k, ties and all."""
    rng = np.random.default_rng(7)
    for trial in range(400):
        m = int(rng.integers(1, 25))
        n = int(rng.integers(m, 50))
        P = sparse_random(m, n, density=float(rng.uniform(0.05, 1.0)), format="csr", random_state=trial)
        # few distinct values (many ties), some negative or above 1
        P.data = np.round(P.data * rng.choice([3, 8, 60]), 0) / 5 - (0.2 if trial % 3 == 0 else 0.0)
        k = int(rng.integers(1, 12))
        offset = int(rng.integers(0, n - m + 1))
        assert rank.top_k_per_row(P, k, offset).tolist() == _top_k_brute_force(P, k, offset)
