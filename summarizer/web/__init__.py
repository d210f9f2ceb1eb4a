"""Web pages in: the article, not the page.

- :mod:`.sniff`: whether an input is HTML, by its content;
- :mod:`.extract`: a page → its article and metadata (trafilatura, imported
  only when a page is given);
- :mod:`.fetch`: a URL → the page (standard library HTTP, bounded in time,
  size and redirects);
- :mod:`.document`: the article as a document whose title and byline are
  headings, and one call for "a text or a page".
"""

from .document import summarize_input, summarize_page
from .extract import INSTALL_HINT, extract
from .fetch import Fetched, fetch
from .sniff import INPUT_FORMATS, input_kind, looks_like_html

__all__ = [
    "INPUT_FORMATS",
    "INSTALL_HINT",
    "Fetched",
    "extract",
    "fetch",
    "input_kind",
    "looks_like_html",
    "summarize_input",
    "summarize_page",
]
