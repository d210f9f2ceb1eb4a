"""Every JSON the project writes is standard JSON (issue 21, item 2).

``summarize --forward 1e-310 --format json`` wrote ``NaN`` (which no strict
JSON reader accepts) and ``summarize-batch`` crashed with a traceback.
The ranking is fixed (tests/test_rank.py, tests/test_properties.py); here:
the command lines on that input, and each JSON writer refusing a NaN that
would slip through, with a clear error instead of invalid JSON.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import pytest

from summarizer import Summarizer
from summarizer.batch.io import Document, open_sink
from summarizer.batch.jobs import BatchSummarizer
from summarizer.errors import NonFiniteNumberError
from summarizer.render.formats import format_summary
from summarizer.result import Summary
from summarizer.serve.core import RequestError, summary_json
from summarizer.strictjson import check_finite, dumps

from .batch_corpus import read_records
from .batch_corpus import run as run_batch
from .conftest import ROOT, SEED

NAN, INF = float("nan"), float("inf")


def run_summarize(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``summarize`` in process: exit code, stdout, stderr."""
    from summarizer.cli.summarize import main

    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def strict(text: str) -> Any:
    """``text`` parsed as standard JSON: NaN and Infinity refused."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


# -- the case found: --forward 1e-310 -------------------------------------------------


def test_summarize_with_a_tiny_forward_writes_valid_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_summarize([str(SEED), "--forward", "1e-310", "--format", "json"], capsys)
    assert code == 0 and err == ""
    data = strict(out)
    assert data["settings"]["forward"] == 1e-310
    assert all(math.isfinite(s["score"]) for s in data["sentences"]) and data["counts"]["selected_sentences"] >= 1


def test_summarize_batch_with_a_tiny_forward_writes_valid_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, stdout, err = run_batch([folder, "-o", out, "--forward", "1e-310", "--no-progress"], capsys)
    assert code == 0 and "Traceback" not in err, err
    assert stdout.startswith("summarize-batch: 1 document: 1 summarized, 0 failed")
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = strict(line)
    assert record["status"] == "ok" and all(math.isfinite(s["score"]) for s in record["selected"])


# -- the writer itself ------------------------------------------------------------------


@pytest.mark.parametrize("bad", [NAN, INF, -INF])
def test_dumps_refuses_non_finite_numbers_and_says_where(bad: float) -> None:
    value = {"sentences": [{"score": 0.5}, {"score": bad}], "n": 2}
    with pytest.raises(NonFiniteNumberError, match=r"sentences\[1\]\.score is (nan|inf|-inf), and JSON has no NaN or infinity; this is a bug"):
        dumps(value)
    with pytest.raises(NonFiniteNumberError, match="the value is nan"):
        dumps(NAN)
    with pytest.raises(NonFiniteNumberError, match=r"^cannot write JSON: \[0\]\[1\] is"):
        check_finite(([1.0, bad],))


def test_dumps_writes_what_json_writes_otherwise() -> None:
    value = {"a": [1, 2.5, None, True], "b": "حموشي", "c": {"d": 1e-310, "e": -0.0}}
    for kwargs in ({}, {"ensure_ascii": False, "indent": 2}, {"indent": 1}):
        assert dumps(value, **kwargs) == json.dumps(value, **kwargs)  # type: ignore[arg-type]
    check_finite(value)  # nothing to refuse
    with pytest.raises(TypeError, match="allow_nan"):
        dumps(value, allow_nan=True)


# -- each writer refuses NaN -----------------------------------------------------------------


@pytest.fixture(scope="module")
def nan_summary() -> tuple[Summary, str]:
    """A real summary with one score replaced by NaN (what a bug would give)."""
    text = SEED.read_text(encoding="utf-8")
    summary = Summarizer(sentences=2).summarize(text)
    chosen = summary.selected[0].index  # in every output: the JSON's sentences, a batch record's selected
    sentences = tuple(dataclasses.replace(s, score=NAN) if s.index == chosen else s for s in summary.sentences)
    return dataclasses.replace(summary, sentences=sentences), text


def test_the_summary_json_format_refuses_nan(nan_summary: tuple[Summary, str]) -> None:
    summary, text = nan_summary
    with pytest.raises(NonFiniteNumberError, match=r"sentences\[\d+\]\.score is nan"):
        format_summary(summary, "json", source=text)


def test_the_service_answers_a_nan_with_a_500_json_error(nan_summary: tuple[Summary, str]) -> None:
    summary, text = nan_summary
    with pytest.raises(RequestError) as refused:
        summary_json(summary, text)
    assert refused.value.status == 500 and ".score is nan" in refused.value.message


def test_a_batch_record_with_nan_fails_that_document_only(nan_summary: tuple[Summary, str]) -> None:
    summary, _ = nan_summary

    class Broken:
        """Stands in for the Summarizer: returns the NaN summary."""

        def summarize(self, text: str, **_: object) -> Summary:
            return summary

    job = BatchSummarizer(summarizer=Broken())  # type: ignore[arg-type]
    record = job.record(Document(id="a", text="any text."))
    assert record["status"] == "error" and record["id"] == "a"
    assert record["error"].startswith("internal error: cannot write JSON: selected[0].score is nan")
    strict(dumps(record))


def test_the_batch_sink_refuses_nan_and_keeps_its_file_valid(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with open_sink(out, existing="fail") as sink:
        sink.write({"id": "a", "status": "ok", "score": 0.5})
        with pytest.raises(NonFiniteNumberError, match=r"score is nan"):
            sink.write({"id": "b", "status": "ok", "score": NAN})
        sink.finish(["a", "b"])
    assert [r["id"] for r in read_records(out)] == ["a"]
    strict(out.read_text(encoding="utf-8").strip())


def test_the_evaluation_json_report_refuses_nan(news_corpus: Path) -> None:
    from summarizer.select import Budget
    from summarizer_eval import ArabicRouge, Bootstrap, evaluate, format_report, load_corpus, make_systems

    scorer = ArabicRouge()
    report = evaluate(
        load_corpus(news_corpus), systems=make_systems(["lead"], scorer=scorer, seed=0), scorer=scorer,
        budget=Budget(ratio=0.3), bootstrap=Bootstrap(resamples=50, seed=0),
    )
    strict(format_report(report, "json"))
    broken = dataclasses.replace(report, settings={**report.settings, "budget": {"ratio": NAN}})
    with pytest.raises(NonFiniteNumberError, match=r"settings\.budget\.ratio is nan"):
        format_report(broken, "json")


def test_the_benchmark_results_refuse_nan(tmp_path: Path) -> None:
    from benchmarks.output import ResultSet

    results = ResultSet("probe", markdown=lambda r: "# probe\n")
    with pytest.raises(NonFiniteNumberError, match=r"runs\[0\]\.seconds is nan"):
        results.write({"runs": [{"seconds": NAN}]}, tmp_path, force=False)
    assert not (tmp_path / "probe.json").exists()
    results.write({"runs": [{"seconds": 1.5}]}, tmp_path, force=False)
    assert strict((tmp_path / "probe.json").read_text(encoding="utf-8")) == {"runs": [{"seconds": 1.5}]}


#: Calls of :mod:`json` that write JSON text; everything else must call
#: :func:`summarizer.strictjson.dumps`.
WRITERS = {"dump", "dumps"}
#: Allowed: quoting an input's value in an error message is not writing JSON.
QUOTES = {"summarizer/batch/io.py": 1}


def test_no_module_writes_json_but_through_strictjson() -> None:
    found: dict[str, int] = {}
    files = [*(ROOT / "summarizer").rglob("*.py"), *(ROOT / "eval").rglob("*.py"), *(ROOT / "benchmarks").glob("*.py")]
    for path in files:
        name = path.relative_to(ROOT).as_posix()
        if name == "summarizer/strictjson.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITERS:
                if isinstance(node.func.value, ast.Name) and node.func.value.id == "json":
                    found[name] = found.get(name, 0) + 1
    assert len(files) > 40  # the modules are read
    assert found == QUOTES, f"write JSON with summarizer.strictjson.dumps, not json.dump(s): {found}"
