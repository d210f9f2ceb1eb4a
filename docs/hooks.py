"""MkDocs hooks: the pages that mirror code or measurements, made at build time.

Nothing here is copied by hand, so a page cannot drift from what it
describes:

- ``reference/options.md`` from the option declaration (:func:`options_page`);
- ``reference/cli.md`` from each command's ``--help`` (:func:`cli_page`);
- ``reference/http.md`` from the service's OpenAPI document (:func:`http_page`);
- ``results/*.md`` and their figures from ``benchmarks/results`` and
  ``benchmarks/README.md`` (:func:`results_files`);
- ``changelog.md`` and ``contributing.md`` from the files at the top of the
  repository;
- the table of the defaults against Lead on the quality page from
  ``benchmarks/results/corpora.json`` (:func:`dev_table`), in place of the
  marker ``<!-- dev-vs-lead -->``.

The hooks import the package, so the site documents the code it is built
with. Building needs no network (``theme.font: false`` in mkdocs.yml).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

#: The four commands: name shown, module whose ``main(argv)`` runs it.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("summarize", "summarizer.cli.summarize"),
    ("summarize-batch", "summarizer.cli.batch"),
    ("summarize-eval", "summarizer_eval.cli"),
    ("summarize-serve", "summarizer.serve.cli"),
)
#: Width the help is laid out at (rich reads COLUMNS): what an 80-column terminal shows.
HELP_COLUMNS = 80
#: A Sphinx cross-reference role as mkdocstrings leaves it in the page
#: (``:class:`~summarizer.Options``` → ``:class:<code>~summarizer.Options</code>``).
SPHINX_ROLE = re.compile(r":(?:class|func|meth|data|attr|mod|exc|obj):<code>~?([^<]*)</code>")
#: The marker on the quality page that the dev table replaces.
DEV_MARKER = "<!-- dev-vs-lead -->"


def _cell(text: object) -> str:
    """``text`` safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _literal(value: object) -> str:
    return "—" if value is None else f"`{value!r}`"


# -- options -----------------------------------------------------------------


def options_page() -> str:
    """The options reference: one row per declared option
    (:data:`summarizer.options.SPECS`, the one declaration every surface is
    derived from): its default, its valid values, the commands and
    surfaces that offer it, and its help as a command line spells it."""
    from summarizer.cli.summarize import FLAGS
    from summarizer.options import DEFAULT_RATIO, SPECS

    lines = [
        "# Options",
        "",
        "Every option of the library, generated from its one declaration (`summarizer.options.SPECS`, made",
        "from the `Options` fields' metadata). The same name is a keyword argument of `Summarizer` and",
        "`summarize`, a field of the HTTP API's JSON body, and a flag of `summarize` and `summarize-batch`",
        "(underscores become dashes, a true/false option is `--name/--no-name`); the last column lists every",
        "surface that offers it.",
        "",
        f"Length: give at most one of `ratio`, `sentences`, `words`; none means `ratio={DEFAULT_RATIO}`.",
        "A value outside its rule, or a misspelled name, is refused before any work with a message",
        "naming the parameter and its valid values (`InvalidOptionError`; exit code 2 on the command line,",
        "422 over HTTP).",
        "",
        "| option | default | valid values | command-line flag | what it does | offered by |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for spec in SPECS:
        dashed = spec.name.replace("_", "-")
        flag = f"`--{dashed}` / `--no-{dashed}`" if spec.kind is bool else f"`--{dashed}`"
        surfaces = ", ".join(sorted(spec.surfaces))
        lines.append(
            f"| `{spec.name}` | {_literal(spec.default)} | {_cell(spec.valid)} | {flag} | {_cell(spec.describe(FLAGS.spell, valid=False))} | {surfaces} |"
        )
    lines += ["", "How each option changes the summaries, measured: [Experiments](../experiments.md).", ""]
    return "\n".join(lines)


# -- command line ------------------------------------------------------------


def command_help(prog: str, module: str) -> str:
    """What ``prog --help`` prints on an 80-column terminal without colour."""
    env = {**os.environ, "COLUMNS": str(HELP_COLUMNS), "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("FORCE_COLOR", None)
    code = f"import sys; sys.argv[0] = {prog!r}; from {module} import main; main(['--help'])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"{prog} --help failed ({done.returncode}): {done.stderr.strip()}")
    return "\n".join(line.rstrip() for line in done.stdout.strip("\n").splitlines())


def cli_page() -> str:
    """The command-line reference: each command's ``--help``, as it prints it."""
    lines = [
        "# Command line",
        "",
        "Each command's `--help`, generated when the site is built. Every command exits with 0 on success,",
        "2 for a usage error (an unknown option, a value outside its range), 1 for bad input or an output",
        "that cannot be written, 130 on Ctrl-C; `summarize-batch` also uses 3 (some documents failed) and",
        "143 (terminated). Errors are one line on stderr, `PROG: error: …`.",
        "",
    ]
    for prog, module in COMMANDS:
        lines += [f"## {prog}", "", "```text", command_help(prog, module), "```", ""]
    return "\n".join(lines)


# -- HTTP API ----------------------------------------------------------------


def _type(schema: dict[str, Any]) -> str:
    kind = schema.get("type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    text = " or ".join(k for k in kinds if k)
    if "enum" in schema:
        text += ": " + ", ".join(f"`{v}`" for v in schema["enum"])
    return text


def http_page() -> str:
    """The HTTP API reference from :func:`summarizer.serve.openapi.openapi_document`,
    the document the service serves at ``/openapi.json``."""
    from summarizer.serve.app import VERSION
    from summarizer.serve.core import DEFAULT_MAX_BYTES
    from summarizer.serve.openapi import openapi_document

    doc = openapi_document(max_bytes=DEFAULT_MAX_BYTES, version=VERSION)
    lines = [
        "# HTTP API",
        "",
        f"Generated from the OpenAPI {doc['openapi']} document that `summarize-serve` serves at",
        f"`/openapi.json` (shown here with the default `--max-bytes {DEFAULT_MAX_BYTES}`). {doc['info']['description']}",
        "How to run the service: [Serve](../guide/serve.md).",
        "",
    ]
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            lines += [f"## `{method.upper()} {path}`", "", op["summary"] + ".", ""]
            if "description" in op:
                lines += [op["description"], ""]
            body = op.get("requestBody", {}).get("content", {})
            for media, content in body.items():
                lines += [f"Request body: `{media}`.", ""]
                if "example" in content:
                    example = json.dumps(content["example"], ensure_ascii=False)
                    lines += ["```json", example, "```", ""]
            lines += ["| status | meaning |", "| --- | --- |"]
            lines += [f"| {code} | {_cell(r['description'])} |" for code, r in op["responses"].items()]
            lines.append("")
    request = doc["components"]["schemas"]["SummarizeRequest"]
    lines += [
        "## The request body of `POST /api/summarize`",
        "",
        "One of `text` and `html` (a web page, summarized as its article) is required; every other field",
        "is an option of the library under the same name ([Options](options.md)); an unknown field is a",
        "422 naming the valid ones.",
        "",
        "| field | type | default | description |",
        "| --- | --- | --- | --- |",
    ]
    required = set(request.get("required", [])) | {n for alt in request.get("oneOf", []) for n in alt.get("required", [])}
    for name, schema in request["properties"].items():
        default = "(one of text, html)" if name in required else _literal(schema.get("default"))
        lines.append(f"| `{name}` | {_cell(_type(schema))} | {_cell(default)} | {_cell(schema.get('description', ''))} |")
    lines += [
        "",
        "## The whole document",
        "",
        '??? note "openapi.json"',
        "",
        "    ```json",
        *("    " + line for line in json.dumps(doc, ensure_ascii=False, indent=1).splitlines()),
        "    ```",
        "",
    ]
    return "\n".join(lines)


# -- results -----------------------------------------------------------------


def results_files() -> dict[str, bytes]:
    """Every result of ``benchmarks/results`` (Markdown and figures) under
    ``results/``, and ``benchmarks/README.md`` as ``results/methods.md``."""
    out: dict[str, bytes] = {"results/methods.md": (ROOT / "benchmarks" / "README.md").read_bytes()}
    for path in sorted(RESULTS.iterdir()):
        if path.suffix in (".md", ".png"):
            name = "runs.md" if path.name == "summary.md" else path.name  # results/index.md is the hand-written page
            out[f"results/{name}"] = path.read_bytes()
    return out


def dev_table() -> str:
    """The defaults against Lead at equal length on each dev corpus, from the
    latest ``python -m benchmarks.corpora`` run (``corpora.json``)."""
    data = json.loads((RESULTS / "corpora.json").read_text(encoding="utf-8"))
    metrics = ("rouge1", "rouge2", "rougeLsum")
    lines = [
        "| corpus (budget) | documents | Δ R-1 [95% CI] | Δ R-2 [95% CI] | Δ R-Lsum [95% CI] |",
        "| --- | --: | --: | --: | --: |",
    ]
    for corpus in data["corpora"]:
        rows = {c["metric"]: c for c in corpus["against_lead"] if c["system"] == "textrank"}
        budget = " ".join(f"--{k} {v}" for k, v in corpus["budget"].items())
        cells = []
        for metric in metrics:
            c = rows[metric]
            verdict = f"**{c['verdict']}**" if c["verdict"] != "tie" else "tie"
            cells.append(f"{c['mean']:+.3f} [{c['low']:+.3f}, {c['high']:+.3f}] {verdict}")
        about = corpus["about"].split(":")[0]
        lines.append(f"| {about} (`{budget}`) | {corpus['documents']} | " + " | ".join(cells) + " |")
    machine = data["machine"]
    lines += ["", f"Run {machine['date'][:10]} ({machine['cpus']} CPUs, Python {machine['python']}); full tables: [corpora.md](corpora.md)."]
    return "\n".join(lines)


# -- the hooks ---------------------------------------------------------------


def _generated(config: Any) -> dict[str, str | bytes]:
    pages: dict[str, str | bytes] = {
        "reference/options.md": options_page(),
        "reference/cli.md": cli_page(),
        "reference/http.md": http_page(),
        "changelog.md": (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"),
        "contributing.md": (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"),
    }
    pages.update(results_files())
    return pages


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages to the site (mkdocs ≥ 1.6: ``File.generated``)."""
    from mkdocs.structure.files import File

    for uri, content in _generated(config).items():
        files.append(File.generated(config, uri, content=content))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Fill the quality page's table from the latest measurements."""
    if DEV_MARKER in markdown:
        markdown = markdown.replace(DEV_MARKER, dev_table())
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The docstrings use Sphinx roles, which the Python handler shows as
    written: keep the name as code, drop the role (and the ``~`` that asks
    for the short name, showing the last component as Sphinx would)."""
    return SPHINX_ROLE.sub(lambda m: f"<code>{m.group(1).rsplit('.', 1)[-1] if m.group(0).count('~') else m.group(1)}</code>", html)
