"""The tokenizer object handed to rouge-score: Arabic-correct matching.

rouge-score's default tokenizer keeps only ``[a-z0-9]``, so Arabic text
vanishes and every score is 0. ROUGE must compare words the way the
summarizer does: after :func:`summarizer.text.normalize.normalize` (marks
stripped, alef forms folded), as runs of Unicode letters and digits
(:func:`summarizer.text.normalize.tokenize`), optionally light-stemmed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summarizer.text.normalize import normalize, tokenize
from summarizer.text.stem import light_stem
from summarizer.validate import one_of

from .errors import EvalOptionError

__all__ = ["STEMMERS", "ArabicTokenizer", "make_tokenizer"]

#: Stemming choices by name; ``None`` keeps tokens as they are.
STEMMERS: dict[str, Callable[[str], str] | None] = {"none": None, "light": light_stem}


@dataclass(frozen=True, slots=True)
class ArabicTokenizer:
    """``tokenize(text) -> list[str]``, the interface rouge-score expects.

    ``use_stemmer`` of rouge-score is ignored once a tokenizer is given, so
    stemming is this object's job (``stemmer``), applied exactly once.
    """

    stemmer: Callable[[str], str] | None = None

    def tokenize(self, text: str) -> list[str]:
        tokens = tokenize(normalize(text))
        if self.stemmer is None:
            return tokens
        return [self.stemmer(t) for t in tokens]


def make_tokenizer(stem: str) -> ArabicTokenizer:
    """The tokenizer for a stemming choice by name (see :data:`STEMMERS`)."""
    one_of("stem", stem, STEMMERS, error=EvalOptionError)
    return ArabicTokenizer(stemmer=STEMMERS[stem])
