"""What the service does with a request, apart from HTTP.

A JSON body becomes a text and library options, and the answer is exactly
what the ``summarize`` command prints as JSON: the same :class:`~summarizer.Summarizer`
and the same formatter (:func:`summarizer.render.formats.format_summary`), so the
API can never drift from the command line. Every problem with the input is a
:class:`RequestError` carrying the HTTP status and a one-line message (the
library's own message whenever the library is the one that objects).
"""

from __future__ import annotations

import json
from typing import Any

from ..api import Summarizer, Summary, summarize
from ..errors import NonFiniteNumberError, SummarizerError
from ..options import SPECS
from ..render.formats import format_summary
from ..web import looks_like_html, summarize_input

__all__ = [
    "API_OPTIONS",
    "DEFAULT_MAX_BYTES",
    "RequestError",
    "parse_json",
    "prepare",
    "run",
    "source_text",
    "summary_json",
]

#: Default limit on a request body: EASC articles are 1–10 kB and a long
#: report a few hundred kB; 4 MiB leaves room while bounding memory per request.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024

#: The options a JSON body may set (:data:`summarizer.options.SPECS`).
API_OPTIONS: frozenset[str] = frozenset(s.name for s in SPECS if "api" in s.surfaces)

#: Options the command line parses as floats: a JSON ``1`` must become ``1.0``
#: here too, or ``settings`` in the output would print ``1`` where the CLI prints ``1.0``.
_FLOAT_OPTIONS = frozenset(s.name for s in SPECS if s.kind is float and s.name in API_OPTIONS)


class RequestError(Exception):
    """Bad input: ``status`` is the HTTP status, ``message`` says what to fix."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def parse_json(body: bytes) -> Any:
    """The JSON value of ``body``; 400 for anything that is not valid JSON.

    ``NaN`` and ``Infinity`` (which Python's parser accepts) are refused as
    not JSON, and so is nesting too deep for the parser.
    """
    try:
        return json.loads(body, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise RequestError(400, f"malformed JSON: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RequestError(400, f"malformed JSON: the body is not UTF-8 (byte {exc.start})") from None
    except ValueError as exc:
        raise RequestError(400, f"malformed JSON: {exc}") from None
    except RecursionError:
        raise RequestError(400, "malformed JSON: nested too deeply") from None


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", bool: "a boolean", int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def prepare(payload: Any) -> tuple[str, Summarizer]:
    """Check a parsed body and build its summarizer (cheap: no summarizing yet).

    422 for a body that is not an object, a missing or non-string ``text``,
    and any option the library rejects: an unknown name (the library's
    message lists the valid ones) or a value out of range or of the wrong type.
    """
    if not isinstance(payload, dict):
        raise RequestError(422, f'the body must be a JSON object such as {{"text": "...", "ratio": 0.3}}, not {_json_type(payload)}')
    # A web page comes as "html" instead of "text" (a page in "text" is
    # read as one too: told by its content).
    field = "html" if "html" in payload and "text" not in payload else "text"
    if field not in payload:
        raise RequestError(422, 'text is required: {"text": "the document to summarize", ...} (or "html": a web page)')
    if "html" in payload and "text" in payload:
        raise RequestError(422, "give text or html, not both")
    text = payload[field]
    if not isinstance(text, str):
        raise RequestError(422, f"{field} must be a string, not {_json_type(text)}")
    if field == "html" and not looks_like_html(text):
        raise RequestError(422, "html is not a web page (it does not start with a doctype or an HTML tag)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # JSON may spell a lone surrogate ("\ud800"); no text holds one
        raise RequestError(422, f"text is not valid Unicode: a lone surrogate at character {exc.start}") from None
    options = {k: v for k, v in payload.items() if k != field}
    for name in _FLOAT_OPTIONS & options.keys():
        value = options[name]
        if isinstance(value, int) and not isinstance(value, bool):
            options[name] = float(value)
    try:
        if not options.keys() <= API_OPTIONS:
            # summarize() checks the names before any work: its message lists the valid ones.
            summarize(text, **options)
        return text, Summarizer(**options)
    except (SummarizerError, TypeError) as exc:
        raise RequestError(422, str(exc)) from None


def run(summarizer: Summarizer, text: str) -> Summary:
    """Summarize a text or a web page (CPU-bound: the app calls this in a
    worker thread); 422 for an empty text, a page without an article, a
    language without rules."""
    try:
        return summarize_input(summarizer, text)[0]
    except SummarizerError as exc:
        raise RequestError(422, str(exc)) from None


def source_text(summary: Summary, text: str) -> str:
    """The text the summary's offsets point into: a page's article, or ``text``."""
    return summary.page.text if summary.page is not None else text


def summary_json(summary: Summary, text: str) -> str:
    """Exactly the ``summarize`` command's JSON output for this summary; a
    500 with the reason, never invalid JSON, should a number in it be NaN
    or infinite (a bug: :mod:`summarizer.strictjson`)."""
    try:
        return format_summary(summary, "json", source=source_text(summary, text))
    except NonFiniteNumberError as exc:
        raise RequestError(500, str(exc)) from None
