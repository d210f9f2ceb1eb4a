"""The evaluation package's errors: everything it raises on bad input."""

from __future__ import annotations

from summarizer.errors import InvalidOptionError, SummarizerError

__all__ = ["CorpusError", "EvalError", "EvalOptionError"]


class EvalError(SummarizerError):
    """The input or the options cannot be evaluated (one of the
    summarizer's error family, so the commands report it alike)."""


class CorpusError(EvalError):
    """A corpus file is missing, empty, undecodable or inconsistent; the message names it."""


class EvalOptionError(EvalError, InvalidOptionError):
    """An evaluation option has a value outside its valid range or set (a
    usage error; raised by :mod:`summarizer.validate`'s checks)."""
