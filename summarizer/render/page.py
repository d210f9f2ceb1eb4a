"""The page kit: one self-contained HTML page, escaping, and bidi safety.

Every page of the project (the summary page, the web service's form, the
evaluation report) is built here, so they share one policy:

* **Offline.** One file with inline CSS and nothing to fetch, so it can be
  mailed or opened offline. It carries a Content-Security-Policy (:data:`CSP`)
  that allows no script at all: document text is always escaped
  (:func:`esc`, :func:`esc_text`), and even a mistake in escaping could not
  run code.
* **Directions.** Arabic reads right to left because callers give each
  paragraph ``dir="auto"`` (the browser picks the direction from its first
  strong letter), so mixed Arabic/English documents keep each paragraph in
  its own direction; the fonts (:data:`FONT_STACK`) cover Arabic everywhere.
* **Bidi controls are shown, never obeyed.** Embeddings and overrides
  (U+202A–202E), isolates (U+2066–2069) and marks (U+200E/200F/061C) in a
  document would reorder what follows them: one unterminated RIGHT-TO-LEFT
  OVERRIDE reverses every following sentence of its line, and a closed one
  spoofs text (``gnp.exe`` shown as ``exe.png``). :func:`esc_text` shows each
  as a visible marker (``⟨U+202E⟩``), and callers isolate every sentence
  (``unicode-bidi: isolate``, ``<bdi>``) so nothing inside one can reorder
  another.

The stylesheets are package data (``base.css`` here, each page's own beside
its module), read once with :mod:`importlib.resources` (:func:`stylesheet`),
so they are edited as CSS and ship in the wheel.
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "BASE_CSS",
    "BIDI_CONTROLS",
    "CSP",
    "FONT_STACK",
    "LATIN_FONT_STACK",
    "esc",
    "esc_text",
    "key_value_table",
    "page",
    "plain_text",
    "show_value",
    "stylesheet",
]

#: Characters that change the order in which text is shown: explicit
#: embeddings and overrides, isolates, and the directional marks.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")

#: Fonts that cover Arabic on Linux (Noto, Amiri), Windows (Segoe UI,
#: Tahoma) and macOS (falls through to the system sans-serif, which has it).
#: ``base.css`` sets it on the body and on ``[lang="ar"]``.
FONT_STACK = '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Segoe UI", Tahoma, "Noto Sans", "DejaVu Sans", sans-serif'

#: For English parts (labels, tables): Latin punctuation from a Latin font,
#: Arabic words inside still covered by the fonts after it. ``base.css``
#: sets it on ``[lang="en"]``.
LATIN_FONT_STACK = '"Noto Sans", "Segoe UI", "DejaVu Sans", Tahoma, "Noto Naskh Arabic", "Noto Sans Arabic", sans-serif'

#: Nothing may load or run: styles are inline, images only ``data:``.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@functools.cache
def stylesheet(package: str, name: str) -> str:
    """The rules of stylesheet ``name``, shipped as data of ``package``.

    Surrounding blank lines are dropped: the page, not the file, decides
    how the rules sit inside ``<style>``. Read once per process.
    """
    return importlib.resources.files(package).joinpath(name).read_text(encoding="utf-8").strip()


#: The rules every page starts with: fonts, tables, the bidi-control markers.
BASE_CSS = stylesheet("summarizer.render", "base.css")


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

    ``css`` holds the page's own rules, placed after :data:`BASE_CSS` so they
    can refine it. ``csp`` is the policy the page carries; pages served with
    a form (the ``summarize-serve`` page) need one that lets the form post back.
    """
    rules = f"\n{BASE_CSS}\n" + (f"\n{css}\n" if css else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(plain_text(title))}</title>\n<style>{rules}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def show_value(value: object) -> str:
    """A setting or fact as a table shows it: floats to 4 significant digits, ``None`` as a dash."""
    if isinstance(value, float):
        return f"{value:.4g}"
    if value is None:
        return "—"
    return str(value)


def key_value_table(rows: Iterable[tuple[str, object]], *, caption: str, css_class: str) -> str:
    """A two-column table of labels and values (shown by :func:`show_value`), all escaped."""
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{esc(show_value(v))}</td></tr>" for k, v in rows)
    return f'<table class="{esc(css_class)}"><caption>{esc(caption)}</caption>{cells}</table>'
