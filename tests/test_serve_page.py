"""The ``summarize-serve`` page in headless Chromium, with JavaScript turned off.

A person's steps: open the page, paste a text (CDP's ``Input.insertText``,
as a paste or an IME does) or choose a file, pick the length, click the
button (real mouse events), and see the document with the summary's
sentences highlighted, right to left for Arabic. The page must work with
scripts disabled, and a hostile text must come back as text.
"""

from __future__ import annotations

import base64
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import summarize
from summarizer.render.formats import format_summary

from .browser import Browser
from .conftest import SEED
from .serve_helpers import Server, running_server
from .texts import ARTICLES, HOSTILE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with tempfile.TemporaryDirectory(prefix="serve-page-") as tmp, running_server(Path(tmp)) as s:
        yield s


@pytest.fixture
def no_script(browser: Browser) -> Iterator[Browser]:
    """The browser with page scripts disabled (CDP's own evaluation still works)."""
    browser.send("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        yield browser
    finally:
        browser.send("Emulation.setScriptExecutionDisabled", {"value": False})


def goto(browser: Browser, url: str) -> None:
    browser.events.clear()
    browser.send("Page.navigate", {"url": url})
    browser.wait_event("Page.loadEventFired")


def fill_and_submit(browser: Browser, *, text: str | None = None, file: Path | None = None, length: str, amount: str) -> None:
    if text is not None:
        browser.evaluate("document.getElementById('text').focus()")
        browser.send("Input.insertText", {"text": text})
    if file is not None:
        root = browser.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = browser.send("DOM.querySelector", {"nodeId": root, "selector": "#file"})["nodeId"]
        browser.send("DOM.setFileInputFiles", {"nodeId": node, "files": [str(file)]})
    browser.evaluate(f"document.getElementById('length').value = {json.dumps(length)}")
    browser.evaluate(f"document.getElementById('amount').value = {json.dumps(amount)}")
    box = browser.evaluate("(() => { const b = document.getElementById('submit'); b.scrollIntoView({block: 'center'}); const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
    browser.events.clear()
    for kind in ("mousePressed", "mouseReleased"):
        browser.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1})
    browser.wait_event("Page.loadEventFired")


def page_facts(browser: Browser) -> dict[str, Any]:
    return browser.evaluate(
        """(() => ({
          lang: document.documentElement.lang,
          directions: [...document.querySelectorAll('article p')].map(p => getComputedStyle(p).direction),
          articleDirection: getComputedStyle(document.querySelector('article')).direction,
          marked: [...document.querySelectorAll('article mark.s')].map(m => +m.dataset.index),
          texts: [...document.querySelectorAll('article .s')].map(s => s.textContent),
          isolated: [...document.querySelectorAll('article .s')].every(s => s.closest('p[dir="auto"]') !== null),
          markBackground: (() => { const m = document.querySelector('article mark.s'); return m && getComputedStyle(m).backgroundColor; })(),
          plainBackground: (() => { const s = document.querySelector('article span.s'); return s && getComputedStyle(s).backgroundColor; })(),
          download: (() => { const a = document.getElementById('download'); return a && [a.getAttribute('download'), a.href]; })(),
          again: (() => { const a = document.getElementById('again'); return a && a.href; })(),
          pwned: window.__pwned === undefined ? null : window.__pwned,
          active: document.querySelectorAll('script, img, svg, iframe, [onerror], [onload], [onmouseover], [onfocus]').length,
        }))()"""
    )


def decoded(href: str) -> bytes:
    prefix = "data:application/json;charset=utf-8;base64,"
    assert href.startswith(prefix)
    return base64.b64decode(href[len(prefix):])


def test_paste_submit_and_see_the_summary_right_to_left(no_script: Browser, server: Server) -> None:
    browser = no_script
    base = f"http://127.0.0.1:{server.port}/"
    goto(browser, base)
    assert browser.evaluate("document.querySelector('form').method") == "post"
    text = SEED.read_text(encoding="utf-8")
    fill_and_submit(browser, text=text, length="sentences", amount="3")
    facts = page_facts(browser)
    summary = summarize(text, sentences=3)
    assert facts["lang"] == "ar" and facts["articleDirection"] == "rtl"
    assert facts["directions"] and set(facts["directions"]) == {"rtl"}
    assert facts["marked"] == [s.index for s in summary.selected] and len(facts["marked"]) == 3
    assert facts["texts"] == [s.text for s in summary.sentences] and facts["isolated"]
    assert facts["markBackground"] != facts["plainBackground"]
    name, href = facts["download"]
    assert name == "summary.json"
    assert decoded(href) == format_summary(summary, "json", source=text).encode("utf-8")
    assert facts["again"] == base


def test_upload_a_txt_file(no_script: Browser, server: Server, tmp_path: Path) -> None:
    browser = no_script
    text = ARTICLES[3]
    upload = tmp_path / "article.txt"
    upload.write_bytes(text.encode("utf-8"))
    goto(browser, f"http://127.0.0.1:{server.port}/")
    fill_and_submit(browser, file=upload, length="ratio", amount="0.2")
    facts = page_facts(browser)
    summary = summarize(text, ratio=0.2)
    assert facts["articleDirection"] == "rtl" and set(facts["directions"]) == {"rtl"}
    assert facts["marked"] == [s.index for s in summary.selected] and facts["marked"]
    assert decoded(facts["download"][1]) == format_summary(summary, "json", source=text).encode("utf-8")


def test_english_reads_left_to_right(no_script: Browser, server: Server) -> None:
    browser = no_script
    text = "The council approved the budget.\nSchools get more money this year.\nParks lose a little.\n"
    goto(browser, f"http://127.0.0.1:{server.port}/")
    fill_and_submit(browser, text=text, length="sentences", amount="1")
    facts = page_facts(browser)
    assert facts["lang"] == "en" and facts["articleDirection"] == "ltr" and set(facts["directions"]) == {"ltr"}
    assert facts["marked"] == [s.index for s in summarize(text, sentences=1).selected]


@pytest.mark.parametrize("scripts", [False, True], ids=["scripts-off", "scripts-on"])
def test_hostile_text_comes_back_as_text(browser: Browser, server: Server, scripts: bool) -> None:
    browser.send("Emulation.setScriptExecutionDisabled", {"value": not scripts})
    try:
        goto(browser, f"http://127.0.0.1:{server.port}/")
        fill_and_submit(browser, text=HOSTILE, length="sentences", amount="2")
        facts = page_facts(browser)
    finally:
        browser.send("Emulation.setScriptExecutionDisabled", {"value": False})
    summary = summarize(HOSTILE, sentences=2)
    assert facts["pwned"] is None and facts["active"] == 0
    assert facts["texts"] == [s.text for s in summary.sentences]
    assert len(facts["marked"]) == 2


def test_an_error_is_shown_on_the_form(no_script: Browser, server: Server) -> None:
    browser = no_script
    goto(browser, f"http://127.0.0.1:{server.port}/")
    fill_and_submit(browser, text="قال المتحدث إن الاجتماع انتهى. وأضاف أن النتائج جيدة.", length="ratio", amount="7")
    found = browser.evaluate("[document.getElementById('error').textContent, document.getElementById('text').value, document.getElementById('amount').value]")
    assert found == ["ratio must be a number in (0, 1], got 7.0", "قال المتحدث إن الاجتماع انتهى. وأضاف أن النتائج جيدة.", "7"]
