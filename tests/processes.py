"""Child processes that a test sends signals to.

A process inherits its parent's ignored signals, and a shell without job
control starts a background job (``nohup python -m pytest … &``) with
SIGINT (and SIGQUIT) ignored. The commands respect an inherited SIG_IGN, as
they should: a Ctrl-C sent to such a child does nothing. So a test that
signals a child and checks how it reacts must give it the dispositions the
test assumes, whatever the test run itself inherited: :func:`with_default_signals`
wraps a command in a tiny Python program that puts SIGINT and SIGTERM back
to SIG_DFL and then ``exec``\\ s the command, which keeps the process id (the
test can still signal it, or its group) and needs no ``preexec_fn`` (not safe
in a process with threads, as the test run may be).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

__all__ = ["RESET_SIGNALS", "with_default_signals"]

#: The signals a test sends expecting the default reaction (a Python
#: program's KeyboardInterrupt for SIGINT; a handler or death for SIGTERM).
RESET_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGINT, signal.SIGTERM)

_RESET = (
    "import os, signal, sys\n"
    f"for number in {[int(s) for s in RESET_SIGNALS]!r}:\n"
    "    signal.signal(number, signal.SIG_DFL)\n"
    "os.execvp(sys.argv[1], sys.argv[1:])\n"
)


def with_default_signals(command: Sequence[str]) -> list[str]:
    """``command`` run with SIGINT and SIGTERM at their defaults (same process id)."""
    return [sys.executable, "-c", _RESET, *map(str, command)]
