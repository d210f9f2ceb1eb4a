"""benchmarks/bench_parquet.py at a small size: every configuration runs, every output equals the
local one-file run's records, and the tables say what was measured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import bench_parquet
from benchmarks.output import DEFAULT_EASC

pytestmark = [pytest.mark.slow, pytest.mark.dask, pytest.mark.skipif(not DEFAULT_EASC.is_dir(), reason="needs ../shared/data/easc-dev")]


def test_every_configuration_gives_the_local_records(tmp_path: Path) -> None:
    result = bench_parquet.main(["--docs", "240", "--parts", "3", "--results", str(tmp_path)])
    runs = result["runs"]
    assert [(r["engine"], r["io"]) for r in runs] == [
        ("local, 1 process", "driver"), ("Dask, 2 workers", "driver"), ("local, 1 process", "worker (parts)"), ("Dask, 2 workers", "worker (parts)"),
    ]
    assert all(r["identical"] and r["documents"] == 240 and r["peak_mib"] > 0 for r in runs)
    assert [("scaling_efficiency" in r) for r in runs] == [False, True, False, True]
    table = (tmp_path / "parquet.md").read_text(encoding="utf-8")
    assert "240 EASC-sized documents" in table and table.count("| yes |") == 4
    assert json.loads((tmp_path / "parquet.json").read_text(encoding="utf-8"))["documents"] == 240


def test_bookkeeping_reports_the_growth_per_document(tmp_path: Path) -> None:
    result = bench_parquet.main(["--bookkeeping", "--sizes", "300", "100", "--results", str(tmp_path)])
    assert [r["documents"] for r in result["runs"]] == [100, 300]
    assert isinstance(result["bytes_per_document"], int)
    assert "bytes a document" in (tmp_path / "parquet-bookkeeping.md").read_text(encoding="utf-8")
