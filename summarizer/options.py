"""The summarizer's options: one frozen, validated record, declared once.

Every option is a keyword argument declared here, once, with its default,
its rule (:mod:`summarizer.validate`: the valid values, checked in one loop,
the message naming the parameter and what it accepts), its help text and
the surfaces that offer it (:data:`SURFACES`), in the field's metadata
(:func:`option`). :data:`SPECS` reads the declarations back, one
:class:`OptionSpec` per option, and everything else is derived from it: the
commands' flags (``summarizer.cli.kit``), the HTTP API's schema and the
service's form (``summarizer.serve``), the evaluation's length flags and the
options reference. A misspelled name or a value outside its rule is an
:class:`~summarizer.errors.InvalidOptionError`, raised when the options are
made, never in the middle of a document. The pipeline's stages
(:mod:`summarizer.pipeline`) read their settings from an :class:`Options`,
so a setting validated once serves every document.
"""

from __future__ import annotations

import dataclasses
import numbers
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import InvalidOptionError, Spelling, param, python_spelling, spell
from .rank import DENSE_LIMIT, DUPLICATE_THRESHOLD
from .select import LENGTH_RULES, MIN_CUT_WORDS, Budget, check_lengths
from .similarity import SIMILARITIES, Similarity
from .text.segment import LANGUAGES as SEGMENT_LANGUAGES
from .validate import Count, Flag, Interval, OneOf, Rule, check, check_names

__all__ = [
    "DEFAULT_RATIO",
    "GRAPHS",
    "LANGUAGES",
    "PRIORS",
    "RULES",
    "SPECS",
    "SURFACES",
    "Language",
    "OptionSpec",
    "Options",
    "Prior",
    "Surface",
    "option",
]

DEFAULT_RATIO = 0.3
Language = Literal["auto", "ar", "en"]
#: ``auto`` identifies the language (:mod:`summarizer.text.language`):
#: Arabic (any dialect) or English, any other refused.
LANGUAGES: tuple[str, ...] = ("auto", *SEGMENT_LANGUAGES)
GRAPHS: tuple[str, ...] = ("auto", "exact", "sparse")
PRIORS: tuple[str, ...] = ("none", "position", "opening", "centroid")
Prior = Literal["none", "position", "opening", "centroid"]

#: Where an option can be set besides the library: the commands
#: ``summarize`` and ``summarize-batch``, the HTTP API's JSON body
#: (``api``), the service's web form (``form``), and ``summarize-eval``
#: (the length every system is held to).
Surface = Literal["summarize", "summarize-batch", "api", "form", "summarize-eval"]
SURFACES: tuple[Surface, ...] = typing.get_args(Surface)
#: Every library option is reachable from these, under its own name.
_EVERYWHERE: frozenset[Surface] = frozenset(("summarize", "summarize-batch", "api"))
#: What an option is about: ``length`` (at most one of ratio, sentences,
#: words; and how a word budget is met), ``text`` (how the text is read),
#: ``method`` (how sentences are compared, ranked and chosen).
Group = Literal["length", "text", "method"]


@dataclass(frozen=True, slots=True)
class _Declared:
    """What :func:`option` stores in a field's metadata."""

    rule: Rule
    help: str
    group: Group
    surfaces: frozenset[Surface]
    label: str


def option(default: Any, rule: Rule, help: str, *, group: Group = "method", also: tuple[Surface, ...] = (), label: str = "") -> Any:
    """Declare an option (a field of :class:`Options`): its ``default``, the
    ``rule`` its values follow, its ``help`` (one or two sentences; other
    options named with :func:`~summarizer.errors.param`, so each surface
    spells them its own way), its ``group``, and the surfaces that offer it
    ``also`` besides the library, both commands and the API (which offer
    every option). ``label``: a short name for a form's field."""
    return field(default=default, metadata={"option": _Declared(rule, help, group, _EVERYWHERE | frozenset(also), label or help)})


@dataclass(frozen=True, kw_only=True)
class Options:
    """How to summarize; reuse one for many texts.

    Length: at most one of ``ratio`` (fraction of distinct selectable
    sentences, at least one), ``sentences`` or ``words``; none means
    ``ratio=0.3``. Each option's rule and help: :data:`SPECS`.
    """

    ratio: float | None = option(
        None, LENGTH_RULES["ratio"],
        f"Fraction of the distinct sentences to keep (at least one). Give at most one of {param('ratio')}, "
        f"{param('sentences')} or {param('words')}; none gives {param('ratio', DEFAULT_RATIO)}.",
        group="length", also=("form", "summarize-eval"), label="fraction of the sentences",
    )
    sentences: int | None = option(
        None, LENGTH_RULES["sentences"], "Number of sentences to keep.",
        group="length", also=("form", "summarize-eval"), label="number of sentences",
    )
    words: int | None = option(
        None, LENGTH_RULES["words"],
        "Word budget, never exceeded: filled in rank order, the sentence that crosses it cut with '…' "
        f"(after other sentences, a piece of fewer than {MIN_CUT_WORDS} words ends the summary instead).",
        group="length", also=("form", "summarize-eval"), label="number of words",
    )
    language: Language = option(
        "auto", OneOf(LANGUAGES), "Segmentation rules and stop words; auto looks at the script.",
        group="text", also=("form",), label="language",
    )
    stop_words: bool = option(True, Flag(), "Drop stop words before comparing sentences.", group="text")
    stem: bool = option(True, Flag(), "Light-stem Arabic words before comparing sentences.", group="text")
    #: Edge weights: TF-IDF cosine, BM25, or TextRank's original overlap.
    similarity: Similarity = option(
        "cosine", OneOf(SIMILARITIES), "Edge weights: TF-IDF cosine, BM25, or TextRank's original word overlap."
    )
    sublinear_tf: bool = option(False, Flag(), "Count a term's frequency as 1 + log(tf) in the TF-IDF vectors.")
    damping: float = option(0.4, Interval(0.0, 1.0, "()"), "PageRank's damping factor.")
    #: PageRank's teleport distribution (personalized PageRank): ``none`` is
    #: the original uniform TextRank; ``position`` favours early sentences
    #: (1/rank); ``opening`` sentences like the first one; ``centroid``
    #: sentences like the whole document.
    prior: Prior = option(
        "position", OneOf(PRIORS),
        "PageRank's teleport distribution: none (uniform), position (early sentences), "
        "opening (like the first sentence), centroid (like the whole document).",
    )
    #: Share of the prior in the teleport vector, the rest uniform.
    prior_weight: float = option(0.5, Interval(0.0, 1.0), "Share of the prior in PageRank's teleport vector, the rest uniform.")
    #: Scores are multiplied by (words in the sentence) ** length_penalty.
    length_penalty: float = option(0.0, Interval(-2.0, 2.0), "Scores are multiplied by (words in the sentence) ** this.")
    #: Scores are multiplied by (position among distinct sentences, from 1)
    #: ** -position_decay: a multiplicative position weight.
    position_decay: float = option(0.0, Interval(0.0, 2.0), "Scores are multiplied by (position among distinct sentences, from 1) ** -this.")
    #: Edges weaker than this are dropped before ranking (LexRank's
    #: threshold; 0.0 keeps every edge).
    min_similarity: float = option(0.0, Interval(0.0, 1.0, "[)"), "Edges weaker than this are dropped before ranking; 0 keeps every edge.")
    #: Weight of edges from an earlier sentence to a later one, relative to
    #: the reverse (1.0: undirected TextRank; below 1, PacSum-like directed
    #: centrality rewarding what later sentences repeat).
    forward: float = option(
        1.0, Interval(0.0, 1.0), "Weight of edges from an earlier sentence to a later one, relative to the reverse; 1 is undirected."
    )
    duplicate_threshold: float = option(
        DUPLICATE_THRESHOLD, Interval(0.0, 1.0, "(]"), "Sentences at least this similar are collapsed as duplicates."
    )
    #: Skip a candidate at least this similar to a chosen one (1.0: off).
    redundancy: float = option(0.5, Interval(0.0, 1.0, "(]"), "Skip a sentence at least this similar to a chosen one; 1 turns it off.")
    #: Weight of a candidate's similarity to the sentences already chosen
    #: against its score (maximal marginal relevance; 0.0: by score alone).
    diversity: float = option(
        0.3, Interval(0.0, 1.0, "[)"),
        "Weight of a sentence's similarity to those already chosen against its score (maximal marginal relevance); 0 takes them by score.",
    )
    include_headings: bool = option(False, Flag(), "Let heading and byline lines be selected.", group="text")
    #: With a word budget: cut the sentence that crosses it (True) or take
    #: whole sentences only, skipping those that do not fit (False; needs
    #: ``words``). Either way the summary never has more words than the
    #: budget: when nothing fits, it is empty.
    trim: bool = option(
        True, Flag(),
        f"With {param('words')} only: cut the sentence that crosses the budget; {param('trim', False)} takes whole sentences "
        "only, skipping those that do not fit. When nothing fits, the summary is empty and a warning says so.",
        group="length",
    )
    graph: Literal["auto", "exact", "sparse"] = option(
        "auto", OneOf(GRAPHS),
        f"Similarity graph: exact, sparse (each sentence's {param('top_k')} nearest neighbours), or auto (exact up to {DENSE_LIMIT} sentences).",
    )
    top_k: int = option(10, Count(), "Neighbours per sentence in the sparse graph.")
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
        if self.trim is False and self.words is None:
            # Only a word budget ever cuts a sentence: trim=False anywhere
            # else would be ignored, so a caller relying on it is told.
            raise InvalidOptionError(
                f"{param('trim', False)} needs {param('words')}: only a word budget cuts a sentence "
                f"(give {param('words')} too, or leave out {param('trim', False)})"
            )
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


#: Every option, in the order of the fields.
OPTIONS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Options) if f.init)
#: Each option's rule but the lengths' (those are checked together, by
#: :func:`summarizer.select.check_lengths`), in the order of the fields.
RULES: Mapping[str, Rule] = {
    f.name: f.metadata["option"].rule for f in dataclasses.fields(Options) if f.init and f.name not in LENGTH_RULES
}


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """One option as declared: everything a surface needs to offer it.

    ``type`` is the annotation (``float | None``, a ``Literal``); ``kind``
    the plain type a value has (``float``, ``int``, ``bool`` or ``str``).
    ``help`` marks the options it names (:func:`~summarizer.errors.param`):
    :meth:`describe` spells them for a reader.
    """

    name: str
    type: Any
    kind: type
    default: Any
    rule: Rule
    help: str
    group: Group
    surfaces: frozenset[Surface]
    #: A short name for a form's field.
    label: str

    @property
    def valid(self) -> str:
        """The valid values in words (``a number in (0, 1)``)."""
        return self.rule.description

    @property
    def optional(self) -> bool:
        """Whether ``None`` is a value (the lengths: none given is the default length)."""
        return self.default is None

    def describe(self, spelling: Spelling = python_spelling, *, valid: bool = True) -> str:
        """The help text spelled for its reader, followed (``valid``) by the
        valid values unless the option is a flag."""
        text = spell(self.help, spelling)
        if valid and self.kind is not bool:
            text += f" {self.valid[0].upper()}{self.valid[1:]}."
        return text


def _kind(hint: Any) -> type:
    """The plain type of a value of an annotation: ``float | None`` is
    ``float``, a ``Literal`` of names ``str``."""
    if typing.get_origin(hint) is Literal:
        return type(typing.get_args(hint)[0])
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return _kind(args[0]) if args else hint


def _specs() -> tuple[OptionSpec, ...]:
    hints = typing.get_type_hints(Options)
    specs = []
    for f in dataclasses.fields(Options):
        if not f.init:
            continue
        declared: _Declared = f.metadata["option"]
        specs.append(OptionSpec(
            name=f.name, type=hints[f.name], kind=_kind(hints[f.name]), default=f.default, rule=declared.rule, help=declared.help,
            group=declared.group, surfaces=declared.surfaces, label=declared.label,
        ))
    return tuple(specs)


#: Every option as declared, in the order of the fields: what the commands,
#: the HTTP API, the form, the evaluation and the options reference are made from.
SPECS: tuple[OptionSpec, ...] = _specs()
assert all(s.rule.accepts(s.default) for s in SPECS if not s.optional), "every default follows its rule"


def _to_builtin(options: Options) -> None:
    """Store a numpy number given for a numeric option as Python's int or
    float once validated, so settings print and serialize (JSON) alike
    (bools are validated as bools and left alone)."""
    for name in OPTIONS:
        value = getattr(options, name)
        if isinstance(value, numbers.Real) and not isinstance(value, bool) and type(value) not in (int, float):
            object.__setattr__(options, name, int(value) if isinstance(value, numbers.Integral) else float(value))
