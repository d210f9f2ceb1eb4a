"""Edge weights for the sentence graph: cosine, BM25 or word overlap.

The graph's edges are always found by TF-IDF cosine (its sparse product is
what scales); this stage only decides how heavy each edge is. ``cosine``
keeps the cosine itself; ``bm25`` uses the BM25 score of each sentence as a
query against the other (averaged both ways); ``overlap`` is the original
TextRank measure, shared words over ``log|Si| + log|Sj|``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = ["SIMILARITIES", "Similarity", "edge_weights"]

Similarity = Literal["cosine", "bm25", "overlap"]
SIMILARITIES: tuple[str, ...] = ("cosine", "bm25", "overlap")

#: BM25's usual constants (Robertson & Zaragoza).
BM25_K1 = 1.2
BM25_B = 0.75


def edge_weights(S: csr_matrix, terms: csr_matrix, *, kind: Similarity) -> csr_matrix:
    """Return a matrix with ``S``'s edges weighted by ``kind``.

    ``terms`` holds the sentences' analyzed term counts (after stop words and
    stemming: :attr:`summarizer.vectorize.Vectors.terms`), one row per node.
    """
    if kind == "cosine" or S.nnz == 0:
        return S
    import numpy as np
    from scipy.sparse import csr_matrix

    n = S.shape[0]
    counts = csr_matrix(terms, dtype=np.float64)
    binary = counts.copy()
    binary.data[:] = 1.0
    C = S.tocoo()
    rows, cols = C.row, C.col
    if kind == "overlap":
        common = np.asarray(binary[rows].multiply(binary[cols]).sum(axis=1)).ravel()
        size = np.log(np.maximum(np.asarray(binary.sum(axis=1)).ravel(), 1.0))
        den = size[rows] + size[cols]
        values = np.divide(common, den, out=common.copy(), where=den > 0)
    else:
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        Q = counts.tocoo()
        norm = BM25_K1 * (1.0 - BM25_B + BM25_B * lengths[Q.row] / max(float(lengths.mean()), 1e-12))
        w = Q.data * (BM25_K1 + 1.0) / (Q.data + norm) * idf[Q.col]
        weights = csr_matrix((w, (Q.row, Q.col)), shape=counts.shape)
        forward = np.asarray(binary[rows].multiply(weights[cols]).sum(axis=1)).ravel()
        backward = np.asarray(weights[rows].multiply(binary[cols]).sum(axis=1)).ravel()
        values = (forward + backward) / 2.0
    top = float(values.max()) if values.size else 0.0
    if top > 0:
        values = values / top  # PageRank is scale-free; keep weights in [0, 1]
    out = csr_matrix((values, (rows, cols)), shape=S.shape)
    out.eliminate_zeros()
    return out
