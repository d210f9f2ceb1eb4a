"""How the keyphrase settings were chosen: each variant's F1 at 5, 10, 15
(exact match) on both keyphrase dev corpora, one change from the chosen
settings at a time (:data:`VARIANTS`)::

    python -m benchmarks.keyphrase_variants [--variant NAME ...]

Each language runs with its own chosen settings
(:data:`summarizer.keyphrases.LANGUAGE_RULES`) and the variant's change on
top; a table on stdout, means over the documents (the intervals and the
peers are ``benchmarks.keyphrases``'s).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .keyphrases import CORPORA, corpus_path

__all__ = ["VARIANTS", "main", "run_variants"]

#: name -> the settings it changes.
VARIANTS: dict[str, dict[str, Any]] = {
    "chosen": {},
    "window 2": {"window": 2},
    "window 4": {"window": 4},
    "no position prior (uniform teleport)": {"position": 0.0},
    "position 0.5 by word (PositionRank)": {"position": 0.5, "position_by": "word"},
    "position 0.95 by sentence": {"position": 0.95, "position_by": "sentence"},
    "phrase = max of its words": {"scoring": "max"},
    "phrase = sum (length_norm 0)": {"length_norm": 0.0},
    "phrase = mean (length_norm 1)": {"length_norm": 1.0},
    "all n-grams, not maximal runs": {"candidates": "ngrams"},
    "max 3 words": {"max_words": 3},
    "max 5 words": {"max_words": 5},
    "min 3 characters": {"min_chars": 3},
    "no stemmed grouping": {"stem": False},
    "collapse both ways": {"collapse": "both"},
    "no collapse": {"collapse": "none"},
    "diversity 0": {"diversity": 0.0},
    "diversity 0.3": {"diversity": 0.3},
    "diversity 0.5": {"diversity": 0.5},
    "headings never feed": {"headings": "none"},
    "no conjunction split": {"conjunctions": False},
    "frequency ** 0.3": {"frequency": 0.3},
    "damping 0.6": {"damping": 0.6},
    "one word at full weight (single 1)": {"single": 1.0},
    "single 0.5": {"single": 0.5},
    "phrases may end in -ed, -ly (endings any)": {"endings": "any"},
    "phrases end in no -ed, -ly (endings english)": {"endings": "english"},
    "max 4 words": {"max_words": 4},
    "phrase = sum / length ** 0.5": {"length_norm": 0.5},
}


def run_variants(names: Sequence[str]) -> list[dict[str, Any]]:
    """Each variant's mean F1 at 5, 10, 15 on each corpus."""
    from summarizer.keyphrases import extract, rules_for, stop_words_for
    from summarizer.pipeline import normalize_all, split
    from summarizer.text.normalize import tokenize
    from summarizer.vectorize import load_stop_words
    from summarizer_eval.keyphrases import load_keyphrase_corpus, score_at

    prepared = {}
    for corpus in CORPORA:
        rows = []
        for doc in load_keyphrase_corpus(corpus_path(corpus)).documents:
            seg = split(doc.text)
            normalized = tuple(normalize_all([u.text for u in seg.units]))
            first: dict[tuple[str, ...], int] = {}
            representative = tuple(first.setdefault(tuple(tokenize(n)), i) for i, n in enumerate(normalized))
            rows.append((doc, seg, normalized, representative))
        prepared[corpus] = rows
    out = []
    for name in names:
        row: dict[str, Any] = {"variant": name, "changes": VARIANTS[name]}
        for corpus, rows in prepared.items():
            f1 = dict.fromkeys((5, 10, 15), 0.0)
            for doc, seg, normalized, representative in rows:
                rules = replace(rules_for(seg.language), **VARIANTS[name])
                stops = stop_words_for(load_stop_words(seg.language), seg.language)
                found = extract(doc.text, seg.units, normalized, representative, top=15, stop_words=stops, rules=rules)
                for k in f1:
                    f1[k] += score_at([x.text for x in found], doc.gold, k).f1
            row[corpus] = {k: v / len(rows) for k, v in f1.items()}
        out.append(row)
        sys.stderr.write(f"{name}: done\n")
    return out


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    head = "| variant | " + " | ".join(f"{c} F1@{k}" for c in CORPORA for k in (5, 10, 15)) + " |"
    lines = [head, "|---|" + "--:|" * (3 * len(CORPORA))]
    for r in rows:
        lines.append(f"| {r['variant']} | " + " | ".join(f"{r[c][k]:.3f}" for c in CORPORA for k in (5, 10, 15)) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.keyphrase_variants", description="Keyphrase settings, one change at a time, on AKEC and Inspec dev.")
    parser.add_argument("--variant", action="append", choices=list(VARIANTS), help="only this variant (repeatable)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    sys.stdout.write(format_table(run_variants(args.variant or list(VARIANTS))))


if __name__ == "__main__":
    main()
