"""A real ``summarize-serve`` process on a free loopback port, and a small HTTP client.

The tests talk to the server the way a client would: over TCP on
127.0.0.1, with the standard library's ``http.client`` (and raw sockets
where a well-behaved client cannot misbehave enough, e.g. a body that is
longer than it said).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .processes import with_default_signals


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_command() -> str:
    beside = Path(sys.executable).with_name("summarize-serve")
    found = str(beside) if beside.exists() else shutil.which("summarize-serve")
    if not found:
        pytest.fail("summarize-serve is not installed; run: python3 -m pip install -e '.[test]'", pytrace=False)
    return found


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def post_json(self, payload: Any, path: str = "/api/summarize") -> tuple[int, dict[str, str], bytes]:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return self.request("POST", path, body, {"Content-Type": "application/json"})

    def raw(self, data: bytes, *, read_timeout: float = 60) -> bytes:
        """Send bytes as they are; return the one response (status line, headers, body)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=read_timeout) as s:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered and closed early: read what it sent
            reply = b""
            try:
                while not _complete(reply) and (chunk := s.recv(65536)):
                    reply += chunk
            except ConnectionResetError:
                pass
        return reply


def _complete(reply: bytes) -> bool:
    """Whether ``reply`` holds the headers and as many body bytes as Content-Length says."""
    head, sep, body = reply.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return False


@contextmanager
def running_server(tmp: Path, *args: str, name: str = "server") -> Iterator[Server]:
    """Start ``summarize-serve --port <free> ARGS`` and wait until /healthz answers."""
    port = free_port()
    log = tmp / f"{name}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            with_default_signals([serve_command(), "--port", str(port), *args]),  # stopped with SIGTERM below
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    server = Server(process, port, log)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"summarize-serve exited with {process.returncode}: {server.log_text()[-2000:]}", pytrace=False)
            try:
                if server.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"summarize-serve did not start: {server.log_text()[-2000:]}", pytrace=False)
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser sends it, and its Content-Type."""
    boundary = "----summarizer-test-boundary-7c1f"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode("utf-8") + b"\r\n")
    for name, (filename, data) in (files or {}).items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: text/plain\r\n\r\n".encode() + data + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"
