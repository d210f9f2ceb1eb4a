"""The evaluation package's errors: everything it raises on bad input."""

from __future__ import annotations

from summarizer.errors import SummarizerError

__all__ = ["EvalError", "CorpusError"]


class EvalError(SummarizerError):
    """The input or the options cannot be evaluated (one of the
    summarizer's error family, so the commands report it alike)."""


class CorpusError(EvalError):
    """A corpus file is missing, empty, undecodable or inconsistent; the message names it."""
