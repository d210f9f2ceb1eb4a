"""Summarize many documents: one record per document, in input order.

A record is a plain dict, the same whichever engine computed it:

- ``{"id", "status": "ok", "language", "summary", "selected": [{"index",
  "start", "end", "score", "cut_end"}, …], "truncated", "counts", "budget", "warning"}`` —
  ``summary`` is the selected sentences one per line; ``selected`` gives each one's sentence
  index, character offsets in the document and PageRank score; ``budget`` and ``warning`` are
  :meth:`~summarizer.result.Summary.budget` and the summary's warning (an empty summary: no
  sentence fits the word budget).
- ``{"id", "status": "error", "error"}`` — the document is empty, could not
  be read or decoded, has no words, or is shorter than ``min_sentences``.
  A failing document never stops the run.

:class:`BatchSummarizer` (what the workers run) is a frozen, picklable
dataclass; :func:`run_batch` streams a source through an engine into a sink.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..api import Summarizer
from ..errors import EmptyDocumentError, NonFiniteNumberError, SummarizerError
from ..strictjson import check_finite
from ..validate import Count, check
from ..web import summarize_input
from .engines import Engine, InProcessEngine
from .io import Document, Sink, Source, id_key

__all__ = ["BatchReport", "BatchSummarizer", "run_batch"]

Record = dict[str, Any]
#: Largest number of documents sent to a worker at once.
MAX_CHUNK = 16


@dataclass(frozen=True, kw_only=True)
class BatchSummarizer:
    """Turns documents into records; never raises for a bad document."""

    summarizer: Summarizer = field(default_factory=Summarizer)
    #: A document with fewer sentences fails as "too short".
    min_sentences: int = 1

    def __post_init__(self) -> None:
        check("min_sentences", self.min_sentences, Count())

    def record(self, doc: Document) -> Record:
        """The record of one document: its summary, or why it has none."""
        if doc.error is not None or doc.text is None:
            return _error(doc, doc.error or "no text")
        if not doc.text.strip():
            return _error(doc, "empty document")
        try:  # a web page (told by its content) is read as its article
            summary, _ = summarize_input(self.summarizer, doc.text, input_format="html" if doc.html else "auto", source=str(doc.id))
        except EmptyDocumentError as exc:
            return _error(doc, f"no words: {exc}")
        except SummarizerError as exc:  # not a page, no article, a language without rules
            return _error(doc, str(exc))
        except Exception as exc:  # a bug must not sink a whole archive; the record says what happened
            return _error(doc, f"internal error: {type(exc).__name__}: {exc}")
        if len(summary.sentences) < self.min_sentences:
            n = len(summary.sentences)
            return _error(doc, f"too short: {n} sentence{'s' if n != 1 else ''}, fewer than the minimum of {self.min_sentences}")
        record = {
            "id": doc.id,
            "status": "ok",
            "language": summary.language,
            "summary": summary.text,
            "selected": [
                {"index": s.index, "start": s.start, "end": s.end, "score": s.score, "cut_end": s.cut_end}
                for s in summary.selected
            ],
            "truncated": summary.truncated,
            "counts": summary.counts(),
            "budget": summary.budget(),
            "warning": summary.warning,
            # A page's article text (what the offsets point into) and metadata.
            **({"page": summary.page.to_dict()} if summary.page is not None else {}),
        }
        try:  # the sink writes JSON: a NaN (a bug) fails this document, not the run
            check_finite(record)
        except NonFiniteNumberError as exc:
            return _error(doc, f"internal error: {exc}")
        return record

    def __call__(self, chunk: Sequence[Document]) -> list[Record]:
        """The records of a chunk of documents, in order (what a worker runs)."""
        return [self.record(doc) for doc in chunk]


def _error(doc: Document, reason: str) -> Record:
    return {"id": doc.id, "status": "error", "error": reason}


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a run did: counts and time."""

    total: int
    summarized: int
    failed: int
    #: Documents already in the output (``existing="resume"``), not run again.
    skipped: int
    seconds: float
    #: Of the ``skipped``, those whose record is an error: the output holds
    #: failures as a fresh run's would, though this run made none of them.
    failed_earlier: int = 0

    @property
    def rate(self) -> float:
        """Documents processed per second (skipped ones excluded)."""
        done = self.summarized + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0


def run_batch(
    source: Source,
    sink: Sink,
    *,
    job: BatchSummarizer | None = None,
    engine: Engine | None = None,
    chunk_size: int | None = None,
    on_record: Callable[[Record], None] | None = None,
) -> BatchReport:
    """Summarize every document of ``source`` that ``sink`` lacks, in input order.

    ``engine`` must already be entered (``with engine:``); ``on_record`` is
    called for each record as it is written (e.g. to advance a progress
    bar). The sink is finished (renamed into place) only if the whole run
    succeeds; otherwise it keeps what was written for a resumed run.
    """
    job = job or BatchSummarizer()
    engine = engine or InProcessEngine()
    order = [id_key(e.id) for e in source.entries]
    sink.check(source.entries)
    skipped = sum(k in sink.done for k in order)
    failed_earlier = sum(k in sink.failed for k in order)
    todo = len(order) - skipped
    size = chunk_size or max(1, min(MAX_CHUNK, todo // (4 * max(1, engine.parallelism))))
    started = time.perf_counter()
    summarized = failed = 0
    pending = (doc for doc in source if id_key(doc.id) not in sink.done)
    for records in engine.map(job, _chunks(pending, size)):
        for record in records:
            sink.write(record)
            if record["status"] == "ok":
                summarized += 1
            else:
                failed += 1
            if on_record is not None:
                on_record(record)
    sink.finish(order)
    return BatchReport(
        total=len(order), summarized=summarized, failed=failed, skipped=skipped, seconds=time.perf_counter() - started,
        failed_earlier=failed_earlier,
    )


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
