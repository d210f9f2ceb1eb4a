"""JSON as everything in this project writes it: standard JSON, never NaN.

Python's :func:`json.dumps` writes a non-finite float as ``NaN``,
``Infinity`` or ``-Infinity``, which are not JSON (RFC 8259): a strict
reader (JavaScript's ``JSON.parse``, ``jq``, most other languages) refuses
the whole document. No number the package computes should be non-finite
(the ranking keeps every score finite for every accepted option, see
:func:`summarizer.rank.build_graph`), so one that slips through is a bug.
:func:`dumps` then refuses to write rather than hand out a file nobody can
read: a :class:`~summarizer.errors.NonFiniteNumberError` that says where
the number is (``sentences[3].score``), which the commands report as one
line and the web service as a JSON error. Every JSON writer (the summary
formats, batch records, the service, the evaluation's reports, the
benchmarks' results) goes through :func:`dumps`; tests/test_strictjson.py
checks that none calls :mod:`json` to write.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from typing import Any

from .errors import NonFiniteNumberError

__all__ = ["check_finite", "dumps"]


def dumps(obj: Any, **kwargs: Any) -> str:
    """:func:`json.dumps` of ``obj`` (same keyword arguments), refusing
    NaN and infinities with :class:`~summarizer.errors.NonFiniteNumberError`."""
    if "allow_nan" in kwargs:
        raise TypeError("strictjson.dumps never allows NaN; do not pass allow_nan")
    try:
        return json.dumps(obj, allow_nan=False, **kwargs)
    except ValueError:
        check_finite(obj)  # names the place
        raise  # another ValueError: not ours to reword


def check_finite(obj: Any) -> None:
    """Raise :class:`~summarizer.errors.NonFiniteNumberError` naming the
    first non-finite float in ``obj`` (dicts, lists and tuples searched)."""
    for where, value in _floats(obj, ""):
        if not math.isfinite(value):
            raise NonFiniteNumberError(
                f"cannot write JSON: {where or 'the value'} is {value!r}, and JSON has no NaN or infinity; "
                "this is a bug in the summarizer, please report it with the command that gave it"
            )


def _floats(obj: Any, where: str) -> Iterator[tuple[str, float]]:
    if isinstance(obj, float):
        yield where, obj
    elif isinstance(obj, Mapping):
        for key, value in obj.items():
            yield from _floats(value, f"{where}.{key}" if where else str(key))
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            yield from _floats(value, f"{where}[{i}]")
