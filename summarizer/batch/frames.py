"""Summarize a batch of rows: what Dask, Ray Data and Spark map over partitions.

Data pipelines keep corpora as tables (Parquet, JSONL) and run their own
engine: Dask's ``map_partitions``, Ray Data's ``map_batches``, Spark's
``mapInPandas``. Each hands a function a batch of rows, as a pandas
DataFrame or an Arrow table, and wants one back. :func:`summarize_batch` is
that function: the input's columns, in order, plus :data:`OUTPUT_COLUMNS`
(``summary`` and ``error``), one output row per input row, in input order,
so no id is ever lost or duplicated. A row whose text is null, not a string,
empty or without words gets ``error`` (why, as a batch record says it) and a
null ``summary``; it never stops the batch. A batch without the text column
is a one-line :class:`~summarizer.errors.InputError`: that is a mistake in
the call, not in a document.

:class:`BatchFunction` is the same with its options bound and validated
when it is made, on the driver: it pickles small (the options only), so it
travels to the workers, and each worker process builds the summarizer for
those options once (:func:`worker_job`, a cache keyed by the options) and
reuses it for every batch. ``functools.partial(summarize_batch, sentences=2)``
travels too; its options are then checked at every batch, on the workers
(a cheap check; the job is still built once per process).

pandas and pyarrow are imported only when a batch of theirs arrives: they are
the ``parquet`` extra, not dependencies of the summarizer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..api import Summarizer
from ..errors import InputError, param
from .io import Document, cell_document
from .jobs import BatchSummarizer, Record

__all__ = ["OUTPUT_COLUMNS", "BatchFunction", "summarize_batch", "worker_job"]

#: The columns a batch gains, in order; each is ``(name, value of a record)``.
OUTPUT: tuple[tuple[str, Callable[[Record], Any]], ...] = (
    ("summary", lambda record: record.get("summary") if record["status"] == "ok" else None),
    ("error", lambda record: record.get("error")),
)
OUTPUT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in OUTPUT)
#: With ``keywords=N``: each row's keyphrases, a list of ``{text, score,
#: occurrences}`` as in a batch record (``None`` for a row in error).
KEYWORDS: tuple[str, Callable[[Record], Any]] = ("keywords", lambda record: record.get("keywords") if record["status"] == "ok" else None)


@functools.lru_cache(maxsize=8)
def worker_job(summarizer: Summarizer, min_sentences: int = 1) -> BatchSummarizer:
    """The job for these options in this process, made at its first batch
    and kept: a worker builds it once, however many batches it runs."""
    return BatchSummarizer(summarizer=summarizer, min_sentences=min_sentences)


@dataclass(frozen=True, init=False)
class BatchFunction:
    """:func:`summarize_batch` with its columns and options bound.

    ``BatchFunction(text="body", sentences=2)`` validates the options now
    (an :class:`~summarizer.errors.InvalidOptionError` naming the option,
    before any worker starts); calling it on a batch returns the batch with
    the summary columns. It pickles as its fields: the options, not a
    summarizer's state.
    """

    #: The column holding each row's text.
    text: str
    #: The column holding each row's id (``None``: the rows have none). It
    #: must exist: a missing one means the batch is not the one meant.
    id: str | None
    #: A text with fewer sentences fails as too short.
    min_sentences: int
    summarizer: Summarizer

    def __init__(self, *, text: str = "text", id: str | None = "id", min_sentences: int = 1, **options: Any) -> None:
        for name, value in (("text", text), ("id", id), ("min_sentences", min_sentences), ("summarizer", Summarizer(**options))):
            object.__setattr__(self, name, value)
        if not isinstance(text, str) or not text:
            raise InputError(f"{param('text')} must be a column name (a non-empty string), got {text!r}")
        if id is not None and (not isinstance(id, str) or not id):
            raise InputError(f"{param('id')} must be a column name or None, got {id!r}")
        BatchSummarizer(summarizer=self.summarizer, min_sentences=min_sentences)  # checks min_sentences

    def __call__(self, batch: Any) -> Any:
        """``batch`` (a pandas DataFrame, a pyarrow Table or RecordBatch) with
        the :data:`OUTPUT_COLUMNS` added; the same kind of object."""
        kind = _kind(batch)
        names = [str(n) for n in batch.columns] if kind == "pandas" else list(batch.schema.names)
        self._check_columns(names)
        job = worker_job(self.summarizer, self.min_sentences)
        ids, texts = _column(batch, kind, self.id), _column(batch, kind, self.text)
        records = [job.record(_document(i, doc_id, text)) for i, (doc_id, text) in enumerate(zip(ids, texts, strict=True))]
        outputs = (*OUTPUT, KEYWORDS) if self.summarizer.keywords else OUTPUT
        return _with_columns(batch, kind, {name: [value(r) for r in records] for name, value in outputs})

    def _check_columns(self, names: Sequence[str]) -> None:
        shown = ", ".join(names) if names else "none"
        for what, name in (("text", self.text), ("id", self.id)):
            if name is not None and name not in names:
                extra = f", or {param('id', None)} if the rows have no id" if what == "id" else ""
                raise InputError(f"the batch has no column {name!r} (its columns: {shown}); name the {what} column with {param(what)}{extra}")
        clash = [n for n in (*OUTPUT_COLUMNS, KEYWORDS[0]) if n in names and (n != KEYWORDS[0] or self.summarizer.keywords)]
        if clash:
            raise InputError(f"the batch already has a column {clash[0]!r}; rename or drop it, the summaries are written there")


def summarize_batch(batch: Any, *, text: str = "text", id: str | None = "id", min_sentences: int = 1, **options: Any) -> Any:
    """Summarize each row of ``batch`` (pandas DataFrame, pyarrow Table or
    RecordBatch): the same kind of object with the input's columns plus
    ``summary`` and ``error``, one row per input row, in order.

    ``text`` and ``id`` name the columns; ``options`` are
    :class:`~summarizer.Summarizer`'s. For an engine, bind them once:
    ``BatchFunction(sentences=2)`` (validated here) or
    ``functools.partial(summarize_batch, sentences=2)``.
    """
    return BatchFunction(text=text, id=id, min_sentences=min_sentences, **options)(batch)


def _kind(batch: Any) -> str:
    module = type(batch).__module__.split(".")[0]
    if module == "pandas" and type(batch).__name__ == "DataFrame":
        return "pandas"
    if module == "pyarrow" and type(batch).__name__ in ("Table", "RecordBatch"):
        return "arrow"
    raise InputError(f"a batch is a pandas DataFrame or a pyarrow Table or RecordBatch, not {type(batch).__module__}.{type(batch).__name__}")


def _column(batch: Any, kind: str, name: str | None) -> list[Any]:
    if name is None:
        return [None] * batch.shape[0] if kind == "pandas" else [None] * batch.num_rows
    if kind == "pandas":
        import pandas as pd

        return [None if _is_missing(v, pd) else v for v in batch[name].tolist()]
    return batch.column(name).to_pylist()


def _is_missing(value: Any, pd: Any) -> bool:
    """pandas' null (None, NaN, NA, NaT) for a scalar; a list or array is a value."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _document(row: int, doc_id: Any, text: Any) -> Document:
    return cell_document(doc_id if doc_id is not None else row, text)


def _arrow_type(name: str, pa: Any) -> Any:
    """A column's Arrow type: text, or (keywords) a list of phrases."""
    if name == KEYWORDS[0]:
        return pa.list_(pa.struct([("text", pa.string()), ("score", pa.float64()), ("occurrences", pa.list_(pa.list_(pa.int64())))]))
    return pa.string()


def _with_columns(batch: Any, kind: str, columns: dict[str, list[Any]]) -> Any:
    if kind == "pandas":
        out = batch.copy(deep=False)
        for name, values in columns.items():
            out[name] = values
        return out
    import pyarrow as pa

    arrays = [pa.array(values, type=_arrow_type(name, pa)) for name, values in columns.items()]
    if isinstance(batch, pa.RecordBatch):
        return pa.RecordBatch.from_arrays([*batch.columns, *arrays], schema=_schema(batch.schema, columns, pa))
    return pa.Table.from_arrays([*batch.columns, *arrays], schema=_schema(batch.schema, columns, pa))


def _schema(schema: Any, columns: dict[str, Any], pa: Any) -> Any:
    out = schema
    for name in columns:
        out = out.append(pa.field(name, _arrow_type(name, pa)))
    return out
