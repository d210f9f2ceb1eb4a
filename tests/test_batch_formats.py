"""summarize-batch on Parquet, gzipped JSONL and object storage: the records a local JSONL run gives.

S3 is moto's server on a loopback port this module starts (never the internet); outputs
written there are compared byte for byte with the same run written locally.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from summarizer import Summarizer
from summarizer.batch.formats import RECORD_SCHEMA_FIELDS
from summarizer.batch.io import open_sink, open_source
from summarizer.batch.jobs import BatchSummarizer, run_batch
from summarizer.errors import InputError

from .batch_corpus import JOB, PIN, news_texts, read_records, run, write_jsonl

DOCS: list[tuple[Any, str]] = [(f"d{i}", t) for i, t in enumerate(news_texts(8))] + [("empty", ""), ("punct", "!!! ...")]


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """URL outputs are built under $XDG_CACHE_HOME: a temporary one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def write_parquet(path: Path, docs: list[tuple[Any, Any]], *, row_group_size: int = 3, **extra: list[Any]) -> Path:
    pq.write_table(pa.table({"id": [d for d, _ in docs], "text": [t for _, t in docs], **extra}), path, row_group_size=row_group_size)
    return path


def write_gz(path: Path, docs: list[tuple[Any, str]]) -> Path:
    plain = write_jsonl(path.with_suffix(""), docs)
    path.write_bytes(gzip.compress(plain.read_bytes()))
    plain.unlink()
    return path


@pytest.fixture
def reference(tmp_path: Path) -> Path:
    """The local JSONL run every other format must match."""
    out = tmp_path / "reference.jsonl"
    with open_sink(out) as sink:
        run_batch(open_source(write_jsonl(tmp_path / "in.jsonl", DOCS)), sink, job=JOB)
    return out


def summarize(source: Path | str, out: Path | str, **kw: Any) -> None:
    with open_sink(out, **kw) as sink:
        run_batch(open_source(source), sink, job=JOB)


def parquet_records(path: Path) -> list[dict[str, Any]]:
    """A Parquet output's rows as records (an error record has id, status and error only)."""
    rows = pq.read_table(path).to_pylist()
    return [
        {k: r[k] for k in ("id", "status", "error")} if r["status"] != "ok" else {k: v for k, v in r.items() if k != "error" and not (k in ("keywords", "page") and v is None)}
        for r in rows
    ]


def test_parquet_and_gzip_inputs_give_the_records_of_jsonl(tmp_path: Path, reference: Path) -> None:
    summarize(write_parquet(tmp_path / "in.parquet", DOCS), tmp_path / "from-parquet.jsonl")
    summarize(write_gz(tmp_path / "in.jsonl.gz", DOCS), tmp_path / "from-gz.jsonl")
    assert (tmp_path / "from-parquet.jsonl").read_bytes() == reference.read_bytes()
    assert (tmp_path / "from-gz.jsonl").read_bytes() == reference.read_bytes()


def test_gzip_output_is_the_jsonl_bytes_compressed_the_same_every_time(tmp_path: Path, reference: Path) -> None:
    summarize(tmp_path / "in.jsonl", tmp_path / "a.jsonl.gz")
    summarize(tmp_path / "in.jsonl", tmp_path / "b.jsonl.gz")
    assert gzip.decompress((tmp_path / "a.jsonl.gz").read_bytes()) == reference.read_bytes()
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob("*.tmp"))


def test_parquet_output_holds_the_records_and_round_trips(tmp_path: Path, reference: Path) -> None:
    summarize(tmp_path / "in.jsonl", tmp_path / "out.parquet")
    assert pq.read_schema(tmp_path / "out.parquet").names == list(RECORD_SCHEMA_FIELDS)
    assert parquet_records(tmp_path / "out.parquet") == read_records(reference)
    summarize(tmp_path / "in.jsonl", tmp_path / "twice.parquet")
    assert (tmp_path / "out.parquet").read_bytes() == (tmp_path / "twice.parquet").read_bytes()


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl.gz"])
def test_resume_of_a_finished_output_adds_only_the_new_documents(tmp_path: Path, suffix: str) -> None:
    summarize(write_jsonl(tmp_path / "few.jsonl", DOCS[:4]), tmp_path / f"out{suffix}")
    summarize(write_jsonl(tmp_path / "all.jsonl", DOCS), tmp_path / f"out{suffix}", existing="resume")
    summarize(tmp_path / "all.jsonl", tmp_path / f"clean{suffix}")
    assert (tmp_path / f"out{suffix}").read_bytes() == (tmp_path / f"clean{suffix}").read_bytes()


def test_an_interrupted_parquet_run_resumes_to_the_same_bytes(tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "in.parquet", DOCS)
    summarize(source, tmp_path / "clean.parquet")

    class Stop:
        parallelism = 1

        def map(self, fn: Any, items: Any) -> Iterator[Any]:
            for i, item in enumerate(items):
                if i == 4:
                    raise KeyboardInterrupt
                yield fn(item)

    with pytest.raises(KeyboardInterrupt), open_sink(tmp_path / "out.parquet") as sink:
        run_batch(open_source(source), sink, job=JOB, engine=Stop(), chunk_size=1)  # type: ignore[arg-type]
    assert not (tmp_path / "out.parquet").exists() and (tmp_path / "out.parquet.partial").exists()
    summarize(source, tmp_path / "out.parquet", existing="resume")
    assert (tmp_path / "out.parquet").read_bytes() == (tmp_path / "clean.parquet").read_bytes()


def test_parquet_rows_with_null_or_non_string_text_are_error_records(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [1, 2, 3], "text": pa.array([DOCS[0][1], None, DOCS[1][1]])}), path)
    summarize(path, tmp_path / "out.jsonl")
    records = read_records(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == [1, 2, 3]
    assert [r["status"] for r in records] == ["ok", "error", "ok"] and records[1]["error"] == "no text (null)"
    pq.write_table(pa.table({"id": ["a"], "text": [7]}), path)
    summarize(path, tmp_path / "ints.jsonl")
    assert read_records(tmp_path / "ints.jsonl") == [{"id": "a", "status": "error", "error": "the text is int, not a string"}]


def test_a_parquet_html_column_gives_the_records_of_jsonl_web_pages(tmp_path: Path) -> None:
    """Web pages in Parquet, as in JSONL: an ``html`` column (alone, or
    beside ``text`` with one of the two set on each row)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in DOCS[0][1].splitlines() if p.strip())
    page = f"<html><head><title>خبر</title></head><body><article>{paragraphs}</article></body></html>"
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ({"id": "page", "html": page}, {"id": "t", "text": DOCS[1][1]})) + "\n", encoding="utf-8")
    summarize(jsonl, tmp_path / "expected.jsonl")
    expected = read_records(tmp_path / "expected.jsonl")
    assert expected[0]["status"] == "ok" and expected[0]["page"]["title"] == "خبر"
    pq.write_table(pa.table({"id": ["page"], "html": [page]}), tmp_path / "pages.parquet")
    summarize(tmp_path / "pages.parquet", tmp_path / "pages.jsonl")
    assert read_records(tmp_path / "pages.jsonl") == expected[:1]
    both = pa.table({"id": ["page", "t", "two", "none"], "text": [None, DOCS[1][1], "x", None], "html": [page, None, page, None]})
    pq.write_table(both, tmp_path / "both.parquet")
    summarize(tmp_path / "both.parquet", tmp_path / "both.jsonl")
    records = read_records(tmp_path / "both.jsonl")
    assert records[:2] == expected
    assert [(r["id"], r.get("error")) for r in records[2:]] == [
        ("two", "both text and html are set; give one of them"),
        ("none", "no text or html (null)"),
    ]
    pq.write_table(pa.table({"id": ["int"], "html": [5]}), tmp_path / "ints.parquet")
    summarize(tmp_path / "ints.parquet", tmp_path / "ints.jsonl")
    assert read_records(tmp_path / "ints.jsonl") == [{"id": "int", "status": "error", "error": "the html is int, not a string"}]


def broken(tmp_path: Path, name: str) -> Path:
    good_parquet = write_parquet(tmp_path / "good.parquet", DOCS)
    good_gz = write_gz(tmp_path / "good.jsonl.gz", DOCS)
    path = tmp_path / name
    if name == "no-text.parquet":
        pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), path)
    elif name == "truncated.parquet":
        path.write_bytes(good_parquet.read_bytes()[:-100])
    elif name == "garbage.parquet":
        path.write_bytes(b"PAR1 this is not parquet at all" * 10)
    elif name == "truncated.jsonl.gz":
        path.write_bytes(good_gz.read_bytes()[:-200])
    elif name == "garbage.jsonl.gz":
        path.write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate" * 20)
    elif name == "duplicate.parquet":
        write_parquet(path, [("a", "x"), ("b", "y"), ("a", "z")])
    return path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no-text.parquet", r"no-text\.parquet has no column 'text' \(its columns: id, body\); it needs an id and a text column \(or html for web pages\)"),
        ("truncated.parquet", r"truncated\.parquet is not a valid Parquet file \(.+\); check that it is complete"),
        ("garbage.parquet", r"garbage\.parquet is not a valid Parquet file \(.+\); check that it is complete"),
        ("truncated.jsonl.gz", r"truncated\.jsonl\.gz is truncated; check the file, or give it uncompressed"),
        ("garbage.jsonl.gz", r"garbage\.jsonl\.gz is not a valid gzip file \(.+\); check the file"),
        ("duplicate.parquet", r"duplicate\.parquet row 3: duplicate id 'a' \(first on row 1\); ids must be unique"),
    ],
)
def test_a_broken_input_is_one_line_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str) -> None:
    path = broken(tmp_path, name)
    code, out, err = run([path, "-o", tmp_path / "out.jsonl", *PIN], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("summarize-batch: error: "), err
    assert re.search(message, err), err
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "out.jsonl.partial").exists()


def test_a_scheme_whose_package_is_missing_says_which_extra(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gcsfs", None)  # as if not installed
    code, _, err = run(["gs://bucket/in.parquet", "-o", tmp_path / "out.jsonl", *PIN], capsys)
    assert code == 1
    assert err == 'summarize-batch: error: gs://bucket/in.parquet: gs:// needs gcsfs, which is not installed: pip install "arabic-textrank-summarizer[gcs]"\n'


def test_file_urls_work_like_paths(tmp_path: Path, reference: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_parquet(tmp_path / "in.parquet", DOCS)
    code, out, err = run([f"file://{source}", "-o", f"file://{tmp_path}/out.jsonl.gz", "--sentences", "2", "--language", "ar", "--no-progress"], capsys)
    assert code == 3 and err == "", err
    assert gzip.decompress((tmp_path / "out.jsonl.gz").read_bytes()) == reference.read_bytes()


def test_cli_parquet_to_parquet_matches_jsonl(tmp_path: Path, reference: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_parquet(tmp_path / "in.parquet", DOCS)
    code, out, err = run([source, "-o", tmp_path / "out.parquet", *PIN], capsys)
    assert code == 3 and err == "" and "10 documents: 8 summarized, 2 failed" in out and "the error records say why" in out
    assert parquet_records(tmp_path / "out.parquet") == read_records(reference)
    code, _, err = run([source, "-o", tmp_path / "out.parquet", *PIN], capsys)
    assert code == 1 and "out.parquet already exists; use --force" in err


# -- S3: moto's server on loopback ---------------------------------------------


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """An empty bucket on the loopback server, credentials and endpoint in the environment (as a user sets them)."""
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": s3_endpoint, "AWS_MAX_ATTEMPTS": "1",
    }.items():
        monkeypatch.setenv(name, value)
    import fsspec

    fsspec.filesystem("s3").clear_instance_cache()
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    name = f"corpus-{len(s3.list_buckets()['Buckets'])}"
    s3.create_bucket(Bucket=name)
    return name


def test_s3_round_trip_gives_the_local_bytes(tmp_path: Path, bucket: str, capsys: pytest.CaptureFixture[str]) -> None:
    import boto3

    s3 = boto3.client("s3")
    local_in = write_parquet(tmp_path / "in.parquet", DOCS)
    s3.upload_file(str(local_in), bucket, "in/docs.parquet")
    s3.upload_file(str(write_gz(tmp_path / "in.jsonl.gz", DOCS)), bucket, "in/docs.jsonl.gz")
    run([local_in, "-o", tmp_path / "local.parquet", *PIN], capsys)
    for source in (f"s3://{bucket}/in/docs.parquet", f"s3://{bucket}/in/docs.jsonl.gz"):
        kind = source.rsplit(".", 1)[-1]
        code, out, err = run([source, "-o", f"s3://{bucket}/out/{kind}.parquet", *PIN], capsys)
        assert code == 3 and err == "", err
        body = s3.get_object(Bucket=bucket, Key=f"out/{kind}.parquet")["Body"].read()
        assert body == (tmp_path / "local.parquet").read_bytes()
    assert not list((tmp_path / "cache").rglob("*.partial"))  # the staging is cleaned up


def test_s3_resume_and_existing_outputs(tmp_path: Path, bucket: str, capsys: pytest.CaptureFixture[str]) -> None:
    import boto3

    s3 = boto3.client("s3")
    s3.upload_file(str(write_jsonl(tmp_path / "few.jsonl", DOCS[:3])), bucket, "few.jsonl")
    s3.upload_file(str(write_jsonl(tmp_path / "all.jsonl", DOCS)), bucket, "all.jsonl")
    out = f"s3://{bucket}/out.jsonl.gz"
    assert run([f"s3://{bucket}/few.jsonl", "-o", out, *PIN], capsys)[0] == 0
    code, _, err = run([f"s3://{bucket}/all.jsonl", "-o", out, *PIN], capsys)
    assert code == 1 and err == f"summarize-batch: error: {out} already exists; use --force to overwrite it or --resume to add the documents it lacks\n"
    code, stdout, _ = run([f"s3://{bucket}/all.jsonl", "-o", out, "--resume", *PIN], capsys)
    assert code == 3 and "3 already done" in stdout
    run([tmp_path / "all.jsonl", "-o", tmp_path / "clean.jsonl.gz", *PIN], capsys)
    assert s3.get_object(Bucket=bucket, Key="out.jsonl.gz")["Body"].read() == (tmp_path / "clean.jsonl.gz").read_bytes()


@pytest.mark.parametrize("where", ["missing-key", "missing-bucket"])
def test_an_unreachable_object_or_bucket_is_one_line(tmp_path: Path, bucket: str, capsys: pytest.CaptureFixture[str], where: str) -> None:
    url = f"s3://{bucket}/nothing.parquet" if where == "missing-key" else "s3://no-such-bucket-here/in.jsonl"
    code, out, err = run([url, "-o", tmp_path / "out.jsonl", *PIN], capsys)
    assert code == 1 and out == ""
    assert err.startswith("summarize-batch: error: ") and err.count("\n") == 1 and url.removeprefix("s3://") in err, err
    code, _, err = run([write_jsonl(tmp_path / "in.jsonl", DOCS[:1]), "-o", "s3://no-such-bucket-here/out.jsonl", *PIN], capsys)
    assert code == 1 and err.count("\n") == 1, err


def test_a_record_file_needs_a_known_ending_at_a_url(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"a URL input is a \.jsonl, \.jsonl\.gz or \.parquet file"):
        open_source("s3://bucket/folder/")
    with pytest.raises(InputError, match=r"a URL output is a \.jsonl, \.jsonl\.gz or \.parquet file"):
        open_sink("s3://bucket/summaries/")


def test_jsonl_records_from_parquet_are_valid_json(tmp_path: Path) -> None:
    summarize(write_parquet(tmp_path / "in.parquet", DOCS[:2]), tmp_path / "out.jsonl")
    for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["id"] in ("d0", "d1")


def test_a_web_page_record_keeps_its_page_in_parquet(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in DOCS[0][1].splitlines() if p.strip())
    page = f"<html><head><title>خبر</title></head><body><article>{paragraphs}</article></body></html>"
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "page", "html": page}, ensure_ascii=False) + "\n" + json.dumps({"id": "t", "text": DOCS[1][1]}, ensure_ascii=False) + "\n", encoding="utf-8")
    summarize(source, tmp_path / "out.jsonl")
    summarize(source, tmp_path / "out.parquet")
    expected = read_records(tmp_path / "out.jsonl")
    assert "page" in expected[0] and "page" not in expected[1]
    assert parquet_records(tmp_path / "out.parquet") == expected
    summarize(write_jsonl(tmp_path / "more.jsonl", [("page", ""), ("t", ""), ("u", DOCS[2][1])]), tmp_path / "out.parquet", existing="resume")
    assert [r["id"] for r in parquet_records(tmp_path / "out.parquet")] == ["page", "t", "u"]  # decoded back, page and all


def test_keyphrases_of_a_record_round_trip_through_parquet(tmp_path: Path) -> None:
    """With keywords=N each ok record has ``keywords``; the Parquet output
    keeps them (a list of text, score, occurrences) and decodes back to the
    JSONL run's bytes on --resume."""
    job = BatchSummarizer(summarizer=Summarizer(sentences=2, keywords=3))
    source = write_jsonl(tmp_path / "in.jsonl", DOCS[:3])
    for out in (tmp_path / "out.jsonl", tmp_path / "out.parquet"):
        with open_sink(out) as sink:
            run_batch(open_source(source), sink, job=job)
    expected = read_records(tmp_path / "out.jsonl")
    assert all(len(r["keywords"]) == 3 for r in expected if r["status"] == "ok")
    assert parquet_records(tmp_path / "out.parquet") == expected
    more = write_jsonl(tmp_path / "more.jsonl", [*DOCS[:3], DOCS[3]])
    for out in (tmp_path / "out.jsonl", tmp_path / "out.parquet"):
        with open_sink(out, existing="resume") as sink:
            run_batch(open_source(more), sink, job=job)
    assert parquet_records(tmp_path / "out.parquet") == read_records(tmp_path / "out.jsonl")


def test_s3_parts_are_read_and_written_by_their_tasks_and_resume(tmp_path: Path, bucket: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A corpus in parts in a bucket: one output object and one marker per
    part, each the bytes a local run over that part writes; --resume reruns
    only a part whose marker is missing."""
    import boto3

    s3 = boto3.client("s3")
    parts = {"part-0.parquet": write_parquet(tmp_path / "part-0.parquet", DOCS[:4]), "part-1.jsonl.gz": write_gz(tmp_path / "part-1.jsonl.gz", DOCS[4:])}
    for name, path in parts.items():
        s3.upload_file(str(path), bucket, f"parts/{name}")
        run([path, "-o", tmp_path / f"local-{name}", *PIN], capsys)
    code, stdout, err = run([f"s3://{bucket}/parts/*", "-o", f"s3://{bucket}/out", *PIN], capsys)
    assert code == 3 and err == "" and f"{len(DOCS)} documents: {len(DOCS) - 2} summarized, 2 failed" in stdout, err

    def objects() -> dict[str, bytes]:
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="out/")["Contents"]]
        return {key: s3.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}

    written = objects()
    assert sorted(written) == sorted([f"out/{n}" for n in parts] + [f"out/{n}.done" for n in parts])
    for name in parts:
        assert written[f"out/{name}"] == (tmp_path / f"local-{name}").read_bytes()
    s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "out/part-1.jsonl.gz.done"}, {"Key": "out/part-1.jsonl.gz"}]})
    code, stdout, _ = run([f"s3://{bucket}/parts/*", "-o", f"s3://{bucket}/out", "--resume", *PIN], capsys)
    assert code == 3 and "4 summarized, 2 failed, 4 already done" in stdout and "the error records say why each failed" in stdout, stdout
    assert objects() == written
