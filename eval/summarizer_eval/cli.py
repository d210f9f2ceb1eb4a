"""The ``summarize-eval`` command: score systems on a corpus, print a table.

Every mistake (a missing corpus, a bad option, an unknown system, a corpus
file that is wrong, an output that cannot be written) ends in one line on
stderr (``summarize-eval: error: …``) and a non-zero exit code, never a
traceback: 2 for a usage error (an option or option value), 1 otherwise.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from summarizer.cli import kit
from summarizer.errors import InputError, SummarizerError
from summarizer.options import DEFAULT_RATIO
from summarizer.select import Budget
from summarizer.textio import check_folder_writable, prepare_output, write_atomic, write_stdout
from summarizer.validate import check_names, invalid, one_of

from .bootstrap import Bootstrap
from .candidates import load_candidates, match_ids, parse_candidate_option
from .corpus import Corpus, load_corpus
from .errors import CorpusError, EvalError, EvalOptionError
from .evaluate import COMPARE_RULES, DEFAULT_BASELINE, Report, evaluate, resolve_baseline
from .formats import EXTENSIONS, FORMATS, check_format, format_report
from .keyphrases import (
    KEYPHRASE_FORMATS,
    KEYPHRASE_SYSTEMS,
    Extractor,
    KeyphraseCorpus,
    KeyphraseReport,
    evaluate_keyphrases,
    is_keyphrase_corpus,
    keyphrase_documents_csv,
    load_keyphrase_corpus,
    load_phrase_files,
    make_extractors,
    render_keyphrase_report,
)
from .report import documents_csv
from .rouge import ArabicRouge
from .systems import DEFAULT_SYSTEMS, SYSTEM_NAMES, check_system_names, make_budget, make_systems
from .view import System, corpus_sentences

__all__ = ["app", "main", "output_files"]

PROG = "summarize-eval"
#: Spellings of former versions: refused with a line naming the new flag
#: (``--stem`` is now a flag, so ``--stem light`` cannot be kept as an alias).
RENAMED = {"--out": "-o/--output", "--stem none": "--no-stem", "--stem light": "--stem"}
FLAGS = kit.Flags(PROG, names={"fmt": "--format"}, renamed=RENAMED)
app = kit.new_app()

_SCORING = "Scoring"
_OUTPUT = "Output"
#: What a run scores: summaries against references, or keyphrases against
#: gold phrases; ``auto``: the corpus's layout decides (:func:`is_keyphrase_corpus`).
TASKS: tuple[str, ...] = ("auto", "summaries", "keyphrases")
#: The keyphrase evaluation's systems when --systems is not given.
DEFAULT_KEYPHRASE_SYSTEMS: tuple[str, ...] = KEYPHRASE_SYSTEMS


@app.command(
    help="Score summarizers against human reference summaries with Arabic-correct ROUGE. "
    f"Every system is held to the same length: --ratio, --sentences or --words (default --ratio {DEFAULT_RATIO}). "
    "A corpus of <id>/document.txt + <id>/keyphrases.txt scores keyphrases instead: precision, recall and F1 "
    "at 5, 10 and 15, exact and stemmed match."
)
@kit.with_options("summarize-eval", FLAGS)
def eval_command(
    corpus: Annotated[
        str,
        typer.Argument(
            help="Corpus folder (<id>/document.txt + <id>/references/*.txt, or <id>.txt + references/<id>/*.txt) "
            "or a JSONL file (id, document, references); for keyphrases, <id>/document.txt + <id>/keyphrases.txt "
            "(one gold phrase a line).",
            metavar="CORPUS",
        ),
    ],
    systems: Annotated[
        str | None,
        typer.Option(
            help=f"Comma-separated built-in systems: {', '.join(SYSTEM_NAMES)} (the peers need the bench extra; "
            f"default {','.join(DEFAULT_SYSTEMS)}); for keyphrases {', '.join(KEYPHRASE_SYSTEMS)} "
            f"(default {','.join(DEFAULT_KEYPHRASE_SYSTEMS)}). Empty to score only --candidates."
        ),
    ] = None,
    task: Annotated[
        str,
        typer.Option(
            help="summaries, keyphrases, or auto: keyphrases when the corpus's documents have keyphrases.txt "
            "and no references/."
        ),
    ] = "auto",
    candidates: Annotated[
        list[str] | None,
        typer.Option(
            "--candidates",
            metavar="NAME=PATH",
            help="Summaries made elsewhere, scored as system NAME: a folder of <id>.txt or a JSONL file of "
            '{"id", "summary"}; for keyphrases a folder of <id>.txt, one phrase a line, best first. Repeatable.',
        ),
    ] = None,
    allow_missing: Annotated[
        bool,
        typer.Option(help="Leave out (and count) documents a candidate has no summary for, instead of failing."),
    ] = False,
    encoding: Annotated[
        str, typer.Option(help="Encoding of documents, references and candidate summaries (a byte-order mark wins).")
    ] = "utf-8",
    baseline: Annotated[
        str | None,
        typer.Option(
            help=f"The system every other one is compared with (paired bootstrap): one of those evaluated "
            f"(default {DEFAULT_BASELINE}, or the first system when {DEFAULT_BASELINE} is not evaluated).",
            rich_help_panel="Scoring",
        ),
    ] = None,
    compare: Annotated[
        str,
        typer.Option(
            help="equal-length: with --words N every summary is cut to N words, and each comparison cuts the longer "
            "summary to the shorter one's words; as-is: every summary at its own length.",
            rich_help_panel="Scoring",
        ),
    ] = "equal-length",
    multi_ref: Annotated[
        str,
        typer.Option(
            help="Several references: pooled (ROUGE-1.5.5 default, matches summed) or max (best-F reference).",
            rich_help_panel=_SCORING,
        ),
    ] = "pooled",
    stem: Annotated[bool, typer.Option(help="Light-stem both sides (the project's Arabic stemmer) before matching.", rich_help_panel=_SCORING)] = False,
    length_limit: Annotated[
        int | None,
        typer.Option(help="Truncate summaries and references to their first N words before scoring (ROUGE-1.5.5 -l).", rich_help_panel=_SCORING),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap and of the random baseline.", rich_help_panel=_SCORING)] = 0,
    resamples: Annotated[int, typer.Option(help="Bootstrap resamples over documents.", rich_help_panel=_SCORING)] = 10_000,
    docs: Annotated[str | None, typer.Option(help="Comma-separated document ids: evaluate only these.", rich_help_panel=_SCORING)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.", rich_help_panel=_OUTPUT)] = "table",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o",
            help="Write report.json, documents.csv and summary.<format> into this folder instead of printing "
            "(created if missing, inside an existing folder).",
            rich_help_panel=_OUTPUT,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files in --output.", rich_help_panel=_OUTPUT)] = False,
    show_doc: Annotated[
        str | None,
        typer.Option(help="With --format html: the document shown with its summaries and references (default: the first).", rich_help_panel=_OUTPUT),
    ] = None,
    version: kit.Version = False,
    **lengths: Any,
) -> None:
    try:
        one_of("task", task, TASKS, error=EvalOptionError)
    except SummarizerError as exc:
        FLAGS.fail(exc, kit.EXIT_USAGE)
    if task == "keyphrases" or (task == "auto" and is_keyphrase_corpus(corpus)):
        summary_only = {
            "--compare": compare != "equal-length", "--multi-ref": multi_ref != "pooled", "--stem": stem,
            "--length-limit": length_limit is not None, "--show-doc": show_doc is not None, "--allow-missing": allow_missing,
            **{FLAGS.spell(name, None): value is not None for name, value in lengths.items()},
        }
        _keyphrases(
            corpus, systems=systems, candidates=candidates or [], encoding=encoding, baseline=baseline, seed=seed,
            resamples=resamples, docs=docs, fmt=fmt, output=output, force=force,
            summary_only=[flag for flag, given in summary_only.items() if given],
        )
        return
    systems = ",".join(DEFAULT_SYSTEMS) if systems is None else systems
    try:  # the options: every problem here is a usage error (exit 2)
        check_format(fmt)
        if show_doc is not None and fmt != "html":
            raise EvalError(f"--show-doc only applies to --format html (got --format {fmt})")
        one_of("compare", compare, COMPARE_RULES)  # evaluate() checks it only after reading the corpus
        budget = make_budget(**lengths)
        scorer = ArabicRouge(multi_ref=multi_ref, stem="light" if stem else "none", length_limit=length_limit)
        bootstrap = Bootstrap(resamples=resamples, seed=seed)
        names = _names(systems)
        check_system_names(names, packages=False)  # before any reading
        given = [parse_candidate_option(c) for c in candidates or []]
        _check_names(names, [n for n, _ in given])
        if not names and not given:
            raise invalid("systems", systems, f"a comma-separated list of {', '.join(SYSTEM_NAMES)} (empty only with --candidates)", error=EvalOptionError)
        baseline = resolve_baseline(baseline, [*names, *(n for n, _ in given)], known=SYSTEM_NAMES)
        if docs is not None and not _names(docs):
            raise invalid("docs", docs, "a comma-separated list of document ids", error=EvalOptionError)
    except SummarizerError as exc:
        FLAGS.fail(exc, kit.EXIT_USAGE)
    # From here on an error is the input's or the run's: kit.run reports it.
    check_system_names(names)  # a peer's missing package: not a usage error
    files = output_files(output, fmt) if output is not None else {}
    read = [Path(corpus), *(p for _, p in given)]
    _check_free(output, files, force=force, read=read)
    data = load_corpus(corpus, encoding=encoding)
    full_ids = data.ids
    if docs is not None:
        data = _subset(data, _names(docs))
    loaded = [load_candidates(n, p, encoding=encoding) for n, p in given]
    omitted = {c.name: match_ids(c, full_ids, data.ids, allow_missing=allow_missing) for c in loaded}
    left_out = {i for ids in omitted.values() for i in ids}
    if left_out:
        data = data.subset([i for i in data.ids if i not in left_out])
        if len(data) == 0:
            raise EvalError("no document has a summary from every candidate: nothing left to evaluate")
    if show_doc is not None:
        _subset(data, [show_doc])  # an unknown id fails now, not after the run

    def background() -> list[list[str]]:
        return corpus_sentences(d.text for d in data.documents)

    chosen: list[System] = [*make_systems(names, scorer=scorer, seed=seed, background=background), *loaded]
    report = _run(data, chosen, scorer, budget, bootstrap, baseline=baseline, compare=compare, omitted=omitted)

    def formatted(r: Report) -> str:
        return format_report(r, fmt, corpus=data, show_doc=show_doc, show_doc_hint="--show-doc ID")

    if output is None:
        write_stdout(formatted(report))
        return
    files = output_files(output, fmt, render=formatted)
    _write_outputs(output, files, report, force=force)


def _keyphrases(
    corpus: str,
    *,
    systems: str | None,
    candidates: Sequence[str],
    encoding: str,
    baseline: str | None,
    seed: int,
    resamples: int,
    docs: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
    summary_only: Sequence[str],
) -> None:
    """The keyphrase evaluation (:mod:`summarizer_eval.keyphrases`), under
    the summary evaluation's rules: usage errors first (exit 2), the same
    output folder rules, every system compared with ``baseline`` (default:
    the first)."""
    try:
        if summary_only:
            raise EvalOptionError(
                f"{', '.join(summary_only)} only applies to the summary evaluation; {corpus} is scored as a keyphrase corpus "
                "(<id>/keyphrases.txt); leave it out, or give --task summaries"
            )
        one_of("fmt", fmt, KEYPHRASE_FORMATS, error=EvalOptionError)
        names = _names(",".join(DEFAULT_KEYPHRASE_SYSTEMS) if systems is None else systems)
        check_names(names, KEYPHRASE_SYSTEMS, what="keyphrase system", error=EvalOptionError)
        if len(set(names)) != len(names):
            raise EvalOptionError(f"a system is named twice: {', '.join(names)}")
        given = [parse_candidate_option(c) for c in candidates]
        _check_names(names, [n for n, _ in given])
        everyone = [*names, *(n for n, _ in given)]
        if not everyone:
            raise invalid("systems", systems, f"a comma-separated list of {', '.join(KEYPHRASE_SYSTEMS)} (empty only with --candidates)", error=EvalOptionError)
        if baseline is not None:
            one_of("baseline", baseline, everyone, error=EvalOptionError)
        bootstrap = Bootstrap(resamples=resamples, seed=seed)
        if docs is not None and not _names(docs):
            raise invalid("docs", docs, "a comma-separated list of document ids", error=EvalOptionError)
    except SummarizerError as exc:
        FLAGS.fail(exc, kit.EXIT_USAGE)
    files: dict[Path, Callable[[KeyphraseReport], str]] = {}
    if output is not None:
        if output.exists() and not output.is_dir():
            raise InputError(f"--output {output} is a file; give a folder")
        files = {output / "report.json": lambda r: render_keyphrase_report(r, "json"), output / "documents.csv": keyphrase_documents_csv}
        if fmt != "json":
            files[output / f"keyphrases.{EXTENSIONS[fmt]}"] = lambda r: render_keyphrase_report(r, fmt)
    _check_free(output, files, force=force, read=[Path(corpus), *(p for _, p in given)])
    data = load_keyphrase_corpus(corpus, encoding=encoding)
    if docs is not None:
        data = _keyphrase_subset(data, _names(docs))
    chosen: list[Extractor] = make_extractors(names, data)
    chosen += [load_phrase_files(n, p, encoding=encoding) for n, p in given]
    if baseline is not None:  # compared with the first
        chosen.sort(key=lambda system: system.name != baseline)
    report = evaluate_keyphrases(data, chosen, bootstrap=bootstrap)
    if output is None:
        write_stdout(render_keyphrase_report(report, fmt))
        return
    _write_outputs(output, files, report, force=force)


def _keyphrase_subset(data: KeyphraseCorpus, ids: Sequence[str]) -> KeyphraseCorpus:
    """The documents --docs names, in the corpus's order; an id it lacks is
    a usage error listing some of its ids."""
    known = {d.doc_id for d in data.documents}
    missing = [i for i in ids if i not in known]
    if missing:
        some = ", ".join(sorted(known)[:5])
        FLAGS.fail(EvalOptionError(f"--docs: no document {missing[0]!r} in {data.path} (its ids include {some})"), kit.EXIT_USAGE)
    wanted = set(ids)
    return KeyphraseCorpus(data.path, tuple(d for d in data.documents if d.doc_id in wanted))


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


def _subset(data: Corpus, ids: Sequence[str]) -> Corpus:
    """The documents ``ids`` (of --docs or --show-doc) name: an id the corpus
    lacks is a usage error, listing some of its ids."""
    try:
        return data.subset(ids)
    except CorpusError as exc:
        FLAGS.fail(exc, kit.EXIT_USAGE)


def _check_names(systems: Sequence[str], candidates: Sequence[str]) -> None:
    """Every system, built-in or candidate, has its own name."""
    seen = set(systems)
    for name in candidates:
        if name in seen:
            raise EvalError(f"--candidates {name}=...: the name {name!r} is already taken by another system; choose another")
        seen.add(name)


def output_files(out: Path, fmt: str, *, render: Callable[[Report], str] | None = None) -> dict[Path, Callable[[Report], str]]:
    """What ``--output`` writes: the full report, per-document scores, and the
    table in ``fmt`` (for ``json`` the full report is that table), made by
    ``render`` when given (``html`` needs one that knows the corpus)."""
    if out.exists() and not out.is_dir():
        raise InputError(f"--output {out} is a file; give a folder")
    files: dict[Path, Callable[[Report], str]] = {out / "report.json": lambda r: format_report(r, "json"), out / "documents.csv": documents_csv}
    if fmt != "json":
        files[out / f"summary.{EXTENSIONS[fmt]}"] = render or (lambda r: format_report(r, fmt))
    return files


def _input_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Every file the run reads: the corpus and the candidates, files or folders."""
    for path in paths:
        if path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def _check_free(out: Path | None, files: Collection[Path], *, force: bool, read: Sequence[Path] = ()) -> None:
    """Refuse before any work when an output would change what the run
    reads (``read``: the corpus and the candidates, files or folders), exists
    (without --force) or cannot be written: a file in the way, a read-only
    folder. As for ``summarize`` and ``summarize-batch``, the output folder
    may be created, but not a missing folder around it."""
    if out is None:
        return
    for folder in read:
        if folder.is_dir() and out.resolve().is_relative_to(folder.resolve()):
            where = "is" if out.resolve() == folder.resolve() else "is inside"
            raise InputError(f"--output {out} {where} {folder}, which the run reads; write the output elsewhere so the input is never modified")
    if out.is_dir():
        # Only an existing output can be an input file: the inputs are walked then only.
        inputs = list(_input_files(read)) if any(os.path.lexists(p) for p in files) else []
        for path in files:
            prepare_output(path, force=force, inputs=inputs)
        return
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.exists():
        raise InputError(f"folder {parent} does not exist; create it first")
    if not parent.is_dir():
        raise InputError(f"{parent} is not a folder; give a folder path for the output")
    check_folder_writable(parent, shown=out)


def _run(
    data: Corpus,
    systems: Sequence[System],
    scorer: ArabicRouge,
    budget: Budget,
    bootstrap: Bootstrap,
    **options: Any,
) -> Report:
    """Evaluate with a progress bar on stderr (shown only on a terminal,
    and gone once the run ends)."""
    with kit.count_progress("summarizing and scoring", len(data), transient=True) as update:
        return evaluate(
            data,
            systems=systems,
            scorer=scorer,
            budget=budget,
            bootstrap=bootstrap,
            progress=lambda done, total: update(completed=done),
            **options,
        )


def _write_outputs(output: Path, files: Mapping[Path, Callable[[Any], str]], report: Any, *, force: bool) -> None:
    """Make the output folder (its parent exists: checked before the work) and
    write each file atomically, never over one that exists without ``force``."""
    try:
        output.mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder {output}: {exc.strerror or exc}") from None
    for path, render in files.items():
        write_atomic(path, render(report), force=force)
    sys.stderr.write(f"{PROG}: wrote {', '.join(str(p) for p in files)}\n")


def main(argv: list[str] | None = None) -> NoReturn:
    """Console entry point: typer's parsing, one-line errors."""
    raise SystemExit(kit.run(app, FLAGS, argv))
