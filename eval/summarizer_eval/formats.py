"""Every format of a report, by name: the text formats and the HTML page.

The text formats need the report alone (:mod:`summarizer_eval.report`); the
page needs the corpus too, and builds on the report's header
(:mod:`summarizer_eval.render`). Composing them here, above both, keeps the
layers pointing one way: the page imports the text formats' helpers, and
nothing below imports the page back.
"""

from __future__ import annotations

from summarizer.validate import one_of

from .corpus import Corpus
from .errors import EvalError, EvalOptionError
from .evaluate import Report
from .render import SHOW_DOC_HINT, render_report_html
from .report import FORMATTERS

__all__ = ["EXTENSIONS", "FORMATS", "check_format", "format_report"]

FORMATS: tuple[str, ...] = (*FORMATTERS, "html")
#: File extension for each format when written to a folder.
EXTENSIONS: dict[str, str] = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "html": "html"}


def check_format(fmt: str) -> str:
    """``fmt`` if it is one of :data:`FORMATS`, else an error listing them."""
    if fmt not in FORMATS:
        one_of("fmt", fmt, FORMATS, error=EvalOptionError)
    return fmt


def format_report(
    report: Report,
    fmt: str = "table",
    *,
    corpus: Corpus | None = None,
    show_doc: str | None = None,
    show_doc_hint: str = SHOW_DOC_HINT,
) -> str:
    """The report in one of :data:`FORMATS`.

    ``html`` also shows one document (``show_doc``, default the first) with
    its references, so it needs the ``corpus`` the report was made from;
    the page tells how to show another (``show_doc_hint``).
    """
    if check_format(fmt) != "html":
        return FORMATTERS[fmt](report)
    if corpus is None:
        raise EvalError("the html format needs the corpus the report was made from (for the reference texts)")
    return render_report_html(report, corpus, show_doc=show_doc, show_doc_hint=show_doc_hint)
