"""The summary page: a summary shown inside its document, as one offline page.

Built with the page kit (:mod:`summarizer.render.page`: the page skeleton,
escaping, bidi controls shown as markers); its own rules are ``summary.css``.
Every paragraph has ``dir="auto"``, so mixed Arabic/English documents keep
each paragraph in its own direction, and every sentence (and the title) is
isolated (``unicode-bidi: isolate``, ``<bdi>``) so nothing inside one can
reorder another.

Paragraphs come from the original text: the :class:`~summarizer.api.Summary`
keeps only each sentence's offsets, and the text between sentences (line
breaks, blank lines) is what gives the page its shape, so the renderer takes
the source text too and checks that it is the one the summary was made from.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..result import Sentence, Summary
from .page import esc, esc_text, key_value_table, page, show_value, stylesheet

__all__ = ["render_html"]

_CSS = stylesheet("summarizer.render", "summary.css")


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
    paragraphs: list[str] = []
    gap = False
    for (start, end), sentences in by_line:
        if start == end:  # blank line: spacing before the next paragraph
            gap = bool(paragraphs)
            continue
        cls = ' class="after-gap"' if gap else ""
        paragraphs.append(f'<p dir="auto"{cls}>{_paragraph(text, start, end, sentences, ranks, top)}</p>')
        gap = False
    doc_title = title if title is not None else (summary.page.title if summary.page and summary.page.title else _default_title(summary))
    page_title = f"Summary: {doc_title}"
    direction = "rtl" if lang == "ar" else "ltr"
    body = (
        f'<header lang="en" dir="ltr">\n<h1>Summary: <bdi lang="{esc(lang)}">{esc_text(doc_title)}</bdi></h1>\n'
        f'<div class="facts">{_page_table(summary)}{_counts_table(summary)}{_settings_grid(summary)}</div>\n'
        f"{_legend()}\n</header>\n"
        '<input type="checkbox" id="show-scores"><label for="show-scores" lang="en" class="muted"> show scores as numbers</label>\n'
        f"<main>\n{_summary_list(summary, direction)}\n"
        f'<h2 lang="en" dir="ltr">Document</h2>\n<article lang="{esc(lang)}" dir="{direction}">\n'
        + "\n".join(paragraphs)
        + "\n</article>\n</main>"
    )
    return page(title=page_title, lang=lang, body=body, css=_CSS)


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
    """Each paragraph of ``text`` (its content span) with the sentences inside it.

    A paragraph is a line, as :func:`summarizer.text.segment.segment` splits
    them, or the run of lines one sentence goes on across (a hard-wrapped
    text's): its line breaks stay in the paragraph, where HTML shows them as
    spaces, so every sentence is drawn whole, once.
    """
    out: list[tuple[tuple[int, int], list[Sentence]]] = []
    pos = 0
    k = 0
    reach = -1  # where the sentences of the last paragraph end
    ordered = sorted(sentences, key=lambda s: s.start)
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        line_start = start = pos
        end = pos + len(body)
        pos += len(line)
        if not body.strip():
            out.append(((start, start), []))
            reach = -1
            continue
        while k < len(ordered) and ordered[k].end <= start:
            k += 1
        inside = []
        for s in ordered[k:]:
            if s.start >= end:
                break
            inside.append(s)
        if reach > start:  # a sentence of the last paragraph goes on in this line
            (start, _), before = out.pop()
            inside = before + [s for s in inside if s.start >= line_start]
        out.append(((start, end), inside))
        reach = max((s.end for s in inside), default=-1)
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


def _page_table(summary: Summary) -> str:
    """What a web page said about itself (nothing for a text)."""
    page = summary.page
    if page is None:
        return ""
    rows = [(k, v) for k, v in (("title", page.title), ("author", page.author), ("date", page.date), ("site", page.site), ("url", page.url)) if v]
    return key_value_table(rows, caption="Web page", css_class="counts")


def _counts_table(summary: Summary) -> str:
    return key_value_table(_counts_rows(summary), caption="Counts", css_class="counts")


def _settings_grid(summary: Summary) -> str:
    """Settings as a compact grid: there are many, each short."""
    cells = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(show_value(v))}</dd></div>" for k, v in summary.settings.items())
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
    """The document's title line, never its byline; a document without
    one (it opens with a sentence) is named by its first sentence's opening
    words, as a mail client names a message without a subject."""
    first = summary.title
    if first is None:
        first = next((s.text for s in summary.sentences if s.kind == "sentence"), summary.sentences[0].text if summary.sentences else "")
    first = " ".join(first.split())
    return first if len(first) <= 80 else first[:79].rsplit(" ", 1)[0] + "…"
