"""The one error family: everything the package raises on bad input.

Every error is a :class:`SummarizerError`. Its message is written for the
caller who made the mistake, and the caller may be a Python program or a
person at a command line, who know the same setting by different names
(a keyword argument ``max_bytes`` is a flag with a dash on the command
line). So a message names parameters through :func:`param`, which
marks the name (and the value, when the advice is "use this value"), and
the error keeps the marked template: ``str(error)`` spells the marks as
Python (``max_bytes``, ``existing='resume'``), and a command line renders
the same error with its own flags (:meth:`SummarizerError.render`), in one
place (``summarizer.cli.kit``). Library code never names a flag.

One error is never the caller's mistake: :class:`NonFiniteNumberError`, a
result holding NaN or an infinity that JSON cannot carry, is a bug; it is in
the family so that every command still reports it as one line.

Each class says whether it is a usage error (:attr:`SummarizerError.usage`):
a value that cannot work, which the commands report with exit code 2; the
others (a file that cannot be read, a document with no words, a lost
worker) exit with 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

__all__ = [
    "EmptyDocumentError",
    "EngineError",
    "EngineOptionError",
    "InputError",
    "InvalidOptionError",
    "NonFiniteNumberError",
    "SummarizerError",
    "UnsupportedLanguageError",
    "UsageError",
    "param",
    "python_spelling",
    "spell",
]

#: ``⟨name⟩`` or ``⟨name=value⟩``: a parameter named in a message. The
#: brackets (U+27E8, U+27E9) never occur in a message's own words.
_MARK = re.compile(r"⟨([A-Za-z_][A-Za-z0-9_]*)(?:=([^⟩]*))?⟩")
_NO_VALUE = object()

#: A spelling turns (parameter, value or None) into the words a reader sees.
Spelling = Callable[[str, "str | None"], str]


def param(name: str, value: object = _NO_VALUE) -> str:
    """Mark the parameter ``name`` (with ``value``: "this parameter set to
    this value") in an error message; see the module docstring."""
    return f"⟨{name}⟩" if value is _NO_VALUE else f"⟨{name}={value!r}⟩"


def spell(template: str, spelling: Spelling) -> str:
    """``template`` with each parameter marked by :func:`param` spelled by
    ``spelling``: an error message, or an option's help text, in the words
    of whoever reads it (a Python caller, a command line, a JSON body)."""
    return _MARK.sub(lambda m: spelling(m.group(1), m.group(2)), template)


def python_spelling(name: str, value: str | None) -> str:
    """How a Python caller knows a marked parameter: ``name`` or ``name=value``."""
    return name if value is None else f"{name}={value}"


class SummarizerError(ValueError):
    """Base class: the input, the options or the run cannot go on.

    ``parameters`` are the names the message marks, in order; the first is
    the parameter the error is about (``None`` when it is about the input
    itself).
    """

    #: Whether the error is a usage error (a value that cannot work).
    usage: ClassVar[bool] = False

    def __init__(self, message: str) -> None:
        self.template = message
        self.parameters: tuple[str, ...] = tuple(m.group(1) for m in _MARK.finditer(message))
        super().__init__(self.render(python_spelling))

    @property
    def parameter(self) -> str | None:
        """The parameter the error is about, if it names one."""
        return self.parameters[0] if self.parameters else None

    def render(self, spelling: Spelling) -> str:
        """The message with each marked parameter spelled by ``spelling``."""
        return spell(self.template, spelling)

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries (batch workers): keep the template.
        return (type(self), (self.template,))


class InvalidOptionError(SummarizerError):
    """An option has a value outside its valid range or set, is misspelled,
    or does not fit with another option."""

    usage = True


class EmptyDocumentError(SummarizerError):
    """The text holds no sentence with any letter or digit."""


class InputError(SummarizerError):
    """A file, folder or stream cannot be read or written as asked."""


class UsageError(InputError):
    """A value about the files that cannot work (an unknown encoding, an
    invalid pattern, options that do not fit together)."""

    usage = True


class EngineError(SummarizerError):
    """The engine cannot start or lost its workers."""


class EngineOptionError(EngineError):
    """The engine options do not fit together."""

    usage = True


class NonFiniteNumberError(SummarizerError):
    """A number to be written as JSON is NaN or infinite (JSON has neither):
    a bug, reported instead of writing invalid JSON (:mod:`summarizer.strictjson`)."""


class UnsupportedLanguageError(SummarizerError):
    """``language="auto"`` found a language the summarizer has no rules for
    (:mod:`summarizer.text.language`)."""
