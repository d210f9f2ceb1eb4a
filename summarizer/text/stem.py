"""A light Arabic stemmer: strip clitics, keep the word recognisable.

Arabic glues conjunctions, prepositions and the article to the front of words
(``وبالمدرسة``) and pronouns and plural endings to the back, so one word has
many surface forms. Light stemming (in the spirit of Larkey's light10) strips
those affixes without trying to find the root, which keeps precision.

Works on normalized text (:func:`summarizer.text.normalize.normalize`), so taa
marbuta is already ``ه`` and alef maqsura ``ي``. Tokens not in Arabic script
are returned unchanged.
"""

from __future__ import annotations

from functools import lru_cache

from .normalize import ARABIC_LETTERS

__all__ = ["light_stem", "PREFIXES", "SUFFIXES"]

#: Prefixes tried longest first; the remaining stem must keep
#: ``MIN_STEM`` letters or the prefix stays.
PREFIXES: tuple[str, ...] = ("وال", "بال", "كال", "فال", "لل", "ال", "و")
#: Suffixes removed one after another while the stem stays long enough.
SUFFIXES: tuple[str, ...] = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
MIN_STEM = 2


@lru_cache(maxsize=200_000)
def light_stem(token: str) -> str:
    """Return the light stem of one normalized token."""
    if not ARABIC_LETTERS.match(token):
        return token
    word = token
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM + 1:
            word = word[len(prefix) :]
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
    return word
