"""Each option declared once (``summarizer.options.SPECS``) and offered, under
its own name, by every surface its declaration names: the commands' flags,
the HTTP API (its schema and what it accepts), the service's form, the
evaluation; and the four commands' shared vocabulary: help that fits 80
columns, the same line and exit code on Ctrl-C, the renamed flags refused."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from summarizer import Summarizer
from summarizer.cli import batch, kit, summarize
from summarizer.options import OPTIONS, SPECS, OptionSpec
from summarizer.serve import cli as serve_cli
from summarizer.serve import core
from summarizer.serve.openapi import openapi_document
from summarizer.serve.page import form_fields, form_page, form_payload
from summarizer.validate import Count, Flag, Interval, OneOf
from summarizer_eval import cli as eval_cli

from .conftest import SEED
from .processes import with_default_signals
from .texts import long_arabic_text

COMMANDS: dict[str, tuple[typer.Typer, kit.Flags]] = {
    "summarize": (summarize.app, summarize.FLAGS),
    "summarize-batch": (batch.app, batch.FLAGS),
    "summarize-eval": (eval_cli.app, eval_cli.FLAGS),
}
MODULES = {"summarize": "summarizer", "summarize-batch": "summarizer.cli.batch", "summarize-eval": "summarizer_eval", "summarize-serve": "summarizer.serve"}


def other_value(spec: OptionSpec) -> Any:
    """A valid value that is not the default, so that reaching the library shows."""
    rule = spec.rule
    if isinstance(rule, Flag):
        return not spec.default
    if isinstance(rule, OneOf):
        return next(v for v in rule.values if v != spec.default)
    if isinstance(rule, Count):
        return (spec.default or rule.minimum) + 1
    assert isinstance(rule, Interval)
    return next(v for v in (0.25, 0.75, 0.5, 1.5) if rule.accepts(v) and v != spec.default)


#: Options whose other value needs another option given with it: trim=False
#: cuts nothing without a word budget, and is refused without one.
COMPANIONS: dict[str, dict[str, Any]] = {"trim": {"words": 60}}


def companions(spec: OptionSpec) -> dict[str, Any]:
    return COMPANIONS.get(spec.name, {})


def as_flags(spec: OptionSpec, value: Any) -> list[str]:
    flag = "--" + spec.name.replace("_", "-")
    if isinstance(value, bool):
        return [flag if value else "--no-" + flag[2:]]
    return [flag, str(value)]


def test_every_option_is_declared_once_with_a_rule_help_and_the_common_surfaces() -> None:
    assert tuple(s.name for s in SPECS) == OPTIONS
    for spec in SPECS:
        assert spec.help and spec.valid and spec.label, spec.name
        assert {"summarize", "summarize-batch", "api"} <= spec.surfaces, spec.name
        assert spec.optional or spec.rule.accepts(spec.default), spec.name
        assert getattr(Summarizer(), spec.name) == spec.default


@pytest.mark.parametrize("prog", sorted(COMMANDS))
def test_each_command_offers_the_options_declared_for_it(prog: str) -> None:
    app, flags = COMMANDS[prog]
    params = {p.name: p for p in typer.main.get_command(app).params}
    declared = [s for s in SPECS if prog in s.surfaces]
    assert declared
    for spec in declared:
        param = params.get(spec.name)
        assert param is not None, f"{prog} has no flag for {spec.name}"
        flag = "--" + spec.name.replace("_", "-")
        assert param.opts == [flag], (prog, param.opts)
        assert param.secondary_opts == (["--no-" + flag[2:]] if spec.kind is bool else []), (prog, spec.name)
        assert param.default == spec.default
        assert param.help == spec.describe(flags.spell)


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_each_option_reaches_the_library_from_summarize(spec: OptionSpec, capsys: pytest.CaptureFixture[str]) -> None:
    value = other_value(spec)
    with pytest.raises(SystemExit) as done:
        summarize.main([str(SEED), "--format", "json", *as_flags(spec, value), *(f for k, v in companions(spec).items() for f in ("--" + k, str(v)))])
    out, err = capsys.readouterr()
    assert done.value.code == 0, err
    assert json.loads(out)["settings"][spec.name] == value


def test_every_option_reaches_the_library_from_summarize_batch(tmp_path: Path) -> None:
    """All options changed at once: the batch's summary is the library's with them."""
    changed = {s.name: other_value(s) for s in SPECS if s.name not in ("ratio", "sentences")} | {"words": 60}
    text = SEED.read_text(encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "seed", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    args = [str(source), "-o", str(tmp_path / "out.jsonl"), "--no-progress"]
    for spec in SPECS:
        if spec.name in changed:
            args += as_flags(spec, changed[spec.name])
    with pytest.raises(SystemExit) as done:
        batch.main(args)
    assert done.value.code == 0
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert record["summary"] == Summarizer(**changed).summarize(text).text
    assert record["summary"] != Summarizer().summarize(text).text


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_each_option_is_in_the_api_schema_and_reaches_the_library(spec: OptionSpec) -> None:
    properties = openapi_document(max_bytes=1000, version="0")["components"]["schemas"]["SummarizeRequest"]["properties"]
    assert ("api" in spec.surfaces) == (spec.name in properties)
    schema = properties[spec.name]
    assert schema["default"] == spec.default and spec.help.split()[0] in schema["description"]
    if isinstance(spec.rule, OneOf):
        assert schema["enum"] == list(spec.rule.values)
    value = other_value(spec)
    _, summarizer = core.prepare({"text": "One sentence. Another one.", spec.name: value, **companions(spec)})
    assert getattr(summarizer, spec.name) == value


@pytest.mark.parametrize("spec", [s for s in SPECS if "form" in s.surfaces], ids=lambda s: s.name)
def test_each_form_option_is_a_field_of_the_form_and_reaches_the_api_body(spec: OptionSpec) -> None:
    page = form_page()
    value = other_value(spec)
    if spec.group == "length":
        assert f'<option value="{spec.name}"' in page
        fields = form_fields({"length": spec.name, "amount": str(value)})
    elif isinstance(spec.rule, OneOf):
        assert f'<select id="{spec.name}" name="{spec.name}"' in page
        fields = form_fields({spec.name: str(value)})
    else:  # a whole number, typed
        assert f'<input type="number" id="{spec.name}" name="{spec.name}"' in page
        fields = form_fields({spec.name: str(value)})
    payload = form_payload(fields, "One sentence. Another one.")
    assert payload[spec.name] == value
    form_schema = openapi_document(max_bytes=1000, version="0")["paths"]["/"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert spec.name in (form_schema["properties"]["length"]["enum"] if spec.group == "length" else form_schema["properties"])


# -- the commands' vocabulary --------------------------------------------------


@pytest.mark.parametrize("prog", sorted(MODULES))
def test_help_fits_80_columns_and_shows_every_flag_whole(prog: str) -> None:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
    done = subprocess.run([sys.executable, "-m", MODULES[prog], "--help"], check=False, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    long_lines = [line for line in done.stdout.splitlines() if len(line) > 80]
    assert not long_lines, long_lines
    app = COMMANDS[prog][0] if prog in COMMANDS else serve_cli.app
    for param in typer.main.get_command(app).params:
        for flag in [*param.opts, *param.secondary_opts]:
            if flag.startswith("-") and not getattr(param, "hidden", False):
                assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", done.stdout), (prog, flag)


def test_the_commands_share_one_vocabulary() -> None:
    def flags_of(app: typer.Typer) -> set[str]:
        return {f for p in typer.main.get_command(app).params for f in [*p.opts, *p.secondary_opts]}

    every = {prog: flags_of(app) for prog, (app, _) in COMMANDS.items()}
    for prog, flags in every.items():
        assert {"-o", "--output", "--encoding", "--version"} <= flags, prog
    assert {"--stem", "--no-stem", "--ratio", "--words"} <= every["summarize-eval"]
    assert {"--stem", "--no-stem", "--language", "--max-bytes"} <= every["summarize"] & every["summarize-batch"]
    assert "--max-bytes" in flags_of(serve_cli.app)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "results"], "--out was renamed: use -o/--output"),
        (["--out=results"], "--out was renamed: use -o/--output"),
        (["--stem", "none"], "--stem none was renamed: use --no-stem"),
        (["--stem", "light"], "--stem light was renamed: use --stem"),
    ],
)
def test_renamed_eval_flags_are_refused_with_the_new_one(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        eval_cli.main(["seeds", *args])
    assert done.value.code == kit.EXIT_USAGE
    assert capsys.readouterr().err == f"summarize-eval: error: {message} (see summarize-eval --help)\n"


def test_eval_creates_its_output_folder_only_where_summarize_would_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nested = tmp_path / "missing" / "run"
    with pytest.raises(SystemExit) as done:
        eval_cli.main(["seeds", "--systems", "lead", "--resamples", "10", "-o", str(nested)])
    assert done.value.code == kit.EXIT_FAILURE
    assert capsys.readouterr().err == f"summarize-eval: error: folder {nested.parent} does not exist; create it first\n"
    assert not nested.parent.exists()
    with pytest.raises(SystemExit) as done:  # summarize refuses the same place, with the same words
        summarize.main([str(SEED), "-o", str(nested / "summary.txt")])
    assert capsys.readouterr().err == f"summarize: error: folder {nested} does not exist; create it first\n"
    with pytest.raises(SystemExit) as done:
        eval_cli.main(["seeds", "--systems", "lead", "--resamples", "10", "-o", str(tmp_path / "run")])
    assert done.value.code == 0
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == ["documents.csv", "report.json", "summary.txt"]


# -- Ctrl-C ----------------------------------------------------------------------


def wait_until(condition: Callable[[], bool], what: str, within: float = 180) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting until {what}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
@pytest.mark.parametrize("prog", sorted(MODULES))
def test_ctrl_c_is_one_line_and_exit_code_130_in_every_command(prog: str, tmp_path: Path) -> None:
    """A real SIGINT, sent once the command is at work: on a terminal (a pty)
    the progress bar says so; the server says it listens; the batch writes
    records."""
    text = SEED.read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    # Over summarize's progress threshold, and seconds of work after the bar shows
    # (distinct sentences), so that a loaded machine cannot finish it before the signal.
    big.write_text(long_arabic_text(3_000_000), encoding="utf-8")
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n" for i in range(3000)), encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"d{i}", "document": text, "references": [text[:200]]}, ensure_ascii=False) + "\n" for i in range(2000)),
        encoding="utf-8",
    )
    args = {
        "summarize": [str(big)],
        "summarize-batch": [str(docs), "-o", str(tmp_path / "out.jsonl"), "--no-progress"],
        "summarize-eval": [str(corpus), "--systems", "textrank"],
        "summarize-serve": ["--port", str(free_port())],
    }[prog]
    main, terminal = pty.openpty()
    stderr = terminal if prog in ("summarize", "summarize-eval") else subprocess.PIPE
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80"}
    run = subprocess.Popen(
        # A background shell starts its children with SIGINT ignored: restore what a terminal gives.
        with_default_signals([sys.executable, "-m", MODULES[prog], *args]), stdout=subprocess.DEVNULL, stderr=stderr, env=env
    )
    os.close(terminal)
    seen = bytearray()

    def read_some(stream: int) -> bool:
        if select.select([stream], [], [], 0.05)[0]:
            try:
                chunk = os.read(stream, 65536)
            except OSError:  # the pty's other end is gone
                chunk = b""
            seen.extend(chunk)
            return not chunk
        return False

    try:
        if prog in ("summarize", "summarize-eval"):
            wait_until(lambda: read_some(main) or bool(seen), "the progress bar shows")
        elif prog == "summarize-serve":
            assert run.stderr is not None
            wait_until(lambda: read_some(run.stderr.fileno()) or b"Uvicorn running on" in seen, "the server listens")
        else:
            wait_until(lambda: (tmp_path / "out.jsonl.partial").exists() and (tmp_path / "out.jsonl.partial").stat().st_size > 0, "records are written")
        assert run.poll() is None, "the command ended before the signal"
        run.send_signal(signal.SIGINT)
        # Keep reading while it ends: a full pty (or pipe) would block the
        # command's last writes, and it would never exit.
        stream = main if prog in ("summarize", "summarize-eval") else run.stderr.fileno()  # type: ignore[union-attr]
        wait_until(lambda: (read_some(stream) or True) and run.poll() is not None, "the command ends", within=120)
        while not read_some(stream):
            pass
    finally:
        run.kill()
        os.close(main)
    lines = [line.strip() for line in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8", "replace")).replace("\r", "\n").splitlines() if line.strip()]
    # 130, as a shell reports it; once in about eight loaded runs the process
    # ended by SIGINT itself after its line (-2, which a shell also shows as 130).
    assert run.returncode in (kit.EXIT_INTERRUPTED, -signal.SIGINT), (run.returncode, lines)
    assert lines[-1].startswith(f"{prog}: error: interrupted"), lines
    assert not any("Traceback" in line for line in lines), lines
