"""The ``summarize-batch`` command: summarize a folder, a JSONL (or ``.jsonl.gz``) or a Parquet file, by path or URL.

Exit codes: 0 every document summarized; 3 the run finished but some
documents failed, in this run or, with --resume, an earlier one (the final
line counts them, their error records say why);
1 bad input, an output in use or that cannot be written, or a lost engine
(one line on stderr, nothing overwritten); 2 a usage error (an option or
option value); 130 interrupted (Ctrl-C), 143 terminated (SIGTERM): what was
written is kept for --resume.
"""

from __future__ import annotations

import signal
from typing import Annotated, Any, NoReturn

import typer

from ..api import Summarizer
from ..batch.engines import ENGINES, Engine, make_engine
from ..batch.formats import format_of
from ..batch.io import DEFAULT_PATTERN, Existing, FolderSource, Sink, Source, id_key, open_sink, open_source, partial_path
from ..batch.jobs import BatchReport, BatchSummarizer, Record, run_batch
from ..batch.shards import Shard, is_pattern, plan, run_shards
from ..textio import DEFAULT_MAX_BYTES, write_stdout
from . import kit

__all__ = ["FLAGS", "app", "main"]

PROG = "summarize-batch"
EXIT_SOME_FAILED = 3
#: The library's parameters as this command spells them.
FLAGS = kit.Flags(
    PROG,
    names={"input": "INPUT"},
    values={"existing='overwrite'": "--force", "existing='resume'": "--resume", "force=True": "--force"},
)

app = kit.new_app()

_RUN = "Running"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so it stops the run as Ctrl-C does."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


@app.command(
    help=(
        "Summarize every document of INPUT: a folder of text files (id: the path without its suffix), "
        'a JSONL file of {"id": ..., "text": ...} lines (.jsonl.gz: gzipped) or a Parquet file with id and text columns; '
        "a file may be a URL (s3://, gs://, file://). OUTPUT ending in .jsonl, .jsonl.gz or .parquet (a path or URL) "
        "gets one record per document, in input order; any other OUTPUT is a folder of ID.summary.txt (and ID.error.txt) files. "
        "INPUT may be a glob of such files (corpus/*.parquet): each part is read and written by the task that summarizes it, "
        "into OUTPUT/NAME (a folder or URL prefix) with a NAME.done marker, so --resume reruns only unfinished parts."
    ),
)
@kit.with_options("summarize-batch", FLAGS)
def batch_command(
    input: Annotated[str, typer.Argument(help="Folder of text files; JSONL (.jsonl, .jsonl.gz) or Parquet file, a path or URL.", metavar="INPUT")],
    output: Annotated[str, typer.Option("--output", "-o", help="FILE.jsonl, .jsonl.gz or .parquet (a path or URL) for records, or a folder for summary files.")],
    pattern: Annotated[str, typer.Option(help="Which files of an input folder to read (a glob; **/*.txt for subfolders).")] = DEFAULT_PATTERN,
    min_sentences: Annotated[int, typer.Option(help="A document with fewer sentences fails as too short.", min=1)] = 1,
    workers: Annotated[int | None, typer.Option(help="Processes to use (local: default 1; dask local cluster: default one per core).", min=1, rich_help_panel=_RUN)] = None,
    engine: Annotated[str, typer.Option(help=f"Where to run: {', '.join(ENGINES)}.", rich_help_panel=_RUN)] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Address of a Dask scheduler, e.g. tcp://10.0.0.5:8786 (default with --engine dask: a local cluster).", rich_help_panel=_RUN)] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Keep OUTPUT's records and summarize only the ids it lacks.", rich_help_panel=_RUN)] = False,
    force: Annotated[bool, typer.Option("--force", help="Start over, replacing OUTPUT's records.", rich_help_panel=_RUN)] = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.", rich_help_panel=_RUN)] = True,
    encoding: kit.Encoding = "utf-8",
    max_bytes: kit.MaxBytes = DEFAULT_MAX_BYTES,
    version: kit.Version = False,
    **shared: Any,
) -> None:
    """The command; ``shared`` holds the summarizer's options."""
    if resume and force:
        FLAGS.fail("give --resume (keep the output and add to it) or --force (start over), not both", kit.EXIT_USAGE)
    existing: Existing = "resume" if resume else "overwrite" if force else "fail"
    options = kit.summarizer_options(shared)
    previous = None
    try:  # SIGTERM stops the run as Ctrl-C does (only the main thread can ask); an inherited SIG_IGN is respected
        if signal.getsignal(signal.SIGTERM) != signal.SIG_IGN:
            previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:
        pass
    try:
        report = _command(
            input,
            output,
            pattern=pattern,
            min_sentences=min_sentences,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            existing=existing,
            progress=progress,
            encoding=encoding,
            max_bytes=max_bytes,
            options=options,
        )
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    write_stdout(_final_line(report, output, records=format_of(output) is not None or is_pattern(input)) + "\n")
    if report.failed or report.failed_earlier:  # a resumed output's failures are failures too
        raise SystemExit(EXIT_SOME_FAILED)


def _command(
    input: str,
    output: str,
    *,
    pattern: str,
    min_sentences: int,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    existing: Existing,
    progress: bool,
    encoding: str,
    max_bytes: int,
    options: dict[str, Any],
) -> BatchReport:
    """Check everything, then run: every failure is one line and an exit code."""
    try:
        job = BatchSummarizer(summarizer=Summarizer(**options), min_sentences=min_sentences)
        runner = make_engine(engine, workers=workers, scheduler=scheduler)
        if is_pattern(input):  # a corpus in parts: each task reads and writes its own part
            _folder_only(pattern, f"{input} names its parts itself")
            shards = plan(input, output)
            with runner:
                return _run_shards(shards, job=job, engine=runner, existing=existing, encoding=encoding, progress=progress)
        source = open_source(input, pattern=pattern, encoding=encoding, max_bytes=max_bytes)
        if not isinstance(source, FolderSource):
            _folder_only(pattern, f"{input} is a file of records")
        if source.contains(output):
            where = "is inside the input folder" if isinstance(source, FolderSource) else "is the input file"
            where = f"{where} {input}" if isinstance(source, FolderSource) else where
            FLAGS.fail(f"{output} {where}; write the output elsewhere so the input is never modified")
        with open_sink(output, existing=existing) as sink:
            sink.check(source.entries)
            with runner:
                return _run(source, sink, job=job, engine=runner, progress=progress)
    except KeyboardInterrupt as exc:
        kept = partial_path(output) if format_of(output) is not None and not is_pattern(input) else output
        how, code = ("terminated", kit.EXIT_TERMINATED) if isinstance(exc, Terminated) else ("interrupted", kit.EXIT_INTERRUPTED)
        FLAGS.fail(f"{how}; finished records are kept in {kept}: rerun with --resume to continue", code)


def _run(source: Source, sink: Sink, *, job: BatchSummarizer, engine: Engine, progress: bool) -> BatchReport:
    """Run the batch with a progress bar (counts, failures, rate) on stderr."""
    if not progress:
        return run_batch(source, sink, job=job, engine=engine)
    from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        """Documents per second as the final line counts them
        (:attr:`BatchReport.rate`: documents processed over the run's
        seconds), and at the end the run's own figure: one speed, not
        rich's estimate over its last samples, which leaves out the start."""

        def render(self, task: Any) -> Text:
            rate = task.fields.get("rate")
            if rate is None and task.elapsed:
                rate = task.completed / task.elapsed
            return Text(f"{rate:.1f} docs/s" if rate else "– docs/s")

    todo = sum(id_key(e.id) not in sink.done for e in source.entries)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    failed = 0
    with kit.count_progress("summarizing", todo, columns=columns, terminal_only=False, failed=0) as update:

        def advance(record: Record) -> None:
            nonlocal failed
            failed += record["status"] != "ok"
            update(advance=1, failed=failed)

        report = run_batch(source, sink, job=job, engine=engine, on_record=advance)
        update(rate=report.rate)
        return report


def _folder_only(pattern: str, why: str) -> None:
    """``--pattern`` picks the files of a folder: given with any other input, it would be silently ignored."""
    if pattern != DEFAULT_PATTERN:
        FLAGS.fail(f"--pattern is for a folder input; {why}: drop --pattern", kit.EXIT_USAGE)


def _run_shards(shards: list[Shard], *, job: BatchSummarizer, engine: Engine, existing: Existing, encoding: str, progress: bool) -> BatchReport:
    """Run the parts with a progress bar counting parts on stderr."""
    if not progress:
        return run_shards(shards, job=job, engine=engine, existing=existing, encoding=encoding)
    with kit.count_progress("parts", len(shards), terminal_only=False) as update:
        return run_shards(shards, job=job, engine=engine, existing=existing, encoding=encoding, on_shard=lambda report: update(advance=1))


def _final_line(report: BatchReport, output: str, *, records: bool) -> str:
    """The run's last line; ``records``: the output holds records (a file, or a part per input part), not summary files."""
    earlier = f" ({report.failed_earlier} of them failed)" if report.failed_earlier else ""
    line = (
        f"{PROG}: {report.total} document{'' if report.total == 1 else 's'}: {report.summarized} summarized, {report.failed} failed, "
        f"{report.skipped} already done{earlier}; {report.rate:.1f} docs/s; output: {output}"
    )
    if report.failed or report.failed_earlier:
        line += " (the error records say why each failed)" if records else " (each ID.error.txt says why)"
    return line


def main(argv: list[str] | None = None) -> NoReturn:
    """Console entry point: typer's parsing, one-line errors."""
    raise SystemExit(kit.run(app, FLAGS, argv))


if __name__ == "__main__":
    main()
