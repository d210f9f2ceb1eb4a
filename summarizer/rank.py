"""Similarity graph and PageRank: the TextRank core.

Cosine similarity between L2-normalized TF-IDF rows is a sparse product.
Up to :data:`DENSE_LIMIT` sentences every pair is kept (exact TextRank).
Above it the exact graph costs too much: networkx spends a few microseconds
per edge building the graph and again converting it back to scipy inside
``nx.pagerank``, and a news text's exact graph has about a tenth of all
pairs as edges (EASC's 92 documents taken together, 1,763 sentences: 124,000
edges, 0.5–1.5 s), while the product itself grows with the square of the
text (4.6e8 entries at 100,000 sentences). So each sentence keeps only its ``top_k`` most similar others,
found a block of rows at a time among the sentences that share a word with
it; the most frequent words, which would pair almost every sentence with
every other, stop proposing pairs once the product would exceed a budget
linear in the text. Kept pairs get their exact cosine.

A top-k graph alone ranks differently from TextRank (on EASC's 1,763
sentences taken together, top-20 PageRank keeps only 58% of exact
TextRank's top 30%), because a sentence's rank depends above all on its
total similarity to the whole text, most of which lives in the many weak
pairs a top-k graph drops. :func:`residual_similarity` gives each sentence
that missing total exactly (one sparse product with the column sums), and
:func:`pagerank` attaches it to one extra "rest of the text" node, so each
sentence keeps its exact weighted degree. With TextRank's damping of 0.85
ranks then agree with exact TextRank to a Spearman correlation of 0.997
(top 30%: 96% the same); with a low damping and a teleport prior the hop
through the extra node is damped once more than a direct edge, and the
agreement is lower (damping 0.4 with the position prior: 0.91, against 0.75
without the extra node). The graph is built in networkx from the sparse
matrix's upper triangle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = [
    "DENSE_LIMIT",
    "DUPLICATE_THRESHOLD",
    "PAGERANK_SETTINGS",
    "SimilarityMethod",
    "build_graph",
    "candidate_budget",
    "find_duplicates",
    "pagerank",
    "pagerank_solve",
    "proposing_terms",
    "rank_graph",
    "residual_similarity",
    "similarity_matrix",
    "top_k_per_row",
]

SimilarityMethod = Literal["auto", "exact", "sparse"]

#: Documents with more sentences than this use the top-k sparse graph.
DENSE_LIMIT = 500
#: Two sentences whose TF-IDF cosine reaches this are the same sentence
#: (scraped news repeats paragraphs with a changed comma or space).
DUPLICATE_THRESHOLD = 0.95
#: How :func:`rank_graph` calls ``networkx.pagerank`` (besides damping and
#: prior): edge weights, and a tolerance tight enough that ties between
#: sentences are real, with room for slow convergence at high damping.
PAGERANK_SETTINGS: dict[str, Any] = {"weight": "weight", "max_iter": 500, "tol": 1e-10}
#: Entries of the similarity product computed per block in the sparse path.
_BLOCK_BUDGET = 4_000_000
#: The sparse path's candidate search computes at most this many products
#: per sentence, or :data:`_EXACT_PRODUCTS` in all if that is more (below
#: it the search is exact: every pair sharing a word is a candidate). More
#: candidates mean more edges, which networkx pays for per edge, and no
#: better ranks once the rest-of-text node is attached (100,000 sentences:
#: 32 per sentence gives 733,000 edges, 10 gives 331,000; both agree with
#: exact TextRank alike, see benchmarks/results/graph.md). The floor keeps
#: the search exact for real texts of a few thousand sentences (EASC dev's 92
#: documents together: a floor of 100,000 would cost real text agreement).
_PRODUCTS_PER_SENTENCE = 10
_EXACT_PRODUCTS = 1_000_000


def similarity_matrix(
    X: csr_matrix,
    *,
    method: SimilarityMethod = "auto",
    top_k: int = 20,
    progress: Callable[[int, int], None] | None = None,
    candidate_products: int | None = None,
) -> csr_matrix:
    """Symmetric cosine similarity with a zero diagonal, as a sparse matrix.

    ``exact`` keeps every pair; ``sparse`` keeps, for each sentence, its
    ``top_k`` most similar others (and the edge is kept if either end keeps
    it) with their exact cosine. ``auto`` picks ``exact`` up to
    :data:`DENSE_LIMIT` sentences. ``progress(done, total)`` is called after
    each block of rows in the sparse path. ``candidate_products`` bounds the
    sparse path's candidate search (default: :func:`candidate_budget`).
    """
    import numpy as np
    from scipy.sparse import csr_matrix, triu

    n = X.shape[0]
    if method == "auto":
        method = "exact" if n <= DENSE_LIMIT else "sparse"
    if type(X) is not csr_matrix or X.dtype != np.float64:
        X = csr_matrix(X, dtype=np.float64)
    if method == "exact" or n <= top_k + 1:
        S = X @ X.T
        if type(S) is not csr_matrix:
            S = csr_matrix(S)
        # Zero the diagonal in place when every row stores its own entry
        # (every sentence with a term: what setdiag then does, without its
        # offset search); otherwise setdiag inserts the missing ones.
        diagonal = S.indices == _entry_rows(S)
        if np.count_nonzero(diagonal) == n:
            S.data[diagonal] = 0.0
        else:
            S.setdiag(0.0)
        S.eliminate_zeros()
        S.data = np.clip(S.data, 0.0, 1.0)
        return S

    budget = candidate_budget(n) if candidate_products is None else candidate_products
    proposing = proposing_terms(X, budget)
    Xp = csr_matrix(X[:, proposing]) if not proposing.all() else X
    XpT = csr_matrix(Xp.T)
    # Products a row's block will compute: the sum of its words' frequencies.
    df = np.bincount(Xp.indices, minlength=Xp.shape[1])
    cost = np.cumsum(_row_sums(Xp.indptr, df[Xp.indices]))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    lo = 0
    while lo < n:
        spent = cost[lo - 1] if lo else 0
        hi = min(n, max(lo + 1, int(np.searchsorted(cost, spent + _BLOCK_BUDGET, side="right"))))
        P = csr_matrix(Xp[lo:hi] @ XpT)
        keep = top_k_per_row(P, top_k, lo)
        rows.append(np.repeat(np.arange(lo, hi), np.diff(P.indptr))[keep])
        cols.append(P.indices[keep])
        vals.append(P.data[keep])
        if progress is not None:
            progress(hi, n)
        lo = hi
    T = csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    S = csr_matrix(T.maximum(T.T))  # an edge is kept if either end keeps it
    if not proposing.all():  # add what the silent frequent terms contribute
        U = triu(S, k=1, format="coo")
        dropped = csr_matrix(X[:, ~proposing])
        values = U.data + _row_dots(dropped, U.row, U.col)
        T = csr_matrix((values, (U.row, U.col)), shape=(n, n))
        S = csr_matrix(T + T.T)
    S.data = np.clip(S.data, 0.0, 1.0)
    S.eliminate_zeros()
    return S


def candidate_budget(n: int) -> int:
    """Products the sparse path's candidate search may compute for ``n`` sentences."""
    return max(_EXACT_PRODUCTS, _PRODUCTS_PER_SENTENCE * n)


def proposing_terms(X: csr_matrix, budget: float) -> np.ndarray:
    """Mask of the terms that propose candidate pairs within ``budget`` products.

    A term in ``df`` sentences proposes ``df**2`` pairs; the most frequent
    terms are dropped first until the rest fit (between equally frequent
    terms, the one that first occurs later in the text is dropped first).
    """
    import numpy as np

    df = np.bincount(X.indices, minlength=X.shape[1]).astype(np.float64)
    if float(np.sum(df**2)) <= budget:
        return np.ones(X.shape[1], dtype=bool)
    order = np.argsort(df, kind="stable")
    fits = np.cumsum(df[order] ** 2) <= budget
    mask = np.zeros(X.shape[1], dtype=bool)
    mask[order[fits]] = True
    return mask


def _entry_rows(M: csr_matrix) -> np.ndarray:
    """The row of each stored entry of the CSR matrix ``M``."""
    import numpy as np

    return np.repeat(np.arange(M.shape[0], dtype=M.indices.dtype), np.diff(M.indptr))


def _upper(M: csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and values of the entries of ``M`` above the diagonal,
    as ``triu(M, k=1, format="coo")`` lists them; read from the arrays of a
    CSR matrix (in storage order, as triu does), without its conversions."""
    if getattr(M, "format", None) != "csr":
        from scipy.sparse import triu

        U = triu(M, k=1, format="coo")
        return U.row, U.col, U.data
    rows = _entry_rows(M)
    upper = M.indices > rows
    return rows[upper], M.indices[upper], M.data[upper]


def _scipy_row_sums(M: csr_matrix, data: np.ndarray | None = None) -> np.ndarray:
    """``M.sum(axis=1)`` (of ``data`` in place of ``M.data`` if given) as
    scipy computes it for CSR, one ``np.add.reduceat`` over the non-empty
    rows, so the sums are bit for bit scipy's."""
    import numpy as np

    out = np.zeros(M.shape[0], dtype=np.float64)
    rows = np.flatnonzero(np.diff(M.indptr))
    if len(rows):
        out[rows] = np.add.reduceat(M.data if data is None else data, M.indptr[rows])
    return out


def _row_sums(indptr: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Sum of ``values`` (one per stored entry of a CSR matrix) over each row.

    Booleans are counted; an empty row sums to 0 (``reduceat`` alone would
    give it its neighbour's entry).
    """
    import numpy as np

    return np.add.reduceat(np.append(values, 0), indptr[:-1]) * (np.diff(indptr) > 0)


def top_k_per_row(P: csr_matrix, k: int, offset: int) -> np.ndarray:
    """Positions in ``P.data`` of each row's ``k`` largest entries.

    Row ``r`` of ``P`` is sentence ``offset + r``: its own column (the
    self-similarity) is never kept, nor is an entry that is not positive.
    Values above 1 (rounding) count as 1; ties go to the earlier entry.
    """
    import numpy as np

    m = P.shape[0]
    counts = np.diff(P.indptr)
    rows = np.repeat(np.arange(m, dtype=P.indices.dtype), counts)
    data = np.clip(P.data, 0.0, 1.0)  # what the ranking orders
    data[P.indices == rows + offset] = 0.0
    useful = data > 0.0
    if counts.max(initial=0) <= k:
        return np.flatnonzero(useful)
    # Sorting is the cost, so sort only what can win: when at least k of a
    # row's entries reach a threshold (their mean), its k largest are among
    # them, ties with the k-th included; other rows keep all their entries.
    # Any threshold gives the same result, so rounding in it does not matter.
    mean = _row_sums(P.indptr, data) / np.maximum(_row_sums(P.indptr, useful), 1)
    candidate = useful & (data >= mean[rows])
    candidate |= useful & (_row_sums(P.indptr, candidate) < k)[rows]
    positions = np.flatnonzero(candidate)
    cand_rows = rows[positions]
    # One stable sort by (row, -value) instead of a Python loop over rows:
    # the key's integer part is the row, its fraction the falling value.
    order = np.argsort(cand_rows + (1.0 - data[positions]) * 0.5, kind="stable")
    first = np.concatenate(([0], np.cumsum(_row_sums(P.indptr, candidate))))
    rank = np.arange(len(order)) - first[cand_rows[order]]
    return np.sort(positions[order[rank < k]])


def _row_dots(X: csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``X[rows[p]] . X[cols[p]]`` for every pair ``p``, without the full product."""
    import numpy as np

    if len(rows) == 0:
        return np.zeros(0)
    return np.asarray(X[rows].multiply(X[cols]).sum(axis=1)).ravel()


def residual_similarity(X: csr_matrix, W: csr_matrix) -> np.ndarray:
    """Each row's total cosine to the other rows that ``W``'s edges leave out.

    ``X`` holds the TF-IDF rows of ``W``'s nodes. The total similarity of
    row ``i`` to all others is ``x_i . sum(x) - |x_i|^2``, one sparse product
    whatever the size; what ``W`` already holds is subtracted. Zero (up to
    rounding) when ``W`` is the exact cosine graph.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    squares = X.data * X.data if type(X) is csr_matrix and X.dtype == np.float64 else None
    if squares is not None and type(W) is csr_matrix and W.dtype == np.float64 and X.has_canonical_format and squares.all():
        # The same arithmetic as the general formula below, in the same
        # order, without building matrices: scipy sums a column (``ones @ X``)
        # and a row product (``X @ v``) one entry after another, as bincount
        # does, and ``X.multiply(X)`` keeps X's entries (all non-zero here).
        rows = _entry_rows(X)
        columns = np.bincount(X.indices, weights=X.data, minlength=X.shape[1]).astype(np.float64, copy=False)
        total = np.bincount(rows, weights=X.data * columns[X.indices], minlength=X.shape[0]).astype(np.float64, copy=False)
        total -= _scipy_row_sums(X, squares)
        kept = _scipy_row_sums(W)
    else:
        total = np.asarray(X @ np.asarray(X.sum(axis=0)).ravel()).ravel()
        total -= np.asarray(X.multiply(X).sum(axis=1)).ravel()
        kept = np.asarray(W.sum(axis=1)).ravel()
    rest = total - kept
    rest[rest < 1e-9 * np.maximum(total, 1.0)] = 0.0
    return rest


def find_duplicates(
    keys: Sequence[object], S: csr_matrix, *, threshold: float = DUPLICATE_THRESHOLD
) -> list[int]:
    """Map each sentence to the first sentence it duplicates (or itself).

    Duplicates are sentences with equal ``keys`` (their normalized text) or
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
        rows, cols, data = _upper(S)
        close = data >= threshold  # most pairs are far apart
        # Each set's representative is its first sentence whatever the order
        # of the unions (the larger root always joins the smaller one).
        for i, j in zip(rows[close].tolist(), cols[close].tolist()):
            union(i, j)
    return [find(i) for i in range(n)]


def build_graph(W: csr_matrix, *, hub: np.ndarray | None = None, forward: float = 1.0) -> nx.Graph:
    """The networkx graph of the symmetric weight matrix ``W``.

    Nodes are ``0 .. n-1`` in document order; edges come from the upper
    triangle only (each undirected edge is added once, half the work of
    ``from_scipy_sparse_array``). With ``hub``, node ``n`` is the rest of
    the text: node ``i`` joins it with weight ``hub[i]`` (see
    :func:`residual_similarity`).

    ``forward`` < 1 makes the graph directed, as PacSum's position-aware
    centrality does for degree: a later sentence links back to an earlier
    one it resembles with the full weight, an earlier one forward to a
    later one with ``forward`` times it. Rank then flows to the sentences
    that what follows repeats, which is where news puts its facts
    (``forward=1`` is undirected TextRank).

    PageRank divides each node's out-weights by their sum, so only their
    ratios matter. A sentence with an edge back to an earlier one (or to
    the hub) sends a share of its rank forward that shrinks with
    ``forward``; a sentence whose every edge points forward (the first one,
    or one like nothing before it) sends all of its rank forward, in
    proportion to the similarities, whatever ``forward`` > 0 is: those
    edges get their full weight, the same walk as ``forward`` times it,
    which a tiny ``forward`` would break: at 1e-310 the weights and their
    sum are subnormal, the reciprocal overflows and every rank is NaN. So
    the ranks are finite and continuous for every ``forward`` in (0, 1],
    and a ``forward`` so small that ``forward * w`` underflows to zero
    gives the limit of ``forward`` -> 0+. ``forward=0`` itself adds no
    forward edge: a sentence like nothing before it is then a dangling
    node, whose rank teleports (it is not that limit).
    """
    import networkx as nx
    import numpy as np

    n = W.shape[0]
    if hub is not None and not np.any(np.asarray(hub) > 0.0):
        hub = None  # nothing left out: no hub
    rows, cols, data = (a.tolist() for a in _upper(W))
    G: nx.Graph
    if forward == 1.0:
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_weighted_edges_from(zip(rows, cols, data))
    else:
        G = nx.DiGraph()
        G.add_nodes_from(range(n))
        G.add_weighted_edges_from(zip(cols, rows, data))  # later -> earlier
        if forward > 0.0:
            # Scaled by forward only beside an edge back: see above.
            back = {j for j, w in zip(cols, data) if w > 0.0}
            if hub is not None:
                back.update(i for i, w in enumerate(hub.tolist()) if w > 0.0)
            G.add_weighted_edges_from((i, j, forward * w if i in back else w) for i, j, w in zip(rows, cols, data))
    if hub is not None:
        G.add_node(n)
        G.add_weighted_edges_from((i, n, w) for i, w in enumerate(hub.tolist()) if w > 0.0)
        if forward != 1.0:
            G.add_weighted_edges_from((n, i, w) for i, w in enumerate(hub.tolist()) if w > 0.0)
    return G


def pagerank(
    W: csr_matrix,
    *,
    damping: float = 0.85,
    personalization: np.ndarray | None = None,
    hub: np.ndarray | None = None,
    forward: float = 1.0,
) -> np.ndarray:
    """PageRank of the weighted graph ``W`` (networkx); undirected unless
    ``forward`` < 1 (see :func:`build_graph`): :func:`rank_graph` of
    :func:`build_graph`.

    ``personalization`` is a non-negative prior over nodes (the teleport
    distribution); ``None`` means uniform, as in the original TextRank.
    ``hub`` is each node's similarity to the rest of the text that ``W``
    leaves out (:func:`residual_similarity`); it joins an extra node that
    never receives teleport mass and whose own rank is dropped, so the
    scores still sum to one.
    """
    graph = build_graph(W, hub=hub, forward=forward)
    return rank_graph(graph, W.shape[0], damping=damping, personalization=personalization)


def rank_graph(
    G: nx.Graph, n: int, *, damping: float = 0.85, personalization: np.ndarray | None = None
) -> np.ndarray:
    """PageRank scores of the ``n`` sentence nodes of ``G`` (from
    :func:`build_graph`; a node ``n`` beyond them is the hub), by networkx.

    One sentence ranks 1, none gives an empty array. The hub never receives
    teleport mass and its own rank is dropped, the rest rescaled to sum to
    one.
    """
    import networkx as nx
    import numpy as np

    if n == 0:
        return np.zeros(0)
    if n == 1:
        return np.ones(1)
    has_hub = G.number_of_nodes() > n
    prior = None
    if personalization is not None and float(np.sum(personalization)) > 0:
        prior = dict(zip(range(n), np.asarray(personalization, dtype=np.float64).tolist()))
    elif has_hub:  # uniform over the sentences, never the hub
        prior = dict.fromkeys(range(n), 1.0)
    if prior is not None and has_hub:
        prior[n] = 0.0
    try:
        ranks = nx.pagerank(G, alpha=damping, personalization=prior, **PAGERANK_SETTINGS)
    except nx.PowerIterationFailedConvergence:
        # Power iteration shrinks the error by about ``damping`` per step, so
        # near 1 (0.99: over 2,000 steps on a two-sentence text) it gives up;
        # every damping in (0, 1) is accepted, so solve the system directly.
        ranks = dict(enumerate(pagerank_solve(G, damping=damping, personalization=prior).tolist()))
    scores = np.array([ranks[i] for i in range(n)])
    return scores / scores.sum() if has_hub else scores


def pagerank_solve(G: nx.Graph, *, damping: float, personalization: dict[int, float] | None) -> np.ndarray:
    """networkx's PageRank of ``G`` as the solution of a sparse linear system.

    networkx iterates ``x = a (x P + (x . d) p) + (1 - a) p`` (``P`` the
    row-normalized weights, ``d`` the dangling nodes, ``p`` the normalized
    personalization, also used for dangling nodes), whose fixed point is
    ``x = c p (I - a P)^-1`` for the scalar ``c`` that makes it sum to one.
    ``I - a P`` is invertible for any ``a`` in (0, 1), so this converges
    where the power iteration is too slow; nodes are ``0 .. len(G)-1``.
    """
    import networkx as nx
    import numpy as np
    from scipy.sparse import diags, identity
    from scipy.sparse.linalg import spsolve

    n = G.number_of_nodes()
    A = nx.to_scipy_sparse_array(G, nodelist=range(n), weight="weight", format="csr", dtype=np.float64)
    out = np.asarray(A.sum(axis=1)).ravel()
    inverse = np.divide(1.0, out, out=np.zeros(n), where=out != 0)
    P = diags(inverse) @ A
    p = np.ones(n) if personalization is None else np.array([personalization.get(i, 0.0) for i in range(n)], dtype=np.float64)
    p = p / p.sum()
    y = spsolve((identity(n, format="csc") - damping * P).T.tocsc(), p)
    y = np.clip(np.asarray(y, dtype=np.float64).ravel(), 0.0, None)
    return y / y.sum()
