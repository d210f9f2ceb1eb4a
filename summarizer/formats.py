"""Output formats: each turns a :class:`Summary` into a string.

Formatters only read the result (offsets, scores, flags); none re-runs or
re-searches the text. Kept as a registry so new formats plug in by name.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .api import Summary

__all__ = ["FORMATS", "format_summary"]


def _text(summary: Summary) -> str:
    return summary.text + "\n" if summary.selected else ""


def _json(summary: Summary) -> str:
    return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Summary], str]] = {"text": _text, "json": _json}


def format_summary(summary: Summary, fmt: str) -> str:
    """Render ``summary`` in format ``fmt`` (one of :data:`FORMATS`)."""
    try:
        return FORMATS[fmt](summary)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}") from None
