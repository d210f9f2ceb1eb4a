"""Keyphrases: TextRank's other half (Mihalcea & Tarau, 2004, section 3).

    words(text, units, normalized)  → Word      every token of the text with its
                                                 offsets, key, stem, and whether
                                                 a phrase may continue through it
    graph(words, rules)             → networkx  content words linked when they
                                                 co-occur within ``window``
    extract(...)                    → Keyword   phrases scored from their words,
                                                 nested ones collapsed, top N

Content words are the tokens that are neither stop words nor numbers nor
shorter than :attr:`KeyphraseRules.min_chars` (Arabic has no tagger here,
so TextRank's noun/adjective filter becomes these POS-free rules). They
are the graph's vertices, grouped by their light stem, so ``المكتبات`` and
``بالمكتبة`` are one vertex; an edge joins two that occur within
``window`` content words of each other in one unit (co-occurrence does not
run across a sentence end), weighted by how often they do. networkx's
PageRank ranks the vertices, with PositionRank's teleport (Florescu &
Caragea, 2017: each word's prior is the sum of 1/position of its
occurrences) mixed in, since both corpora's keyphrases crowd the opening.

A phrase is a run of up to ``max_words`` adjacent content words with
nothing but spaces or a hyphen between them: a stop word, a number,
punctuation or a sentence end breaks it. Its score is the sum of its
words' scores divided by its length to the power ``length_norm`` (0: the
sum, long phrases first; 1: the mean). Phrases with the same stems are one
phrase; a phrase nested in one already chosen (or holding one) is dropped,
so the list does not say "solar energy" and "energy". Each is shown in its
most frequent surface form as written, with every place it occurs.

Only sentences feed the graph: headings and bylines are often a source's
name or a section label, and boilerplate is page furniture. A repeated
unit (the pipeline's duplicates) counts once. Occurrences are listed
wherever the phrase is written outside boilerplate, repeats and headings
included, so a page can mark them all.

The settings were measured on both dev corpora (AKEC, Inspec), see
``benchmarks/keyphrases.py`` and benchmarks/results/keyphrases.md.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .text.normalize import ARABIC_LETTERS, normalize, tokenize
from .text.segment import Segment
from .text.stem import light_stem
from .validate import Count, Flag, Interval, OneOf, Rule, check

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CONTENT_WORDS_EN", "DATE_WORDS", "DEFAULT_RULES", "FUNCTION_WORDS_EN", "LANGUAGE_RULES", "RULES", "Keyword", "KeyphraseRules", "Word", "extract", "graph", "group_of", "plural_stem", "rules_for", "stop_words_for", "words"]


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
#: Each language's settings where its dev corpus chose differently (AKEC
#: for Arabic, Inspec for English; benchmarks/keyphrase_variants.py): AKEC's
#: crowd keyphrases are spread over the article's topics, so a phrase that
#: shares a word with one already chosen falls back (diversity 0.5) and
#: early sentences weigh more (position by sentence, 0.95); Inspec's
#: indexers name the abstract's few central notions again and again, which
#: diversity would push out.
LANGUAGE_RULES: dict[str, KeyphraseRules] = {
    "ar": KeyphraseRules(position=0.95, position_by="sentence", diversity=0.5),
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


@dataclass(frozen=True, slots=True)
class Word:
    """One token of the text as the keyphrase stage sees it."""

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
    out: list[list[Word]] = []
    for i, (written, keys) in enumerate(found):
        unit = units[i]
        unit_words: list[Word] = []
        previous_end = -1
        for m, key in zip(written, keys):
            start = m.start()
            conjunction = key[:1] == "و" and len(key) > 3 and key[1:] in known and key not in stop_words
            if conjunction:  # "و" + a word the text also writes alone: "and" opens a new phrase
                start += 1
                while start < m.end() and not unit.text[start].isalnum():  # the conjunction's marks
                    start += 1
                key = key[1:]
            content = bool(key) and key not in stop_words and len(key) >= rules.min_chars and not key.isdigit()
            joined = not conjunction and previous_end >= 0 and _JOINS.fullmatch(unit.text, previous_end, start) is not None
            group = group_of(key) if rules.stem else key
            unit_words.append(Word(unit.start + start, unit.start + m.end(), key, group, content, joined, i))
            previous_end = m.end()
        out.append(unit_words)
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
    import dataclasses

    headings = [i for i in feeding if units[i].kind == "heading"]
    if not headings:
        return unit_words
    body = {w.group for i in feeding if units[i].kind == "sentence" for w in unit_words[i] if w.content}
    out = list(unit_words)
    for i in headings:
        out[i] = [w if not w.content or w.group in body else dataclasses.replace(w, content=False) for w in unit_words[i]]
    return out


def graph(unit_words: Sequence[Sequence[Word]], feeding: Sequence[int], *, rules: KeyphraseRules = DEFAULT_RULES) -> tuple[nx.Graph, dict[str, float]]:
    """The co-occurrence graph of the content words of the ``feeding``
    units, and each vertex's PositionRank prior (sum of 1/position)."""
    import networkx as nx

    edges: Counter[tuple[str, str]] = Counter()
    prior: dict[str, float] = {}
    position = 0
    by_sentence = rules.position_by == "sentence"
    for i in feeding:
        sequence = []
        position += by_sentence
        for w in unit_words[i]:
            position += not by_sentence
            if w.content:
                sequence.append(w.group)
                prior[w.group] = prior.get(w.group, 0.0) + 1.0 / position
        for a in range(len(sequence)):
            u = sequence[a]
            for b in range(a + 1, min(a + 1 + rules.window, len(sequence))):
                v = sequence[b]
                if u != v:
                    edges[(u, v) if u < v else (v, u)] += 1
    G = nx.Graph()
    G.add_nodes_from(prior)
    G.add_weighted_edges_from((u, v, float(c)) for (u, v), c in edges.items())
    return G, prior


def _rank(G: nx.Graph, prior: dict[str, float], rules: KeyphraseRules) -> dict[str, float]:
    """PageRank of the word graph, teleporting by ``rules.position`` of the prior."""
    import networkx as nx

    if G.number_of_nodes() == 0:
        return {}
    personalization = None
    if rules.position > 0.0:
        total = sum(prior.values())
        n = len(prior)
        personalization = {w: (1.0 - rules.position) / n + rules.position * p / total for w, p in prior.items()}
    scores: dict[str, float] = nx.pagerank(G, alpha=rules.damping, personalization=personalization, weight="weight", max_iter=500, tol=1e-10)
    return scores


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
    G, prior = graph(unit_words, feeding, rules=rules)
    scores = _rank(G, prior, rules)
    if not scores:
        return ()

    feeds = set(feeding)
    # Every phrase's occurrences (outside boilerplate) by its groups; a
    # phrase is a candidate only when a feeding unit holds it.
    found: dict[tuple[str, ...], list[tuple[int, int, str]]] = {}
    candidates: dict[tuple[str, ...], int] = {}
    counts: Counter[tuple[str, ...]] = Counter()
    for i, ws in enumerate(unit_words):
        if units[i].kind == "boilerplate":
            continue
        for a, b in _phrases(ws, rules):
            groups = tuple(w.group for w in ws[a:b])
            if any(g not in scores for g in groups):
                continue
            key = " ".join(w.key for w in ws[a:b])
            found.setdefault(groups, []).append((ws[a].start, ws[b - 1].end, key))
            if i in feeds:
                counts[groups] += 1
                if groups not in candidates:
                    candidates[groups] = len(candidates)
    score = {g: _phrase_score(g, scores, rules) * counts[g] ** rules.frequency for g in candidates}
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


def _keyword(text: str, found: list[tuple[int, int, str]], score: float) -> Keyword:
    """The keyword of a phrase's occurrences: shown as it is most often
    written (the first such on a tie), keyed by that form's normalization."""
    forms = Counter(text[s:e] for s, e, _ in found)
    best = max(forms.values())
    shown, key = next((text[s:e], k) for s, e, k in found if forms[text[s:e]] == best)
    occurrences = tuple(sorted({(s, e) for s, e, _ in found}))
    return Keyword(shown, score, key, occurrences)

