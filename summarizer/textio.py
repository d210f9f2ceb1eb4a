"""Reading user files and writing outputs safely.

Shared by every command: a path or ``-`` for stdin, clear errors for
directories, binary files, wrong encodings and inputs too large to be text,
and outputs that never damage what the user owns:

- a new or regular output file is written atomically (temporary file, then
  rename) and an existing one is replaced only when asked to (``force``);
- an output that is not a regular file is never replaced by the rename: a
  symlink is followed (the link stays, its target is written, atomically if
  it is a regular file), a FIFO or character device (``/dev/stdout``, a
  terminal) is written through, and anything else (a block device, a
  socket) is refused; a dangling symlink exists, like any other name;
- an output that is one of the command's inputs (the same file by device
  and inode, whatever name, symlink or hard link reaches it, standard
  input redirected from it included) is refused even with ``force``: the
  summary would replace the document (:func:`check_not_input`);
- :func:`prepare_output` checks all that, and that the folder can be
  written, *before* any work, so a refusal never comes after the summary.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import InputError, UsageError, param

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Output",
    "check_folder_writable",
    "check_not_input",
    "decode",
    "is_wide",
    "prepare_output",
    "read_text",
    "same_file",
    "silence_stdout",
    "write_atomic",
    "write_output",
    "write_stdout",
]

#: Inputs larger than this are refused unless a larger limit is given: no
#: text worth summarizing is this big, and ``/dev/zero`` never ends.
DEFAULT_MAX_BYTES = 100_000_000

#: Byte-order marks of the encodings whose text is full of NUL bytes; a file
#: starting with one is decoded with that encoding (UTF-32 first: its
#: little-endian mark starts with UTF-16's).
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)




def _codec(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r} for {param('encoding')}; use a Python codec name such as utf-8 or cp1256") from None


def is_wide(data: bytes, *, encoding: str) -> bool:
    """Whether a file starting with ``data`` is read in UTF-16 or UTF-32
    (its byte-order mark, or ``encoding``): then a newline byte does not
    end a line, and the file cannot be split into lines as bytes."""
    return _file_codec(data, encoding)[0].startswith(("utf-16", "utf-32"))


def _file_codec(data: bytes, encoding: str) -> tuple[str, str]:
    """The codec of a file starting with ``data``, and how messages name it."""
    codec = _codec(encoding)
    if codec != "utf-8":
        return codec, encoding
    wide = next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)
    if wide is None:
        return "utf-8-sig", encoding
    return wide, f"{wide} (it starts with a {wide.upper()} byte-order mark)"


def decode(data: bytes, *, encoding: str, source: str, offset: int = 0) -> str:
    """Decode bytes from ``source``; reject binary data and wrong encodings.

    With the default UTF-8, a UTF-16 or UTF-32 byte-order mark selects that
    encoding (such files are text, not binary). NUL bytes anywhere in the
    input (not only at its start) make it binary: they would otherwise be
    copied raw into every output.

    ``offset`` is where ``data`` starts in its file (a line of a JSONL
    file): a byte-order mark selects an encoding only at the file's start
    (elsewhere the bytes are stray ones, reported in the encoding asked
    for), and an error's byte is counted from the file's start.
    """
    codec, shown = _file_codec(data, encoding) if offset == 0 else (_file_codec(b"", encoding)[0], encoding)
    wide = codec.startswith(("utf-16", "utf-32"))
    if not wide and b"\x00" in data:
        raise InputError(f"{source} looks like a binary file (it contains NUL bytes); give a plain text file")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        # The Windows Arabic hint fits the default (UTF-8) only: an encoding the user chose is theirs to check.
        hint = (
            f"if it is Arabic in a Windows encoding, try {param('encoding', 'cp1256')}"
            if codec == "utf-8-sig" else f"check that {param('encoding')} names the file's encoding"
        )
        raise InputError(f"{source} is not valid {shown} (byte {offset + exc.start}); {hint}") from None
    if wide and "\x00" in text:
        raise InputError(f"{source} looks like a binary file (it contains NUL characters); give a plain text file")
    return text


def _read_limited(f: IO[bytes], *, max_bytes: int, source: str) -> bytes:
    """All of ``f``, or an error as soon as it holds more than ``max_bytes``."""
    data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"{source} is larger than {max_bytes:,} bytes; give a text file (or raise the limit, {param('max_bytes')})"
        )
    return data


def read_text(path: str, *, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a text file, or standard input when ``path`` is ``-``.

    At most ``max_bytes`` are read: a larger input (or an endless one such
    as ``/dev/zero``) is an error, not a memory exhaustion.
    """
    _codec(encoding)  # an unknown encoding is reported before any read
    if path == "-":
        if sys.stdin is None:
            raise InputError("standard input is closed; give a file, or open standard input")
        try:
            data = _read_limited(sys.stdin.buffer, max_bytes=max_bytes, source="standard input")
        except OSError as exc:
            raise InputError(f"cannot read standard input: {exc.strerror or exc}") from None
        return decode(data, encoding=encoding, source="standard input")
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such file: {path}; check the path")
    if p.is_dir():
        raise InputError(f"{path} is a directory; give a text file (or - for standard input)")
    try:
        with p.open("rb") as f:
            data = _read_limited(f, max_bytes=max_bytes, source=path)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode(data, encoding=encoding, source=path)


def write_stdout(data: str) -> None:
    """Write ``data`` to standard output, a full or closed one being an error.

    A closed pipe (``| head``) is left to the caller (:class:`BrokenPipeError`
    is the usual quiet end); other failures (``> /dev/full``: no space)
    become an :class:`InputError`.
    """
    if sys.stdout is None:
        raise InputError(f"standard output is closed; write to a file ({param('output')}), or open standard output")
    try:
        sys.stdout.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise InputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's
    last flush of what could not be written does not fail a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


@dataclass(frozen=True, slots=True)
class Output:
    """Where an output goes, checked: ``path`` as given, ``target`` what is
    written (the end of its symlinks), ``stream`` when the target is a FIFO or
    a character device (written through, never renamed over)."""

    path: Path
    target: Path
    stream: bool = False


def _describe(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _identity(path: str | Path) -> tuple[int, int] | None:
    """Device and inode of the regular file ``path`` reaches (``-``:
    standard input), or ``None``: a stream, a device or nothing is no
    document (a terminal is both standard input and ``/dev/stdout``)."""
    try:
        if str(path) == "-":
            if sys.stdin is None:
                return None
            st = os.fstat(sys.stdin.fileno())
        else:
            st = os.stat(path)
    except (OSError, ValueError, AttributeError):  # missing, a loop, or no file descriptor
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether ``a`` and ``b`` reach one regular file, by device and inode:
    names cannot tell (a symlink, a hard link, ``./d.txt`` and ``d.txt``)."""
    first = _identity(a)
    return first is not None and first == _identity(b)


def check_not_input(path: Path, inputs: Iterable[str | Path]) -> None:
    """Refuse an output that is one of ``inputs`` (``-`` is standard input).

    Writing there would replace what was read with what was made from it,
    so it is refused whatever ``force`` says. ``inputs`` is only walked
    when ``path`` is an existing regular file (a lazy iterable of every
    file of a corpus costs nothing in the usual case of a new output).
    """
    target = _identity(path)
    if target is None:
        return
    for source in inputs:
        if _identity(source) == target:
            if str(source) == "-":
                which = " (standard input reads it)"
            else:
                which = "" if str(source) == str(path) else f" {source} by another name"
            raise InputError(f"{path} is the input file{which}; write the output elsewhere so the input is never modified")


def prepare_output(path: Path, *, force: bool = False, inputs: Iterable[str | Path] = ()) -> Output:
    """Check, before any work, that ``path`` can take an output; say how.

    Refuses an input (:func:`check_not_input`), a folder, an existing name
    (a dangling symlink included) without ``force``, a block device or
    socket, a missing folder, and a folder that cannot be written (by
    creating and removing a temporary file in it).
    """
    path = Path(path)
    check_not_input(path, inputs)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file path for the output")
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        link = None
    except OSError as exc:  # e.g. a path through a regular file (NOTADIR)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if link is not None and not force:
        raise InputError(f"{path} already exists; use {param('force', True)} to overwrite it")
    try:
        st = os.stat(path)  # through symlinks (also /dev/stdout's magic link)
    except FileNotFoundError:
        st = None
    except OSError as exc:  # a symlink loop, a path through a file
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            if not os.access(path, os.W_OK):
                raise InputError(f"cannot write {path}: permission denied")
            return Output(path, path, stream=True)
        raise InputError(f"{path} is {_describe(st.st_mode)}; give a regular file path for the output")
    # A regular file, or nothing yet: the temporary file goes beside what the
    # name really points to, so the rename replaces that and keeps the link.
    target = Path(os.path.realpath(path)) if link is not None and stat.S_ISLNK(link.st_mode) else path
    parent = target.parent
    if not parent.exists():
        raise InputError(f"folder {parent} does not exist; create it first")
    if not parent.is_dir():
        raise InputError(f"{parent} is not a folder; give a file path inside a folder")
    check_folder_writable(parent, shown=path)
    return Output(path, target)


def check_folder_writable(folder: Path, *, shown: Path) -> None:
    """Create and remove a temporary file in ``folder``: the real test
    (permissions say nothing for root, nor for read-only file systems)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".summarize-check.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write {shown}: {exc.strerror or exc} (in {folder})") from None
    os.close(fd)
    Path(tmp).unlink(missing_ok=True)


def _default_mode() -> int:
    """0666 less the process umask, as for any newly created file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_output(output: Output, data: str) -> None:
    """Write ``data`` where :func:`prepare_output` said.

    A regular (or new) target gets a temporary file and a rename, so a reader
    never sees a half-written file and an interrupted write leaves the old
    one intact; a stream target is opened (never created or truncated) and
    written through. Failures (no space, read-only) are an :class:`InputError`.
    """
    try:
        if output.stream:
            fd = os.open(output.target, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(data)
            return
        _replace(output.target, data)
    except OSError as exc:
        raise InputError(f"cannot write {output.path}: {exc.strerror or exc}") from None


def _replace(path: Path, data: str) -> None:
    parent = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain
        # open() would (or the mode of the file it replaces).
        os.fchmod(fd, path.stat().st_mode & 0o7777 if path.exists() else _default_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: str, *, force: bool = False, inputs: Iterable[str | Path] = ()) -> None:
    """Check ``path`` (:func:`prepare_output`) and write ``data`` to it."""
    write_output(prepare_output(path, force=force, inputs=inputs), data)
