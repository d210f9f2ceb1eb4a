"""The summarizer's options: one frozen, validated record.

Every option is a keyword argument with its default here and its rule in
:data:`RULES` (data, checked in one loop); a misspelled name or a value
outside its rule is an :class:`~summarizer.errors.InvalidOptionError` that
names the parameter and its valid values, raised when the options are
made, never in the middle of a document. The pipeline's stages
(:mod:`summarizer.pipeline`) read their settings from an :class:`Options`,
so a setting validated once serves every document.
"""

from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .keyphrases import DEFAULT_RULES as KEYPHRASE_RULES
from .rank import DUPLICATE_THRESHOLD
from .select import LENGTH_RULES, Budget, check_lengths
from .similarity import SIMILARITIES, Similarity
from .text.segment import LANGUAGES as SEGMENT_LANGUAGES
from .validate import Count, Flag, Interval, OneOf, Rule, check, check_names

__all__ = ["DEFAULT_RATIO", "GRAPHS", "LANGUAGES", "PRIORS", "RULES", "Language", "Options", "Prior"]

DEFAULT_RATIO = 0.3
Language = Literal["auto", "ar", "en"]
#: ``auto`` detects the language from the text's letters.
LANGUAGES: tuple[str, ...] = ("auto", *SEGMENT_LANGUAGES)
GRAPHS: tuple[str, ...] = ("auto", "exact", "sparse")
PRIORS: tuple[str, ...] = ("none", "position", "opening", "centroid")
Prior = Literal["none", "position", "opening", "centroid"]


@dataclass(frozen=True, kw_only=True)
class Options:
    """How to summarize; reuse one for many texts.

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
    #: Weight of a candidate's similarity to the sentences already chosen
    #: against its score (maximal marginal relevance; 0.0: by score alone).
    diversity: float = 0.3
    include_headings: bool = False
    #: With a word budget: cut the sentence that crosses it (True) or take
    #: whole sentences only, skipping those that do not fit (False).
    trim: bool = True
    graph: Literal["auto", "exact", "sparse"] = "auto"
    top_k: int = 10
    #: Keyphrases to put on the summary (0: none; :mod:`summarizer.keyphrases`).
    keywords: int = 0
    #: Keyphrases' co-occurrence window, in content words.
    keyword_window: int = KEYPHRASE_RULES.window
    budget: Budget = field(init=False, repr=False, compare=False)

    def __new__(cls, *args: Any, **options: Any) -> Options:
        # The dataclass __init__ would raise TypeError for a misspelled
        # option; users are promised InvalidOptionError. Positional
        # arguments stay a TypeError (options are keyword-only). Unpickling
        # calls __new__ with no arguments.
        check_names(options, OPTIONS)
        return super().__new__(cls)

    def __post_init__(self) -> None:
        lengths = {name: getattr(self, name) for name in LENGTH_RULES}
        given = check_lengths(**lengths)
        for name, rule in RULES.items():
            check(name, getattr(self, name), rule)
        _to_builtin(self)
        lengths = {name: getattr(self, name) for name in LENGTH_RULES}  # as stored (builtin numbers)
        if not given:
            lengths["ratio"] = DEFAULT_RATIO
        object.__setattr__(self, "budget", Budget(**lengths))

    def settings(self) -> dict[str, Any]:
        """The options as given (plus the default length), for reports."""
        out = {name: getattr(self, name) for name in OPTIONS}
        out.update(dataclasses.asdict(self.budget))
        return out

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes``, validated as new options are (a
        misspelled name included: the copy is made through ``__new__``)."""
        return dataclasses.replace(self, **changes)


#: Each option's rule but the lengths' (:mod:`summarizer.validate`; the
#: lengths follow :data:`summarizer.select.LENGTH_RULES`), checked in this order.
RULES: Mapping[str, Rule] = {
    "top_k": Count(),
    "keywords": Count(0),
    "keyword_window": Count(),
    "language": OneOf(LANGUAGES),
    "graph": OneOf(GRAPHS),
    "damping": Interval(0.0, 1.0, "()"),
    "similarity": OneOf(SIMILARITIES),
    "prior": OneOf(PRIORS),
    "prior_weight": Interval(0.0, 1.0),
    "length_penalty": Interval(-2.0, 2.0),
    "position_decay": Interval(0.0, 2.0),
    "min_similarity": Interval(0.0, 1.0, "[)"),
    "forward": Interval(0.0, 1.0),
    "duplicate_threshold": Interval(0.0, 1.0, "(]"),
    "redundancy": Interval(0.0, 1.0, "(]"),
    "diversity": Interval(0.0, 1.0, "[)"),
    "stop_words": Flag(),
    "stem": Flag(),
    "sublinear_tf": Flag(),
    "include_headings": Flag(),
    "trim": Flag(),
}
#: Every option, in the order of the fields.
OPTIONS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Options) if f.init)
assert set(RULES) | set(LENGTH_RULES) == set(OPTIONS), "every option needs a rule"


def _to_builtin(options: Options) -> None:
    """Store a numpy number given for a numeric option as Python's int or
    float once validated, so settings print and serialize (JSON) alike
    (bools are validated as bools and left alone)."""
    for name in OPTIONS:
        value = getattr(options, name)
        if isinstance(value, numbers.Real) and not isinstance(value, bool) and type(value) not in (int, float):
            object.__setattr__(options, name, int(value) if isinstance(value, numbers.Integral) else float(value))
