"""A corpus in parts: each task reads and writes its own part; Dask gives the local bytes; resume reruns only unfinished parts."""

from __future__ import annotations

import logging
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from summarizer.batch.engines import InProcessEngine
from summarizer.batch.io import open_sink, open_source
from summarizer.batch.jobs import run_batch
from summarizer.batch.shards import plan, run_shards
from summarizer.errors import InputError

from .batch_corpus import JOB, PIN, news_texts, run, write_jsonl

TEXTS = news_texts(9)


def corpus(folder: Path) -> Path:
    """Three Parquet parts and one .jsonl part, with a failing document."""
    folder.mkdir()
    for p in range(3):
        docs = [(f"p{p}-{i}", TEXTS[(3 * p + i) % len(TEXTS)]) for i in range(3)] + ([("bad", "")] if p == 1 else [])
        pq.write_table(pa.table({"id": [d for d, _ in docs], "text": [t for _, t in docs]}), folder / f"part-{p}.parquet")
    return folder


def single_runs(parts: Path, out: Path) -> None:
    """What a single run over each part writes: the bytes every engine must give."""
    out.mkdir()
    for part in sorted(parts.glob("*.parquet")):
        with open_sink(out / part.name) as sink:
            run_batch(open_source(part), sink, job=JOB)


def test_parts_in_process_are_the_single_runs(tmp_path: Path) -> None:
    parts = corpus(tmp_path / "in")
    single_runs(parts, tmp_path / "single")
    shards = plan(f"{parts}/*.parquet", str(tmp_path / "out"))
    with InProcessEngine() as engine:
        report = run_shards(shards, job=JOB, engine=engine)
    assert (report.total, report.summarized, report.failed) == (10, 9, 1)
    for part in sorted((tmp_path / "single").iterdir()):
        assert (tmp_path / "out" / part.name).read_bytes() == part.read_bytes()
        assert (tmp_path / "out" / (part.name + ".done")).exists()


def test_resume_reruns_only_the_unfinished_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = corpus(tmp_path / "in")
    out = tmp_path / "out"
    code, stdout, err = run([f"{parts}/*.parquet", "-o", out, *PIN], capsys)
    assert code == 3 and err == "" and "10 documents: 9 summarized, 1 failed, 0 already done" in stdout
    finished = (out / "part-0.parquet").stat().st_mtime_ns
    (out / "part-2.parquet.done").unlink()  # as if the run had stopped while writing part 2
    (out / "part-2.parquet").unlink()
    code, _, err = run([f"{parts}/*.parquet", "-o", out, *PIN], capsys)
    assert code == 1 and "part-0.parquet already exists; use --force to start over or --resume" in err
    code, stdout, _ = run([f"{parts}/*.parquet", "-o", out, "--resume", *PIN], capsys)
    assert code == 3 and "10 documents: 3 summarized, 0 failed, 7 already done (1 of them failed)" in stdout
    assert (out / "part-0.parquet").stat().st_mtime_ns == finished  # a finished part is not touched
    single_runs(parts, tmp_path / "single")
    for part in sorted((tmp_path / "single").iterdir()):
        assert (out / part.name).read_bytes() == part.read_bytes()


def test_bad_part_patterns_are_one_line(tmp_path: Path) -> None:
    parts = corpus(tmp_path / "in")
    with pytest.raises(InputError, match=r"no input part matches .*nothing\*\.parquet"):
        plan(f"{parts}/nothing*.parquet", str(tmp_path / "out"))
    with pytest.raises(InputError, match=r"the output of an input in parts is a folder"):
        plan(f"{parts}/*.parquet", str(tmp_path / "out.jsonl"))
    with pytest.raises(InputError, match=r"holds the input parts; write the output elsewhere"):
        plan(f"{parts}/*.parquet", str(parts))
    write_jsonl(parts / "notes.txt", [])
    with pytest.raises(InputError, match=r"notes\.txt: an input part is a \.jsonl, \.jsonl\.gz or \.parquet file"):
        plan(f"{parts}/*", str(tmp_path / "out"))


@pytest.mark.dask
def test_dask_workers_read_and_write_their_parts_as_a_local_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from distributed import LocalCluster

    parts = corpus(tmp_path / "in")
    single_runs(parts, tmp_path / "single")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
        code, stdout, err = run([f"{parts}/*.parquet", "-o", tmp_path / "out", "--engine", "dask", "--scheduler", cluster.scheduler_address, *PIN], capsys)
    assert code == 3 and err == "" and "10 documents: 9 summarized, 1 failed" in stdout
    for part in sorted((tmp_path / "single").iterdir()):
        assert (tmp_path / "out" / part.name).read_bytes() == part.read_bytes()


@pytest.mark.slow
def test_a_local_pool_runs_the_parts_as_single_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = corpus(tmp_path / "in")
    single_runs(parts, tmp_path / "single")
    code, stdout, err = run([f"{parts}/*.parquet", "-o", tmp_path / "out", "--workers", "2", *PIN], capsys)
    assert code == 3 and err == "" and "10 documents: 9 summarized, 1 failed" in stdout
    for part in sorted((tmp_path / "single").iterdir()):
        assert (tmp_path / "out" / part.name).read_bytes() == part.read_bytes()


def test_jsonl_parts_are_read_with_the_encoding_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    utf8 = write_jsonl(tmp_path / "utf8.jsonl", [("a", TEXTS[0]), ("b", TEXTS[1])])
    (folder / "part-0.jsonl").write_bytes(utf8.read_text(encoding="utf-8").encode("cp1256"))
    run([utf8, "-o", tmp_path / "expected.jsonl", *PIN], capsys)
    code, _, err = run([f"{folder}/*.jsonl", "-o", tmp_path / "out", "--encoding", "cp1256", *PIN], capsys)
    assert code == 0, err
    assert (tmp_path / "out" / "part-0.jsonl").read_bytes() == (tmp_path / "expected.jsonl").read_bytes()
    code, _, err = run([f"{folder}/*.jsonl", "-o", tmp_path / "other", "--encoding", "klingon", *PIN], capsys)
    assert code == 2 and err.startswith("summarize-batch: error: unknown encoding 'klingon' for --encoding") and not (tmp_path / "other").exists()


@pytest.mark.parametrize("input", ["glob", "file"])
def test_pattern_with_anything_but_a_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], input: str) -> None:
    parts = corpus(tmp_path / "in")
    source = f"{parts}/*.parquet" if input == "glob" else str(parts / "part-0.parquet")
    code, stdout, err = run([source, "-o", tmp_path / "out", "--pattern", "*.md", *PIN], capsys)
    why = "names its parts itself" if input == "glob" else "is a file of records"
    assert (code, stdout) == (2, "") and err == f"summarize-batch: error: --pattern is for a folder input; {source} {why}: drop --pattern\n"
    assert not (tmp_path / "out").exists()
