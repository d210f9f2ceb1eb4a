"""The summarize-eval command: output, files that are never overwritten, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer_eval.cli import main

from .texts import CORPUS_IDS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FAST = ["--resamples", "200"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main([*map(str, argv)])
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def test_seed_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, SEEDS, *FAST)
    assert code == 0, err
    assert out.startswith("1 document from")
    assert "flat layout" in out and "references each" in out
    lines = out.splitlines()
    for name in ("textrank", "lead", "random", "oracle"):
        assert any(line.startswith(name + " ") for line in lines), name
    assert "Paired bootstrap against lead" in out


def test_folder_corpus_json_with_options(capsys: pytest.CaptureFixture[str], news_corpus: Path) -> None:
    docs = [CORPUS_IDS[3], CORPUS_IDS[1]]  # --docs order, not folder order
    code, out, err = _run(
        capsys, news_corpus, "--docs", ",".join(docs), "--systems", "lead,random", "--sentences", "2",
        "--multi-ref", "max", "--stem", "--length-limit", "50", "--format", "json", *FAST,
    )
    assert code == 0, err
    data = json.loads(out)
    s = data["settings"]
    assert (s["multi_ref"], s["stem"], s["length_limit"], s["budget"]) == ("max", "light", 50, {"sentences": 2})
    assert [d["doc_id"] for d in data["documents"]] == docs
    assert [x["name"] for x in data["systems"]] == ["lead", "random"]
    assert all(len(d["selected"]) == 2 for x in data["systems"] for d in x["documents"])


def test_out_folder_is_never_overwritten_without_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "results"
    args = [SEEDS, "--systems", "lead,textrank", "--format", "markdown", "-o", out, *FAST]
    code, stdout, err = _run(capsys, *args)
    assert code == 0, err
    assert stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["documents.csv", "report.json", "summary.md"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["settings"]["systems"] == ["lead", "textrank"]
    (out / "summary.md").write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, *args)
    assert code == 1
    assert "already exists; use --force" in err and len(err.splitlines()) == 1
    assert (out / "summary.md").read_text(encoding="utf-8") == "mine"
    code, _, err = _run(capsys, *args, "--force")
    assert code == 0, err
    assert (out / "summary.md").read_text(encoding="utf-8").startswith("# ROUGE evaluation")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/corpus"], "no such corpus"),
        ([SEEDS, "--systems", "lead,bm25"], "unknown system 'bm25'; valid systems: textrank, lead, random, oracle"),
        ([SEEDS, "--ratio", "0"], "ratio must be a number in (0, 1]"),
        ([SEEDS, "--ratio", "abc"], "--ratio"),
        ([SEEDS, "--ratio", "0.3", "--words", "50"], "only one of --ratio, --sentences or --words"),
        ([SEEDS, "--sentences", "-2"], "sentences must be a positive whole number"),
        ([SEEDS, "--multi-ref", "average"], "--multi-ref must be one of pooled, max"),
        ([SEEDS, "--stem", "light"], "--stem light was renamed: use --stem (see summarize-eval --help)"),
        ([SEEDS, "--stem=none"], "--stem none was renamed: use --no-stem"),
        ([SEEDS, "--out", "results"], "--out was renamed: use -o/--output"),
        ([SEEDS, "--format", "pdf"], "format must be one of table, json, csv, markdown"),
        ([SEEDS, "--length-limit", "0"], "--length-limit must be a positive whole number"),
        ([SEEDS, "--resamples", "0"], "resamples must be a positive whole number"),
        ([SEEDS, "--docs", "nope"], "unknown document id 'nope'"),
        ([SEEDS, "--bogus"], "No such option"),
        ([], "Missing"),
    ],
)
def test_bad_input_is_one_line(capsys: pytest.CaptureFixture[str], args: list, message: str) -> None:
    code, out, err = _run(capsys, *args)
    assert code != 0
    assert out == ""
    assert err.startswith("summarize-eval: error: ") and len(err.splitlines()) == 1, err
    assert message in err
    assert "Traceback" not in err


def test_bad_corpus_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "d1" / "references").mkdir(parents=True)
    (tmp_path / "d1" / "document.txt").write_text("نص الوثيقة.", encoding="utf-8")
    code, _, err = _run(capsys, tmp_path)
    assert code == 1
    assert err == f"summarize-eval: error: d1: no reference summaries (expected {tmp_path}/d1/references/*.txt)\n"


def test_undecodable_references_are_counted_in_the_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for doc_id in ("d1", "d2"):
        (tmp_path / doc_id / "references").mkdir(parents=True)
        (tmp_path / doc_id / "document.txt").write_text("زار حموشي الإمارات. والتقى الزعابي. وبحثا التعاون الأمني.", encoding="utf-8")
        # Cut inside a two-byte letter, as some EASC references are.
        (tmp_path / doc_id / "references" / "1.txt").write_bytes("زار حموشي الإمارات".encode()[:-1])
    code, out, err = _run(capsys, tmp_path, "--systems", "lead", *FAST)
    assert code == 0, err
    assert "note: 2 files had undecodable bytes, read with U+FFFD" in out


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "summarize-eval"
    done = subprocess.run(
        [str(script), str(SEEDS), "--systems", "lead", "--format", "csv", "--resamples", "100"],
        check=False, capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("system,metric,documents,mean_words,mean_sentences,precision_mean")
    assert done.stderr == ""  # no progress bar when stderr is not a terminal
    done = subprocess.run([str(script), "--help"], check=False, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 0 and "--multi-ref" in done.stdout
