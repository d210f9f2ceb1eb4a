"""The CLI kit: flags for the library's parameters, one-line errors,
help a newcomer can read, ``--version`` on every command."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from summarizer import __version__
from summarizer.cli import kit
from summarizer.cli.batch import FLAGS as BATCH_FLAGS
from summarizer.errors import EngineOptionError, InputError, InvalidOptionError, param

#: ``python -m`` targets, as a user without the console scripts runs them.
MODULE_RUN = {"summarize": "summarizer", "summarize-batch": "summarizer.cli.batch", "summarize-eval": "summarizer_eval", "summarize-serve": "summarizer.serve"}
COMMANDS = {
    "summarize": "summarizer.cli.summarize",
    "summarize-batch": "summarizer.cli.batch",
    "summarize-eval": "summarizer_eval.cli",
    "summarize-serve": "summarizer.serve.cli",
}


def test_flags_spell_parameters_as_a_command_line_does() -> None:
    flags = kit.Flags("prog")
    assert flags.spell("max_bytes", None) == "--max-bytes"
    assert flags.spell("trim", "False") == "--no-trim" and flags.spell("force", "True") == "--force"
    assert flags.spell("engine", "'dask'") == "--engine dask"
    assert BATCH_FLAGS.spell("existing", "'resume'") == "--resume"
    assert BATCH_FLAGS.spell("existing", "'overwrite'") == "--force"
    assert BATCH_FLAGS.spell("input", None) == "INPUT"


def test_a_library_error_is_one_line_in_the_commands_words(capsys: pytest.CaptureFixture[str]) -> None:
    error = InputError(f"x.jsonl already exists; use {param('existing', 'overwrite')} or {param('existing', 'resume')}")
    with pytest.raises(SystemExit) as done:
        BATCH_FLAGS.fail(error)
    assert done.value.code == kit.EXIT_FAILURE
    assert capsys.readouterr().err == "summarize-batch: error: x.jsonl already exists; use --force or --resume\n"
    for usage in (InvalidOptionError(f"{param('ratio')} must be…"), EngineOptionError(f"{param('scheduler')} needs {param('engine', 'dask')}")):
        with pytest.raises(SystemExit) as done:
            kit.Flags("p").fail(usage)
        assert done.value.code == kit.EXIT_USAGE
    assert capsys.readouterr().err.splitlines() == ["p: error: --ratio must be…", "p: error: --scheduler needs --engine dask"]


def test_run_turns_a_library_error_into_its_exit_code(capsys: pytest.CaptureFixture[str]) -> None:

    app = kit.new_app()

    @app.command(help="A test command.")
    def only(value: int = 1) -> None:
        raise InvalidOptionError(f"{param('min_sentences')} must be a positive whole number, got {value}")

    assert kit.run(app, kit.Flags("t"), ["--value", "0"]) == kit.EXIT_USAGE
    assert capsys.readouterr().err == "t: error: --min-sentences must be a positive whole number, got 0\n"
    assert kit.run(app, kit.Flags("t"), ["--valu", "0"]) == kit.EXIT_USAGE
    assert capsys.readouterr().err.startswith("t: error: No such option: --valu")


@pytest.mark.parametrize("prog", sorted(COMMANDS))
def test_every_command_answers_version(prog: str) -> None:
    done = subprocess.run([sys.executable, "-m", MODULE_RUN[prog], "--version"], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == __version__


@pytest.mark.parametrize("prog", sorted(COMMANDS))
def test_help_reads_plainly(prog: str) -> None:
    module = __import__(COMMANDS[prog], fromlist=["app"])
    result = CliRunner().invoke(module.app, ["--help"], prog_name=prog, env={"COLUMNS": "160", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    usage = next(line for line in result.output.splitlines() if "Usage:" in line)
    # Arguments by their metavar (typer's usage puts a required one in braces: {FILE}), never a Python name.
    assert "<" not in usage and not re.search(r"[{\[][a-z]", usage), usage
    assert "<bool>" not in result.output
    assert "--version" in result.output


def test_method_options_show_the_library_defaults() -> None:
    from summarizer.cli.summarize import app

    result = CliRunner().invoke(app, ["--help"], prog_name="summarize", env={"COLUMNS": "200", "NO_COLOR": "1"})
    text = re.sub(r"\s+", " ", result.output)
    for option, default in [("--damping", "0.4"), ("--prior", "position"), ("--redundancy", "0.5"), ("--forward", "1.0"), ("--stem", "stem")]:
        assert re.search(re.escape(option) + r"\b.*?\[default: " + re.escape(default) + r"\]", text), option


@pytest.fixture
def terminal_sigint() -> Iterator[None]:
    """SIGINT as a terminal gives it (a background job inherits it ignored,
    and the kit then rightly leaves it so)."""
    import signal

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("terminal_sigint")
def test_a_ctrl_c_python_swallows_in_a_destructor_still_ends_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    """Python loses a KeyboardInterrupt raised inside ``__del__`` ("Exception
    ignored in …"); Ctrl-C landed there once in summarize-eval (the regex
    module's objects have one) and the command ran on to exit code 0. The
    kit notes the signal: the next progress update raises it again, and the
    exit code is 130 with the one line."""
    import signal

    app = kit.new_app()
    updates: list[int] = []

    class Swallowing:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGINT)  # the handler raises here, and Python drops it

    @app.command()
    def work() -> None:
        Swallowing()
        with kit.count_progress("work", 3) as update:
            for i in range(3):
                update(completed=i)
                updates.append(i)

    code = kit.run(app, kit.Flags("prog"), [])
    assert code == kit.EXIT_INTERRUPTED and updates == []
    assert capsys.readouterr().err.endswith("prog: error: interrupted\n")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.usefixtures("terminal_sigint")
def test_a_ctrl_c_swallowed_after_the_last_update_still_sets_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    import signal

    app = kit.new_app()

    class Swallowing:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGINT)

    @app.command()
    def work() -> None:
        Swallowing()

    assert kit.run(app, kit.Flags("prog"), []) == kit.EXIT_INTERRUPTED
    assert capsys.readouterr().err == "prog: error: interrupted\n"
