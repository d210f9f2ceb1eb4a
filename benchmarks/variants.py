"""Summarizer variants against Lead at equal length on the four dev corpora.

Each variant is a set of :class:`summarizer.Summarizer` options; every one is
scored with ``summarize-eval``'s own :func:`~summarizer_eval.evaluate`
(equal-length comparisons, Lead as the document's first words) at each
corpus's budget, one corpus per process::

    python -m benchmarks.variants benchmarks/variants.json [--corpus NAME ...] [--resamples 1000]

Prints one row per variant: Δ ROUGE-1 / ROUGE-2 / ROUGE-Lsum against the
baseline (Lead, or ``--baseline NAME``, a variant's name) per corpus, ``*``
when better on all three, ``!`` when worse on one. What the README's table
of directions was made with.

A variant's options may include ``"fixed_sentences": k``: the summarizer then
returns its ``k`` best sentences whatever the budget, and a word budget cuts
them to N words in document order ("``--sentences k`` cut at N", the rule a
word budget is checked against); ``"filling_sentences": true`` takes, per
document, the ``k`` whose best sentences fill the budget.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["main", "run_variants"]

_SHORT = {"easc-dev": "EASC", "ant-bbc-ar-dev": "BBC Arabic", "ant-france24-ar-dev": "France 24", "bbc-news-en-dev": "BBC English"}


@dataclass(frozen=True)
class FixedSentences:
    """The summarizer's ``k`` best sentences, whatever the budget."""

    k: int
    summarizer: Any
    name: str

    def summarize(self, view: Any, budget: Any) -> Any:
        from summarizer.select import Budget
        from summarizer_eval import TextRank

        return TextRank(self.summarizer).summarize(view, Budget(sentences=self.k))


@dataclass(frozen=True)
class FillingSentences:
    """``--sentences k`` for the ``k`` that fills the word budget: as many
    best sentences as the word budget takes (the crossing one included),
    whole; the evaluation then cuts them to N words in document order."""

    summarizer: Any
    name: str

    def summarize(self, view: Any, budget: Any) -> Any:
        from summarizer.select import Budget
        from summarizer_eval import TextRank

        k = len(TextRank(self.summarizer).summarize(view, budget).selected)
        return TextRank(self.summarizer).summarize(view, Budget(sentences=max(k, 1)))


def _system(name: str, options: dict[str, Any]) -> Any:
    from summarizer import Summarizer
    from summarizer_eval import TextRank

    options = dict(options)
    if options.get("trim") is False and "words" not in options:
        # trim=False needs a word budget; the evaluation sets each
        # corpus's own (and drops trim under a ratio), so any one does here.
        options["words"] = 1
    if options.pop("filling_sentences", False):
        return FillingSentences(Summarizer(**options), name)
    k = options.pop("fixed_sentences", None)
    return FixedSentences(int(k), Summarizer(**options), name) if k else TextRank(Summarizer(**options), name=name)


def _one(job: tuple[str, dict[str, dict[str, Any]], int, str]) -> tuple[str, dict[str, dict[str, tuple[float, str]]]]:
    from summarizer_eval import ArabicRouge, Bootstrap, evaluate, load_corpus, make_budget, make_systems

    from .corpora import DEV_CORPORA, corpus_path

    name, variants, resamples, baseline = job
    corpus = next(c for c in DEV_CORPORA if c.name == name)
    scorer = ArabicRouge()
    systems = [*make_systems(["lead"], scorer=scorer), *(_system(n, o) for n, o in variants.items())]
    report = evaluate(load_corpus(corpus_path(name)), systems=systems, scorer=scorer, baseline=baseline,
                      budget=make_budget(**corpus.budget), bootstrap=Bootstrap(resamples=resamples))  # type: ignore[arg-type]
    out: dict[str, dict[str, tuple[float, str]]] = {}
    for c in report.comparisons:
        out.setdefault(c.system, {})[c.metric] = (c.difference.mean, c.difference.verdict)
    return name, out


def run_variants(
    variants: dict[str, dict[str, Any]], corpora: Sequence[str], *, resamples: int = 1000, baseline: str = "lead"
) -> list[tuple[str, Any]]:
    """Δ against the baseline per corpus and variant (two processes)."""
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(_one, [(c, variants, resamples, baseline) for c in corpora]))


def main(argv: Sequence[str] | None = None) -> None:
    from .corpora import DEV_CORPORA

    parser = argparse.ArgumentParser(prog="python -m benchmarks.variants", description=__doc__.splitlines()[0])
    parser.add_argument("variants", type=Path, help="JSON object: variant name -> Summarizer options")
    parser.add_argument("--corpus", action="append", choices=[c.name for c in DEV_CORPORA])
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--baseline", default="lead", help="compare with this system: lead or a variant's name")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    variants = json.loads(args.variants.read_text(encoding="utf-8"))
    if args.baseline != "lead" and args.baseline not in variants:
        parser.error(f"--baseline must be lead or one of the variants: {', '.join(variants)}")
    results = run_variants(variants, args.corpus or [c.name for c in DEV_CORPORA], resamples=args.resamples, baseline=args.baseline)
    print("| variant | " + " | ".join(_SHORT[c] for c, _ in results) + " |")
    print("| --- |" + " --- |" * len(results))
    for name in (n for n in variants if n != args.baseline):
        cells = []
        for _, out in results:
            d = out[name]
            mark = " *" if all(v[1] == "better" for v in d.values()) else (" !" if any(v[1] == "worse" for v in d.values()) else "")
            cells.append("/".join(f"{d[m][0]:+.3f}" for m in ("rouge1", "rouge2", "rougeLsum")) + mark)
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
