"""Summarizing corpora: many documents in, one record each out.

- :mod:`.jobs`: what happens to one document (:class:`~.jobs.BatchSummarizer`)
  and the run over a source into a sink (:func:`~.jobs.run_batch`);
- :mod:`.io`: sources (a folder of text files, a JSONL file) and sinks (a
  JSONL file of records, a folder of summaries), locked, resumable, never
  overwriting without being asked;
- :mod:`.engines`: where the work runs (this process, a local process pool,
  Dask);
- :mod:`.frames`: :func:`~.frames.summarize_batch`, a batch of rows (pandas,
  Arrow) in and out, for Dask, Ray Data or Spark to map over partitions.
"""

from .frames import BatchFunction, summarize_batch
from .jobs import BatchReport, BatchSummarizer, Record, run_batch

__all__ = ["BatchFunction", "BatchReport", "BatchSummarizer", "Record", "run_batch", "summarize_batch"]
