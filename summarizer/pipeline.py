"""The summarizer as a public pipeline of stages.

    split(text)            → Segmented   units with offsets, the language
    prepare(segmented)     → Document    + normalized text, vectors,
                                           similarities, duplicates
    rank(document)         → Ranking     a score for every unit (from
                                           weigh(document) → Weights)
    select(document, ranking) → Summary  the chosen units, in document order

:class:`~summarizer.Summarizer` is these four calls; benchmarks time the
stages, the evaluation shares one segmentation between every system, and
tests build a document once and rank it many ways, all through the same
functions. Each function takes the :class:`~summarizer.options.Options` to
use (validated when they were made) and, optionally, a :class:`Watcher`:
``watcher.stage(name)`` is a context manager around each named step (see
:data:`STAGES`), so timing a stage or reporting progress needs no access to
the internals; ``watcher.step(name, done, total)`` reports progress within
a long step (the sparse similarity search).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .errors import EmptyDocumentError, InvalidOptionError, param
from .options import Options
from .rank import build_graph, find_duplicates, rank_graph, residual_similarity, similarity_matrix
from .result import Sentence, Summary
from .select import choose, count_words, word_end
from .similarity import edge_weights
from .text.language import identify
from .text.normalize import normalize
from .text.segment import Segment, segment
from .vectorize import Vectors, load_stop_words, vectorize

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = [
    "DEFAULTS",
    "STAGES",
    "Document",
    "Progress",
    "ProgressWatcher",
    "Ranking",
    "Segmented",
    "Watcher",
    "Weights",
    "normalize_all",
    "prepare",
    "prior_vector",
    "rank",
    "select",
    "split",
    "weigh",
]

#: The named steps, in order; a :class:`Watcher` sees each of them once per
#: document (``rank``'s only when the document is ranked).
STAGES: tuple[str, ...] = (
    "segment",     # split: units and their kinds
    "normalize",   # prepare: every unit's normalized text
    "vectorize",   # prepare: counts, terms, TF-IDF
    "similarity",  # prepare: the cosine graph (exact or sparse)
    "duplicates",  # prepare: repeated units
    "weights",     # rank: edge weights, thresholds, the hub and the prior
    "graph",       # rank: the networkx graph
    "pagerank",    # rank: networkx's PageRank, then score adjustments
    "select",      # select: the budget, and the result
)

DEFAULTS = Options()


class Watcher(Protocol):
    """Sees the pipeline's stages go by (timing, progress)."""

    def stage(self, name: str) -> AbstractContextManager[object]:
        """A context manager entered around the stage ``name``."""
        ...

    def step(self, name: str, done: int, total: int) -> None:
        """Progress within the stage ``name``: ``done`` of ``total``."""
        ...


class _Quiet:
    """The watcher of an unwatched run: nothing happens."""

    def stage(self, name: str) -> AbstractContextManager[object]:
        return nullcontext()

    def step(self, name: str, done: int, total: int) -> None:
        return None


_QUIET = _Quiet()


def _watching(watcher: Watcher | None) -> Watcher:
    """The watcher to report to (none given: one that ignores everything)."""
    return _QUIET if watcher is None else watcher

#: progress(stage, done, total), as :class:`ProgressWatcher` reports it.
Progress = Callable[[str, int, int], None]


class ProgressWatcher:
    """A :class:`Watcher` that reports each stage as a step of the whole
    (``progress(stage, k, len(STAGES))`` when stage ``k`` starts) and the
    similarity search's own progress (``progress("similarity", done,
    total)``)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.progress(name, STAGES.index(name), len(STAGES))
        yield

    def step(self, name: str, done: int, total: int) -> None:
        self.progress(name, done, total)


@dataclass(frozen=True, slots=True)
class Segmented:
    """A text split into units (sentences, headings, boilerplate lines)."""

    text: str
    #: The language whose rules split it (detected when asked for ``auto``).
    language: str
    units: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """Everything ranking and selection need to know about one text."""

    text: str
    language: str
    units: tuple[Segment, ...]
    #: Each unit's normalized text (the key of exact duplicates).
    normalized: tuple[str, ...]
    vectors: Vectors
    #: Cosine similarity between units (zero diagonal; sparse for long texts).
    similarity: csr_matrix
    #: For each unit, the first unit it repeats (itself if none).
    representative: tuple[int, ...]
    #: The distinct units, in document order: the graph's nodes.
    nodes: tuple[int, ...]
    #: Each unit's words, as budgets count them.
    words: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Ranking:
    """A score for every unit (a repeat has its first occurrence's)."""

    scores: tuple[float, ...]


def split(text: str, *, options: Options = DEFAULTS, watcher: Watcher | None = None) -> Segmented:
    """Segment ``text`` by the rules of ``options.language`` (identified
    for ``auto``: :func:`summarizer.text.language.identify`, which refuses a
    language without rules); a text without a word is an
    :class:`~summarizer.errors.EmptyDocumentError`."""
    if not isinstance(text, str):
        raise InvalidOptionError(f"{param('text')} must be str, not {type(text).__name__}")
    with _watching(watcher).stage("segment"):
        language = identify(text) if options.language == "auto" else options.language
        units = tuple(segment(text, language=language))
    if not units:
        raise EmptyDocumentError("the text has no sentence with a letter or digit")
    return Segmented(text, language, units)


def prepare(source: str | Segmented, *, options: Options = DEFAULTS, watcher: Watcher | None = None) -> Document:
    """Analyze a text (or an already :func:`split` one): normalized units,
    their vectors, the similarity graph and the repeats."""
    watcher = _watching(watcher)
    segmented = source if isinstance(source, Segmented) else split(source, options=options, watcher=watcher)
    units = segmented.units
    with watcher.stage("normalize"):
        normalized = normalize_all([u.text for u in units])
    with watcher.stage("vectorize"):
        stops = load_stop_words(segmented.language) if options.stop_words else frozenset()
        vectors = vectorize(normalized, stop_words=stops, stem=options.stem, sublinear_tf=options.sublinear_tf)
    with watcher.stage("similarity"):
        S = similarity_matrix(
            vectors.tfidf, method=options.graph, top_k=options.top_k,
            progress=lambda done, total: watcher.step("similarity", done, total),
        )
    with watcher.stage("duplicates"):
        # Exact duplicates: equal normalized text; near ones: cosine >= threshold.
        rep = find_duplicates(normalized, S, threshold=options.duplicate_threshold)
        nodes = tuple(i for i in range(len(units)) if rep[i] == i)
    import numpy as np

    words = tuple(np.asarray(vectors.counts.sum(axis=1), dtype=np.int64).ravel().tolist())
    return Document(segmented.text, segmented.language, units, tuple(normalized), vectors, S, tuple(rep), nodes, words)


@dataclass(frozen=True, slots=True)
class Weights:
    """What PageRank is given for one document: the distinct units' edge
    weights, the rest-of-text similarity (``None`` unless cosine), the
    teleport prior (``None``: uniform), in document order."""

    edges: csr_matrix
    hub: np.ndarray | None
    prior: np.ndarray | None


def weigh(document: Document, *, options: Options = DEFAULTS, watcher: Watcher | None = None) -> Weights:
    """The graph's inputs: edges between distinct units weighted by
    ``options.similarity`` and thresholded, the hub, the prior."""
    with _watching(watcher).stage("weights"):
        nodes = list(document.nodes)
        S, X, terms = document.similarity, document.vectors.tfidf, document.vectors.terms
        if len(nodes) != len(document.units):  # repeats leave the graph
            S, X, terms = S[nodes][:, nodes], X[nodes], terms[nodes]
        W = edge_weights(S, terms, kind=options.similarity)
        if options.min_similarity > 0.0 and W.nnz:
            W = W.multiply(W >= options.min_similarity).tocsr()
            W.eliminate_zeros()
        # What a sparse graph leaves out of each sentence's total similarity
        # goes to a "rest of the text" node (zero on the exact graph); it is
        # in cosine units, so only for cosine weights.
        hub = residual_similarity(X, S) if options.similarity == "cosine" else None
        return Weights(W, hub, prior_vector(options.prior, options.prior_weight, X))


def rank(document: Document, *, options: Options = DEFAULTS, watcher: Watcher | None = None) -> Ranking:
    """Score every unit: PageRank over the distinct units' similarity graph
    (:func:`weigh`), times the length and position weights."""
    watching = _watching(watcher)
    weights = weigh(document, options=options, watcher=watching)
    nodes = document.nodes
    with watching.stage("graph"):
        G = build_graph(weights.edges, hub=weights.hub, forward=options.forward)
    with watching.stage("pagerank"):
        node_scores = rank_graph(G, len(nodes), damping=options.damping, personalization=weights.prior)
        words = document.words
        scores = [0.0] * len(document.units)
        for node, i in enumerate(nodes):
            scores[i] = float(node_scores[node]) * (max(words[i], 1) ** options.length_penalty) * ((node + 1) ** -options.position_decay)
        rep = document.representative
        for i in range(len(scores)):
            scores[i] = scores[rep[i]]
    return Ranking(tuple(scores))


def select(
    document: Document, ranking: Ranking, *, options: Options = DEFAULTS, watcher: Watcher | None = None
) -> Summary:
    """Choose units by score and marginal relevance under
    ``options.budget`` (headings only when asked, or when the text has
    nothing else), with the redundancy guard, and return the whole result."""
    units, scores, words = document.units, ranking.scores, document.words
    if len(scores) != len(units):
        raise InvalidOptionError(f"{param('ranking')} has {len(scores)} scores for {len(units)} units: rank this document")
    with _watching(watcher).stage("select"):
        candidates = [i for i in document.nodes if options.include_headings or units[i].kind == "sentence"]
        if not candidates:  # a text of headings only: they are all it has
            candidates = list(document.nodes)
        selection = choose(
            candidates, scores, words, document.similarity,
            budget=options.budget, redundancy=options.redundancy, trim=options.trim, diversity=options.diversity,
            cut_words=lambda i, n: count_words(units[i].text[: word_end(units[i].text, n)]),
        )
        chosen = set(selection.indices)
        cut_index, cut_end = -1, None
        if selection.cut is not None:
            cut_index, kept = selection.cut
            cut_end = units[cut_index].start + word_end(units[cut_index].text, kept)
        rep = document.representative
        sentences = tuple(
            Sentence(
                i, u.start, u.end, u.text, u.kind, words[i], scores[i], i in chosen,
                None if rep[i] == i else rep[i], cut_end if i == cut_index else None,
            )
            for i, u in enumerate(units)
        )
        warning = None
        if not chosen and options.words is not None:
            warning = _nothing_fits(options, [words[i] for i in candidates])
    return Summary(sentences=sentences, language=document.language, settings=options.settings(), warning=warning)


def _nothing_fits(options: Options, sizes: Sequence[int]) -> str:
    """Why a word budget left the summary empty: no whole sentence fits
    (``trim=False``), or no sentence has a cut that does (a character that
    makes several words, as "¼" makes "1⁄4", cannot be cut)."""
    budget = f"{options.words} word{'s' if options.words != 1 else ''}"
    if options.trim:
        return f"no sentence can be cut to fit in {budget}: the summary is empty"
    return f"no whole sentence fits in {budget} (the shortest has {min(sizes)} words): the summary is empty"


def normalize_all(texts: Sequence[str]) -> list[str]:
    """Normalize many sentences in one pass over their joined text.

    Normalization neither makes nor removes a line feed, so the joined
    result split at line feeds gives each text back, in order, as its own
    count of them plus one pieces (most units have none; a sentence of a
    hard-wrapped text has one per line it goes on to).
    """
    pieces = normalize("\n".join(texts)).split("\n")
    breaks = [t.count("\n") for t in texts]
    if len(pieces) != len(texts) + sum(breaks):
        return [normalize(t) for t in texts]
    if not any(breaks):
        return pieces
    out: list[str] = []
    k = 0
    for b in breaks:
        out.append("\n".join(pieces[k : k + b + 1]))
        k += b + 1
    return out


def prior_vector(kind: str, weight: float, X: csr_matrix) -> np.ndarray | None:
    """PageRank's teleport vector: ``weight`` of the prior ``kind``, the rest
    uniform (``None``: uniform, the original TextRank).

    ``X`` holds the TF-IDF rows of the graph's nodes, in document order:
    ``position`` is 1/rank, ``opening`` the cosine to the first sentence,
    ``centroid`` the similarity to the whole document.
    """
    n = X.shape[0]
    if kind == "none" or weight <= 0.0 or n == 0:
        return None
    import numpy as np

    if kind == "position":
        p = 1.0 / np.arange(1, n + 1, dtype=np.float64)
    elif kind == "opening":
        p = np.asarray((X @ X[0].T).todense(), dtype=np.float64).ravel()
    else:  # centroid
        p = np.asarray(X @ np.asarray(X.mean(axis=0)).ravel(), dtype=np.float64).ravel()
    p = np.clip(p, 0.0, None)
    if p.sum() <= 0:
        return None
    return (1.0 - weight) / n + weight * p / p.sum()
