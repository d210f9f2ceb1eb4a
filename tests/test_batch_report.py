"""What summarize-batch tells the user (issue 21, item 9): which bytes of a
JSONL file do not decode, one speed for a run, and the failures a resumed
output already holds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.textio import decode

from .batch_corpus import BAD_FILES, PIN, news_texts, run, write_folder, write_jsonl


def one_error(err: str) -> str:
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("summarize-batch: error: "), err
    return err


# -- (a) stray bytes are reported in the encoding asked for, where they are ----


@pytest.mark.parametrize("stray", [b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\xff"])
def test_stray_bytes_in_a_utf8_jsonl_are_reported_as_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str], stray: bytes) -> None:
    """Bytes that look like a UTF-16 or UTF-32 byte-order mark at a line's
    start are stray bytes there, not an encoding: only a file starts with a mark."""
    good = json.dumps({"id": "a", "text": news_texts(1)[0]}, ensure_ascii=False).encode("utf-8") + b"\n"
    source = tmp_path / "in.jsonl"
    source.write_bytes(good + stray + b'{"id": "b", "text": "x"}\n')
    code, _, err = run([source, "-o", tmp_path / "out.jsonl", *PIN], capsys)
    assert code == 1
    message = one_error(err)
    assert "utf-16" not in message and "utf-32" not in message and "byte-order mark" not in message, message
    if b"\x00" not in stray:
        assert f"in.jsonl line 2 is not valid utf-8 (byte {len(good)})" in message, message  # counted from the file's start
    else:
        assert "in.jsonl line 2 looks like a binary file" in message, message


def test_a_byte_order_mark_counts_at_the_start_only() -> None:
    assert decode("نص".encode("utf-16"), encoding="utf-8", source="f") == "نص"
    with pytest.raises(InputError, match=r"^f line 3 is not valid utf-8 \(byte 100\)"):
        decode(b"\xff\xfe{}", encoding="utf-8", source="f line 3", offset=100)
    with pytest.raises(InputError, match=r"^f is not valid cp1252 \(byte 3\)"):
        decode(b"abc\x81", encoding="cp1252", source="f")


def test_a_utf16_jsonl_file_is_read_line_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its newline bytes do not end its lines: it is decoded whole (it used to
    fail on its first line, "not valid utf-16")."""
    texts = news_texts(2)
    source = tmp_path / "in.jsonl"
    source.write_bytes("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)).encode("utf-16"))
    code, out, err = run([source, "-o", tmp_path / "out.jsonl", *PIN], capsys)
    assert code == 0, err
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["status"]) for r in records] == [(0, "ok"), (1, "ok")]


# -- (c) one speed for one run --------------------------------------------------


def test_the_progress_bar_and_the_final_line_give_one_speed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The bar's last state (what a log keeps) shows the final line's figure:
    documents processed over the run's seconds, not rich's estimate over its
    last samples (which left out the start: 465 against 59 documents/s)."""
    source = write_jsonl(tmp_path / "in.jsonl", list(enumerate(news_texts(8))))
    code, out, err = run([source, "-o", tmp_path / "out.jsonl", "--sentences", "2", "--language", "ar"], capsys)
    assert code == 0, err
    in_bar = re.findall(r"([\d.]+) docs/s", err)
    in_line = re.findall(r"([\d.]+) docs/s", out)
    assert len(in_line) == 1 and in_bar, (out, err)
    assert in_bar[-1] == in_line[0], (err, out)


# -- (d) a resumed output's failures are failures -------------------------------


@pytest.mark.parametrize("suffix", [".jsonl", ""])
def test_resume_reports_the_failures_already_in_the_output(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    folder = write_folder(tmp_path / "in", good=2)
    output = tmp_path / f"out{suffix}"
    code, out, _ = run([folder, "-o", output, *PIN], capsys)
    assert code == 3 and f"{len(BAD_FILES)} failed" in out
    code, out, err = run([folder, "-o", output, "--resume", *PIN], capsys)
    total = 2 + len(BAD_FILES)
    assert code == 3, (out, err)  # as the fresh run: the output holds failures
    assert f"0 summarized, 0 failed, {total} already done ({len(BAD_FILES)} of them failed)" in out, out
    assert ("error records say why" if suffix else "ID.error.txt says why") in out, out
    # Without the failing documents, the output is all summaries: exit 0.
    for name in BAD_FILES:
        (folder / name).unlink()
    code, out, err = run([folder, "-o", output, "--force", *PIN], capsys)
    assert code == 0, err
    code, out, err = run([folder, "-o", output, "--resume", *PIN], capsys)
    assert code == 0 and "of them failed" not in out and "0 failed, 2 already done;" in out, out
