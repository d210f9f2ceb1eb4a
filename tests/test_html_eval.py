"""The ``summarize-eval --format html`` report, checked in headless Chromium."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from summarizer_eval import ArabicRouge, Bootstrap, evaluate, load_corpus, make_systems
from summarizer_eval.cli import main
from summarizer_eval.errors import EvalError
from summarizer_eval.formats import format_report

from .browser import Browser, write_page
from .texts import CORPUS_IDS

SYSTEMS = ("textrank", "lead", "random", "oracle")


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(args)
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


DOC_IDS = list(CORPUS_IDS[:3])


@pytest.mark.browser
def test_corpus_report_in_the_browser(browser: Browser, news_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = DOC_IDS[1]
    out = tmp_path / "run"
    code, _, err = run_cli(
        [str(news_corpus), "--docs", ",".join(DOC_IDS), "--resamples", "200", "--format", "html", "--show-doc", shown, "-o", str(out)],
        capsys,
    )
    assert code == 0, err
    truth = json.loads((out / "report.json").read_text(encoding="utf-8"))
    metrics = truth["settings"]["metrics"]
    browser.open(out / "summary.html")
    found = browser.evaluate(
        """(() => {
          const rows = [...document.querySelectorAll('table.results tbody tr')];
          const bars = [...document.querySelectorAll('svg rect.bar')].map(r => {
            const box = r.getBoundingClientRect();
            const ci = [...r.parentNode.querySelectorAll('g.ci')].find(g => g.previousElementSibling === r);
            const whisker = ci.querySelector('line').getBoundingClientRect();
            return {system: r.dataset.system, metric: r.dataset.metric, mean: +r.dataset.mean, low: +r.dataset.low,
                    high: +r.dataset.high, left: box.left, width: box.width, ciLeft: whisker.left, ciRight: whisker.right};
          });
          return {
            rows: rows.map(r => ({system: r.dataset.system, cells: [...r.querySelectorAll('td[data-metric]')].map(td => td.innerText)})),
            bars,
            heading: [...document.querySelectorAll('h2')].map(h => h.innerText),
            cards: [...document.querySelectorAll('.card.system')].map(c => ({
              system: c.dataset.system, sentences: [...c.querySelectorAll('li')].map(li => li.textContent)})),
            references: [...document.querySelectorAll('.card.reference')].map(c =>
              [...c.querySelectorAll('p')].map(p => p.textContent)),
            refDirections: [...document.querySelectorAll('.card.reference p')].map(p => getComputedStyle(p).direction),
            summaryDirections: [...document.querySelectorAll('.card.system li')].map(li => getComputedStyle(li).direction),
            scripts: document.querySelectorAll('script').length,
          };
        })()"""
    )
    # Results table: one row per system, F mean and interval as in report.json.
    assert [r["system"] for r in found["rows"]] == list(SYSTEMS)
    for row, system in zip(found["rows"], truth["systems"]):
        for cell, m in zip(row["cells"], metrics):
            f = system["means"][m]["f"]
            assert cell == f"{f['mean']:.4f} [{f['low']:.4f}, {f['high']:.4f}]"
    # Chart: a bar per system and metric, lengths proportional to the means,
    # whiskers spanning the interval around the bar's end.
    assert len(found["bars"]) == len(SYSTEMS) * len(metrics)
    per_unit = [b["width"] / b["mean"] for b in found["bars"] if b["mean"] > 0]
    assert max(per_unit) / min(per_unit) < 1.01
    scale = per_unit[0]
    for b in found["bars"]:
        f = next(s for s in truth["systems"] if s["name"] == b["system"])["means"][b["metric"]]["f"]
        assert (b["mean"], b["low"], b["high"]) == pytest.approx((f["mean"], f["low"], f["high"]), abs=1e-6)
        assert b["ciLeft"] - b["left"] == pytest.approx(b["low"] * scale, abs=1.5)
        assert b["ciRight"] - b["left"] == pytest.approx(b["high"] * scale, abs=1.5)
    # The chosen document: each system's summary next to the references, right to left.
    assert any(shown in h for h in found["heading"])
    index = truth["documents"].index(next(d for d in truth["documents"] if d["doc_id"] == shown))
    for card, system in zip(found["cards"], truth["systems"]):
        assert card["system"] == system["name"]
        assert card["sentences"] == system["documents"][index]["summary"]
    refs = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((news_corpus / shown / "references").glob("*.txt"))]
    assert found["references"] == [[line for line in r.splitlines() if line.strip()] for r in refs]
    assert set(found["refDirections"]) == {"rtl"} and set(found["summaryDirections"]) == {"rtl"}
    assert found["scripts"] == 0
    stats = _colour_share(browser.screenshot(full_page=True), (0x00, 0x72, 0xB2))
    assert stats > 0.0005, "the first system's bars are not painted"


HOSTILE_DOC = (
    "عنوان <script>window.__pwned = 1</script>\n"
    'قال المصدر إن الاجتماع انتهى "><img src=x onerror="window.__pwned = 2">. وأضاف أن العمل مستمر.\n'
    "وتابع: ' onmouseover='window.__pwned = 3' والنتائج جيدة جدا هذا العام.\n"
)
HOSTILE_REF = 'قال المصدر إن الاجتماع انتهى <svg onload="window.__pwned = 4"></svg>.\n</p></div><script>window.__pwned = 5</script>\n'


@pytest.mark.browser
def test_hostile_corpus_renders_as_text(browser: Browser, tmp_path: Path) -> None:
    corpus_file = tmp_path / "hostile.jsonl"
    doc_id = '<b id="x">doc</b>'
    corpus_file.write_text(json.dumps({"id": doc_id, "document": HOSTILE_DOC, "references": [HOSTILE_REF]}, ensure_ascii=False) + "\n", encoding="utf-8")
    corpus = load_corpus(corpus_file)
    scorer = ArabicRouge()
    report = evaluate(corpus, systems=make_systems(["textrank", "lead"], scorer=scorer), scorer=scorer, bootstrap=Bootstrap(resamples=50))
    page = format_report(report, "html", corpus=corpus, show_doc=doc_id)
    browser.open(write_page(tmp_path, page))
    found = browser.evaluate(
        """(() => ({
          pwned: window.__pwned === undefined ? null : window.__pwned,
          active: document.querySelectorAll('script, img, iframe, #x, [onerror], [onload], [onmouseover]').length,
          svgs: document.querySelectorAll('svg').length,
          references: [...document.querySelectorAll('.card.reference p')].map(p => p.textContent),
          summary: [...document.querySelectorAll('.card.system li')].map(li => li.textContent),
          heading: [...document.querySelectorAll('h2')].map(h => h.textContent).join('\\n'),
        }))()"""
    )
    assert found["pwned"] is None and found["active"] == 0
    assert found["svgs"] == 1  # the chart, and nothing from the text
    assert found["references"] == [line for line in HOSTILE_REF.splitlines() if line.strip()]
    assert found["summary"] == [s for r in report.systems for s in r.documents[0].summary]
    assert doc_id in found["heading"]


def test_html_needs_the_corpus_and_a_known_document(news_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = load_corpus(news_corpus).subset(DOC_IDS[:1])
    scorer = ArabicRouge()
    report = evaluate(corpus, systems=make_systems(["lead"], scorer=scorer), scorer=scorer, bootstrap=Bootstrap(resamples=20))
    with pytest.raises(EvalError, match="needs the corpus"):
        format_report(report, "html")
    with pytest.raises(EvalError, match="unknown document id"):
        format_report(report, "html", corpus=corpus, show_doc="no-such-doc")
    code, _, err = run_cli([str(news_corpus), "--docs", DOC_IDS[0], "--show-doc", "no-such-doc", "--format", "html"], capsys)
    assert code != 0 and "unknown document id 'no-such-doc'" in err and err.count("\n") == 1
    code, _, err = run_cli([str(news_corpus), "--docs", DOC_IDS[0], "--show-doc", DOC_IDS[0]], capsys)
    assert code != 0 and "--show-doc only applies to --format html" in err


def _colour_share(png: bytes, rgb: tuple[int, int, int], tolerance: int = 40) -> float:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    data = image.tobytes()
    r0, g0, b0 = rgb
    hits = sum(
        abs(r - r0) + abs(g - g0) + abs(b - b0) < tolerance for r, g, b in zip(data[0::3], data[1::3], data[2::3])
    )
    return hits / (image.width * image.height)
