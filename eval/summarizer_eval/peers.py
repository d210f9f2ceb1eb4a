"""The summarizers a user would otherwise pick, on equal terms with ours.

``sumy-textrank``, ``sumy-lexrank``, ``summa`` and ``lexrank`` are systems
of ``summarize-eval`` like any other; they need the ``bench`` extra
(``pip install ".[bench]"``), and naming one without its package is a
one-line error saying so. Every peer gets the same sentences (our
segmenter's selectable units, the evaluation's
:class:`~summarizer_eval.view.DocumentView`), the same analysis of
each sentence (our normalization, tokenizer, stop words and light stemmer,
as the summarizer's defaults use them: sumy would otherwise need NLTK data
that cannot be downloaded here, and the packages' own tokenizers split
Arabic at diacritics or keep hamza variants apart), and the same budget:
each peer only scores the sentences, and the evaluation's selection rule
(best scores first, ties to the earlier sentence, the budget's sentence
count) picks the summary. So the comparison is between ranking algorithms.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from summarizer import Summarizer
from summarizer.select import Budget
from summarizer.text.normalize import normalize, tokenize
from summarizer.vectorize import load_stop_words, make_filter

from .errors import EvalError
from .view import DocumentView, SystemSummary, by_scores

__all__ = [
    "PEER_NAMES",
    "LexRankPackage",
    "Peer",
    "PeerSystem",
    "Summa",
    "Sumy",
    "default_analyzer",
    "make_peer",
    "require",
]

Analyzer = Callable[[str], list[str]]


@functools.cache
def default_analyzer(language: str = "ar") -> Analyzer:
    """Our analysis with the summarizer's default stop-word and stemming
    settings, for the language of the document (its stop words)."""
    defaults = Summarizer()
    stops = load_stop_words(language) if defaults.stop_words else frozenset()
    apply = make_filter(stop_words=stops, stem=defaults.stem)
    return lambda text: apply(tokenize(normalize(text)))


class Peer(Protocol):
    """Scores sentences; higher is more central."""

    @property
    def name(self) -> str: ...

    def scores(self, sentences: Sequence[str], *, language: str = "ar") -> list[float]: ...

    def settings(self) -> dict[str, object]: ...


def _settings(package: str, algorithm: str, **extra: object) -> dict[str, object]:
    """What a peer is, for reports: package, version, how it was fed."""
    import importlib.metadata as md

    defaults = Summarizer()
    return {
        "package": package,
        "version": md.version(package),
        "algorithm": algorithm,
        "analysis": f"ours: normalize, tokenize, stop words {'on' if defaults.stop_words else 'off'}, "
        f"light stemming {'on' if defaults.stem else 'off'}",
        **extra,
    }


@dataclass(frozen=True)
class _SumyTokenizer:
    """What sumy asks of a tokenizer, answered by our analyzer (no NLTK data)."""

    analyze: Analyzer
    language: str = "arabic"

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(self.analyze(text))

    def to_sentences(self, text: str) -> tuple[str, ...]:  # pragma: no cover - never asked
        raise NotImplementedError("sentences come from our segmenter")


def _sumy_document(sentences: Sequence[str], analyze: Analyzer) -> object:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = _SumyTokenizer(analyze)
    return ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])


def _sumy_scores(summarizer_class: type, sentences: Sequence[str], analyze: Analyzer) -> list[float]:
    """Run a sumy summarizer's own ``__call__`` and keep the ratings it
    computed (sumy returns only the best sentences, not their scores)."""

    class Rated(summarizer_class):
        ratings: dict[object, float] = {}

        def _get_best_sentences(self, sentences: object, count: object, rating: object, *args: object, **kwargs: object) -> tuple[()]:
            self.ratings = dict(rating)  # type: ignore[call-overload]
            return ()

    import math

    import numpy as np

    summarizer = Rated()
    document = _sumy_document(sentences, analyze)
    with np.errstate(invalid="ignore", divide="ignore"):  # all-empty sentences: 0/0
        summarizer(document, len(sentences))
    # sumy keys ratings by sentence text; our candidates are distinct texts.
    by_text = {str(s): float(r) for s, r in summarizer.ratings.items()}
    scores = [by_text.get(s.strip(), 0.0) for s in sentences]
    return [x if math.isfinite(x) else 0.0 for x in scores]


#: sumy's summarizers by peer name: module and class.
_SUMY: dict[str, tuple[str, str]] = {
    "sumy-textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "sumy-lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
}


@dataclass(frozen=True)
class Sumy:
    """sumy's TextRank (word-overlap weights, dense power method) or LexRank
    (TF-IDF cosine, threshold graph, power method), with their defaults."""

    name: str = "sumy-textrank"
    #: ``None``: our analysis for the document's language.
    analyze: Analyzer | None = None

    def __post_init__(self) -> None:
        if self.name not in _SUMY:
            raise EvalError(f"unknown sumy peer {self.name!r}; valid: {', '.join(_SUMY)}")

    def scores(self, sentences: Sequence[str], *, language: str = "ar") -> list[float]:
        import importlib

        module, cls = _SUMY[self.name]
        analyze = self.analyze or default_analyzer(language)
        return _sumy_scores(getattr(importlib.import_module(module), cls), sentences, analyze)

    def settings(self) -> dict[str, object]:
        return _settings("sumy", f"{_SUMY[self.name][1]} (defaults)")


@dataclass(frozen=True)
class Summa:
    """summa's TextRank (the gensim lineage: overlap weights, its own graph)."""

    #: ``None``: our analysis for the document's language.
    analyze: Analyzer | None = None
    name: str = "summa"

    def scores(self, sentences: Sequence[str], *, language: str = "ar") -> list[float]:
        from summa.commons import build_graph, remove_unreachable_nodes
        from summa.pagerank_weighted import pagerank_weighted_scipy
        from summa.summarizer import _set_graph_edge_weights  # noqa: PLC2701 (summa has no public way to weight given sentences)

        # summa keys graph nodes by each sentence's processed words, exactly
        # as summa.summarizer.summarize does after its own cleaning.
        analyze = self.analyze or default_analyzer(language)
        keys = [" ".join(analyze(s)) for s in sentences]
        graph = build_graph([k for k in dict.fromkeys(keys) if k])
        _set_graph_edge_weights(graph)
        remove_unreachable_nodes(graph)
        if not graph.nodes():
            return [0.0] * len(sentences)
        ranks = pagerank_weighted_scipy(graph)
        return [float(ranks.get(k, 0.0)) for k in keys]

    def settings(self) -> dict[str, object]:
        return _settings("summa", "summa.summarizer's graph, weights and weighted PageRank")


@dataclass(frozen=True)
class LexRankPackage:
    """The ``lexrank`` package (Erkan & Radev's LexRank, continuous weights
    above a threshold), with IDF from a background corpus as it intends:
    ``background`` is a list of documents, each a list of sentences."""

    background: tuple[tuple[str, ...], ...]
    #: ``None``: our analysis for each document's language.
    analyze: Analyzer | None = None
    name: str = "lexrank"
    _model: object = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from lexrank import LexRank

        from summarizer.text.normalize import detect_language

        docs = [[self._prepared(s, detect_language(" ".join(doc))) for s in doc] for doc in self.background]
        object.__setattr__(self, "_model", LexRank(docs, stopwords=set(), keep_numbers=True))

    def _prepared(self, sentence: str, language: str) -> str:
        # Already analyzed words joined by spaces: lexrank's own cleaning
        # (lower-case, letters and digits) leaves them as they are.
        return " ".join((self.analyze or default_analyzer(language))(sentence))

    def scores(self, sentences: Sequence[str], *, language: str = "ar") -> list[float]:
        prepared = [self._prepared(s, language) for s in sentences]
        if not any(prepared):
            return [0.0] * len(sentences)
        ranks = self._model.rank_sentences(prepared)  # type: ignore[attr-defined]
        return [float(r) for r in ranks]

    def settings(self) -> dict[str, object]:
        return _settings(
            "lexrank",
            "LexRank.rank_sentences (package defaults: threshold 0.03, fast power method)",
            idf_documents=len(self.background),
        )


@dataclass(frozen=True)
class PeerSystem:
    """A peer behind the evaluation's ``System`` interface."""

    peer: Peer

    @property
    def name(self) -> str:
        return self.peer.name

    def summarize(self, view: DocumentView, budget: Budget) -> SystemSummary:
        n = len(view.units)
        scores = [float("-inf")] * n
        texts = [view.units[i].text for i in view.candidates]
        for i, s in zip(view.candidates, self.peer.scores(texts, language=view.language)):
            scores[i] = s
        return view.extract(by_scores(view, budget, scores))  # peers have no redundancy step


PEER_NAMES: tuple[str, ...] = ("sumy-textrank", "sumy-lexrank", "summa", "lexrank")


#: The package each peer needs (``bench`` extra).
PACKAGES: dict[str, str] = {"sumy-textrank": "sumy", "sumy-lexrank": "sumy", "summa": "summa", "lexrank": "lexrank"}


def require(name: str) -> None:
    """Fail with one clear line when the peer's package cannot be imported."""
    import importlib

    package = PACKAGES[name]
    try:
        importlib.import_module(package)
    except ImportError:
        raise EvalError(
            f"system {name!r} needs the {package!r} package, which is not installed: "
            'pip install "arabic-textrank-summarizer[bench]" (or ".[bench]" in a checkout)'
        ) from None


def make_peer(name: str, *, background: Sequence[Sequence[str]] = ()) -> Peer:
    """A peer by name; ``lexrank`` needs the background documents' sentences."""
    if name in PACKAGES:
        require(name)
    if name in _SUMY:
        return Sumy(name)
    if name == "summa":
        return Summa()
    if name == "lexrank":
        return LexRankPackage(tuple(tuple(d) for d in background))
    raise EvalError(f"unknown peer {name!r}; valid peers: {', '.join(PEER_NAMES)}")
