"""The batch on Dask: a LocalCluster of 2 worker processes gives the local run's records exactly."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from summarizer.batch.engines import DaskEngine
from summarizer.batch.io import open_sink, open_source
from summarizer.batch.jobs import BatchSummarizer, run_batch
from summarizer.errors import EngineError

from .batch_corpus import JOB, PIN, news_texts, read_records, run, write_folder, write_jsonl

pytestmark = pytest.mark.dask


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A 2-process, 1-thread-each cluster, as on a 2-core CI machine."""
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: never clash with another cluster
        silence_logs=logging.ERROR,
        timeout="60s",
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close(timeout=30)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles of very different lengths, plus documents that fail."""
    texts = news_texts(30)
    docs = [("long", "\n".join(texts * 2))] + [(f"e{i:02d}", t) for i, t in enumerate(texts)] + [("empty", ""), (9, "!!! ...")]
    return write_jsonl(tmp_path_factory.mktemp("dask") / "in.jsonl", docs)


def run_local_and_dask(source: Path, out: Path, scheduler: str, *, job: BatchSummarizer) -> tuple[list[dict], list[dict]]:
    with open_sink(out / "local.jsonl") as sink:
        run_batch(open_source(source), sink, job=job, chunk_size=1)
    with open_sink(out / "dask.jsonl") as sink, DaskEngine(scheduler=scheduler) as engine:
        assert engine.parallelism == 2
        report = run_batch(open_source(source), sink, job=job, engine=engine, chunk_size=1)
    assert report.failed == 2 and report.summarized == report.total - 2
    return read_records(out / "local.jsonl"), read_records(out / "dask.jsonl")


def test_dask_records_are_identical_to_the_local_run(scheduler: str, corpus: Path, tmp_path: Path) -> None:
    local, dask = run_local_and_dask(corpus, tmp_path, scheduler, job=JOB)
    assert len(local) == len(dask) == 33
    for a, b in zip(local, dask, strict=True):
        assert a == b  # record by record: ids, summaries, offsets, float scores
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()


def test_dask_with_default_options_too(scheduler: str, corpus: Path, tmp_path: Path) -> None:
    local, dask = run_local_and_dask(corpus, tmp_path, scheduler, job=BatchSummarizer())
    assert local == dask


def test_cli_on_an_existing_cluster_matches_local(scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_folder(tmp_path / "in", good=10)
    code_local, _, _ = run([folder, "-o", tmp_path / "local.jsonl", *PIN], capsys)
    code, out, err = run([folder, "-o", tmp_path / "dask.jsonl", "--engine", "dask", "--scheduler", scheduler, *PIN], capsys)
    assert code == code_local == 3 and err == "" and "15 documents: 10 summarized, 5 failed" in out
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()


@pytest.mark.slow
def test_cli_starts_its_own_local_cluster(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [(f"d{i}", t) for i, t in enumerate(news_texts(6))])
    run([src, "-o", tmp_path / "local", *PIN], capsys)
    code, out, err = run([src, "-o", tmp_path / "dask", "--engine", "dask", "--workers", "2", *PIN], capsys)
    assert code == 0 and err == "" and "6 documents: 6 summarized" in out
    for i in range(6):
        name = f"d{i}.summary.txt"
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    engine = DaskEngine(scheduler="tcp://127.0.0.1:9", timeout=2)
    with pytest.raises(EngineError, match=r"cannot connect to the Dask scheduler at tcp://127\.0\.0\.1:9: .*check the address"):
        engine.__enter__()


def test_a_cluster_without_workers_is_a_clear_error() -> None:
    with LocalCluster(n_workers=0, processes=False, dashboard_address=":0", silence_logs=logging.ERROR) as empty:
        engine = DaskEngine(scheduler=empty.scheduler_address, timeout=1)
        with pytest.raises(EngineError, match=r"the Dask cluster has no workers after 1 s; start some with: dask worker inproc://"):
            engine.__enter__()
