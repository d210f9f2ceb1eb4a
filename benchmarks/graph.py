"""How faithful the long-document graph is to exact TextRank.

    python -m benchmarks.graph [--easc PATH] [--out DIR] [--force]

On long texts (EASC dev's 92 documents concatenated, real prose; synthetic
documents of 10,000 and 100,000 sentences), exact TextRank scores are compared with
the sparse path's: each sentence's ``top_k`` neighbours, with and without the
residual "rest of the text" node (:func:`summarizer.rank.residual_similarity`),
under TextRank's classic PageRank (damping 0.85, uniform teleport) and the
library's defaults. Reported: Spearman correlation of the scores with exact
TextRank's, the share of exact TextRank's top 30% that stays in the top 30%,
and the time of similarity + graph + PageRank.

Exact TextRank on 10,000 sentences already has 4.7 million edges (networkx would
need minutes and gigabytes), so the reference is computed by power iteration
on ``X Xᵀ`` without forming it, with networkx's conventions (dangling mass
follows the teleport vector); on the EASC text it is checked against
``networkx.pagerank`` on the exact graph.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["TOP_KS", "exact_textrank", "format_markdown", "main", "measure", "run_graph", "tfidf_of"]

TOP_KS: tuple[int, ...] = (5, 10, 20)
SYNTHETIC_SIZES: tuple[int, ...] = (10_000, 100_000)
TOP_SHARE = 0.3


def tfidf_of(text: str) -> Any:
    """The TF-IDF rows of ``text``'s units, from the summarizer's own
    pipeline with its default settings (Arabic rules)."""
    from summarizer import Summarizer

    return Summarizer(language="ar").prepare(text).vectors.tfidf


def exact_textrank(X: Any, *, damping: float, personalization: Any | None, tol: float = 1e-12) -> Any:
    """PageRank of the full cosine graph ``X Xᵀ`` (zero diagonal), never formed."""
    import numpy as np

    n = X.shape[0]
    p = np.full(n, 1.0 / n) if personalization is None else np.asarray(personalization, float) / np.sum(personalization)
    self_sim = np.asarray(X.multiply(X).sum(axis=1)).ravel()
    degree = np.asarray(X @ np.asarray(X.sum(axis=0)).ravel()).ravel() - self_sim
    degree[degree < 1e-12] = 0.0
    dangling = degree == 0.0
    inverse = np.divide(1.0, degree, out=np.zeros(n), where=~dangling)
    x = np.full(n, 1.0 / n)
    for _ in range(10_000):
        y = x * inverse
        walk = np.asarray(X @ (X.T @ y)).ravel() - self_sim * y
        new = damping * (walk + x[dangling].sum() * p) + (1.0 - damping) * p
        if np.abs(new - x).sum() < n * tol:
            return new
        x = new
    raise RuntimeError("exact TextRank did not converge")


def _agreement(scores: Any, exact: Any) -> dict[str, float]:
    import numpy as np
    from scipy.stats import spearmanr

    m = max(1, int(TOP_SHARE * len(exact)))
    top = set(np.argsort(-exact, kind="stable")[:m].tolist())
    mine = set(np.argsort(-scores, kind="stable")[:m].tolist())
    return {"spearman": float(spearmanr(scores, exact).statistic), "top30_kept": len(top & mine) / m}


def _settings() -> list[dict[str, Any]]:
    from summarizer import Summarizer

    s = Summarizer()
    return [
        {"name": "TextRank (damping 0.85, uniform teleport)", "damping": 0.85, "prior": "none", "prior_weight": 0.0},
        {"name": f"library defaults (damping {s.damping}, prior {s.prior} {s.prior_weight})", "damping": s.damping, "prior": s.prior, "prior_weight": s.prior_weight},
    ]


def measure(label: str, X: Any, *, check_networkx: bool, budgets: Sequence[int | None] = (None,)) -> dict[str, Any]:
    """Every variant against exact TextRank; ``budgets`` are candidate-search
    budgets in products (``None``: the library's default)."""
    from summarizer import rank
    from summarizer.pipeline import prior_vector  # the teleport vector exactly as the summarizer builds it

    out: dict[str, Any] = {"text": label, "sentences": X.shape[0], "settings": []}
    for setting in _settings():
        prior = prior_vector(setting["prior"], setting["prior_weight"], X)
        exact = exact_textrank(X, damping=setting["damping"], personalization=prior)
        row: dict[str, Any] = {**setting, "variants": []}
        if check_networkx:
            start = time.perf_counter()
            S = rank.similarity_matrix(X, method="exact")
            nx_exact = rank.pagerank(S, damping=setting["damping"], personalization=prior)
            row["exact_networkx"] = {"seconds": time.perf_counter() - start, "edges": S.nnz // 2, "max_abs_difference": float(abs(nx_exact - exact).max())}
        for budget in budgets:
            products = rank.candidate_budget(X.shape[0]) if budget is None else budget
            for k in TOP_KS:
                start = time.perf_counter()
                S = rank.similarity_matrix(X, method="sparse", top_k=k, candidate_products=products)
                built = time.perf_counter() - start
                for hub in (False, True):
                    start = time.perf_counter()
                    residual = rank.residual_similarity(X, S) if hub else None
                    scores = rank.pagerank(S, damping=setting["damping"], personalization=prior, hub=residual)
                    seconds = built + time.perf_counter() - start
                    row["variants"].append(
                        {
                            "candidate_products": products,
                            "top_k": k,
                            "hub": hub,
                            "edges": S.nnz // 2,
                            "seconds": seconds,
                            **_agreement(scores, exact),
                        }
                    )
        out["settings"].append(row)
    return out


def run_graph(easc: Path) -> dict[str, Any]:
    from .output import REPO, machine
    from .synthetic import default_sources, load_vocabulary, synthetic_document

    concatenated = "\n".join(p.read_text("utf-8", errors="replace") for p in sorted(easc.glob("*/document.txt")))
    vocabulary = load_vocabulary(default_sources(REPO, easc))
    texts = [measure("EASC dev concatenated", tfidf_of(concatenated), check_networkx=True)]
    for n in SYNTHETIC_SIZES:
        X = tfidf_of(synthetic_document(n, vocabulary, seed=0))
        # at the largest size, also a candidate search 3.2 times as wide
        budgets = (None, 32 * n) if n == max(SYNTHETIC_SIZES) else (None,)
        texts.append(measure(f"synthetic {n:,} sentences", X, check_networkx=False, budgets=budgets))
    return {"machine": machine(), "texts": texts}


def format_markdown(results: dict[str, Any]) -> str:
    from .output import describe

    m = results["machine"]
    lines = [
        "# Long-document graph against exact TextRank",
        "",
        f"{describe(m)} Command: `python -m benchmarks.graph`. "
        f"Agreement of each sparse variant's scores with exact TextRank's: Spearman correlation, and the share "
        f"of exact TextRank's top {int(TOP_SHARE * 100)}% still in the top {int(TOP_SHARE * 100)}%. Seconds: similarity + graph + PageRank.",
    ]
    for text in results["texts"]:
        lines += ["", f"## {text['text']} ({text['sentences']:,} sentences)"]
        for row in text["settings"]:
            lines += ["", f"**{row['name']}**"]
            if "exact_networkx" in row:
                e = row["exact_networkx"]
                lines.append(
                    f"Exact graph in networkx: {e['edges']:,} edges, {e['seconds']:.2f} s "
                    f"(matches the reference to {e['max_abs_difference']:.1e})."
                )
            lines += [
                "",
                "| candidate products | top_k | rest-of-text node | edges | Spearman | top 30% kept | seconds |",
                "|--:|--:|---|--:|--:|--:|--:|",
            ]
            for v in row["variants"]:
                lines.append(
                    f"| {v['candidate_products']:,} | {v['top_k']} | {'yes' if v['hub'] else 'no'} | {v['edges']:,} | "
                    f"{v['spearman']:.3f} | {v['top30_kept']:.0%} | {v['seconds']:.2f} |"
                )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    from .output import ResultSet, add_common_arguments, command, prepare

    parser = argparse.ArgumentParser(prog="python -m benchmarks.graph", description="Fidelity of the sparse graph path to exact TextRank.")
    add_common_arguments(parser)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def body() -> None:
        results_set = ResultSet("graph", format_markdown)
        results = run_graph(prepare(args, results_set.files(args.out).values()))
        results_set.write(results, args.out, force=args.force)

    command("benchmarks.graph", body)


if __name__ == "__main__":
    main()
