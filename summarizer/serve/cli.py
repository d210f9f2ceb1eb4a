"""The ``summarize-serve`` command: check the settings, start uvicorn.

Settings reach uvicorn's worker processes through the environment (see
:mod:`.app`), because with ``--workers N`` each worker imports the app by
name. A command-line mistake is one line (``summarize-serve: error: …``,
exit 2), and so is a missing ``serve`` extra (exit 1).
"""

from __future__ import annotations

import errno
import functools
import importlib.util
import os
import signal
import socket
from typing import Annotated, NoReturn

import typer

from ..cli import kit
from .core import DEFAULT_MAX_BYTES

__all__ = ["FLAGS", "app", "main"]

PROG = "summarize-serve"
FLAGS = kit.Flags(PROG)
app = kit.new_app()


@app.command(help="Serve the summarizer: a JSON API (POST /api/summarize) and a web page (/), on 127.0.0.1 by default.")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to bind; 0.0.0.0 exposes the server to the network (put a reverse proxy in front).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes, each with the libraries loaded once (one per core is a good start).")] = 1,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest request body accepted, in bytes; larger ones get 413.")] = DEFAULT_MAX_BYTES,
    threads: Annotated[int | None, typer.Option(min=1, help="Summaries computed at once per worker process (default 1: the work holds the GIL; use --workers for more cores).")] = None,
    proxy_headers: Annotated[bool, typer.Option(help="Trust X-Forwarded-For/-Proto from --forwarded-allow-ips (a reverse proxy).")] = True,
    forwarded_allow_ips: Annotated[str, typer.Option(help="Comma-separated proxy addresses whose X-Forwarded-* headers are trusted, or *.")] = "127.0.0.1",
    root_path: Annotated[str, typer.Option(help="Path prefix the proxy serves the app under, e.g. /summarizer.")] = "",
    log_level: Annotated[str, typer.Option(help="uvicorn's log level: critical, error, warning, info, debug.")] = "info",
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
    version: kit.Version = False,
) -> None:
    missing = [name for name in ("starlette", "uvicorn", "multipart") if importlib.util.find_spec(name) is None]
    if missing:
        FLAGS.fail(f"the service needs the serve extra (missing {', '.join(missing)}): pip install 'arabic-textrank-summarizer[serve]'", kit.EXIT_FAILURE)
    if log_level not in ("critical", "error", "warning", "info", "debug"):
        FLAGS.fail(f"unknown log level {log_level!r}; use critical, error, warning, info or debug (see {PROG} --help)", kit.EXIT_USAGE)
    _check_address(host, port)
    import uvicorn

    from .app import MAX_BYTES_ENV, THREADS_ENV

    os.environ[MAX_BYTES_ENV] = str(max_bytes)
    if threads is not None:
        os.environ[THREADS_ENV] = str(threads)
    # uvicorn ends on Ctrl-C quietly, its own way, then raises the signal again for
    # the handler it found: this one notes it, so that the command ends as the others
    # do (kit.run: one line, exit code 130).
    interrupted: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, functools.partial(_interrupt, interrupted))
    except ValueError:  # not the main thread: only the main thread can ask
        previous = None
    try:
        uvicorn.run(
            "summarizer.serve.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            proxy_headers=proxy_headers,
            forwarded_allow_ips=forwarded_allow_ips,
            root_path=root_path,
            log_level=log_level,
            access_log=access_log,
            server_header=False,
            timeout_graceful_shutdown=10,
        )
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if interrupted:
        raise KeyboardInterrupt


def _interrupt(interrupted: list[int], signum: int, frame: object) -> None:
    interrupted.append(signum)
    raise KeyboardInterrupt


def _check_address(host: str, port: int) -> None:
    """Bind ``host:port`` as uvicorn will (same family, ``SO_REUSEADDR``) and
    let go, so that a port in use or an address this machine lacks is one
    line, not uvicorn's log of a start and a shutdown around its error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            FLAGS.fail(f"port {port} is in use on {host}; choose another with --port (or stop what listens there)")
        if exc.errno == errno.EACCES:
            FLAGS.fail(f"no permission to listen on port {port} of {host}; choose a port above 1023 with --port")
        reason = exc.strerror or str(exc)
        FLAGS.fail(f"cannot listen on {host} port {port}: {reason}; check --host")


def main(argv: list[str] | None = None) -> NoReturn:
    """Console entry point: typer's parsing, our one-line errors."""
    raise SystemExit(kit.run(app, FLAGS, argv))
