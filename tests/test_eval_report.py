"""evaluate(): the report's content, determinism, and its four formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from summarizer.select import Budget
from summarizer_eval import (
    DEFAULT_SYSTEMS,
    ArabicRouge,
    Bootstrap,
    EvalError,
    documents_csv,
    evaluate,
    format_report,
    load_corpus,
    make_systems,
)

from .texts import CORPUS_IDS

DOC_IDS = list(CORPUS_IDS)


def _run(root, multi_ref: str = "pooled", systems=DEFAULT_SYSTEMS, budget: Budget = Budget(ratio=0.3)):
    scorer = ArabicRouge(multi_ref=multi_ref)
    corpus = load_corpus(root).subset(DOC_IDS)
    return evaluate(
        corpus,
        systems=make_systems(list(systems), scorer=scorer, seed=0),
        scorer=scorer,
        budget=budget,
        bootstrap=Bootstrap(resamples=500, seed=0),
    )


@pytest.fixture(scope="module")
def report(news_corpus):
    return _run(news_corpus)


def test_report_holds_per_document_and_corpus_results(report, news_corpus) -> None:
    assert [s.name for s in report.systems] == list(DEFAULT_SYSTEMS)
    assert [d.doc_id for d in report.documents] == DOC_IDS
    assert report.settings["multi_ref"] == "pooled"
    assert report.settings["budget"] == {"ratio": 0.3}
    assert report.settings["baseline"] == "lead"
    corpus = load_corpus(news_corpus).subset(DOC_IDS)
    scorer = ArabicRouge()
    for system in report.systems:
        assert [d.doc_id for d in system.documents] == DOC_IDS
        for info, result in zip(report.documents, system.documents):
            assert len(result.selected) <= info.budget.sentences
            # Scores are what the scorer gives this summary against the references.
            refs = corpus.subset([info.doc_id]).documents[0].references
            assert result.scores == scorer.score(list(result.summary), refs)
        for metric, stats in system.means.items():
            for stat, interval in stats.items():
                values = [getattr(d.scores[metric], stat) for d in system.documents]
                assert interval.mean == pytest.approx(sum(values) / len(values))
                assert interval.low <= interval.mean <= interval.high
    assert {(c.system, c.metric) for c in report.comparisons} == {
        (s, m) for s in ("textrank", "random", "oracle") for m in ("rouge1", "rouge2", "rougeLsum")
    }
    oracle, lead = report.system("oracle"), report.system("lead")
    assert oracle.means["rouge2"]["f"].mean > lead.means["rouge2"]["f"].mean


def test_runs_are_reproducible(report, news_corpus) -> None:
    again = _run(news_corpus)
    strip = lambda d: {k: v for k, v in d.items() if k != "seconds"}  # noqa: E731
    for a, b in zip(report.systems, again.systems):
        assert a.means == b.means
        assert [strip(d.to_dict()) for d in a.documents] == [strip(d.to_dict()) for d in b.documents]
    assert report.comparisons == again.comparisons


def test_max_mode_is_reported(news_corpus) -> None:
    best = _run(news_corpus, "max", systems=("lead",))
    assert best.settings["multi_ref"] == "max"
    assert "best-of" in format_report(best, "table")
    assert best.comparisons == ()  # nothing to compare lead with


def test_table_and_markdown_say_what_was_measured(report) -> None:
    table = format_report(report, "table")
    assert "4 documents" in table and "3 references each" in table
    assert "ratio 0.3 of the distinct selectable sentences" in table
    assert "pooled" in table and "ROUGE-1.5.5 -f A" in table
    assert "500 resamples, seed 0" in table
    for name in DEFAULT_SYSTEMS:
        assert any(line.startswith(name) for line in table.splitlines())
    assert "Paired bootstrap against lead" in table
    md = format_report(report, "markdown")
    assert "| system | docs | words | sentences | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | seconds |" in md
    assert "equal length" in table and "note: only 4 documents" in table


def test_json_and_csv_formats(report) -> None:
    data = json.loads(format_report(report, "json"))
    assert data["settings"]["multi_ref"] == "pooled"
    assert len(data["systems"]) == 4 and len(data["systems"][0]["documents"]) == 4
    doc = data["systems"][0]["documents"][0]
    assert set(doc) >= {"doc_id", "selected", "summary", "scores", "words"}
    assert data["documents"][0]["budget"]["sentences"] >= 1
    rows = list(csv.DictReader(io.StringIO(format_report(report, "csv"))))
    assert len(rows) == 12
    lead_r1 = next(r for r in rows if r["system"] == "lead" and r["metric"] == "rouge1")
    assert float(lead_r1["f_mean"]) == pytest.approx(report.system("lead").means["rouge1"]["f"].mean, abs=1e-6)
    assert lead_r1["verdict"] == ""
    oracle_r1 = next(r for r in rows if r["system"] == "oracle" and r["metric"] == "rouge1")
    compared = next(c for c in report.comparisons if (c.system, c.metric) == ("oracle", "rouge1"))
    assert oracle_r1["baseline"] == "lead" and oracle_r1["verdict"] == compared.difference.verdict
    per_doc = list(csv.DictReader(io.StringIO(documents_csv(report))))
    assert len(per_doc) == 4 * 4 * 3
    with pytest.raises(EvalError, match="fmt must be one of table, json, csv, markdown"):
        format_report(report, "pdf")


def test_word_budget_report(news_corpus) -> None:
    r = _run(news_corpus, systems=("lead", "random"), budget=Budget(words=60))
    assert r.settings["budget"] == {"words": 60}
    assert "60 words per summary" in format_report(r, "table")
    assert "every summary cut to its first 60 words before scoring" in format_report(r, "table")
    for s in r.systems:
        assert all(d.words <= 60 for d in s.documents)
    assert all(d.words == 60 for d in r.system("lead").documents)
