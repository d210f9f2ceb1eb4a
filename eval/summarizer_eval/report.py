"""Format a :class:`~summarizer_eval.evaluate.Report` as text, JSON, CSV or Markdown.

Formatting only: every number comes from the report, nothing is
recomputed, so any view of a run agrees with every other. These formats need
the report alone; the HTML page (:mod:`summarizer_eval.render`) also needs
the corpus and builds on this module's :func:`header` and
:func:`baseline_title`, and :mod:`summarizer_eval.formats` puts all of them
under one set of names.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from summarizer.strictjson import dumps

from .evaluate import STATS, Comparison, Report
from .rouge import METRIC_LABELS, MULTI_REF_DESCRIPTIONS

__all__ = ["FORMATTERS", "SMALL_CORPUS", "baseline_title", "documents_csv", "header"]

#: Below this many documents, intervals and verdicts mean little.
SMALL_CORPUS = 10


def _interval(mean: float, low: float, high: float, sign: str = "") -> str:
    return f"{mean:{sign}.4f} [{low:{sign}.4f}, {high:{sign}.4f}]"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def header(report: Report) -> list[str]:
    """The lines that say how the run was made, for every format."""
    s = report.settings
    n_refs = sorted({len(d.reference_sources) for d in report.documents})
    refs = str(n_refs[0]) if len(n_refs) == 1 else f"{n_refs[0]}-{n_refs[-1]}"
    limit = f"first {s['length_limit']} words" if s["length_limit"] else "none"
    lines = [
        f"{_plural(len(report.documents), 'document')} from {report.corpus} ({report.layout} layout), {refs} references each",
        f"budget: {s['budget_description']}",
    ]
    if s.get("summary_word_limit"):
        lines.append(f"length: every summary cut to its first {s['summary_word_limit']} words before scoring")
    lines += [
        f"comparisons: {s.get('compare_description', 'as is')}",
        f"multi-reference: {MULTI_REF_DESCRIPTIONS[s['multi_ref']]}",
        f"stemming: {s['stem']}; length limit: {limit}",
        f"scores: F, mean [{s['confidence']:.0%} CI] by percentile bootstrap over documents "
        f"({s['resamples']} resamples, seed {s['seed']}); words and sentences: means per summary as scored",
    ]
    for name, ids in report.omitted:
        lines.append(
            f"note: {_plural(len(ids), 'document')} left out of the whole run: {name} has no summary for "
            + ", ".join(ids[:5])
            + (", ..." if len(ids) > 5 else "")
        )
    if len(report.documents) < SMALL_CORPUS:
        lines.append(
            f"note: only {_plural(len(report.documents), 'document')}: with fewer than {SMALL_CORPUS}, "
            "intervals and verdicts are not meaningful"
        )
    if report.replaced:
        lines.append(f"note: {_plural(len(report.replaced), 'file')} had undecodable bytes, read with U+FFFD")
    return lines


def _score_rows(report: Report) -> tuple[list[str], list[list[str]]]:
    head = ["system", "docs", "words", "sentences", *(METRIC_LABELS[m] for m in report.metrics), "seconds"]
    rows = [
        [
            s.name,
            str(len(s.documents)),
            f"{s.mean_words:.1f}",
            f"{s.mean_sentences:.2f}",
            *(_interval(s.means[m]["f"].mean, s.means[m]["f"].low, s.means[m]["f"].high) for m in report.metrics),
            f"{s.seconds:.2f}",
        ]
        for s in report.systems
    ]
    return head, rows


def _comparison_rows(report: Report) -> tuple[list[str], list[list[str]]]:
    head = ["system", "words", *(f"Δ {METRIC_LABELS[m]}" for m in report.metrics)]
    rows: list[list[str]] = []
    for s in report.systems:
        cells = []
        words = 0.0
        for m in report.metrics:
            c = _comparison(report, s.name, m)
            if c is None:
                break
            d = c.difference
            words = c.mean_words
            cells.append(f"{_interval(d.mean, d.low, d.high, '+')} p={d.p_value:.3f} {d.verdict}")
        if cells:
            rows.append([s.name, f"{words:.1f}", *cells])
    return head, rows


def _comparison(report: Report, system: str, metric: str) -> Comparison | None:
    """The comparison of ``system`` with the report's baseline on ``metric``."""
    base = report.settings.get("baseline")
    return next((c for c in report.comparisons if c.system == system and c.metric == metric and c.baseline == base), None)


def _text_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(len(head))]
    fmt = [str.ljust] + [str.rjust] * (len(head) - 1)
    return ["  ".join(f(cell, w) for f, cell, w in zip(fmt, r, widths)).rstrip() for r in [head, *rows]]


def _markdown_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]


def baseline_title(report: Report) -> str:
    """The heading of the comparisons, with the length rule they follow."""
    rule = report.settings.get("compare", "as-is")
    words = "at equal length (words: mean per pair)" if rule == "equal-length" else "each at its own length"
    return f"Paired bootstrap against {report.settings['baseline']} {words}: ΔF mean [CI], one-sided p, verdict"


def _table(report: Report) -> str:
    lines = header(report) + [""] + _text_table(*_score_rows(report))
    head, rows = _comparison_rows(report)
    if rows:
        lines += ["", baseline_title(report)] + _text_table(head, rows)
    return "\n".join(lines) + "\n"


def _markdown(report: Report) -> str:
    lines = ["# ROUGE evaluation", ""] + [f"- {h}" for h in header(report)] + [""]
    lines += _markdown_table(*_score_rows(report))
    head, rows = _comparison_rows(report)
    if rows:
        lines += ["", f"## {baseline_title(report)}", ""] + _markdown_table(head, rows)
    return "\n".join(lines) + "\n"


def _json(report: Report) -> str:
    return dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _csv(report: Report) -> str:
    """One row per system and metric: P, R, F with intervals, and ΔF against the baseline."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    stat_cols = [f"{k}_{x}" for k in STATS for x in ("mean", "low", "high")]
    w.writerow(
        ["system", "metric", "documents", "mean_words", "mean_sentences", *stat_cols,
         "baseline", "compare", "compared_words", "delta_f", "delta_low", "delta_high", "p_value", "verdict"]
    )
    for s in report.systems:
        for m in report.metrics:
            stats = [getattr(s.means[m][k], x) for k in STATS for x in ("mean", "low", "high")]
            c = _comparison(report, s.name, m)
            diff = [""] * 8
            if c is not None:
                d = c.difference
                diff = [c.baseline, c.rule, f"{c.mean_words:.2f}", *(f"{v:.6f}" for v in (d.mean, d.low, d.high, d.p_value)), d.verdict]
            w.writerow([s.name, m, len(s.documents), f"{s.mean_words:.2f}", f"{s.mean_sentences:.2f}", *(f"{v:.6f}" for v in stats), *diff])
    return out.getvalue()


def documents_csv(report: Report) -> str:
    """Per-document scores: one row per document, system and metric."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["doc_id", "system", "metric", "precision", "recall", "f", "words", "sentences", "selected"])
    for s in report.systems:
        for d in s.documents:
            for m in report.metrics:
                sc = d.scores[m]
                w.writerow(
                    [d.doc_id, s.name, m, f"{sc.precision:.6f}", f"{sc.recall:.6f}", f"{sc.f:.6f}", d.words, d.sentences,
                     " ".join(map(str, d.selected))]
                )
    return out.getvalue()


#: name -> formatter(report), for the formats that need nothing but the report.
FORMATTERS: dict[str, Callable[[Report], str]] = {"table": _table, "json": _json, "csv": _csv, "markdown": _markdown}
