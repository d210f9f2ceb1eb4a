"""Batch throughput: 1 worker vs a 2-process pool vs a 2-worker Dask local cluster.

    python benchmarks/bench_batch.py [--docs N] [--data PATH] [--quick]

The corpus is built deterministically from the EASC dev documents (read by
path, never copied): document ``i`` is EASC document ``i mod 92`` with its
paragraphs rotated by ``i // 92``, so sizes stay EASC's (110–971 words) and
no two documents of one cycle are identical. Every engine runs the same
JSONL input into a JSONL output through the real batch code (sources,
sinks, engines); each output must be byte-identical to the 1-worker one.

Reported per engine: start-up (workers or cluster), run time, documents per
second over the run and including start-up, and the speed-up against 1
worker measured in the same run. Results go to benchmarks/results/batch.json
and batch.md (``--quick``: batch-quick.*, a 300-document run for CI).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.output import DEFAULT_EASC, ResultSet, describe, machine  # noqa: E402
from summarizer.batch.engines import DaskEngine, Engine, InProcessEngine, ProcessPoolEngine  # noqa: E402
from summarizer.batch.io import open_sink, open_source  # noqa: E402
from summarizer.batch.jobs import BatchSummarizer, run_batch  # noqa: E402
from summarizer.strictjson import dumps  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
QUICK_DOCS = 300


def build_corpus(data: Path, n: int, path: Path) -> int:
    """Write ``n`` EASC-sized documents to ``path`` (JSONL); return their total words."""
    docs = sorted(data.glob("*/document.txt"))
    if not docs:
        raise SystemExit(f"bench_batch: error: no EASC documents (*/document.txt) under {data}; give the easc-dev folder with --data PATH")
    paragraphs = [[p for p in d.read_text(encoding="utf-8").splitlines() if p.strip()] for d in docs]
    words = 0
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            paras = paragraphs[i % len(docs)]
            shift = (i // len(docs)) % len(paras)
            text = "\n".join(paras[shift:] + paras[:shift])
            words += len(text.split())
            f.write(dumps({"id": f"doc-{i:05d}", "text": text}, ensure_ascii=False) + "\n")
    return words


def measure(make: Callable[[], Engine], source: Path, out: Path, job: BatchSummarizer) -> dict[str, Any]:
    """Start the engine, run the batch, stop: the times and the counts of one round."""
    t0 = time.perf_counter()
    engine = make()
    with engine:
        t1 = time.perf_counter()
        with open_sink(out, existing="overwrite") as sink:
            report = run_batch(open_source(source), sink, job=job, engine=engine)
        t2 = time.perf_counter()
    return {
        "parallelism": engine.parallelism,
        "documents": report.summarized + report.failed,
        "failed": report.failed,
        "startup_s": t1 - t0,
        "run_s": t2 - t1,
    }


def summarize_rounds(name: str, rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Median (and range) over rounds: the machine is shared, single runs swing."""
    docs = rounds[0]["documents"]
    run = statistics.median(r["run_s"] for r in rounds)
    startup = statistics.median(r["startup_s"] for r in rounds)
    return {
        "engine": name,
        "parallelism": rounds[0]["parallelism"],
        "documents": docs,
        "failed": rounds[0]["failed"],
        "rounds": len(rounds),
        "startup_s": round(startup, 2),
        "startup_s_max": round(max(r["startup_s"] for r in rounds), 2),
        "run_s": round(run, 2),
        "run_s_range": [round(min(r["run_s"] for r in rounds), 2), round(max(r["run_s"] for r in rounds), 2)],
        "docs_per_s": round(docs / run, 1),
        "docs_per_s_with_startup": round(docs / (run + startup), 1),
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "# Batch throughput",
        "",
        f"{result['documents']} EASC-sized documents ({result['words']} words) built from {result['data']}; "
        f"`{' '.join(['python benchmarks/bench_batch.py', *result['args']])}`.",
        f"{describe(result['machine'])} Load average {result['load_average_at_end'][0]} at the end "
        "(a load above the core count means other work shared the machine).",
        "",
        "| engine | workers | documents | failed | start-up s (median, max) | run s (median) | run s (range) | docs/s | docs/s incl. start-up | speed-up vs 1 worker | output identical |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for r in result["runs"]:
        low, high = r["run_s_range"]
        lines.append(
            f"| {r['engine']} | {r['parallelism']} | {r['documents']} | {r['failed']} | {r['startup_s']}, {r['startup_s_max']} | {r['run_s']} | {low}–{high} | "
            f"{r['docs_per_s']} | {r['docs_per_s_with_startup']} | {r['speedup']}× | {'yes' if r['identical'] else 'NO'} |"
        )
    lines += [
        "",
        f"Medians of {result['runs'][0]['rounds']} interleaved round(s) per engine. Start-up: the process pool forks its "
        "workers from a server that has imported scikit-learn once (the server starts in the first round and is reused, "
        "hence the max), and each worker summarizes a sentence before the run; "
        "the Dask local cluster starts a scheduler and worker processes of 1 thread each, warmed the same way. "
        "Documents per second are over the run; speed-ups compare medians over the same input in this same invocation; "
        "'output identical' compares every round's output file, byte for byte, with the 1-worker one.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=None, help="number of documents (default 3000; --quick: 300)")
    parser.add_argument("--data", type=Path, default=DEFAULT_EASC, help=f"EASC dev folder (default {DEFAULT_EASC})")
    parser.add_argument("--workers", type=int, default=2, help="workers of the pool and of the Dask cluster (default 2)")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds per engine, medians reported (default 3; --quick: 1)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_DOCS} documents, 1 round, results to batch-quick.*: a CI-sized run")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the JSON and markdown results")
    args = parser.parse_args(argv)
    n = args.docs or (QUICK_DOCS if args.quick else 3000)
    args.rounds = args.rounds or (1 if args.quick else 3)
    if n < 1 or args.workers < 1 or args.rounds < 1:
        parser.error("--docs, --workers and --rounds must be positive")
    if not args.data.is_dir():
        parser.exit(2, f"bench_batch: error: EASC data not found at {args.data}; give the easc-dev folder with --data PATH\n")
    info = machine()
    job = BatchSummarizer()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        source = Path(tmp) / "corpus.jsonl"
        words = build_corpus(args.data, n, source)
        job(list(open_source(source))[:1])  # import and warm the libraries in this process
        print(f"bench_batch: {n} documents, {words} words", file=sys.stderr)
        w = args.workers
        engines: list[tuple[str, Callable[[], Engine]]] = [
            ("in-process (1 worker)", InProcessEngine),
            (f"process pool ({w} workers)", lambda: ProcessPoolEngine(workers=w)),
            (f"Dask local cluster ({w} workers)", lambda: DaskEngine(workers=w)),
        ]
        rounds: list[list[dict[str, Any]]] = [[] for _ in engines]
        reference: bytes | None = None
        identical = [True] * len(engines)
        for r in range(args.rounds):  # interleaved, so load from elsewhere hits every engine alike
            for i, (name, make) in enumerate(engines):
                out = Path(tmp) / "out.jsonl"
                rounds[i].append(measure(make, source, out, job))
                last = rounds[i][-1]
                print(f"  round {r + 1}, {name}: {last['run_s']:.1f} s (+{last['startup_s']:.1f} s start-up)", file=sys.stderr)
                output = out.read_bytes()
                reference = reference if reference is not None else output
                identical[i] = identical[i] and output == reference
    runs = [summarize_rounds(name, rs) for (name, _), rs in zip(engines, rounds, strict=True)]
    base = runs[0]["docs_per_s"]
    for run, same in zip(runs, identical, strict=True):
        run["speedup"] = round(run["docs_per_s"] / base, 2)
        run["identical"] = same
    result = {
        "benchmark": "batch throughput",
        "args": argv if argv is not None else sys.argv[1:],
        "data": str(args.data),
        "documents": n,
        "words": words,
        "settings": job.summarizer.settings(),
        "machine": info,  # date, commit, uncommitted changes, CPU, load at the start
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "runs": runs,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    ResultSet("batch-quick" if args.quick else "batch", markdown).write(result, args.results, force=True)
    print(markdown(result), end="")
    if not all(r["identical"] for r in runs):
        raise SystemExit("bench_batch: error: the engines' outputs differ; see the table")
    return result


if __name__ == "__main__":
    main()
