"""summarize_batch on pandas and Arrow batches: the summaries Summarizer gives, every row kept."""

from __future__ import annotations

import functools
import pickle

import pandas as pd
import pyarrow as pa
import pytest

from summarizer import Summarizer
from summarizer.batch import BatchFunction, frames, summarize_batch
from summarizer.errors import InputError, InvalidOptionError

from .batch_corpus import news_texts

OPTIONS = {"sentences": 2, "language": "ar"}
TEXTS = news_texts(5)


def expected(texts: list[str]) -> list[str]:
    summarizer = Summarizer(**OPTIONS)  # type: ignore[arg-type]
    return [summarizer.summarize(t).text for t in texts]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"id": [f"d{i}" for i in range(len(TEXTS))], "text": TEXTS, "source": ["x"] * len(TEXTS)})


def test_a_dataframe_gains_the_summaries_of_summarizer() -> None:
    out = summarize_batch(frame(), **OPTIONS)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == ["id", "text", "source", "summary", "error"]
    assert out["id"].tolist() == [f"d{i}" for i in range(len(TEXTS))]
    assert out["summary"].tolist() == expected(TEXTS)
    assert out["error"].isna().all()


@pytest.mark.parametrize("kind", ["table", "record_batch"])
def test_arrow_in_arrow_out(kind: str) -> None:
    table = pa.Table.from_pandas(frame(), preserve_index=False)
    batch = table if kind == "table" else table.to_batches()[0]
    out = summarize_batch(batch, **OPTIONS)
    assert type(out) is type(batch)
    assert out.schema.names == ["id", "text", "source", "summary", "error"]
    assert out.schema.field("summary").type == pa.string() and out.schema.field("error").type == pa.string()
    assert out.column("summary").to_pylist() == expected(TEXTS)
    assert out.column("error").to_pylist() == [None] * len(TEXTS)


def test_bad_rows_get_an_error_and_keep_their_place() -> None:
    texts: list[object] = [TEXTS[0], None, 42, "", "!!! ...", TEXTS[1], float("nan")]
    df = pd.DataFrame({"id": list(range(len(texts))), "text": pd.Series(texts, dtype=object)})
    out = summarize_batch(df, **OPTIONS)
    assert out["id"].tolist() == list(range(len(texts)))  # none lost, none duplicated, same order
    errors = out["error"].tolist()
    assert pd.isna(errors[0]) and pd.isna(errors[5])  # pandas' null, as pandas writes it
    assert errors[1] == errors[6] == "no text (null)"
    assert errors[2] == "the text is int, not a string"
    assert errors[3] == "empty document"
    assert errors[4].startswith("no words")
    summaries = out["summary"].tolist()
    assert [summaries[0], summaries[5]] == expected([TEXTS[0], TEXTS[1]])
    assert all(pd.isna(summaries[i]) for i in (1, 2, 3, 4, 6))


def test_an_arrow_column_of_nulls_or_numbers_is_an_error_per_row() -> None:
    table = pa.table({"id": [1, 2], "text": pa.array([None, None], type=pa.string())})
    assert summarize_batch(table, **OPTIONS).column("error").to_pylist() == ["no text (null)"] * 2
    table = pa.table({"id": [1, 2], "text": [3, 4]})
    assert summarize_batch(table, **OPTIONS).column("error").to_pylist() == ["the text is int, not a string"] * 2


def test_an_empty_batch_gives_an_empty_batch_with_the_columns() -> None:
    out = summarize_batch(frame().iloc[:0], **OPTIONS)
    assert len(out) == 0 and list(out.columns)[-2:] == ["summary", "error"]
    table = summarize_batch(pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), **OPTIONS)
    assert table.num_rows == 0 and table.schema.names == ["id", "text", "summary", "error"]


def test_other_column_names_and_no_id() -> None:
    df = pd.DataFrame({"body": TEXTS[:2]})
    out = summarize_batch(df, text="body", id=None, **OPTIONS)
    assert out["summary"].tolist() == expected(TEXTS[:2])


@pytest.mark.parametrize(
    ("columns", "kwargs", "message"),
    [
        ({"id": [1]}, {}, r"^the batch has no column 'text' \(its columns: id\); name the text column with text$"),
        ({"text": ["a"]}, {}, r"^the batch has no column 'id' \(its columns: text\); name the id column with id, or id=None if the rows have no id$"),
        ({"id": [1], "body": ["a"]}, {"text": "content"}, r"no column 'content' \(its columns: id, body\)"),
        ({"id": [1], "text": ["a"], "summary": ["s"]}, {}, r"already has a column 'summary'; rename or drop it"),
    ],
)
def test_a_batch_without_its_columns_is_one_line(columns: dict[str, list[object]], kwargs: dict[str, str], message: str) -> None:
    for batch in (pd.DataFrame(columns), pa.table(columns)):
        with pytest.raises(InputError, match=message) as caught:
            summarize_batch(batch, **kwargs, **OPTIONS)
        assert "\n" not in str(caught.value)


def test_not_a_batch_is_one_line() -> None:
    with pytest.raises(InputError, match=r"^a batch is a pandas DataFrame or a pyarrow Table or RecordBatch, not builtins\.list$"):
        summarize_batch([{"id": 1, "text": "x"}])


def test_options_are_checked_when_the_function_is_made() -> None:
    with pytest.raises(InvalidOptionError, match="sentences"):
        BatchFunction(sentences=0)
    with pytest.raises(InvalidOptionError, match="setnences"):
        BatchFunction(setnences=2)
    with pytest.raises(InvalidOptionError, match="min_sentences"):
        BatchFunction(min_sentences=0)


def test_the_function_pickles_small_and_gives_the_same_result() -> None:
    fn = BatchFunction(**OPTIONS)
    data = pickle.dumps(fn)
    assert len(data) < 2000  # the options, no summarizer state
    copy = pickle.loads(data)
    assert copy == fn
    pd.testing.assert_frame_equal(copy(frame()), summarize_batch(frame(), **OPTIONS))
    partial = pickle.loads(pickle.dumps(functools.partial(summarize_batch, **OPTIONS)))
    pd.testing.assert_frame_equal(partial(frame()), copy(frame()))


def test_the_job_is_built_once_per_process_for_the_same_options() -> None:
    frames.worker_job.cache_clear()
    fn = pickle.loads(pickle.dumps(BatchFunction(**OPTIONS)))
    for _ in range(3):
        fn(frame().iloc[:1])
    summarize_batch(frame().iloc[:1], **OPTIONS)
    info = frames.worker_job.cache_info()
    assert (info.misses, info.hits) == (1, 3)


@pytest.mark.parametrize("kind", ["pandas", "table", "record_batch"])
def test_keywords_asked_for_are_one_more_column(kind: str) -> None:
    """With keywords=N a batch gains ``keywords``: each row's phrases as
    ``{text, score, occurrences}`` (the batch record's), None for a row in error."""
    rows = frame()
    rows.loc[1, "text"] = "   "
    batch: object = rows if kind == "pandas" else pa.Table.from_pandas(rows, preserve_index=False)
    if kind == "record_batch":
        batch = batch.to_batches()[0]  # type: ignore[attr-defined]
    out = summarize_batch(batch, keywords=3, **OPTIONS)
    names = list(out.columns) if kind == "pandas" else out.schema.names
    assert names == ["id", "text", "source", "summary", "error", "keywords"]
    got = out["keywords"].tolist() if kind == "pandas" else out.column("keywords").to_pylist()
    summarizer = Summarizer(keywords=3, **OPTIONS)  # type: ignore[arg-type]
    for i, text in enumerate(rows["text"]):
        if i == 1:
            assert got[i] is None
            continue
        want = [{"text": k.text, "score": k.score, "occurrences": [list(o) for o in k.occurrences]} for k in summarizer.summarize(text).keywords]
        assert got[i] == want and len(want) == 3
    # Without keywords the columns are as before.
    assert "keywords" not in (list(summarize_batch(rows, **OPTIONS).columns))


def test_a_column_of_web_pages_is_read_as_their_articles() -> None:
    """Crawled HTML in the text column: recognized by content, menus and
    footers left out, the summary the article's own text gives."""
    paragraphs = "".join(f"<p>{p}</p>" for p in TEXTS[0].splitlines() if p.strip())
    nav = "<nav>" + " ".join(f"<a href='/{i}'>قسم {i}</a>" for i in range(8)) + "</nav>"
    page = f"<html><head><title>خبر</title></head><body>{nav}<article>{paragraphs}</article><footer>جميع الحقوق محفوظة</footer></body></html>"
    out = summarize_batch(pd.DataFrame({"id": ["page", "text"], "text": [page, TEXTS[0]]}), **OPTIONS)
    assert out["error"].tolist() == [None, None]
    assert out["summary"][0] == out["summary"][1] == Summarizer(**OPTIONS).summarize(TEXTS[0]).text
