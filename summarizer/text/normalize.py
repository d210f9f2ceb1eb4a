"""Normalization used for matching only, never for output.

Arabic text reaches us with diacritics, tatweel, several spellings of alef
and invisible direction marks; two spellings of one word must match, so every
comparison (TF-IDF, duplicates, ROUGE) goes through :func:`normalize` first.
The original text is kept untouched for display.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ARABIC_LETTERS", "ARABIC_RANGES", "LATIN_RANGES", "TOKEN_PATTERN", "detect_language", "normalize", "tokenize"]

# Tashkeel (harakat, tanween, shadda, sukun, superscript alef and the
# Quranic annotation marks); they change pronunciation, not the word.
_TASHKEEL = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d3-\u08ff]"
_TATWEEL = "\u0640"
# Direction and zero-width controls: invisible, yet they split or join words.
_CONTROLS = "[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"

_STRIP = re.compile(f"{_TASHKEEL}|{_TATWEEL}|{_CONTROLS}")

# Letter folding as data: each source character becomes its target.
FOLDING: dict[str, str] = {
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0649": "\u064a",  # ى -> ي
    "\u06cc": "\u064a",  # Persian yeh ی -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u06a9": "\u0643",  # keheh ک -> ك
}
FOLDING.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
FOLDING.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Extended (Persian) digits
# One str.replace per folded character: CPython's str.translate takes a slow
# path for non-ASCII output, ten times slower than these C-level scans.
_FOLD_PAIRS = tuple(FOLDING.items())

#: The code point ranges (inclusive) of Arabic letters and of Latin ones:
#: :data:`ARABIC_LETTERS` and :func:`detect_language` are built from them.
ARABIC_RANGES: tuple[tuple[int, int], ...] = ((0x0621, 0x064A), (0x0671, 0x06D3), (0x06FA, 0x06FF))
LATIN_RANGES: tuple[tuple[int, int], ...] = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F))
ARABIC_LETTERS = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ARABIC_RANGES) + "]")

#: A token is a run of Unicode letters or digits (taken after normalization,
#: so marks no longer split words).
TOKEN_PATTERN = r"[^\W_]+"
_TOKEN = re.compile(TOKEN_PATTERN)


def normalize(text: str) -> str:
    """Return the matching form of ``text``.

    NFKC (folds presentation forms and compatibility characters), then strip
    tashkeel, tatweel and bidi/zero-width controls, fold alef variants, alef
    maqsura, taa marbuta and Arabic-Indic digits, and lower-case.
    """
    text = _STRIP.sub("", unicodedata.normalize("NFKC", text))
    for source, target in _FOLD_PAIRS:
        if source in text:
            text = text.replace(source, target)
    return text.lower()


def tokenize(text: str) -> list[str]:
    """Split already-normalized text into letter/digit runs."""
    return _TOKEN.findall(text)




def detect_language(text: str) -> str:
    """``"ar"`` when Arabic script makes up at least 30% of the letters of
    the text's first 5,000 characters.

    Arabic-first: text with no letters at all counts as Arabic.
    """
    import numpy as np

    sample = text[:5_000]  # the script of a text shows in its first page
    # Arabic and Latin letters counted on the code points at once (a regex
    # pass costs a match per letter, six times more).
    c = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    arabic = int(np.count_nonzero(_in_ranges(c, ARABIC_RANGES)))
    latin = int(np.count_nonzero(_in_ranges(c, LATIN_RANGES)))
    return "en" if latin and arabic < 0.3 * (arabic + latin) else "ar"


def _in_ranges(codes: np.ndarray, ranges: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Mask of the code points that fall in one of the inclusive ``ranges``."""
    mask = (codes >= ranges[0][0]) & (codes <= ranges[0][1])
    for lo, hi in ranges[1:]:
        mask |= (codes >= lo) & (codes <= hi)
    return mask
