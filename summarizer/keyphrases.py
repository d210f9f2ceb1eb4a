"""Keyphrases: TextRank's other half (Mihalcea & Tarau, 2004, section 3).

    words(text, units, normalized)  → Word      every token of the text with its
                                                 offsets, key, group, and whether
                                                 a phrase may go on through it
    graph(words, feeding, rules)    → WordGraph content words linked when they
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
than ``max_words`` are not phrases. A phrase scores the sum of its words'
scores divided by its length ** ``length_norm``, times its occurrences **
``frequency``; phrases with the same groups are one phrase; one nested in
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

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import repeat
from typing import TYPE_CHECKING, Literal, NamedTuple

from .text.normalize import ARABIC_LETTERS, normalize, tokenize
from .text.segment import Segment
from .text.stem import light_stem
from .validate import Count, Flag, Interval, OneOf, Rule, check

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = ["CONTENT_WORDS_EN", "DATE_WORDS", "DEFAULT_RULES", "FUNCTION_WORDS_EN", "LANGUAGE_RULES", "RULES", "Keyword", "KeyphraseRules", "Word", "WordGraph", "extract", "graph", "pagerank", "group_of", "plural_stem", "rules_for", "stop_words_for", "words"]


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
    with :data:`FUNCTION_WORDS_EN`."""
    words = stop_words | DATE_WORDS.get(language, frozenset())
    return (words - CONTENT_WORDS_EN) | FUNCTION_WORDS_EN if language == "en" else words


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
#: diversity would push out.
LANGUAGE_RULES: dict[str, KeyphraseRules] = {
    "ar": KeyphraseRules(position=0.95, position_by="sentence", diversity=0.5, max_words=3, frequency=0.3),
    "en": DEFAULT_RULES,
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
_WRITTEN = re.compile(f"[^\\W_\u0640](?:[^\\W_]|[{_MARKS}]|[{_CONTROLS}]+(?=[^\\W_{_CONTROLS}]|[{_MARKS}]))*")
#: What may stand between two words of one phrase: spaces and one hyphen.
_JOINS = re.compile(r"\s*[-‐‑]?\s*")


class Word(NamedTuple):
    """One token of the text as the keyphrase stage sees it (a named tuple:
    a long text has a hundred thousand of them, and a tuple is made three
    times faster than a frozen dataclass)."""

    start: int
    end: int
    #: Its normalized form and its group (the stem, or the form itself).
    key: str
    group: str
    #: A content word: a vertex of the graph, a word of a phrase.
    content: bool
    #: Whether a phrase may join this word to the previous content word.
    joined: bool
    unit: int


def words(
    text: str,
    units: Sequence[Segment],
    normalized: Sequence[str],
    *,
    stop_words: frozenset[str],
    rules: KeyphraseRules = DEFAULT_RULES,
) -> list[list[Word]]:
    """Each unit's words with their offsets in ``text``.

    The pipeline's normalized text of each unit (``normalized[i]``) gives
    the words' keys: its tokens are the written words' one for one
    (normalization neither splits nor joins words, and no written word
    normalizes to nothing), so a unit is normalized once for the summary
    and the keyphrases alike; a unit where the counts differ (a
    compatibility character NFKC turns into two words) is normalized word
    by word instead.
    """
    found: list[tuple[list[re.Match[str]], list[str]]] = []
    for i, unit in enumerate(units):
        written = list(_WRITTEN.finditer(unit.text))
        keys = tokenize(normalized[i])
        if len(keys) != len(written):
            keys = [_one_word(m.group()) for m in written]
        found.append((written, keys))
    known = {k for _, keys in found for k in keys} if rules.conjunctions else set()
    # What a word is depends on its key alone: decided once per distinct word.
    kinds: dict[str, tuple[bool, str]] = {}

    def kind(key: str) -> tuple[bool, str]:
        content = bool(key) and key not in stop_words and len(key) >= rules.min_chars and not key.isdigit()
        kinds[key] = found_kind = (content, group_of(key) if rules.stem else key)
        return found_kind

    joins = _JOINS.fullmatch
    make_word = partial(tuple.__new__, Word)
    out: list[list[Word]] = []
    for i, (written, keys) in enumerate(found):
        unit_text, base = units[i].text, units[i].start
        starts = [m.start() for m in written]
        ends = [m.end() for m in written]
        # Only spaces or one hyphen between two words let a phrase go on.
        joined = [False, *(unit_text[e:s] == " " or joins(unit_text, e, s) is not None for e, s in zip(ends, starts[1:]))]
        for j, key in enumerate(keys):
            if key[:1] == "و" and len(key) > 3 and key[1:] in known and key not in stop_words:
                # "و" ("and") + a word the text also writes alone: a new phrase starts after it.
                start = starts[j] + 1
                while start < ends[j] and not unit_text[start].isalnum():  # the conjunction's marks
                    start += 1
                starts[j], keys[j], joined[j] = start, key[1:], False
        described = [kinds.get(key) or kind(key) for key in keys]
        groups = [d[1] for d in described]
        contents = [d[0] for d in described]
        # tuple.__new__ over the columns: a Word per token at C speed.
        out.append(list(map(make_word, zip([base + x for x in starts], [base + x for x in ends], keys, groups, contents, joined, repeat(i)))))
    return out


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


def _headings_of_the_body(unit_words: list[list[Word]], units: Sequence[Segment], feeding: Sequence[int]) -> list[list[Word]]:
    """A feeding heading's content words are only those the sentences use
    too: a title repeats what the text is about, a byline or a source's
    name ("ناظور سيتي: متابعة") does not."""
    headings = [i for i in feeding if units[i].kind == "heading"]
    if not headings:
        return unit_words
    body = {w.group for i in feeding if units[i].kind == "sentence" for w in unit_words[i] if w.content}
    out = list(unit_words)
    for i in headings:
        out[i] = [w if not w.content or w.group in body else w._replace(content=False) for w in unit_words[i]]
    return out


@dataclass(frozen=True, slots=True)
class WordGraph:
    """The co-occurrence graph: its vertices (word groups), the symmetric
    matrix of how often two of them co-occur within the window, and each
    vertex's PositionRank prior (sum of 1/position of its occurrences)."""

    vertices: tuple[str, ...]
    weights: csr_matrix
    prior: np.ndarray


def graph(unit_words: Sequence[Sequence[Word]], feeding: Sequence[int], *, rules: KeyphraseRules = DEFAULT_RULES) -> WordGraph:
    """The co-occurrence graph of the content words of the ``feeding``
    units: a pair is counted once for each time the two are at most
    ``rules.window`` content words apart in one unit (found for all pairs
    at once, one array shift per distance)."""
    import numpy as np
    from scipy.sparse import coo_matrix

    index: dict[str, int] = {}
    add = index.setdefault
    ids: list[int] = []
    units: list[int] = []
    positions: list[int] = []
    position = 0
    by_sentence = rules.position_by == "sentence"
    for k, i in enumerate(feeding):
        position += by_sentence
        for w in unit_words[i]:
            position += not by_sentence
            if w.content:
                ids.append(add(w.group, len(index)))
                units.append(k)
                positions.append(position)
    n = len(index)
    vertex = np.array(ids, dtype=np.int64)
    unit = np.array(units, dtype=np.int64)
    prior = np.bincount(vertex, weights=1.0 / np.array(positions, dtype=np.float64), minlength=n) if n else np.zeros(0)
    rows, cols = [], []
    for d in range(1, rules.window + 1):
        same = (unit[:-d] == unit[d:]) & (vertex[:-d] != vertex[d:])
        rows.append(vertex[:-d][same])
        cols.append(vertex[d:][same])
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    both = (np.concatenate([r, c]), np.concatenate([c, r]))
    weights = coo_matrix((np.ones(2 * len(r)), both), shape=(n, n)).tocsr()  # duplicates summed: the counts
    return WordGraph(tuple(index), weights, prior)


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


def _rank(words_graph: WordGraph, rules: KeyphraseRules) -> dict[str, float]:
    """PageRank of the word graph, teleporting by ``rules.position`` of the prior."""
    n = len(words_graph.vertices)
    if n == 0:
        return {}
    personalization = None
    if rules.position > 0.0:
        prior = words_graph.prior
        personalization = (1.0 - rules.position) / n + rules.position * prior / prior.sum()
    scores = pagerank(words_graph.weights, damping=rules.damping, personalization=personalization)
    return dict(zip(words_graph.vertices, scores.tolist()))


def _phrases(unit_words: Sequence[Word], rules: KeyphraseRules) -> list[tuple[int, int]]:
    """Spans ``[a, b)`` of word indices of every phrase of the unit: runs of
    up to ``max_words`` content words joined by spaces or a hyphen (only
    the maximal ones, with ``candidates="runs"``)."""
    spans: list[tuple[int, int]] = []
    runs: list[list[int]] = []
    for j, w in enumerate(unit_words):
        if not w.content:
            continue
        if runs and w.joined and runs[-1][1] == j and unit_words[j - 1].group != w.group:  # "word word" is two phrases
            runs[-1][1] = j + 1
        else:
            runs.append([j, j + 1])
    max_words = rules.max_words
    for a, b in runs:
        if rules.candidates == "runs":
            if b - a <= max_words:
                spans.append((a, b))
            continue
        for end in range(a + 1, b + 1):
            for start in range(max(a, end - max_words), end):
                spans.append((start, end))
    return spans


def extract(
    text: str,
    units: Sequence[Segment],
    normalized: Sequence[str],
    representative: Sequence[int],
    *,
    top: int,
    stop_words: frozenset[str],
    rules: KeyphraseRules = DEFAULT_RULES,
) -> tuple[Keyword, ...]:
    """The ``top`` keyphrases of a segmented, normalized text (see the
    module doc); none when it has no content word."""
    check("top", top, Count())
    unit_words = words(text, units, normalized, stop_words=stop_words, rules=rules)
    feeding = _feeding(units, representative, rules)
    unit_words = _headings_of_the_body(unit_words, units, feeding)
    scores = _rank(graph(unit_words, feeding, rules=rules), rules)
    if not scores:
        return ()

    feeds = set(feeding)
    # Every phrase's occurrences (outside boilerplate) by its groups; a
    # phrase is a candidate only when a feeding unit holds it.
    found: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    counts: Counter[tuple[str, ...]] = Counter()  # in feeding units, in order of first occurrence
    for i, ws in enumerate(unit_words):
        if units[i].kind == "boilerplate":
            continue
        feeds_graph = i in feeds  # its content words are all vertices
        for a, b in _phrases(ws, rules):
            groups = tuple([w.group for w in ws[a:b]])
            if not feeds_graph and not all([g in scores for g in groups]):
                continue
            found.setdefault(groups, []).append((ws[a].start, ws[b - 1].end))
            if feeds_graph:
                counts[groups] += 1
    candidates = {g: k for k, g in enumerate(counts)}
    score = {g: _phrase_score(g, scores, rules) * c ** rules.frequency for g, c in counts.items()}
    return tuple(_keyword(text, found[g], score[g]) for g in _choose(candidates, score, top, rules))


def _choose(candidates: dict[tuple[str, ...], int], score: dict[tuple[str, ...], float], top: int, rules: KeyphraseRules) -> list[tuple[str, ...]]:
    """The ``top`` best phrases, none nested in another (``collapse``) nor
    the same words in another order; with ``diversity`` d, a phrase's score
    is multiplied by (1 - d) for each chosen phrase it shares a word with,
    so the list is not ten phrases around one word. A lazy greedy search:
    a score only falls as phrases are chosen, so the best of the heap is
    taken once its score is brought up to date and still the best."""
    import heapq

    heap = [(-score[g], candidates[g], g, 0) for g in candidates]
    heapq.heapify(heap)
    chosen: list[tuple[str, ...]] = []
    while heap and len(chosen) < top:
        negative, order, groups, seen = heapq.heappop(heap)
        if rules.collapse != "none" and any(_nested(groups, c) or (rules.collapse == "both" and _nested(c, groups)) for c in chosen):
            continue
        if any(set(groups) == set(c) for c in chosen):  # the same words in another order
            continue
        if rules.diversity > 0.0 and seen < len(chosen):
            shared = sum(1 for c in chosen if not set(c).isdisjoint(groups))
            heapq.heappush(heap, (-score[groups] * (1.0 - rules.diversity) ** shared, order, groups, len(chosen)))
            continue
        chosen.append(groups)
    return chosen


def _phrase_score(groups: tuple[str, ...], scores: dict[str, float], rules: KeyphraseRules) -> float:
    if rules.scoring == "max":
        return max(scores[g] for g in groups)
    return math.fsum(scores[g] for g in groups) / len(groups) ** rules.length_norm


def _nested(inner: tuple[str, ...], outer: tuple[str, ...]) -> bool:
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

