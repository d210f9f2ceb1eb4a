"""The recipes of docs/guide/batch.md, run as written on local clusters: Dask, Ray Data, Spark.

Each recipe is read from the guide (the ```python block after ``<!-- recipe: NAME -->``),
its ``corpus/`` and ``summaries/`` pointed at a temporary folder, and run; the summaries
it writes must be :class:`~summarizer.Summarizer`'s, one row per input row, every id once.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from summarizer import Summarizer

from .batch_corpus import news_texts

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "batch.md"
#: The recipes' options (``sentences=3``): what the summaries are checked against.
RECIPE_OPTIONS = {"sentences": 3}
TEXTS = news_texts(12)
#: Rows that fail, each with its reason: they must come out as rows with ``error``.
BAD = {"empty": "", "punct": "!!! ..."}


def recipe(name: str) -> str:
    found = re.search(rf"<!-- recipe: {name} -->\n```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert found, f"no recipe {name!r} in {GUIDE}"
    code = found.group(1)
    assert len(code.strip().splitlines()) <= 6, "a recipe stays short"
    return code


def run_recipe(name: str, folder: Path, *, edit: Callable[[str], str] = str, **names: Any) -> pd.DataFrame:
    """Run the recipe on a corpus in ``folder`` (two Parquet files); its output, sorted by id."""
    corpus = folder / "corpus"
    corpus.mkdir()
    ids = [f"d{i:02d}" for i in range(len(TEXTS))] + list(BAD)
    texts = [*TEXTS, *BAD.values()]
    half = len(ids) // 2
    for part, rows in enumerate((slice(0, half), slice(half, None))):
        pq.write_table(pa.table({"id": ids[rows], "text": texts[rows]}), corpus / f"part-{part}.parquet")
    code = edit(recipe(name)).replace('"corpus/"', repr(f"{corpus}/")).replace('"summaries/"', repr(f"{folder / 'summaries'}/"))
    exec(compile(code, f"{GUIDE}:{name}", "exec"), dict(names))
    out = pq.read_table(folder / "summaries").to_pandas()
    return out.sort_values("id").reset_index(drop=True)


def check_summaries(out: pd.DataFrame) -> None:
    ids = [f"d{i:02d}" for i in range(len(TEXTS))]
    assert sorted(out["id"]) == sorted([*ids, *BAD])  # every id once
    summarizer = Summarizer(**RECIPE_OPTIONS)  # type: ignore[arg-type]
    good = out[out["id"].isin(ids)]
    assert good["summary"].tolist() == [summarizer.summarize(TEXTS[int(i[1:])]).text for i in good["id"]]
    assert good["error"].isna().all()
    bad = out[~out["id"].isin(ids)].set_index("id")
    assert bad.loc["empty", "error"] == "empty document" and bad.loc["punct", "error"].startswith("no words")
    assert bad["summary"].isna().all()
    assert list(out.columns[:2]) == ["id", "text"] and {"summary", "error"} <= set(out.columns)


@pytest.mark.dask
def test_the_dask_recipe_on_a_local_cluster(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
        with Client(cluster) as client:
            out = run_recipe("dask", tmp_path)
            # the work ran on the cluster's worker processes, not in the test
            built = client.run(lambda: __import__("summarizer.batch.frames").batch.frames.worker_job.cache_info().misses)
            assert any(n == 1 for n in built.values()) and all(n <= 1 for n in built.values())
    check_summaries(out)


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


@pytest.mark.ray
@pytest.mark.slow
@pytest.mark.parametrize("batch_format", ["pyarrow", "pandas"])
def test_the_ray_data_recipe_on_a_local_cluster(ray_cluster: None, tmp_path: Path, batch_format: str) -> None:
    check_summaries(run_recipe("ray", tmp_path, edit=lambda code: code.replace('batch_format="pyarrow"', f'batch_format="{batch_format}"')))


@pytest.mark.spark
@pytest.mark.slow
def test_the_spark_recipe_in_local_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pyspark.sql import SparkSession

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # the workers' Python is this one, whatever PATH says

    spark = (
        SparkSession.builder.master("local[2]").appName("summarizer-recipe")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        check_summaries(run_recipe("spark", tmp_path, spark=spark))
    finally:
        spark.stop()
