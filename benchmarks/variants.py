"""Summarizer variants against Lead at equal length on the four dev corpora.

Each variant is a set of :class:`summarizer.Summarizer` options; every one is
scored with ``summarize-eval``'s own :func:`~summarizer_eval.evaluate`
(equal-length comparisons, Lead as the document's first words) at each
corpus's budget, one corpus per process::

    python -m benchmarks.variants benchmarks/variants.json [--corpus NAME ...] [--resamples 1000]

Prints one row per variant: Δ ROUGE-1 / ROUGE-2 / ROUGE-Lsum against Lead
per corpus, ``*`` when better on all three, ``!`` when worse on one. What
the README's table of directions was made with.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

__all__ = ["main", "run_variants"]

_SHORT = {"easc-dev": "EASC", "ant-bbc-ar-dev": "BBC Arabic", "ant-france24-ar-dev": "France 24", "bbc-news-en-dev": "BBC English"}


def _one(job: tuple[str, dict[str, dict[str, Any]], int]) -> tuple[str, dict[str, dict[str, tuple[float, str]]]]:
    from summarizer import Summarizer
    from summarizer_eval import ArabicRouge, Bootstrap, TextRank, evaluate, load_corpus, make_budget, make_systems

    from .corpora import DEV_CORPORA, corpus_path

    name, variants, resamples = job
    corpus = next(c for c in DEV_CORPORA if c.name == name)
    scorer = ArabicRouge()
    systems = [*make_systems(["lead"], scorer=scorer), *(TextRank(Summarizer(**o), name=n) for n, o in variants.items())]
    report = evaluate(load_corpus(corpus_path(name)), systems=systems, scorer=scorer,
                      budget=make_budget(**corpus.budget), bootstrap=Bootstrap(resamples=resamples))  # type: ignore[arg-type]
    out: dict[str, dict[str, tuple[float, str]]] = {}
    for c in report.comparisons:
        out.setdefault(c.system, {})[c.metric] = (c.difference.mean, c.difference.verdict)
    return name, out


def run_variants(variants: dict[str, dict[str, Any]], corpora: Sequence[str], *, resamples: int = 1000) -> list[tuple[str, Any]]:
    """Δ against Lead per corpus and variant (two processes)."""
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(_one, [(c, variants, resamples) for c in corpora]))


def main(argv: Sequence[str] | None = None) -> None:
    from .corpora import DEV_CORPORA

    parser = argparse.ArgumentParser(prog="python -m benchmarks.variants", description=__doc__.splitlines()[0])
    parser.add_argument("variants", type=Path, help="JSON object: variant name -> Summarizer options")
    parser.add_argument("--corpus", action="append", choices=[c.name for c in DEV_CORPORA])
    parser.add_argument("--resamples", type=int, default=1000)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    variants = json.loads(args.variants.read_text(encoding="utf-8"))
    results = run_variants(variants, args.corpus or [c.name for c in DEV_CORPORA], resamples=args.resamples)
    print("| variant | " + " | ".join(_SHORT[c] for c, _ in results) + " |")
    print("| --- |" + " --- |" * len(results))
    for name in variants:
        cells = []
        for _, out in results:
            d = out[name]
            mark = " *" if all(v[1] == "better" for v in d.values()) else (" !" if any(v[1] == "worse" for v in d.values()) else "")
            cells.append("/".join(f"{d[m][0]:+.3f}" for m in ("rouge1", "rouge2", "rougeLsum")) + mark)
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
