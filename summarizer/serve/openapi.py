"""The API's OpenAPI 3.1 description, written by hand from the library's options.

The request schema lists every option of :class:`~summarizer.Summarizer`
with its JSON type, default and allowed values taken from the dataclass
itself (its annotations and defaults), so a new library option appears here
without an edit; the descriptions say what each one does.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal

from ..api import Summarizer
from ..options import LANGUAGES
from ..text.segment import Kind
from .core import OPTION_HINTS
from .page import LENGTHS

__all__ = ["OPTION_DESCRIPTIONS", "openapi_document"]

OPTION_DESCRIPTIONS: dict[str, str] = {
    "ratio": "Length: fraction of the distinct selectable sentences to keep, in (0, 1] (at least one). Give at most one of ratio, sentences, words; none means ratio 0.3.",
    "sentences": "Length: number of sentences to keep (a positive whole number).",
    "words": "Length: word budget, filled in rank order; the sentence that crosses it is cut with '…' unless trim is false.",
    "trim": "With words: cut the sentence that crosses the budget (true) or keep whole sentences only (false).",
    "language": "Segmentation rules and stop words: auto looks at the script.",
    "stop_words": "Drop stop words before comparing sentences.",
    "stem": "Light-stem Arabic words before comparing sentences.",
    "include_headings": "Let heading and byline lines be selected.",
    "similarity": "Edge weights: TF-IDF cosine, BM25, or TextRank's original word overlap.",
    "sublinear_tf": "Use 1 + log(tf) for term frequencies.",
    "damping": "PageRank damping factor, in (0, 1).",
    "prior": "PageRank's teleport distribution: none (uniform), position (early sentences), opening (like the first sentence), centroid (like the whole document).",
    "prior_weight": "Share of the prior in the teleport vector, in [0, 1].",
    "length_penalty": "Scores are multiplied by (words in the sentence) ** length_penalty, in [-2, 2].",
    "position_decay": "Scores are multiplied by (position among distinct sentences) ** -position_decay, in [0, 2].",
    "forward": "Weight of edges from an earlier sentence to a later one relative to the reverse, in [0, 1] (1: undirected).",
    "duplicate_threshold": "Sentences at least this similar are collapsed as duplicates, in (0, 1].",
    "redundancy": "Skip a candidate at least this similar to a chosen one, in (0, 1]; 1 turns it off.",
    "diversity": "Weight of a candidate's similarity to the sentences already chosen against its score (maximal marginal relevance), in [0, 1); 0 takes them by score alone.",
    "graph": "Similarity graph: exact, sparse (top_k neighbours), or auto by document size.",
    "top_k": "Neighbours per sentence in the sparse graph (a positive whole number).",
}


def _schema(hint: Any) -> dict[str, Any]:
    """JSON Schema of one option's Python type."""
    origin = typing.get_origin(hint)
    if origin is Literal:
        return {"type": "string", "enum": list(typing.get_args(hint))}
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        schema = _schema(inner[0])
        schema["type"] = [schema["type"], "null"]
        return schema
    names = {bool: "boolean", int: "integer", float: "number", str: "string"}
    return {"type": names[hint]}


def _options() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(Summarizer):
        if not f.init:
            continue
        schema = _schema(OPTION_HINTS[f.name])
        schema["default"] = f.default
        schema["description"] = OPTION_DESCRIPTIONS.get(f.name, f"The library option {f.name}.")
        out[f.name] = schema
    return out


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _page(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


_FORM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "text": {"type": "string", "description": "The pasted text (line breaks as the browser sends them, CRLF, are given back as LF)."},
        "file": {"type": "string", "format": "binary", "description": "A UTF-8 .txt file, used instead of text when given."},
        "length": {"type": "string", "enum": list(LENGTHS), "default": "ratio"},
        "amount": {"type": "string", "description": "The ratio, sentence count or word count; empty: the library's default length."},
        "language": {"type": "string", "enum": list(LANGUAGES), "default": "auto"},
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
                    "required": ["language", "settings", "counts", "summary", "truncated", "sentences"],
                    "properties": {
                        "language": {"type": "string", "enum": ["ar", "en"]},
                        "settings": {"type": "object", "description": "Every option as used, with the length."},
                        "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "summary": {"type": "string", "description": "The selected sentences, one per line, in document order."},
                        "truncated": {"type": "boolean", "description": "Whether a sentence was cut to fit a word budget."},
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
