"""The web page: a form to paste or upload a text, and the summary shown in it.

Rendered on the server from a plain form POST, so it works without
JavaScript (there is none). The result is the summarize command's HTML page itself
(:func:`summarizer.render.summary.render_html`: right-to-left Arabic, every sentence
in its own isolated element, all text escaped) with a bar of two links on top:
back to the form, and the JSON — exactly the API's answer for the same text
and length — as a ``data:`` download, so nothing is stored on the server.
Both are built with the page kit (:mod:`summarizer.render.page`); their own
rules are ``form.css`` and ``bar.css`` beside this module.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

from ..options import DEFAULT_RATIO, SPECS, OptionSpec
from ..render.page import CSP as REPORT_CSP
from ..render.page import esc, page, stylesheet
from ..validate import Count, OneOf
from .core import RequestError

__all__ = ["FORM_CHOICES", "FORM_COUNTS", "FORM_CSP", "LENGTHS", "PAGE_CSP", "form_fields", "form_page", "form_payload", "result_page"]

#: The options the form offers (:data:`summarizer.options.SPECS`, surface
#: ``form``): the lengths, one chosen in a menu with its amount typed beside
#: it; the others that take names, each a menu of its valid values; and
#: those that take a count (the keyphrases), each a number field.
LENGTHS: dict[str, str] = {s.name: s.label for s in SPECS if "form" in s.surfaces and s.group == "length"}
FORM_CHOICES: tuple[OptionSpec, ...] = tuple(
    s for s in SPECS if "form" in s.surfaces and s.group != "length" and isinstance(s.rule, OneOf)
)
FORM_COUNTS: tuple[OptionSpec, ...] = tuple(
    s for s in SPECS if "form" in s.surfaces and s.group != "length" and isinstance(s.rule, Count)
)
assert len(LENGTHS) + len(FORM_CHOICES) + len(FORM_COUNTS) == sum("form" in s.surfaces for s in SPECS), (
    "the form offers a menu of names or a whole number, nothing else"
)

#: The report's policy (nothing loads or runs; inline styles only), except
#: that the form may post back to this server, and no other site may frame it.
FORM_CSP = REPORT_CSP.replace("form-action 'none'", "form-action 'self'")
#: Sent as a header on every page (``frame-ancestors`` only works in a header).
PAGE_CSP = FORM_CSP + "; frame-ancestors 'none'"

_FORM_CSS = stylesheet("summarizer.serve", "form.css")
# Set on one line into a finished summary page (result_page).
_BAR_CSS = stylesheet("summarizer.serve", "bar.css")


def _menu(values: Mapping[str, str], chosen: str) -> str:
    return "".join(f'<option value="{esc(k)}"{" selected" if k == chosen else ""}>{esc(label)}</option>' for k, label in values.items())


def _choice(spec: OptionSpec, chosen: str) -> str:
    """A labelled menu of an option's valid values."""
    assert isinstance(spec.rule, OneOf)
    return (
        f'<label for="{esc(spec.name)}">{esc(spec.label)}</label> '
        f'<select id="{esc(spec.name)}" name="{esc(spec.name)}" title="{esc(spec.describe())}">'
        f"{_menu({v: v for v in spec.rule.values}, chosen)}</select>\n"
    )


def _count(spec: OptionSpec, value: str) -> str:
    """A labelled number field for an option that takes a whole number."""
    assert isinstance(spec.rule, Count)
    return (
        f'<label for="{esc(spec.name)}">{esc(spec.label)}</label> '
        f'<input type="number" id="{esc(spec.name)}" name="{esc(spec.name)}" value="{esc(value)}" '
        f'min="{spec.rule.minimum}" step="1" size="4" title="{esc(spec.describe())}">\n'
    )


def form_page(
    *, error: str | None = None, text: str = "", length: str = "ratio", amount: str = str(DEFAULT_RATIO), **choices: str
) -> str:
    """The form, refilled with what was sent (escaped) and an error above it
    if any; ``choices``: the value chosen for each of :data:`FORM_CHOICES`
    and typed for each of :data:`FORM_COUNTS`."""
    length_options = _menu(LENGTHS, length)
    menus = "".join(_choice(s, choices.get(s.name, s.default)) for s in FORM_CHOICES)
    menus += "".join(_count(s, choices.get(s.name, str(s.default))) for s in FORM_COUNTS)
    alert = f'<p class="error" role="alert" id="error">{esc(error)}</p>\n' if error else ""
    body = (
        '<header lang="en" dir="ltr"><h1>Summarize a document</h1>\n'
        '<p class="muted">Paste an Arabic or English text, or choose a UTF-8 <code>.txt</code> file, pick the length and '
        "submit: the page shows the document with the summary's sentences highlighted, and the JSON to download.</p>"
        "</header>\n"
        f"{alert}"
        '<form method="post" enctype="multipart/form-data" lang="en" dir="ltr">\n'
        '<label for="text">Text</label>\n'
        f'<textarea id="text" name="text" rows="10" dir="auto" lang="ar">{esc(text)}</textarea>\n'
        '<div><label for="file">or a .txt file or saved web page</label> (used instead of the text when chosen; '
        'a page is read as its article) '
        '<input type="file" id="file" name="file" accept=".txt,.html,.htm,text/plain,text/html"></div>\n'
        '<fieldset><legend>Length</legend>\n'
        f'<select id="length" name="length" aria-label="length">{length_options}</select>\n'
        f'<input type="text" id="amount" name="amount" value="{esc(amount)}" inputmode="decimal" size="6" aria-label="amount">\n'
        f"{menus}"
        "</fieldset>\n"
        '<button type="submit" id="submit">Summarize</button>\n'
        "</form>\n"
        '<p class="muted" lang="en" dir="ltr">The same over HTTP: <code>POST api/summarize</code> with a JSON body '
        '(<a href="openapi.json">OpenAPI description</a>).</p>'
    )
    return page(title="Summarize a document", lang="en", body=body, css=_FORM_CSS, csp=FORM_CSP)


def result_page(report: str, summary_json: str, *, filename: str = "summary.json") -> str:
    """The summarize command's HTML page ``report`` with the service's bar on top.

    ``summary_json`` is offered as a download through a ``data:`` link
    (base64: nothing in it can end the attribute).
    """
    data = base64.b64encode(summary_json.encode("utf-8")).decode("ascii")
    bar = (
        f'<style>{_BAR_CSS}</style>\n'
        '<nav class="service" lang="en" dir="ltr">'
        '<a href="" id="again">Summarize another text</a>'
        f'<a id="download" download="{esc(filename)}" type="application/json" '
        f'href="data:application/json;charset=utf-8;base64,{data}">Download the JSON</a>'
        '<span class="muted">the JSON is what <code>POST api/summarize</code> returns for this text and length</span>'
        "</nav>\n"
    )
    marker = "<body>\n"
    if report.count(marker) != 1:
        raise ValueError("not a page from summarizer.render.summary.render_html (no single <body>)")
    return report.replace(marker, marker + bar, 1)


def form_fields(form: Mapping[str, str]) -> dict[str, str]:
    """The form's text fields with their defaults (a missing field is the default)."""
    return {
        "text": form.get("text", ""),
        "length": form.get("length", "ratio"),
        "amount": form.get("amount", str(DEFAULT_RATIO)).strip(),
        **{s.name: form.get(s.name, s.default) for s in FORM_CHOICES},
        **{s.name: form.get(s.name, str(s.default)).strip() for s in FORM_COUNTS},
    }


def form_payload(fields: Mapping[str, str], text: str) -> dict[str, object]:
    """The API body the form stands for: ``text``, the chosen length and each choice.

    The amount is passed on as a number when it reads as one (Arabic-Indic
    digits and the Arabic decimal separator too), otherwise as given, so the
    library's own message says what is wrong with it; an empty amount means
    the library's default length.
    """
    length = fields["length"]
    if length not in LENGTHS:
        raise RequestError(422, f"length must be one of {', '.join(LENGTHS)}; got {length!r}")
    payload: dict[str, object] = {"text": text, **{s.name: fields[s.name] for s in FORM_CHOICES}}
    # A count as a number when it reads as one (else as typed, for the
    # library's message); left empty, the option's default.
    payload.update({s.name: _number(fields[s.name]) for s in FORM_COUNTS if fields[s.name]})
    amount = fields["amount"]
    if amount:
        payload[length] = _number(amount)
    return payload


def _number(value: str) -> object:
    cleaned = value.replace("\u066b", ".")  # ARABIC DECIMAL SEPARATOR
    for kind in (int, float):
        try:
            return kind(cleaned)
        except ValueError:
            pass
    return value
