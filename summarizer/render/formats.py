"""Output formats: each turns a :class:`Summary` and its source text into a string.

Formatters only read the result (offsets, scores, flags); none re-runs or
re-searches the text. The source text is passed along because a format that
shows the summary in context (HTML) needs what lies between the sentences.
Kept as a registry so new formats plug in by name; the ``summarize``
command and the web service both format through it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..result import Summary
from ..strictjson import dumps
from .summary import render_html

__all__ = ["FORMATS", "format_summary"]


def _text(summary: Summary, source: str) -> str:
    """The summary, one sentence a line; with keyphrases asked for, then a
    ``# keyphrases`` line and one phrase a line, its score after a tab
    (``sed '1,/^# keyphrases$/d' | cut -f1`` keeps the phrases). A phrase
    is a run of words with no tab or line break inside (a line break
    breaks a phrase), so each stays on its own line, whole."""
    out = summary.text + "\n" if summary.selected else ""
    if summary.settings.get("keywords"):
        out += "\n" if out else ""
        out += "# keyphrases\n" + "".join(f"{_one_line(k.text)}\t{k.score:.4f}\n" for k in summary.keywords)
    return out


def _one_line(phrase: str) -> str:
    # A phrase runs over spaces or a hyphen only; this keeps the promise
    # of one phrase a line even if the stage ever lets other space through.
    return " ".join(phrase.split())


def _json(summary: Summary, source: str) -> str:
    return dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"


#: name -> formatter(summary, source_text)
FORMATS: dict[str, Callable[[Summary, str], str]] = {"text": _text, "json": _json, "html": render_html}


def format_summary(summary: Summary, fmt: str, *, source: str) -> str:
    """Render ``summary`` of the text ``source`` in format ``fmt`` (one of :data:`FORMATS`)."""
    try:
        formatter = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}") from None
    return formatter(summary, source)
