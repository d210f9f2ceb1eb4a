"""Which language a text is in, and whether the summarizer can read it.

The summarizer has rules for two languages (:data:`summarizer.text.segment.RULES`):
Arabic, whatever the dialect, and English. Reading a text by the wrong
rules fails silently: Persian or Urdu through Arabic stop words and Arabic
prefix stripping, Russian or Chinese through either, give a "summary" with
no error. So ``language="auto"`` names the language, and a text in any
other language is refused (:class:`~summarizer.errors.UnsupportedLanguageError`)
with its name and how to force a mode (``language='ar'`` or ``'en'``, with
``stop_words=False, stem=False`` for language-neutral terms), never
summarized by rules that are not its own.

Naming a language takes a model (py3langid: naive Bayes over byte n-grams,
its model inside the wheel). Loading it costs about 0.6 s, once per process,
and each call about 1 ms on a page of text; most texts never need it, so
the script decides first (:data:`FAST_PATH`):

- Arabic script with none of the letters that Persian, Urdu, Pashto,
  Kurdish and the other languages written in it add (:data:`NON_ARABIC_LETTERS`)
  is Arabic;
- Latin script in which English function words (:data:`ENGLISH_FUNCTION_WORDS`)
  are at least :attr:`FastPath.english_share` of the words is English (they
  are 30–50% of English prose and under 5% of French, German or Spanish);
- anything else (another script, a Persian letter, Latin text that is not
  plainly English) goes to the model, which names it.

A text with fewer than :attr:`FastPath.min_letters` letters says too little
for a model and keeps the script's answer (Arabic unless mostly Latin, as
:func:`summarizer.text.normalize.detect_language`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import UnsupportedLanguageError, param
from .normalize import detect_language

__all__ = [
    "ENGLISH_FUNCTION_WORDS",
    "FAST_PATH",
    "LANGUAGE_NAMES",
    "NON_ARABIC_LETTERS",
    "RULES_OF",
    "FastPath",
    "identify",
    "language_name",
]

#: A language the model names -> the rules that read it. Egyptian (``arz``)
#: and Moroccan (``ary``) Arabic read by the Arabic rules: dialects share
#: the script, the clitics and most function words.
RULES_OF: Mapping[str, str] = {"ar": "ar", "arz": "ar", "ary": "ar", "en": "en"}

#: Letters of the Arabic script that Arabic itself does not write but
#: Persian (پ چ ژ گ, Farsi yeh ی, keheh ک), Urdu (ٹ ڈ ڑ ں ے ہ ھ), Pashto,
#: Kurdish, Uyghur and Sindhi do. One of them sends the text to the model
#: (a Moroccan "گ" in a name, too: the model then says Arabic).
NON_ARABIC_LETTERS = "پچژگکیٹڈڑںےۓہھۀۃۆۇۈۋېۍێڵڕڤځڅڍړږښڼۍ"

#: The commonest English function words: a share of them among a Latin
#: text's words that no other language written in Latin letters reaches.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for it was on with as by at he his be are from this have had not but were they "
    "which or an their has been its said who will would there also more one after when we you".split()
)


@dataclass(frozen=True, slots=True)
class FastPath:
    """When the script decides without the model (see the module docstring)."""

    #: Letters looked at: the language of a text shows in its first page.
    sample_chars: int = 5_000
    #: Share of English function words among the words of a Latin text.
    english_share: float = 0.2
    #: Fewer letters than this: the model is not asked.
    min_letters: int = 30


FAST_PATH = FastPath()

#: English names of the languages the model knows that a reader is likely
#: to meet; any other is named by its ISO 639 code.
LANGUAGE_NAMES: Mapping[str, str] = {
    "fa": "Persian", "ur": "Urdu", "ps": "Pashto", "ku": "Kurdish", "sdh": "Southern Kurdish", "ug": "Uyghur",
    "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "sr": "Serbian", "zh": "Chinese", "yue": "Cantonese",
    "wuu": "Wu Chinese", "ja": "Japanese", "ko": "Korean", "he": "Hebrew", "hi": "Hindi", "bn": "Bengali",
    "tr": "Turkish", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "id": "Indonesian", "ms": "Malay", "sw": "Swahili", "el": "Greek", "pl": "Polish",
    "am": "Amharic", "ha": "Hausa", "so": "Somali", "mt": "Maltese", "kab": "Kabyle", "tg": "Tajik",
    "az": "Azerbaijani", "kk": "Kazakh", "uz": "Uzbek", "th": "Thai", "vi": "Vietnamese", "ro": "Romanian",
}

_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_NON_ARABIC = re.compile(f"[{NON_ARABIC_LETTERS}]")
_LETTER = re.compile(r"[^\W\d_]")


def language_name(code: str) -> str:
    """``"Persian (fa)"``: the name a reader knows, with the model's code."""
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else f"the language coded {code!r}"


def identify(text: str, *, fast_path: FastPath = FAST_PATH) -> str:
    """The rules to read ``text`` by, ``"ar"`` or ``"en"``; any other
    language is an :class:`~summarizer.errors.UnsupportedLanguageError`
    naming it."""
    sample = text[: fast_path.sample_chars]
    script = detect_language(sample)
    if script == "ar" and not _NON_ARABIC.search(sample) and _only_arabic_or_latin(sample):
        return "ar"
    if script == "en":
        words = _LATIN_WORD.findall(sample)
        if words and sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in words) >= fast_path.english_share * len(words):
            return "en"
    if len(_LETTER.findall(sample)) < fast_path.min_letters:
        return script
    code = _model().classify(sample)[0]
    rules = RULES_OF.get(code)
    if rules is None:
        raise UnsupportedLanguageError(
            f"the text looks {language_name(code)}, which has no rules here (Arabic and English do); "
            f"to summarize it anyway, set {param('language', 'ar')} or {param('language', 'en')}, "
            f"with {param('stop_words', False)} and {param('stem', False)} for language-neutral terms"
        )
    return rules


#: A letter of neither the Arabic nor the Latin script (Cyrillic, Han, Devanagari…).
_OTHER_SCRIPT = re.compile(r"[^\W\d_\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeffA-Za-z\u00c0-\u024f]")


def _only_arabic_or_latin(sample: str) -> bool:
    """Whether at most a few of ``sample``'s letters are of another script
    (an Arabic text quoting a Russian name is still Arabic; one mostly in
    Cyrillic goes to the model)."""
    other = len(_OTHER_SCRIPT.findall(sample))
    return other == 0 or other < 0.3 * len(_LETTER.findall(sample))


@cache
def _model() -> Any:
    """py3langid, imported on first use (its model loads on its first call, about 0.6 s)."""
    import py3langid

    return py3langid
