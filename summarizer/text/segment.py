"""Sentence segmentation with character offsets into the original text.

Rules are data (:data:`RULES`), in the manner of pySBD: what ends a sentence,
which words before a full stop are abbreviations. Every unit keeps its
``start``/``end`` offsets so later stages (JSON, HTML) never search the text
again.

Arabic specifics: ``؟`` and ``؛`` end sentences, the Arabic comma ``،`` never
does, and a full stop ends a sentence even with no space after it (EASC writes
``نوح.و``), except between digits (``3.5``) or after a one-letter
abbreviation (``د.``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..validate import invalid
from .boilerplate import boilerplate_line, boilerplate_unit, may_hold_boilerplate_units
from .language import identify
from .normalize import ARABIC_LETTERS

__all__ = ["HEADING_MAX_WORDS", "INTRODUCERS", "LANGUAGES", "LINE_BREAKS", "LIST_MARKS", "LONGEST_ABBREVIATION", "RULES", "WRAP", "Segment", "SegmentRules", "WrapRule", "segment", "word_before", "wrap_width"]

#: ``boilerplate``: page furniture around the story (:mod:`summarizer.text.boilerplate`).
Kind = Literal["sentence", "heading", "boilerplate"]

#: The characters ``str.splitlines`` ends a line at: a unit's line breaks
#: (those of a hard-wrapped sentence) are these.
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

#: A line with no closing punctuation and at most this many words, followed
#: by more text, is a heading or byline (e.g. ``ناظور سيتي: متابعة``); so is
#: one as short that ends like a subheading (:attr:`SegmentRules.heading_ends`).
#: The same bound for both: in the four dev corpora every line of a
#: heading's shape up to 12 words is a heading, while from 13 words on real
#: sentences come in (a quotation of 14 words ending ``"…"؟``, opening
#: questions and exclamations of 21 words and more).
HEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class WrapRule:
    """When a text is hard-wrapped: its lines were broken at a fixed width,
    mid-sentence (mail, old newswire feeds; EASC has such articles), so a
    line without closing punctuation is a piece of a paragraph, not a
    heading, and the sentence it holds goes on in the next line.

    A text is wrapped when at least ``min_lines`` of its lines end without
    closing punctuation and at least ``share`` of those are within
    ``tolerance`` of their median length, itself at least ``min_chars``
    characters; then every such line at least ``1 - tolerance`` times that
    width long is a wrapped piece. Headings are short lines, and a run of
    equally long open lines is what wrapping leaves.
    """

    min_lines: int = 5
    share: float = 0.6
    tolerance: float = 0.15
    min_chars: int = 40


WRAP = WrapRule()

#: Bullet marks that open a list item. A list item has no closing
#: punctuation either, but it is content (in BBC News dev, all 12 items the
#: heading rule took for headings are in the reference summaries), so it is
#: never a heading.
LIST_MARKS = "-•*·–—▪►●◦"
_LIST_ITEM = re.compile(f"[{re.escape(LIST_MARKS)}]\\s")


@dataclass(frozen=True, slots=True)
class SegmentRules:
    """Language rules for segmentation, kept as data."""

    #: Characters that end a sentence wherever they occur.
    terminators: str
    #: Lower-cased words (without the dot) that a full stop follows without
    #: ending the sentence.
    abbreviations: frozenset[str]
    #: Abbreviations that also end a sentence ("… at 10 a.m. Engineers …"):
    #: their full stop does when a space and a capitalised word follow,
    #: unless that word is one of :attr:`continuations`. Titles (``Dr.``)
    #: are never here: a capitalised name always follows them.
    sentence_final: frozenset[str] = frozenset()
    #: Lower-cased capitalised words that commonly follow a
    #: :attr:`sentence_final` abbreviation inside a sentence (``10 a.m. EST``,
    #: ``Co. Ltd``).
    continuations: frozenset[str] = frozenset()
    #: The closing marks a heading line may have (besides none): an editor's
    #: subheading is a question (``لماذا إقالة ماكيب؟``), an exclamation
    #: (``بصيص أمل!``) or a phrase that trails off in two dots
    #: (``طموح إنكليزي..``), and a title may be two of these
    #: (``أردوغان.. أقوى من أي وقت مضى!``). Each counts only as the whole run
    #: of end marks with nothing after it: ``...`` is an ellipsis, ``??`` and
    #: ``!!!`` are someone's voice, and a mark inside quotes (``"…؟"``) closes
    #: a quotation, none of them a subheading (:func:`segment`).
    heading_ends: tuple[str, ...] = ()


_COMMON_TERMINATORS = "!?؟؛…。۔"
RULES: dict[str, SegmentRules] = {
    "ar": SegmentRules(
        terminators=_COMMON_TERMINATORS,
        # Common abbreviations in Arabic prose: د. (doctor), م. (engineer or
        # year), ص. (page), ج. (part), ه. (hijri); one-letter words are caught
        # by the general rule, these are listed to be explicit.
        abbreviations=frozenset({"د", "م", "ص", "ج", "ه", "هـ", "ق", "ع", "أ", "ت"}),
        # BBC Arabic titles its sections with questions, France 24 Arabic
        # with exclamations and "X.. Y" phrases (ANT dev: 61 and 30 lines of
        # these shapes standing alone, 12 words or fewer; read one by one,
        # all are section titles, questions opening a section, or titles of
        # related stories).
        heading_ends=("؟", "?", "!", ".."),
    ),
    "en": SegmentRules(
        terminators=_COMMON_TERMINATORS,
        abbreviations=frozenset(
            {
                "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc",
                "e.g", "i.e", "fig", "no", "vol", "pp", "inc", "ltd", "co", "corp",
                "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                "oct", "nov", "dec", "gen", "col", "lt", "sgt", "rev", "gov", "sen",
                "rep", "u.s", "u.k", "a.m", "p.m", "approx", "dept", "est",
            }
        ),
        # Not U.S./U.K.: far more often an adjective ("the U.S. Army").
        sentence_final=frozenset({"a.m", "p.m", "etc", "inc", "ltd", "corp", "co", "jr", "sr"}),
        continuations=frozenset(
            {
                "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "ct", "pt", "gmt", "utc", "bst", "cet", "cest",
                "inc", "ltd", "llc", "plc", "co", "corp", "group", "ag", "sa", "gmbh",
            }
        ),
        # Explainers title sections with questions ("What happens next?").
        # Not "!": an English line ending in one is a voice, not a title
        # (BBC News dev: the short "!" lines are readers' comments, one of
        # them in the reference summary); not "..", an ellipsis in English.
        heading_ends=("?",),
    ),
}

# Characters that may close a sentence after its terminator: quotes, brackets.
_CLOSERS = "\"'”’»)]}›"
_WORD = re.compile(r"[^\W_]+")
LONGEST_ABBREVIATION = max(len(a) for rules in RULES.values() for a in rules.abbreviations)
#: A line ending in one of these (besides the terminators and ".") is not a
#: heading: it introduces what follows ("قال الوزير:").
INTRODUCERS = ":"
#: The languages with rules; :func:`segment` refuses any other.
LANGUAGES: tuple[str, ...] = tuple(RULES)


@cache
def _line_end(terminators: str) -> re.Pattern[str]:
    """A line that ends like a sentence: a terminator, a full stop or an
    introducer, then closing quotes or brackets."""
    return re.compile(f"[{re.escape(terminators + '.' + INTRODUCERS)}][{re.escape(_CLOSERS)}]*\\s*\\Z")


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of the text: ``text == original[start:end]``."""

    start: int
    end: int
    text: str
    kind: Kind


def word_before(line: str, i: int) -> str:
    """The word that ends at ``line[i]`` (letters and digits, with inner dots
    as in ``e.g``), or ``""`` when it is longer than any abbreviation.

    A backward scan of at most a few characters: only a short word can be an
    abbreviation, so a long one needs no more look (a regex search ending at
    ``i`` would retry from every start in the window).
    """
    j = i
    while j > 0:
        c = line[j - 1]
        if not (c.isalnum() or (c == "." and j < i and line[j].isalnum())):
            break
        j -= 1
        if i - j > LONGEST_ABBREVIATION + 1:  # too long even without a leading dot
            return ""
    if j < i and line[j] == ".":  # a word starts with a letter or digit
        j += 1
    return line[j:i] if i - j <= LONGEST_ABBREVIATION else ""


def _is_boundary_dot(line: str, i: int, rules: SegmentRules) -> bool:
    """Decide whether the full stop at ``line[i]`` ends a sentence."""
    prev = line[i - 1] if i > 0 else ""
    nxt = line[i + 1] if i + 1 < len(line) else ""
    if prev.isdigit() and nxt.isdigit():  # 3.5, 1.000
        return False
    word = word_before(line, i)
    if word:
        if word.lower() in rules.abbreviations:
            return word.lower() in rules.sentence_final and _new_sentence_after(line, i + 1, rules)
        if len(word) == 1 and not word.isdigit():  # single-letter abbreviation
            return False
    if nxt == "" or nxt.isspace() or nxt in _CLOSERS:
        return True
    # No space after the dot: Arabic text often omits it; in Latin text a
    # lower-case letter or digit after the dot is a name (example.com, v1.2).
    if ARABIC_LETTERS.match(nxt):
        return True
    return nxt.isupper() or nxt in "\"“«'("


def _new_sentence_after(line: str, j: int, rules: SegmentRules) -> bool:
    """Whether spaces and then a capitalised word, not one of the rules'
    continuations, start at ``line[j]``."""
    k = j
    while k < len(line) and line[k].isspace():
        k += 1
    if k == j:
        return False
    word = _WORD.match(line, k)
    return word is not None and word.group()[0].isupper() and word.group().lower() not in rules.continuations


def _split_line(line: str, offset: int, rules: SegmentRules) -> list[tuple[int, int]]:
    """Spans of one line's sentences; only runs of end marks are examined."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(line)
    for m in _marks(rules.terminators).finditer(line):
        j = m.end()
        run = m.group()
        # A run with ! ? ؟ ؛ … ends the sentence; a run of dots ("...", ".")
        # is judged at its last dot.
        if run.count(".") == len(run) and not _is_boundary_dot(line, j - 1, rules):
            continue
        while j < n and line[j] in _CLOSERS:
            j += 1
        spans.append((offset + start, offset + j))
        start = j
    spans.append((offset + start, offset + n))
    return spans


@cache
def _heading_end(terminators: str, ends: tuple[str, ...]) -> re.Pattern[str]:
    """A unit that ends in one of ``ends`` as its whole run of end marks
    (``terminators`` and full stops), with nothing after it."""
    if not ends:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(e) for e in sorted(ends, key=len, reverse=True))
    return re.compile(f"(?<![{re.escape(terminators + '.')}])(?:{alternatives})\\Z")


def _heading_shaped(units: list[Segment], line_end: re.Pattern[str], heading_end: re.Pattern[str]) -> bool:
    """Whether a line's units read as a title: every one ends in a heading
    mark (:attr:`SegmentRules.heading_ends`), except that the last may
    instead have no closing punctuation at all."""
    *head, last = units
    return all(heading_end.search(u.text) for u in head) and (
        not line_end.search(last.text) or bool(heading_end.search(last.text))
    )


@cache
def _marks(terminators: str) -> re.Pattern[str]:
    """Regex for runs of sentence-end marks (terminators and full stops)."""
    return re.compile(f"[{re.escape(terminators)}.]+")


def wrap_width(lines: list[str], rule: WrapRule = WRAP, *, language: str = "ar") -> float | None:
    """The width a hard-wrapped text was broken at (see :class:`WrapRule`),
    or ``None`` when the text is not wrapped. ``lines`` are its lines, in
    ``language`` (whose terminators end a line that is not wrapped)."""
    content = [ln.strip() for ln in lines if _WORD.search(ln)]
    line_end = _line_end(_rules(language).terminators)
    open_lengths = sorted(len(ln) for ln in content[:-1] if not line_end.search(ln))
    if len(open_lengths) < rule.min_lines:
        return None
    median = open_lengths[len(open_lengths) // 2]
    near = sum(abs(x - median) <= rule.tolerance * median for x in open_lengths)
    if median < rule.min_chars or near < rule.share * len(open_lengths):
        return None
    return float(median)


def _rules(language: str) -> SegmentRules:
    """The rules of ``language``; any other code is an error, never a
    silent fallback to another language's rules."""
    try:
        return RULES[language]
    except KeyError:
        raise invalid("language", language, f"one of auto, {', '.join(LANGUAGES)}") from None


def segment(text: str, *, language: str = "ar") -> list[Segment]:
    """Split ``text`` into sentences and heading lines, in document order.

    ``language`` picks the rules (:data:`RULES`); ``auto`` identifies it
    (:func:`summarizer.text.language.identify`).

    A line break ends a unit, except inside a sentence of a hard-wrapped
    text (:class:`WrapRule`): there a line as long as the wrap width that
    ends without closing punctuation goes on in the next line, and the
    sentence is one unit across them (its ``text`` keeps the line breaks,
    as every unit is the exact slice of ``text``). Web boilerplate
    (related-story links, app promotions, credits) is ``"boilerplate"``. A
    whole line that is short (:data:`HEADING_MAX_WORDS`), is followed by
    more text and has no closing punctuation, or ends its units only with
    the language's heading marks (:attr:`SegmentRules.heading_ends`: a
    subheading such as ``لماذا إقالة ماكيب؟``), is ``"heading"`` (all its
    units), unless it is a list item (:data:`LIST_MARKS`) or the
    continuation of a wrapped line.
    """
    if language == "auto":
        language = identify(text)
    rules = _rules(language)
    line_end = _line_end(rules.terminators)
    heading_end = _heading_end(rules.terminators, rules.heading_ends)
    units: list[Segment] = []
    pos = 0
    lines = text.splitlines(keepends=True)
    last_content = max((k for k, ln in enumerate(lines) if _WORD.search(ln)), default=-1)
    width = wrap_width(lines, language=language)
    piece_min = None if width is None else (1.0 - WRAP.tolerance) * width
    # Most texts have no promotion at all: then no unit needs the check.
    promotions = may_hold_boilerplate_units(text, language=language)
    open_piece = False  # the last line was a wrapped piece: its last sentence goes on
    for k, line in enumerate(lines):
        body = line.rstrip(LINE_BREAKS)
        line_units: list[Segment] = []
        for s, e in _split_line(body, pos, rules):
            piece = text[s:e]
            stripped = piece.strip()
            if not stripped:
                continue
            s += len(piece) - len(piece.lstrip())
            e = s + len(stripped)
            if _WORD.search(stripped):
                line_units.append(Segment(s, e, stripped, "sentence"))
            elif line_units:  # stray punctuation: attach to previous
                prev = line_units[-1]
                line_units[-1] = Segment(prev.start, e, text[prev.start : e], prev.kind)
        if line_units and boilerplate_line(body, language=language):
            line_units = [Segment(u.start, u.end, u.text, "boilerplate") for u in line_units]
        elif promotions and may_hold_boilerplate_units(body, language=language):
            line_units = [
                Segment(u.start, u.end, u.text, "boilerplate")
                if boilerplate_unit(u.text, language=language)
                else u
                for u in line_units
            ]
        # The first sentence of a line a wrapped piece runs into is the rest
        # of that piece's sentence (boilerplate never is).
        continued = open_piece and bool(line_units) and line_units[0].kind == "sentence"
        if continued:
            first = line_units.pop(0)
            units[-1] = Segment(units[-1].start, first.end, text[units[-1].start : first.end], "sentence")
        if (
            not continued
            and line_units
            and all(u.kind == "sentence" for u in line_units)
            and k < last_content
            and _heading_shaped(line_units, line_end, heading_end)
            and len(_WORD.findall(text, line_units[0].start, line_units[-1].end)) <= HEADING_MAX_WORDS
            and (piece_min is None or line_units[-1].end - line_units[0].start < piece_min)
            and not _LIST_ITEM.match(line_units[0].text)
        ):
            line_units = [Segment(u.start, u.end, u.text, "heading") for u in line_units]
        units.extend(line_units)
        open_piece = (
            piece_min is not None
            and bool(units)
            and units[-1].kind == "sentence"
            and units[-1].end > pos  # this line's
            and len(body.strip()) >= piece_min
            and not line_end.search(body)
        )
        pos += len(line)
    return units
