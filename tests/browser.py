"""A headless Chromium driven over the Chrome DevTools Protocol, for the browser tests.

The browser is driven on a pipe (``--remote-debugging-pipe``: file
descriptors 3 and 4, messages ending in NUL), so no port, no websocket
library and no network are needed. The session-wide ``browser`` fixture of
``conftest.py`` starts one with :func:`launch_browser` and closes it with
:func:`close_browser`; without Chromium it fails with the command that
installs it (``conftest.CHROMIUM_HINT``).
"""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--hide-scrollbars",
    "--window-size=1100,900",
    "--remote-debugging-pipe",
)


@dataclass
class Browser:
    """A minimal CDP client: one browser, one page, synchronous calls."""

    process: subprocess.Popen[bytes]
    to_browser: int
    from_browser: int
    log: Path
    session: str = ""
    _next_id: int = 0
    _buffer: bytes = b""
    events: list[dict[str, Any]] = field(default_factory=list)

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: bool = True, timeout: float = 30) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive(timeout, waiting_for=method)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method} failed: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str, *, timeout: float = 30) -> dict[str, Any]:
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._receive(timeout, waiting_for=method)
            if event.get("method") == method:
                return event
            self.events.append(event)

    def _receive(self, timeout: float, *, waiting_for: str) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.from_browser], [], [], max(left, 0))
            if not ready:
                raise TimeoutError(f"Chromium did not answer {waiting_for} within {timeout} s; log: {self.tail_log()}")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError(f"Chromium exited while waiting for {waiting_for}; log: {self.tail_log()}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def tail_log(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return "(no log)"

    # -- page helpers -------------------------------------------------
    def open(self, path: Path) -> None:
        """Load a file and wait until it has loaded."""
        self.events.clear()
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluation failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, *, full_page: bool = False) -> bytes:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        return base64.b64decode(self.send("Page.captureScreenshot", params)["data"])

    def fonts_for(self, selector: str) -> list[str]:
        """Family names of the platform fonts that drew the first match's text."""
        root = self.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"no element matches {selector}"
        fonts = self.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return [f["familyName"] for f in fonts]


def launch_browser(binary: str, workdir: Path) -> Browser:
    """Start Chromium (``binary``) with CDP on fds 3 (commands in) and 4 (replies out)."""
    cmd_read, cmd_write = os.pipe()
    reply_read, reply_write = os.pipe()

    def wire_pipes() -> None:  # runs in the child before exec
        os.dup2(cmd_read, 3)
        os.dup2(reply_write, 4)

    log = workdir / "chromium.log"
    profile = workdir / "profile"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            pass_fds=(3, 4),
            preexec_fn=wire_pipes,
        )
    os.close(cmd_read)
    os.close(reply_write)
    browser = Browser(process=process, to_browser=cmd_write, from_browser=reply_read, log=log)
    target = browser.send("Target.createTarget", {"url": "about:blank"}, timeout=60)["targetId"]
    browser.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "DOM", "CSS"):
        browser.send(f"{domain}.enable")
    return browser


def close_browser(b: Browser) -> None:
    """Close the browser politely, then for sure; release the pipes."""
    try:
        b.send("Browser.close", session=False, timeout=10)
    except (RuntimeError, TimeoutError, OSError):
        pass
    try:
        b.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        b.process.kill()
        b.process.wait()
    os.close(b.to_browser)
    os.close(b.from_browser)


def write_page(tmp_path: Path, html: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path
