"""Web boilerplate: lines a newsroom's page adds around the story.

Scraped news keeps what the page showed besides the article: links to
related stories ("اقرأ أيضاً: …", "للمزيد: …", "Read more: …"), invitations
to install the app or follow an account, photo credits and agency credit
lines ("فرانس24/ أ ف ب"). They are not the story, and a summarizer that picks
them (a short "read more" headline fits a word budget nicely) gives the
reader an advertisement. The segmenter marks such units ``"boilerplate"``:
kept, with offsets, never selected.

Rules are data, per language, written from how news sites phrase these
lines (not from any one corpus's strings): ``starts`` are line openings
that make the whole line boilerplate; ``anywhere`` are patterns that make a
unit boilerplate wherever they occur; ``credit`` patterns apply to short
lines only (at most :data:`CREDIT_MAX_WORDS` words), since an agency's name
inside a sentence is news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = ["BOILERPLATE", "CREDIT_MAX_WORDS", "BoilerplateRules", "boilerplate_line", "boilerplate_unit", "may_hold_boilerplate_units"]

#: A credit line is short: an agency or photographer's name, a few words.
CREDIT_MAX_WORDS = 8

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Regular expressions (case-insensitive) for one language."""

    starts: tuple[str, ...]
    anywhere: tuple[str, ...]
    credit: tuple[str, ...]
    #: Words one of which every ``anywhere`` match contains (lower case): a
    #: unit with none of them is not looked at further, which keeps the
    #: check a substring scan for nearly every sentence.
    keywords: tuple[str, ...]


#: Social networks by name, as news sites write them.
SOCIAL_AR: tuple[str, ...] = (
    "تويتر", "فيسبوك", "فيس بوك", "إنستغرام", "انستغرام", "انستجرام", "يوتيوب", "تلغرام", "تيليغرام", "واتساب", "تيك توك",
)
SOCIAL_EN: tuple[str, ...] = ("twitter", "facebook", "instagram", "youtube", "telegram", "whatsapp", "tiktok", "linkedin")
_SOCIAL_AR = "(?:" + "|".join(SOCIAL_AR) + ")"
_SOCIAL_EN = "(?:" + "|".join(SOCIAL_EN) + ")"
_AGENCIES_AR = "(?:أ ف ب|ا ف ب|رويترز|أ ب|ا ب|د ب أ|وكالات|الأناضول|فرانس ?24|سبوتنيك|واس|وام|بترا|قنا)"
_AGENCIES_EN = "(?:afp|reuters|ap|dpa|getty images|epa|pa media|bbc)"

BOILERPLATE: dict[str, BoilerplateRules] = {
    "ar": BoilerplateRules(
        starts=(
            r"[إا]قرأ (?:أيضا|أيضاً|ايضا|ايضاً|المزيد)",
            r"(?:للمزيد|لمزيد من المعلومات|المزيد)\s*[:：\-–]",
            r"(?:شاهد|شاهدوا|طالع|طالعوا|تابع|تابعوا)\s+(?:أيضا|أيضاً|ايضا|ايضاً|المزيد|الفيديو|:)",
            r"(?:مواضيع|موضوعات|أخبار|اخبار|روابط) ذات صلة",
            r"(?:مصدر|حقوق|مصدر حقوق) الصورة",
            r"(?:الصورة|صورة|تصوير|الصور)\s*[:：]",
            r"(?:المصدر|مصدر الخبر)\s*[:：]",
        ),
        anywhere=(
            r"(?<!\w)(?:تحميل|حمّل|حمل|نزّل|نزل|تنزيل)\s.{0,40}تطبيق",
            r"(?<!\w)إشعارات.{0,60}تطبيق",
            r"(?<!\w)تابع(?:ونا|وا|نا)?\s.{0,30}(?:على|عبر)\s.{0,20}" + _SOCIAL_AR,
            r"(?<!\w)اشترك(?:وا)? (?:في|ب)\s?(?:قناتنا|نشرتنا|النشرة)",
        ),
        credit=(
            _AGENCIES_AR + r"\s*/",
            r"/\s*" + _AGENCIES_AR,
            r"^\(?\s*" + _AGENCIES_AR + r"\s*\)?\s*$",
        ),
        keywords=("تطبيق", "اشترك", *SOCIAL_AR),
    ),
    "en": BoilerplateRules(
        starts=(
            r"read (?:more|also)\b",
            r"(?:related|see also|more on this story|more from|also read|watch)\s*[:：\-–]",
            r"(?:image|photo|picture|video) (?:copyright|caption|credit|source)\b",
            r"(?:photo|picture|image|credit|source)\s*[:：]",
            r"(?:click|tap) here\b",
        ),
        anywhere=(
            r"\b(?:download|get|install) (?:the|our)\b.{0,30}\bapp\b",
            r"\bfollow (?:us|@\w+).{0,30}\b" + _SOCIAL_EN,
            r"\b(?:sign up|subscribe) (?:to|for) (?:our|the)\b.{0,30}\b(?:newsletter|channel|podcast|alerts)",
        ),
        credit=(
            _AGENCIES_EN + r"\s*/",
            r"/\s*" + _AGENCIES_EN,
            r"^\(?\s*" + _AGENCIES_EN + r"\s*\)?\s*$",
        ),
        keywords=("app", "newsletter", "channel", "podcast", "alerts", *SOCIAL_EN),
    ),
}


@cache
def _compiled(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    rules = BOILERPLATE.get(language, BOILERPLATE["ar"])
    flags = re.IGNORECASE
    return (
        re.compile(r"\W*(?:" + "|".join(rules.starts) + ")", flags),
        re.compile("|".join(rules.anywhere), flags),
        re.compile("|".join(rules.credit), flags),
        rules.keywords,
    )


#: A credit line is short in characters too: longer lines need no word count.
_CREDIT_MAX_CHARS = 120


def boilerplate_line(line: str, *, language: str) -> bool:
    """Whether the whole line is boilerplate: it opens like a related-story
    link or a credit, or it is a short credit line."""
    starts, _, credit, _ = _compiled(language)
    text = line.strip()
    if starts.match(text):
        return True
    return (
        len(text) <= _CREDIT_MAX_CHARS
        and bool(credit.search(text))
        and len(_WORD.findall(text)) <= CREDIT_MAX_WORDS
    )


def may_hold_boilerplate_units(text: str, *, language: str) -> bool:
    """``False`` when no part of ``text`` can be a :func:`boilerplate_unit`:
    the text has none of the keywords that every such unit contains. One
    scan of a whole line or document instead of one per unit (lower-casing
    maps each character on its own, except the Greek sigma that no keyword
    holds, so a unit's keyword is also its text's)."""
    _, _, _, keywords = _compiled(language)
    lowered = text.lower()
    return any(k in lowered for k in keywords)


def boilerplate_unit(text: str, *, language: str) -> bool:
    """Whether one unit is boilerplate wherever it stands (an app or
    social-media promotion)."""
    _, anywhere, _, keywords = _compiled(language)
    lowered = text.lower()
    if not any(k in lowered for k in keywords):
        return False
    return bool(anywhere.search(text))
