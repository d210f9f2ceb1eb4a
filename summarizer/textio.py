"""Reading user files and writing outputs safely.

Shared by every command: a path or ``-`` for stdin, clear errors for
directories, binary files and wrong encodings, and outputs written
atomically that never replace an existing file unless asked to.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

__all__ = ["InputError", "read_text", "decode", "write_atomic"]


class InputError(Exception):
    """A user-facing problem with a file: the message says what to do."""


def decode(data: bytes, *, encoding: str, source: str) -> str:
    """Decode bytes from ``source``; reject binary data and wrong encodings."""
    if b"\x00" in data[:65536] and not encoding.lower().startswith("utf-16"):
        raise InputError(f"{source} looks like a binary file (it contains NUL bytes); give a plain text file")
    try:
        text = data.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}; use a Python codec name such as utf-8 or cp1256") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source} is not valid {encoding} (byte {exc.start}); if it is Arabic in a Windows encoding, "
            f"try --encoding cp1256"
        ) from None
    return text


def read_text(path: str, *, encoding: str = "utf-8") -> str:
    """Read a text file, or standard input when ``path`` is ``-``."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), encoding=encoding, source="standard input")
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such file: {path}; check the path")
    if p.is_dir():
        raise InputError(f"{path} is a directory; give a text file (or - for standard input)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode(data, encoding=encoding, source=path)


def _default_mode() -> int:
    """0666 less the process umask, as for any newly created file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: str, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    An existing file is replaced only with ``force``; a reader never sees a
    half-written file and an interrupted write leaves the old one intact.
    """
    if path.exists() and not force:
        raise InputError(f"{path} already exists; use --force to overwrite it")
    if path.is_dir():
        raise InputError(f"{path} is a directory; give a file path for the output")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"folder {parent} does not exist; create it first")
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
