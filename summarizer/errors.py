"""The library's own errors: everything it raises on bad input."""

from __future__ import annotations

__all__ = ["SummarizerError", "InvalidOptionError", "EmptyDocumentError"]


class SummarizerError(ValueError):
    """Base class: the input or the options cannot be summarized."""


class InvalidOptionError(SummarizerError):
    """An option has a value outside its valid range or set."""


class EmptyDocumentError(SummarizerError):
    """The text holds no sentence with any letter or digit."""
