"""Keyphrase evaluation against small cases computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer_eval import Bootstrap, CorpusError
from summarizer_eval.keyphrases import (
    KeyphraseCorpus,
    KeyphraseDocument,
    TfidfTerms,
    evaluate_keyphrases,
    format_keyphrase_report,
    load_keyphrase_corpus,
    load_phrase_files,
    match_key,
    score_at,
)


def test_match_key_normalizes_both_sides_alike() -> None:
    assert match_key("  Solar\tENERGY ") == "solar energy"
    assert match_key("high-resolution methods") == "high resolution methods"
    assert match_key("المَكْتَبَاتُ  العامّة") == match_key("المكتبات العامة") == "المكتبات العامه"
    assert match_key("الأدباء") == match_key("الادباء")
    assert match_key("...") == ""


def test_stemmed_match() -> None:
    assert match_key("بالمكتبة", "stemmed") == match_key("المكتبات", "stemmed")  # light stem: مكتب
    assert match_key("Methods", "stemmed") == match_key("method", "stemmed")  # Porter
    assert match_key("bala", "stemmed") != match_key("ball", "stemmed")


def test_precision_recall_f1_by_hand() -> None:
    predicted = ["Solar energy", "wind", "solar  ENERGY", "Grid"]  # the repeat counts once
    gold = ["solar energy", "grid", "storage"]
    # k=2: {solar energy, wind}: 1 hit -> P 1/2, R 1/3, F 2PR/(P+R) = 0.4
    s = score_at(predicted, gold, 2)
    assert (s.precision, s.recall) == (0.5, pytest.approx(1 / 3))
    assert s.f1 == pytest.approx(0.4)
    # k=5: only 3 distinct phrases given: 2 hits -> P 2/3, R 2/3, F 2/3
    s = score_at(predicted, gold, 5)
    assert (s.precision, s.recall, s.f1) == (pytest.approx(2 / 3), pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert score_at([], gold, 5) == score_at(["x"], gold, 5)
    assert score_at([], gold, 5).f1 == 0.0
    # Stemmed: "grids" finds "grid".
    assert score_at(["grids"], gold, 5, "stemmed").recall == pytest.approx(1 / 3)
    assert score_at(["grids"], gold, 5, "exact").recall == 0.0


def write_corpus(root: Path) -> Path:
    for doc_id, text, gold in [
        ("a", "apple apple banana", "apple\nbanana split\n"),
        ("b", "banana cherry", "cherry\n\n"),
    ]:
        (root / doc_id).mkdir(parents=True)
        (root / doc_id / "document.txt").write_text(text, "utf-8")
        (root / doc_id / "keyphrases.txt").write_text(gold, "utf-8")
    return root


def test_corpus_and_phrase_files(tmp_path: Path) -> None:
    corpus = load_keyphrase_corpus(write_corpus(tmp_path / "corpus"))
    assert [(d.doc_id, d.gold) for d in corpus.documents] == [("a", ("apple", "banana split")), ("b", ("cherry",))]
    runs = tmp_path / "runs"
    runs.mkdir()
    (runs / "a.txt").write_text("apple\nbanana\n", "utf-8")
    (runs / "b.txt").write_text("banana\ncherry\n", "utf-8")
    (runs / ".hidden.txt").write_text("x", "utf-8")
    files = load_phrase_files("mine", runs)
    assert dict(files.phrases) == {"a": ("apple", "banana"), "b": ("banana", "cherry")}
    # TF-IDF over the corpus: apple 2 * ln(3/2), banana 1 * ln(3/3) = 0 in a;
    # cherry ln(3/2) > banana 0 in b.
    tfidf = TfidfTerms(corpus)
    assert tfidf.extract(corpus.documents[0], 5) == ["apple", "banana"]
    assert tfidf.extract(corpus.documents[1], 1) == ["cherry"]

    report = evaluate_keyphrases(corpus, [files, tfidf], cutoffs=(1, 5), bootstrap=Bootstrap(resamples=200))
    # mine@1: a: apple hit -> P 1, R 1/2, F 2/3; b: banana miss -> 0. Mean 1/3.
    assert report.f1("mine", "exact", 1).mean == pytest.approx(1 / 3)
    # mine@5: a: 1 of 2 -> P 1/2, R 1/2, F 1/2; b: 1 of 2 -> P 1/2, R 1, F 2/3.
    assert report.f1("mine", "exact", 5).mean == pytest.approx((1 / 2 + 2 / 3) / 2)
    # tfidf@1: a: apple -> 2/3; b: cherry -> P 1, R 1, F 1. Paired difference tfidf − mine.
    assert report.f1("tfidf", "exact", 1).mean == pytest.approx((2 / 3 + 1) / 2)
    assert report.comparisons[("tfidf", "exact", 1)].mean == pytest.approx((2 / 3 + 1) / 2 - 1 / 3)
    table = format_keyphrase_report(report)
    assert "| mine |" in table and "F1 minus mine's" in table


def test_corpus_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not a folder"):
        load_keyphrase_corpus(tmp_path / "missing")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "document.txt").write_text("text", "utf-8")
    with pytest.raises(CorpusError, match="keyphrases.txt: missing"):
        load_keyphrase_corpus(tmp_path)
    (tmp_path / "x" / "keyphrases.txt").write_text("\n \n", "utf-8")
    with pytest.raises(CorpusError, match="no keyphrase"):
        load_keyphrase_corpus(tmp_path)


def test_ours_runs_through_the_library() -> None:
    from summarizer import keywords
    from summarizer_eval.keyphrases import Ours

    text = "Solar energy storage. Solar energy storage is cheap. Wind power is cheap."
    corpus = KeyphraseCorpus("mem", (KeyphraseDocument("d", text, ("solar energy storage", "wind power")),))
    report = evaluate_keyphrases(corpus, [Ours()], bootstrap=Bootstrap(resamples=50))
    assert report.scores[("ours", "exact", 5)] == (score_at([k.text for k in keywords(text, top=15)], corpus.documents[0].gold, 5),)
    assert report.f1("ours", "exact", 5).mean == pytest.approx(0.8)  # 2 of its 3 phrases gold, both gold found
