"""What a summary is: every unit of the document with its offsets, score
and fate, and the chosen ones.

Frozen, so a result can be shared, cached and sent between processes; it
holds offsets into the source text rather than copies of what lies between
sentences, so formats that show the summary in context (HTML) take the
source alongside.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .keyphrases import Keyword
from .select import count_words
from .text.segment import LINE_BREAKS, Kind

__all__ = ["Sentence", "Summary"]

#: A run of line breaks (:data:`~summarizer.text.segment.LINE_BREAKS`) with the spaces around it.
_LINE_BREAKS = re.compile(f"[^\\S{LINE_BREAKS}]*[{LINE_BREAKS}]+\\s*")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One unit of the document, with where it is and how it ranked."""

    index: int
    start: int
    end: int
    text: str
    kind: Kind
    #: Words as length budgets count them (tokens of the normalized text).
    words: int
    score: float
    selected: bool
    #: Index of the earlier sentence this one repeats, or ``None``.
    duplicate_of: int | None = None
    #: Where the summary cuts this sentence (an offset into the document,
    #: between ``start`` and ``end``) when it crossed a word budget, else
    #: ``None``; ``start`` and ``end`` stay the whole sentence's.
    cut_end: int | None = None

    @property
    def kept_text(self) -> str:
        """The part of the sentence the summary keeps (all of it unless cut)."""
        return self.text if self.cut_end is None else self.text[: self.cut_end - self.start]

    @property
    def summary_text(self) -> str:
        """The sentence as the summary shows it, on one line: the line breaks
        of a hard-wrapped sentence become spaces, and cut ones end with "…"."""
        shown = self.text if self.cut_end is None else self.kept_text.rstrip() + "…"
        return _LINE_BREAKS.sub(" ", shown)

    @property
    def summary_words(self) -> int:
        """Words the summary keeps of this sentence."""
        if self.cut_end is None:
            return self.words
        return count_words(self.kept_text)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Summary:
    """The result: every sentence with offsets and score, and the summary."""

    sentences: tuple[Sentence, ...]
    language: str
    settings: Mapping[str, Any]
    #: The text's keyphrases, best first (asked for with ``keywords=N``).
    keywords: tuple[Keyword, ...] = ()

    @property
    def selected(self) -> tuple[Sentence, ...]:
        """The chosen sentences, in document order."""
        return tuple(s for s in self.sentences if s.selected)

    @property
    def text(self) -> str:
        """The summary: selected sentences one per line (a sentence cut by
        a word budget ends with "…")."""
        return "\n".join(s.summary_text for s in self.selected)

    @property
    def truncated(self) -> bool:
        """Whether a sentence was cut to fit a word budget."""
        return any(s.cut_end is not None for s in self.sentences)

    def __str__(self) -> str:
        return self.text

    def counts(self) -> dict[str, int]:
        """Sizes of the document and of the summary."""
        distinct = [s for s in self.sentences if s.duplicate_of is None]
        return {
            "sentences": len(self.sentences),
            "distinct_sentences": len(distinct),
            "headings": sum(s.kind == "heading" for s in self.sentences),
            "duplicates": len(self.sentences) - len(distinct),
            "words": sum(s.words for s in self.sentences),
            "selected_sentences": len(self.selected),
            "selected_words": sum(s.summary_words for s in self.selected),
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything the result holds, for JSON output."""
        out = {
            "language": self.language,
            "settings": dict(self.settings),
            "counts": self.counts(),
            "summary": self.text,
            "truncated": self.truncated,
            "sentences": [s.to_dict() for s in self.sentences],
        }
        if self.settings.get("keywords"):  # asked for (an empty list included)
            out["keywords"] = [k.to_dict() for k in self.keywords]
        return out
