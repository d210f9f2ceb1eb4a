"""Small corpora for the batch tests: the test articles (tests/texts.py) plus every kind of bad document."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from summarizer import Summarizer
from summarizer.batch.jobs import BatchSummarizer
from summarizer.cli.batch import main

from .texts import arabic_articles

#: Options pinned so the tests do not depend on the library's defaults.
PINNED = Summarizer(sentences=2, language="ar")
JOB = BatchSummarizer(summarizer=PINNED)
PIN = ["--sentences", "2", "--language", "ar", "--no-progress"]

#: One sentence in Arabic, in cp1256 bytes: not valid UTF-8.
ARABIC_CP1256 = "ذهب الولد إلى المدرسة صباحا. ثم عاد إلى البيت.".encode("cp1256")
ONE_SENTENCE = "ذهب الولد إلى المدرسة صباحا وعاد إلى البيت مساء"

#: File name → (bytes, what its error record's reason must contain).
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "bad-binary.txt": (b"\x00\x01PK\x03\x04 not text", "binary"),
    "bad-cp1256.txt": (ARABIC_CP1256, "not valid utf-8"),
    "bad-empty.txt": (b"", "empty document"),
    "bad-punctuation.txt": ("... ؟! - ،،".encode(), "no words"),
    "bad-spaces.txt": (b"  \n\t\n ", "empty document"),
}


def news_texts(n: int) -> list[str]:
    """``n`` distinct Arabic news articles of very different lengths."""
    return arabic_articles(n)


def write_folder(folder: Path, *, good: int = 6, bad: bool = True) -> Path:
    """A folder of ``good`` articles (``doc-NN.txt``) and the bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(news_texts(good)):
        (folder / f"doc-{i:02d}.txt").write_text(text, encoding="utf-8")
    if bad:
        for name, (data, _) in BAD_FILES.items():
            (folder / name).write_bytes(data)
    return folder


def write_jsonl(path: Path, docs: list[tuple[Any, str]]) -> Path:
    """A JSONL input file of ``(id, text)`` pairs."""
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in docs), encoding="utf-8")
    return path


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def tree_digest(folder: Path) -> dict[str, str]:
    """Hash of every file below ``folder``: proves inputs were not modified."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(args: list[Any], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``summarize-batch`` in process: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err
