"""What every command is built with, in one place.

- :func:`run`: typer's parsing with one-line errors (``PROG: error: …``),
  never a traceback; exit codes :data:`EXIT_USAGE` (2) for every usage error,
  :data:`EXIT_FAILURE` (1) for the input, the output or the run,
  :data:`EXIT_INTERRUPTED` (130) for Ctrl-C.
- :class:`Flags`: how a command spells the library's parameters. Library
  errors mark the parameters they name (:func:`summarizer.errors.param`);
  a command shows them as its flags (``max_bytes`` → ``--max-bytes``,
  ``existing='resume'`` → ``--resume``) and picks the exit code from the
  error's class (:meth:`Flags.fail`).
- :func:`command`: registers a command with help a newcomer reads without
  stumbling (``FILE``, not ``{file}``; flags without a value type) and a
  ``--version`` option.
- :data:`SUMMARIZER_OPTIONS` and :func:`with_summarizer_options`: the
  length and method options of :class:`~summarizer.Summarizer`, declared
  once as data, shown with the library's defaults, for every command that
  summarizes.
- :func:`stage_progress`, :func:`count_progress`: progress bars on stderr,
  only for a person watching a terminal.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand

from ..errors import SummarizerError
from ..options import DEFAULT_RATIO, GRAPHS, LANGUAGES, PRIORS, Options
from ..select import MIN_CUT_WORDS
from ..similarity import SIMILARITIES
from ..textio import silence_stdout

__all__ = [
    "EXIT_FAILURE",
    "EXIT_INTERRUPTED",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "LENGTH_PANEL",
    "METHOD_PANEL",
    "SUMMARIZER_OPTIONS",
    "Encoding",
    "Flags",
    "KitCommand",
    "MaxBytes",
    "OptionSpec",
    "command",
    "count_progress",
    "new_app",
    "run",
    "stage_progress",
    "version",
    "with_summarizer_options",
]

EXIT_FAILURE = 1
#: Exit code of every usage error, whether typer, a command or the library finds it.
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: 128 + SIGTERM, as a shell reports a process ended by it.
EXIT_TERMINATED = 143


def version() -> str:
    """The installed package's version."""
    from .. import __version__

    return __version__


# -- flags -------------------------------------------------------------------


@dataclass(frozen=True)
class Flags:
    """How the command ``prog`` spells the library's parameters.

    By default a parameter ``max_bytes`` is ``--max-bytes``, ``trim=False``
    is ``--no-trim``, ``engine='dask'`` is ``--engine dask``; ``names`` and
    ``values`` override that (``{"input": "INPUT"}``,
    ``{"existing='resume'": "--resume"}``).
    """

    prog: str
    names: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)

    def spell(self, name: str, value: str | None) -> str:
        """The flag (or argument) for parameter ``name`` (set to ``value``)."""
        if value is not None and f"{name}={value}" in self.values:
            return self.values[f"{name}={value}"]
        flag = self.names.get(name, "--" + name.replace("_", "-"))
        if value is None:
            return flag
        if value in ("True", "False"):
            return flag if value == "True" else "--no-" + flag.removeprefix("--")
        return f"{flag} {value.strip(chr(39))}"

    def message(self, error: BaseException) -> str:
        """``error``'s message in this command's words."""
        return error.render(self.spell) if isinstance(error, SummarizerError) else str(error)

    def fail(self, error: BaseException | str, code: int | None = None) -> NoReturn:
        """One line on stderr and exit: ``code``, or the error's own (2 for a
        usage error, else 1)."""
        text = error if isinstance(error, str) else self.message(error)
        if code is None:
            code = EXIT_USAGE if isinstance(error, SummarizerError) and error.usage else EXIT_FAILURE
        sys.stderr.write(f"{self.prog}: error: {text}\n")
        raise SystemExit(code)


# -- running -----------------------------------------------------------------


def run(application: typer.Typer, flags: Flags, argv: list[str] | None = None) -> int:
    """Run a typer app so that every error is one line, never a traceback.

    typer's standalone mode prints boxed, multi-line errors; here its parsing
    errors (any exception carrying ``format_message`` and ``exit_code``,
    whichever click typer bundles) become ``PROG: error: …``, and a library
    error the command let through is reported with the command's flags.
    """
    prog = flags.prog
    try:
        code = application(args=argv, prog_name=prog, standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write(f"{prog}: error: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (| head): a quiet end
        silence_stdout()
        return EXIT_FAILURE
    except SummarizerError as exc:
        sys.stderr.write(f"{prog}: error: {flags.message(exc)}\n")
        return EXIT_USAGE if exc.usage else EXIT_FAILURE
    except Exception as exc:
        if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
            raise
        sys.stderr.write(f"{prog}: error: {exc.format_message()} (see {prog} --help)\n")
        return int(exc.exit_code) or EXIT_USAGE
    return code if isinstance(code, int) else 0


def new_app() -> typer.Typer:
    """A typer app as every command uses it (no completion, no boxed tracebacks)."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False)


class KitCommand(TyperCommand):
    """A typer command whose help reads plainly: arguments by their
    metavar (``FILE``) in the usage line, flags without a value type, and a
    ``--version`` option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for p in self.params:
            if p.param_type_name == "option" and getattr(p, "is_flag", False):
                p.metavar = ""
            elif p.param_type_name == "argument" and p.metavar is None and p.name:
                p.metavar = p.name.upper()

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for p in self.get_params(ctx):
            if p.param_type_name == "argument":
                name = p.metavar or (p.name or "").upper()
                pieces.append(name if p.required else f"[{name}]")
        return pieces


def _print_version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        sys.stdout.write(f"{ctx.find_root().info_name} {version()}\n")
        raise typer.Exit(0)


_VERSION = inspect.Parameter(
    "version",
    inspect.Parameter.KEYWORD_ONLY,
    annotation=Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit.")],
    default=False,
)


def command(application: typer.Typer, *, help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as ``application``'s command, with
    :class:`KitCommand`'s help and a ``--version`` option."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def with_version(*args: Any, version: bool = False, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

        with_version.__signature__ = _extended(function, [_VERSION])  # type: ignore[attr-defined]
        application.command(help=help, cls=KitCommand)(with_version)
        return function

    return register


# -- shared options ----------------------------------------------------------

LENGTH_PANEL = f"Length (give at most one; default --ratio {DEFAULT_RATIO})"
METHOD_PANEL = "Method"

Encoding = Annotated[str, typer.Option(help="Encoding of the input, e.g. cp1256 for Windows Arabic.")]
MaxBytes = Annotated[int, typer.Option(help="Refuse an input larger than this many bytes.", min=1)]


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """One :class:`~summarizer.Summarizer` option as a command offers it."""

    name: str
    type: Any
    help: str
    panel: str = METHOD_PANEL
    #: The library's default, shown in the help; lengths have none.
    default: Any = None

    def parameter(self) -> inspect.Parameter:
        """The keyword-only parameter typer reads the option from."""
        if self.type is bool:
            option = typer.Option(f"--{self.name.replace('_', '-')}/--no-{self.name.replace('_', '-')}", help=self.help, rich_help_panel=self.panel)
        else:
            option = typer.Option(help=self.help, rich_help_panel=self.panel)
        value_type = self.type if self.default is not None else self.type | None
        annotation = Annotated[value_type, option]  # type: ignore[valid-type]
        return inspect.Parameter(self.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=self.default)


#: The library's defaults, which the help shows.
_DEFAULTS = Options()


def _method(name: str, type_: Any, help: str) -> OptionSpec:
    return OptionSpec(name, type_, help, METHOD_PANEL, getattr(_DEFAULTS, name))


#: The summarizer's options every summarizing command offers, in help order.
SUMMARIZER_OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec("ratio", float, "Fraction of the distinct sentences to keep, in (0, 1].", LENGTH_PANEL),
    OptionSpec("sentences", int, "Number of sentences to keep.", LENGTH_PANEL),
    OptionSpec(
        "words", int,
        "Word budget, never exceeded: filled in rank order, the sentence that crosses it cut with '…' "
        f"(after other sentences, a piece of fewer than {MIN_CUT_WORDS} words ends the summary instead; see --no-trim).",
        LENGTH_PANEL,
    ),
    OptionSpec(
        "trim", bool,
        "With --words only: cut the sentence that crosses the budget (--no-trim: whole sentences only, skipping those "
        "that do not fit). When nothing fits, the summary is empty and a warning says so.",
        LENGTH_PANEL, _DEFAULTS.trim,
    ),
    OptionSpec("language", str, f"{', '.join(LANGUAGES[:-1])} or {LANGUAGES[-1]}: segmentation rules and stop words.", "Options", "auto"),
    _method("stop_words", bool, "Drop stop words before comparing sentences."),
    _method("stem", bool, "Light-stem Arabic words before comparing sentences."),
    _method("include_headings", bool, "Let heading and byline lines be selected."),
    _method("similarity", str, f"Edge weights: {', '.join(SIMILARITIES)}."),
    _method("prior", str, f"PageRank prior: {', '.join(PRIORS)}."),
    _method("prior_weight", float, "Share of the prior in PageRank's teleport vector, in [0, 1]."),
    _method("damping", float, "PageRank damping factor, in (0, 1)."),
    _method("redundancy", float, "Skip a sentence this similar to a chosen one, in (0, 1]; 1 turns it off."),
    _method("diversity", float, "Weight of a sentence's similarity to those already chosen against its score (MMR), in [0, 1); 0 takes them by score."),
    _method("forward", float, "Weight of edges from an earlier sentence to a later one, in [0, 1]; below 1 the graph is directed."),
    _method("position_decay", float, "Scores times (position) ** -this, in [0, 2]."),
    _method("min_similarity", float, "Drop edges weaker than this before ranking, in [0, 1)."),
    _method("length_penalty", float, "Scores times (words in the sentence) ** this, in [-2, 2]."),
    _method("graph", str, f"Similarity graph: {', '.join(GRAPHS)} (auto: exact up to 500 sentences, then each sentence's top-k neighbours)."),
    _method("top_k", int, "Neighbours per sentence in the sparse graph."),
)


def with_summarizer_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Give ``function`` (whose last parameter is ``**options``) every
    :data:`SUMMARIZER_OPTIONS` as a keyword-only parameter; it receives them
    in ``options``, ready for ``Summarizer(**options)`` (a length not given
    is ``None`` there, and must be dropped)."""
    function.__signature__ = _extended(function, [s.parameter() for s in SUMMARIZER_OPTIONS])  # type: ignore[attr-defined]
    return function


def _extended(function: Callable[..., Any], extra: list[inspect.Parameter]) -> inspect.Signature:
    """``function``'s signature as typer reads it (annotations resolved, the
    ``**`` parameter dropped) with ``extra`` parameters after its own."""
    import typing

    signature = inspect.signature(function)
    hints = typing.get_type_hints(function, include_extras=True)
    own = [
        p.replace(annotation=hints.get(p.name, p.annotation))
        for p in signature.parameters.values()
        if p.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    return signature.replace(parameters=[*own, *extra])


def summarizer_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments for :class:`~summarizer.Summarizer` from a
    command's options: the lengths that were given, every method option."""
    names = {s.name for s in SUMMARIZER_OPTIONS}
    return {k: v for k, v in options.items() if k in names and not (v is None and k in ("ratio", "sentences", "words"))}


# -- progress ----------------------------------------------------------------


def _watching() -> bool:
    return sys.stderr is not None and sys.stderr.isatty()


@contextmanager
def stage_progress() -> Iterator[Callable[[str, int, int], None] | None]:
    """A ``progress(stage, done, total)`` callback drawing a transient bar
    on stderr, or ``None`` when nobody watches (a pipe or a log file: even a
    transient bar leaves an empty line behind)."""
    if not _watching():
        yield None
        return
    bar: list[Any] = []

    def progress(stage: str, done: int, total: int) -> None:
        if not bar:
            from rich.console import Console
            from rich.progress import Progress

            p = Progress(console=Console(stderr=True), transient=True)
            p.start()
            bar.extend([p, p.add_task(stage, total=total)])
        bar[0].update(bar[1], completed=done, total=total, description=stage)

    try:
        yield progress
    finally:
        if bar:
            bar[0].stop()


@contextmanager
def count_progress(
    description: str,
    total: int,
    *,
    columns: tuple[Any, ...] = (),
    transient: bool = False,
    terminal_only: bool = True,
    **fields: Any,
) -> Iterator[Callable[..., None]]:
    """A bar counting ``total`` items on stderr; yields ``update(advance=…,
    completed=…, **fields)``. ``columns``: rich columns instead of the
    default ones. With
    ``terminal_only`` nothing is drawn unless stderr is a terminal;
    without, a log gets the final state once."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    with Progress(*columns, console=console, transient=transient, disable=terminal_only and not console.is_terminal) as bar:
        task = bar.add_task(description, total=total, **fields)

        def update(**changes: Any) -> None:
            bar.update(task, **changes)

        yield update
