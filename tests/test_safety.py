"""Nothing the user owns is damaged, and every failure is one line (issue 13).

Real fault injection, no mocks of the operating system: FIFOs, symlinks and
device nodes made inside the test's temporary folder (a device node there is
a copy of ``/dev/null``'s or ``/dev/full``'s numbers; nothing under ``/dev``
is ever written), unwritable paths (a path through a regular file, ``/proc``),
a full standard output (``/dev/full`` as the child's stdout), closed standard
streams and endless input (``/dev/zero``, only read).
"""

from __future__ import annotations

import functools
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, SEED
from .texts import ARTICLES

SEEDS = ROOT / "seeds"
SUMMARIZE = [sys.executable, "-m", "summarizer"]
BATCH = [sys.executable, "-m", "summarizer.cli.batch"]
EVAL = [sys.executable, "-c", "from summarizer_eval.cli import main; main()"]
PROG = {id(SUMMARIZE): "summarize", id(BATCH): "summarize-batch", id(EVAL): "summarize-eval"}


def call(
    command: list[str], *args: object, timeout: float = 120, preexec: Callable[[], None] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [*command, *map(str, args)], check=False, stderr=subprocess.PIPE, text=True, timeout=timeout, preexec_fn=preexec, **kwargs  # type: ignore[call-overload]
    )


def one_line(done: subprocess.CompletedProcess[str], command: list[str], *, code: int, message: str) -> str:
    """The run failed with ``code`` and exactly one error line containing ``message``."""
    prog = PROG[id(command)]
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"{prog}: error: "), done.stderr
    assert message in done.stderr, done.stderr
    assert done.returncode == code, (done.returncode, done.stderr)
    return done.stderr


def device_copy(folder: Path, name: str, of: str, *, kind: int = stat.S_IFCHR) -> Path:
    """A device node in ``folder`` with the numbers of ``of`` (e.g. /dev/null)."""
    node = folder / name
    os.mknod(node, 0o666 | kind, os.stat(of).st_rdev)
    return node


@functools.cache
def seed_summary() -> str:
    return call(SUMMARIZE, SEED).stdout


# -- 1. an output that is not a regular file is never replaced ------------------


def test_force_writes_through_a_fifo_and_keeps_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    done = call(SUMMARIZE, SEED, "-o", fifo, "--force", timeout=60)
    reader.join(timeout=30)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced"
    assert got == [seed_summary().encode("utf-8")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_force_writes_through_a_character_device_and_keeps_it(tmp_path: Path) -> None:
    null = device_copy(tmp_path, "null", "/dev/null")
    done = call(SUMMARIZE, SEED, "-o", null, "--force")
    assert done.returncode == 0 and done.stderr == ""
    st = os.lstat(null)
    assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.stat("/dev/null").st_rdev, "the device was replaced"
    # A device that refuses the data (a copy of /dev/full): one line, and it stays a device.
    full = device_copy(tmp_path, "full", "/dev/full")
    done = call(SUMMARIZE, SEED, "-o", full, "--force")
    one_line(done, SUMMARIZE, code=1, message="No space left on device")
    assert stat.S_ISCHR(os.lstat(full).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "null"]  # no temporary left


def test_block_devices_are_refused_untouched(tmp_path: Path) -> None:
    block = tmp_path / "disk"
    os.mknod(block, 0o600 | stat.S_IFBLK, os.makedev(7, 0))  # a loop device's numbers; never opened
    done = call(SUMMARIZE, SEED, "-o", block, "--force")
    one_line(done, SUMMARIZE, code=1, message="is a block device")
    assert stat.S_ISBLK(os.lstat(block).st_mode)


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("precious", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    done = call(SUMMARIZE, SEED, "-o", link)
    one_line(done, SUMMARIZE, code=1, message="already exists; use --force")
    assert real.read_text(encoding="utf-8") == "precious"
    done = call(SUMMARIZE, SEED, "-o", link, "--force")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == real.name, "the symlink was replaced"
    assert real.read_text(encoding="utf-8") == seed_summary()


def test_a_dangling_symlink_exists(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("missing.txt")
    done = call(SUMMARIZE, SEED, "-o", link)
    one_line(done, SUMMARIZE, code=1, message="already exists; use --force")
    assert link.is_symlink() and not (tmp_path / "missing.txt").exists()
    done = call(SUMMARIZE, SEED, "-o", link, "--force")  # written where it points
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and (tmp_path / "missing.txt").read_text(encoding="utf-8") == seed_summary()


def test_standard_streams_named_as_files_are_written_through(tmp_path: Path) -> None:
    """A link to the process's own stdout (what ``/dev/stdout`` is; made here,
    so that nothing under /dev is at risk) is written through to the pipe."""
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    done = call(SUMMARIZE, SEED, "-o", stdout, "--force")
    assert done.returncode == 0 and done.stderr == "" and done.stdout == seed_summary()
    assert os.readlink(stdout) == "/proc/self/fd/1"
    stdout.unlink()
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    one_line(call(SUMMARIZE, SEED, "-o", loop, "--force"), SUMMARIZE, code=1, message="Too many levels of symbolic links")
    assert loop.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["loop"]


def test_the_output_is_checked_before_the_input_is_read(tmp_path: Path) -> None:
    """The input is a FIFO nobody writes to: reading it first would hang."""
    fifo = tmp_path / "input"
    os.mkfifo(fifo)
    taken = tmp_path / "taken.txt"
    taken.write_text("mine", encoding="utf-8")
    for target, message in ((taken, "already exists"), (tmp_path, "is a folder"), (taken / "sub.txt", "cannot write")):
        done = call(SUMMARIZE, fifo, "-o", target, timeout=30)
        one_line(done, SUMMARIZE, code=1, message=message)
    assert taken.read_text(encoding="utf-8") == "mine"


def test_an_existing_folder_is_called_a_folder(tmp_path: Path) -> None:
    err = one_line(call(SUMMARIZE, SEED, "-o", tmp_path), SUMMARIZE, code=1, message="is a folder")
    assert "--force" not in err
    err = one_line(call(SUMMARIZE, SEED, "-o", tmp_path, "--force"), SUMMARIZE, code=1, message="is a folder")


# -- 4. one line, never a traceback ------------------------------------------------


def _unwritable(tmp_path: Path) -> list[Path]:
    """Locations no file can be created in, even by root."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    return [blocker / "out", Path("/proc/summarizer-test-out")]


def test_unwritable_outputs_are_one_line_for_summarize(tmp_path: Path) -> None:
    for where in _unwritable(tmp_path):
        for extra in ([], ["--force"]):
            one_line(call(SUMMARIZE, SEED, "-o", f"{where}.txt", *extra), SUMMARIZE, code=1, message="cannot write")


def test_unwritable_outputs_are_one_line_for_summarize_batch(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "One sentence here. And another one."}\n', encoding="utf-8")
    for where in _unwritable(tmp_path):
        for suffix in (".jsonl", ""):
            done = call(BATCH, source, "-o", f"{where}{suffix}", "--no-progress")
            one_line(done, BATCH, code=1, message="")
            assert "cannot write" in done.stderr or "is not a folder" in done.stderr, done.stderr


def test_unwritable_outputs_are_one_line_for_summarize_eval(tmp_path: Path) -> None:
    for where in _unwritable(tmp_path):
        done = call(EVAL, SEEDS, "--systems", "lead", "--resamples", "10", "-o", where)
        one_line(done, EVAL, code=1, message="")
        assert "cannot" in done.stderr or "is not a folder" in done.stderr, done.stderr  # the words summarize-batch uses


@pytest.mark.parametrize(
    ("command", "args"),
    [
        (SUMMARIZE, [SEED]),
        (EVAL, [SEEDS, "--systems", "lead", "--resamples", "10"]),
    ],
    ids=["summarize", "summarize-eval"],
)
def test_full_standard_output_is_one_line(command: list[str], args: list[object]) -> None:
    with open("/dev/full", "w") as full:  # the child writes to it; /dev/full is unchanged by design
        done = call(command, *args, stdout=full)
    one_line(done, command, code=1, message="cannot write to standard output: No space left on device")


def test_full_standard_output_after_a_batch_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "One sentence here. And another one."}\n', encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = call(BATCH, source, "-o", tmp_path / "out.jsonl", "--no-progress", stdout=full)
    one_line(done, BATCH, code=1, message="cannot write to standard output")
    assert (tmp_path / "out.jsonl").exists()  # the records were written before


def test_closed_standard_streams_are_one_line() -> None:
    done = call(SUMMARIZE, SEED, stdout=None, preexec=lambda: os.close(1))
    one_line(done, SUMMARIZE, code=1, message="standard output is closed")
    done = call(SUMMARIZE, "-", preexec=lambda: os.close(0))
    one_line(done, SUMMARIZE, code=1, message="standard input is closed")
    assert done.stdout == ""


def test_endless_input_stops_at_the_size_limit(tmp_path: Path) -> None:
    one_line(call(SUMMARIZE, "/dev/zero"), SUMMARIZE, code=1, message="/dev/zero is larger than 100,000,000 bytes")
    with open("/dev/zero", "rb") as zero:
        done = call(SUMMARIZE, "-", "--max-bytes", "1000", stdin=zero)
    one_line(done, SUMMARIZE, code=1, message="standard input is larger than 1,000 bytes")
    size = SEED.stat().st_size
    one_line(call(SUMMARIZE, SEED, "--max-bytes", size - 1), SUMMARIZE, code=1, message="--max-bytes")
    assert call(SUMMARIZE, SEED, "--max-bytes", size).stdout == seed_summary()


def test_every_accepted_damping_works_on_the_command_line(tmp_path: Path) -> None:
    two = tmp_path / "two.txt"
    two.write_text("The cat sat on the mat.\nThe cat sat on the hat.\n", encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLES[0], encoding="utf-8")
    for path in (two, article):
        for damping in ("0.99",):  # every value in (0, 1): tests/test_properties.py, in-process
            done = call(SUMMARIZE, path, "--damping", damping)
            assert done.returncode == 0 and done.stderr == "" and done.stdout.strip(), (path, damping, done.stderr)


# -- 6. messages that say what is wrong --------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_files_with_a_bom_are_read(tmp_path: Path, codec: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    wide = tmp_path / "wide.txt"
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(codec, b"")
    wide.write_bytes(bom + text.encode(codec))
    done = call(SUMMARIZE, wide)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout == seed_summary()


def test_a_nul_byte_anywhere_makes_a_binary_file(tmp_path: Path) -> None:
    late = tmp_path / "late.txt"
    late.write_bytes(("نص عربي قصير. " * 8000).encode("utf-8") + b"\x00 tail.")
    assert late.stat().st_size > 65536
    one_line(call(SUMMARIZE, late, "--format", "html"), SUMMARIZE, code=1, message="binary file (it contains NUL")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ratio", "1.5"], "ratio must be a number in (0, 1]"),
        (["--sentences", "0"], "sentences must be a positive whole number"),
        (["--damping", "1"], "damping must be a number in (0, 1)"),
        (["--prior-weight", "2"], "--prior-weight must be a number in [0, 1]"),
        (["--language", "fr"], "language must be one of"),
        (["--format", "xml"], "valid formats"),
        (["--encoding", "nope"], "unknown encoding"),
        (["--ratio", "abc"], "Invalid value for '--ratio'"),
        (["--max-bytes", "0"], "--max-bytes"),
        (["--ratio", "0.3", "--words", "5"], "give only one of"),
    ],
)
def test_every_usage_error_exits_2(args: list[str], message: str) -> None:
    one_line(call(SUMMARIZE, SEED, *args), SUMMARIZE, code=2, message=message)


@pytest.mark.slow
def test_usage_errors_of_summarize_eval_exit_2() -> None:
    for args, message in (
        (["--ratio", "1.5"], "ratio must be a number in (0, 1]"),
        (["--multi-ref", "min"], "--multi-ref must be one of"),
        (["--systems", "gpt"], "unknown system"),
    ):
        one_line(call(EVAL, SEEDS, *args), EVAL, code=2, message=message)
    one_line(call(EVAL, SEEDS / "missing"), EVAL, code=1, message="")  # an input problem


def test_long_inputs_leave_nothing_on_a_non_terminal_stderr(tmp_path: Path) -> None:
    sentences = [f"Sentence number {i} talks about topic {i % 97} and item {i % 13}." for i in range(4000)]
    long = tmp_path / "long.txt"
    long.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    assert len(long.read_text(encoding="utf-8")) >= 200_000
    done = call(SUMMARIZE, long, "--sentences", "3")
    assert done.returncode == 0 and done.stderr == "" and len(done.stdout.splitlines()) == 3
