"""Summary quality on EASC dev: our TextRank, its variants, baselines, peers.

Everything goes through the evaluation package (:mod:`summarizer_eval`):
the same sentences and the same per-document sentence count for every
system (ratio 0.3 of the distinct selectable sentences), ROUGE with an
Arabic tokenizer pooled over the five references, bootstrap intervals over
documents and paired comparisons with Lead at equal length (both summaries
of a document cut to the shorter one's words). The four corpora together:
:mod:`benchmarks.corpora`. Results hold scores and
selected sentence indices only, never EASC text (the corpus stays outside
the repository).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .output import ResultSet

__all__ = ["RESULTS", "VARIANTS", "format_markdown", "main", "make_all_systems", "plot", "run_quality", "sparse_check"]

RATIO = 0.3
#: Our summarizer with one setting changed from its defaults: name -> options.
#: ``graph=sparse`` forces the long-document path on normal documents.
VARIANTS: dict[str, dict[str, Any]] = {
    "stop_words": {"stop_words": "flip"},
    "stem": {"stem": "flip"},
    "graph=sparse": {"graph": "sparse"},
    "graph=sparse,top_k=5": {"graph": "sparse", "top_k": 5},
}
BASELINES: tuple[str, ...] = ("lead", "random", "oracle")


def _variant(options: dict[str, Any]) -> tuple[str, Any]:
    """The variant's name (what differs from the defaults) and its summarizer."""
    from summarizer import Summarizer

    defaults = Summarizer()
    resolved = {k: (not getattr(defaults, k)) if v == "flip" else v for k, v in options.items()}
    name = "textrank " + ",".join(f"{k}={_show(v)}" for k, v in resolved.items())
    return name, Summarizer(**resolved)


def _show(value: Any) -> str:
    return {True: "on", False: "off"}.get(value, str(value)) if isinstance(value, bool) else str(value)


def make_all_systems(
    corpus: Any, *, scorer: Any, ours_only: bool = False, peers: Sequence[str] | None = None, variants: bool = True
) -> list[Any]:
    """TextRank (defaults, then variants), baselines, then peers."""
    from summarizer_eval import TextRank, corpus_sentences, make_systems
    from summarizer_eval.peers import PEER_NAMES, PeerSystem, make_peer

    systems: list[Any] = [TextRank(name="textrank")]
    if variants and not ours_only:
        for options in VARIANTS.values():
            name, summarizer = _variant(options)
            systems.append(TextRank(summarizer, name=name))
    systems += make_systems(["lead", "random"] if ours_only else list(BASELINES), scorer=scorer)
    if not ours_only:
        background = corpus_sentences(d.text for d in corpus.documents)
        systems += [PeerSystem(make_peer(p, background=background)) for p in (PEER_NAMES if peers is None else peers)]
    return systems


def run_quality(
    easc: Path,
    *,
    ours_only: bool = False,
    resamples: int = 10_000,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Evaluate every system on ``easc`` and summarize the report for JSON."""
    from summarizer_eval import ArabicRouge, Bootstrap, evaluate, load_corpus, make_budget

    from .output import machine

    corpus = load_corpus(easc)
    scorer = ArabicRouge()
    bootstrap = Bootstrap(resamples=resamples)
    systems = make_all_systems(corpus, scorer=scorer, ours_only=ours_only)
    log(f"quality: {len(systems)} systems on {len(corpus)} documents")
    names = {s.name for s in systems}
    # Every comparison at equal length: against Lead, against Random (the CI
    # floor), and the forced sparse path against the default one.
    also = (["random"] if "random" in names else []) + (["textrank"] if "textrank graph=sparse" in names else [])
    report = evaluate(
        corpus,
        systems=systems,
        scorer=scorer,
        budget=make_budget(ratio=RATIO),
        bootstrap=bootstrap,
        baseline="lead",
        also_against=also,
        progress=lambda done, total: log(f"quality: {done}/{total} documents") if done % 23 == 0 or done == total else None,
    )
    metrics = list(report.metrics)
    out: dict[str, Any] = {
        "machine": machine(),
        "corpus": {"path": str(easc), "documents": len(corpus)},
        "settings": {k: v for k, v in report.settings.items() if k != "system_settings"},
        "system_settings": report.settings["system_settings"],
        "systems": [
            {
                "name": s.name,
                "seconds": s.seconds,
                "means": {m: {k: v.to_dict() for k, v in stats.items()} for m, stats in s.means.items()},
                "per_document_f": {m: s.values(m) for m in metrics},
                "selected": {d.doc_id: list(d.selected) for d in s.documents},
            }
            for s in report.systems
        ],
        "against_lead": [_brief(c) for c in report.comparisons if c.baseline == "lead"],
        "against_random": [_brief(c) for c in report.comparisons if c.baseline == "random" and c.system == "textrank"],
    }
    if "textrank graph=sparse" in names:
        out["sparse_check"] = sparse_check(report, "textrank graph=sparse", "textrank")
    return out


def _brief(comparison: Any) -> dict[str, Any]:
    """A comparison without its per-document values."""
    return {k: v for k, v in comparison.to_dict().items() if k != "documents"}


def sparse_check(report: Any, forced: str, default: str) -> dict[str, Any]:
    """Issue 6: forcing the sparse path must not change summaries of normal
    documents, or at least not their ROUGE beyond the bootstrap interval
    (the report's comparison of the two at equal length: ``evaluate`` was
    asked to compare against ``default`` too)."""
    a, b = report.system(forced), report.system(default)
    same = sum(x.selected == y.selected for x, y in zip(a.documents, b.documents))
    differences = {
        c.metric: c.difference.to_dict() for c in report.comparisons if c.system == forced and c.baseline == default
    }
    return {
        "forced": forced,
        "default": default,
        "documents": len(a.documents),
        "identical_summaries": same,
        "difference": differences,
        "equal_within_interval": all(d["low"] <= 0.0 <= d["high"] for d in differences.values()),
    }


# -- reports -----------------------------------------------------------------

_LABELS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeLsum": "ROUGE-Lsum"}


def _interval(d: dict[str, float], scale: float = 100.0) -> str:
    return f"{d['mean'] * scale:.2f} [{d['low'] * scale:.2f}, {d['high'] * scale:.2f}]"


def format_markdown(results: dict[str, Any]) -> str:
    """Means with intervals, the paired comparison with Lead, the sparse check."""
    from .output import describe

    metrics = results["settings"]["metrics"]
    m = results["machine"]
    lines = [
        "# Summary quality on EASC dev",
        "",
        f"{describe(m)} "
        f"{results['corpus']['documents']} documents; {results['settings']['budget_description']}; "
        f"ROUGE F (×100), references {results['settings']['multi_ref']}, "
        f"{results['settings']['resamples']:,} bootstrap resamples over documents, "
        f"{int(results['settings']['confidence'] * 100)}% intervals.",
        "",
        "| system | " + " | ".join(_LABELS.get(x, x) + " F" for x in metrics) + " | seconds |",
        "|---|" + "--:|" * (len(metrics) + 1),
    ]
    for s in results["systems"]:
        cells = " | ".join(_interval(s["means"][x]["f"]) for x in metrics)
        lines.append(f"| {s['name']} | {cells} | {s['seconds']:.2f} |")
    lines += [
        "",
        "## Paired difference with Lead at equal length (system − Lead, F ×100; both summaries of a document cut to the shorter one's words)",
        "",
        "| system | " + " | ".join(_LABELS.get(x, x) for x in metrics) + " |",
        "|---|" + "--:|" * len(metrics),
    ]
    by_system: dict[str, dict[str, dict[str, Any]]] = {}
    for c in results["against_lead"]:
        by_system.setdefault(c["system"], {})[c["metric"]] = c
    for name, row in by_system.items():
        cells = " | ".join(f"{_interval(row[x])} {row[x]['verdict']}" for x in metrics)
        lines.append(f"| {name} | {cells} |")
    check = results.get("sparse_check")
    if check:
        lines += [
            "",
            "## Forcing the sparse graph path on normal documents (issue 6)",
            "",
            f"`{check['forced']}` against `{check['default']}`: {check['identical_summaries']} of "
            f"{check['documents']} summaries identical; paired difference (F ×100): "
            + "; ".join(f"{_LABELS.get(x, x)} {_interval(check['difference'][x])}" for x in metrics)
            + f". Equal within the interval: {'yes' if check['equal_within_interval'] else 'NO'}.",
        ]
    return "\n".join(lines) + "\n"


def plot(results: dict[str, Any], path: Path) -> None:
    """ROUGE F of every system with its interval, one panel per metric."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .output import save_figure

    metrics = results["settings"]["metrics"]
    systems = results["systems"]
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 0.38 * len(systems) + 1.6), sharey=True)
    axes = list(axes) if len(metrics) > 1 else [axes]
    ys = list(range(len(systems)))[::-1]
    for ax, metric in zip(axes, metrics):
        for y, s in zip(ys, systems):
            f = s["means"][metric]["f"]
            color = "tab:blue" if s["name"].startswith("textrank") else ("tab:grey" if s["name"] in BASELINES else "tab:orange")
            ax.errorbar(
                f["mean"] * 100,
                y,
                xerr=[[(f["mean"] - f["low"]) * 100], [(f["high"] - f["mean"]) * 100]],
                fmt="o",
                color=color,
                capsize=3,
            )
        lead = next(s for s in systems if s["name"] == "lead")["means"][metric]["f"]["mean"] * 100
        ax.axvline(lead, color="grey", linestyle=":", linewidth=1)
        ax.set_title(f"{_LABELS.get(metric, metric)} F ×100")
        ax.grid(True, axis="x", alpha=0.3)
    axes[0].set_yticks(ys)
    axes[0].set_yticklabels([s["name"] for s in systems])
    fig.suptitle(
        f"EASC dev, {results['corpus']['documents']} documents, ratio {RATIO}: mean and "
        f"{int(results['settings']['confidence'] * 100)}% bootstrap interval (dotted: Lead)"
    )
    fig.tight_layout()
    save_figure(fig, path)
    plt.close(fig)


# -- command line --------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    from .output import add_common_arguments, command, log, prepare

    parser = argparse.ArgumentParser(prog="python -m benchmarks.quality", description="ROUGE of our summarizer, baselines and peers on EASC dev.")
    add_common_arguments(parser)
    parser.add_argument("--resamples", type=int, default=10_000, help="bootstrap resamples (default: %(default)s)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def body() -> None:
        easc = prepare(args, RESULTS.files(args.out).values())
        RESULTS.write(run_quality(easc, resamples=args.resamples, log=log), args.out, force=args.force)

    command("benchmarks.quality", body)


#: quality.json, quality.md and quality.png.
RESULTS = ResultSet("quality", format_markdown, plot)

if __name__ == "__main__":
    main()
