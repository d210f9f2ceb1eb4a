"""Service throughput: ``summarize-serve`` over loopback HTTP beside the library in-process.

    python -m benchmarks.bench_serve [--requests N] [--concurrency C] [--workers 1 2] [--force]

The documents are the EASC dev articles (read by path, never copied; 110–971
words each), sent in turn with the default options. Each server run starts a
real ``summarize-serve`` (``python -m summarizer.serve``, access log off) on a
free loopback port with ``--workers W``, warms it with one request per
client thread, then ``C`` client threads, each on its own keep-alive
connection, send ``N`` requests between them; every answer must be 200 and
byte-identical to the JSON computed in this process, or the run fails.
Reported: requests per second over the run and the p50/p99 latency of one
request (client side: send to last byte). In-process, in the same run: the
:class:`~summarizer.Summarizer` called directly on the same documents one
after another, alone and with the JSON formatting the server also does.
Results go to benchmarks/results/serve.json and serve.md.
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.output import BenchmarkError, ResultSet, describe, machine  # noqa: E402
from summarizer import Summarizer  # noqa: E402
from summarizer.render.formats import format_summary  # noqa: E402
from summarizer.strictjson import dumps  # noqa: E402


def load_documents(easc: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(easc.glob("*/document.txt"))]


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in [0, 100]) of ``values``."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def latency_row(name: str, latencies: list[float], elapsed: float, **extra: Any) -> dict[str, Any]:
    return {
        "mode": name,
        "requests": len(latencies),
        "elapsed_s": round(elapsed, 2),
        "per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * percentile(latencies, 50), 1),
        "p99_ms": round(1000 * percentile(latencies, 99), 1),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1),
        **extra,
    }


def in_process(docs: list[str], n: int, *, with_json: bool) -> dict[str, Any]:
    """The library called directly, one document after another, on this thread."""
    summarizer = Summarizer()
    latencies = []
    t0 = time.perf_counter()
    for i in range(n):
        text = docs[i % len(docs)]
        t = time.perf_counter()
        summary = summarizer.summarize(text)
        if with_json:
            format_summary(summary, "json", source=text)
        latencies.append(time.perf_counter() - t)
    name = "in-process: Summarizer + JSON formatting" if with_json else "in-process: Summarizer.summarize only"
    return latency_row(name, latencies, time.perf_counter() - t0, workers=1, concurrency=1, errors=0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(workers: int, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    """``summarize-serve`` on a free loopback port, once /healthz answers."""
    port = _free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "summarizer.serve", "--port", str(port), "--workers", str(workers), "--no-access-log"],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError(f"summarize-serve exited with {process.returncode}: {log.read_text(errors='replace')[-1000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise BenchmarkError(f"summarize-serve did not start within 120 s: {log.read_text(errors='replace')[-1000:]}")


def serve(docs: list[str], expected: list[bytes], n: int, *, workers: int, concurrency: int, log: Path) -> dict[str, Any]:
    """N requests from C keep-alive clients against a fresh server of W workers."""
    bodies = [dumps({"text": d}, ensure_ascii=False).encode("utf-8") for d in docs]
    process, port = start_server(workers, log)
    try:
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        counter = iter(range(n))

        def client(count: int | None) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            done = 0
            while count is None or done < count:
                with lock:
                    i = next(counter, None) if count is None else done
                if i is None:
                    break
                k = i % len(docs)
                t = time.perf_counter()
                conn.request("POST", "/api/summarize", body=bodies[k], headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - t
                done += 1
                with lock:
                    if count is None:
                        latencies.append(elapsed)
                        if response.status != 200 or body != expected[k]:
                            errors.append(f"request {i}: status {response.status}")
            conn.close()

        def run(count: int | None) -> float:
            threads = [threading.Thread(target=client, args=(count,)) for _ in range(concurrency)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return time.perf_counter() - t0

        run(1)  # warm: one request per connection, not measured
        elapsed = run(None)
    finally:
        process.terminate()
        process.wait(timeout=30)
    if errors:
        raise BenchmarkError(f"{len(errors)} of {n} requests failed against {workers} worker(s), e.g. {errors[0]}")
    name = f"summarize-serve, {workers} worker{'s' if workers > 1 else ''}, {concurrency} client{'s' if concurrency > 1 else ''}"
    return latency_row(name, latencies, elapsed,
                       workers=workers, concurrency=concurrency, errors=len(errors))


def run_serve(easc: Path, *, requests: int, concurrency: int, workers: Sequence[int], log: Any) -> dict[str, Any]:
    docs = load_documents(easc)
    info = machine()
    summarizer = Summarizer()
    expected = [format_summary(summarizer.summarize(d), "json", source=d).encode("utf-8") for d in docs]  # warms the libraries too
    rows = [in_process(docs, requests, with_json=False), in_process(docs, requests, with_json=True)]
    log(f"bench_serve: in-process {rows[0]['per_s']} docs/s, with JSON {rows[1]['per_s']} docs/s")
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        runs = [(1, 1), *((w, concurrency) for w in workers)]  # one client alone: the cost of HTTP without queueing
        for w, c in runs:
            rows.append(serve(docs, expected, requests, workers=w, concurrency=c, log=Path(tmp) / f"serve-{w}-{c}.log"))
            log(f"bench_serve: {rows[-1]['mode']}: {rows[-1]['per_s']} req/s, p50 {rows[-1]['p50_ms']} ms, p99 {rows[-1]['p99_ms']} ms")
    words = [len(d.split()) for d in docs]
    return {
        "benchmark": "service throughput",
        "data": str(easc),
        "documents": len(docs),
        "words_per_document": {"min": min(words), "median": statistics.median(words), "max": max(words)},
        "bytes_per_request_median": statistics.median(len(dumps({"text": d}, ensure_ascii=False).encode()) for d in docs),
        "requests": requests,
        "concurrency": concurrency,
        "settings": summarizer.settings(),
        "machine": info,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "rows": rows,
    }


def format_markdown(result: dict[str, Any]) -> str:
    w = result["words_per_document"]
    lines = [
        "# Service throughput",
        "",
        f"{result['requests']} summaries of the {result['documents']} EASC dev articles in turn ({w['min']}–{w['max']} words, "
        f"median {w['median']:g}; a request body of {result['bytes_per_request_median']:.0f} bytes at the median), default options; "
        "`python -m benchmarks.bench_serve --force`.",
        f"{describe(result['machine'])} Load average {result['load_average_at_end'][0]} at the end.",
        "",
        "| mode | worker processes | client concurrency | requests | errors | per second | p50 ms | p99 ms | mean ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['mode']} | {r['workers']} | {r['concurrency']} | {r['requests']} | {r['errors']} | {r['per_s']} | "
            f"{r['p50_ms']} | {r['p99_ms']} | {r['mean_ms']} |"
        )
    lines += [
        "",
        "Server rows: a fresh `summarize-serve` (access log off) on a loopback port; each client thread keeps one "
        "connection open; one warm-up request per thread is not counted; latency is one request seen by the client, "
        "from sending to the last byte of the answer, so at concurrency above the worker count it includes waiting "
        "for a free worker. Every answer was checked byte for byte against the JSON computed in-process. "
        "In-process rows: the same documents through one `Summarizer` on one thread (latency = one document). "
        "The clients run on the same machine and share its cores with the server.",
    ]
    return "\n".join(lines) + "\n"


#: serve.json and serve.md.
RESULTS = ResultSet("serve", format_markdown)


def main(argv: Sequence[str] | None = None) -> None:
    from benchmarks.output import add_common_arguments, command, log, prepare

    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_serve", description=__doc__.split("\n\n")[0])
    add_common_arguments(parser)
    parser.add_argument("--requests", type=int, default=1000, help="measured requests per server run (default %(default)s)")
    parser.add_argument("--concurrency", type=int, default=16, help="client threads (default %(default)s)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server worker processes, one run each (default: 1 2)")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1 or min(args.workers) < 1:
        parser.error("--requests, --concurrency and --workers must be positive")

    def body() -> None:
        easc = prepare(args, RESULTS.files(args.out).values())
        results = run_serve(easc, requests=args.requests, concurrency=args.concurrency, workers=args.workers, log=log)
        results["args"] = list(sys.argv[1:] if argv is None else argv)
        RESULTS.write(results, args.out, force=args.force)
        print(format_markdown(results))

    command("benchmarks.bench_serve", body)


if __name__ == "__main__":
    main()
