"""Keyphrases on every surface: the text and JSON outputs of ``summarize``,
the HTML page (marks nested in sentences, isolated, escaped), batch records,
and bad input through the command line."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarizer import Keyword, summarize
from summarizer.cli.summarize import main
from summarizer.render.formats import format_summary
from summarizer.render.summary import render_html

from .batch_corpus import PIN, read_records, write_jsonl
from .batch_corpus import run as batch_run
from .browser import Browser, write_page
from .conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_text_output_is_the_summary_then_a_phrase_and_score_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run([str(SEED)], capsys)
    code, out, err = run([str(SEED), "--keywords", "5"], capsys)
    assert code == 0 and err == ""
    summary, rest = out.split("\n\n", 1)
    assert summary + "\n" == plain  # the summary part is unchanged
    header, *lines = rest.splitlines()
    assert header == "# keyphrases" and len(lines) == 5
    expected = summarize(TEXT, keywords=5).keywords
    assert [line.split("\t") for line in lines] == [[k.text, f"{k.score:.4f}"] for k in expected]


def test_keywords_zero_leaves_the_output_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run([str(SEED)], capsys)
    assert run([str(SEED), "--keywords", "0"], capsys)[1] == plain
    _, as_json, _ = run([str(SEED), "--keywords", "0", "--format", "json"], capsys)
    assert "keywords" not in json.loads(as_json)


@pytest.mark.parametrize("value", ["-1", "2.5", "many", ""])
def test_bad_keywords_count_is_a_one_line_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([str(SEED), "--keywords", value], capsys)
    assert code == 2 and out == ""
    assert err.startswith("summarize: error: ") and err.count("\n") == 1 and "--keywords" in err and "Traceback" not in err


def test_json_keywords_are_objects_with_exact_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([str(SEED), "--keywords", "10", "--format", "json"], capsys)
    found = json.loads(out)["keywords"]
    assert code == 0 and len(found) == 10
    for k in found:
        assert set(k) == {"text", "score", "key", "occurrences"}
        assert all(isinstance(o, list) and len(o) == 2 and 0 <= o[0] < o[1] <= len(TEXT) for o in k["occurrences"])
        assert k["text"] in {TEXT[a:b] for a, b in k["occurrences"]}
    names = " ".join(k["text"] for k in found)
    assert "حموشي" in names and "الزعابي" in names


def test_text_without_content_words_has_no_keyphrases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "stop.txt"
    path.write_text("هذا هو ذلك. وهو في هذا.\n", encoding="utf-8")
    code, out, _ = run([str(path), "--keywords", "5", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["keywords"] == []
    code, out, _ = run([str(path), "--keywords", "5"], capsys)
    assert code == 0 and out.endswith("# keyphrases\n")


def test_one_repeated_word_is_that_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.txt"
    path.write_text("المكتبة المكتبة المكتبة. المكتبة المكتبة.\n", encoding="utf-8")
    code, out, _ = run([str(path), "--keywords", "5", "--format", "json"], capsys)
    assert code == 0
    assert [k["text"] for k in json.loads(out)["keywords"]] == ["المكتبة"]


# -- the HTML page --------------------------------------------------------------


class _Tree(HTMLParser):
    """Checks that every element closes in order; records each keyphrase
    mark with the tags around it and its text."""

    VOID = frozenset({"meta", "input", "br", "link"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[list[str], dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        self.stack.append((tag, dict(attrs)))
        if tag == "bdi" and dict(attrs).get("class") == "kw":
            self.marks.append(([t for t, _ in self.stack[:-1]], dict(attrs), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack[-3:])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "bdi" and self.stack[-1][1].get("class") == "kw":
            path, attrs, text = self.marks[-1]
            self.marks[-1] = (path, attrs, text + data)


def parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    assert tree.stack == []
    return tree


def test_page_marks_every_occurrence_inside_its_sentence_and_lists_the_phrases() -> None:
    summary = summarize(TEXT, keywords=8)
    page = render_html(summary, TEXT)
    tree = parse(page)
    expected = {(k.text, TEXT[a:b]) for k in summary.keywords for a, b in k.occurrences}
    shown = {(str(m[1]["title"]).split(": ", 1)[1].rsplit(" (score", 1)[0], m[2]) for m in tree.marks}
    assert shown <= expected
    assert len(tree.marks) >= len(summary.keywords)
    # inside the article, inside a sentence element (the selected ones are <mark>)
    assert all("article" in path and path[-1] in {"mark", "span", "p"} for path, _, _ in tree.marks)
    assert any(path[-1] == "mark" for path, _, _ in tree.marks), "a keyphrase inside a selected sentence"
    # each phrase listed, linked to its first occurrence, which exists once
    for rank in range(1, len(summary.keywords) + 1):
        assert page.count(f'id="k{rank}"') == 1 and f'href="#k{rank}"' in page
    listed = re.search(r'<section class="keywords">.*?</section>', page, re.S)
    assert listed is not None
    assert [k.text for k in summary.keywords] == re.findall(r"<bdi>([^<]*)</bdi></a>", listed.group())


def test_page_without_keywords_has_no_marks_or_list() -> None:
    page = render_html(summarize(TEXT), TEXT)
    assert 'class="kw"' not in page and "Keyphrases" not in page


def test_marks_are_escaped_isolated_and_never_cross() -> None:
    text = "قال <b>الوزير</b> إن \u202eالمكتبة الوطنية\u202c مهمة. زار الوزير المكتبة الوطنية أمس. المكتبة الوطنية & الوزير.\n"
    summary = summarize(text, sentences=1, language="ar")
    # overlapping phrases, and one running across a sentence end, given by hand
    a = text.index("المكتبة الوطنية أمس")
    fake = (
        Keyword("المكتبة الوطنية", 1.0, "المكتبه الوطنيه", ((a, a + len("المكتبة الوطنية")),)),
        Keyword("الوطنية أمس", 0.5, "الوطنيه امس", ((a + len("المكتبة "), a + len("المكتبة الوطنية أمس")),)),
        Keyword("الوزير", 0.4, "الوزير", tuple((m.start(), m.end()) for m in re.finditer("الوزير", text))),
        Keyword("أمس. المكتبة", 0.3, "امس المكتبه", ((text.index("أمس."), text.index("أمس.") + len("أمس. المكتبة")),)),
    )
    page = render_html(dataclasses.replace(summary, keywords=fake), text)
    tree = parse(page)
    assert "<b>" not in page and "&lt;b&gt;" in page
    assert "\u202e" not in page.split("<body>", 1)[1]
    texts = [t for _, _, t in tree.marks]
    assert texts.count("الوزير") == 3  # inside the escaped tag, too
    assert "الوطنية أمس" not in texts  # overlaps an earlier mark: not drawn
    assert all(path[-1] in {"mark", "span", "p"} for path, _, _ in tree.marks)
    assert ".kw { unicode-bidi: isolate" in page


def test_html_format_and_json_format_agree_on_keyphrases() -> None:
    summary = summarize(TEXT, keywords=3)
    assert json.loads(format_summary(summary, "json", source=TEXT))["keywords"] == [k.to_dict() for k in summary.keywords]
    assert all(f'title="keyphrase {r}: ' in format_summary(summary, "html", source=TEXT) for r in (1, 2, 3))


# -- batch records ----------------------------------------------------------------


def test_batch_records_carry_keyphrases_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [(1, TEXT)])
    batch_run([src, "-o", tmp_path / "k.jsonl", *PIN, "--keywords", "4"], capsys)
    batch_run([src, "-o", tmp_path / "n.jsonl", *PIN], capsys)
    (with_kw,) = read_records(tmp_path / "k.jsonl")
    (without,) = read_records(tmp_path / "n.jsonl")
    assert "keywords" not in without
    expected = summarize(TEXT, keywords=4, sentences=2, language="ar").keywords
    assert with_kw["keywords"] == [{"text": k.text, "score": k.score, "occurrences": [list(o) for o in k.occurrences]} for k in expected]
    assert {k: v for k, v in with_kw.items() if k != "keywords"} == without


def test_a_web_pages_keyphrases_point_into_its_article_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .webpages import build_pages

    page = build_pages()[0]
    path = tmp_path / "page.html"
    path.write_text(page.html, encoding="utf-8")
    code, out, _ = run([str(path), "--keywords", "5", "--format", "json"], capsys)
    data = json.loads(out)
    article = data["page"]["text"]
    assert code == 0 and data["keywords"]
    assert all(k["text"] in {article[a:b] for a, b in k["occurrences"]} for k in data["keywords"])
    code, html_page, _ = run([str(path), "--keywords", "5", "--format", "html"], capsys)
    assert code == 0 and len(parse(html_page).marks) >= 5


# -- in the browser ----------------------------------------------------------------


def _purple_share(png: bytes) -> float:
    """Share of pixels of the keyphrase underline's colour (#8250df)."""
    import io

    from PIL import Image

    data = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3]))
    return sum(100 <= r <= 170 and g < 120 and b > 180 for r, g, b in pixels) / len(pixels)


@pytest.mark.browser
def test_keyphrases_are_underlined_isolated_and_listed_in_the_browser(browser: Browser, tmp_path: Path) -> None:
    summary = summarize(TEXT, sentences=2, keywords=10)
    browser.open(write_page(tmp_path, render_html(summary, TEXT), "kw.html"))
    found = browser.evaluate(
        """(() => {
          const marks = [...document.querySelectorAll('article .kw')];
          return {
            marks: marks.length,
            isolated: marks.every(m => getComputedStyle(m).unicodeBidi === 'isolate'),
            underlined: marks.every(m => getComputedStyle(m).textDecorationLine.includes('underline')),
            inSelected: marks.filter(m => m.closest('mark.s')).length,
            listed: [...document.querySelectorAll('section.keywords li a')].map(a => a.innerText),
            direction: getComputedStyle(document.querySelector('section.keywords ol')).direction,
          };
        })()"""
    )
    assert len(summary.keywords) <= found["marks"] <= sum(len(k.occurrences) for k in summary.keywords)
    assert found["isolated"] and found["underlined"] and found["inSelected"] >= 1
    assert found["listed"] == [k.text for k in summary.keywords] and found["direction"] == "rtl"
    with_keywords = browser.screenshot(full_page=True)
    (tmp_path / "kw.png").write_bytes(with_keywords)
    browser.open(write_page(tmp_path, render_html(summarize(TEXT, sentences=2), TEXT), "plain.html"))
    without = browser.screenshot(full_page=True)
    assert _purple_share(with_keywords) > 0.0005 and _purple_share(without) < _purple_share(with_keywords) / 10


def test_the_guides_keyphrase_example_is_what_the_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/guide/summarize.md shows real output: re-run it when the
    keyphrase stage changes (this fails until the page is updated)."""
    guide = (Path(__file__).resolve().parents[1] / "docs" / "guide" / "summarize.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n\$ summarize (seeds/hammouchi_zaabi\.txt[^\n]*)\n(.*?)```", guide, re.S)
    assert block is not None, "the Keyphrases section's example is missing"
    args = block.group(1).split()
    code, out, _ = run([str(Path(__file__).resolve().parents[1] / args[0]), *args[1:]], capsys)
    assert code == 0 and out == block.group(2)
