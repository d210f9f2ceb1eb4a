"""Batch summarization as a library: records, sources, sinks, engines, resume."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import Summarizer
from summarizer.batch.engines import InProcessEngine, ProcessPoolEngine
from summarizer.batch.io import Document, FolderSink, FolderSource, JsonlSink, JsonlSource, open_sink, open_source
from summarizer.batch.jobs import BatchReport, BatchSummarizer, run_batch
from summarizer.errors import InputError

from .batch_corpus import BAD_FILES, JOB, ONE_SENTENCE, PINNED, news_texts, read_records, write_folder, write_jsonl


def run_to_jsonl(source_path: Path, out: Path, *, engine: Any = None, existing: Any = "fail", **kw: Any) -> Any:
    with open_sink(out, existing=existing) as sink:
        return run_batch(open_source(source_path), sink, job=kw.pop("job", JOB), engine=engine, **kw)


class StopAfter:
    """An engine that is interrupted (Ctrl-C) after ``n`` chunks."""

    parallelism = 1

    def __init__(self, n: int) -> None:
        self.n = n

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        for i, item in enumerate(items):
            if i == self.n:
                raise KeyboardInterrupt
            yield fn(item)


def test_ok_record_is_the_library_summary() -> None:
    text = news_texts(1)[0]
    record = JOB.record(Document("x", text))
    summary = PINNED.summarize(text)
    assert record["id"] == "x" and record["status"] == "ok" and record["language"] == "ar"
    assert record["summary"] == summary.text
    assert record["selected"] == [
        {"index": s.index, "start": s.start, "end": s.end, "score": s.score, "cut_end": s.cut_end} for s in summary.selected
    ]
    assert record["truncated"] is False
    assert [text[s["start"] : s["end"]] for s in record["selected"]] == summary.text.split("\n")
    assert record["counts"] == summary.counts() and record["counts"]["selected_sentences"] == 2
    assert record["budget"] == summary.budget() and record["warning"] is None
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


def test_a_record_says_when_no_sentence_fits_the_word_budget() -> None:
    """Whole sentences only, none short enough: the summary is empty (never
    over the budget) and the record says why, as the JSON output does."""
    text = news_texts(1)[0]
    record = BatchSummarizer(summarizer=Summarizer(words=2, trim=False)).record(Document("x", text))
    assert record["status"] == "ok" and record["summary"] == "" and record["selected"] == []
    assert record["budget"] == {"words": 2, "used": 0, "exceeded": False, "trimmed": False}
    assert record["warning"].startswith("no whole sentence fits in 2 words")


def test_every_failing_document_is_an_error_record(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", good=3)
    (folder / "short.txt").write_text(ONE_SENTENCE, encoding="utf-8")
    job = BatchSummarizer(summarizer=PINNED, min_sentences=2)
    report = run_to_jsonl(folder, tmp_path / "out.jsonl", job=job)
    records = {r["id"]: r for r in read_records(tmp_path / "out.jsonl")}
    for name, (_, reason) in BAD_FILES.items():
        record = records[name.removesuffix(".txt")]
        assert record["status"] == "error" and reason in record["error"], record
        assert set(record) == {"id", "status", "error"} and "\n" not in record["error"]
    assert records["short"] == {"id": "short", "status": "error", "error": "too short: 1 sentence, fewer than the minimum of 2"}
    assert "encoding='cp1256'" in records["bad-cp1256"]["error"]
    assert [records[f"doc-{i:02d}"]["status"] for i in range(3)] == ["ok"] * 3
    assert (report.total, report.summarized, report.failed, report.skipped) == (9, 3, 6, 0)


def test_an_unexpected_exception_is_a_record_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    original = Summarizer.summarize

    def flaky(self: Summarizer, text: str, **kw: Any) -> Any:
        if "boom" in text:
            raise RuntimeError("something broke")
        return original(self, text, **kw)

    monkeypatch.setattr(Summarizer, "summarize", flaky)
    records = JOB([Document("a", "boom boom. bang."), Document("b", news_texts(1)[0])])
    assert records[0] == {"id": "a", "status": "error", "error": "internal error: RuntimeError: something broke"}
    assert records[1]["status"] == "ok"


def test_the_job_pickles_and_checks_its_options() -> None:
    assert pickle.loads(pickle.dumps(JOB)) == JOB
    with pytest.raises(ValueError, match="min_sentences must be a positive whole number"):
        BatchSummarizer(min_sentences=0)


def test_process_pool_gives_the_same_records_in_input_order(tmp_path: Path) -> None:
    texts = news_texts(24)
    # A long document first: the other worker finishes several short ones meanwhile.
    docs = [("long", "\n".join(texts * 3))] + [(f"n{i:03d}", t) for i, t in enumerate(texts)] + [("empty", ""), (7, "... !!")]
    src = write_jsonl(tmp_path / "in.jsonl", docs)
    run_to_jsonl(src, tmp_path / "one.jsonl", chunk_size=1)
    written: list[Any] = []
    with ProcessPoolEngine(workers=2) as engine:
        report = run_to_jsonl(src, tmp_path / "two.jsonl", engine=engine, chunk_size=1, on_record=lambda r: written.append(r["id"]))
    assert report.summarized == 25 and report.failed == 2
    assert written == [d[0] for d in docs]  # written in input order, not completion order
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert [r["id"] for r in read_records(tmp_path / "two.jsonl")] == [d[0] for d in docs]


@pytest.mark.parametrize("chunk_size", [1, 3, 16])
def test_chunking_does_not_change_the_output(tmp_path: Path, chunk_size: int) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [(str(i), t) for i, t in enumerate(news_texts(7))])
    run_to_jsonl(src, tmp_path / "a.jsonl")
    run_to_jsonl(src, tmp_path / "b.jsonl", chunk_size=chunk_size)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_folder_ids_order_patterns_and_hidden_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for rel in ["b.txt", "a.txt", "sub/c.txt", ".hidden.txt", ".git/d.txt", "notes.md", "z.tar.txt"]:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text("نص قصير. جملة ثانية.", encoding="utf-8")
    assert [e.id for e in FolderSource(folder).entries] == ["a", "b", "z.tar"]
    assert [e.id for e in FolderSource(folder, pattern="**/*.txt").entries] == ["a", "b", "sub/c", "z.tar"]
    (folder / "a.md").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.md and .*a\.txt both give the id 'a'; rename one or narrow pattern"):
        FolderSource(folder, pattern="*")
    with pytest.raises(InputError, match="has no files matching '\\*.rst'"):
        FolderSource(folder, pattern="*.rst")
    with pytest.raises(InputError, match="no such folder"):
        open_source(tmp_path / "missing")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"\n', r"line 2 is not valid JSON \("),
        (b'{"id": "a", "text": "x"}\n\n["a", "x"]\n', r"line 3 is not a JSON object"),
        (b'{"text": "x"}\n', r'line 1 has no "id"'),
        (b'{"id": "a", "body": "x"}\n', r'line 1 has no "text"'),
        (b'{"id": true, "text": "x"}\n', r'line 1: "id" must be a non-empty string or an integer, got true'),
        (b'{"id": 1.5, "text": "x"}\n', r'line 1: "id" must be .* got 1.5'),
        (b'{"id": "", "text": "x"}\n', r'line 1: "id" must be .* got ""'),
        (b'{"id": "a", "text": null}\n', r'line 1: "text" must be a string, got null'),
        (b'{"id": "a", "text": ["x"]}\n', r'line 1: "text" must be a string, got list'),
        (b'{"id": 1, "text": "x"}\n{"id": "2", "text": "y"}\n{"id": "1", "text": "z"}\n', r"line 3: duplicate id '1' \(first on line 1\)"),
        (b'{"id": "a", "text": "\xd0\xe5"}\n', r"line 1 is not valid utf-8"),
        (b"\n  \n", r"has no records"),
    ],
)
def test_bad_jsonl_lines_name_the_file_and_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        JsonlSource(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_jsonl_ids_may_be_integers_and_extra_fields_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 3, "text": "a", "title": "t"}\n\n{"id": "x", "text": ""}\n', encoding="utf-8")
    source = JsonlSource(path)
    assert [(e.id, e.where) for e in source.entries] == [(3, f"{path} line 1"), ("x", f"{path} line 3")]
    assert list(source) == [Document(3, "a"), Document("x", "")]


def test_an_interrupted_run_resumes_to_the_same_output(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [(f"d{i}", t) for i, t in enumerate(news_texts(9))])
    run_to_jsonl(src, tmp_path / "clean.jsonl")
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_to_jsonl(src, out, engine=StopAfter(2), chunk_size=2)
    partial = tmp_path / "out.jsonl.partial"
    assert not out.exists() and [r["id"] for r in read_records(partial)] == ["d0", "d1", "d2", "d3"]
    with pytest.raises(InputError, match="holds an interrupted run; use existing='resume' to continue it or existing='overwrite'"):
        JsonlSink(out)
    report = run_to_jsonl(src, out, existing="resume")
    assert (report.skipped, report.summarized) == (4, 5)
    assert out.read_bytes() == (tmp_path / "clean.jsonl").read_bytes() and not partial.exists()


def test_a_torn_last_line_is_dropped_and_redone(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [(f"d{i}", t) for i, t in enumerate(news_texts(4))])
    run_to_jsonl(src, tmp_path / "clean.jsonl")
    lines = (tmp_path / "clean.jsonl").read_bytes().splitlines(keepends=True)
    (tmp_path / "out.jsonl.partial").write_bytes(lines[0] + lines[1][: len(lines[1]) // 2])
    report = run_to_jsonl(src, tmp_path / "out.jsonl", existing="resume")
    assert (report.skipped, report.summarized) == (1, 3)
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "clean.jsonl").read_bytes()


def test_resume_restores_input_order_and_keeps_unknown_ids(tmp_path: Path) -> None:
    texts = news_texts(5)
    run_to_jsonl(write_jsonl(tmp_path / "rev.jsonl", [(f"d{i}", texts[i]) for i in (4, 2, 0)] + [("old", texts[1])]), tmp_path / "out.jsonl")
    src = write_jsonl(tmp_path / "in.jsonl", [(f"d{i}", t) for i, t in enumerate(texts)])
    report = run_to_jsonl(src, tmp_path / "out.jsonl", existing="resume")
    assert (report.skipped, report.summarized) == (3, 2)
    assert [r["id"] for r in read_records(tmp_path / "out.jsonl")] == ["d0", "d1", "d2", "d3", "d4", "old"]
    run_to_jsonl(src, tmp_path / "clean.jsonl")
    assert read_records(tmp_path / "out.jsonl")[:5] == read_records(tmp_path / "clean.jsonl")


def test_resume_of_a_complete_output_adds_only_new_documents(tmp_path: Path) -> None:
    texts = news_texts(4)
    run_to_jsonl(write_jsonl(tmp_path / "a.jsonl", [("d0", texts[0]), ("d1", texts[1])]), tmp_path / "out.jsonl")
    first = (tmp_path / "out.jsonl").read_bytes()
    report = run_to_jsonl(write_jsonl(tmp_path / "b.jsonl", [(f"d{i}", t) for i, t in enumerate(texts)]), tmp_path / "out.jsonl", existing="resume")
    assert (report.skipped, report.summarized) == (2, 2)
    assert (tmp_path / "out.jsonl").read_bytes().startswith(first)
    assert [r["id"] for r in read_records(tmp_path / "out.jsonl")] == ["d0", "d1", "d2", "d3"]


def test_existing_outputs_need_force_and_garbage_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    with pytest.raises(InputError, match="already exists; use existing='overwrite' to overwrite it or existing='resume'"):
        JsonlSink(out)
    with pytest.raises(InputError, match=r"out\.jsonl\.partial line 1 is not a summarize-batch record"):
        JsonlSink(out, existing="resume")
    assert out.read_text(encoding="utf-8") == "precious\n"
    (tmp_path / "out.jsonl.partial").unlink()
    src = write_jsonl(tmp_path / "in.jsonl", [("a", news_texts(1)[0])])
    run_to_jsonl(src, out, existing="overwrite")
    assert [r["id"] for r in read_records(out)] == ["a"]


def test_a_run_that_stops_before_writing_leaves_no_files(tmp_path: Path) -> None:
    JsonlSink(tmp_path / "out.jsonl").close()
    FolderSink(tmp_path / "summaries").close()
    assert list(tmp_path.iterdir()) == []


def test_folder_sink_writes_summaries_and_errors_and_resumes(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [("news/a", news_texts(1)[0]), ("b", "")])
    out = tmp_path / "summaries"
    run_to_jsonl(src, out)
    assert (out / "news" / "a.summary.txt").read_text(encoding="utf-8") == PINNED.summarize(news_texts(1)[0]).text + "\n"
    assert (out / "b.error.txt").read_text(encoding="utf-8") == "empty document\n"
    with pytest.raises(InputError, match="is not empty; use existing='overwrite'"):
        FolderSink(out)
    assert run_to_jsonl(src, out, existing="resume").skipped == 2
    fixed = write_jsonl(tmp_path / "fixed.jsonl", [("news/a", news_texts(1)[0]), ("b", news_texts(2)[1])])
    run_to_jsonl(fixed, out, existing="overwrite")
    assert (out / "b.summary.txt").exists() and not (out / "b.error.txt").exists()


@pytest.mark.parametrize("bad_id", ["../up", "/abs", "a//b", ".hidden", "a/./b", "back\\slash"])
def test_folder_output_refuses_ids_that_are_not_safe_file_names(tmp_path: Path, bad_id: str) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [("ok", "نص. نص."), (bad_id, "نص. نص.")])
    with pytest.raises(InputError, match=r"in\.jsonl line 2: id .* cannot name a file in the output folder"):
        run_to_jsonl(src, tmp_path / "out")
    assert not (tmp_path / "out").exists() and not (tmp_path / "up.summary.txt").exists()


def test_in_process_engine_is_the_default(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [("a", news_texts(1)[0])])
    with open_sink(tmp_path / "o.jsonl") as sink:
        report = run_batch(open_source(src), sink, job=JOB)
    with open_sink(tmp_path / "p.jsonl") as sink, InProcessEngine() as engine:
        run_batch(open_source(src), sink, job=JOB, engine=engine)
    assert (report.total, report.summarized, report.failed, report.skipped) == (1, 1, 0, 0)
    assert (tmp_path / "o.jsonl").read_bytes() == (tmp_path / "p.jsonl").read_bytes()


def test_rate_counts_processed_documents_per_second() -> None:
    """The rate comes from the report's own counts and time (injected here),
    skipped documents excluded; no time at all is no rate, not a division by zero."""
    assert BatchReport(total=10, summarized=6, failed=2, skipped=2, seconds=4.0).rate == 2.0
    assert BatchReport(total=3, summarized=0, failed=3, skipped=0, seconds=0.5).rate == 6.0
    assert BatchReport(total=4, summarized=0, failed=0, skipped=4, seconds=0.25).rate == 0.0
    assert BatchReport(total=1, summarized=1, failed=0, skipped=0, seconds=0.0).rate == 0.0
