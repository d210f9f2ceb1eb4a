"""Keyphrases: TextRank's other half (Mihalcea & Tarau, 2004, section 3).

    tokens(text, units, normalized) → Tokens    every token of the text (as
                                                 columns) with its offsets, key,
                                                 group, and whether a phrase
                                                 may go on through it
    graph(tokens, feeding, rules)   → WordGraph content words linked when they
                                                 co-occur within ``window``
    extract(...)                    → Keyword   phrases scored from their words,
                                                 nested ones collapsed, top N

Content words are the tokens that are neither stop words nor numbers nor
shorter than :attr:`KeyphraseRules.min_chars` (no tagger here, so
TextRank's noun/adjective filter becomes these POS-free rules; for English
the summary's scikit-learn stop words are corrected both ways, and dates
are stop words in both languages: :func:`stop_words_for`). They are the
graph's vertices, grouped by their light stem (Arabic) or singular
(English), so ``المكتبات`` and ``بالمكتبة`` are one vertex; an edge joins
two that occur within ``window`` content words of each other in one unit
(co-occurrence does not cross a sentence end), weighted by how often they
do. networkx's PageRank (computed on the graph's matrix, :func:`pagerank`)
ranks the vertices, with a position prior in the teleport vector
(PositionRank, Florescu & Caragea 2017: the sum of 1/position of a word's
occurrences, counted in words or in sentences).

A phrase is a maximal run of adjacent content words with nothing but
spaces or a hyphen between them: a stop word, a number, punctuation or a
sentence end breaks it, and so does "و" ("and") glued to a word the text
also writes alone (the phrase then starts after the "و"). Runs longer
than ``max_words`` are not phrases, and a run stops before the words
that may not end it (English: "-ed", "-ly"). A phrase scores the sum of
its words' scores divided by its length ** ``length_norm``, times its
occurrences ** ``frequency`` (and times ``single`` for one word); phrases with the same groups are one phrase; one nested in
a phrase already chosen is dropped, and with ``diversity`` a phrase that
shares a word with chosen ones falls back, so the list is not ten phrases
around one word. Each is shown in its most frequent surface form as
written, with every place it occurs.

Sentences feed the graph, each repeat once (the pipeline's duplicates).
Headings and bylines do not, but for a heading that opens the text (a
title): its words that the sentences also use feed it, as a title repeats
what the text is about, while a byline's or a source's name
("ناظور سيتي: متابعة") does not recur. Boilerplate never feeds.
Occurrences are listed wherever the phrase is written outside
boilerplate, repeats and headings included, so a page can mark them all.

Each setting was measured on both dev corpora (AKEC, Inspec), one change
at a time: ``python -m benchmarks.keyphrase_variants``; the chosen ones
per language are :data:`LANGUAGE_RULES`, and the comparison with the peers
is ``python -m benchmarks.keyphrases`` (benchmarks/results/keyphrases.md).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from .text.normalize import ARABIC_LETTERS, normalize, tokenize
from .text.segment import Segment
from .text.stem import light_stem
from .validate import Count, Flag, Interval, OneOf, Rule, check

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = ["CONTENT_WORDS_EN", "DATE_WORDS", "DEFAULT_RULES", "FUNCTION_WORDS_EN", "LANGUAGE_RULES", "RULES", "Keyword", "KeyphraseRules", "NON_FINAL_ENDINGS", "Tokens", "WordGraph", "extract", "graph", "pagerank", "group_of", "plural_stem", "rules_for", "stop_words_for", "tokens"]


@dataclass(frozen=True, slots=True)
class Keyword:
    """One keyphrase: how it is written, its score, its normalized form and
    where it occurs (``text[start:end]`` is each occurrence as written)."""

    text: str
    score: float
    #: Its normalized form (:func:`~summarizer.text.normalize.normalize`,
    #: tokens joined by one space): what two spellings of it share.
    key: str
    occurrences: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "score": self.score, "key": self.key, "occurrences": [list(o) for o in self.occurrences]}


Scoring = Literal["sum", "max"]


@dataclass(frozen=True, slots=True)
class KeyphraseRules:
    """The choices of the keyphrase stage, as data (defaults measured on
    both dev corpora)."""

    #: Content words at most this far apart (in content words) are linked.
    window: int = 3
    #: PageRank's damping (TextRank's 0.85).
    damping: float = 0.85
    #: Share of PositionRank's prior in the teleport vector (0: uniform).
    position: float = 0.5
    #: What the position counts: words (PositionRank) or sentences.
    position_by: Literal["word", "sentence"] = "word"
    #: ``sum``: a phrase scores its words' sum / length ** ``length_norm``;
    #: ``max``: its best word's score.
    scoring: Scoring = "sum"
    length_norm: float = 0.5
    #: Content words have at least this many characters (normalized).
    min_chars: int = 2
    #: Phrases have at most this many words.
    max_words: int = 4
    #: Group word forms by their light stem (False: by the normalized form).
    stem: bool = True
    #: ``both``: drop a phrase nested in one already chosen or holding one;
    #: ``inner``: only one nested in a chosen phrase; ``none``: keep all.
    collapse: Literal["both", "inner", "none"] = "inner"
    #: ``ngrams``: every run of up to ``max_words`` adjacent content words;
    #: ``runs``: only maximal runs (what a stop word or punctuation bounds).
    candidates: Literal["ngrams", "runs"] = "runs"
    #: Which headings feed the graph: ``none``, ``title`` (a heading that
    #: opens the text) or ``all``.
    headings: Literal["none", "title", "all"] = "title"
    #: An Arabic word that is "و" ("and") glued to a word the text also
    #: writes alone starts a new phrase, shown without the "و".
    conjunctions: bool = True
    #: A phrase's score falls by this share for each chosen phrase that
    #: shares a word with it (0: by score alone).
    diversity: float = 0.0
    #: A phrase's score is multiplied by (its occurrences) ** frequency.
    frequency: float = 0.0
    #: A one-word phrase's score is multiplied by this (a text's central
    #: word alone is rarely one of its keyphrases: "system").
    single: float = 1.0
    #: Which words may not end a phrase (:data:`NON_FINAL_ENDINGS`): a
    #: phrase stops before them.
    endings: Literal["any", "english"] = "any"

    def __post_init__(self) -> None:
        for name, rule in RULES.items():
            check(name, getattr(self, name), rule)


#: Nouns and adjectives in scikit-learn's English stop-word list (the one
#: the summary uses, whose known problems scikit-learn's documentation
#: warns of): content words a keyphrase may hold ("system" is in 120 of
#: Inspec dev's gold phrases). Removed from the stop words here only.
CONTENT_WORDS_EN: frozenset[str] = frozenset({
    "system", "bill", "fire", "interest", "mill", "name", "part", "side", "detail", "amount",
    "bottom", "top", "front", "thick", "thin", "full", "empty", "serious", "sincere",
})


#: English words that tell what a text does rather than what it is about:
#: reporting verbs (as the Arabic list has them), the verbs of academic
#: prose and evaluative adjectives ("important", "existing"), which
#: scikit-learn's list lacks (the adjectives are those most often wrong in
#: our Inspec dev keyphrases and in none of its gold phrases). A keyphrase neither holds nor
#: runs across them ("this paper presents", "results show").
FUNCTION_WORDS_EN: frozenset[str] = frozenset("""
    said says say told according reported reports announced added noted stated claimed
    paper article present presents presented presenting propose proposes proposed proposing
    describe describes described discuss discusses discussed show shows showed shown
    use uses used using based given give gives obtain obtains obtained consider considers considered
    study studies studied investigate investigates investigated introduce introduces introduced
    develop develops developed provide provides provided allow allows allowed make makes
    demonstrate demonstrates demonstrated illustrate illustrates illustrated apply applies applied
    new various different main also able possible certain way ways results result
    called available conventional important simple major better best useful existing traditional
    example examples author authors looks look derived corresponding recent effective
""".split())


#: Dates say when, not what: days, months (the Gregorian names as the
#: Maghreb and the Mashriq write them, and the Syriac ones) and the words
#: that place them ("يوم الثلاثاء", "شتنبر الجاري"), in normalized form.
DATE_WORDS: dict[str, frozenset[str]] = {
    "ar": frozenset(normalize("""
        يوم اليوم امس غدا الجاري الماضي المقبل القادم الحالي صباح مساء
        الأحد الإثنين الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
        يناير فبراير مارس أبريل إبريل ماي مايو يونيو يونيه يوليو يوليوز أغسطس غشت سبتمبر شتنبر أكتوبر نوفمبر نونبر ديسمبر دجنبر
        كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول
    """).split()),
    "en": frozenset("""
        monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
        january february march april may june july august september october november december
    """.split()),
}


def stop_words_for(stop_words: frozenset[str], language: str) -> frozenset[str]:
    """The keyphrase stage's stop words: the summary's with
    :data:`DATE_WORDS`, and for English less :data:`CONTENT_WORDS_EN` and
    with :data:`FUNCTION_WORDS_EN`. (A larger English list, the SMART stop
    list RAKE uses, gained 0.007 F1@10 on Inspec dev, 0.328 against 0.321;
    it is not shipped: this project writes its own word lists and takes
    others only from the libraries it depends on.)"""
    words = stop_words | DATE_WORDS.get(language, frozenset())
    if language != "en":
        return words
    return (words - CONTENT_WORDS_EN) | FUNCTION_WORDS_EN


def plural_stem(word: str) -> str:
    """Harman's S-stemmer (1991) for a Latin-script word: plural endings
    only ("methods" → "method", "queries" → "query"), which is all a
    phrase needs to group its forms; other scripts are left alone."""
    if len(word) < 4 or not word.isascii():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


@lru_cache(maxsize=200_000)
def group_of(key: str) -> str:
    """A word's vertex: its light stem (Arabic), or its singular (Latin)."""
    return light_stem(key) if ARABIC_LETTERS.match(key) else plural_stem(key)


#: The word endings no phrase ends with, by :attr:`KeyphraseRules.endings`:
#: English noun phrases end in their noun, not in a past participle or an
#: adverb ("-ed", "-ly": the last word of 0.1% of Inspec dev's gold
#: phrases, of 6.8% of the wrong ones we listed), so "data collected"
#: stops at "data".
NON_FINAL_ENDINGS: dict[str, tuple[str, ...]] = {"any": (), "english": ("ed", "ly")}


#: Each setting's rule (the same rules as the summarizer's options).
RULES: dict[str, Rule] = {
    "window": Count(),
    "damping": Interval(0.0, 1.0, "()"),
    "position": Interval(0.0, 1.0),
    "scoring": OneOf(("sum", "max")),
    "position_by": OneOf(("word", "sentence")),
    "length_norm": Interval(0.0, 2.0),
    "min_chars": Count(),
    "max_words": Count(),
    "stem": Flag(),
    "collapse": OneOf(("both", "inner", "none")),
    "candidates": OneOf(("ngrams", "runs")),
    "headings": OneOf(("none", "title", "all")),
    "frequency": Interval(0.0, 2.0),
    "conjunctions": Flag(),
    "diversity": Interval(0.0, 1.0, "[)"),
    "single": Interval(0.0, 1.0),
    "endings": OneOf(("any", "english")),
}
DEFAULT_RULES = KeyphraseRules()
#: PageRank's power iteration: at most this many steps, to this tolerance
#: per vertex (the summary's, :data:`summarizer.rank.PAGERANK_SETTINGS`).
PAGERANK_ITERATIONS = 500
PAGERANK_TOLERANCE = 1e-10
#: Each language's settings where its dev corpus chose differently (AKEC
#: for Arabic, Inspec for English; benchmarks/keyphrase_variants.py): AKEC's
#: crowd keyphrases are spread over the article's topics, so a phrase that
#: shares a word with one already chosen falls back (diversity 0.5),
#: early sentences weigh more (position by sentence, 0.95), phrases are
#: shorter (at most 3 words) and a phrase said often gains (occurrences **
#: 0.3); Inspec's
#: indexers name the abstract's few central notions again and again, which
#: diversity would push out; a word alone falls back (single 0.3), longer
#: phrases are kept (up to 5 words, length_norm 0.75) and a phrase does not
#: end in "-ed" or "-ly" (:data:`NON_FINAL_ENDINGS`), three stand-ins for
#: the noun phrases a tagger would find.
LANGUAGE_RULES: dict[str, KeyphraseRules] = {
    "ar": KeyphraseRules(position=0.95, position_by="sentence", diversity=0.5, max_words=3, frequency=0.3),
    "en": KeyphraseRules(single=0.3, length_norm=0.75, endings="english", max_words=5),
}


def rules_for(language: str) -> KeyphraseRules:
    """The settings for ``language`` (:data:`LANGUAGE_RULES`, else the defaults)."""
    return LANGUAGE_RULES.get(language, DEFAULT_RULES)

# A word as written: a letter or digit (not a tatweel, which normalization
# removes: every written word is one token or more), then letters, digits, Arabic marks
# and tatweel, and the invisible controls that normalization strips when a
# letter follows them (so the written word is exactly what normalizes to
# one token).
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d3-\u08ff\u0640"
_CONTROLS = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_WRITTEN = re.compile(f"[^\\W_\u0640](?:[^\\W_]+|[{_MARKS}]+|[{_CONTROLS}]+(?=[^\\W_{_CONTROLS}]|[{_MARKS}]))*")
#: What may stand between two words of one phrase: spaces and one hyphen.
_JOINS = re.compile(r"\s*[-‐‑]?\s*")


#: Splitting by the words (kept): gaps and words alternate, so one
#: ``split`` reads both (a gap is what lies between two words).
_SPLIT_WORDS = re.compile(f"({_WRITTEN.pattern})")


@dataclass(frozen=True, slots=True)
class Tokens:
    """Every token of the text as the keyphrase stage sees it, as columns
    (one array per field, index ``j`` is the ``j``-th token of the text): a
    long text has a hundred thousand tokens, and one Python object each
    cost more than the whole summary of the text. Surface forms are read
    back from the offsets only for the phrases chosen."""

    #: Offsets in the text (``text[start[j]:end[j]]`` is the word as written).
    start: np.ndarray
    end: np.ndarray
    #: Its normalized form and its group (the stem, or the form itself):
    #: indices into :attr:`keys` and :attr:`groups`.
    key: np.ndarray
    group: np.ndarray
    keys: tuple[str, ...]
    groups: tuple[str, ...]
    #: A content word: a vertex of the graph, a word of a phrase.
    content: np.ndarray
    #: Whether a phrase may join this word to the previous content word.
    joined: np.ndarray
    #: The unit it is in.
    unit: np.ndarray
    #: Whether a phrase may end with it (:data:`NON_FINAL_ENDINGS`).
    final: np.ndarray


def tokens(
    text: str,
    units: Sequence[Segment],
    normalized: Sequence[str],
    *,
    stop_words: frozenset[str],
    rules: KeyphraseRules = DEFAULT_RULES,
    tokenized: Sequence[Sequence[str]] | None = None,
) -> Tokens:
    """The text's tokens with their offsets in ``text``.

    The pipeline's normalized text of each unit (``normalized[i]``) gives
    the words' keys: its tokens are the written words' one for one
    (normalization neither splits nor joins words, and no written word
    normalizes to nothing), so a unit is normalized once for the summary
    and the keyphrases alike; a unit where the counts differ (a
    compatibility character NFKC turns into two words) is normalized word
    by word instead. ``tokenized``: each normalized unit's tokens, when
    the caller has them already. Per token there is only C-level work (``findall``,
    ``map``, numpy); what depends on a word alone is decided once per
    distinct word or gap.
    """
    import numpy as np

    # One findall over the units joined by a character no word holds: the
    # words and the gaps before them, each word's unit found from where it is.
    parts = _SPLIT_WORDS.split("\x00".join([u.text for u in units]))
    gaps, written = parts[0:-1:2], parts[1::2]
    n = len(written)
    gap_len = np.fromiter(map(len, gaps), dtype=np.int64, count=n)
    word_len = np.fromiter(map(len, written), dtype=np.int64, count=n)
    at = np.cumsum(gap_len + word_len) - word_len  # where each word starts in the joined units
    lengths = np.array([len(u.text) for u in units], dtype=np.int64)
    joined_start = np.cumsum(lengths + 1) - lengths - 1  # each unit's start there
    unit = np.searchsorted(joined_start, at, side="right") - 1
    count = np.bincount(unit, minlength=len(units))
    start = at - joined_start[unit] + np.array([u.start for u in units], dtype=np.int64)[unit]
    end = start + word_len
    firsts = np.cumsum(count) - count  # each unit's first token
    tokenized = [tokenize(x) for x in normalized] if tokenized is None else tokenized
    keys: list[str] = []
    for i, unit_keys in enumerate(tokenized):
        if len(unit_keys) == count[i]:
            keys += unit_keys
        else:
            keys += [_one_word(w) for w in written[firsts[i] : firsts[i] + count[i]]]
    # Only spaces or one hyphen between two words let a phrase go on.
    joins = {g: g == " " or _JOINS.fullmatch(g) is not None for g in set(gaps)}
    joined = np.fromiter(map(joins.__getitem__, gaps), dtype=bool, count=n)
    joined[firsts[count > 0]] = False
    index = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    key = np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=n)
    distinct = list(index)
    if rules.conjunctions:
        # "و" ("and") + a word the text also writes alone: a new phrase starts after it.
        split = {index[k]: index[k[1:]] for k in distinct if k[:1] == "و" and len(k) > 3 and k[1:] in index and k not in stop_words}
        if split:
            conj = np.zeros(len(distinct), dtype=bool)
            conj[list(split)] = True
            at = np.flatnonzero(conj[key])
            start[at] += 1
            key[at] = [split[k] for k in key[at].tolist()]
            joined[at] = False
            for j in at.tolist():
                while start[j] < end[j] and not text[start[j]].isalnum():  # the conjunction's marks
                    start[j] += 1
    content_of = np.array([bool(k) and k not in stop_words and len(k) >= rules.min_chars and not k.isdigit() for k in distinct], dtype=bool)
    group_names = [group_of(k) if rules.stem else k for k in distinct]
    group_index = {g: i for i, g in enumerate(dict.fromkeys(group_names))}
    group_of_key = np.array([group_index[g] for g in group_names], dtype=np.int64)
    endings = NON_FINAL_ENDINGS[rules.endings]
    final_of = np.array([not k.endswith(endings) for k in distinct] if endings else [True] * len(distinct), dtype=bool)
    return Tokens(start, end, key, group_of_key[key], tuple(distinct), tuple(group_index), content_of[key], joined, unit, final_of[key])


def _one_word(written: str) -> str:
    """The key of a written word normalized alone: ``""`` (not a content
    word) when normalization makes it several words (a ligature such as
    "ﷺ", a fraction such as "½")."""
    tokens = tokenize(normalize(written))
    return tokens[0] if len(tokens) == 1 else ""


def _feeding(units: Sequence[Segment], representative: Sequence[int], rules: KeyphraseRules) -> list[int]:
    """The units that feed the graph: sentences, each repeat once."""
    def feeds(i: int, kind: str) -> bool:
        return kind == "sentence" or (kind == "heading" and (rules.headings == "all" or (rules.headings == "title" and i == 0)))

    return [i for i, u in enumerate(units) if feeds(i, u.kind) and representative[i] == i]


def _headings_of_the_body(found: Tokens, units: Sequence[Segment], feeding: Sequence[int]) -> Tokens:
    """A feeding heading's content words are only those the sentences use
    too: a title repeats what the text is about, a byline or a source's
    name ("ناظور سيتي: متابعة") does not."""
    import numpy as np

    headings = [i for i in feeding if units[i].kind == "heading"]
    if not headings:
        return found
    sentence = np.zeros(len(units), dtype=bool)
    sentence[[i for i in feeding if units[i].kind == "sentence"]] = True
    heading = np.zeros(len(units), dtype=bool)
    heading[headings] = True
    body = np.zeros(len(found.groups), dtype=bool)
    body[found.group[found.content & sentence[found.unit]]] = True
    content = found.content & ~(heading[found.unit] & ~body[found.group])
    return dataclasses.replace(found, content=content)


@dataclass(frozen=True, slots=True)
class WordGraph:
    """The co-occurrence graph: its vertices (word groups, as indices into
    :attr:`Tokens.groups`, in order of first occurrence), the symmetric
    matrix of how often two of them co-occur within the window, and each
    vertex's PositionRank prior (sum of 1/position of its occurrences)."""

    vertices: np.ndarray
    weights: csr_matrix
    prior: np.ndarray


def graph(found: Tokens, feeding: Sequence[int], *, rules: KeyphraseRules = DEFAULT_RULES) -> WordGraph:
    """The co-occurrence graph of the content words of the ``feeding``
    units: a pair is counted once for each time the two are at most
    ``rules.window`` content words apart in one unit (found for all pairs
    at once, one array shift per distance)."""
    import numpy as np
    from scipy.sparse import coo_matrix

    n_units = int(found.unit.max()) + 1 if len(found.unit) else 0
    rank_of_unit = np.zeros(max(n_units, max(feeding, default=-1) + 1), dtype=np.int64)
    rank_of_unit[list(feeding)] = np.arange(1, len(feeding) + 1)
    feeds = rank_of_unit[found.unit] > 0
    # Position: of the word among the feeding units' words, or of its unit among them.
    position = rank_of_unit[found.unit] if rules.position_by == "sentence" else np.cumsum(feeds)
    chosen = feeds & found.content
    groups = found.group[chosen]
    distinct, first = np.unique(groups, return_index=True)
    vertices = distinct[np.argsort(first, kind="stable")]
    n = len(vertices)
    remap = np.full(len(found.groups), -1, dtype=np.int64)
    remap[vertices] = np.arange(n)
    vertex = remap[groups]
    unit = found.unit[chosen]
    prior = np.bincount(vertex, weights=1.0 / position[chosen].astype(np.float64), minlength=n) if n else np.zeros(0)
    rows, cols = [], []
    for d in range(1, rules.window + 1):
        same = (unit[:-d] == unit[d:]) & (vertex[:-d] != vertex[d:])
        rows.append(vertex[:-d][same])
        cols.append(vertex[d:][same])
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    both = (np.concatenate([r, c]), np.concatenate([c, r]))
    weights = coo_matrix((np.ones(2 * len(r)), both), shape=(n, n)).tocsr()  # duplicates summed: the counts
    return WordGraph(vertices, weights, prior)


def pagerank(weights: csr_matrix, *, damping: float, personalization: np.ndarray | None = None) -> np.ndarray:
    """networkx's PageRank (``networkx.pagerank``, its scipy power
    iteration, to a tolerance of 1e-10) of the weighted graph ``weights``,
    computed on the matrix itself: networkx would first copy a graph of
    tens of thousands of edges into its dictionaries and back into this
    matrix, two Python steps per edge that cost more than the whole
    summary of the same text. tests/test_keyphrases.py checks it against
    ``networkx.pagerank`` on random graphs, with dangling vertices and a
    prior. Where the power iteration does not converge, the fixed point
    is solved for directly (:func:`summarizer.rank.pagerank_solve`'s way)."""
    import numpy as np
    from scipy.sparse import diags, identity
    from scipy.sparse.linalg import spsolve

    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    out = np.asarray(weights.sum(axis=1)).ravel()
    inverse = np.divide(1.0, out, out=np.zeros(n), where=out != 0)
    P = diags(inverse) @ weights
    p = np.full(n, 1.0 / n) if personalization is None else personalization / personalization.sum()
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    for _ in range(PAGERANK_ITERATIONS):
        last = x
        x = damping * (x @ P + x[dangling].sum() * p) + (1.0 - damping) * p
        if np.abs(x - last).sum() < n * PAGERANK_TOLERANCE:
            return np.asarray(x)
    # x (I - a P) = c p: the dangling vertices' share is in the scalar c.
    y = spsolve((identity(n, format="csc") - damping * P).T.tocsc(), p)
    y = np.clip(np.asarray(y, dtype=np.float64).ravel(), 0.0, None)
    return np.asarray(y / y.sum())


def _rank(words_graph: WordGraph, n_groups: int, rules: KeyphraseRules) -> np.ndarray:
    """PageRank of the word graph, teleporting by ``rules.position`` of the
    prior: each group's score (NaN for a group that is not a vertex)."""
    import numpy as np

    n = len(words_graph.vertices)
    out = np.full(n_groups, np.nan)
    if n == 0:
        return out
    personalization = None
    if rules.position > 0.0:
        prior = words_graph.prior
        personalization = (1.0 - rules.position) / n + rules.position * prior / prior.sum()
    out[words_graph.vertices] = pagerank(words_graph.weights, damping=rules.damping, personalization=personalization)
    return out


def _phrases(found: Tokens, rules: KeyphraseRules) -> tuple[np.ndarray, np.ndarray]:
    """Spans ``[a, b)`` of token indices of every phrase, in text order:
    runs of up to ``max_words`` content words joined by spaces or a hyphen
    (only the maximal ones, with ``candidates="runs"``); "word word" is two
    phrases."""
    import numpy as np

    content, group, unit = found.content, found.group, found.unit
    link = np.zeros(len(content), dtype=bool)
    link[1:] = content[1:] & content[:-1] & found.joined[1:] & (unit[1:] == unit[:-1]) & (group[1:] != group[:-1])
    at = np.flatnonzero(content)
    opens = ~link[at]
    a = at[opens]
    b = a + np.diff(np.append(np.flatnonzero(opens), len(at)))
    if rules.candidates == "runs":
        while True:  # a run stops before the words that may not end it
            cut = (b > a) & ~found.final[np.maximum(b - 1, 0)]
            if not cut.any():
                break
            b = b - cut
        keep = (b > a) & (b - a <= rules.max_words)
        return a[keep], b[keep]
    spans = [(s, e) for x, y in zip(a.tolist(), b.tolist()) for e in range(x + 1, y + 1) for s in range(max(x, e - rules.max_words), e) if found.final[e - 1]]
    return np.array([s for s, _ in spans], dtype=np.int64), np.array([e for _, e in spans], dtype=np.int64)


def extract(
    text: str,
    units: Sequence[Segment],
    normalized: Sequence[str],
    representative: Sequence[int],
    *,
    top: int,
    stop_words: frozenset[str],
    rules: KeyphraseRules = DEFAULT_RULES,
    tokenized: Sequence[Sequence[str]] | None = None,
) -> tuple[Keyword, ...]:
    """The ``top`` keyphrases of a segmented, normalized text (see the
    module doc); none when it has no content word. ``tokenized``: each
    normalized unit's tokens, when the caller has them already."""
    import numpy as np

    check("top", top, Count())
    feeding = _feeding(units, representative, rules)
    found = _headings_of_the_body(tokens(text, units, normalized, stop_words=stop_words, rules=rules, tokenized=tokenized), units, feeding)
    words_graph = graph(found, feeding, rules=rules)
    if len(words_graph.vertices) == 0:
        return ()
    scores = _rank(words_graph, len(found.groups), rules)

    # Every phrase outside boilerplate, as a row of group indices (-1 past
    # its end); rows that are the same groups are one phrase.
    a, b = _phrases(found, rules)
    span_unit = found.unit[a]
    kept = np.array([u.kind != "boilerplate" for u in units], dtype=bool)[span_unit]
    a, b, span_unit = a[kept], b[kept], span_unit[kept]
    if len(a) == 0:
        return ()
    width = int((b - a).max())
    column = a[:, None] + np.arange(width)
    inside = column < b[:, None]
    rows = np.where(inside, found.group[np.minimum(column, len(found.group) - 1)], -1)
    base = len(found.groups) + 1
    if base ** width < 2**62:  # each row as one integer: a 1-d unique, much faster than by rows
        code = (rows + 1) @ (base ** np.arange(width - 1, -1, -1, dtype=np.int64))
        _, first_row, phrase = np.unique(code, return_index=True, return_inverse=True)
        phrases = rows[first_row]
    else:
        phrases, phrase = np.unique(rows, axis=0, return_inverse=True)
    phrase = phrase.ravel()
    # Candidates: phrases a feeding unit holds, in order of first occurrence there.
    feeds = np.zeros(len(units), dtype=bool)
    feeds[feeding] = True
    in_feeding = feeds[span_unit]
    counts = np.bincount(phrase[in_feeding], minlength=len(phrases))
    seen, first = np.unique(phrase[in_feeding], return_index=True)
    order = np.full(len(phrases), -1, dtype=np.int64)
    order[seen[np.argsort(first, kind="stable")]] = np.arange(len(seen))
    valid = phrases >= 0
    word_scores = np.sort(np.where(valid, scores[np.maximum(phrases, 0)], 0.0), axis=1)  # in one order, so a phrase's permutations score alike
    lengths = valid.sum(axis=1)
    if rules.scoring == "max":
        base = word_scores.max(axis=1)
    else:
        base = word_scores.sum(axis=1) / lengths.astype(np.float64) ** rules.length_norm
    score = base * counts.astype(np.float64) ** rules.frequency * np.where(lengths == 1, rules.single, 1.0)
    candidates = seen
    ranked = candidates[np.lexsort((order[candidates], -score[candidates]))].tolist()
    groups_of = {p: tuple(phrases[p][: lengths[p]].tolist()) for p in ranked[: 4 * top]}

    def groups(p: int) -> tuple[int, ...]:
        if p not in groups_of:
            groups_of[p] = tuple(phrases[p][: lengths[p]].tolist())
        return groups_of[p]

    chosen = _choose(ranked, score.tolist(), order.tolist(), groups, top, rules)
    starts, ends = found.start.tolist(), found.end.tolist()
    out = []
    for p in chosen:
        at = np.flatnonzero(phrase == p).tolist()
        spans = [(starts[a[k]], ends[b[k] - 1]) for k in at]
        out.append(_keyword(text, spans, float(score[p])))
    return tuple(out)


def _choose(ranked: list[int], score: list[float], order: list[int], groups: Callable[[int], tuple[int, ...]], top: int, rules: KeyphraseRules) -> list[int]:
    """The ``top`` best phrases (``ranked``: by score, then first
    occurrence), none nested in another (``collapse``) nor the same words
    in another order; with ``diversity`` d, a phrase's score is multiplied
    by (1 - d) for each chosen phrase it shares a word with, so the list
    is not ten phrases around one word. A lazy greedy search: a score only
    falls as phrases are chosen, so the best (of the ranked list and of
    the phrases pushed back) is taken once its score is brought up to date
    and still the best."""
    import heapq

    pushed: list[tuple[float, int, int, int]] = []
    chosen: list[tuple[int, ...]] = []
    picked: list[int] = []
    next_ranked = 0
    while len(chosen) < top and (pushed or next_ranked < len(ranked)):
        if next_ranked < len(ranked):
            p = ranked[next_ranked]
            head = (-score[p], order[p], p, 0)
            if pushed and pushed[0] < head:
                head = heapq.heappop(pushed)
            else:
                next_ranked += 1
        else:
            head = heapq.heappop(pushed)
        _, rank, p, seen = head
        g = groups(p)
        if rules.collapse != "none" and any(_nested(g, c) or (rules.collapse == "both" and _nested(c, g)) for c in chosen):
            continue
        if any(set(g) == set(c) for c in chosen):  # the same words in another order
            continue
        if rules.diversity > 0.0 and seen < len(chosen):
            shared = sum(1 for c in chosen if not set(c).isdisjoint(g))
            heapq.heappush(pushed, (-score[p] * (1.0 - rules.diversity) ** shared, rank, p, len(chosen)))
            continue
        chosen.append(g)
        picked.append(p)
    return picked


def _nested(inner: tuple[int, ...], outer: tuple[int, ...]) -> bool:
    """Whether ``inner`` is a run of consecutive words of ``outer``."""
    n = len(inner)
    return n <= len(outer) and any(outer[k : k + n] == inner for k in range(len(outer) - n + 1))


def _keyword(text: str, found: list[tuple[int, int]], score: float) -> Keyword:
    """The keyword of a phrase's occurrences: shown as it is most often
    written (the first such on a tie), keyed by that form's normalization."""
    forms = Counter(text[s:e] for s, e in found)
    best = max(forms.values())
    shown = next(text[s:e] for s, e in found if forms[text[s:e]] == best)
    occurrences = tuple(sorted(set(found)))
    return Keyword(shown, score, " ".join(tokenize(normalize(shown))), occurrences)

