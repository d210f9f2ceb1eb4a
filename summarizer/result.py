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

from .select import count_words
from .text.byline import title_index
from .text.segment import LINE_BREAKS, Kind

__all__ = ["Page", "Sentence", "Summary"]

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
class Page:
    """What a web page gave the summary (:mod:`summarizer.web`): the
    article as read and what the page says about itself.

    ``text`` is the document the summary's offsets point into: the title
    and byline lines (heading units), a blank line, the article's
    paragraphs one per line. The rest is ``None`` when the page does not
    say.
    """

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    #: The site's name (``og:site_name`` or the like).
    site: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Summary:
    """The result: every sentence with offsets and score, and the summary."""

    sentences: tuple[Sentence, ...]
    language: str
    settings: Mapping[str, Any]
    #: Why the summary falls short of what was asked (no sentence fits the
    #: word budget, so it is empty), else ``None``: for the caller to show.
    warning: str | None = None
    #: The web page the text was extracted from (``None`` for a text).
    page: Page | None = None

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
    def title(self) -> str | None:
        """The document's title: its first heading line before the first
        sentence that is not a byline (:func:`~summarizer.text.byline.title_index`),
        or ``None`` when it has none."""
        i = title_index(self.sentences, language=self.language)
        return None if i is None else self.sentences[i].text.strip()

    @property
    def truncated(self) -> bool:
        """Whether a sentence was cut to fit a word budget."""
        return any(s.cut_end is not None for s in self.sentences)

    def budget(self) -> dict[str, Any]:
        """How the summary kept to a word budget: ``words`` (the budget,
        ``None`` for a sentence count or ratio), ``used`` (its words),
        ``exceeded`` (more words than the budget: never, it is a maximum)
        and ``trimmed`` (a sentence was cut to fit)."""
        words = self.settings.get("words")
        used = sum(s.summary_words for s in self.selected)
        return {
            "words": words,
            "used": used,
            "exceeded": words is not None and used > words,
            "trimmed": self.truncated,
        }

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
        """Everything the result holds, for JSON output (``page`` only for
        a web page: its ``text`` is what the offsets point into)."""
        out = {
            "language": self.language,
            "settings": dict(self.settings),
            "counts": self.counts(),
            "summary": self.text,
            "truncated": self.truncated,
            "budget": self.budget(),
            "warning": self.warning,
            "sentences": [s.to_dict() for s in self.sentences],
        }
        if self.page is not None:
            out["page"] = self.page.to_dict()
        return out
