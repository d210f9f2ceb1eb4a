"""HTML summary pages, checked in a real headless Chromium.

The browser is driven over the Chrome DevTools Protocol on a pipe
(``--remote-debugging-pipe``: file descriptors 3 and 4, messages ending in
NUL), so no port, no websocket library and no network are needed. Chromium
is required: without it these tests fail with the command that installs it.
"""

from __future__ import annotations

import base64
import io
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from summarizer import summarize
from summarizer.cli.summarize import main
from summarizer.render.formats import FORMATS, format_summary
from summarizer.render.page import BASE_CSS, CSP, FONT_STACK, LATIN_FONT_STACK
from summarizer.render.summary import render_html

from .conftest import SEED

INSTALL_HINT = "install it with: apt-get install -y chromium fonts-noto-core (or set CHROMIUM=/path/to/chrome)"

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


def find_chromium() -> str:
    explicit = os.environ.get("CHROMIUM")
    candidates = [explicit] if explicit else ["chromium", "chromium-browser", "google-chrome", "chrome"]
    for name in candidates:
        path = shutil.which(name) if name else None
        if path:
            return path
    pytest.fail(f"headless Chromium not found ({', '.join(c for c in candidates if c)}); {INSTALL_HINT}", pytrace=False)


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


def launch_browser(workdir: Path) -> Browser:
    """Start Chromium with CDP on fds 3 (commands in) and 4 (replies out)."""
    binary = find_chromium()
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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with tempfile.TemporaryDirectory(prefix="html-tests-") as tmp:
        b = launch_browser(Path(tmp))
        try:
            yield b
        finally:
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


def pixel_stats(png: bytes) -> dict[str, float]:
    """Share of non-white, dark (text) and highlight-yellow pixels."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    data = image.tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3]))
    n = len(pixels)
    return {
        "width": image.width,
        "height": image.height,
        "non_white": sum(p != (255, 255, 255) for p in pixels) / n,
        "dark": sum(max(p) < 100 for p in pixels) / n,
        "yellow": sum(r > 230 and 200 < g < 240 and b < 170 for r, g, b in pixels) / n,
    }


def write_page(tmp_path: Path, html: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


# -- the page, without a browser ------------------------------------------


def test_html_is_a_registered_format_and_needs_the_source(seed_text: str) -> None:
    summary = summarize(seed_text, sentences=2)
    assert "html" in FORMATS
    page = format_summary(summary, "html", source=seed_text)
    assert page.startswith("<!DOCTYPE html>") and page.count('<mark id="s') == 2
    with pytest.raises(ValueError, match="exact text the summary was made from"):
        render_html(summary, seed_text.replace("حموشي", "حموشى"))


def test_page_is_self_contained(seed_text: str) -> None:
    page = render_html(summarize(seed_text), seed_text)
    lowered = page.lower()
    assert "http://" not in lowered and "https://" not in lowered and "src=" not in lowered
    assert "<script" not in lowered and "<link" not in lowered
    assert f'content="{CSP}"' in page.replace("&#x27;", "'")


def test_stylesheets_are_inlined_in_order_and_name_the_font_stacks(seed_text: str) -> None:
    """The base rules come first so a page's own rules (summary.css) refine them;
    the documented font stacks are the ones the base stylesheet sets."""
    page = render_html(summarize(seed_text), seed_text)
    style = page[page.index("<style>") : page.index("</style>")]
    assert style.startswith(f"<style>\n{BASE_CSS}\n\n") and "mark.s {" in style
    assert style.count("<style>") == 1 and "<" not in style[1:]
    assert f"body {{ font-family: {FONT_STACK};" in BASE_CSS and f'[lang="ar"] {{ font-family: {FONT_STACK};' in BASE_CSS
    assert f'[lang="en"] {{ font-family: {LATIN_FONT_STACK}; }}' in BASE_CSS


def test_paragraphs_follow_the_lines_of_the_original() -> None:
    text = "عنوان قصير\r\nالجملة الأولى هنا. الجملة الثانية هنا.\r\n\r\nفقرة أخرى بعد سطر فارغ.\r\n"
    page = render_html(summarize(text, sentences=1), text)
    assert page.count('<p dir="auto"') == 3
    assert page.count('class="after-gap"') == 1


# -- the CLI ---------------------------------------------------------------


def test_cli_writes_the_page_and_keeps_existing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seed.html"
    with pytest.raises(SystemExit) as done:
        main([str(SEED), "--format", "html", "--sentences", "3", "-o", str(out)])
    assert done.value.code in (0, None)
    assert out.read_text(encoding="utf-8").count('<mark id="s') == 3
    with pytest.raises(SystemExit) as again:
        main([str(SEED), "--format", "html", "-o", str(out)])
    _, err = capsys.readouterr()
    assert again.value.code != 0 and "--force" in err and err.count("\n") == 1


# -- in the browser ----------------------------------------------------------


def test_seed_page_in_the_browser(browser: Browser, seed_text: str, tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    with pytest.raises(SystemExit):
        main([str(SEED), "--format", "html", "--sentences", "3", "-o", str(out)])
    summary = summarize(seed_text, sentences=3)
    counts = summary.counts()
    browser.open(out)
    found = browser.evaluate(
        """(() => {
          const paras = [...document.querySelectorAll('article p')];
          const marks = [...document.querySelectorAll('article mark.s')];
          return {
            lang: document.documentElement.lang,
            directions: paras.map(p => getComputedStyle(p).direction),
            aligns: paras.map(p => getComputedStyle(p).textAlign),
            marked: marks.map(m => +m.dataset.index),
            sentences: document.querySelectorAll('article .s').length,
            titled: [...document.querySelectorAll('article .s')].filter(s => /score \\d\\.\\d{4}/.test(s.title)).length,
            headings: document.querySelectorAll('article .s.heading').length,
            duplicates: document.querySelectorAll('article .s.dup').length,
            header: document.querySelector('header').innerText,
            markBackground: marks.length ? getComputedStyle(marks[0]).backgroundColor : null,
            plainBackground: getComputedStyle(document.querySelector('article span.s')).backgroundColor,
          };
        })()"""
    )
    assert found["lang"] == "ar"
    assert found["directions"] and set(found["directions"]) == {"rtl"}
    assert found["marked"] == [s.index for s in summary.selected]
    assert found["sentences"] == found["titled"] == counts["sentences"]
    assert found["headings"] == counts["headings"] >= 1
    assert found["duplicates"] == counts["duplicates"] >= 1
    for label in ("sentences", "words", "ratio (words)", "selected sentences"):
        assert label in found["header"]
    assert str(counts["words"]) in found["header"]
    assert found["markBackground"] != found["plainBackground"]
    assert any("Arabic" in family for family in browser.fonts_for("article p:nth-of-type(2)")), "no Arabic font drew the text"
    shot = browser.screenshot(full_page=True)
    (tmp_path / "seed.png").write_bytes(shot)
    stats = pixel_stats(shot)
    assert stats["non_white"] > 0.03 and stats["dark"] > 0.005, stats
    assert stats["yellow"] > 0.001, stats  # the highlight is actually painted


def test_mixed_arabic_english_paragraphs_each_get_their_direction(browser: Browser, tmp_path: Path) -> None:
    text = (
        "أعلنت الشركة اليوم عن نتائجها المالية للربع الثالث من السنة.\n"
        "The company said revenue grew by 12 percent in the third quarter.\n"
        "Google وMicrosoft تتنافسان على سوق الحوسبة السحابية في المنطقة العربية.\n"
        "وقال المدير إن النتائج فاقت التوقعات بكثير.\n"
    )
    summary = summarize(text, language="ar", sentences=2)
    browser.open(write_page(tmp_path, render_html(summary, text)))
    directions = browser.evaluate("[...document.querySelectorAll('article p')].map(p => getComputedStyle(p).direction)")
    # dir="auto" goes by the first strong letter: an English line is ltr even in an Arabic document.
    assert directions == ["rtl", "ltr", "ltr", "rtl"]
    english = summarize("The meeting ended late.\nوقال المدير إن النتائج فاقت التوقعات.\nEveryone went home.\n", language="en", sentences=1)
    source = "The meeting ended late.\nوقال المدير إن النتائج فاقت التوقعات.\nEveryone went home.\n"
    browser.open(write_page(tmp_path, render_html(english, source), "en.html"))
    assert browser.evaluate("document.documentElement.lang") == "en"
    assert browser.evaluate("[...document.querySelectorAll('article p')].map(p => getComputedStyle(p).direction)") == ["ltr", "rtl", "ltr"]


HOSTILE = (
    '"><script>window.__pwned = 1</script>\n'
    "قال المصدر <img src=x onerror=\"window.__pwned = 2\"> إن الاجتماع انتهى.\n"
    "وأضاف: ' onmouseover='window.__pwned = 3' \" autofocus onfocus=\"window.__pwned = 4\" وهذا نص.\n"
    "النص يحتوي &amp; و &lt;b&gt; و </p></article><script>window.__pwned = 5</script> أيضا.\n"
    "<svg onload=\"window.__pwned = 6\"></svg><iframe src=\"javascript:window.__pwned = 7\"></iframe> ختام.\n"
)


@pytest.mark.parametrize("keep_csp", [True, False], ids=["as-written", "csp-removed"])
def test_document_markup_renders_as_text_and_never_runs(browser: Browser, tmp_path: Path, keep_csp: bool) -> None:
    summary = summarize(HOSTILE, language="ar", sentences=2)
    page = render_html(summary, HOSTILE)
    if not keep_csp:  # escaping alone must hold, without the policy's safety net
        page, removed = _drop_csp(page)
        assert removed
    browser.open(write_page(tmp_path, page))
    found = browser.evaluate(
        """(() => ({
          pwned: window.__pwned === undefined ? null : window.__pwned,
          active: document.querySelectorAll('script, img, svg, iframe, [onerror], [onload], [onmouseover], [onfocus]').length,
          texts: [...document.querySelectorAll('article .s')].map(s => s.textContent),
          marked: document.querySelectorAll('article mark.s').length,
          title: document.title,
          paragraphs: document.querySelectorAll('article p').length,
        }))()"""
    )
    assert found["pwned"] is None
    assert found["active"] == 0
    assert found["texts"] == [s.text for s in summary.sentences]  # every character comes back as text
    assert found["marked"] == len(summary.selected) == 2
    assert found["paragraphs"] == len(HOSTILE.splitlines())
    assert summary.sentences[0].kind == "heading"
    assert found["title"] == 'Summary: "><script>window.__pwned = 1</script>'  # the <title> holds it as text


def _drop_csp(page: str) -> tuple[str, bool]:
    start = page.find('<meta http-equiv="Content-Security-Policy"')
    if start < 0:
        return page, False
    end = page.index(">", start) + 1
    return page[:start] + page[end:], True


# -- bidirectional controls (issue 13) ------------------------------------------

BIDI_HOSTILE = (
    "The report is ready \u202eand this part was reversed. The next sentence must read normally.\n"
    "Open the file invoice\u202egnp.exe\u202c today. Then close it.\n"
    "Marks \u200e\u200f\u061c and isolates \u2066\u2067\u2068\u2069 and embeddings \u202a\u202b\u202d show too.\n"
)


def test_bidi_controls_become_visible_markers() -> None:
    from summarizer.render.page import BIDI_CONTROLS, esc_text

    for ch in BIDI_CONTROLS:
        shown = esc_text(f"a{ch}b")
        assert ch not in shown and f"⟨U+{ord(ch):04X}⟩" in shown and 'class="bidi-control"' in shown
    page = render_html(summarize(BIDI_HOSTILE, language="en", sentences=2), BIDI_HOSTILE)
    assert not any(ch in page for ch in BIDI_CONTROLS)


def test_bidi_controls_cannot_escape_a_sentence_in_the_browser(browser: Browser, tmp_path: Path) -> None:
    summary = summarize(BIDI_HOSTILE, language="en", sentences=2)
    browser.open(write_page(tmp_path, render_html(summary, BIDI_HOSTILE)))
    found = browser.evaluate(
        r"""(() => {
          // Left edge of the character at `offset` in `needle`, first found in el's text.
          const x = (el, needle, offset) => {
            const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              const i = n.data.indexOf(needle);
              if (i >= 0) {
                const r = document.createRange();
                r.setStart(n, i + offset); r.setEnd(n, i + offset + 1);
                return r.getBoundingClientRect().left;
              }
            }
            return null;
          };
          const s = [...document.querySelectorAll('article .s')];
          const next = s.find(e => e.textContent.startsWith('The next sentence'));
          const file = s.find(e => e.textContent.startsWith('Open the file'));
          const h1 = document.querySelector('h1');
          return {
            nextFirst: x(next, 'The next', 0), nextLast: x(next, 'normally', 0),
            spoofFirst: x(file, 'gnp.exe', 0), spoofLast: x(file, 'gnp.exe', 6),
            titleFirst: x(h1, 'Summary', 0), titleLast: x(h1, 'reversed', 0),
            markers: [...document.querySelectorAll('article .bidi-control')].map(m => m.textContent),
            isolated: s.map(e => getComputedStyle(e).unicodeBidi),
            title: document.title,
          };
        })()"""
    )
    # An unterminated RIGHT-TO-LEFT OVERRIDE in one sentence leaves the next in reading order ...
    assert found["nextFirst"] < found["nextLast"], found
    # ... a closed one does not spoof a file name (gnp.exe shown as exe.png) ...
    assert found["spoofFirst"] < found["spoofLast"], found
    # ... nor does the title's reverse the header.
    assert found["titleFirst"] < found["titleLast"], found
    assert found["markers"][:3] == ["⟨U+202E⟩", "⟨U+202E⟩", "⟨U+202C⟩"]
    assert len(found["markers"]) == 13
    assert set(found["isolated"]) == {"isolate"}
    assert "\u202e" not in found["title"] and "⟨U+202E⟩" in found["title"]
