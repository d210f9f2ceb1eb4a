"""Corpora from Parquet: documents per second and peak memory, driver-side vs worker-side I/O.

    python benchmarks/bench_parquet.py [--docs N] [--parts P] [--data PATH] [--quick]
    python benchmarks/bench_parquet.py --bookkeeping [--sizes 10000 50000]

The corpus is bench_batch's (EASC dev documents, paragraphs rotated per
cycle: EASC's sizes, never copied into the repository), written as Parquet:
one file, and the same rows split into ``--parts`` files. Each configuration
is the real command (``summarize-batch``) run in a fresh process:

- local, one file → one Parquet output: the run's process reads and writes everything;
- Dask, 2 workers, one file: today's ``--engine dask`` (driver-side I/O: the
  run's process reads every document and writes every record);
- local, parts: ``corpus/*.parquet`` → one output part per input part, in process;
- Dask, 2 workers, parts: each worker reads and writes its own parts.

Peak memory is the largest sum of the resident memory of the command's whole
process tree (the run, a local cluster's scheduler, nanny and worker
processes), sampled every 0.2 s. Every output is compared, record for
record, with the local one-file run. Scaling efficiency: the 2-worker rate over
twice the 1-process rate (the faster of the two 1-process runs: see :func:`efficiency`). Results: benchmarks/results/parquet.json and .md
(``--quick``: parquet-quick.*, 2,000 documents).

``--bookkeeping`` measures what a single-file run keeps per document whatever
the texts (each id, for the up-front check that ids are unique and for the
input order of the output): the peak resident memory of in-process runs over
``--sizes`` documents that are all one short text (so the summarizer's word
caches stay the same size), and the slope between the smallest and largest.
Results: parquet-bookkeeping.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_batch import build_corpus  # noqa: E402
from benchmarks.output import DEFAULT_EASC, ResultSet, describe, machine  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
QUICK_DOCS = 2000
BATCH = [sys.executable, "-m", "summarizer.cli.batch", "--no-progress"]


def to_parquet(jsonl: Path, single: Path, parts: Path, n_parts: int, n: int) -> None:
    """Write the JSONL corpus as one Parquet file and as ``n_parts`` files, streaming."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("id", pa.string()), ("text", pa.string())])
    parts.mkdir()
    per_part = -(-n // n_parts)
    with jsonl.open(encoding="utf-8") as f, pq.ParquetWriter(single, schema) as whole:
        for p in range(n_parts):
            rows = [json.loads(line) for _, line in zip(range(per_part), f)]
            if not rows:
                break
            table = pa.Table.from_pylist(rows, schema=schema)
            whole.write_table(table, row_group_size=2048)
            pq.write_table(table, parts / f"part-{p:03d}.parquet", row_group_size=2048)


def tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def measure(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run the command; wall time, exit code, peak resident memory of its process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen([*BATCH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.2)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 3):
        raise SystemExit(f"bench_parquet: error: {' '.join(args)} failed ({proc.returncode}): {err.strip()}")
    return {"seconds": round(seconds, 2), "peak_mib": round(peak / 2**20, 1), "final_line": out.strip()}


def records(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    return [row for f in files for row in pq.read_table(f).to_pylist()]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=None, help="documents (default 100000; --quick: 2000)")
    parser.add_argument("--parts", type=int, default=8, help="Parquet parts of the corpus (default 8)")
    parser.add_argument("--data", type=Path, default=DEFAULT_EASC, help=f"EASC dev folder (default {DEFAULT_EASC})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_DOCS} documents, results to parquet-quick.*")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the JSON and markdown results")
    parser.add_argument("--bookkeeping", action="store_true", help="measure the memory a one-file run keeps per document instead")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000], help="--bookkeeping's corpus sizes (default 10000 50000)")
    args = parser.parse_args(argv)
    if args.bookkeeping:
        return bookkeeping(args.sizes, args.results)
    n = args.docs or (QUICK_DOCS if args.quick else 100_000)
    if not args.data.is_dir():
        parser.exit(2, f"bench_parquet: error: EASC data not found at {args.data}; give the easc-dev folder with --data PATH\n")
    info = machine()
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-parquet-") as tmp:
        t = Path(tmp)
        words = build_corpus(args.data, n, t / "corpus.jsonl")
        to_parquet(t / "corpus.jsonl", t / "corpus.parquet", t / "parts", args.parts, n)
        (t / "corpus.jsonl").unlink()
        env = {**os.environ, "XDG_CACHE_HOME": str(t / "cache")}
        configs = [
            ("local, 1 process", "driver", [str(t / "corpus.parquet"), "-o", str(t / "local.parquet")], t / "local.parquet"),
            ("Dask, 2 workers", "driver", [str(t / "corpus.parquet"), "-o", str(t / "dask.parquet"), "--engine", "dask", "--workers", "2"], t / "dask.parquet"),
            ("local, 1 process", "worker (parts)", [f"{t}/parts/*.parquet", "-o", str(t / "local-parts")], t / "local-parts"),
            ("Dask, 2 workers", "worker (parts)", [f"{t}/parts/*.parquet", "-o", str(t / "dask-parts"), "--engine", "dask", "--workers", "2"], t / "dask-parts"),
        ]
        reference: list[dict[str, Any]] | None = None
        for name, io, command, output in configs:
            print(f"bench_parquet: {name}, {io} I/O ...", file=sys.stderr)
            m = measure(command, env)
            got = records(output)
            reference = reference if reference is not None else got
            runs.append({"engine": name, "io": io, **m, "documents": n, "docs_per_s": round(n / m["seconds"], 1), "identical": got == reference})
            print(f"  {m['seconds']} s, peak {m['peak_mib']} MiB", file=sys.stderr)
    efficiency(runs)
    result = {
        "benchmark": "corpora from Parquet",
        "args": argv if argv is not None else sys.argv[1:],
        "data": str(args.data),
        "documents": n,
        "words": words,
        "parts": args.parts,
        "machine": info,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "runs": runs,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    ResultSet("parquet-quick" if args.quick else "parquet", markdown).write(result, args.results, force=True)
    print(markdown(result), end="")
    if not all(r["identical"] for r in runs):
        raise SystemExit("bench_parquet: error: the outputs differ; see the table")
    return result


def efficiency(runs: list[dict[str, Any]]) -> None:
    """Each 2-worker run's scaling efficiency: its rate over twice the
    one-process rate, taken as the faster of the two one-process runs. Both
    do the same work in one process (the same bytes read and written), so
    their difference is the machine's noise (one run each on a shared VM);
    the faster one makes the efficiency the conservative figure."""
    one = max(r["docs_per_s"] for r in runs if r["engine"].startswith("local"))
    for run in runs:
        if not run["engine"].startswith("local"):
            run["scaling_efficiency"] = round(run["docs_per_s"] / (2 * one), 2)


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "# Corpora from Parquet",
        "",
        f"{result['documents']} EASC-sized documents ({result['words']} words; one Parquet file, and the same rows in "
        f"{result['parts']} parts), default options; `{' '.join(['python benchmarks/bench_parquet.py', *result['args']])}`.",
        f"{describe(result['machine'])} Load average {result['load_average_at_end'][0]} at the end "
        "(a load above the core count means other work shared the machine).",
        "",
        "| engine | I/O | wall s (incl. start-up) | docs/s | peak memory MiB (process tree) | scaling efficiency (2 workers) | output identical |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in result["runs"]:
        eff = r.get("scaling_efficiency")
        lines.append(
            f"| {r['engine']} | {r['io']} | {r['seconds']} | {r['docs_per_s']} | {r['peak_mib']} | "
            f"{'' if eff is None else eff} | {'yes' if r['identical'] else 'NO'} |"
        )
    lines += [
        "",
        "One run each, in a fresh process, start-up included (a Dask local cluster's start is in the wall time). "
        "Driver I/O: the command's process reads every document and writes every record; worker I/O: each task reads "
        "and writes its own part. Scaling efficiency: docs/s of 2 workers over twice the one-process rate, the faster of "
        "the two one-process runs (they do the same work; their difference is this shared machine's noise) "
        "(1.0: perfect; this machine has 2 cores, shared). 'output identical': the records equal the local one-file run's.",
    ]
    return "\n".join(lines) + "\n"


BOOKKEEPING_TEXT = "زار الوزير المدينة يوم الثلاثاء والتقى المسؤولين. وبحث الجانبان التعاون في مجالات عدة. وقال الوزير إن الزيارة ناجحة."


def bookkeeping(sizes: list[int], results: Path) -> dict[str, Any]:
    """Peak memory of in-process one-file runs over ``sizes`` identical short documents."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    info = machine()
    runs = []
    for n in sorted(sizes):
        with tempfile.TemporaryDirectory(prefix="bench-parquet-ids-") as tmp:
            t = Path(tmp)
            table = pa.table({"id": [f"doc-{i:08d}" for i in range(n)], "text": [BOOKKEEPING_TEXT] * n})
            pq.write_table(table, t / "in.parquet", row_group_size=2048)
            print(f"bench_parquet: {n} short documents ...", file=sys.stderr)
            m = measure([str(t / "in.parquet"), "-o", str(t / "out.parquet"), "--sentences", "1"], {**os.environ, "XDG_CACHE_HOME": str(t / "cache")})
            runs.append({"documents": n, **m})
    first, last = runs[0], runs[-1]
    slope = (last["peak_mib"] - first["peak_mib"]) * 2**20 / max(1, last["documents"] - first["documents"])
    result = {"benchmark": "per-document bookkeeping", "machine": info, "runs": runs, "bytes_per_document": round(slope)}
    results.mkdir(parents=True, exist_ok=True)
    BOOKKEEPING_RESULTS.write(result, results, force=True)
    print(bookkeeping_markdown(result), end="")
    return result


def bookkeeping_markdown(result: dict[str, Any]) -> str:
    runs = result["runs"]
    lines = [
        "# Per-document bookkeeping of a one-file run",
        "",
        f"`python benchmarks/bench_parquet.py --bookkeeping --sizes {' '.join(str(r['documents']) for r in runs)}`: in-process runs "
        "(`summarize-batch in.parquet -o out.parquet --sentences 1`) over documents that are all one three-sentence text.",
        describe(result["machine"]),
        "",
        "| documents | wall s | peak memory MiB |",
        "| ---: | ---: | ---: |",
        *(f"| {r['documents']} | {r['seconds']} | {r['peak_mib']} |" for r in runs),
        "",
        f"Growth: about {result['bytes_per_document']} bytes a document (the ids kept for the up-front uniqueness check and the "
        "output's input order); everything else is read and written a row group at a time. A corpus in parts "
        "keeps only the current part's ids in each task.",
    ]
    return "\n".join(lines) + "\n"


BOOKKEEPING_RESULTS = ResultSet("parquet-bookkeeping", bookkeeping_markdown)

if __name__ == "__main__":
    main()
