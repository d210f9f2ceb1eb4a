"""The ``summarize`` command: parse arguments, call the library, format.

Every user mistake ends in one line on stderr (``summarize: error: …``) and a
non-zero exit code, never a traceback: 2 for a usage error (a bad option or
option value), 1 for a problem with the input, the output or the run (see
:mod:`.kit`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from ..api import Summarizer
from ..render.formats import FORMATS, format_summary
from ..textio import DEFAULT_MAX_BYTES, prepare_output, read_text, write_output, write_stdout
from ..web import INPUT_FORMATS, fetch, summarize_input
from ..web.fetch import DEFAULT_TIMEOUT
from . import kit

__all__ = ["FLAGS", "app", "main"]

#: The library's parameters as this command spells them.
FLAGS = kit.Flags("summarize", names={"fmt": "--format"})

app = kit.new_app()


@app.command(help="Print the key sentences of FILE (or - for standard input, or the page at --url), in document order. A web page (HTML) is read as its article.")
@kit.with_options("summarize", FLAGS)
def summarize_command(
    file: Annotated[str | None, typer.Argument(help="Text file or saved web page to summarize, or - to read standard input.", metavar="FILE")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Summarize the article of the web page at this http(s) address (instead of FILE).")] = None,
    input_format: Annotated[str, typer.Option("--input-format", help=f"{', '.join(INPUT_FORMATS)}: how to read the input (auto: HTML is told from text by its content).")] = "auto",
    timeout: Annotated[float, typer.Option(help="With --url: seconds the server has to send the page.", min=0.1)] = DEFAULT_TIMEOUT,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "text",
    encoding: kit.Encoding = "utf-8",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    max_bytes: kit.MaxBytes = DEFAULT_MAX_BYTES,
    version: kit.Version = False,
    **options: Any,
) -> None:
    if fmt not in FORMATS:
        FLAGS.fail(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}", kit.EXIT_USAGE)
    if input_format not in INPUT_FORMATS:
        FLAGS.fail(f"unknown input format {input_format!r}; valid input formats: {', '.join(INPUT_FORMATS)}", kit.EXIT_USAGE)
    if (file is None) == (url is None):
        FLAGS.fail("give FILE (or - for standard input) or --url URL, one of them", kit.EXIT_USAGE)
    summarizer = Summarizer(**kit.summarizer_options(options))
    # The output is checked before the input is read and summarized: a
    # refusal never comes after the work; the input itself is never one.
    target = prepare_output(output, force=force, inputs=[file] if file is not None else []) if output is not None else None
    if url is not None:
        fetched = fetch(url, timeout=timeout, max_bytes=max_bytes)
        text, source, page_url = fetched.text, url, fetched.url
    else:
        assert file is not None
        text, source, page_url = read_text(file, encoding=encoding, max_bytes=max_bytes), ("standard input" if file == "-" else file), None
    if not text.strip():
        FLAGS.fail(f"{source} is empty; give a file with text to summarize")
    with kit.stage_progress() as progress:
        summary, article = summarize_input(summarizer, text, input_format=input_format, source=source, url=page_url, progress=progress)
    if summary.warning is not None:
        sys.stderr.write(f"{FLAGS.prog}: warning: {summary.warning}\n")
    rendered = format_summary(summary, fmt, source=article)
    if target is None:
        write_stdout(rendered)
    else:
        write_output(target, rendered)


def main(argv: list[str] | None = None) -> NoReturn:
    """Console entry point: typer's parsing, our one-line errors."""
    raise SystemExit(kit.run(app, FLAGS, argv))


if __name__ == "__main__":
    main()
