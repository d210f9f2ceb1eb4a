"""``summarize-eval`` on a keyphrase corpus (``<id>/document.txt`` +
``<id>/keyphrases.txt``): the layout decides the task, the systems and
candidates, the formats, the output folder's rules, and one-line usage
errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from summarizer import keywords
from summarizer_eval.cli import main
from summarizer_eval.keyphrases import CUTOFFS, MATCHES, is_keyphrase_corpus, load_keyphrase_corpus, score_at

FAST = ["--resamples", "200"]

DOCS = {
    "rooms": (
        "The library opened a new reading room. The reading room holds rare books and old maps.\n"
        "Visitors praised the reading room and the rare books.\n",
        ["reading room", "rare books"],
    ),
    "solar": ("Solar panels cut the power bill. Solar panels need sun, and the power bill falls in summer.\n", ["solar panels", "power bill"]),
    "ports": ("المكتبة الوطنية فتحت قاعة جديدة. زار الطلاب المكتبة الوطنية وقرأوا في القاعة الجديدة.\n", ["المكتبة الوطنية", "قاعة جديدة"]),
}


def write_corpus(root: Path) -> Path:
    for doc_id, (text, gold) in DOCS.items():
        (root / doc_id).mkdir(parents=True)
        (root / doc_id / "document.txt").write_text(text, encoding="utf-8")
        (root / doc_id / "keyphrases.txt").write_text("\n".join(gold) + "\n", encoding="utf-8")
    return root


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def one_line_usage_error(code: int, err: str) -> str:
    assert code == 2 and err.startswith("summarize-eval: error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_layout_decides_the_task(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "k")
    assert is_keyphrase_corpus(corpus)
    (corpus / "rooms" / "references").mkdir()
    assert not is_keyphrase_corpus(corpus)
    assert not is_keyphrase_corpus(Path(__file__).resolve().parents[1] / "seeds")


def test_json_report_scores_every_system_at_5_10_15_both_matches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "k")
    # a perfect candidate: the gold phrases themselves
    perfect = tmp_path / "gold"
    perfect.mkdir()
    for doc_id, (_, gold) in DOCS.items():
        (perfect / f"{doc_id}.txt").write_text("\n".join(gold) + "\n", encoding="utf-8")
    code, out, err = _run(capsys, corpus, "--format", "json", "--candidates", f"gold={perfect}", *FAST)
    assert code == 0, err
    report = json.loads(out)
    assert report["systems"] == ["ours", "tfidf", "gold"] and report["documents"] == 3
    means = {(m["system"], m["match"], m["k"], m["stat"]): m["mean"] for m in report["means"]}
    assert {(s, m, k) for s, m, k, _ in means} == {(s, m, k) for s in report["systems"] for m in MATCHES for k in CUTOFFS}
    assert all(means[("gold", m, k, stat)] == 1.0 for m in MATCHES for k in CUTOFFS for stat in ("precision", "recall", "f1"))
    assert means[("ours", "exact", 10, "recall")] > 0  # "reading room", "solar panels" are plain to find
    assert {c["system"] for c in report["comparisons"]} == {"tfidf", "gold"}


def test_table_and_markdown_and_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "k")
    code, out, _ = _run(capsys, corpus, *FAST)
    assert code == 0 and "exact match" in out and "stemmed match" in out
    assert any(line.startswith("ours ") for line in out.splitlines()) and "F1 of tfidf minus ours" in out
    code, out, _ = _run(capsys, corpus, "--format", "markdown", "--baseline", "tfidf", *FAST)
    assert code == 0 and "| tfidf |" in out and "- ours: @5" in out and "F1 minus tfidf's" in out


def test_docs_and_systems_choose_what_is_scored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "k")
    code, out, _ = _run(capsys, corpus, "--docs", "solar,rooms", "--systems", "tfidf", "--format", "json", *FAST)
    report = json.loads(out)
    assert code == 0 and report["documents"] == 2 and report["systems"] == ["tfidf"]


def test_output_folder_is_written_once_and_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "k")
    out = tmp_path / "out"
    code, _, err = _run(capsys, corpus, "-o", out, "--format", "markdown", *FAST)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["documents.csv", "keyphrases.md", "report.json"]
    rows = list(csv.DictReader(io.StringIO((out / "documents.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 3 * 2 * len(MATCHES) * len(CUTOFFS) and {r["id"] for r in rows} == set(DOCS)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _, err = _run(capsys, corpus, "-o", out, "--format", "markdown", *FAST)
    assert code == 1 and "--force" in err and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    code, _, err = _run(capsys, corpus, "-o", corpus / "inside", *FAST)
    assert code == 1 and "which the run reads" in err and not (corpus / "inside").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--systems", "ours,bm25"], "unknown keyphrase system 'bm25'; valid keyphrase systems: ours, tfidf"),
        (["--systems", "ours,ours"], "named twice"),
        (["--systems", ""], "empty only with --candidates"),
        (["--format", "html"], "--format must be one of table, json, markdown"),
        (["--sentences", "2"], "--sentences only applies to the summary evaluation"),
        (["--stem"], "--stem only applies to the summary evaluation"),
        (["--baseline", "lead"], "--baseline must be one of ours, tfidf"),
        (["--docs", "solar,nowhere"], "no document 'nowhere'"),
        (["--candidates", "ours=x"], "already taken"),
        (["--task", "topics"], "--task must be one of auto, summaries, keyphrases"),
    ],
)
def test_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    corpus = write_corpus(tmp_path / "k")
    code, out, err = _run(capsys, corpus, *args, *FAST)
    assert out == "" and expected in one_line_usage_error(code, err)


def test_task_keyphrases_on_a_summary_corpus_says_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    code, _, err = _run(capsys, seeds, "--task", "keyphrases", *FAST)
    assert code == 1 and "keyphrases.txt" in err and err.count("\n") == 1


@pytest.mark.easc
def test_akec_dev_a_few_documents(easc_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    akec = easc_dir.parent / "akec-dev"
    if not any(akec.glob("*/keyphrases.txt")):
        pytest.fail(f"AKEC dev corpus not found at {akec}", pytrace=False)
    ids = sorted(p.parent.name for p in akec.glob("*/keyphrases.txt"))[:4]
    code, out, err = _run(capsys, akec, "--docs", ",".join(ids), "--format", "json", *FAST)
    assert code == 0, err
    report = json.loads(out)
    assert report["documents"] == 4 and report["systems"] == ["ours", "tfidf"]
    f1 = {(m["system"], m["match"], m["k"]): m["mean"] for m in report["means"] if m["stat"] == "f1"}
    assert all(0.0 <= v <= 1.0 for v in f1.values())
    # the command's figure is the mean of the library's per-document scores
    corpus = load_keyphrase_corpus(akec)
    per_doc = [
        score_at([k.text for k in keywords(d.text, top=15)], d.gold, 10, "exact").f1 for d in corpus.documents if d.doc_id in ids
    ]
    assert f1[("ours", "exact", 10)] == pytest.approx(sum(per_doc) / len(per_doc))
