"""Tests that signal a child give it default dispositions (issue 21, item 1).

Run as a background job (``nohup python -m pytest … &`` from a shell
without job control), the test run inherits SIGINT ignored, and so would
every child it starts: a Ctrl-C test then sees its child go on as if
nothing happened. :mod:`tests.processes` resets the signals in the child.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .processes import RESET_SIGNALS, with_default_signals

TESTS = Path(__file__).resolve().parent
#: What the child reports: its pid, then each signal's disposition as Python sees it.
PROBE = [
    sys.executable, "-c",
    "import os, signal; print(os.getpid(), *(signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)), sep='|')",
]


@contextmanager
def ignoring(signals: tuple[signal.Signals, ...]) -> Iterator[None]:
    """This process ignores ``signals`` for a while, as a background job's shell makes it."""
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in signals}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def probe(command: list[str]) -> tuple[int, list[str]]:
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0
    pid, *dispositions = out.strip().split("|")
    assert int(pid) == child.pid  # exec'd in place: the pid the test signals is the program's
    return child.pid, dispositions


def test_a_child_starts_with_default_signals_when_the_run_ignores_them() -> None:
    with ignoring(RESET_SIGNALS):
        _, inherited = probe(PROBE)
        _, reset = probe(with_default_signals(PROBE))
    # What a background job's child gets without the wrapper: the test would be wrong.
    assert inherited == [str(signal.SIG_IGN)] * 2
    assert reset == [str(signal.default_int_handler), str(signal.SIG_DFL)]  # Ctrl-C is a KeyboardInterrupt again


#: Sending a signal a program can ignore or handle (SIGKILL, SIGSTOP and
#: SIGCONT are neither: ``.kill()`` and ``send_signal(SIGSTOP)`` need nothing).
SIGNALS_A_CHILD = re.compile(r"\bos\.kill\(|\bos\.killpg\(|\.terminate\(\)|\.send_signal\((?!signal\.SIG(?:STOP|CONT|KILL)\))")


def test_every_module_that_signals_a_child_resets_its_signals() -> None:
    signalling = {
        path.name
        for path in sorted(TESTS.glob("*.py"))
        if path.name not in ("processes.py", Path(__file__).name) and SIGNALS_A_CHILD.search(path.read_text(encoding="utf-8"))
    }
    assert signalling >= {"test_batch_safety.py", "serve_helpers.py"}  # the search finds them
    missing = sorted(name for name in signalling if "with_default_signals(" not in (TESTS / name).read_text(encoding="utf-8"))
    assert not missing, f"these tests signal children started without with_default_signals: {missing}"
