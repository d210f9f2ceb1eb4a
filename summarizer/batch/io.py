"""Where a batch's documents come from and where its records go.

Sources: a folder of text files, or a JSONL file of ``{"id", "text"}``
objects. Both are checked whole before any work starts (bad lines and
duplicate ids are one-line errors naming the file and line), then streamed,
so a large archive is never held in memory.

Sinks: a JSONL file of records, or a folder of summaries. Inputs are only
ever read; an existing output is replaced only with ``existing="overwrite"``
and extended only with ``existing="resume"``.
A sink holds an exclusive lock on its output (:class:`OutputLock`, the file
``OUT.lock`` beside it) from the moment it is opened until it is closed, so
a second run on the same output refuses at once, naming the first.

JSONL output is append-only into ``OUT.partial``: each record is one line,
flushed as soon as it is written and fsync'd at least once a second, and the
file is renamed to ``OUT`` when the run ends. A killed run leaves the
partial file; resuming drops a torn last line, skips the ids it holds and
appends the rest, so nothing finished is lost and ``OUT`` only ever appears
complete. Records are written in input order; if a resumed run finds them
out of order (the input changed between runs) they are put back in input
order before the rename.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from ..errors import InputError, UsageError, param
from ..strictjson import dumps
from ..textio import DEFAULT_MAX_BYTES, check_folder_writable, decode, is_wide, same_file, write_atomic
from ..validate import one_of
from .formats import ROW_GROUP, Format, check_writable, decode_records, encode_records, exists, format_of, is_url, open_read, open_write, parquet_file

__all__ = [
    "DEFAULT_PATTERN",
    "Document",
    "Entry",
    "Existing",
    "FolderSink",
    "FolderSource",
    "JsonlSink",
    "JsonlSource",
    "OutputLock",
    "ParquetSource",
    "Sink",
    "Source",
    "cell_document",
    "check_encoding",
    "id_key",
    "open_sink",
    "open_source",
    "partial_path",
    "staging",
]

DocId = str | int
#: What to do with an output that already exists.
Existing = Literal["fail", "overwrite", "resume"]
EXISTING: tuple[str, ...] = ("fail", "overwrite", "resume")
#: The two ways past an existing output, as messages name them.
_OVERWRITE = param("existing", "overwrite")
_RESUME = param("existing", "resume")
#: Which files of a folder input are documents.
DEFAULT_PATTERN = "*.txt"
SUMMARY_SUFFIX = ".summary.txt"
ERROR_SUFFIX = ".error.txt"
_RECORD_SHAPE = 'each line must be a JSON object like {"id": "doc-1", "text": "..."}'
#: A crash loses at most this many seconds of records to a power cut
#: (a killed process loses nothing: every record is flushed at once).
FSYNC_SECONDS = 1.0


def id_key(doc_id: DocId) -> str:
    """The id as ids are compared: ``1`` and ``"1"`` are the same document."""
    return str(doc_id)


@dataclass(frozen=True, slots=True)
class Entry:
    """One document of a source, before it is read: its id and its place."""

    id: DocId
    #: Where it comes from, for messages: a path, or "FILE line N".
    where: str


@dataclass(frozen=True, slots=True)
class Document:
    """A document ready to summarize, or the reason it could not be read."""

    id: DocId
    text: str | None
    error: str | None = None
    #: The text is a web page (a JSONL record's ``html`` field).
    html: bool = False


class FolderSource:
    """The files of ``folder`` matching ``pattern``, in path order.

    A document's id is its path relative to the folder without the last
    suffix (``news/a.txt`` → ``news/a``). Hidden files and folders are
    skipped. A file that cannot be read or decoded becomes an error
    document, not a failure of the run.
    """

    def __init__(self, folder: Path, *, pattern: str = DEFAULT_PATTERN, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        check_encoding(encoding)
        self.max_bytes = max_bytes
        if not folder.exists():
            raise InputError(f"no such folder: {folder}; check the path")
        if not folder.is_dir():
            raise InputError(f"{folder} is not a folder; give a folder of text files or a JSONL file")
        try:
            found = [p for p in folder.glob(pattern) if p.is_file()]
        except (ValueError, NotImplementedError) as exc:
            raise UsageError(f"invalid {param('pattern')} {pattern!r} ({exc}); use a relative glob such as *.txt or **/*.txt") from None
        relative = sorted(
            (p.relative_to(folder) for p in found if not any(part.startswith(".") for part in p.relative_to(folder).parts)),
            key=lambda r: r.as_posix(),
        )
        if not relative:
            raise InputError(f"{folder} has no files matching {pattern!r}; check the folder or give another {param('pattern')}")
        self.folder = folder
        self.encoding = encoding
        self._paths: list[Path] = []
        self.entries: list[Entry] = []
        seen: dict[str, Path] = {}
        for rel in relative:
            doc_id = rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()
            if doc_id in seen:
                raise InputError(
                    f"{folder / seen[doc_id]} and {folder / rel} both give the id {doc_id!r}; rename one or narrow {param('pattern')}"
                )
            seen[doc_id] = rel
            self._paths.append(folder / rel)
            self.entries.append(Entry(doc_id, str(folder / rel)))

    def contains(self, path: Path | str) -> bool:
        """Whether ``path`` lies inside the input folder (a URL never does)."""
        return not is_url(path) and Path(path).resolve().is_relative_to(self.folder.resolve())

    def __iter__(self) -> Iterator[Document]:
        for entry, path in zip(self.entries, self._paths, strict=True):
            try:
                with path.open("rb") as f:
                    data = f.read(self.max_bytes + 1)
                if len(data) > self.max_bytes:
                    raise InputError(f"{path} is larger than {self.max_bytes:,} bytes (the {param('max_bytes')} limit)")
                text = decode(data, encoding=self.encoding, source=str(path))
            except InputError as exc:
                yield Document(entry.id, None, str(exc))
            except OSError as exc:
                yield Document(entry.id, None, f"cannot read {path}: {exc.strerror or exc}")
            else:
                yield Document(entry.id, text)


class JsonlSource:
    """The records of a JSONL file, one ``{"id", "text"}`` object a line.

    ``id`` is a non-empty string or an integer, unique in the file; ``text``
    is a string (an empty one becomes an error record). Other fields are
    allowed and not used. Blank lines are skipped.
    """

    def __init__(self, path: Path | str, *, encoding: str = "utf-8") -> None:
        check_encoding(encoding)
        self.path = path
        self.encoding = encoding
        #: Gzipped (``.jsonl.gz``): decompressed as it is read.
        self.gzipped = format_of(path) == "jsonl.gz"
        self.entries: list[Entry] = []
        first_line: dict[str, int] = {}
        for number, doc_id, _, _ in self._records():
            key = id_key(doc_id)
            if key in first_line:
                raise InputError(f"{path} line {number}: duplicate id {doc_id!r} (first on line {first_line[key]}); ids must be unique")
            first_line[key] = number
            self.entries.append(Entry(doc_id, f"{path} line {number}"))
        if not self.entries:
            raise InputError(f"{path} has no records; {_RECORD_SHAPE}")

    def contains(self, path: Path | str) -> bool:
        """Whether ``path`` is the input file itself, by any name."""
        return _same_location(path, self.path)

    def _records(self) -> Iterator[tuple[int, DocId, str, bool]]:
        with open_read(self.path) as raw:
            f: Any = gzip.GzipFile(fileobj=raw, mode="rb") if self.gzipped else raw
            try:
                yield from self._parse(f)
            except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
                what = "is truncated" if isinstance(exc, EOFError) else f"is not a valid gzip file ({exc})"
                raise InputError(f"{self.path} {what}; check the file, or give it uncompressed") from None

    def _parse(self, f: IO[bytes]) -> Iterator[tuple[int, DocId, str, bool]]:
        for number, line in self._lines(f):
            if not line.strip():
                continue
            where = f"{self.path} line {number}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where} is not valid JSON ({exc.msg}, column {exc.colno}); {_RECORD_SHAPE}") from None
            yield (number, *_check_record(obj, where))

    def _lines(self, f: IO[bytes]) -> Iterator[tuple[int, str]]:
        """The file's lines, decoded and numbered from 1.

        A line at a time, each decoded with the file's encoding (a
        byte-order mark counts at the file's start only, and an error names
        the line and the byte of the file). A UTF-16 or UTF-32 file, whose
        newline bytes do not end lines, is decoded whole: such files are rare.
        """
        if is_wide(f.read(4), encoding=self.encoding):
            f.seek(0)
            yield from enumerate(decode(f.read(), encoding=self.encoding, source=str(self.path)).split("\n"), start=1)
            return
        f.seek(0)
        offset = 0
        for number, raw in enumerate(f, start=1):
            yield number, decode(raw, encoding=self.encoding, source=f"{self.path} line {number}", offset=offset)
            offset += len(raw)

    def __iter__(self) -> Iterator[Document]:
        for _, doc_id, text, html in self._records():
            yield Document(doc_id, text, html=html)


def cell_document(doc_id: DocId, value: Any, *, column: str = "text", html: bool = False) -> Document:
    """The document in a table's cell (a Parquet row, a DataFrame's): a
    string is its text (a web page if ``html``); a null or another type is
    the reason this one document fails, so it becomes an error record and
    its id is never lost."""
    if value is None:
        return Document(doc_id, None, f"no {column} (null)")
    if not isinstance(value, str):
        return Document(doc_id, None, f"the {column} is {type(value).__name__}, not a string")
    return Document(doc_id, value, html=html)


def _check_record(obj: Any, where: str) -> tuple[DocId, str, bool]:
    """The record's id, its text (or web page: an ``html`` field instead of
    ``text``) and whether it is a page."""
    if not isinstance(obj, dict):
        raise InputError(f"{where} is not a JSON object; {_RECORD_SHAPE}")
    if "id" not in obj:
        raise InputError(f'{where} has no "id"; {_RECORD_SHAPE}')
    if "text" in obj and "html" in obj:
        raise InputError(f'{where} has both "text" and "html"; give one of them')
    html = "html" in obj and "text" not in obj
    if not html and "text" not in obj:
        raise InputError(f'{where} has no "text" (or "html" for a web page); {_RECORD_SHAPE}')
    field = "html" if html else "text"
    doc_id, text = obj["id"], obj[field]
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or doc_id == "":
        raise InputError(f'{where}: "id" must be a non-empty string or an integer, got {json.dumps(doc_id, ensure_ascii=False)}')
    if not isinstance(text, str):
        raise InputError(f'{where}: "{field}" must be a string, got {type(text).__name__ if text is not None else "null"}')
    return doc_id, text, html


def check_encoding(encoding: str) -> None:
    """Refuse an encoding Python does not know, naming the parameter."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r} for {param('encoding')}; use a Python codec name such as utf-8 or cp1256") from None


class ParquetSource:
    """The rows of a Parquet file with an ``id`` column and a ``text`` or an
    ``html`` column (web pages, as a JSONL record's ``html`` field).

    Read a row group at a time: the ids first (checked as a JSONL file's
    are, unique), then ids and texts, so memory holds one row group
    whatever the file's size. A table may have both columns (a corpus of
    texts and pages): each row gives one of them, the other null. A row
    with neither, both, or a non-string becomes an error record, never a
    lost id; other columns are not read.
    """

    #: The columns a document can come from, and whether each is a web page.
    TEXT_COLUMNS: tuple[tuple[str, bool], ...] = (("text", False), ("html", True))

    def __init__(self, location: Path | str) -> None:
        self.path = location
        self.entries: list[Entry] = []
        first_row: dict[str, int] = {}
        with open_read(location) as f:
            parquet = parquet_file(f, str(location))
            names = list(parquet.schema_arrow.names)
            self.columns = [name for name, _ in self.TEXT_COLUMNS if name in names]
            if "id" not in names or not self.columns:
                missing = "id" if "id" not in names else "text"
                raise InputError(
                    f"{location} has no column {missing!r} (its columns: {', '.join(names) or 'none'}); "
                    "it needs an id and a text column (or html for web pages)"
                )
            for row, doc_id in enumerate(self._column(parquet, "id"), start=1):
                where = f"{location} row {row}"
                if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or doc_id == "":
                    raise InputError(f"{where}: the id must be a non-empty string or an integer, got {doc_id!r}")
                key = id_key(doc_id)
                if key in first_row:
                    raise InputError(f"{where}: duplicate id {doc_id!r} (first on row {first_row[key]}); ids must be unique")
                first_row[key] = row
                self.entries.append(Entry(doc_id, where))
        if not self.entries:
            raise InputError(f"{location} has no rows; it needs an id and a text column")

    def _column(self, parquet: Any, *columns: str) -> Iterator[Any]:
        try:
            for batch in parquet.iter_batches(batch_size=ROW_GROUP, columns=list(columns)):
                yield from (zip(*(batch.column(c).to_pylist() for c in columns)) if len(columns) > 1 else batch.column(0).to_pylist())
        except InputError:
            raise
        except Exception as exc:  # a corrupt page: what pyarrow says of it
            raise InputError(f"{self.path} is not a valid Parquet file ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); check that it is complete") from None

    def contains(self, path: Path | str) -> bool:
        """Whether ``path`` is the input file itself, by any name."""
        return _same_location(path, self.path)

    def __iter__(self) -> Iterator[Document]:
        pages = dict(self.TEXT_COLUMNS)
        with open_read(self.path) as f:
            for doc_id, *values in self._column(parquet_file(f, str(self.path)), "id", *self.columns):
                given = [(name, value) for name, value in zip(self.columns, values) if value is not None]
                if len(given) > 1:
                    yield Document(doc_id, None, "both text and html are set; give one of them")
                elif given:
                    yield cell_document(doc_id, given[0][1], column=given[0][0], html=pages[given[0][0]])
                else:
                    yield cell_document(doc_id, None, column=" or ".join(self.columns))


def _same_location(a: Path | str, b: Path | str) -> bool:
    if is_url(a) or is_url(b):
        return str(a).rstrip("/") == str(b).rstrip("/")
    return same_file(a, b)


Source = FolderSource | JsonlSource | ParquetSource


def open_source(path: Path | str, *, pattern: str = DEFAULT_PATTERN, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """A ``.parquet`` file or URL becomes a :class:`ParquetSource`; a
    ``.jsonl`` or ``.jsonl.gz`` one, or any other file, a
    :class:`JsonlSource`; a folder a :class:`FolderSource`.

    ``max_bytes`` bounds each file of a folder (a larger one is an error
    record); a JSONL file is read a line at a time, Parquet a row group at a time.
    """
    fmt = format_of(path)
    if fmt == "parquet":
        return ParquetSource(path)
    if is_url(path):
        if fmt is None:
            raise InputError(f"{path}: a URL input is a .jsonl, .jsonl.gz or .parquet file")
        return JsonlSource(path, encoding=encoding)
    path = Path(path)
    if path.is_file():
        return JsonlSource(path, encoding=encoding)
    return FolderSource(path, pattern=pattern, encoding=encoding, max_bytes=max_bytes)


class OutputLock:
    """An exclusive lock on an output, held for the whole run.

    ``OUT.lock`` beside the output holds the holder's pid; ``fcntl.flock``
    makes it exclusive, and the kernel drops the lock when the holder exits,
    however it ends, so a killed run never leaves a stale lock behind (the
    file may remain; it is only a name). The holder removes the file when it
    releases the lock; a run that opened the file just before that checks,
    once locked, that the name still points to the file it locked.
    """

    def __init__(self, output: Path) -> None:
        named = output.absolute()
        self.output = output
        self.path = named.with_name(named.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`InputError` naming the holder."""
        import fcntl

        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            except OSError as exc:
                raise InputError(f"cannot write {self.output}: {exc.strerror or exc} (in {self.path.parent})") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = self._holder(fd)
                os.close(fd)
                raise InputError(
                    f"{self.output} is in use by another summarize-batch run ({holder}); wait for it to end or stop it"
                ) from None
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # the previous holder removed it meanwhile: lock the new one
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    @staticmethod
    def _holder(fd: int) -> str:
        import time

        for _ in range(20):  # the holder writes its pid just after locking
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            if pid:
                return f"pid {pid}"
            time.sleep(0.01)
        return "pid unknown"

    def release(self) -> None:
        """Remove the lock file and drop the lock (idempotent)."""
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None


def _regular_target(path: Path, *, existing: str) -> Path:
    """The file a JSONL output really is: ``path``, or where its symlink
    points. With ``existing="fail"`` any existing name (a dangling
    symlink too) is refused; a FIFO or device is never renamed over."""
    import stat

    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if existing == "fail":
        raise InputError(f"{path} already exists; use {_OVERWRITE} to overwrite it or {_RESUME} to add the documents it lacks")
    target = Path(os.path.realpath(path)) if stat.S_ISLNK(link.st_mode) else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:  # a dangling symlink: write where it points
        return target
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise InputError(
            f"{path} is not a regular file; JSONL output is built beside it and renamed into place, give a file path"
        )
    return target


def staging(url: str) -> Path:
    """Where the records of the URL output ``url`` are built (and its lock
    held): a local file, since object stores neither append nor lock —
    ``$XDG_CACHE_HOME/summarize-batch/`` (default ``~/.cache``), named
    after the URL."""
    import hashlib

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "summarize-batch"
    name = url.rstrip("/").rsplit("/", 1)[-1]
    return cache / f"{hashlib.sha256(url.encode()).hexdigest()[:16]}-{name}"


def partial_path(output: Path | str) -> Path:
    """Where a records output is built until the run ends, and what a
    stopped run keeps for ``existing="resume"``: ``OUT.partial`` beside a
    local output, the :func:`staging` file of a URL's."""
    local = staging(str(output)) if is_url(output) else Path(output)
    return local.with_name(local.name + ".partial")


class JsonlSink:
    """Records as JSON lines, built in ``PATH.partial`` (:func:`partial_path`)
    and, when the run ends, renamed to ``PATH`` — or encoded as ``PATH``'s
    format asks (``.jsonl.gz``, ``.parquet``: :func:`~.formats.encode_records`),
    written to a temporary file beside it and renamed, or uploaded to a URL."""

    def __init__(self, path: Path | str, *, existing: Existing = "fail") -> None:
        _check_existing(existing)
        self.shown = path
        self.format: Format = format_of(path) or "jsonl"
        #: The URL written at the end (``None``: a local file).
        self.url = str(path) if is_url(path) else None
        if self.url is not None:
            check_writable(self.url)
            if existing == "fail" and exists(self.url):
                raise InputError(f"{path} already exists; use {_OVERWRITE} to overwrite it or {_RESUME} to add the documents it lacks")
            path = staging(self.url)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(f"cannot create {path.parent} (where a URL output is built): {exc.strerror or exc}") from None
        else:
            path = Path(path)
            if path.is_dir():
                raise InputError(f"{path} is a folder; give a file path ending in .jsonl, or a folder path without .jsonl for summaries")
            parent = path.parent if str(path.parent) else Path(".")
            if not parent.exists():
                raise InputError(f"folder {parent} does not exist; create it first")
            if not parent.is_dir():
                raise InputError(f"{parent} is not a folder; give a file path inside a folder")
            path = _regular_target(path, existing=existing)
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self._lock = OutputLock(path)
        self._lock.acquire()  # also proves the folder can be written
        try:
            self._load(existing)
        except BaseException:
            self._lock.release()
            raise

    def _output_exists(self) -> bool:
        return exists(self.url) if self.url is not None else self.path.exists()

    def _load(self, existing: Existing) -> None:
        if existing == "fail" and self.partial.exists():
            raise InputError(f"{self.partial} holds an interrupted run; use {_RESUME} to continue it or {_OVERWRITE} to start over")
        #: Keys of the records in the partial file, in file order.
        self._keys: list[str] = []
        failed: list[str] = []
        if existing == "resume":
            if not self.partial.exists() and self._output_exists():
                tmp = self.partial.with_name(self.partial.name + ".tmp")
                shown = str(self.shown)
                with open_read(self.url or self.path) as f, tmp.open("wb") as out:
                    for line in decode_records(self.format, f, shown):
                        out.write(line)
                os.replace(tmp, self.partial)
            if self.partial.exists():
                self._keys, failed = _load_records(self.partial)
        self.done: frozenset[str] = frozenset(self._keys)
        #: Keys of the records already there that are errors (kept, not retried).
        self.failed: frozenset[str] = frozenset(failed)
        # Opened at the first write, so a run that stops before it starts
        # (bad ids, no cluster) leaves no partial file behind.
        self._mode = "ab" if existing == "resume" else "wb"
        self._file: IO[bytes] | None = None
        self._finished = False
        self._synced = time.monotonic()

    def _open(self) -> IO[bytes]:
        if self._finished:
            raise RuntimeError("the sink is finished")
        if self._file is None:
            try:
                self._file = self.partial.open(self._mode)
            except OSError as exc:
                raise InputError(f"cannot write {self.partial}: {exc.strerror or exc}") from None
        return self._file

    def check(self, entries: Sequence[Entry]) -> None:
        """Every id can be a JSON value: nothing to check."""

    def write(self, record: dict[str, Any]) -> None:
        """Append one record as a complete, flushed line."""
        f = self._open()
        try:
            f.write((dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
            f.flush()
            if time.monotonic() - self._synced >= FSYNC_SECONDS:
                os.fsync(f.fileno())
                self._synced = time.monotonic()
        except OSError as exc:  # no space left: what is complete is kept, a torn line is cut on resume
            raise InputError(
                f"cannot write {self.partial}: {exc.strerror or exc}; the records so far are kept: free space and rerun with {_RESUME}"
            ) from None
        self._keys.append(id_key(record["id"]))

    def finish(self, order: Sequence[str]) -> None:
        """Sync, put the records in input order if needed, rename to ``path``."""
        f = self._open()
        os.fsync(f.fileno())
        f.close()
        self._file = None
        self._finished = True
        present = set(self._keys)
        wanted = set(order)
        expected = [k for k in order if k in present] + [k for k in self._keys if k not in wanted]
        if self._keys != expected:
            _reorder(self.partial, self._keys, expected)
        if self.url is not None:
            try:
                with open_write(self.url) as out:
                    encode_records(self.format, self.partial, out)
            except Exception as exc:  # each file system raises its own kinds
                raise InputError(
                    f"cannot write {self.url}: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}; "
                    f"the records are kept in {self.partial}: rerun with {_RESUME}"
                ) from None
            self.partial.unlink()
            return
        if self.format != "jsonl":
            tmp = self.path.with_name(self.path.name + ".tmp")
            with tmp.open("wb") as out:
                encode_records(self.format, self.partial, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
            self.partial.unlink()
        else:
            os.replace(self.partial, self.path)
        _sync_folder(self.path.parent)

    def close(self) -> None:
        """Stop without finishing: the partial file stays for ``existing="resume"``."""
        try:
            if self._file is not None:
                self._file.close()
                self._file = None
        except OSError:
            self._file = None
        finally:
            self._lock.release()

    def __enter__(self) -> JsonlSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _load_records(path: Path) -> tuple[list[str], list[str]]:
    """Keys of a partial output's records, and of those that are errors; a
    torn last line (a killed write) is cut off."""
    data = path.read_bytes()
    complete = data.rfind(b"\n") + 1
    if complete < len(data):
        os.truncate(path, complete)
    keys: list[str] = []
    failed: list[str] = []
    for number, line in enumerate(data[:complete].splitlines(), start=1):
        try:
            obj = json.loads(line)
            keys.append(id_key(obj["id"]))
        except (ValueError, TypeError, KeyError):
            raise InputError(
                f"{path} line {number} is not a summarize-batch record; move the file away or use {_OVERWRITE} to start over"
            ) from None
        if obj.get("status") != "ok":
            failed.append(keys[-1])
    return keys, failed


def _reorder(path: Path, keys: Sequence[str], expected: Sequence[str]) -> None:
    """Rewrite ``path`` with its lines (one per key) in ``expected`` order."""
    spans: dict[str, tuple[int, int]] = {}
    with path.open("rb") as f:
        for key in keys:
            start = f.tell()
            spans.setdefault(key, (start, len(f.readline())))
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("wb") as out:
            for key in expected:
                start, length = spans[key]
                f.seek(start)
                out.write(f.read(length))
            out.flush()
            os.fsync(out.fileno())
    os.replace(tmp, path)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class FolderSink:
    """One file per document: ``ID.summary.txt`` (the summary) or ``ID.error.txt``.

    Each file is written atomically, so a folder never holds a half-written
    summary; ``existing="resume"`` skips ids that have either file.
    """

    def __init__(self, folder: Path, *, existing: Existing = "fail") -> None:
        _check_existing(existing)
        self.folder = folder
        if (folder.exists() or os.path.islink(folder)) and not folder.is_dir():
            raise InputError(f"{folder} is a file; give a folder for summaries, or a path ending in .jsonl for a JSONL file")
        if folder.exists():
            if existing == "fail" and any(folder.iterdir()):
                raise InputError(f"{folder} is not empty; use {_OVERWRITE} to overwrite the summaries in it or {_RESUME} to add the missing ones")
        else:  # created at the first write, so a run that fails to start leaves nothing
            parent = folder.parent if str(folder.parent) else Path(".")
            if not parent.exists():
                raise InputError(f"folder {parent} does not exist; create it first")
            if not parent.is_dir():
                raise InputError(f"{parent} is not a folder; give a folder path for the summaries")
        self._lock = OutputLock(folder)
        self._lock.acquire()
        try:
            if folder.is_dir():
                check_folder_writable(folder, shown=folder)
            found = dict(self._existing_keys()) if existing == "resume" else {}
            self.done: frozenset[str] = frozenset(found)
            #: Keys whose file is an error, not a summary (kept, not retried).
            self.failed: frozenset[str] = frozenset(k for k, ok in found.items() if not ok)
        except BaseException:
            self._lock.release()
            raise

    def _existing_keys(self) -> Iterator[tuple[str, bool]]:
        """Each key with a file, and whether it is a summary (a summary wins
        over an error file a crash left beside it)."""
        if not self.folder.is_dir():
            return
        for suffix in (ERROR_SUFFIX, SUMMARY_SUFFIX):
            for path in self.folder.rglob(f"*{suffix}"):
                yield path.relative_to(self.folder).as_posix()[: -len(suffix)], suffix == SUMMARY_SUFFIX

    def check(self, entries: Sequence[Entry]) -> None:
        """Every id must be a safe relative file name inside the folder."""
        for entry in entries:
            key = id_key(entry.id)
            parts = key.split("/")
            if "\\" in key or "\0" in key or any(p in ("", ".", "..") or p.startswith(".") for p in parts):
                raise InputError(
                    f"{entry.where}: id {key!r} cannot name a file in the output folder "
                    f"(no empty, hidden, '.' or '..' parts, no backslash); write JSONL output instead"
                )

    def write(self, record: dict[str, Any]) -> None:
        """Write the document's summary or error file, removing a stale other one."""
        key = id_key(record["id"])
        ok = record["status"] == "ok"
        target = self.folder / (key + (SUMMARY_SUFFIX if ok else ERROR_SUFFIX))
        stale = self.folder / (key + (ERROR_SUFFIX if ok else SUMMARY_SUFFIX))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the folder {target.parent}: {exc.strerror or exc}") from None
        if target.is_symlink():  # a file of this folder is ours: never write through a link (it may point at an input)
            target.unlink()
        write_atomic(target, (record["summary"] if ok else record["error"]) + "\n", force=True)
        stale.unlink(missing_ok=True)

    def finish(self, order: Sequence[str]) -> None:
        """Each file is complete once written; the folder exists even if empty."""
        try:
            self.folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the folder {self.folder}: {exc.strerror or exc}") from None

    def close(self) -> None:
        """Release the output's lock (no file is held open)."""
        self._lock.release()

    def __enter__(self) -> FolderSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_existing(existing: str) -> None:
    if existing not in EXISTING:
        one_of("existing", existing, EXISTING)


Sink = JsonlSink | FolderSink


def open_sink(path: Path | str, *, existing: Existing = "fail") -> Sink:
    """A path or URL ending in ``.jsonl``, ``.jsonl.gz`` or ``.parquet`` is a
    file of records in that format (:class:`JsonlSink`); any other path a folder."""
    if format_of(path) is not None:
        return JsonlSink(path, existing=existing)
    if is_url(path):
        raise InputError(f"{path}: a URL output is a .jsonl, .jsonl.gz or .parquet file (a folder of summaries is local)")
    return FolderSink(Path(path), existing=existing)
