"""Where a batch's bytes live and how its records are encoded: paths and URLs,
plain JSONL, gzipped JSONL and Parquet.

A location is a local path or an fsspec URL (``file://``, ``s3://`` with the
``s3`` extra, ``gs://`` with ``gcs``; any scheme fsspec knows): opened as a
stream, never read whole. Every failure is one line (:class:`InputError`):
a scheme whose package is not installed (which extra to install), a file or
bucket that cannot be reached, a gzip or Parquet file that is corrupt or
truncated (only found while reading: a gzip stream has no index).

A batch's records are written as JSON lines first (append-only, resumable,
see :mod:`.io`); :func:`encode_records` turns those lines into the output's format
at the end, streaming: a ``.jsonl.gz`` output is gzip of the same bytes
(no name and no time in its header, so a run's output is the same bytes
however often it is made), a ``.parquet`` output has one row per record in
:data:`RECORD_SCHEMA_FIELDS`, written a row group at a time. :func:`decode_records` turns
an output back into the lines (resuming a finished output).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal

from ..errors import InputError
from ..result import Page
from ..strictjson import dumps

__all__ = [
    "FORMATS",
    "PARQUET_INSTALL",
    "RECORD_SCHEMA_FIELDS",
    "ROW_GROUP",
    "Format",
    "decode_records",
    "encode_records",
    "check_writable",
    "exists",
    "format_of",
    "gzip_lines",
    "is_url",
    "open_read",
    "open_write",
    "parquet_file",
    "read_failure",
]

Format = Literal["jsonl", "jsonl.gz", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "jsonl.gz", "parquet")
PARQUET_INSTALL = 'pip install "arabic-textrank-summarizer[parquet]"'
#: Which extra brings each scheme's fsspec package.
_EXTRAS = {"s3": ("s3fs", "s3"), "s3a": ("s3fs", "s3"), "gs": ("gcsfs", "gcs"), "gcs": ("gcsfs", "gcs")}
#: Records per Parquet row group (and per batch read back).
ROW_GROUP = 2048
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(location: str | Path) -> bool:
    """Whether ``location`` is a URL (``scheme://…``; a Windows drive is not)."""
    return isinstance(location, str) and bool(_URL.match(location))


def format_of(location: str | Path) -> Format | None:
    """The records' format a name asks for, by its ending; ``None``: a folder or unknown."""
    name = str(location).lower().rstrip("/")
    if name.endswith(".jsonl.gz"):
        return "jsonl.gz"
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    return None


def _filesystem(url: str) -> tuple[Any, str]:
    """fsspec's file system for ``url`` and the path within it."""
    scheme = url.split("://", 1)[0].lower()
    try:
        import fsspec
    except ImportError:
        raise InputError(f"{url}: a URL needs fsspec, which is not installed: {PARQUET_INSTALL}") from None
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError:
        package, extra = _EXTRAS.get(scheme, (f"the fsspec package for {scheme}://", ""))
        how = f'pip install "arabic-textrank-summarizer[{extra}]"' if extra else f"install {package}"
        raise InputError(f"{url}: {scheme}:// needs {package}, which is not installed: {how}") from None
    except ValueError as exc:
        raise InputError(f"{url}: unknown URL scheme {scheme}:// ({exc}); give a local path or an fsspec URL such as s3://bucket/key") from None


def read_failure(location: str | Path, exc: BaseException) -> InputError:
    """A failure to reach ``location`` as one line (a missing file, an
    unreachable bucket, refused credentials: whatever the file system said)."""
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, FileNotFoundError) and not exc.strerror:
        return InputError(f"no such file: {location}; check the path")
    if isinstance(exc, PermissionError):
        return InputError(f"cannot read {location}: permission denied ({_first_line(exc)}); check the credentials")
    if isinstance(exc, OSError) and exc.strerror:
        return InputError(f"cannot read {location}: {exc.strerror}")
    return InputError(f"cannot read {location}: {type(exc).__name__}: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def open_read(location: str | Path) -> IO[bytes]:
    """A binary stream of ``location`` (a path or a URL)."""
    try:
        if not is_url(location):
            return Path(location).open("rb")
        fs, path = _filesystem(str(location))
        return fs.open(path, "rb")
    except Exception as exc:  # each file system raises its own kinds: all become one line
        raise read_failure(location, exc) from None


def open_write(location: str) -> IO[bytes]:
    """A binary stream writing the URL ``location`` (its object appears when closed)."""
    fs, path = _filesystem(location)
    return fs.open(path, "wb")


def check_writable(location: str) -> None:
    """Refuse, before any work, a URL output whose bucket (or, for
    ``file://``, folder) does not exist or cannot be reached."""
    import posixpath

    fs, path = _filesystem(location)
    local = "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))
    root = posixpath.dirname(path) if local else path.split("/", 1)[0]
    try:  # info, not exists: exists says False for an endpoint it cannot reach
        fs.info(root)
        found = True
    except FileNotFoundError:
        found = False
    except Exception as exc:
        raise InputError(f"cannot write {location}: {type(exc).__name__}: {_first_line(exc)}") from None
    if not found:
        what = "folder" if local else "bucket"
        raise InputError(f"cannot write {location}: the {what} {root} does not exist; create it first")


def exists(location: str) -> bool:
    """Whether the URL ``location`` names an existing object."""
    fs, path = _filesystem(location)
    try:
        return bool(fs.exists(path))
    except Exception as exc:
        raise read_failure(location, exc) from None


# -- reading ------------------------------------------------------------------


def gzip_lines(f: IO[bytes], where: str) -> Iterator[bytes]:
    """The lines of the gzip stream ``f``; a corrupt or truncated stream is
    one line naming ``where`` (found where it breaks: gzip has no index)."""
    reader = gzip.GzipFile(fileobj=f, mode="rb")
    try:
        yield from reader
    except (gzip.BadGzipFile, EOFError, zlib.error, OSError) as exc:
        what = "is truncated" if isinstance(exc, EOFError) else f"is not a valid gzip file ({_first_line(exc)})"
        raise InputError(f"{where} {what}; check the file, or give it uncompressed") from None


def parquet_file(f: IO[bytes], where: str) -> Any:
    """``pyarrow.parquet.ParquetFile`` over ``f``; a corrupt or truncated
    file (no valid footer) is one line."""
    pq = _pyarrow_parquet()
    try:
        return pq.ParquetFile(f)
    except Exception as exc:  # ArrowInvalid, OSError: what pyarrow says of a broken footer
        raise InputError(f"{where} is not a valid Parquet file ({_first_line(exc)}); check that it is complete") from None


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"Parquet needs pyarrow, which is not installed: {PARQUET_INSTALL}") from None
    return pq


# -- records in other formats -------------------------------------------------

#: The records' columns in Parquet, in record order: an ok record fills
#: them all but ``error`` (and ``page``, a web page's only); an error record
#: has ``id``, ``status``, ``error``.
#: A new field of a record needs its type here (:func:`encode_records` refuses an unknown one).
RECORD_SCHEMA_FIELDS: tuple[str, ...] = (
    "id", "status", "language", "summary", "selected", "truncated", "counts", "budget", "warning", "keywords", "page", "error",
)
#: Columns an ok record has only when they are set (keywords: when asked for).
_OPTIONAL = ("keywords", "page")


def _schema(id_type: Any) -> Any:
    import pyarrow as pa

    selected = pa.struct([("index", pa.int64()), ("start", pa.int64()), ("end", pa.int64()), ("score", pa.float64()), ("cut_end", pa.int64())])
    counts = pa.struct([(n, pa.int64()) for n in (
        "sentences", "distinct_sentences", "headings", "duplicates", "words", "selected_sentences", "selected_words")])
    budget = pa.struct([("words", pa.int64()), ("used", pa.int64()), ("exceeded", pa.bool_()), ("trimmed", pa.bool_())])
    page = pa.struct([(f.name, pa.string()) for f in dataclasses.fields(Page)])  # every field a string
    keyword = pa.struct([("text", pa.string()), ("score", pa.float64()), ("occurrences", pa.list_(pa.list_(pa.int64())))])
    types = {
        "id": id_type, "status": pa.string(), "language": pa.string(), "summary": pa.string(), "selected": pa.list_(selected),
        "truncated": pa.bool_(), "counts": counts, "budget": budget, "warning": pa.string(), "keywords": pa.list_(keyword), "page": page,
        "error": pa.string(),
    }
    return pa.schema([(name, types[name]) for name in RECORD_SCHEMA_FIELDS])


def encode_records(fmt: Format, lines: Path, out: IO[bytes]) -> None:
    """Write the JSON-lines file ``lines`` to ``out`` in ``fmt``, streaming."""
    if fmt == "jsonl":
        with lines.open("rb") as f:
            while chunk := f.read(1 << 20):
                out.write(chunk)
    elif fmt == "jsonl.gz":
        with lines.open("rb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as z:
            while chunk := f.read(1 << 20):
                z.write(chunk)
    else:
        _encode_parquet(lines, out)


def _records(lines: Path) -> Iterator[dict[str, Any]]:
    with lines.open("rb") as f:
        for line in f:
            yield json.loads(line)


def _encode_parquet(lines: Path, out: IO[bytes]) -> None:
    import pyarrow as pa

    pq = _pyarrow_parquet()
    ids_are_ints = all(isinstance(r["id"], int) for r in _records(lines))
    schema = _schema(pa.int64() if ids_are_ints else pa.string())
    with pq.ParquetWriter(out, schema) as writer:
        records = _records(lines)
        while chunk := list(islice(records, ROW_GROUP)):
            for record in chunk:
                unknown = set(record) - set(RECORD_SCHEMA_FIELDS)
                if unknown:
                    raise RuntimeError(f"record fields without a Parquet type: {sorted(unknown)} (add them to RECORD_SCHEMA_FIELDS)")
                if not ids_are_ints:
                    record["id"] = str(record["id"])
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))


def decode_records(fmt: Format, f: IO[bytes], where: str) -> Iterable[bytes]:
    """The JSON lines of an output written by :func:`encode_records`."""
    if fmt == "jsonl":
        return f
    if fmt == "jsonl.gz":
        return gzip_lines(f, where)
    return _decode_parquet(f, where)


def _decode_parquet(f: IO[bytes], where: str) -> Iterator[bytes]:
    table = parquet_file(f, where)
    if list(table.schema_arrow.names) != list(RECORD_SCHEMA_FIELDS):
        raise InputError(f"{where} is not a summarize-batch output (its columns: {', '.join(table.schema_arrow.names)})")
    for batch in table.iter_batches(batch_size=ROW_GROUP):
        for row in batch.to_pylist():
            if row["status"] != "ok":
                record = {k: row[k] for k in ("id", "status", "error")}
            else:
                record = {k: v for k, v in row.items() if k != "error" and not (k in _OPTIONAL and v is None)}
            yield (dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
