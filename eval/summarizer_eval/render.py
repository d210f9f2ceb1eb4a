"""An evaluation report as one offline HTML page.

Results table with confidence intervals, an inline SVG chart of each
metric's F per system with its interval, the paired comparisons against the
baseline, and one document's system summaries next to its references.
Numbers come from the :class:`~summarizer_eval.evaluate.Report` (nothing is
rescored); reference texts come from the :class:`~summarizer_eval.corpus.Corpus`
the report was made from, since the report keeps only where they were read.
The page shell, escaping and fonts are those of the page kit
(:mod:`summarizer.render.page`): no script, no network, every text escaped;
the page's own rules are ``report.css`` beside this module. The run's
description and the comparisons' heading are the text formats' own
(:func:`~summarizer_eval.report.header`, :func:`~summarizer_eval.report.baseline_title`),
so every view of a run says the same; this module is above
:mod:`~summarizer_eval.report`, which never imports it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import PurePath

from summarizer.render.page import esc, esc_text, key_value_table, page, stylesheet
from summarizer.text.normalize import detect_language

from .corpus import Corpus, Document
from .errors import EvalError
from .evaluate import DocumentResult, Report
from .report import baseline_title, header
from .rouge import METRIC_LABELS

__all__ = ["pick_document", "render_report_html"]

#: Bar colours, one per system in report order (colour-blind-safe Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

_CSS = stylesheet("summarizer_eval", "report.css")


def pick_document(corpus: Corpus, show_doc: str | None) -> Document:
    """The document to show: ``show_doc``, or the corpus's first."""
    if show_doc is None:
        if not corpus.documents:
            raise EvalError(f"{corpus.root}: the corpus has no documents to show")
        return corpus.documents[0]
    return corpus.subset([show_doc]).documents[0]


#: How a caller picks the document a page shows, as the page says it
#: (a command replaces it with its own option).
SHOW_DOC_HINT = "show_doc=ID"


def render_report_html(report: Report, corpus: Corpus, *, show_doc: str | None = None, show_doc_hint: str = SHOW_DOC_HINT) -> str:
    """The report as a self-contained page, showing document ``show_doc``
    (default: the first) with every system's summary and its references."""
    doc = pick_document(corpus, show_doc)
    if doc.doc_id not in {d.doc_id for d in report.documents}:
        raise EvalError(f"document {doc.doc_id!r} was not evaluated in this report; give one of the evaluated ids")
    body = (
        '<header lang="en" dir="ltr">\n<h1>ROUGE evaluation</h1>\n<ul>'
        + "".join(f"<li>{esc(line)}</li>" for line in header(report))
        + "</ul>\n</header>\n<main lang=\"en\" dir=\"ltr\">\n"
        + "<h2>Results</h2>\n"
        + _results_table(report)
        + _chart(report)
        + _comparisons(report)
        + _document_section(report, doc, len(corpus), show_doc_hint)
        + "\n</main>"
    )
    return page(title=f"ROUGE evaluation: {report.corpus}", lang="en", body=body, css=_CSS)


def _results_table(report: Report) -> str:
    conf = f"{report.settings['confidence']:.0%}"
    head = "".join(f"<th>{esc(METRIC_LABELS[m])} F [{esc(conf)} CI]</th>" for m in report.metrics)
    rows = []
    for s in report.systems:
        cells = "".join(
            f'<td class="num" data-metric="{esc(m)}"><b>{s.means[m]["f"].mean:.4f}</b> '
            f'<span class="ci">[{s.means[m]["f"].low:.4f}, {s.means[m]["f"].high:.4f}]</span></td>'
            for m in report.metrics
        )
        rows.append(
            f'<tr data-system="{esc(s.name)}"><th>{esc(s.name)}</th><td class="num">{len(s.documents)}</td>'
            f'<td class="num">{s.mean_words:.1f}</td><td class="num">{s.mean_sentences:.2f}</td>'
            f'{cells}<td class="num">{s.seconds:.2f}</td></tr>'
        )
    return (
        f'<table class="results"><thead><tr><th>system</th><th>docs</th><th>words</th><th>sentences</th>{head}<th>seconds</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>\n"
    )


def _nice_top(value: float) -> float:
    """The axis end: the next tenth above ``value`` (at most 1)."""
    return min(1.0, max(0.1, math.ceil(value * 10 + 1e-9) / 10))


def _chart(report: Report) -> str:
    """Horizontal bars (mean F) with interval whiskers, one panel per metric."""
    systems = report.systems
    top = _nice_top(max((s.means[m]["f"].high for s in systems for m in report.metrics), default=0.1))
    label_w, plot_w, bar_h, gap, pad = 120, 460, 18, 8, 28
    panel_h = pad + len(systems) * (bar_h + gap) + 22
    width = label_w + plot_w + 60
    height = panel_h * len(report.metrics)
    parts: list[str] = []
    for k, m in enumerate(report.metrics):
        y0 = k * panel_h
        parts.append(f'<text x="0" y="{y0 + 16}" font-weight="600">{esc(METRIC_LABELS[m])} F</text>')
        axis_y = y0 + pad + len(systems) * (bar_h + gap)
        for t in range(int(round(top * 10)) + 1):
            x = label_w + plot_w * (t / 10) / top
            parts.append(f'<line x1="{x:.1f}" y1="{y0 + pad - 4}" x2="{x:.1f}" y2="{axis_y}" stroke="#d0d7de"/>')
            parts.append(f'<text x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle" fill="#57606a">{t / 10:.1f}</text>')
        for j, s in enumerate(systems):
            iv = s.means[m]["f"]
            y = y0 + pad + j * (bar_h + gap)
            scale = plot_w / top
            colour = PALETTE[j % len(PALETTE)]
            lo, hi = label_w + iv.low * scale, label_w + iv.high * scale
            mid = y + bar_h / 2
            tip = f"{s.name} · {METRIC_LABELS[m]} F {iv.mean:.4f} [{iv.low:.4f}, {iv.high:.4f}]"
            parts.append(
                f'<text x="{label_w - 8}" y="{mid + 4:.1f}" text-anchor="end">{esc(s.name)}</text>'
                f'<rect class="bar" data-system="{esc(s.name)}" data-metric="{esc(m)}" data-mean="{iv.mean:.6f}" '
                f'data-low="{iv.low:.6f}" data-high="{iv.high:.6f}" x="{label_w}" y="{y}" '
                f'width="{iv.mean * scale:.2f}" height="{bar_h}" fill="{colour}">'
                f"<title>{esc(tip)}</title></rect>"
                f'<g class="ci" stroke="#1f2328" stroke-width="1.5"><line x1="{lo:.2f}" y1="{mid}" x2="{hi:.2f}" y2="{mid}"/>'
                f'<line x1="{lo:.2f}" y1="{y + 3}" x2="{lo:.2f}" y2="{y + bar_h - 3}"/>'
                f'<line x1="{hi:.2f}" y1="{y + 3}" x2="{hi:.2f}" y2="{y + bar_h - 3}"/></g>'
                f'<text x="{hi + 6:.2f}" y="{mid + 4:.1f}" fill="#57606a">{iv.mean:.3f}</text>'
            )
    conf = f"{report.settings['confidence']:.0%}"
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>Mean F per system with {esc(conf)} intervals</title>'
        + "".join(parts)
        + f"</svg><figcaption>Bars: mean F over documents; whiskers: {esc(conf)} bootstrap confidence interval.</figcaption></figure>\n"
    )


def _comparisons(report: Report) -> str:
    if not report.comparisons:
        return ""
    head = "".join(f"<th>Δ {esc(METRIC_LABELS[m])} F</th>" for m in report.metrics)
    rows = []
    for s in report.systems:
        pairs = [c for c in report.comparisons if c.system == s.name and c.baseline == report.settings.get("baseline")]
        found = {c.metric: c.difference for c in pairs}
        if not found:
            continue
        cells = "".join(
            f'<td class="num {d.verdict}">{d.mean:+.4f} <span class="ci">[{d.low:+.4f}, {d.high:+.4f}] '
            f"p={d.p_value:.3f}</span> {d.verdict}</td>"
            if (d := found.get(m)) is not None
            else "<td>—</td>"
            for m in report.metrics
        )
        rows.append(f'<tr><th>{esc(s.name)}</th><td class="num">{pairs[0].mean_words:.1f}</td>{cells}</tr>')
    return (
        f"<h2>{esc(baseline_title(report))}</h2>\n"
        f'<table class="comparisons"><thead><tr><th>system</th><th>words</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
    )


def _document_section(report: Report, doc: Document, n_docs: int, how_to_show: str) -> str:
    info = next(d for d in report.documents if d.doc_id == doc.doc_id)
    lang = detect_language(doc.text)
    direction = "rtl" if lang == "ar" else "ltr"
    facts = key_value_table(
        [
            ("document", doc.doc_id),
            ("source", doc.source),
            ("units (selectable)", f"{info.sentences} ({info.candidates})"),
            ("references", len(doc.references)),
        ],
        caption="Document",
        css_class="doc-facts",
    )
    summaries = "".join(_system_card(report, s.name, _result(s.documents, doc.doc_id), lang, direction) for s in report.systems)
    references = "".join(
        f'<div class="card reference"><h4>reference {k} <span class="muted" title="{esc(source)}">{esc(PurePath(source).name)}</span></h4>'
        f'<div lang="{esc(lang)}" dir="{direction}">'
        + "".join(f'<p dir="auto">{esc_text(line)}</p>' for line in ref.splitlines() if line.strip())
        + "</div></div>"
        for k, (ref, source) in enumerate(zip(doc.references, doc.reference_sources), 1)
    )
    others = f"{n_docs} documents evaluated; show another with {how_to_show}." if n_docs > 1 else ""
    return (
        f'<h2>Document {esc(doc.doc_id)}: system summaries and references</h2>\n'
        f'<p class="muted">{esc(others)}</p>{facts}\n'
        f'<div class="side"><section class="summaries"><h3>System summaries</h3>{summaries}</section>'
        f'<section class="references"><h3>References</h3>{references}</section></div>'
    )


def _result(results: Sequence[DocumentResult], doc_id: str) -> DocumentResult:
    return next(r for r in results if r.doc_id == doc_id)


def _system_card(report: Report, name: str, result: DocumentResult, lang: str, direction: str) -> str:
    scores = " · ".join(f"{METRIC_LABELS[m]} F {result.scores[m].f:.3f}" for m in report.metrics)
    items = "".join(f'<li dir="auto">{esc_text(sentence)}</li>' for sentence in result.summary)
    return (
        f'<div class="card system" data-system="{esc(name)}"><h4>{esc(name)}</h4>'
        f'<div class="scores">{esc(scores)} · {result.words} words</div>'
        f'<ol lang="{esc(lang)}" dir="{direction}">{items}</ol></div>'
    )
