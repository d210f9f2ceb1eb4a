"""Validation declared in one place: what each kind of value may be, and
one helper that shapes every "invalid value" message.

A rule is data (:class:`Interval`, :class:`OneOf`, :class:`Flag`,
:class:`Count`): it checks a value and says in words what it accepts, so the
message of every refusal reads the same, names the parameter (marked with
:func:`~summarizer.errors.param`, so a command line can show its flag
instead) and the valid values, and quotes what was given:
``damping must be a number in (0, 1), got 1.5``.

numpy's numbers are numbers (``numbers.Real``, ``numbers.Integral``);
``bool`` is not, though Python counts it as an ``int``: ``ratio=True`` is a
mistake, not 1.0.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Protocol

from .errors import InvalidOptionError, param

__all__ = [
    "Count",
    "Flag",
    "Interval",
    "OneOf",
    "Rule",
    "check",
    "check_names",
    "invalid",
    "is_integer",
    "is_real",
    "one_of",
]


def is_real(value: object) -> bool:
    """A finite real number, Python's or numpy's, and not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def is_integer(value: object) -> bool:
    """A whole number of any integer type (``int``, ``numpy.int64``), not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


class Rule(Protocol):
    """What a value may be: a test and its description in words."""

    @property
    def description(self) -> str: ...

    def accepts(self, value: object) -> bool: ...


@dataclass(frozen=True, slots=True)
class Interval:
    """A real number between ``low`` and ``high``; ``closed`` says which ends
    belong to it ("[]", "(]", "[)" or "()", as written in mathematics)."""

    low: float
    high: float
    closed: str = "[]"

    @property
    def description(self) -> str:
        return f"a number in {self.closed[0]}{self.low:g}, {self.high:g}{self.closed[1]}"

    def accepts(self, value: object) -> bool:
        if not is_real(value):
            return False
        v = float(value)  # type: ignore[arg-type]
        above = v >= self.low if self.closed[0] == "[" else v > self.low
        below = v <= self.high if self.closed[1] == "]" else v < self.high
        return above and below


@dataclass(frozen=True, slots=True)
class Count:
    """A whole number of at least ``minimum``."""

    minimum: int = 1

    @property
    def description(self) -> str:
        return "a positive whole number" if self.minimum == 1 else f"a whole number of at least {self.minimum}"

    def accepts(self, value: object) -> bool:
        return is_integer(value) and int(value) >= self.minimum  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class OneOf:
    """One of a fixed set of names."""

    values: tuple[str, ...]

    @property
    def description(self) -> str:
        return f"one of {', '.join(self.values)}"

    def accepts(self, value: object) -> bool:
        return isinstance(value, str) and value in self.values


@dataclass(frozen=True, slots=True)
class Flag:
    """``True`` or ``False``, nothing that merely looks like one."""

    @property
    def description(self) -> str:
        return "True or False"

    def accepts(self, value: object) -> bool:
        return isinstance(value, bool)


def invalid(name: str, value: object, valid: str, *, error: type[InvalidOptionError] = InvalidOptionError) -> InvalidOptionError:
    """The error for ``name=value`` when ``name`` must be ``valid`` (words):
    the one shape of every invalid-value message. ``error`` is the class
    to raise (a package's own :class:`InvalidOptionError` subclass)."""
    return error(f"{param(name)} must be {valid}, got {value!r}")


def check(name: str, value: object, rule: Rule, *, optional: bool = False, error: type[InvalidOptionError] = InvalidOptionError) -> None:
    """Raise :func:`invalid` unless ``rule`` accepts ``value`` (or it is
    ``None`` and the parameter is ``optional``)."""
    if optional and value is None:
        return
    if not rule.accepts(value):
        raise invalid(name, value, rule.description, error=error)


def one_of(name: str, value: object, values: Collection[str], *, error: type[InvalidOptionError] = InvalidOptionError) -> None:
    """:func:`check` against :class:`OneOf` for a set known at run time."""
    check(name, value, OneOf(tuple(values)), error=error)


def check_names(
    given: Iterable[str], valid: Collection[str], *, what: str = "option", error: type[InvalidOptionError] = InvalidOptionError
) -> None:
    """Refuse misspelled names (keywords, or the items of a list of names),
    listing the valid ones (and the closest, when one is close)."""
    unknown = sorted(set(given) - set(valid))
    if not unknown:
        return
    close = difflib.get_close_matches(unknown[0], list(valid), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    # Keyword names as Python spells them: only a Python caller can misspell one.
    raise error(f"unknown {what} {', '.join(map(repr, unknown))}; valid {what}s: {', '.join(valid)}{hint}")
