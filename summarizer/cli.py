"""The ``summarize`` command: parse arguments, call the library, format.

Every user mistake ends in one line on stderr (``summarize: error: …``) and a
non-zero exit code, never a traceback: 2 for a usage error (a bad option or
option value), 1 for a problem with the input, the output or the run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .api import Summarizer, Summary
from .errors import InvalidOptionError, SummarizerError
from .render.formats import FORMATS, format_summary
from .textio import DEFAULT_MAX_BYTES, InputError, UsageError, prepare_output, read_text, silence_stdout, write_output, write_stdout

__all__ = ["EXIT_USAGE", "app", "exit_code", "main", "run_app"]

#: Exit code of every usage error, whether typer or the library finds it.
EXIT_USAGE = 2

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

_LENGTH = "Length (give at most one; default --ratio 0.3)"
_METHOD = "Method"


@app.command(help="Print the key sentences of FILE (or - for standard input), in document order.")
def summarize_command(
    file: Annotated[str, typer.Argument(help="Text file to summarize, or - to read standard input.")],
    ratio: Annotated[float | None, typer.Option(help="Fraction of the distinct sentences to keep, in (0, 1].", rich_help_panel=_LENGTH)] = None,
    sentences: Annotated[int | None, typer.Option(help="Number of sentences to keep.", rich_help_panel=_LENGTH)] = None,
    words: Annotated[int | None, typer.Option(help="Word budget: filled in rank order, the sentence that crosses it cut with '…' (see --no-trim).", rich_help_panel=_LENGTH)] = None,
    trim: Annotated[bool, typer.Option(help="With --words: cut the sentence that crosses the budget (--no-trim: whole sentences only, skipping those that do not fit).", rich_help_panel=_LENGTH)] = True,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "text",
    language: Annotated[str, typer.Option(help="auto, ar or en: segmentation rules and stop words.")] = "auto",
    encoding: Annotated[str, typer.Option(help="Encoding of the input, e.g. cp1256 for Windows Arabic.")] = "utf-8",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite --output if it exists.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse an input larger than this many bytes.", min=1)] = DEFAULT_MAX_BYTES,
    stop_words: Annotated[bool, typer.Option(help="Drop stop words before comparing sentences.", rich_help_panel=_METHOD)] = True,
    stem: Annotated[bool | None, typer.Option(help="Light-stem Arabic words before comparing sentences.", rich_help_panel=_METHOD)] = None,
    include_headings: Annotated[bool, typer.Option(help="Let heading and byline lines be selected.", rich_help_panel=_METHOD)] = False,
    similarity: Annotated[str | None, typer.Option(help="Edge weights: cosine, bm25 or overlap.", rich_help_panel=_METHOD)] = None,
    prior: Annotated[str | None, typer.Option(help="PageRank prior: none, position, opening or centroid.", rich_help_panel=_METHOD)] = None,
    prior_weight: Annotated[float | None, typer.Option(help="Share of the prior in PageRank's teleport vector, in [0, 1].", rich_help_panel=_METHOD)] = None,
    damping: Annotated[float | None, typer.Option(help="PageRank damping factor, in (0, 1).", rich_help_panel=_METHOD)] = None,
    redundancy: Annotated[float | None, typer.Option(help="Skip a sentence this similar to a chosen one, in (0, 1]; 1 turns it off.", rich_help_panel=_METHOD)] = None,
    forward: Annotated[float | None, typer.Option(help="Weight of edges from an earlier sentence to a later one, in [0, 1]; below 1 the graph is directed.", rich_help_panel=_METHOD)] = None,
    position_decay: Annotated[float | None, typer.Option(help="Scores times (position) ** -this, in [0, 2].", rich_help_panel=_METHOD)] = None,
    min_similarity: Annotated[float | None, typer.Option(help="Drop edges weaker than this before ranking, in [0, 1).", rich_help_panel=_METHOD)] = None,
) -> None:
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}", EXIT_USAGE)
    options: dict[str, Any] = {
        "ratio": ratio,
        "sentences": sentences,
        "words": words,
        "language": language,
        "stop_words": stop_words,
        "include_headings": include_headings,
        "trim": trim,
    }
    tuned = {
        "stem": stem, "similarity": similarity, "prior": prior, "prior_weight": prior_weight, "damping": damping,
        "redundancy": redundancy, "forward": forward, "position_decay": position_decay, "min_similarity": min_similarity,
    }
    options.update({k: v for k, v in tuned.items() if v is not None})  # None: the library's default
    try:
        summarizer = Summarizer(**options)
        # The output is checked before the input is read and summarized: a
        # refusal never comes after the work.
        target = prepare_output(output, force=force) if output is not None else None
        text = read_text(file, encoding=encoding, max_bytes=max_bytes)
        if not text.strip():
            _fail(f"{'standard input' if file == '-' else file} is empty; give a file with text to summarize")
        summary = _run(summarizer, text)
        rendered = format_summary(summary, fmt, source=text)
        if target is None:
            write_stdout(rendered)
        else:
            write_output(target, rendered)
    except (InputError, SummarizerError) as exc:
        _fail(str(exc), exit_code(exc))


def exit_code(exc: Exception) -> int:
    """2 for a usage error (an invalid option value included), else 1."""
    return EXIT_USAGE if isinstance(exc, (UsageError, InvalidOptionError)) else 1


def _run(summarizer: Summarizer, text: str) -> Summary:
    """Summarize, with a progress bar on stderr for long documents."""
    bar: list[Any] = []
    if sys.stderr is None or not sys.stderr.isatty():
        # A bar is for a person watching: on a pipe or a log file, even a
        # transient one leaves an empty line behind.
        return summarizer.summarize(text)

    def progress(stage: str, done: int, total: int) -> None:
        if not bar:
            from rich.console import Console
            from rich.progress import Progress

            p = Progress(console=Console(stderr=True), transient=True)
            p.start()
            bar.extend([p, p.add_task(stage, total=total)])
        bar[0].update(bar[1], completed=done, total=total, description=stage)

    try:
        return summarizer.summarize(text, progress=progress)
    finally:
        if bar:
            bar[0].stop()


def _fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"summarize: error: {message}\n")
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> NoReturn:
    """Console entry point: typer's parsing, our one-line errors."""
    code = run_app(app, "summarize", argv)
    raise SystemExit(code)


def run_app(application: typer.Typer, prog: str, argv: list[str] | None = None) -> int:
    """Run a typer app so that usage errors are one line, never a traceback.

    typer's standalone mode prints boxed, multi-line errors; here its parsing
    errors (any exception carrying ``format_message`` and ``exit_code``,
    whichever click typer bundles) become ``PROG: error: …``.
    """
    try:
        code = application(args=argv, prog_name=prog, standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write(f"{prog}: error: interrupted\n")
        return 130
    except BrokenPipeError:  # the reader went away (| head): a quiet end
        silence_stdout()
        return 1
    except Exception as exc:
        if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
            raise
        sys.stderr.write(f"{prog}: error: {exc.format_message()} (see {prog} --help)\n")
        return int(exc.exit_code) or 2
    return code if isinstance(code, int) else 0

