"""Every name-list option of summarize-eval is checked (issue 21, item 5).

``--baseline leed`` exited 0 and the comparison table silently disappeared,
and so did it with ``--systems ""`` and candidates only (Lead, the default
baseline, not evaluated). An unknown name or an empty list is a usage error
(exit 2, one line) in the house shape (``--X must be …, got …`` or
``unknown X …; valid Xs: …``), listing the valid names; the default
baseline is Lead, or the first system when Lead is not evaluated, so a
comparison is never dropped without a word.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer_eval import ArabicRouge, Bootstrap, EvalError, evaluate, load_corpus, make_systems
from summarizer_eval.cli import main
from summarizer_eval.evaluate import resolve_baseline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FAST = ["--resamples", "50"]
ALL = "textrank, lead, random, oracle, lead-sentences"  # the start of the list of valid systems


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main([*map(str, argv), *FAST])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return exit_info.value.code, out, err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--baseline", "leed"], "--baseline must be one of the systems evaluated (textrank, lead, random, oracle), got 'leed'"),
        (["--baseline", ""], "--baseline must be one of the systems evaluated (textrank, lead, random, oracle), got ''"),
        (["--systems", "textrank,random", "--baseline", "lead"], "--baseline must be one of the systems evaluated (textrank, random), got 'lead'"),
        (["--systems", "textrank", "--baseline", "leed"], f"--baseline must be one of {ALL}"),
        (["--systems", ""], f"--systems must be a comma-separated list of {ALL}"),
        (["--systems", " , "], f"--systems must be a comma-separated list of {ALL}"),
        (["--systems", "textrank,leed"], f"unknown system 'leed'; valid systems: {ALL}"),
        (["--systems", "textrank,leed"], "(did you mean 'lead'?)"),
        (["--docs", ""], "--docs must be a comma-separated list of document ids, got ''"),
        (["--docs", "nope"], "unknown document id 'nope'"),
        (["--docs", "hammouchi_zaabi,hammouchi_zaabi"], "given twice"),
        (["--format", "html", "--show-doc", "nope"], "unknown document id 'nope'"),
        (["--multi-ref", ""], "--multi-ref must be one of pooled, max, got ''"),
        (["--compare", "equal"], "--compare must be one of equal-length, as-is"),
    ],
)
def test_unknown_names_and_empty_lists_are_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = _run(capsys, SEEDS, *args)
    assert (code, out) == (2, ""), err
    assert err.startswith("summarize-eval: error: ") and err.count("\n") == 1, err
    assert message in err, err


def _candidates(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "hammouchi_zaabi.txt").write_text(text, encoding="utf-8")
    return folder


def test_without_lead_the_first_system_is_the_baseline(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = _run(capsys, SEEDS, "--systems", "random,textrank")
    assert code == 0, err
    assert "Paired bootstrap against random" in out and "\ntextrank " in out.split("Paired bootstrap against random")[1]
    # Candidates alone (--systems ""), as the README shows: compared with the first.
    first = _candidates(tmp_path, "first", "بدأ المدير العام للأمن الوطني زيارة إلى الإمارات.")
    second = _candidates(tmp_path, "second", "وعقد لقاء مع مدير جهاز أمن الدولة.")
    code, out, err = _run(capsys, SEEDS, "--systems", "", "--candidates", f"first={first}", "--candidates", f"second={second}", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["settings"]["baseline"] == "first"
    assert {(c["system"], c["baseline"]) for c in report["comparisons"]} == {("second", "first")}
    code, out, err = _run(capsys, SEEDS, "--systems", "", "--candidates", f"first={first}", "--candidates", f"second={second}", "--baseline", "lead")
    assert code == 2 and "--baseline must be one of the systems evaluated (first, second), got 'lead'" in err, err


def test_the_library_refuses_a_baseline_it_does_not_evaluate() -> None:
    assert resolve_baseline(None, ["textrank", "lead"]) == "lead"
    assert resolve_baseline(None, ["textrank", "random"]) == "textrank"
    assert resolve_baseline(None, ["textrank"]) == "lead"  # nothing to compare: the documented default
    assert resolve_baseline("random", ["textrank", "random"]) == "random"
    with pytest.raises(EvalError, match=r"baseline must be one of the systems evaluated \(textrank, random\), got 'lead'"):
        resolve_baseline("lead", ["textrank", "random"])
    with pytest.raises(EvalError, match="baseline must be one of textrank, lead, random"):
        resolve_baseline("leed", ["textrank"], known=["lead", "random"])
    scorer = ArabicRouge()
    corpus = load_corpus(SEEDS)
    with pytest.raises(EvalError, match="baseline must be one of the systems evaluated"):
        evaluate(corpus, systems=make_systems(["textrank", "random"], scorer=scorer), scorer=scorer, baseline="leed")
    report = evaluate(corpus, systems=make_systems(["random", "lead"], scorer=scorer), scorer=scorer, bootstrap=Bootstrap(resamples=20))
    assert report.settings["baseline"] == "lead" and {c.system for c in report.comparisons} == {"random"}
