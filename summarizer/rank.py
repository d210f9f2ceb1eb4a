"""Similarity graph and PageRank: the TextRank core.

Cosine similarity between L2-normalized TF-IDF rows is a sparse product.
Below :data:`DENSE_LIMIT` sentences every pair is kept (exact TextRank);
above it each sentence keeps only its ``top_k`` most similar neighbours,
computed a block of rows at a time, so memory grows linearly with the text
instead of quadratically. The graph is built in networkx straight from the
sparse matrix (building it from a dense matrix costs minutes and gigabytes at
a few thousand sentences).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = [
    "DENSE_LIMIT",
    "DUPLICATE_THRESHOLD",
    "SimilarityMethod",
    "find_duplicates",
    "pagerank",
    "similarity_matrix",
]

SimilarityMethod = Literal["auto", "exact", "sparse"]

#: Documents with more sentences than this use the top-k sparse graph.
DENSE_LIMIT = 2_000
#: Two sentences whose TF-IDF cosine reaches this are the same sentence
#: (scraped news repeats paragraphs with a changed comma or space).
DUPLICATE_THRESHOLD = 0.95
#: Entries of the similarity product computed per block in the sparse path.
_BLOCK_BUDGET = 4_000_000


def similarity_matrix(
    X: csr_matrix,
    *,
    method: SimilarityMethod = "auto",
    top_k: int = 20,
    progress: Callable[[int, int], None] | None = None,
) -> csr_matrix:
    """Symmetric cosine similarity with a zero diagonal, as a sparse matrix.

    ``exact`` keeps every pair; ``sparse`` keeps, for each sentence, its
    ``top_k`` most similar others (and the edge is kept if either end keeps
    it). ``auto`` picks ``exact`` up to :data:`DENSE_LIMIT` sentences.
    ``progress(done, total)`` is called after each block in the sparse path.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    n = X.shape[0]
    if method == "auto":
        method = "exact" if n <= DENSE_LIMIT else "sparse"
    if method == "exact" or n <= top_k + 1:
        S = csr_matrix(X @ X.T)
        S.setdiag(0.0)
        S.eliminate_zeros()
        S.data = np.clip(S.data, 0.0, 1.0)
        return S

    XT = csr_matrix(X.T)
    block = max(1, min(n, _BLOCK_BUDGET // max(n, 1)))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        P = csr_matrix(X[lo:hi] @ XT)
        P.setdiag(0.0, k=lo)  # the block's own diagonal: self-similarity
        P.eliminate_zeros()
        indptr, indices, data = P.indptr, P.indices, P.data
        for r in range(hi - lo):
            a, b = indptr[r], indptr[r + 1]
            if a == b:
                continue
            d = data[a:b]
            if b - a > top_k:
                keep = np.argpartition(-d, top_k - 1)[:top_k]
                idx, d = indices[a:b][keep], d[keep]
            else:
                idx = indices[a:b]
            rows.append(np.full(len(idx), lo + r, dtype=np.int64))
            cols.append(idx.astype(np.int64))
            vals.append(d)
        if progress is not None:
            progress(hi, n)
    if not rows:
        return csr_matrix((n, n), dtype=np.float64)
    T = csr_matrix(
        (np.clip(np.concatenate(vals), 0.0, 1.0), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n, n),
    )
    return csr_matrix(T.maximum(T.T))


def find_duplicates(
    keys: Sequence[object], S: csr_matrix, *, threshold: float = DUPLICATE_THRESHOLD
) -> list[int]:
    """Map each sentence to the first sentence it duplicates (or itself).

    Duplicates are sentences with equal ``keys`` (their normalized tokens) or
    with similarity ``>= threshold``; the relation is closed transitively.
    """
    n = len(keys)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first: dict[object, int] = {}
    for i, key in enumerate(keys):
        if key in first:
            union(first[key], i)
        else:
            first[key] = i
    if threshold <= 1.0:
        C = S.tocoo()
        for i, j, v in zip(C.row.tolist(), C.col.tolist(), C.data.tolist()):
            if i < j and v >= threshold:
                union(i, j)
    return [find(i) for i in range(n)]


def pagerank(
    W: csr_matrix,
    *,
    damping: float = 0.85,
    personalization: np.ndarray | None = None,
) -> np.ndarray:
    """PageRank of the weighted undirected graph ``W`` (networkx).

    ``personalization`` is a non-negative prior over nodes (the teleport
    distribution); ``None`` means uniform, as in the original TextRank.
    """
    import networkx as nx
    import numpy as np

    n = W.shape[0]
    if n == 0:
        return np.zeros(0)
    if n == 1:
        return np.ones(1)
    G = nx.from_scipy_sparse_array(W, create_using=nx.Graph, edge_attribute="weight")
    prior = None
    if personalization is not None and float(np.sum(personalization)) > 0:
        prior = {i: float(p) for i, p in enumerate(personalization)}
    ranks = nx.pagerank(G, alpha=damping, personalization=prior, weight="weight", max_iter=500, tol=1e-10)
    return np.array([ranks[i] for i in range(n)])
