"""A page's article as a document: its title and byline are headings.

The article text (:class:`~summarizer.result.Page`) opens with the page's
title and byline. The segmenter calls a short line without closing
punctuation a heading, but a title may end with "?" or "." and a byline
may be long; what they are is known here, from the page, so their units
are made headings whatever their shape. Headings take part in ranking
(a title says what the article is about) but are never selected unless
``include_headings`` asks for them, as for any text.
"""

from __future__ import annotations

import dataclasses

from ..api import Summarizer, Summary
from ..pipeline import Progress, Segmented, split
from ..result import Page
from ..text.segment import Segment
from .extract import byline, extract
from .sniff import input_kind

__all__ = ["header_end", "split_page", "summarize_input", "summarize_page"]


def header_end(page: Page) -> int:
    """Where the title and byline lines end in ``page.text`` (0: none)."""
    head = [line for line in (page.title, byline(page.author, page.date)) if line]
    end = len("\n".join(head))
    return end if head and page.text.startswith("\n".join(head)) else 0


def split_page(page: Page, *, summarizer: Summarizer) -> Segmented:
    """``page.text`` split into units, those of the title and byline
    lines made headings."""
    segmented = split(page.text, options=summarizer)
    end = header_end(page)
    units = tuple(
        Segment(u.start, u.end, u.text, "heading") if u.start < end and u.kind == "sentence" else u for u in segmented.units
    )
    return Segmented(segmented.text, segmented.language, units)


def summarize_page(summarizer: Summarizer, page: Page) -> Summary:
    """The summary of a page's article, the page attached to it."""
    summary = summarizer.summarize(split_page(page, summarizer=summarizer))
    return dataclasses.replace(summary, page=page)


def summarize_input(
    summarizer: Summarizer,
    text: str,
    *,
    input_format: str = "auto",
    source: str = "the input",
    url: str | None = None,
    progress: Progress | None = None,
) -> tuple[Summary, str]:
    """Summarize a text or a web page (told apart by content:
    :func:`~summarizer.web.sniff.input_kind`); return the summary and the
    text its offsets point into (the article text for a page)."""
    if input_kind(text, input_format=input_format, source=source) == "text":
        return summarizer.summarize(text, progress=progress), text
    page = extract(text, url=url, source=source)
    return summarize_page(summarizer, page), page.text
