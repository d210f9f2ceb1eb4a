"""Which TextRank settings make good Arabic summaries: the ablation behind the defaults.

Every variant is scored on EASC dev at the same budget as Lead, Random and
the Oracle, with the evaluation package's Arabic ROUGE, and compared with a
paired bootstrap both to Lead and to plain TextRank. Each direction is tried
on its own (added to plain TextRank) and together (the defaults, and the
defaults with one part taken out). A small grid shows how the two PageRank
knobs (damping, prior weight) interact.

    python benchmarks/ablation.py [--data PATH] [--ratio 0.3] [--out benchmarks/results]

Writes ``ablation.md`` and ``ablation.json`` under ``--out`` (``ablation-max.*``
with ``--multi-ref max``). Nothing here is
tuned per document: one setting is scored over the whole corpus.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.output import DEFAULT_EASC, describe, machine  # noqa: E402
from summarizer import Summarizer  # noqa: E402
from summarizer.strictjson import dumps  # noqa: E402
from summarizer_eval import ArabicRouge, Bootstrap, Lead, Oracle, Random, TextRank, evaluate, load_corpus, make_budget  # noqa: E402

METRICS = ("rouge1", "rouge2", "rougeLsum")
LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeLsum": "R-Lsum"}

#: Original TextRank over TF-IDF: uniform teleport, damping 0.85, no stemming, no
#: guard, sentences by score alone.
PLAIN: dict[str, Any] = {"prior": "none", "damping": 0.85, "stem": False, "redundancy": 1.0, "diversity": 0.0}

#: (name, options, what it tests). Options are given in full, never relative to
#: the library's current defaults, so the table stays meaningful if they change.
VARIANTS: list[tuple[str, dict[str, Any], str]] = [
    ("plain", PLAIN, "original TextRank over TF-IDF cosine"),
    ("plain-nostop", {**PLAIN, "stop_words": False}, "without Arabic stop words"),
    ("plain+stem", {**PLAIN, "stem": True}, "light stemming"),
    ("plain+bm25", {**PLAIN, "similarity": "bm25"}, "BM25 edge weights"),
    ("plain+overlap", {**PLAIN, "similarity": "overlap"}, "TextRank's original word-overlap weights"),
    ("plain+sublinear", {**PLAIN, "sublinear_tf": True}, "sublinear TF"),
    ("plain+lenpen", {**PLAIN, "length_penalty": 0.3}, "score × words^0.3"),
    ("plain+guard", {**PLAIN, "redundancy": 0.7}, "redundancy guard at selection (cos ≥ 0.7 skipped)"),
    ("plain+mmr", {**PLAIN, "diversity": 0.3}, "maximal marginal relevance at selection (diversity 0.3)"),
    ("plain+d0.4", {**PLAIN, "damping": 0.4}, "damping 0.4, uniform teleport"),
    ("plain+position", {**PLAIN, "prior": "position", "prior_weight": 0.5}, "position prior (1/rank), weight 0.5"),
    ("plain+opening", {**PLAIN, "prior": "opening", "prior_weight": 0.5}, "prior: similarity to the opening sentence"),
    ("plain+centroid", {**PLAIN, "prior": "centroid", "prior_weight": 0.5}, "prior: similarity to the document centroid"),
    ("plain+position+d0.4", {**PLAIN, "prior": "position", "prior_weight": 0.5, "damping": 0.4}, "position prior with damping 0.4"),
    ("default", {}, "the library's defaults"),
    ("default-stem", {"stem": False}, "defaults without stemming"),
    ("default-guard", {"redundancy": 1.0}, "defaults without the redundancy guard"),
    ("default-mmr", {"diversity": 0.0}, "defaults without marginal relevance (by score alone)"),
    ("default-mmr-guard", {"diversity": 0.0, "redundancy": 1.0}, "defaults with neither marginal relevance nor the guard"),
    ("default-prior", {"prior": "none"}, "defaults without the position prior"),
    ("default+lenpen", {"length_penalty": 0.3}, "defaults with score × words^0.3"),
    ("default-stop", {"stop_words": False}, "defaults without stop words"),
    ("default+bm25", {"similarity": "bm25"}, "defaults with BM25 weights"),
    ("default+overlap", {"similarity": "overlap"}, "defaults with overlap weights"),
]
GRID_DAMPING = (0.3, 0.4, 0.5, 0.7, 0.85)
GRID_WEIGHT = (0.25, 0.5, 0.75, 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_EASC, help="EASC dev folder (default: %(default)s)")
    parser.add_argument("--ratio", type=float, default=0.3)
    parser.add_argument("--multi-ref", default="pooled", choices=("pooled", "max"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--no-grid", action="store_true", help="skip the damping × prior-weight grid")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"ablation: error: no corpus at {args.data}; give --data PATH (an EASC-style folder)", file=sys.stderr)
        return 2

    info = machine()
    corpus = load_corpus(args.data)
    scorer = ArabicRouge(multi_ref=args.multi_ref)
    bootstrap = Bootstrap()
    systems = [Lead(), Random(), Oracle(dataclasses.replace(scorer, metrics=("rouge1", "rouge2")))]
    systems += [TextRank(Summarizer(**opts), name=name) for name, opts, _ in VARIANTS]
    started = time.perf_counter()
    report = evaluate(
        corpus, systems=systems, scorer=scorer, budget=make_budget(ratio=args.ratio), bootstrap=bootstrap, also_against=["plain"]
    )
    # Paired differences at equal length, as summarize-eval makes them.
    versus = {(c.system, c.baseline, c.metric): c.difference.to_dict() for c in report.comparisons}

    rows = []
    for name, opts, what in [("lead", {}, "the first words, title lines included"), ("random", {}, "seeded random"), ("oracle", {}, "greedy ROUGE oracle")] + VARIANTS:
        result = report.system(name)
        row: dict[str, Any] = {"system": name, "options": opts, "what": what}
        for m in METRICS:
            row[m] = result.means[m]["f"].to_dict()
            if name not in ("lead", "oracle", "random"):
                row[f"{m}_vs_lead"] = versus[(name, "lead", m)]
                row[f"{m}_vs_plain"] = versus.get((name, "plain", m), {"mean": 0.0, "low": 0.0, "high": 0.0, "p_value": 1.0, "verdict": "tie"})
        rows.append(row)

    # Both gaps as equal-length differences with Lead.
    gap = {m: versus[("default", "lead", m)]["mean"] / versus[("oracle", "lead", m)]["mean"] for m in METRICS}

    grid = [] if args.no_grid else _grid(corpus, scorer, bootstrap, args.ratio)
    out = {
        "machine": info,  # date, commit, CPU, load at the start
        "corpus": str(args.data),
        "documents": len(corpus),
        "budget": f"ratio {args.ratio} of distinct selectable sentences (same sentence count for every system); "
        "differences at equal length (each pair cut to the shorter summary's words)",
        "multi_ref": args.multi_ref,
        "bootstrap": {"resamples": bootstrap.resamples, "seed": bootstrap.seed},
        "defaults": {k: v for k, v in Summarizer().settings().items() if k not in ("ratio", "sentences", "words")},
        "rows": rows,
        "gap_closed_lead_to_oracle": gap,
        "grid": grid,
        "seconds": round(time.perf_counter() - started, 1),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    stem = "ablation" if args.multi_ref == "pooled" else f"ablation-{args.multi_ref}"
    (args.out / f"{stem}.json").write_text(dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md = _markdown(out)
    (args.out / f"{stem}.md").write_text(md, encoding="utf-8")
    print(md)
    return 0


def _grid(corpus: Any, scorer: ArabicRouge, bootstrap: Bootstrap, ratio: float) -> list[dict[str, Any]]:
    systems = [Lead()] + [
        TextRank(Summarizer(damping=d, prior="position", prior_weight=w), name=f"d{d}-w{w}")
        for d in GRID_DAMPING
        for w in GRID_WEIGHT
    ]
    report = evaluate(corpus, systems=systems, scorer=scorer, budget=make_budget(ratio=ratio), bootstrap=bootstrap)
    delta = {(c.system, c.metric): c.difference.mean for c in report.comparisons}  # vs Lead, at equal length
    cells = []
    for d in GRID_DAMPING:
        for w in GRID_WEIGHT:
            cells.append({"damping": d, "prior_weight": w, **{m: delta[(f"d{d}-w{w}", m)] for m in METRICS}})
    return cells


def _fmt_diff(d: dict[str, Any]) -> str:
    return f"{d['mean']:+.4f} ({d['verdict']})"


def _markdown(out: dict[str, Any]) -> str:
    lines = [
        "# TextRank ablation on EASC dev",
        "",
        f"{describe(out['machine'])} {out['documents']} documents; budget: {out['budget']}; ROUGE F with Arabic "
        f"normalization, multi-reference mode `{out['multi_ref']}`; 95% CI by percentile bootstrap over documents "
        f"({out['bootstrap']['resamples']} resamples, seed {out['bootstrap']['seed']}); paired bootstrap verdicts "
        f"(better / worse: one-sided p < 0.05); run took {out['seconds']} s.",
        "",
        "Defaults: " + ", ".join(f"`{k}={v}`" for k, v in out["defaults"].items()),
        "",
        "| system | what | R-1 F [95% CI] | R-2 F [95% CI] | R-Lsum F [95% CI] | Δ vs Lead (R-1 / R-2 / R-Lsum) | Δ vs plain (R-1 / R-2 / R-Lsum) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in out["rows"]:
        cells = [f"{row[m]['mean']:.4f} [{row[m]['low']:.4f}, {row[m]['high']:.4f}]" for m in METRICS]
        if "rouge1_vs_lead" in row:
            vs_lead = " / ".join(_fmt_diff(row[f"{m}_vs_lead"]) for m in METRICS)
            vs_plain = " / ".join(_fmt_diff(row[f"{m}_vs_plain"]) for m in METRICS)
        else:
            vs_lead = vs_plain = ""
        lines.append(f"| {row['system']} | {row['what']} | " + " | ".join(cells) + f" | {vs_lead} | {vs_plain} |")
    gap = out["gap_closed_lead_to_oracle"]
    lines += [
        "",
        "Share of the Lead → Oracle gap closed by the defaults: "
        + ", ".join(f"{LABELS[m]} {100 * gap[m]:.1f}%" for m in METRICS),
    ]
    if out["grid"]:
        lines += ["", "Position prior grid (ΔF against Lead at equal length, R-1 / R-2 / R-Lsum):", ""]
        weights = sorted({c["prior_weight"] for c in out["grid"]})
        lines.append("| damping \\ prior weight | " + " | ".join(str(w) for w in weights) + " |")
        lines.append("| --- |" + " --- |" * len(weights))
        for d in sorted({c["damping"] for c in out["grid"]}):
            cells = [c for c in out["grid"] if c["damping"] == d]
            lines.append(
                f"| {d} | " + " | ".join(" / ".join(f"{c[m]:+.4f}" for m in METRICS) for c in cells) + " |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
