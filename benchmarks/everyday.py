"""Everyday documents: the 92 EASC dev articles (20–60 sentences each), one
process, every system in the same run.

    python -m benchmarks.everyday [--easc PATH] [--rounds N] [--out DIR] [--force]

Most documents people summarize are news and encyclopedia articles, where a
fixed cost per call, not growth, decides the time. Measured per document,
best of ``--rounds`` rounds, the systems taking turns within each round (so
a disturbance of the machine hits them alike):

* ``ours``: ``Summarizer().summarize(text)``;
* ``floor``: ``TfidfVectorizer().fit_transform(sentences)`` alone on our
  segmenter's sentences (the cost of scikit-learn's standard vectorizer);
* ``sumy-textrank``, ``summa``, ``lexrank``: the peers of
  :mod:`summarizer_eval.peers` scoring our segmenter's sentences;
* ``kept``: only the library calls the design keeps, on the inputs our
  pipeline gives them: scikit-learn's ``TfidfTransformer`` on the term
  counts, building the networkx graph, networkx's PageRank. No summary can
  cost less than this while scikit-learn weights and networkx ranks each
  document, so it bounds every ratio the targets ask for.

Then the batch throughput on one core: ``run_batch`` in this process over
the same articles as a JSONL source, records to a JSONL file. Ratios are
taken within the run; the results never hold corpus text.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .output import ResultSet

__all__ = ["RESULTS", "SYSTEMS", "TARGETS", "format_markdown", "main", "pipeline_inputs", "run_everyday"]

SYSTEMS: tuple[str, ...] = ("ours", "kept", "floor", "sumy-textrank", "summa", "lexrank")
#: The everyday-documents targets: (description, system a, system b, bound):
#: ``a ÷ b`` must be at least ``bound`` (``b ÷ a`` at most, for "no slower").
TARGETS: tuple[tuple[str, str, str, float], ...] = (
    ("sumy TextRank ÷ ours", "sumy-textrank", "ours", 3.0),
    ("floor ÷ ours (ours no slower than the TF-IDF floor)", "floor", "ours", 1.0),
)
DEFAULT_ROUNDS = 7


def pipeline_inputs(texts: Sequence[str]) -> dict[str, Any]:
    """What each system is given: our sentences, and for ``kept`` the term
    counts and the graph's inputs exactly as the pipeline makes them
    (:func:`summarizer.pipeline.weigh`)."""
    from summarizer import Summarizer
    from summarizer.pipeline import weigh

    s = Summarizer()
    docs = [s.prepare(t) for t in texts]
    kept = [(d.vectors.terms, weigh(d, options=s), len(d.nodes)) for d in docs]
    return {"summarizer": s, "sentences": [[u.text for u in d.units] for d in docs], "kept": kept}


def _kept_calls(kept: Sequence[tuple[Any, ...]], *, options: Any) -> Callable[[], None]:
    """scikit-learn's TF-IDF weighting, the networkx graph and networkx's
    PageRank, called as the pipeline calls them, and nothing else."""
    import networkx as nx

    from summarizer.rank import PAGERANK_SETTINGS, build_graph
    from summarizer.vectorize import tfidf_weights

    def run() -> None:
        for terms, weights, n in kept:
            tfidf_weights(terms, sublinear_tf=options.sublinear_tf)
            G = build_graph(weights.edges, hub=weights.hub, forward=options.forward)
            p = None if weights.prior is None else dict(zip(range(n), weights.prior.tolist()))
            nx.pagerank(G, alpha=options.damping, personalization=p, **PAGERANK_SETTINGS)

    return run


def _systems(texts: Sequence[str], given: dict[str, Any]) -> dict[str, Callable[[], None]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from summarizer_eval.peers import make_peer

    s, sentences = given["summarizer"], given["sentences"]
    peers = {name: make_peer(name, background=sentences if name == "lexrank" else ()) for name in ("sumy-textrank", "summa", "lexrank")}

    def peer(name: str) -> Callable[[], None]:
        return lambda: [peers[name].scores(x) for x in sentences] and None

    return {
        "ours": lambda: [s.summarize(t) for t in texts] and None,
        "kept": _kept_calls(given["kept"], options=s),
        "floor": lambda: [TfidfVectorizer().fit_transform(x) for x in sentences] and None,
        **{name: peer(name) for name in peers},
    }


def _batch_rate(texts: Sequence[str], rounds: int) -> dict[str, Any]:
    """Documents per second of ``run_batch`` in this process (one core),
    measured as :mod:`benchmarks.bench_batch` measures its engines."""
    from summarizer import Summarizer
    from summarizer.batch import BatchSummarizer
    from summarizer.batch.engines import InProcessEngine
    from summarizer.strictjson import dumps

    from .bench_batch import measure

    job = BatchSummarizer(summarizer=Summarizer())
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "docs.jsonl", Path(tmp) / "out.jsonl"
        source.write_text("".join(dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
        runs = [measure(InProcessEngine, source, out, job) for _ in range(rounds + 1)][1:]  # the first warms the libraries
    assert all(r["documents"] == len(texts) and not r["failed"] for r in runs)
    best = min(r["run_s"] for r in runs)
    return {"documents": len(texts), "seconds": best, "docs_per_s": len(texts) / best}


def run_everyday(easc: Path, *, rounds: int = DEFAULT_ROUNDS) -> dict[str, Any]:
    """Time every system on the EASC dev articles; ratios within this run."""
    from .output import machine

    texts = [p.read_text("utf-8", errors="replace") for p in sorted(easc.glob("*/document.txt"))]
    given = pipeline_inputs(texts)
    systems = _systems(texts, given)
    for run in systems.values():  # warm-up: imports and caches are not summarizing time
        run()
    times: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(rounds):
        for name, run in systems.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    per_doc = {name: min(t) / len(texts) for name, t in times.items()}
    targets = []
    for label, a, b, bound in TARGETS:
        ratio = per_doc[a] / per_doc[b]
        # The best any summary could reach while it makes the kept calls.
        best = per_doc[a] / per_doc["kept"]
        targets.append({"target": label, "bound": bound, "measured": ratio, "met": ratio >= bound, "with_kept_calls_only": best})
    return {
        "machine": machine(),
        "documents": len(texts),
        "sentences": sum(len(x) for x in given["sentences"]),
        "rounds": rounds,
        "seconds_per_document": per_doc,
        "all_seconds": times,
        "targets": targets,
        "batch": _batch_rate(texts, rounds=3),
    }


def format_markdown(results: dict[str, Any]) -> str:
    from .output import describe

    per = results["seconds_per_document"]
    names = {"ours": "ours (`Summarizer().summarize`)", "kept": "kept library calls alone (TfidfTransformer + networkx graph + PageRank)",
             "floor": "TF-IDF floor (`TfidfVectorizer().fit_transform`)", "sumy-textrank": "sumy TextRank", "summa": "summa", "lexrank": "lexrank"}
    lines = [
        "# Everyday documents",
        "",
        f"{describe(results['machine'])} Command: `python -m benchmarks.everyday`. The {results['documents']} EASC dev articles "
        f"({results['sentences']:,} sentences), "
        f"one process, best of {results['rounds']} rounds (the systems take turns within each round); peers score our segmenter's sentences.",
        "",
        "| system | ms per document | ÷ ours |",
        "|---|--:|--:|",
    ]
    for name in SYSTEMS:
        if name in per:
            lines.append(f"| {names[name]} | {1000 * per[name]:.3f} | {per[name] / per['ours']:.2f}× |")
    lines += ["", "| target | bound | measured | met | best possible with the kept calls |", "|---|--:|--:|---|--:|"]
    for t in results["targets"]:
        lines.append(f"| {t['target']} | ≥ {t['bound']:g}× | {t['measured']:.2f}× | {'yes' if t['met'] else 'no'} | {t['with_kept_calls_only']:.2f}× |")
    b = results["batch"]
    lines += ["", f"`summarize-batch`'s loop on one core (in-process engine, JSONL in and out): {b['docs_per_s']:.0f} documents/s "
              f"({1000 * b['seconds'] / b['documents']:.2f} ms per document, best of 3)."]
    return "\n".join(lines) + "\n"


RESULTS = ResultSet("everyday", format_markdown)


def main(argv: Sequence[str] | None = None) -> None:
    from .output import add_common_arguments, command, prepare

    parser = argparse.ArgumentParser(prog="python -m benchmarks.everyday", description="Per-document time on news-length articles, every system in one run.")
    add_common_arguments(parser)
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="rounds; the best is kept (default: %(default)s)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.rounds < 1:
        parser.error("--rounds must be positive")

    def body() -> None:
        easc = prepare(args, RESULTS.files(args.out).values())
        RESULTS.write(run_everyday(easc, rounds=args.rounds), args.out, force=args.force)

    command("benchmarks.everyday", body)


if __name__ == "__main__":
    main()
