"""The API's OpenAPI 3.1 description, derived from the options' declaration.

The request schema lists every option the API offers
(:data:`summarizer.options.SPECS`) with its JSON type, default, valid values
(from its rule: an enum, bounds) and help, and the form's schema its fields
(:mod:`.page`), so a new library option appears here without an edit.
"""

from __future__ import annotations

import ast
import typing
from typing import Any

from ..options import SPECS, OptionSpec
from ..strictjson import dumps
from ..text.segment import Kind
from ..validate import Count, Interval, OneOf
from .page import FORM_CHOICES, LENGTHS

__all__ = ["json_spelling", "openapi_document", "option_schema"]

_JSON_TYPES: dict[type, str] = {bool: "boolean", int: "integer", float: "number", str: "string"}


def json_spelling(name: str, value: str | None) -> str:
    """How a JSON body names a marked parameter: ``trim``, ``trim: false``."""
    return name if value is None else f"{name}: {dumps(ast.literal_eval(value))}"


def option_schema(spec: OptionSpec, *, default: bool = True) -> dict[str, Any]:
    """JSON Schema of one option: its type (``null`` too for a length), the
    valid values its rule allows, its default and its help."""
    schema: dict[str, Any] = {"type": [_JSON_TYPES[spec.kind], "null"] if spec.optional else _JSON_TYPES[spec.kind]}
    rule = spec.rule
    if isinstance(rule, OneOf):
        schema["enum"] = list(rule.values)
    elif isinstance(rule, Interval):
        schema["minimum" if rule.closed[0] == "[" else "exclusiveMinimum"] = rule.low
        schema["maximum" if rule.closed[1] == "]" else "exclusiveMaximum"] = rule.high
    elif isinstance(rule, Count):
        schema["minimum"] = rule.minimum
    if default:
        schema["default"] = spec.default
    schema["description"] = spec.describe(json_spelling)
    return schema


def _options() -> dict[str, Any]:
    return {s.name: option_schema(s) for s in SPECS if "api" in s.surfaces}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _page(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


_FORM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "text": {"type": "string", "description": "The pasted text (line breaks as the browser sends them, CRLF, are given back as LF)."},
        "file": {"type": "string", "format": "binary", "description": "A UTF-8 .txt file, used instead of text when given."},
        "length": {"type": "string", "enum": list(LENGTHS), "default": next(iter(LENGTHS)), "description": "Which length option amount sets."},
        "amount": {"type": "string", "description": f"The {', '.join(LENGTHS)} option's value; empty: the library's default length."},
        **{s.name: option_schema(s) | {"type": "string"} for s in FORM_CHOICES},
    },
}


def openapi_document(*, max_bytes: int, version: str) -> dict[str, Any]:
    """The description served at ``/openapi.json``."""
    request = {
        "type": "object",
        "oneOf": [{"required": ["text"]}, {"required": ["html"]}],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "description": "The document to summarize (plain text; line breaks separate paragraphs; a web page is told by its content)."},
            "html": {"type": "string", "description": "A web page instead of a text: its article is summarized, and the answer's page holds its text, title, author, date and site."},
            **_options(),
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "summarize-serve",
            "version": version,
            "description": "Arabic-first extractive summarization (TextRank over TF-IDF). The web page is at /.",
        },
        "paths": {
            "/api/summarize": {
                "post": {
                    "summary": "Summarize a text",
                    "description": (
                        "Returns exactly what the `summarize` command prints as JSON for the same text and options: every "
                        "sentence with its offsets, score and flags, the summary and the counts. "
                        f"Bodies over {max_bytes} bytes are refused with 413."
                    ),
                    "operationId": "summarize",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SummarizeRequest"},
                                                         "example": {"text": "قال المتحدث إن الاجتماع انتهى. وأضاف أن النتائج جيدة.", "sentences": 1}}},
                    },
                    "responses": {
                        "200": {"description": "The summary.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Summary"}}}},
                        "400": _error("The body is not valid JSON."),
                        "413": _error(f"The body is over {max_bytes} bytes."),
                        "415": _error("The body is not sent as application/json."),
                        "422": _error("The text is missing, not a string or has no words, or an option is unknown or out of range."),
                        "500": _error("A number of the summary is NaN or infinite, which JSON cannot carry: a bug, reported instead of invalid JSON."),
                    },
                }
            },
            "/": {
                "get": {
                    "summary": "The web page: a form to paste or upload a text",
                    "operationId": "page",
                    "responses": {"200": _page("The form (HTML, no script).")},
                },
                "post": {
                    "summary": "Submit the form: the document with the summary highlighted",
                    "description": "The `summarize` command's HTML page, with a link to download the JSON the API returns for the same text and length.",
                    "operationId": "submitPage",
                    "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": _FORM}}},
                    "responses": {
                        "200": _page("The summary page."),
                        "400": _page("The form is malformed: the form again, with the message."),
                        "413": _page(f"The body is over {max_bytes} bytes: the form again, with the message."),
                        "415": _page("The body is not a form: the form again, with the message."),
                        "422": _page("The text or a field is not usable: the form again, with the message."),
                        "500": _page("A number of the summary is NaN or infinite (a bug): the form again, with the message."),
                    },
                },
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness and version",
                    "operationId": "health",
                    "responses": {"200": {"description": "The server is up.", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["status", "version"],
                        "properties": {"status": {"const": "ok"}, "version": {"type": "string"}}}}}}},
                }
            },
        },
        "components": {
            "schemas": {
                "SummarizeRequest": request,
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string", "description": "What is wrong, in one line."}}},
                "Summary": {
                    "type": "object",
                    "required": ["language", "settings", "counts", "summary", "truncated", "budget", "warning", "sentences"],
                    "properties": {
                        "language": {"type": "string", "enum": ["ar", "en"]},
                        "settings": {"type": "object", "description": "Every option as used, with the length."},
                        "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "summary": {"type": "string", "description": "The selected sentences, one per line, in document order."},
                        "truncated": {"type": "boolean", "description": "Whether a sentence was cut to fit a word budget."},
                        "budget": {
                            "type": "object", "required": ["words", "used", "exceeded", "trimmed"],
                            "description": "How the summary kept to a word budget (words: null for a ratio or sentence count).",
                            "properties": {
                                "words": {"type": ["integer", "null"]}, "used": {"type": "integer"},
                                "exceeded": {"type": "boolean"}, "trimmed": {"type": "boolean"},
                            },
                        },
                        "warning": {"type": ["string", "null"], "description": "Why the summary is empty: no sentence fits the word budget."},
                        "sentences": {"type": "array", "items": {"$ref": "#/components/schemas/Sentence"}},
                    },
                },
                "Sentence": {
                    "type": "object",
                    "properties": {
                        "index": {"type": "integer"},
                        "start": {"type": "integer", "description": "Offset of the first character in text (code points)."},
                        "end": {"type": "integer"},
                        "text": {"type": "string"},
                        "kind": {"type": "string", "enum": list(typing.get_args(Kind))},
                        "words": {"type": "integer"},
                        "score": {"type": "number"},
                        "selected": {"type": "boolean"},
                        "duplicate_of": {"type": ["integer", "null"]},
                        "cut_end": {"type": ["integer", "null"], "description": "Where the summary cuts this sentence, if it does."},
                    },
                },
            }
        },
    }
