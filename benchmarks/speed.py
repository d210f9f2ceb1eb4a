"""Speed and memory: our summarizer stage by stage, the TF-IDF floor, peers.

Every measurement runs in a fresh Python process (``python -m
benchmarks.speed worker ...``) so its peak resident memory is its own, after
a warm-up call that imports everything (import time is not summarizing
time). Times are the best of a few repeats (the least disturbed by other
work on the machine); the ratios that the targets are about are taken
between measurements of the same run, never against numbers from another
machine or day.

What each system is timed on:

* ``ours``: ``Summarizer().summarize(text)`` on the whole text, split into
  the pipeline's stages (:data:`summarizer.pipeline.STAGES`: segment,
  normalize, vectorize, similarity, duplicates, weights, graph, PageRank,
  select) by a watcher that times each (:class:`StageTimer`); ``other`` is
  the rest of the call.
* ``floor``: ``TfidfVectorizer().fit_transform(sentences)`` alone on our
  segmenter's sentences: what scikit-learn's standard vectorizer costs
  before anything is ranked. Our vectorize stage counts tokens itself and
  comes in under it; the whole summary cannot.
* ``sumy-textrank``, ``summa``: the peers of :mod:`summarizer_eval.peers` scoring
  our segmenter's sentences (their segmenting would need NLTK data or
  mis-split Arabic); segmenting is not in their time, so the comparison
  favours them slightly. They get a time cap; past it the run records a
  timeout and larger sizes are skipped.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.pipeline import STAGES as PIPELINE_STAGES
from summarizer.strictjson import dumps

from .output import ResultSet

__all__ = [
    "RESULTS",
    "SIZES",
    "STAGES",
    "SYSTEMS",
    "StageTimer",
    "Workload",
    "format_markdown",
    "main",
    "make_workloads",
    "plot",
    "run_speed",
]

SIZES: tuple[int, ...] = (100, 1_000, 10_000, 100_000)
SYSTEMS: tuple[str, ...] = ("ours", "floor", "sumy-textrank", "summa")
PEERS: tuple[str, ...] = ("sumy-textrank", "summa")
#: The pipeline's stages (:data:`summarizer.pipeline.STAGES`, timed through
#: its watcher), then ``other``: the rest of the call.
STAGES: tuple[str, ...] = (*PIPELINE_STAGES, "other")
DEFAULT_CAP = 120.0
DEFAULT_SEED = 0


# -- the worker: runs in its own process ------------------------------------


def _peak_rss_mib() -> float:
    """This process's peak resident memory.

    Linux keeps ``ru_maxrss`` across ``execve``, so a worker started by a
    big parent would report the parent's peak; ``VmHWM`` belongs to the
    process's own address space, which ``execve`` replaces.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


class StageTimer:
    """A pipeline watcher (:class:`summarizer.pipeline.Watcher`) that adds
    up the seconds spent in each stage; ``split`` hands them out per call."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(PIPELINE_STAGES, 0.0)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start

    def step(self, name: str, done: int, total: int) -> None:
        return None

    def split(self, total: float) -> dict[str, float]:
        """Seconds per stage since the last split, ``other`` the rest of ``total``."""
        out = {**self.seconds, "other": max(0.0, total - sum(self.seconds.values()))}
        self.seconds = dict.fromkeys(PIPELINE_STAGES, 0.0)
        return out


def _segmented(texts: Sequence[str]) -> list[list[str]]:
    from summarizer.pipeline import split

    return [[u.text for u in split(t).units] for t in texts]


def _best_of(repeats: int, run: Callable[[], dict[str, float] | None]) -> dict[str, Any]:
    """Run ``repeats`` times; keep the fastest run's total and stages."""
    best: dict[str, Any] | None = None
    totals = []
    for _ in range(repeats):
        start = time.perf_counter()
        stages = run()
        total = time.perf_counter() - start
        totals.append(total)
        if best is None or total < best["seconds"]:
            best = {"seconds": total, "stages": stages}
    assert best is not None
    best["all_seconds"] = totals
    return best


def worker(system: str, texts: Sequence[str], repeats: int) -> dict[str, Any]:
    """Measure ``system`` on ``texts`` (summed over them) in this process."""
    warm = (Path(__file__).resolve().parent.parent / "seeds" / "hammouchi_zaabi.txt").read_text("utf-8")
    if system == "ours":
        from summarizer import Summarizer

        summarizer = Summarizer()
        summarizer.summarize(warm)
        baseline = _peak_rss_mib()
        stages = StageTimer()

        def run() -> dict[str, float]:
            split = dict.fromkeys(STAGES, 0.0)
            for text in texts:
                start = time.perf_counter()
                summarizer.summarize(text, watcher=stages)
                for k, v in stages.split(time.perf_counter() - start).items():
                    split[k] += v
            return split

        result = _best_of(repeats, run)

    elif system == "floor":
        from sklearn.feature_extraction.text import TfidfVectorizer

        sentences = _segmented(texts)
        TfidfVectorizer().fit_transform(_segmented([warm])[0])
        baseline = _peak_rss_mib()

        def floor() -> None:
            for s in sentences:
                TfidfVectorizer().fit_transform(s)

        result = _best_of(repeats, floor)
    elif system in PEERS:
        from summarizer_eval.peers import make_peer

        peer = make_peer(system)
        sentences = _segmented(texts)
        peer.scores(_segmented([warm])[0])
        baseline = _peak_rss_mib()

        def score() -> None:
            for s in sentences:
                peer.scores(s)

        result = _best_of(repeats, score)
    else:
        raise ValueError(f"unknown system {system!r}; valid systems: {', '.join(SYSTEMS)}")
    result.update(status="ok", repeats=repeats, baseline_rss_mib=baseline, peak_rss_mib=_peak_rss_mib())
    return result


# -- the parent: workloads, subprocesses, results ---------------------------


@dataclass(frozen=True, slots=True)
class Workload:
    """Texts measured together: one synthetic document, or the EASC documents."""

    label: str
    path: Path
    documents: int
    sentences: int
    characters: int
    synthetic: bool


def _write_workload(label: str, texts: list[str], folder: Path, synthetic: bool) -> Workload:
    path = folder / f"{label}.json"
    path.write_text(dumps(texts, ensure_ascii=False), encoding="utf-8")
    sentences = sum(map(len, _segmented(texts)))
    return Workload(label, path, len(texts), sentences, sum(len(t) for t in texts), synthetic)


def make_workloads(
    sizes: Sequence[int], easc: Path | None, folder: Path, *, time_easc: bool = True, seed: int = DEFAULT_SEED
) -> list[Workload]:
    """Synthetic documents of ``sizes`` sentences, then the EASC documents.

    The synthetic vocabulary is the seed article's and, when ``easc`` is
    given, EASC's (without it the documents are far more repetitive, which
    changes every timing); ``time_easc`` adds the EASC documents as they are.
    """
    from .output import REPO
    from .synthetic import default_sources, load_vocabulary, synthetic_document

    vocabulary = load_vocabulary(default_sources(REPO, easc))
    loads = [
        _write_workload(f"{n}", [synthetic_document(n, vocabulary, seed=seed)], folder, True) for n in sorted(sizes)
    ]
    if easc is not None and time_easc:
        texts = [p.read_text("utf-8", errors="replace") for p in sorted(easc.glob("*/document.txt"))]
        loads.append(_write_workload("easc", texts, folder, False))
    return loads


def _repeats(system: str, sentences: int) -> int:
    """Repeats of one measurement: a short run is easily disturbed (the
    first one on a new document also grows the heap), so runs of a few
    tens of milliseconds are repeated up to 20 times, runs of seconds once
    or three times; the best is kept."""
    if system in PEERS:  # the 1,000-sentence ratio is a target: best of 3 there too
        return 3 if sentences <= 1_000 else 1
    return max(1, min(20, round(20_000 / max(sentences, 1))))


def run_worker(system: str, load: Workload, *, cap: float | None) -> dict[str, Any]:
    """One measurement in a fresh process; a timeout or crash is a result too."""
    repeats = _repeats(system, load.sentences)
    command = [sys.executable, "-m", "benchmarks.speed", "worker", system, str(load.path), "--repeats", str(repeats)]
    from .output import REPO

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cap, cwd=REPO, env=env, check=False)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "cap_seconds": cap}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return {"status": "error", "message": last, "seconds_until_error": time.perf_counter() - start}
    return json.loads(done.stdout)


def run_speed(
    *,
    sizes: Sequence[int] = SIZES,
    easc: Path | None = None,
    time_easc: bool = True,
    systems: Sequence[str] = SYSTEMS,
    cap: float | None = DEFAULT_CAP,
    seed: int = DEFAULT_SEED,
    peer_sizes: Collection[int] | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Measure every system on every workload; ratios within this run.

    ``easc`` gives the synthetic documents their vocabulary and, with
    ``time_easc``, is timed as it is. Peers run on every synthetic size, or
    only on ``peer_sizes`` if given.
    """
    from .output import machine

    started = machine()
    rows = []
    given_up: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        for load in make_workloads(sizes, easc, Path(tmp), time_easc=time_easc, seed=seed):
            results: dict[str, Any] = {}
            for system in systems:
                if system in PEERS and peer_sizes is not None and not (load.synthetic and load.sentences in peer_sizes):
                    continue
                if load.synthetic and system in given_up:
                    results[system] = {"status": "skipped", "reason": given_up[system]}
                else:
                    results[system] = run_worker(system, load, cap=cap if system in PEERS else None)
                    if load.synthetic and results[system]["status"] != "ok":
                        given_up[system] = f"{results[system]['status']} at {load.sentences:,} sentences"
                log(f"{load.label:>7} {system:<14} {_describe(results[system])}")
            rows.append(
                {
                    "workload": load.label,
                    "synthetic": load.synthetic,
                    "documents": load.documents,
                    "sentences": load.sentences,
                    "characters": load.characters,
                    "systems": results,
                    "ratios": _ratios(results),
                }
            )
    finished = machine()
    return {
        "machine": {**started, "load_average_end": finished["load_average"]},
        "settings": {
            "seed": seed,
            "cap_seconds": cap,
            "systems": list(systems),
            "vocabulary": "seed article and EASC dev" if easc is not None else "seed article only",
        },
        "workloads": rows,
        "growth": _growth(rows),
    }


def _describe(result: dict[str, Any]) -> str:
    if result["status"] == "ok":
        return f"{result['seconds']:.3f} s, peak {result['peak_rss_mib']:.0f} MiB"
    return result["status"] + (f" ({result.get('reason') or result.get('message')})" if result["status"] != "timeout" else f" after {result['cap_seconds']:g} s")


def _seconds(results: dict[str, Any], system: str) -> float | None:
    r = results.get(system)
    return r["seconds"] if r and r["status"] == "ok" else None


def _ratios(results: dict[str, Any]) -> dict[str, float | None]:
    """ours ÷ floor, and each peer ÷ ours (how many times faster we are)."""
    ours, floor = _seconds(results, "ours"), _seconds(results, "floor")
    out: dict[str, float | None] = {"ours_over_floor": ours / floor if ours and floor else None}
    for peer in PEERS:
        p = _seconds(results, peer)
        out[f"{peer}_over_ours"] = p / ours if p and ours else None
    return out


def _growth(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Log-log slope of our time between consecutive synthetic sizes (1 is linear)."""
    points = [(r["sentences"], _seconds(r["systems"], "ours")) for r in rows if r["synthetic"]]
    points = [(n, t) for n, t in points if t]
    return [
        {"from": a, "to": b, "slope": math.log(tb / ta) / math.log(b / a)}
        for (a, ta), (b, tb) in zip(points, points[1:])
    ]


# -- reports -----------------------------------------------------------------


def _cell(result: dict[str, Any] | None) -> str:
    if result is None:
        return "–"
    if result["status"] == "ok":
        return f"{result['seconds']:.3g} s"
    if result["status"] == "timeout":
        return f"timeout (> {result['cap_seconds']:g} s)"
    return result["status"]


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.3g}×"


def format_markdown(results: dict[str, Any]) -> str:
    """The speed tables: times, ratios, stages, memory, growth."""
    from .output import describe

    m = results["machine"]
    lines = [
        "# Speed and memory",
        "",
        f"{describe(m)} Load average {m['load_average_end'][0]} at the end: other work shares the machine, "
        "so compare ratios, not absolute times.",
        "",
        "## Time (best of the repeats) and ratios measured in this run",
        "",
        "| workload | sentences | ours | TF-IDF floor | sumy TextRank | summa | ours ÷ floor | sumy ÷ ours | summa ÷ ours |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results["workloads"]:
        s, q = r["systems"], r["ratios"]
        lines.append(
            f"| {_label(r)} | {r['sentences']:,} | {_cell(s.get('ours'))} | {_cell(s.get('floor'))} | "
            f"{_cell(s.get('sumy-textrank'))} | {_cell(s.get('summa'))} | {_x(q['ours_over_floor'])} | "
            f"{_x(q['sumy-textrank_over_ours'])} | {_x(q['summa_over_ours'])} |"
        )
    lines += ["", "## Our time by stage (seconds)", "", "| workload | " + " | ".join(STAGES) + " | total |", "|---|" + "--:|" * (len(STAGES) + 1)]
    for r in results["workloads"]:
        ours = r["systems"].get("ours")
        if ours and ours["status"] == "ok":
            cells = " | ".join(f"{ours['stages'][k]:.3g}" for k in STAGES)
            lines.append(f"| {_label(r)} | {cells} | {ours['seconds']:.3g} |")
    lines += [
        "",
        "## Peak resident memory (MiB; after warm-up in parentheses)",
        "",
        "| workload | " + " | ".join(results["settings"]["systems"]) + " |",
        "|---|" + "--:|" * len(results["settings"]["systems"]),
    ]
    for r in results["workloads"]:
        cells = []
        for system in results["settings"]["systems"]:
            x = r["systems"].get(system)
            cells.append(f"{x['peak_rss_mib']:.0f} ({x['baseline_rss_mib']:.0f})" if x and x["status"] == "ok" else _cell(x))
        lines.append(f"| {_label(r)} | " + " | ".join(cells) + " |")
    if results["growth"]:
        lines += ["", "## Growth of our time (log-log slope; 1.0 is linear)", ""]
        lines += [f"- {g['from']:,} → {g['to']:,} sentences: {g['slope']:.2f}" for g in results["growth"]]
    return "\n".join(lines) + "\n"


def _label(row: dict[str, Any]) -> str:
    if row["synthetic"]:
        return f"synthetic {row['sentences']:,}"
    return f"EASC ({row['documents']} documents)"


def plot(results: dict[str, Any], path: Path) -> None:
    """Log-log plot of time against sentences, one line per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .output import save_figure

    rows = [r for r in results["workloads"] if r["synthetic"]]
    names = {"ours": "ours (TextRank)", "floor": "TF-IDF floor", "sumy-textrank": "sumy TextRank", "summa": "summa"}
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for system in results["settings"]["systems"]:
        points = [(r["sentences"], _seconds(r["systems"], system)) for r in rows]
        done = [(n, t) for n, t in points if t]
        if done:
            ax.plot(*zip(*done), marker="o", label=names.get(system, system))
        stopped = [(r["sentences"], r["systems"][system]["cap_seconds"]) for r in rows if r["systems"].get(system, {}).get("status") == "timeout"]
        if stopped:
            ax.scatter(*zip(*stopped), marker="x", color="black", zorder=3)
    if rows:
        n0 = rows[0]["sentences"]
        t0 = _seconds(rows[0]["systems"], "floor")
        if t0:
            xs = [r["sentences"] for r in rows]
            ax.plot(xs, [t0 * x / n0 for x in xs], linestyle=":", color="grey", label="linear growth (from the floor)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("sentences in the document")
    ax.set_ylabel("seconds (best of repeats)")
    ax.set_title("Summarizing one synthetic Arabic document (x: peer stopped at the time cap)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    save_figure(fig, path)
    plt.close(fig)


# -- command line --------------------------------------------------------------


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(v.replace("_", "")) for v in value.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers separated by commas, got {value!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive, got {value!r}")
    return sizes


def _systems(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown system {', '.join(unknown) or '(none)'}; valid systems: {', '.join(SYSTEMS)}")
    return names


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", type=_sizes, default=list(SIZES), help="synthetic document sizes in sentences (default: %(default)s)")
    parser.add_argument("--systems", type=_systems, default=list(SYSTEMS), help=f"systems to time (default: {','.join(SYSTEMS)})")
    parser.add_argument("--cap", type=float, default=DEFAULT_CAP, help="seconds a peer may take on one workload (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthetic documents (default: %(default)s)")


def main(argv: Sequence[str] | None = None) -> None:
    from .output import add_common_arguments, command, log, prepare

    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["worker"]:
        w = argparse.ArgumentParser(prog="benchmarks.speed worker")
        w.add_argument("worker")
        w.add_argument("system", choices=SYSTEMS)
        w.add_argument("texts", type=Path)
        w.add_argument("--repeats", type=int, default=1)
        a = w.parse_args(args_list)
        texts = json.loads(a.texts.read_text("utf-8"))
        sys.stdout.write(dumps(worker(a.system, texts, a.repeats)))
        return
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description="Speed and memory of our summarizer against the TF-IDF floor and peers.")
    add_common_arguments(parser)
    add_arguments(parser)
    parser.add_argument("--no-easc", action="store_true", help="time the synthetic documents only (their vocabulary still comes from --easc)")
    args = parser.parse_args(args_list)

    def body() -> None:
        easc = prepare(args, RESULTS.files(args.out).values())
        results = run_speed(
            sizes=args.sizes, easc=easc, time_easc=not args.no_easc, systems=args.systems, cap=args.cap, seed=args.seed, log=log
        )
        RESULTS.write(results, args.out, force=args.force)

    command("benchmarks.speed", body)


#: speed.json, speed.md and speed.png.
RESULTS = ResultSet("speed", format_markdown, plot)

if __name__ == "__main__":
    main()
