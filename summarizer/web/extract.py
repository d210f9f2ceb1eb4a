"""A web page → its article: the text a reader came for, and what the page
says about itself (title, author, date, site).

A news page is mostly not the story: menus, adverts, cookie banners,
"read also" lists, related headlines, comments, footers. Summarizing all
of it gives a summary of the site. trafilatura (Apache-2.0, maintained,
offline) finds the article's main text and the page's metadata; the
settings it is run with (:data:`EXTRACTION`) were chosen by measurement on
the project's own test pages (tests/webpages.py, benchmarks' numbers in the
docstring of :data:`EXTRACTION`). It keeps an inline "اقرأ أيضاً: …" line
that sits among the article's paragraphs, and an app advert placed inside
the article's box; the segmenter's boilerplate rules
(:mod:`summarizer.text.boilerplate`) recognize both, and here such a line
is left out of the article (:func:`furniture`): marked but kept, it would
still be a node of the ranking graph and shift every later sentence's
position, and the summary would differ from the article's own on about
half of the test pages.

trafilatura and lxml are imported here only when a page is given: a text
never pays for them. Without the ``web`` extra, a page is a one-line error
that says how to install it.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import InputError
from ..result import Page
from ..text.boilerplate import BOILERPLATE, boilerplate_line, boilerplate_unit

__all__ = ["EXTRACTION", "FURNITURE_MAX_WORDS", "INSTALL_HINT", "MIN_ARTICLE_WORDS", "Extraction", "byline", "compose", "extract", "furniture"]

#: How to get what reading a page needs.
INSTALL_HINT = "pip install 'arabic-textrank-summarizer[web]'"


@dataclass(frozen=True, slots=True)
class Extraction:
    """trafilatura's settings (keyword arguments of ``bare_extraction``).

    Chosen on the generated test pages (``python -m tests.webpages``: 22
    articles in six layouts, 132 pages): the default balance and
    ``favor_precision`` gave the same result on every page (the summary
    equal to the article's own on 95.5%, every selected sentence from the
    body on 100%); ``favor_recall`` took the related headlines and the
    advert of the AMP-like layout (18% equal there, 83% overall). Tables
    are left out: a layout table (an old site's page grid) whose cell
    holds the article is otherwise rendered as table rows, menu and banner
    included (measured on a variant of the table layout: no page whole); a data table inside
    an article is rarely prose to summarize. Comments are never the article.
    """

    favor_precision: bool = False
    favor_recall: bool = False
    include_comments: bool = False
    include_tables: bool = False
    include_images: bool = False
    include_links: bool = False
    include_formatting: bool = False
    deduplicate: bool = False


EXTRACTION = Extraction()

_SPACES = re.compile(r"[^\S\n]+")


def extract(html: str, *, url: str | None = None, source: str = "the page", settings: Extraction = EXTRACTION) -> Page:
    """The article of the page ``html`` (fetched from ``url``, if it was);
    an :class:`~summarizer.errors.InputError` when the page has none."""
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"reading a web page needs the web extra: {INSTALL_HINT}") from None
    with warnings.catch_warnings():  # lxml's notices about trafilatura's code are not the user's business
        warnings.simplefilter("ignore", FutureWarning)
        found: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True, **asdict(settings))
    body = (found.text or "") if found is not None else ""
    meta = {name: _clean(getattr(found, name, None)) for name in ("title", "author", "date", "sitename")} if found is not None else {}
    paragraphs = _paragraphs(body, title=meta.get("title"))
    if sum(len(p.split()) for p in paragraphs) < MIN_ARTICLE_WORDS:
        raise InputError(
            f"{source} has no article text (only navigation, or text that scripts draw in a browser); "
            "save the article's text and give that"
        )
    title, author, date = meta.get("title"), meta.get("author"), meta.get("date")
    return Page(
        text=compose(paragraphs, title=title, byline=byline(author, date)),
        title=title, author=author, date=date, site=meta.get("sitename"), url=url,
    )


def byline(author: str | None, date: str | None) -> str | None:
    """The byline line: the author and the date, as the page gives them."""
    parts = [p for p in (author, date) if p]
    return " · ".join(parts) if parts else None


def compose(paragraphs: list[str], *, title: str | None, byline: str | None) -> str:
    """The document the summary reads: the title and byline lines, a blank
    line, the paragraphs one per line (:class:`~summarizer.result.Page`)."""
    head = [line for line in (title, byline) if line]
    body = "\n".join(paragraphs) + "\n"
    return "\n".join(head) + "\n\n" + body if head else body


def _paragraphs(text: str, *, title: str | None) -> list[str]:
    """The article's non-empty lines, spaces collapsed; a first line that
    repeats the title (the page's ``<h1>`` inside the article) is dropped,
    since the title has its own line."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not furniture(line)]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return lines


#: Fewer words than this is no article: what a page of menus and scripts
#: leaves (trafilatura falls back to the page's visible text when it finds
#: no main text, and a menu's links are text).
MIN_ARTICLE_WORDS = 12

#: A line longer than this is a paragraph, even if one of its sentences is a promotion.
FURNITURE_MAX_WORDS = 30


def furniture(line: str) -> bool:
    """Whether a whole line of the extracted text is page furniture by the
    boilerplate rules of either language (a related-story link, a credit,
    or a short app or social-media promotion): the rules of the other
    language never match, so the article's language need not be known."""
    return any(
        boilerplate_line(line, language=language)
        or (len(line.split()) <= FURNITURE_MAX_WORDS and boilerplate_unit(line, language=language))
        for language in BOILERPLATE
    )


def _clean(value: object) -> str | None:
    """A metadata value on one line, or ``None`` when empty."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
