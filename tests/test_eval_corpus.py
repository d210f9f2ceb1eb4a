"""Corpus layouts (folder, flat seeds, JSONL) and errors that name the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from summarizer_eval import CorpusError, load_corpus

from .texts import ARTICLES, CORPUS_IDS, REFERENCES

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
AR = "زار حموشي الإمارات والتقى الزعابي."


def _folder_doc(root: Path, doc_id: str, document: str = AR, refs: dict[str, bytes | str] | None = None) -> Path:
    d = root / doc_id
    (d / "references").mkdir(parents=True)
    (d / "document.txt").write_text(document, encoding="utf-8")
    for name, content in (refs if refs is not None else {"1.txt": AR}).items():
        path = d / "references" / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return d


@pytest.mark.easc
def test_easc_folder_layout(easc_dir: Path) -> None:
    """The real EASC dev folder, as distributed: its top-level files are not documents."""
    corpus = load_corpus(easc_dir)
    assert corpus.layout == "folder"
    assert len(corpus) == 92  # README.md, manifest.tsv, EASC_*.txt at the top are not documents
    assert corpus.ids[:3] == ("easc-002", "easc-003", "easc-004")
    assert all(len(d.references) == 5 for d in corpus.documents)
    doc = corpus.documents[0]
    assert doc.source.endswith("easc-002/document.txt")
    assert [Path(s).name for s in doc.reference_sources] == ["1.txt", "2.txt", "3.txt", "4.txt", "5.txt"]
    assert doc.text == (easc_dir / "easc-002" / "document.txt").read_text(encoding="utf-8")
    assert corpus.replaced == ()


def test_folder_layout(news_corpus: Path) -> None:
    corpus = load_corpus(news_corpus)
    assert corpus.layout == "folder"
    assert corpus.ids == CORPUS_IDS  # README.md at the top is not a document
    for doc, text, refs in zip(corpus.documents, ARTICLES, REFERENCES):
        assert doc.text == text and doc.references == tuple(r + "\n" for r in refs)
        assert doc.source == str(news_corpus / doc.doc_id / "document.txt")
        assert [Path(s).name for s in doc.reference_sources] == ["1.txt", "2.txt", "3.txt"]
    assert corpus.replaced == ()


def test_seed_flat_layout() -> None:
    corpus = load_corpus(SEEDS)
    assert corpus.layout == "flat"
    assert corpus.ids == ("hammouchi_zaabi",)
    doc = corpus.documents[0]
    assert doc.text == (SEEDS / "hammouchi_zaabi.txt").read_text(encoding="utf-8")
    assert len(doc.references) >= 3
    for ref in doc.references:  # human summaries naming the two men
        assert "حموشي" in ref and "الزعابي" in ref


def test_jsonl_layout_round_trip(tmp_path: Path, news_corpus: Path) -> None:
    folder = load_corpus(news_corpus).subset([CORPUS_IDS[2], CORPUS_IDS[1]])
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": d.doc_id, "document": d.text, "references": list(d.references)}, ensure_ascii=False) for d in folder.documents)
        + "\n\n",
        encoding="utf-8",
    )
    corpus = load_corpus(path)
    assert corpus.layout == "jsonl"
    assert corpus.ids == (CORPUS_IDS[2], CORPUS_IDS[1])  # file order
    assert [(d.text, d.references) for d in corpus.documents] == [(d.text, d.references) for d in folder.documents]
    assert corpus.documents[1].source == f"{path}:2"


def test_natural_reference_order_and_bom(tmp_path: Path) -> None:
    _folder_doc(tmp_path, "d1", refs={"10.txt": "مرجع عاشر", "2.txt": "\ufeffمرجع ثان", "notes.md": "ignored"})
    doc = load_corpus(tmp_path).documents[0]
    assert doc.references == ("مرجع ثان", "مرجع عاشر")


def test_undecodable_bytes_are_replaced_and_counted(tmp_path: Path) -> None:
    cut = "مرجع مقطوع".encode()[:-1]  # cut inside a two-byte letter, as EASC does
    _folder_doc(tmp_path, "d1", refs={"1.txt": AR, "2.txt": cut})
    _folder_doc(tmp_path, "d2")
    corpus = load_corpus(tmp_path)
    bad = str(tmp_path / "d1" / "references" / "2.txt")
    assert corpus.replaced == (bad,)
    assert corpus.documents[0].references[1].endswith("\ufffd")
    assert corpus.subset(["d2"]).replaced == ()
    assert corpus.subset(["d1"]).replaced == (bad,)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda r: _folder_doc(r, "d1", refs={}), r"d1: no reference summaries \(expected .*d1/references/\*\.txt\)"),
        (lambda r: (r / "d1").mkdir(), r"d1: no document\.txt"),
        (lambda r: _folder_doc(r, "d1", refs={"1.txt": " \n"}), r"d1/references/1\.txt: the reference is empty"),
        (lambda r: _folder_doc(r, "d1", refs={"1.txt": "... !!"}), r"d1/references/1\.txt: the reference has no letters or digits"),
        (lambda r: _folder_doc(r, "d1", document="\n\n"), r"d1/document\.txt: the document is empty"),
        (lambda r: (r / "README.md").write_text("x"), r"no documents found"),
    ],
)
def test_folder_errors_name_the_file(tmp_path: Path, make, message: str) -> None:
    make(tmp_path)
    with pytest.raises(CorpusError, match=message):
        load_corpus(tmp_path)


def test_flat_layout_errors(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "hammouchi_zaabi.txt", tmp_path / "seed.txt")
    (tmp_path / "references" / "seed").mkdir(parents=True)
    (tmp_path / "references" / "seed" / "1.txt").write_text(AR, encoding="utf-8")
    assert load_corpus(tmp_path).ids == ("seed",)
    (tmp_path / "other.txt").write_text(AR, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"other: no reference summaries \(expected .*references/other/\*\.txt\)"):
        load_corpus(tmp_path)
    (tmp_path / "other.txt").unlink()
    (tmp_path / "references" / "missing").mkdir()
    with pytest.raises(CorpusError, match=r"references/missing: references without a document \(expected .*missing\.txt\)"):
        load_corpus(tmp_path)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": "a", "document": "نص", "references": ["ملخص"]}', "{oops"], r"corpus\.jsonl:2: not valid JSON"),
        (['{"id": "a", "document": "نص"}'], r"corpus\.jsonl:1: missing references"),
        (['{"id": "a", "document": "نص", "references": []}'], r"corpus\.jsonl:1: a: no reference summaries"),
        (['{"id": "a", "document": "نص", "references": ["ملخص", "  "]}'], r"corpus\.jsonl:1: the reference 2 is empty"),
        (['{"id": 3, "document": "نص", "references": ["ملخص"]}'], r"corpus\.jsonl:1: id must be a non-empty string"),
        (['["a"]'], r"corpus\.jsonl:1: expected an object"),
        (['{"id": "a", "document": "نص", "references": "ملخص"}'], r"corpus\.jsonl:1: references must be a list of strings"),
        (
            ['{"id": "a", "document": "نص", "references": ["ملخص"]}', '{"id": "a", "document": "نص", "references": ["ملخص"]}'],
            r"corpus\.jsonl:2: id 'a' repeats the one at .*corpus\.jsonl:1",
        ),
        ([], r"no documents found"),
    ],
)
def test_jsonl_errors_name_file_and_line(tmp_path: Path, lines: list[str], message: str) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_corpus(path)


def test_missing_path_and_unknown_ids(tmp_path: Path, news_corpus: Path) -> None:
    with pytest.raises(CorpusError, match="no such corpus"):
        load_corpus(tmp_path / "nope")
    corpus = load_corpus(news_corpus)
    with pytest.raises(CorpusError, match=r"unknown document id 'news-99' in .*/news \(ids: news-01, news-02, news-03, news-04\)"):
        corpus.subset(["news-01", "news-99"])
    with pytest.raises(CorpusError, match="given twice"):
        corpus.subset(["news-01", "news-01"])
