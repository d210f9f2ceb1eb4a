"""The evaluation package's errors: everything it raises on bad input."""

from __future__ import annotations

__all__ = ["EvalError", "CorpusError"]


class EvalError(ValueError):
    """The input or the options cannot be evaluated."""


class CorpusError(EvalError):
    """A corpus file is missing, empty, undecodable or inconsistent; the message names it."""
