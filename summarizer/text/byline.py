"""Bylines: the short lines that say who wrote or sent a story, not what it is.

The segmenter calls every short line without closing punctuation a
``"heading"``: a title, a subheading, and a byline alike (``ناظور سيتي:
متابعة``, "Nador City: follow-up"; ``بقلم: فلان``, "By John Smith"). For
ranking they are the same (never selected unless asked), but a page that
shows the document's title must not show its byline: :func:`byline_line`
tells them apart, and :func:`title_index` picks the title.

Rules are data, per language, written from how newsrooms phrase credits,
not from any one corpus: a byline opens with a credit word (``بقلم``,
``كتب``, "By", "Reporting by"), or one of its parts around a colon, dash or
bar is a credit word alone (``الرباط - خاص``; agency credits such as
"Reuters" are :mod:`.boilerplate`'s). Words that also open headlines are
left out: ``تقرير:`` ("Report: 1.5 million refugees …", a BBC Arabic title)
and ``حوار:`` ("Interview: …") name the story, not its writer. On the four
dev corpora (510 heading lines, bylines mostly stripped by their makers)
no heading is taken for a byline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

__all__ = ["BYLINES", "BylineRules", "byline_line", "title_index"]


@dataclass(frozen=True, slots=True)
class BylineRules:
    """Credit words (lower case) for one language."""

    #: Words that open a byline: "by …", ``بقلم …``.
    opens: tuple[str, ...]
    #: Words that are a whole part of one: "… : staff", ``… : متابعة``.
    alone: tuple[str, ...]


BYLINES: dict[str, BylineRules] = {
    "ar": BylineRules(
        opens=(
            "بقلم", "كتب", "كتبت", "كتبه", "كتبته", "إعداد", "اعداد", "تحرير", "متابعة", "ترجمة",
            "حاوره", "حاورته", "مراسل", "مراسلة", "من مراسل", "من مراسلنا", "المحرر", "إشراف", "اشراف",
        ),
        alone=("متابعة", "خاص", "محرر", "المحرر", "مراسل", "مراسلنا", "وكالات", "تحرير", "إعداد", "اعداد"),
    ),
    "en": BylineRules(
        opens=("by", "written by", "reporting by", "reported by", "posted by", "words by", "interview by", "compiled by"),
        alone=("staff", "staff reporter", "staff writer", "correspondent", "editor", "newsdesk", "news desk", "agencies"),
    ),
}

#: What separates a byline's parts: ``:``, dashes, a bar, a slash.
_PARTS = "[:：\\-–—|/]"


@cache
def _compiled(language: str) -> re.Pattern[str]:
    rules = BYLINES.get(language, BYLINES["ar"])

    def words(options: tuple[str, ...]) -> str:
        return "(?:" + "|".join(re.escape(w) for w in sorted(options, key=len, reverse=True)) + ")"

    opens = rf"^\W*{words(rules.opens)}(?:\s|{_PARTS}|$)"
    alone = rf"(?:^|{_PARTS})\s*{words(rules.alone)}\s*(?:{_PARTS}|$)"
    return re.compile(f"{opens}|{alone}", re.IGNORECASE)


def byline_line(line: str, *, language: str) -> bool:
    """Whether a heading line is a byline (who wrote or sent the story)."""
    return bool(_compiled(language).search(line.strip()))


class _Unit(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...


def title_index(units: Sequence[_Unit], *, language: str) -> int | None:
    """The index of the document's title: the first heading before its
    first sentence that is not a byline (boilerplate lines are passed
    over). ``None`` when the document opens with a sentence: a subheading
    further down names a section, not the document."""
    for i, unit in enumerate(units):
        if unit.kind == "sentence":
            return None
        if unit.kind == "heading" and not byline_line(unit.text, language=language):
            return i
    return None
