"""The ``summarize-batch`` command: outputs, exit codes, safety, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch import io as batch_io

from .batch_corpus import BAD_FILES, PIN, news_texts, read_records, run, tree_digest, write_folder, write_jsonl


def one_line_error(err: str) -> str:
    assert err.startswith("summarize-batch: error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_folder_to_jsonl_with_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path / "in", good=4)
    before = tree_digest(folder)
    code, out, err = run([folder, "-o", tmp_path / "out.jsonl", *PIN], capsys)
    n_bad = len(BAD_FILES)
    assert code == 3 and err == ""
    assert out == (
        f"summarize-batch: {4 + n_bad} documents: 4 summarized, {n_bad} failed, 0 already done; "
        f"{out.split('; ')[1]}; output: {tmp_path / 'out.jsonl'} (the error records say why each failed)\n"
    )
    records = read_records(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == sorted([f"doc-{i:02d}" for i in range(4)] + [n[:-4] for n in BAD_FILES])
    assert sum(r["status"] == "error" for r in records) == n_bad
    assert all(len(r["selected"]) == 2 for r in records if r["status"] == "ok")
    assert tree_digest(folder) == before and not list(tmp_path.glob("*.partial"))


def test_all_summarized_exits_zero_and_jsonl_to_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = news_texts(3)
    src = write_jsonl(tmp_path / "in.jsonl", [(f"a/{i}", t) for i, t in enumerate(texts)])
    code, out, _ = run([src, "-o", tmp_path / "out", *PIN], capsys)
    assert code == 0 and "3 documents: 3 summarized, 0 failed, 0 already done" in out
    code, _, _ = run([src, "-o", tmp_path / "out.jsonl", *PIN], capsys)
    for i, record in enumerate(read_records(tmp_path / "out.jsonl")):
        assert (tmp_path / "out" / "a" / f"{i}.summary.txt").read_text(encoding="utf-8") == record["summary"] + "\n"


def test_outputs_are_never_overwritten_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [("a", news_texts(1)[0])])
    target = tmp_path / "out.jsonl"
    target.write_text("precious\n", encoding="utf-8")
    code, _, err = run([src, "-o", target, *PIN], capsys)
    assert code == 1 and "out.jsonl already exists; use --force to overwrite it or --resume" in one_line_error(err)
    assert target.read_text(encoding="utf-8") == "precious\n"
    folder = tmp_path / "summaries"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, err = run([src, "-o", folder, *PIN], capsys)
    assert code == 1 and "is not empty; use --force" in one_line_error(err)
    code, _, err = run([src, "-o", target, "--force", "--resume", *PIN], capsys)
    assert code == 2 and "not both" in one_line_error(err)  # a usage error
    code, _, _ = run([src, "-o", target, "--force", *PIN], capsys)
    assert code == 0 and read_records(target)[0]["id"] == "a"
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_interrupted_run_then_resume_equals_a_clean_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [(f"d{i}", t) for i, t in enumerate(news_texts(6))])
    run([src, "-o", tmp_path / "clean.jsonl", *PIN], capsys)
    write = batch_io.JsonlSink.write

    def write_then_stop(self: batch_io.JsonlSink, record: dict[str, Any]) -> None:
        if record["id"] == "d3":
            raise KeyboardInterrupt
        write(self, record)

    monkeypatch.setattr(batch_io.JsonlSink, "write", write_then_stop)
    code, _, err = run([src, "-o", tmp_path / "out.jsonl", *PIN], capsys)
    assert code == 130 and "interrupted; finished records are kept in" in one_line_error(err) and "--resume" in err
    assert len(read_records(tmp_path / "out.jsonl.partial")) == 3 and not (tmp_path / "out.jsonl").exists()
    monkeypatch.setattr(batch_io.JsonlSink, "write", write)
    code, out, _ = run([src, "-o", tmp_path / "out.jsonl", "--resume", *PIN], capsys)
    assert code == 0 and "6 documents: 3 summarized, 0 failed, 3 already done" in out
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "clean.jsonl").read_bytes()


def test_progress_bar_shows_counts_failures_and_rate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [("a", news_texts(1)[0]), ("b", ""), ("c", news_texts(2)[1])])
    code, _, err = run([src, "-o", tmp_path / "o.jsonl", "--sentences", "2"], capsys)
    assert code == 3 and "3/3" in err and "1 failed" in err and "docs/s" in err


@pytest.mark.slow
def test_workers_give_the_same_bytes_through_the_entry_point(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", good=8)
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.jsonl"
        done = subprocess.run(
            [sys.executable, "-m", "summarizer.cli.batch", str(folder), "-o", str(out), "--workers", workers, *PIN],
            check=False, capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 3 and done.stderr == "", done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    ("make", "extra", "message", "expected"),
    [
        (lambda p: p / "missing", [], "no such folder: ", 1),
        (lambda p: (p / "empty").mkdir() or p / "empty", [], "has no files matching '*.txt'; check the folder or give another --pattern", 1),
        (lambda p: write_folder(p / "in", good=1), ["--pattern", "/abs/*.txt"], "invalid --pattern", 2),
        (lambda p: write_folder(p / "in", good=1), ["--encoding", "latin-9x"], "unknown encoding 'latin-9x' for --encoding", 2),
        (lambda p: write_folder(p / "in", good=1), ["--ratio", "1.5"], "ratio must be a number in (0, 1]", 2),
        (lambda p: write_folder(p / "in", good=1), ["--ratio", "0.2", "--words", "5"], "give only one of --ratio, --sentences or --words", 2),
        (lambda p: write_folder(p / "in", good=1), ["--language", "fr"], "language must be one of auto, ar, en", 2),
        (lambda p: write_folder(p / "in", good=1), ["--damping", "1"], "damping must be a number in (0, 1)", 2),
        (lambda p: write_folder(p / "in", good=1), ["--engine", "spark"], "unknown engine 'spark' for --engine; valid engines: local, dask", 2),
        (lambda p: write_folder(p / "in", good=1), ["--scheduler", "tcp://h:8786"], "--scheduler needs --engine dask", 2),
        (
            lambda p: write_folder(p / "in", good=1),
            ["--engine", "dask", "--scheduler", "tcp://h:8786", "--workers", "2"],
            "--workers is for a local Dask cluster",
            2,
        ),
        (lambda p: (p / "in.jsonl").write_text('{"id": "a", "text": "x"}\n{"id": 1}\n') and p / "in.jsonl", [], 'in.jsonl line 2 has no "text"', 1),
        (lambda p: (p / "in.jsonl").write_text('{"id": "a", "text": "x"}\n{oops\n') and p / "in.jsonl", [], "in.jsonl line 2 is not valid JSON", 1),
        (
            lambda p: (p / "in.jsonl").write_text('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n') and p / "in.jsonl",
            [],
            "in.jsonl line 2: duplicate id 'a' (first on line 1)",
            1,
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, extra: list[str], message: str, expected: int
) -> None:
    """Input problems exit 1, every usage error (an option value included) 2."""
    source = make(tmp_path)
    out = tmp_path / "out.jsonl"
    code, stdout, err = run([source, "-o", out, *extra, "--no-progress"], capsys)
    assert code == expected and stdout == "" and message in one_line_error(err)
    assert not out.exists() and not (tmp_path / "out.jsonl.partial").exists()
    assert not (tmp_path / "out.jsonl.lock").exists()


def test_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([tmp_path], capsys)
    assert code == 2 and "Missing option '--output'" in one_line_error(err)
    code, _, err = run([tmp_path, "-o", tmp_path / "o.jsonl", "--workers", "0"], capsys)
    assert code == 2 and "--workers" in one_line_error(err)
    code, _, err = run([tmp_path, "-o", tmp_path / "o.jsonl", "--no-trim"], capsys)
    assert code == 2 and "--no-trim needs --words" in one_line_error(err)
    assert not (tmp_path / "o.jsonl").exists()


def test_output_inside_the_input_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path / "in", good=1, bad=False)
    before = tree_digest(folder)
    code, _, err = run([folder, "-o", folder / "out.jsonl", *PIN], capsys)
    assert code == 1 and "is inside the input folder" in one_line_error(err)
    src = write_jsonl(tmp_path / "in.jsonl", [("a", "نص. نص آخر.")])
    code, _, err = run([src, "-o", tmp_path / "." / "in.jsonl", "--force", *PIN], capsys)
    assert code == 1 and "is the input file" in one_line_error(err)
    assert tree_digest(folder) == before and read_records(src) == [{"id": "a", "text": "نص. نص آخر."}]


def test_missing_dask_says_how_to_install_it(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    src = write_jsonl(tmp_path / "in.jsonl", [("a", news_texts(1)[0])])
    code, _, err = run([src, "-o", tmp_path / "o.jsonl", "--engine", "dask", *PIN], capsys)
    assert code == 1 and 'pip install ".[dask]"' in one_line_error(err)
    assert not (tmp_path / "o.jsonl").exists() and not (tmp_path / "o.jsonl.partial").exists()


def test_records_hold_id_summary_indices_and_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = news_texts(1)[0]
    src = write_jsonl(tmp_path / "in.jsonl", [(42, text)])
    run([src, "-o", tmp_path / "o.jsonl", *PIN], capsys)
    (record,) = read_records(tmp_path / "o.jsonl")
    assert record["id"] == 42 and record["status"] == "ok"
    assert record["summary"] == "\n".join(text[s["start"] : s["end"]] for s in record["selected"])
    assert all(isinstance(s["index"], int) and s["score"] > 0 for s in record["selected"])
    assert json.dumps(record, ensure_ascii=False) in (tmp_path / "o.jsonl").read_text(encoding="utf-8")


def test_every_summarizer_option_of_summarize_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import dataclasses

    import typer

    from summarizer import Summarizer
    from summarizer.cli.batch import app as batch_app
    from summarizer.cli.summarize import app as summarize_app

    fields = {f.name for f in dataclasses.fields(Summarizer)} | {"encoding"}
    theirs = {p.name for p in typer.main.get_command(summarize_app).params if p.name in fields}
    ours = {p.name for p in typer.main.get_command(batch_app).params}
    assert {"ratio", "damping", "redundancy", "encoding"} <= theirs <= ours
    text = news_texts(1)[0]
    src = write_jsonl(tmp_path / "in.jsonl", [("a", text)])
    code, _, _ = run([src, "-o", tmp_path / "o.jsonl", "--damping", "0.6", "--redundancy", "1.0", "--sentences", "3", "--no-progress"], capsys)
    expected = Summarizer(damping=0.6, redundancy=1.0, sentences=3).summarize(text)
    assert code == 0 and read_records(tmp_path / "o.jsonl")[0]["summary"] == expected.text
