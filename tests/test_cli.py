"""The ``summarize`` command: outputs and every bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.cli.summarize import main

from .conftest import SEED


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_text_output_is_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([str(SEED), "--ratio", "0.3"], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 2 and len(set(lines)) == 2
    assert "ناظور سيتي" not in out
    seed = SEED.read_text(encoding="utf-8")
    assert all(line in seed for line in lines)


def test_json_output_holds_the_whole_result(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([str(SEED), "--format", "json", "--sentences", "3"], capsys)
    data = json.loads(out)
    assert code == 0
    assert "حموشي" in out  # UTF-8, not \u escapes
    assert data["counts"]["selected_sentences"] == 3
    assert data["settings"]["sentences"] == 3
    assert [s["index"] for s in data["sentences"]] == list(range(len(data["sentences"])))
    assert {"index", "start", "end", "text", "kind", "words", "score", "selected", "duplicate_of"} <= set(data["sentences"][0])
    assert data["summary"] == "\n".join(s["text"] for s in data["sentences"] if s["selected"])


@pytest.mark.slow
def test_stdin_and_module_entry_point() -> None:
    seed = SEED.read_bytes()
    a = subprocess.run([sys.executable, "-m", "summarizer", "-", "--words", "60"], input=seed, capture_output=True, check=True)
    b = subprocess.run([sys.executable, "-m", "summarizer", str(SEED), "--words", "60"], capture_output=True, check=True)
    assert a.stdout == b.stdout and a.stdout.strip()


def test_output_file_is_never_overwritten_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.txt"
    target.write_text("precious", encoding="utf-8")
    code, _, err = run([str(SEED), "-o", str(target)], capsys)
    assert code != 0 and "already exists; use --force" in err
    assert target.read_text(encoding="utf-8") == "precious"
    code, _, _ = run([str(SEED), "-o", str(target), "--force"], capsys)
    assert code == 0 and "حموشي" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary left behind


def test_new_output_file_gets_the_usual_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    target = tmp_path / "new.txt"
    mask = os.umask(0o022)
    try:
        code, _, _ = run([str(SEED), "-o", str(target)], capsys)
    finally:
        os.umask(mask)
    assert code == 0 and (target.stat().st_mode & 0o777) == 0o644


def test_cp1256_input_with_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "win.txt"
    f.write_bytes("وزارة الصحة تطلق حملة. الحملة تستهدف الأطفال.".encode("cp1256"))
    code, _, err = run([str(f)], capsys)
    assert code != 0 and "not valid utf-8" in err and "--encoding cp1256" in err
    f.write_bytes(f.read_bytes() + b"!")  # an odd number of bytes: never valid UTF-16
    code, _, err = run([str(f), "--encoding", "utf-16"], capsys)
    assert code != 0 and re.search(r"is not valid utf-16 \(byte \d+\); check that --encoding names the file's encoding\n$", err), err
    f.write_bytes(f.read_bytes()[:-1])
    code, out, _ = run([str(f), "--encoding", "cp1256"], capsys)
    assert code == 0 and out == "وزارة الصحة تطلق حملة.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda d: [str(d / "missing.txt")], "no such file"),
        (lambda d: [str(d)], "is a directory"),
        (lambda d: [_write(d, "empty.txt", b"")], "is empty"),
        (lambda d: [_write(d, "blank.txt", b" \n\t\n")], "is empty"),
        (lambda d: [_write(d, "bin.dat", bytes(range(256)))], "binary file"),
        (lambda d: [_write(d, "bad.txt", "نص".encode()[:-1] + b"\xff")], "not valid utf-8"),
        (lambda d: [_write(d, "p.txt", b"...!!!")], "no sentence with a letter or digit"),
        (lambda d: [str(SEED), "--ratio", "0"], "ratio must be a number in (0, 1]"),
        (lambda d: [str(SEED), "--ratio", "1.5"], "ratio must be a number in (0, 1]"),
        (lambda d: [str(SEED), "--ratio", "abc"], "Invalid value for '--ratio'"),
        (lambda d: [str(SEED), "--sentences", "0"], "sentences must be a positive whole number"),
        (lambda d: [str(SEED), "--words", "-5"], "words must be a positive whole number"),
        (lambda d: [str(SEED), "--ratio", "0.3", "--sentences", "2"], "give only one of"),
        (lambda d: [str(SEED), "--format", "xml"], "valid formats: text, json"),
        (lambda d: [str(SEED), "--language", "fr"], "language must be one of auto, ar, en"),
        (lambda d: [str(SEED), "--encoding", "nope"], "unknown encoding"),
        (lambda d: [str(SEED), "--bogus"], "No such option"),
        (lambda d: [], "give FILE (or - for standard input) or --url URL"),
    ],
)
def test_bad_input_is_one_line_without_traceback(tmp_path: Path, make_args, message: str) -> None:  # type: ignore[no-untyped-def]
    args = make_args(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "summarizer", *args], check=False, capture_output=True, text=True)
    assert proc.returncode != 0
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("summarize: error: ") and message in lines[0], lines[0]


def test_word_budget_cuts_the_crossing_sentence_unless_no_trim(capsys: pytest.CaptureFixture[str]) -> None:
    from summarizer.select import count_words

    seed = SEED.read_text(encoding="utf-8")
    code, out, err = run([str(SEED), "--words", "30"], capsys)
    assert code == 0 and err == ""
    assert count_words(out) == 30 and out.rstrip("\n").endswith("…")
    assert seed.startswith(out.rstrip("\n")[:-1].rstrip()) or out.rstrip("\n")[:-1].rstrip() in seed
    code, out, _ = run([str(SEED), "--words", "30", "--format", "json"], capsys)
    data = json.loads(out)
    assert data["truncated"] is True and data["counts"]["selected_words"] == 30
    (cut,) = [s for s in data["sentences"] if s["cut_end"] is not None]
    assert cut["start"] < cut["cut_end"] < cut["end"] and seed[cut["start"] : cut["end"]] == cut["text"]
    code, out, _ = run([str(SEED), "--words", "30", "--no-trim"], capsys)
    assert code == 0 and "…" not in out
    assert all(line in seed for line in out.splitlines())


def test_no_trim_needs_words_and_the_budget_is_never_exceeded(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 21, item 8: --no-trim alone would be ignored, so it is a usage
    error naming both flags; with --words, whole sentences only and never
    more than the budget: when none fits the summary is empty, a warning
    says why, and the JSON reports the budget."""
    for extra in ([], ["--ratio", "0.5"], ["--sentences", "2"]):
        code, out, err = run([str(SEED), "--no-trim", *extra], capsys)
        assert code == 2 and out == "" and err.count("\n") == 1
        assert err.startswith("summarize: error: --no-trim needs --words"), err
    code, out, err = run([str(SEED), "--words", "20", "--no-trim"], capsys)  # the shortest sentence has 31 words
    assert code == 0 and out == ""
    assert err == "summarize: warning: no whole sentence fits in 20 words (the shortest has 31 words): the summary is empty\n"
    code, out, _ = run([str(SEED), "--words", "20", "--no-trim", "--format", "json"], capsys)
    data = json.loads(out)
    assert data["summary"] == "" and data["counts"]["selected_sentences"] == 0
    assert data["budget"] == {"words": 20, "used": 0, "exceeded": False, "trimmed": False}
    assert data["warning"].startswith("no whole sentence fits in 20 words")
    code, out, err = run([str(SEED), "--words", "50", "--no-trim", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and err == "" and data["warning"] is None
    assert data["budget"] == {"words": 50, "used": data["counts"]["selected_words"], "exceeded": False, "trimmed": False}
    assert 0 < data["budget"]["used"] <= 50
    code, out, _ = run([str(SEED), "--words", "30", "--format", "json"], capsys)
    assert json.loads(out)["budget"] == {"words": 30, "used": 30, "exceeded": False, "trimmed": True}
    code, out, _ = run([str(SEED), "--format", "json"], capsys)
    assert json.loads(out)["budget"]["words"] is None
