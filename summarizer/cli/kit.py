"""What every command is built with: what typer does not do, in one place.

- :func:`run`: typer's parsing with one-line errors (``PROG: error: …``),
  never a traceback; exit codes :data:`EXIT_USAGE` (2) for every usage error,
  :data:`EXIT_FAILURE` (1) for the input, the output or the run,
  :data:`EXIT_INTERRUPTED` (130, with ``PROG: error: interrupted``) for
  Ctrl-C; a flag that was renamed gets a line naming the new one.
- :class:`Flags`: how a command spells the library's parameters. Library
  errors and option help mark the parameters they name
  (:func:`summarizer.errors.param`); a command shows them as its flags
  (``max_bytes`` → ``--max-bytes``, ``existing='resume'`` → ``--resume``)
  and picks the exit code from the error's class (:meth:`Flags.fail`).
- :func:`new_app`: help in click's plain layout, which wraps to the terminal
  and never cuts a flag name (rich's option table does, at 80 columns).
- :data:`Version`, :data:`Encoding`, :data:`MaxBytes`: options several
  commands share, spelled once.
- :func:`with_options`: the summarizer's options as a command offers them,
  derived from their declaration (:data:`summarizer.options.SPECS`): typer
  has no option groups shared between commands, so the parameters are
  added to the command's signature, the way typer reads it.
- :func:`stage_progress`, :func:`count_progress`: progress bars on stderr,
  only for a person watching a terminal.
"""

from __future__ import annotations

import inspect
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, NoReturn

import typer

from ..errors import SummarizerError
from ..options import SPECS, OptionSpec, Surface
from ..textio import silence_stdout

__all__ = [
    "check_interrupted",
    "noted_interrupts",
    "EXIT_FAILURE",
    "EXIT_INTERRUPTED",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "INTERRUPTED",
    "Encoding",
    "Flags",
    "MaxBytes",
    "Version",
    "count_progress",
    "new_app",
    "option_parameter",
    "run",
    "stage_progress",
    "summarizer_options",
    "version",
    "with_options",
]

EXIT_FAILURE = 1
#: Exit code of every usage error, whether typer, a command or the library finds it.
EXIT_USAGE = 2
#: 128 + SIGINT, as a shell reports a process ended by Ctrl-C.
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
    ``{"existing='resume'": "--resume"}``). ``renamed``: spellings a former
    version accepted (``--out``, or a flag with its value, ``--stem none``)
    and what to use instead; they are refused with a line saying so.
    """

    prog: str
    names: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)
    renamed: Mapping[str, str] = field(default_factory=dict)

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

    def renamed_in(self, args: Sequence[str]) -> str | None:
        """The first former spelling in ``args`` (options end at ``--``), as
        the line that refuses it."""
        for i, arg in enumerate(args):
            if arg == "--":
                break
            name, equals, value = arg.partition("=")
            following = value if equals else (args[i + 1] if i + 1 < len(args) else "")
            for old in (f"{name} {following}", name):
                if old in self.renamed:
                    return f"{old} was renamed: use {self.renamed[old]} (see {self.prog} --help)"
        return None


# -- running -----------------------------------------------------------------


def run(application: typer.Typer, flags: Flags, argv: list[str] | None = None) -> int:
    """Run a typer app so that every error is one line, never a traceback.

    typer's standalone mode prints boxed, multi-line errors; here its parsing
    errors (any exception carrying ``format_message`` and ``exit_code``,
    whichever click typer bundles) become ``PROG: error: …``, and a library
    error the command let through is reported with the command's flags.
    Ctrl-C, which typer turns into exit code 130 without a word, gets the
    same line in every command.
    """
    prog = flags.prog
    args = sys.argv[1:] if argv is None else argv
    renamed = flags.renamed_in(args)
    if renamed is not None:
        sys.stderr.write(f"{prog}: error: {renamed}\n")
        return EXIT_USAGE
    try:
        with noted_interrupts():
            code = application(args=args, prog_name=prog, standalone_mode=False)
            if INTERRUPTED.is_set():  # raised where Python swallowed it
                code = EXIT_INTERRUPTED
    except (typer.Abort, KeyboardInterrupt):
        code = EXIT_INTERRUPTED
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
    if code == EXIT_INTERRUPTED:
        sys.stderr.write(f"{prog}: error: interrupted\n")
    return code if isinstance(code, int) else 0


#: Set by Ctrl-C while :func:`run` runs a command (see :func:`noted_interrupts`).
INTERRUPTED = threading.Event()


def _interrupt(signum: int, frame: object) -> None:
    INTERRUPTED.set()
    raise KeyboardInterrupt


@contextmanager
def noted_interrupts() -> Iterator[None]:
    """Ctrl-C raises :class:`KeyboardInterrupt` as usual, and is also noted.

    Python loses a KeyboardInterrupt raised while a ``__del__`` method runs
    (it prints "Exception ignored in …" and goes on): the regex module's
    objects, which rouge-score and nltk make by the thousand, have one, so
    a Ctrl-C could be swallowed and the command run to the end with exit
    code 0. Noted, it is raised again at the next progress update
    (:func:`check_interrupted`) and decides the exit code. An inherited
    ``SIG_IGN`` (a background job) or a handler of the caller's is left as it is.
    """
    INTERRUPTED.clear()
    install = threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if install:
        signal.signal(signal.SIGINT, _interrupt)
    try:
        yield
    finally:
        if install:
            signal.signal(signal.SIGINT, signal.default_int_handler)


def check_interrupted() -> None:
    """Raise :class:`KeyboardInterrupt` if Ctrl-C came and was swallowed."""
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt


def new_app() -> typer.Typer:
    """A typer app as every command uses it: no completion, no boxed
    tracebacks, plain help (click's layout: wrapped to the terminal, a long
    flag on a line of its own, never cut)."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


def _print_version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        sys.stdout.write(f"{ctx.find_root().info_name} {version()}\n")
        raise typer.Exit(0)


#: ``--version``, which every command declares (``version: kit.Version = False``).
Version = Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit.")]
Encoding = Annotated[str, typer.Option(help="Encoding of the input, e.g. cp1256 for Windows Arabic.")]
MaxBytes = Annotated[int, typer.Option(help="Refuse an input larger than this many bytes.", min=1)]


# -- the summarizer's options ------------------------------------------------


def option_parameter(spec: OptionSpec, flags: Flags) -> inspect.Parameter:
    """The keyword-only parameter typer reads the option ``spec`` from:
    ``--name`` (a flag: ``--name/--no-name``), the declared default and
    help, the options it names spelled as ``flags``."""
    flag = flags.spell(spec.name, None)
    declarations = (f"{flag}/--no-{flag.removeprefix('--')}",) if spec.kind is bool else (flag,)
    option = typer.Option(*declarations, help=spec.describe(flags.spell))
    value_type = spec.kind | None if spec.optional else spec.kind
    return inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[value_type, option], default=spec.default)


def with_options(surface: Surface, flags: Flags) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give the decorated function (whose last parameter is ``**options``)
    every option declared for ``surface`` as a keyword-only parameter, before
    ``--version``; it receives them in ``options`` (see :func:`summarizer_options`)."""
    specs = [s for s in SPECS if surface in s.surfaces]

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(function, eval_str=True)
        own = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
        last = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own if p.name == "version"]
        added = [option_parameter(s, flags) for s in specs]
        function.__signature__ = signature.replace(parameters=[*(p for p in own if p.name != "version"), *added, *last])  # type: ignore[attr-defined]
        return function

    return decorate


def summarizer_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments for :class:`~summarizer.Summarizer` from a
    command's options: the lengths that were given, every other option."""
    optional = {s.name for s in SPECS if s.optional}
    return {k: v for k, v in options.items() if not (v is None and k in optional)}


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
        check_interrupted()
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
            check_interrupted()
            bar.update(task, **changes)

        yield update
