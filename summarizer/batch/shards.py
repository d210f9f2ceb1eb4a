"""A corpus in parts, each part read and written where it is summarized.

With one input file, the run's own process reads every document and writes
every record, so a cluster is bounded by one machine's I/O. A corpus kept as
parts (``corpus/*.parquet``, ``s3://bucket/corpus/part-*.jsonl.gz``) is run
a part at a time instead: each task (on a Dask worker, a pool process, or
here) opens its input part and writes its output part itself —
``OUT/NAME`` for the input part ``NAME``, in the same format — then a
completion marker ``OUT/NAME.done`` holding the part's counts. The run's
process only lists the parts and the markers. A resumed run (``existing=
"resume"``) skips the parts that have a marker and resumes the others (each
part's output is resumable as a single output is); the records of a part are
the bytes a single run over that part writes, whichever engine ran it.
"""

from __future__ import annotations

import glob
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, param
from ..strictjson import dumps
from .engines import Engine
from .formats import format_of, is_url, open_read, open_write
from .io import Existing, check_encoding, open_sink, open_source
from .jobs import BatchReport, BatchSummarizer, run_batch

__all__ = ["MARKER", "Shard", "ShardReport", "is_pattern", "plan", "run_shard", "run_shards"]

#: The suffix of a part's completion marker.
MARKER = ".done"
_GLOB = set("*?[")


def is_pattern(location: str | Path) -> bool:
    """Whether an input names parts (a glob such as ``corpus/*.parquet``)."""
    return any(c in _GLOB for c in str(location))


@dataclass(frozen=True, slots=True)
class Shard:
    """One input part and where its records go."""

    source: str
    output: str

    @property
    def marker(self) -> str:
        return self.output + MARKER


@dataclass(frozen=True, slots=True)
class ShardReport:
    """What one part's task did (also the marker's content)."""

    total: int
    summarized: int
    failed: int
    skipped: int = 0
    failed_earlier: int = 0


def _join(folder: str, name: str) -> str:
    return posixpath.join(folder, name) if is_url(folder) else str(Path(folder) / name)


def _exists(location: str) -> bool:
    if not is_url(location):
        return Path(location).exists()
    from .formats import exists

    return exists(location)


def _remove(location: str) -> None:
    if is_url(location):
        import fsspec

        fs, path = fsspec.core.url_to_fs(location)
        fs.rm(path)
    else:
        Path(location).unlink(missing_ok=True)


def plan(pattern: str, output: str) -> list[Shard]:
    """The parts matching ``pattern`` (a path or URL glob), in name order,
    each with its output ``output/NAME``; parts must be record files."""
    if is_url(pattern):
        import fsspec

        fs, _ = fsspec.core.url_to_fs(pattern)
        protocol = pattern.split("://", 1)[0]
        found = sorted(f"{protocol}://{p}" for p in fs.glob(pattern.split("://", 1)[1]))
    else:
        found = sorted(glob.glob(pattern))
    if not found:
        raise InputError(f"no input part matches {pattern}; check the pattern (e.g. corpus/*.parquet)")
    if format_of(output) is not None:
        raise InputError(f"{output}: the output of an input in parts is a folder (or a URL prefix) for one output part per input part")
    names: dict[str, str] = {}
    shards = []
    for source in found:
        name = source.rstrip("/").rsplit("/", 1)[-1]
        if format_of(source) is None:
            raise InputError(f"{source}: an input part is a .jsonl, .jsonl.gz or .parquet file; narrow the pattern")
        if name in names:
            raise InputError(f"{names[name]} and {source} have the same name {name!r}; their output parts would collide")
        names[name] = source
        target = _join(output, name)
        if target.rstrip("/") == source.rstrip("/") or (not is_url(target) and Path(target).resolve() == Path(source).resolve()):
            raise InputError(f"{output} holds the input parts; write the output elsewhere so the input is never modified")
        shards.append(Shard(source, target))
    return shards


def run_shard(shard: Shard, *, job: BatchSummarizer, existing: Existing, encoding: str = "utf-8") -> ShardReport:
    """Summarize one part into its output part, then write its marker (what a
    task runs); ``encoding`` is a JSONL part's (Parquet has its own)."""
    if existing == "resume" and _exists(shard.marker):
        with open_read(shard.marker) as f:
            done = json.loads(f.read())
        return ShardReport(total=done["total"], summarized=0, failed=0, skipped=done["total"], failed_earlier=done["failed"])
    if not is_url(shard.output):
        Path(shard.output).parent.mkdir(parents=True, exist_ok=True)
    if existing == "overwrite" and _exists(shard.marker):  # a stale marker must not outlive a rerun stopped midway
        _remove(shard.marker)
    with open_sink(shard.output, existing=existing) as sink:
        report = run_batch(open_source(shard.source, encoding=encoding), sink, job=job)
    counts = {"total": report.total, "summarized": report.summarized + report.skipped - report.failed_earlier,
              "failed": report.failed + report.failed_earlier}
    data = (dumps(counts) + "\n").encode()
    if is_url(shard.marker):
        with open_write(shard.marker) as out:
            out.write(data)
    else:
        Path(shard.marker).write_bytes(data)
    return ShardReport(total=report.total, summarized=report.summarized, failed=report.failed, skipped=report.skipped, failed_earlier=report.failed_earlier)


def run_shards(
    shards: list[Shard],
    *,
    job: BatchSummarizer,
    engine: Engine,
    existing: Existing = "fail",
    encoding: str = "utf-8",
    on_shard: Callable[[ShardReport], None] | None = None,
) -> BatchReport:
    """Run every part's task on ``engine`` (entered); the counts over all parts."""
    import functools
    import time

    check_encoding(encoding)
    if existing == "fail":
        for shard in shards:
            for location in (shard.output, shard.marker):
                if _exists(location):
                    raise InputError(
                        f"{location} already exists; use {param('existing', 'overwrite')} to start over or "
                        f"{param('existing', 'resume')} to run only the unfinished parts"
                    )
    started = time.perf_counter()
    totals: dict[str, int] = dict.fromkeys(("total", "summarized", "failed", "skipped", "failed_earlier"), 0)
    task: Any = functools.partial(run_shard, job=job, existing="resume" if existing == "resume" else "overwrite", encoding=encoding)
    for report in engine.map(task, shards):
        for key in totals:
            totals[key] += getattr(report, key)
        if on_shard is not None:
            on_shard(report)
    return BatchReport(seconds=time.perf_counter() - started, **totals)
