"""Quality on the four development corpora, every system at equal length.

For each corpus in ``../shared/data`` (read by path, never copied here), at
the budget its README recommends: our defaults, Lead (the document's first
words), the older lead-sentences baseline, Random, the greedy Oracle and the
peers (sumy's TextRank and LexRank, summa, lexrank), through
``summarize-eval``'s own :func:`~summarizer_eval.evaluate` with its default
equal-length rule: a word budget cuts every summary to N words, and each
paired comparison with Lead scores both summaries of a document at the same
number of words. Results hold scores only, never corpus text::

    python -m benchmarks.corpora [--corpus easc-dev ...] [--resamples N] [--out DIR] [--force]

Each corpus's folder is ``$SUMMARIZER_DATA/<name>`` (default
``../shared/data`` beside the checkout), or the corpus's own variable
(``EASC_DEV``, ``BBC_AR_DEV``, ``FRANCE24_AR_DEV``, ``BBC_EN_DEV``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .output import REPO, BenchmarkError, ResultSet

__all__ = ["DEV_CORPORA", "RESULTS", "SYSTEMS", "DevCorpus", "corpus_path", "format_markdown", "main", "run_corpora"]

#: Where the development corpora are, unless a variable says otherwise.
DATA = Path(os.environ.get("SUMMARIZER_DATA") or REPO.parent / "shared" / "data")


@dataclass(frozen=True)
class DevCorpus:
    """One development corpus: where it is and the budget to evaluate it at."""

    name: str
    variable: str
    budget: dict[str, float | int]
    about: str

    @property
    def path(self) -> Path:
        return Path(os.environ.get(self.variable) or DATA / self.name)

    @property
    def budget_flag(self) -> str:
        (key, value), = self.budget.items()
        return f"--{key} {value:g}"


#: The budgets are the READMEs': EASC's references are about a third of the
#: article; the others' references average 23, 47 and 171 words.
DEV_CORPORA: tuple[DevCorpus, ...] = (
    DevCorpus("easc-dev", "EASC_DEV", {"ratio": 0.3}, "EASC dev: 92 Arabic articles, 5 extractive references each"),
    DevCorpus("ant-bbc-ar-dev", "BBC_AR_DEV", {"words": 25}, "BBC Arabic: 300 articles, one ~23-word abstractive summary"),
    DevCorpus("ant-france24-ar-dev", "FRANCE24_AR_DEV", {"words": 50}, "France 24 Arabic: 300 articles, ~47-word standfirst"),
    DevCorpus("bbc-news-en-dev", "BBC_EN_DEV", {"words": 175}, "BBC News (English): 300 articles, ~171-word extractive summary"),
)
#: Every system, ours first.
SYSTEMS: tuple[str, ...] = (
    "textrank", "lead", "lead-sentences", "random", "oracle", "sumy-textrank", "sumy-lexrank", "summa", "lexrank",
)


def corpus_path(name: str) -> Path:
    """The folder of a development corpus, checked."""
    corpus = next((c for c in DEV_CORPORA if c.name == name), None)
    if corpus is None:
        raise BenchmarkError(f"unknown corpus {name!r}; valid corpora: {', '.join(c.name for c in DEV_CORPORA)}")
    if not (corpus.path.is_dir() and any(corpus.path.glob("*/document.txt"))):
        raise BenchmarkError(
            f"{name} not found at {corpus.path}: put ../shared/data beside the checkout or set {corpus.variable}"
        )
    return corpus.path


def run_corpora(
    names: Sequence[str] | None = None,
    *,
    systems: Sequence[str] = SYSTEMS,
    resamples: int = 10_000,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Evaluate ``systems`` on each corpus at its budget; scores only."""
    from summarizer_eval import ArabicRouge, Bootstrap, corpus_sentences, evaluate, load_corpus, make_budget, make_systems

    from .output import machine

    chosen = [c for c in DEV_CORPORA if names is None or c.name in names]
    paths = {c.name: corpus_path(c.name) for c in chosen}  # all found before any work
    out: dict[str, Any] = {"machine": machine(), "corpora": []}
    for corpus in chosen:
        data = load_corpus(paths[corpus.name])
        scorer = ArabicRouge()
        background = lambda: corpus_sentences(d.text for d in data.documents)  # noqa: E731
        report = evaluate(
            data,
            systems=make_systems(list(systems), scorer=scorer, background=background),
            scorer=scorer,
            budget=make_budget(**corpus.budget),  # type: ignore[arg-type]
            bootstrap=Bootstrap(resamples=resamples),
            progress=lambda done, total: log(f"{corpus.name}: {done}/{total}") if done % 100 == 0 or done == total else None,
        )
        out["corpora"].append(
            {
                "name": corpus.name,
                "about": corpus.about,
                "path": str(paths[corpus.name]),
                "documents": len(data),
                "budget": corpus.budget,
                "command": f"summarize-eval {paths[corpus.name]} {corpus.budget_flag} --systems {','.join(systems)}",
                "settings": {k: v for k, v in report.settings.items() if k != "system_settings"},
                "system_settings": report.settings["system_settings"],
                "systems": [
                    {
                        "name": s.name,
                        "mean_words": s.mean_words,
                        "mean_sentences": s.mean_sentences,
                        "seconds": s.seconds,
                        "means": {m: {k: v.to_dict() for k, v in stats.items()} for m, stats in s.means.items()},
                    }
                    for s in report.systems
                ],
                "against_lead": [
                    {k: v for k, v in c.to_dict().items() if k != "documents"} for c in report.comparisons
                ],
            }
        )
        log(f"{corpus.name}: done in {report.seconds:.1f} s")
    return out


_LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeLsum": "R-Lsum"}


def _cell(d: dict[str, float]) -> str:
    return f"{d['mean']:.3f} [{d['low']:.3f}, {d['high']:.3f}]"


def _delta(c: dict[str, Any]) -> str:
    return f"{c['mean']:+.3f} [{c['low']:+.3f}, {c['high']:+.3f}] {c['verdict']}"


def format_markdown(results: dict[str, Any]) -> str:
    """One table per corpus: each system's own scores and length, and its
    equal-length paired difference with Lead."""
    from .output import describe

    lines = [
        "# Summary quality on the four development corpora, at equal length",
        "",
        f"{describe(results['machine'])} ROUGE F, references pooled (ROUGE-1.5.5 `-f A`), 95% percentile-bootstrap "
        "intervals over documents. Each system's own scores (its summaries as scored: a word budget cuts every "
        "summary to its first N words), then its paired difference with Lead with both summaries of each document "
        "cut to the same number of words (`summarize-eval`'s default equal-length rule). Lead is the document's "
        "first words, title lines included; lead-sentences the first selectable sentences.",
    ]
    for corpus in results["corpora"]:
        metrics = corpus["settings"]["metrics"]
        lines += [
            "",
            f"## {corpus['name']}: {corpus['about']}",
            "",
            f"{corpus['documents']} documents; budget {corpus['settings']['budget_description']}. "
            f"Command: `{corpus['command'].replace(corpus['path'], '../shared/data/' + corpus['name'])}`.",
            "",
            "| system | words | " + " | ".join(f"{_LABELS[m]} F" for m in metrics) + " | "
            + " | ".join(f"Δ {_LABELS[m]} vs Lead" for m in metrics) + " |",
            "|---|--:|" + "--:|" * (2 * len(metrics)),
        ]
        by_system: dict[str, dict[str, dict[str, Any]]] = {}
        for c in corpus["against_lead"]:
            by_system.setdefault(c["system"], {})[c["metric"]] = c
        for s in corpus["systems"]:
            deltas = by_system.get(s["name"])
            delta_cells = [(_delta(deltas[m]) if deltas else "(baseline)") for m in metrics]
            lines.append(
                f"| {s['name']} | {s['mean_words']:.1f} | "
                + " | ".join(_cell(s["means"][m]["f"]) for m in metrics)
                + " | " + " | ".join(delta_cells) + " |"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    from .output import check_free, command, log

    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpora", description="ROUGE on the four dev corpora at equal length.")
    parser.add_argument("--corpus", action="append", choices=[c.name for c in DEV_CORPORA], help="only this corpus (repeatable)")
    parser.add_argument("--resamples", type=int, default=10_000, help="bootstrap resamples (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results", help="results folder (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="replace existing results")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def body() -> None:
        for c in args.corpus or [c.name for c in DEV_CORPORA]:
            corpus_path(c)
        if not args.out.is_dir():
            raise BenchmarkError(f"{args.out} is not a folder")
        check_free(RESULTS.files(args.out).values(), force=args.force)
        RESULTS.write(run_corpora(args.corpus, resamples=args.resamples, log=log), args.out, force=args.force)

    command("benchmarks.corpora", body)


#: corpora.json and corpora.md.
RESULTS = ResultSet("corpora", format_markdown)

if __name__ == "__main__":
    main()
