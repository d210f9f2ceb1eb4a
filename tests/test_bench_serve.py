"""The service benchmark: a small real run, its files, and its refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import bench_serve

ROOT = Path(__file__).resolve().parent.parent


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert bench_serve.percentile(values, 50) == 50.0
    assert bench_serve.percentile(values, 99) == 99.0
    assert bench_serve.percentile([3.0], 99) == 3.0
    assert bench_serve.percentile([5.0, 1.0, 4.0, 2.0, 3.0], 50) == 3.0  # of the sorted values
    assert bench_serve.percentile([5.0, 1.0, 4.0, 2.0, 3.0], 81) == 5.0  # rank ceil(4.05) = 5


def test_a_row_is_computed_from_its_latencies() -> None:
    """Injected timings: 10 requests over 2 s, one slow one."""
    latencies = [0.010] * 9 + [0.200]
    row = bench_serve.latency_row("m", latencies, 2.0, workers=1, concurrency=2, errors=0)
    assert row == {
        "mode": "m", "requests": 10, "elapsed_s": 2.0, "per_s": 5.0, "p50_ms": 10.0, "p99_ms": 200.0, "mean_ms": 29.0,
        "workers": 1, "concurrency": 2, "errors": 0,
    }


@pytest.mark.slow
def test_a_small_run_writes_both_files_and_refuses_to_overwrite(tmp_path: Path, news_corpus: Path) -> None:
    args = ["--easc", str(news_corpus), "--out", str(tmp_path), "--requests", "20", "--concurrency", "3", "--workers", "1"]
    done = subprocess.run([sys.executable, "benchmarks/bench_serve.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "serve.json").read_text("utf-8"))
    modes = [r["mode"] for r in result["rows"]]
    assert modes[:2] == ["in-process: Summarizer.summarize only", "in-process: Summarizer + JSON formatting"]
    assert modes[2:] == ["summarize-serve, 1 worker, 1 client", "summarize-serve, 1 worker, 3 clients"]
    for row in result["rows"]:
        assert row["requests"] == 20 and row["errors"] == 0
        assert row["p50_ms"] <= row["p99_ms"]  # percentiles of the same latencies, in order
    assert result["documents"] == len(list(news_corpus.glob("*/document.txt")))
    assert "| summarize-serve, 1 worker, 3 clients | 1 | 3 | 20 | 0 |" in (tmp_path / "serve.md").read_text("utf-8")
    again = subprocess.run([sys.executable, "-m", "benchmarks.bench_serve", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 1 and "--force" in again.stderr and again.stderr.count("\n") == 1


@pytest.mark.parametrize("bad", [["--requests", "0"], ["--workers", "0"]])
def test_usage_errors(bad: list[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as done:
        bench_serve.main(["--out", str(tmp_path), *bad])
    assert done.value.code == 2
