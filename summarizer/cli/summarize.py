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

from ..api import Summarizer, Summary
from ..render.formats import FORMATS, format_summary
from ..textio import DEFAULT_MAX_BYTES, prepare_output, read_text, write_output, write_stdout
from . import kit

__all__ = ["FLAGS", "app", "main"]

#: The library's parameters as this command spells them.
FLAGS = kit.Flags("summarize", names={"fmt": "--format"})

app = kit.new_app()


@app.command(help="Print the key sentences of FILE (or - for standard input), in document order.")
@kit.with_options("summarize", FLAGS)
def summarize_command(
    file: Annotated[str, typer.Argument(help="Text file to summarize, or - to read standard input.", metavar="FILE")],
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
    summarizer = Summarizer(**kit.summarizer_options(options))
    # The output is checked before the input is read and summarized: a
    # refusal never comes after the work; the input itself is never one.
    target = prepare_output(output, force=force, inputs=[file]) if output is not None else None
    text = read_text(file, encoding=encoding, max_bytes=max_bytes)
    if not text.strip():
        FLAGS.fail(f"{'standard input' if file == '-' else file} is empty; give a file with text to summarize")
    summary = _run(summarizer, text)
    if summary.warning is not None:
        sys.stderr.write(f"{FLAGS.prog}: warning: {summary.warning}\n")
    rendered = format_summary(summary, fmt, source=text)
    if target is None:
        write_stdout(rendered)
    else:
        write_output(target, rendered)


def _run(summarizer: Summarizer, text: str) -> Summary:
    """Summarize, with a progress bar on stderr for long documents."""
    with kit.stage_progress() as progress:
        return summarizer.summarize(text, progress=progress)


def main(argv: list[str] | None = None) -> NoReturn:
    """Console entry point: typer's parsing, our one-line errors."""
    raise SystemExit(kit.run(app, FLAGS, argv))


if __name__ == "__main__":
    main()
