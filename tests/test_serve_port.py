"""A port ``summarize-serve`` cannot listen on is one line (issue 21, item 9b):
a busy port used to print uvicorn's six-line log of a start and a shutdown
around its error."""

from __future__ import annotations

import socket
import subprocess

import pytest

from .serve_helpers import serve_command


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([serve_command(), *args], capture_output=True, text=True, timeout=60, check=False)


def test_a_busy_port_is_one_error_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for workers in ("1", "2"):
            done = _serve("--port", str(port), "--workers", workers)
            assert done.returncode == 1 and done.stdout == "", done
            assert done.stderr == f"summarize-serve: error: port {port} is in use on 127.0.0.1; choose another with --port (or stop what listens there)\n"


@pytest.mark.parametrize("host", ["192.0.2.1", "no-such-host.invalid"])  # TEST-NET-1: never this machine's
def test_an_address_this_machine_lacks_is_one_error_line(host: str) -> None:
    done = _serve("--host", host, "--port", "8000")
    assert done.returncode == 1 and done.stdout == "", done
    assert done.stderr.startswith(f"summarize-serve: error: cannot listen on {host} port 8000: ") and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.endswith("; check --host\n")
