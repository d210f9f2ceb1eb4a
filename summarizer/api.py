"""The summarizer: settings validated once, a pipeline of small stages.

segment → normalize/tokenize → vectorize → similarity → duplicates → PageRank
→ select. Heavy libraries (scikit-learn, networkx) are imported by the stages
that use them, so ``import summarizer`` and the CLI start fast.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import EmptyDocumentError, InvalidOptionError
from .normalize import detect_language, normalize
from .rank import DUPLICATE_THRESHOLD, find_duplicates, pagerank, residual_similarity, similarity_matrix
from .segment import Kind, segment
from .select import Budget, choose, word_end
from .similarity import SIMILARITIES, Similarity, edge_weights
from .vectorize import load_stop_words, vectorize

__all__ = ["DEFAULT_RATIO", "Sentence", "Summary", "Summarizer", "summarize"]

DEFAULT_RATIO = 0.3
#: Documents shorter than this summarize in well under a second: no progress.
PROGRESS_MIN_CHARS = 200_000
Language = Literal["auto", "ar", "en"]
LANGUAGES: tuple[str, ...] = ("auto", "ar", "en")
GRAPHS: tuple[str, ...] = ("auto", "exact", "sparse")
PRIORS: tuple[str, ...] = ("none", "position", "opening", "centroid")
Prior = Literal["none", "position", "opening", "centroid"]

#: progress(stage, done, total): called for long documents only (see
#: :data:`PROGRESS_MIN_CHARS`), at each stage and within the similarity stage.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One unit of the document, with where it is and how it ranked."""

    index: int
    start: int
    end: int
    text: str
    kind: Kind
    #: Words as length budgets count them (tokens of the normalized text).
    words: int
    score: float
    selected: bool
    #: Index of the earlier sentence this one repeats, or ``None``.
    duplicate_of: int | None = None
    #: Where the summary cuts this sentence (an offset into the document,
    #: between ``start`` and ``end``) when it crossed a word budget, else
    #: ``None``; ``start`` and ``end`` stay the whole sentence's.
    cut_end: int | None = None

    @property
    def kept_text(self) -> str:
        """The part of the sentence the summary keeps (all of it unless cut)."""
        return self.text if self.cut_end is None else self.text[: self.cut_end - self.start]

    @property
    def summary_text(self) -> str:
        """The sentence as the summary shows it: cut ones end with "…"."""
        return self.text if self.cut_end is None else self.kept_text.rstrip() + "…"

    @property
    def summary_words(self) -> int:
        """Words the summary keeps of this sentence."""
        if self.cut_end is None:
            return self.words
        from .select import count_words

        return count_words(self.kept_text)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Summary:
    """The result: every sentence with offsets and score, and the summary."""

    sentences: tuple[Sentence, ...]
    language: str
    settings: Mapping[str, Any]

    @property
    def selected(self) -> tuple[Sentence, ...]:
        """The chosen sentences, in document order."""
        return tuple(s for s in self.sentences if s.selected)

    @property
    def text(self) -> str:
        """The summary: selected sentences one per line (a sentence cut by
        a word budget ends with "…")."""
        return "\n".join(s.summary_text for s in self.selected)

    @property
    def truncated(self) -> bool:
        """Whether a sentence was cut to fit a word budget."""
        return any(s.cut_end is not None for s in self.sentences)

    def __str__(self) -> str:
        return self.text

    def counts(self) -> dict[str, int]:
        """Sizes of the document and of the summary."""
        distinct = [s for s in self.sentences if s.duplicate_of is None]
        return {
            "sentences": len(self.sentences),
            "distinct_sentences": len(distinct),
            "headings": sum(s.kind == "heading" for s in self.sentences),
            "duplicates": len(self.sentences) - len(distinct),
            "words": sum(s.words for s in self.sentences),
            "selected_sentences": len(self.selected),
            "selected_words": sum(s.summary_words for s in self.selected),
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything the result holds, for JSON output."""
        return {
            "language": self.language,
            "settings": dict(self.settings),
            "counts": self.counts(),
            "summary": self.text,
            "truncated": self.truncated,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass(frozen=True, kw_only=True)
class Summarizer:
    """A configured summarizer; reuse it for many texts with one setting.

    Length: at most one of ``ratio`` (fraction of distinct selectable
    sentences, at least one), ``sentences`` or ``words``; none means
    ``ratio=0.3``.
    """

    ratio: float | None = None
    sentences: int | None = None
    words: int | None = None
    language: Language = "auto"
    stop_words: bool = True
    stem: bool = True
    #: Edge weights: TF-IDF cosine, BM25, or TextRank's original overlap.
    similarity: Similarity = "cosine"
    sublinear_tf: bool = False
    damping: float = 0.4
    #: PageRank's teleport distribution (personalized PageRank): ``none`` is
    #: the original uniform TextRank; ``position`` favours early sentences
    #: (1/rank); ``opening`` sentences like the first one; ``centroid``
    #: sentences like the whole document.
    prior: Prior = "position"
    #: Share of the prior in the teleport vector, the rest uniform.
    prior_weight: float = 0.5
    #: Scores are multiplied by (words in the sentence) ** length_penalty.
    length_penalty: float = 0.0
    #: Scores are multiplied by (position among distinct sentences, from 1)
    #: ** -position_decay: a multiplicative position weight.
    position_decay: float = 0.0
    #: Edges weaker than this are dropped before ranking (LexRank's
    #: threshold; 0.0 keeps every edge).
    min_similarity: float = 0.0
    #: Weight of edges from an earlier sentence to a later one, relative to
    #: the reverse (1.0: undirected TextRank; below 1, PacSum-like directed
    #: centrality rewarding what later sentences repeat).
    forward: float = 1.0
    duplicate_threshold: float = DUPLICATE_THRESHOLD
    #: Skip a candidate at least this similar to a chosen one (1.0: off).
    redundancy: float = 0.5
    include_headings: bool = False
    #: With a word budget: cut the sentence that crosses it (True) or take
    #: whole sentences only, skipping those that do not fit (False).
    trim: bool = True
    graph: Literal["auto", "exact", "sparse"] = "auto"
    top_k: int = 10
    budget: Budget = field(init=False, repr=False, compare=False)

    def __new__(cls, *args: Any, **options: Any) -> Summarizer:
        # The dataclass __init__ would raise TypeError for a misspelled
        # option; users are promised InvalidOptionError, as summarize()
        # raises. Positional arguments stay a TypeError (options are
        # keyword-only). Unpickling calls __new__ with no arguments.
        _check_names(options)
        return super().__new__(cls)

    def __post_init__(self) -> None:
        _validate(self)
        _to_builtin(self)
        lengths = {k: getattr(self, k) for k in ("ratio", "sentences", "words")}
        if all(v is None for v in lengths.values()):
            lengths["ratio"] = DEFAULT_RATIO
        object.__setattr__(self, "budget", Budget(**lengths))

    def settings(self) -> dict[str, Any]:
        """The options as given (plus the default length), for reports."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.init}
        out.update(dataclasses.asdict(self.budget))
        return out

    def summarize(self, text: str, *, progress: Progress | None = None) -> Summary:
        """Summarize ``text``; raise :class:`EmptyDocumentError` if it has no words."""
        import numpy as np

        if not isinstance(text, str):
            raise InvalidOptionError(f"text must be str, not {type(text).__name__}")
        report = progress if progress is not None and len(text) >= PROGRESS_MIN_CHARS else None

        def stage(name: str, done: int) -> None:
            if report is not None:
                report(name, done, 5)

        stage("segmenting", 0)
        language = detect_language(text) if self.language == "auto" else self.language
        units = segment(text, language=language)
        if not units:
            raise EmptyDocumentError("the text has no sentence with a letter or digit")
        stage("vectorizing", 1)
        normalized = _normalize_all([u.text for u in units])
        stops = load_stop_words(language) if self.stop_words else frozenset()
        vectors = vectorize(normalized, stop_words=stops, stem=self.stem, sublinear_tf=self.sublinear_tf)
        X = vectors.tfidf
        graph_progress = None if report is None else (lambda d, t: report("similarity", d, t))
        S = similarity_matrix(X, method=self.graph, top_k=self.top_k, progress=graph_progress)
        # Exact duplicates: equal normalized text; near ones: cosine >= threshold.
        rep = find_duplicates(normalized, S, threshold=self.duplicate_threshold)
        nodes = [i for i in range(len(units)) if rep[i] == i]
        stage("ranking", 3)
        if len(nodes) == len(units):  # no duplicate: the graph is the whole matrix
            S_nodes, X_nodes, terms_nodes = S, X, vectors.terms
        else:
            S_nodes, X_nodes, terms_nodes = S[nodes][:, nodes], X[nodes], vectors.terms[nodes]
        W = edge_weights(S_nodes, terms_nodes, kind=self.similarity)
        if self.min_similarity > 0.0 and W.nnz:
            W = W.multiply(W >= self.min_similarity).tocsr()
            W.eliminate_zeros()
        # What a sparse graph leaves out of each sentence's total similarity
        # goes to a "rest of the text" node (zero on the exact graph); it is
        # in cosine units, so only for cosine weights.
        hub = residual_similarity(X_nodes, S_nodes) if self.similarity == "cosine" else None
        prior = _prior(self.prior, self.prior_weight, X_nodes)
        node_scores = pagerank(W, damping=self.damping, personalization=prior, hub=hub, forward=self.forward)
        words = np.asarray(vectors.counts.sum(axis=1), dtype=np.int64).ravel().tolist()
        scores = [0.0] * len(units)
        for node, i in enumerate(nodes):
            scores[i] = float(node_scores[node]) * (max(words[i], 1) ** self.length_penalty) * ((node + 1) ** -self.position_decay)
        for i in range(len(units)):
            scores[i] = scores[rep[i]]
        stage("selecting", 4)
        candidates = [i for i in nodes if self.include_headings or units[i].kind == "sentence"]
        if not candidates:  # a text of headings only: they are all it has
            candidates = nodes
        selection = choose(
            candidates, scores, words, S, budget=self.budget, redundancy=self.redundancy, trim=self.trim
        )
        chosen = set(selection.indices)
        cut_index, cut_end = -1, None
        if selection.cut is not None:
            cut_index, kept = selection.cut
            cut_end = units[cut_index].start + word_end(units[cut_index].text, kept)
        sentences = tuple(
            Sentence(
                i, u.start, u.end, u.text, u.kind, words[i], scores[i], i in chosen,
                None if rep[i] == i else rep[i], cut_end if i == cut_index else None,
            )
            for i, u in enumerate(units)
        )
        return Summary(sentences=sentences, language=language, settings=self.settings())

    __call__ = summarize


def _normalize_all(texts: list[str]) -> list[str]:
    """Normalize many sentences in one pass over their joined text.

    Units never contain a line break and normalization neither makes nor
    removes one, so splitting the joined result gives them back in order.
    """
    joined = normalize("\n".join(texts)).split("\n")
    return joined if len(joined) == len(texts) else [normalize(t) for t in texts]


def _prior(kind: str, weight: float, X: Any) -> Any:
    """PageRank's teleport vector: ``weight`` of the prior, the rest uniform.

    ``X`` holds the TF-IDF rows of the graph's nodes, in document order.
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


def _validate(s: Summarizer) -> None:
    """All option checks in one place; errors name the valid values."""
    given = [k for k in ("ratio", "sentences", "words") if getattr(s, k) is not None]
    if len(given) > 1:
        raise InvalidOptionError(f"give only one of ratio, sentences or words (got {', '.join(given)})")
    if s.ratio is not None and not (_is_real(s.ratio) and 0.0 < s.ratio <= 1.0):
        raise InvalidOptionError(f"ratio must be a number in (0, 1], got {s.ratio!r}")
    for name in ("sentences", "words", "top_k"):
        value = getattr(s, name)
        if value is not None and not (_is_int(value) and value >= 1):
            raise InvalidOptionError(f"{name} must be a positive whole number, got {value!r}")
    if s.language not in LANGUAGES:
        raise InvalidOptionError(f"language must be one of {', '.join(LANGUAGES)}; got {s.language!r}")
    if s.graph not in GRAPHS:
        raise InvalidOptionError(f"graph must be one of {', '.join(GRAPHS)}; got {s.graph!r}")
    if not (_is_real(s.damping) and 0.0 < s.damping < 1.0):
        raise InvalidOptionError(f"damping must be a number in (0, 1), got {s.damping!r}")
    if s.similarity not in SIMILARITIES:
        raise InvalidOptionError(f"similarity must be one of {', '.join(SIMILARITIES)}; got {s.similarity!r}")
    if s.prior not in PRIORS:
        raise InvalidOptionError(f"prior must be one of {', '.join(PRIORS)}; got {s.prior!r}")
    if not (_is_real(s.prior_weight) and 0.0 <= s.prior_weight <= 1.0):
        raise InvalidOptionError(f"prior_weight must be a number in [0, 1], got {s.prior_weight!r}")
    if not (_is_real(s.length_penalty) and -2.0 <= s.length_penalty <= 2.0):
        raise InvalidOptionError(f"length_penalty must be a number in [-2, 2], got {s.length_penalty!r}")
    if not (_is_real(s.position_decay) and 0.0 <= s.position_decay <= 2.0):
        raise InvalidOptionError(f"position_decay must be a number in [0, 2], got {s.position_decay!r}")
    if not (_is_real(s.min_similarity) and 0.0 <= s.min_similarity < 1.0):
        raise InvalidOptionError(f"min_similarity must be a number in [0, 1), got {s.min_similarity!r}")
    if not (_is_real(s.forward) and 0.0 <= s.forward <= 1.0):
        raise InvalidOptionError(f"forward must be a number in [0, 1], got {s.forward!r}")
    for name in ("duplicate_threshold", "redundancy"):
        value = getattr(s, name)
        if not (_is_real(value) and 0.0 < value <= 1.0):
            raise InvalidOptionError(f"{name} must be a number in (0, 1], got {value!r}")
    for name in ("stop_words", "stem", "sublinear_tf", "include_headings", "trim"):
        if not isinstance(getattr(s, name), bool):
            raise InvalidOptionError(f"{name} must be True or False, got {getattr(s, name)!r}")


def _is_real(v: object) -> bool:
    """Any finite real number: Python's or numpy's (``numbers.Real``), not a bool."""
    return isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v)


def _is_int(v: object) -> bool:
    """Any whole number type: ``int``, ``numpy.int64``… (``numbers.Integral``), not a bool."""
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _to_builtin(s: Summarizer) -> None:
    """Store a numpy number given for a numeric option as Python's int or
    float once validated, so settings print and serialize (JSON) alike.
    Every numeric option, read from the values themselves (bools are
    validated as bools and left alone)."""
    for name in _OPTIONS:
        value = getattr(s, name)
        if isinstance(value, numbers.Real) and not isinstance(value, bool) and type(value) not in (int, float):
            object.__setattr__(s, name, int(value) if isinstance(value, numbers.Integral) else float(value))


_OPTIONS = tuple(f.name for f in dataclasses.fields(Summarizer) if f.init)


def _check_names(options: Mapping[str, Any]) -> None:
    """Refuse misspelled options, naming the valid ones (and the closest)."""
    unknown = sorted(set(options) - set(_OPTIONS))
    if unknown:
        close = difflib.get_close_matches(unknown[0], _OPTIONS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InvalidOptionError(f"unknown option {', '.join(map(repr, unknown))}; valid options: {', '.join(_OPTIONS)}{hint}")


def summarize(text: str, **options: Any) -> Summary:
    """Summarize ``text`` in one call: ``summarize(text, ratio=0.3)``.

    Options are the keyword arguments of :class:`Summarizer`; a misspelled
    one is an error that lists the valid names, never silently ignored.
    """
    return Summarizer(**options).summarize(text)
