"""HTML summary pages, as HTML and in a real headless Chromium.

The browser (``tests/browser.py``, the ``browser`` fixture of conftest.py)
is required by the tests marked ``browser``: without it they fail with the
command that installs it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from summarizer import summarize
from summarizer.cli.summarize import main
from summarizer.render.formats import FORMATS, format_summary
from summarizer.render.page import BASE_CSS, CSP, FONT_STACK, LATIN_FONT_STACK
from summarizer.render.summary import render_html

from .browser import Browser, write_page
from .conftest import SEED
from .texts import HOSTILE


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


def _wrapped_article() -> str:
    """Three paragraphs hard-wrapped at 50 characters, with a title."""
    from .test_segment import _wrap

    paragraphs = [
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة يضم ثلاثمئة سرير "
        "ويخدم سكان الأحياء الشرقية والقرى المجاورة لها.",
        "وقال الوزير إن المستشفى سيبدأ استقبال المرضى الشهر المقبل بعد اكتمال تجهيز "
        "أقسامه كلها. وأضاف أن الحكومة تعتزم بناء مستشفيين آخرين في الجنوب.",
        "ويعاني سكان المنطقة منذ سنوات من نقص الأسرة في المستشفيات القديمة التي لم "
        "تعد تكفي أعدادهم المتزايدة بحسب تقارير الوزارة.",
    ]
    return "مستشفى جديد في المدينة\n" + "\n\n".join("\n".join(_wrap(p, 50)) for p in paragraphs) + "\n"


def test_a_wrapped_sentence_is_drawn_once_in_one_paragraph() -> None:
    """A sentence that goes on across the lines of a hard-wrapped text is one
    element (one id), in one paragraph holding all the lines it spans."""
    import re

    text = _wrapped_article()
    summary = summarize(text, sentences=2)
    assert any("\n" in s.text for s in summary.selected)
    page = render_html(summary, text)
    ids = re.findall(r' id="(s\d+)"', page)
    assert ids == [f"s{s.index + 1}" for s in summary.sentences]
    assert page.count('<p dir="auto"') == 4  # the title and three paragraphs
    for s in summary.sentences:
        assert f">{s.text}</" in page.replace("&quot;", '"')


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


@pytest.mark.browser
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


@pytest.mark.browser
def test_a_wrapped_paragraph_reads_as_prose_in_the_browser(browser: Browser, tmp_path: Path) -> None:
    """The line breaks of a hard-wrapped paragraph show as spaces: each
    paragraph is one block of flowing text, its sentences whole."""
    text = _wrapped_article()
    summary = summarize(text, sentences=2)
    out = write_page(tmp_path, render_html(summary, text), "wrapped.html")
    browser.open(out)
    found = browser.evaluate(
        """(() => ({
          paragraphs: document.querySelectorAll('article p').length,
          marked: [...document.querySelectorAll('article mark.s')].map(m => m.innerText),
        }))()"""
    )
    assert found["paragraphs"] == 4
    assert found["marked"] == [" ".join(s.text.split()) for s in summary.selected]


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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
