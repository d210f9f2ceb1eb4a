"""Self-contained HTML pages: a summary shown inside its document.

The page is one file with inline CSS and nothing to fetch, so it can be
mailed or opened offline. It carries a Content-Security-Policy that allows
no script at all: document text is always escaped (:func:`esc`), and even a
mistake in escaping could not run code. Arabic reads right to left because
every paragraph has ``dir="auto"`` (the browser picks the direction from its
first strong letter), so mixed Arabic/English documents keep each paragraph
in its own direction.

Bidirectional controls in a document (embeddings and overrides U+202A–202E,
isolates U+2066–2069, marks U+200E/200F/061C) are never obeyed: one
unterminated RIGHT-TO-LEFT OVERRIDE would reverse every following sentence
of its line, and a closed one spoofs text (``gnp.exe`` shown as ``exe.png``).
:func:`esc_text` shows each as a visible marker (``⟨U+202E⟩``), and every
sentence (and the title) is isolated (``unicode-bidi: isolate``, ``<bdi>``)
so nothing inside one can reorder another.

Paragraphs come from the original text: the :class:`~summarizer.api.Summary`
keeps only each sentence's offsets, and the text between sentences (line
breaks, blank lines) is what gives the page its shape, so the renderer takes
the source text too and checks that it is the one the summary was made from.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping

from .api import Sentence, Summary

__all__ = ["BIDI_CONTROLS", "FONT_STACK", "BASE_CSS", "esc", "esc_text", "plain_text", "page", "render_html", "key_value_table"]

#: Characters that change the order in which text is shown: explicit
#: embeddings and overrides, isolates, and the directional marks.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")

#: Fonts that cover Arabic on Linux (Noto, Amiri), Windows (Segoe UI,
#: Tahoma) and macOS (falls through to the system sans-serif, which has it).
FONT_STACK = '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Segoe UI", Tahoma, "Noto Sans", "DejaVu Sans", sans-serif'

#: For English parts (labels, tables): Latin punctuation from a Latin font,
#: Arabic words inside still covered by the fonts after it.
LATIN_FONT_STACK = '"Noto Sans", "Segoe UI", "DejaVu Sans", Tahoma, "Noto Naskh Arabic", "Noto Sans Arabic", sans-serif'

#: Nothing may load or run: styles are inline, images only ``data:``.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

BASE_CSS = f"""
:root {{ color-scheme: light; }}
body {{ font-family: {FONT_STACK}; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem;
  color: #1f2328; background: #fff; line-height: 1.6; }}
[lang="en"] {{ font-family: {LATIN_FONT_STACK}; }}
[lang="ar"] {{ font-family: {FONT_STACK}; line-height: 1.95; font-size: 1.08em; }}
h1 {{ font-size: 1.35rem; margin: .4rem 0 .8rem; }}
h2 {{ font-size: 1.1rem; margin: 1.4rem 0 .5rem; }}
table {{ border-collapse: collapse; font-size: .9rem; }}
th, td {{ border: 1px solid #d0d7de; padding: .2rem .55rem; text-align: start; vertical-align: top; }}
th {{ background: #f6f8fa; font-weight: 600; }}
caption {{ text-align: start; font-weight: 600; padding: 0 0 .25rem; }}
td.num {{ text-align: end; font-variant-numeric: tabular-nums; }}
.muted {{ color: #57606a; font-size: .85rem; }}
.bidi-control {{ unicode-bidi: isolate; direction: ltr; font: .7em/1 system-ui, sans-serif; color: #cf222e;
  border: 1px dashed #cf222e; border-radius: .2rem; padding: 0 .15em; white-space: nowrap; }}
"""


def esc(value: object) -> str:
    """Escape any value for HTML text *and* quoted attribute values."""
    return html.escape(str(value), quote=True)


def _marker(ch: str) -> str:
    return f"⟨U+{ord(ch):04X}⟩"


def plain_text(value: object) -> str:
    """``value`` with each bidi control replaced by a visible ``⟨U+XXXX⟩``,
    for places that hold only text (a page's ``<title>``)."""
    return _BIDI.sub(lambda m: _marker(m.group()), str(value))


def esc_text(value: object) -> str:
    """Escape document text for HTML, showing bidi controls instead of obeying them.

    Each control becomes a small marked ``⟨U+202E⟩`` (its name on hover), so
    a reader sees that the text holds one, and the text reads in its logical
    order.
    """
    return _BIDI.sub(
        lambda m: f'<span class="bidi-control" title="{esc(unicodedata.name(m.group(), "control"))}">{_marker(m.group())}</span>',
        esc(value),
    )


def page(*, title: str, lang: str, body: str, css: str = "", csp: str = CSP) -> str:
    """Wrap ``body`` (already escaped HTML) into a complete offline page.

    ``csp`` is the policy the page carries; pages served with a form (the
    ``summarize-serve`` page) need one that lets the form post back.
    """
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(plain_text(title))}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def key_value_table(rows: Iterable[tuple[str, object]], *, caption: str, css_class: str) -> str:
    """A two-column table of labels and values, all escaped."""
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{esc(_show(v))}</td></tr>" for k, v in rows)
    return f'<table class="{esc(css_class)}"><caption>{esc(caption)}</caption>{cells}</table>'


def _show(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if value is None:
        return "—"
    return str(value)


_SUMMARY_CSS = """
header { border-bottom: 1px solid #d0d7de; padding-bottom: .8rem; }
.facts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
.settings { flex: 1 1 20rem; } .settings h2 { font-size: .9rem; margin: 0 0 .25rem; }
.settings dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .15rem 1rem;
  margin: 0; font-size: .85rem; }
.settings dl div { display: flex; justify-content: space-between; border-bottom: 1px dotted #d0d7de; }
.settings dt { font-weight: 600; } .settings dd { margin: 0 0 0 .5rem; font-variant-numeric: tabular-nums; }
.legend { margin: .8rem 0 0; font-size: .85rem; display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; }
article p { margin: 0 0 .7rem; }
article p.after-gap { margin-top: 1.4rem; }
.s { --w: 0; border-radius: .2rem; padding: .05em .1em; unicode-bidi: isolate;
  background: rgba(9, 105, 218, calc(var(--w) * .22)); color: inherit; }
mark.s { background: #ffe08a; box-shadow: inset 0 -.28em rgba(191, 87, 0, calc(.25 + var(--w) * .75));
  outline: 1px solid #d4a72c; }
.s.heading { font-weight: 700; }
.s.dup { color: #8c959f; background: none; }
.tag { font: 600 .68rem/1 system-ui, sans-serif; color: #57606a; border: 1px solid #afb8c1;
  border-radius: .7rem; padding: .1rem .4rem; margin-inline: .15rem; vertical-align: .15em;
  white-space: nowrap; text-decoration: none; }
a.tag:hover { background: #f6f8fa; }
#show-scores { margin-inline-start: 0; }
#show-scores:checked ~ main .s::after { content: attr(data-score); unicode-bidi: isolate; direction: ltr;
  font: .68rem/1 system-ui, sans-serif; color: #0550ae; margin-inline-start: .25rem;
  vertical-align: super; }
section.summary ol { padding-inline-start: 1.6rem; }
section.summary li { margin-bottom: .35rem; }
section.summary a { color: inherit; text-decoration: none; unicode-bidi: isolate; }
section.summary a:hover { text-decoration: underline; }
"""


def render_html(summary: Summary, text: str, *, title: str | None = None) -> str:
    """The document with the summary highlighted, as one offline HTML page.

    ``text`` must be the text ``summary`` was made from (its sentences'
    offsets point into it); a :class:`ValueError` says so otherwise.
    """
    _check_source(summary, text)
    lang = summary.language
    ranks = _ranks(summary.sentences)
    top = max((s.score for s in summary.sentences), default=0.0) or 1.0
    by_line = _sentences_by_line(summary.sentences, text)
    paragraphs = []
    gap = False
    for (start, end), sentences in by_line:
        if start == end:  # blank line: spacing before the next paragraph
            gap = bool(paragraphs)
            continue
        cls = ' class="after-gap"' if gap else ""
        paragraphs.append(f'<p dir="auto"{cls}>{_paragraph(text, start, end, sentences, ranks, top)}</p>')
        gap = False
    doc_title = title if title is not None else _default_title(summary)
    page_title = f"Summary: {doc_title}"
    direction = "rtl" if lang == "ar" else "ltr"
    body = (
        f'<header lang="en" dir="ltr">\n<h1>Summary: <bdi lang="{esc(lang)}">{esc_text(doc_title)}</bdi></h1>\n'
        f'<div class="facts">{_counts_table(summary)}{_settings_grid(summary)}</div>\n'
        f"{_legend()}\n</header>\n"
        '<input type="checkbox" id="show-scores"><label for="show-scores" lang="en" class="muted"> show scores as numbers</label>\n'
        f"<main>\n{_summary_list(summary, direction)}\n"
        f'<h2 lang="en" dir="ltr">Document</h2>\n<article lang="{esc(lang)}" dir="{direction}">\n'
        + "\n".join(paragraphs)
        + "\n</article>\n</main>"
    )
    return page(title=page_title, lang=lang, body=body, css=_SUMMARY_CSS)


def _check_source(summary: Summary, text: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    for s in summary.sentences:
        if text[s.start : s.end] != s.text:
            raise ValueError(
                f"the text does not match the summary at sentence {s.index} (offsets {s.start}-{s.end}); "
                "pass the exact text the summary was made from"
            )


def _ranks(sentences: tuple[Sentence, ...]) -> dict[int, int]:
    """1-based rank of each distinct sentence by score; duplicates share their original's."""
    distinct = sorted((s for s in sentences if s.duplicate_of is None), key=lambda s: (-s.score, s.index))
    rank = {s.index: r for r, s in enumerate(distinct, 1)}
    for s in sentences:
        if s.duplicate_of is not None:
            rank[s.index] = rank.get(s.duplicate_of, len(distinct))
    return rank


def _sentences_by_line(
    sentences: tuple[Sentence, ...], text: str
) -> list[tuple[tuple[int, int], list[Sentence]]]:
    """Each line of ``text`` (its content span) with the sentences inside it.

    Lines split exactly as :func:`summarizer.segment.segment` splits them, so
    no sentence crosses a line; one that did would still be drawn, clipped.
    """
    out: list[tuple[tuple[int, int], list[Sentence]]] = []
    pos = 0
    k = 0
    ordered = sorted(sentences, key=lambda s: s.start)
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        start, end = pos, pos + len(body)
        if not body.strip():
            start = end = pos
        while k < len(ordered) and ordered[k].end <= start:
            k += 1
        inside = [s for s in ordered[k:] if s.start < end and s.end > start] if end > start else []
        out.append(((start, end), inside))
        pos += len(line)
    return out


def _paragraph(
    text: str, start: int, end: int, sentences: list[Sentence], ranks: Mapping[int, int], top: float
) -> str:
    parts: list[str] = []
    pos = start
    for s in sentences:
        a, b = max(s.start, start), min(s.end, end)
        parts.append(esc_text(text[pos:a]))
        parts.append(_sentence(s, text[a:b], ranks, top))
        pos = b
    parts.append(esc_text(text[pos:end]))
    return "".join(parts)


def _sentence(s: Sentence, shown: str, ranks: Mapping[int, int], top: float) -> str:
    tag = "mark" if s.selected else "span"
    classes = ["s"]
    labels = [f"sentence {s.index + 1}", f"score {s.score:.4f}", f"rank {ranks[s.index]}"]
    prefix = ""
    if s.selected:
        classes.append("sel")
        labels.append("selected")
    if s.kind == "heading":
        classes.append("heading")
        labels.append("heading or byline")
        prefix += '<bdi class="tag" lang="en">heading</bdi>'
    if s.kind == "boilerplate":
        classes.append("heading")
        labels.append("web boilerplate (related link, promotion or credit), never selected")
        prefix += '<bdi class="tag" lang="en">boilerplate</bdi>'
    if s.cut_end is not None:
        labels.append(f"the summary keeps its first {s.summary_words} of {s.words} words")
        prefix += '<bdi class="tag" lang="en">cut</bdi>'
    if s.duplicate_of is not None:
        classes.append("dup")
        labels.append(f"repeats sentence {s.duplicate_of + 1}")
        prefix += (
            f'<a class="tag" lang="en" dir="ltr" href="#s{s.duplicate_of + 1}">'
            f"duplicate of {s.duplicate_of + 1}</a>"
        )
    weight = max(0.0, min(1.0, s.score / top))
    attrs = (
        f'id="s{s.index + 1}" class="{" ".join(classes)}" data-index="{s.index}" '
        f'data-score="{s.score:.4f}" data-rank="{ranks[s.index]}" style="--w:{weight:.3f}" '
        f'title="{esc(" · ".join(labels))}"'
    )
    return f"{prefix}<{tag} {attrs}>{esc_text(shown)}</{tag}>"


def _counts_rows(summary: Summary) -> list[tuple[str, object]]:
    c = summary.counts()
    headings_count = bool(summary.settings.get("include_headings"))
    selectable = sum(
        s.duplicate_of is None and (headings_count or s.kind == "sentence") for s in summary.sentences
    )
    return [
        ("language", summary.language),
        ("sentences", c["sentences"]),
        ("distinct sentences", c["distinct_sentences"]),
        ("headings and bylines", c["headings"]),
        ("duplicates collapsed", c["duplicates"]),
        ("words", c["words"]),
        ("selected sentences", c["selected_sentences"]),
        ("selected words", c["selected_words"]),
        ("ratio (words)", _percent(c["selected_words"], c["words"])),
        ("ratio (selectable sentences)", _percent(c["selected_sentences"], selectable)),
    ]


def _counts_table(summary: Summary) -> str:
    return key_value_table(_counts_rows(summary), caption="Counts", css_class="counts")


def _settings_grid(summary: Summary) -> str:
    """Settings as a compact grid: there are many, each short."""
    cells = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(_show(v))}</dd></div>" for k, v in summary.settings.items())
    return f'<section class="settings"><h2>Settings</h2><dl>{cells}</dl></section>'


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "—"


def _legend() -> str:
    return (
        '<p class="legend">'
        '<span><mark class="s sel" style="--w:1">selected</mark> sentence in the summary</span>'
        '<span><span class="s" style="--w:1">darker</span> / <span class="s" style="--w:.2">lighter</span> '
        "shade: higher / lower score (hover a sentence for its score and rank)</span>"
        '<span><bdi class="tag">heading</bdi> heading or byline</span>'
        '<span><span class="s dup">greyed</span> repeats an earlier sentence</span></p>'
    )


def _summary_list(summary: Summary, direction: str) -> str:
    items = "".join(
        f'<li dir="auto"><a href="#s{s.index + 1}">{esc_text(s.text)}</a></li>' for s in summary.selected
    )
    return (
        f'<section class="summary"><h2 lang="en" dir="ltr">Summary</h2>'
        f'<ol lang="{esc(summary.language)}" dir="{direction}">{items}</ol></section>'
    )


def _default_title(summary: Summary) -> str:
    first = next((s.text for s in summary.sentences if s.kind == "heading"), None)
    if first is None:
        first = summary.sentences[0].text if summary.sentences else ""
    first = " ".join(first.split())
    return first if len(first) <= 80 else first[:79] + "…"
