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
    """What each system is given: our sentences, and for ``kept`` the exact
    arguments the pipeline passes to scikit-learn and networkx."""
    from summarizer import Summarizer
    from summarizer.pipeline import prior_vector
    from summarizer.rank import residual_similarity
    from summarizer.similarity import edge_weights

    s = Summarizer()
    docs = [s.prepare(t) for t in texts]
    kept = []
    for d in docs:
        nodes = list(d.nodes)
        S, X, terms = d.similarity, d.vectors.tfidf, d.vectors.terms
        if len(nodes) != len(d.units):
            S, X, terms = S[nodes][:, nodes], X[nodes], terms[nodes]
        W = edge_weights(S, terms, kind=s.similarity)
        hub = residual_similarity(X, S)
        kept.append((d.vectors.terms, W, hub, prior_vector(s.prior, s.prior_weight, X), len(nodes)))
    return {"summarizer": s, "sentences": [[u.text for u in d.units] for d in docs], "kept": kept}


def _kept_calls(kept: Sequence[tuple[Any, ...]], *, damping: float, forward: float) -> Callable[[], None]:
    import networkx as nx
    import sklearn
    from sklearn.feature_extraction.text import TfidfTransformer

    from summarizer.rank import build_graph

    def run() -> None:
        for terms, W, hub, prior, n in kept:
            with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
                TfidfTransformer(norm=None).fit_transform(terms)
            G = build_graph(W, hub=hub, forward=forward)
            p = None if prior is None else dict(zip(range(n), prior.tolist()))
            nx.pagerank(G, alpha=damping, personalization=p, weight="weight", max_iter=500, tol=1e-10)

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
        "kept": _kept_calls(given["kept"], damping=s.damping, forward=s.forward),
        "floor": lambda: [TfidfVectorizer().fit_transform(x) for x in sentences] and None,
        **{name: peer(name) for name in peers},
    }


def _batch_rate(texts: Sequence[str], rounds: int) -> dict[str, Any]:
    """Documents per second of ``run_batch`` in this process (one core)."""
    import json

    from summarizer import Summarizer
    from summarizer.batch import BatchSummarizer, run_batch
    from summarizer.batch.engines import InProcessEngine
    from summarizer.batch.io import open_sink, open_source

    job = BatchSummarizer(summarizer=Summarizer())
    best = None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "docs.jsonl"
        source.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
        for k in range(rounds + 1):  # the first run warms the libraries
            out = Path(tmp) / f"out{k}.jsonl"
            start = time.perf_counter()
            with open_sink(out, existing="fail") as sink:
                report = run_batch(open_source(source), sink, job=job, engine=InProcessEngine())
            seconds = time.perf_counter() - start
            if k and (best is None or seconds < best):
                best = seconds
    assert best is not None and report.summarized == len(texts)
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
