"""Is this text a web page? Decided by its content, not its name.

A saved page may be called ``article.txt``, arrive on standard input or
come from a URL whose server calls it ``text/plain``; a text file may
mention ``<b>`` in a sentence. So the input's first characters decide
(rules as data, :data:`HTML_OPENINGS` and :data:`HTML_ELEMENTS`):

- HTML starts (after a byte-order mark, spaces, an XML declaration and
  comments) with a doctype or an ``<html>``, ``<head>`` or ``<body>`` tag,
  or is a fragment whose first tag is an HTML element (``<div>``, ``<p>``…);
- markup that starts with another tag (an RSS feed, SVG, a sitemap) is not
  a page and not prose either: an error, never a summary of its tags;
- anything else is text, whatever it mentions further on.

``input_format`` overrides the guess: ``"text"`` reads markup as text (the
user asked), ``"html"`` refuses what is not HTML.
"""

from __future__ import annotations

import re
from typing import Literal

from ..errors import InputError, param
from ..validate import OneOf, check

__all__ = ["HTML_ELEMENTS", "HTML_OPENINGS", "INPUT_FORMATS", "InputFormat", "input_kind", "looks_like_html"]

InputFormat = Literal["auto", "text", "html"]
#: ``auto``: decided by the content (:func:`looks_like_html`).
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "html")

#: What may come before the first tag: a byte-order mark, spaces, an XML
#: declaration, comments.
_PROLOGUE = re.compile(r"(?:\ufeff|\s|<\?xml[^>]*\?>|<!--.*?-->)*", re.DOTALL)
#: Openings that make a document HTML.
HTML_OPENINGS: tuple[str, ...] = (r"<!doctype\s+html\b", r"<html\b", r"<head\b", r"<body\b")
#: Elements whose tag, first in the input, makes it an HTML fragment.
HTML_ELEMENTS: tuple[str, ...] = (
    "article", "main", "section", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "header", "nav", "title",
    "meta", "link", "table", "ul", "ol", "span", "a", "img", "script", "style", "form", "figure", "blockquote",
)
_HTML_START = re.compile("|".join(HTML_OPENINGS) + "|<(?:" + "|".join(HTML_ELEMENTS) + r")[\s/>]", re.IGNORECASE)
#: A tag of any name (or a doctype of another language): markup.
_ANY_TAG = re.compile(r"<(?:!doctype\s+)?([A-Za-z][\w:.-]*)[\s/>]", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` opens as an HTML page or fragment (see the module docstring)."""
    start = _PROLOGUE.match(text)
    return bool(_HTML_START.match(text, start.end() if start else 0))


def input_kind(text: str, *, input_format: str = "auto", source: str = "the input") -> Literal["text", "html"]:
    """How to read ``text``: ``"text"`` or ``"html"``. Markup that is not
    HTML is an :class:`~summarizer.errors.InputError` (unless read as text
    on request); so is ``input_format="html"`` for what is not HTML."""
    check("input_format", input_format, OneOf(INPUT_FORMATS))
    if input_format == "text":
        return "text"
    if looks_like_html(text):
        return "html"
    start = _PROLOGUE.match(text)
    tag = _ANY_TAG.match(text, start.end() if start else 0)
    if tag is not None:
        raise InputError(
            f"{source} is <{tag.group(1)}> markup, not an HTML page; give a web page or a text "
            f"(or {param('input_format', 'text')} to read it as text)"
        )
    if input_format == "html":
        raise InputError(f"{source} is not HTML (it does not start with a tag); give a web page, or {param('input_format', 'auto')}")
    return "text"
