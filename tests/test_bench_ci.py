"""The CI subset's command: one table, exit 1 on a missed target.

The runs themselves are replaced by fakes with made-up results, so these
tests check the command's wiring (what it runs, with which sizes and
slack) and its verdicts, not any machine's speed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks import ci, corpora, quality, speed
from benchmarks.targets import Check


def _fake(checks: list[Check]):  # type: ignore[no-untyped-def]
    seen: list[Path] = []

    def run_ci(easc: Path, *, cap: float, log) -> tuple[list[Check], dict]:  # type: ignore[no-untyped-def]
        seen.append(easc)
        return checks, {}

    run_ci.seen = seen  # type: ignore[attr-defined]
    return run_ci


def test_all_checks_passing_exits_zero(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], news_corpus: Path) -> None:
    fake = _fake([Check("a", "≥ 1", "2", True)])
    monkeypatch.setattr(ci, "run_ci", fake)
    ci.main(["--easc", str(news_corpus)])
    out = capsys.readouterr().out
    assert "| a | ≥ 1 | 2 | yes |" in out and "all 1 checks passed" in out
    assert fake.seen == [news_corpus]  # the folder given, once


def test_a_missed_target_exits_one_and_names_it(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], news_corpus: Path) -> None:
    monkeypatch.setattr(ci, "run_ci", _fake([Check("a", "≥ 1", "2", True), Check("speed", "≤ 10×", "14×", False)]))
    with pytest.raises(SystemExit) as exit_:
        ci.main(["--easc", str(news_corpus)])
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "| speed | ≤ 10× | 14× | **no** |" in out and "1 of 2 checks failed: speed" in out


def test_missing_corpus_exits_one_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        ci.main(["--easc", str(tmp_path)])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("benchmarks.ci: error: EASC dev not found") and err.count("\n") == 1


# -- run_ci with fake runs: what is measured, and the 2× slack -------------------------


def _ok(seconds: float, peak: float = 500.0) -> dict[str, Any]:
    return {"status": "ok", "seconds": seconds, "peak_rss_mib": peak, "baseline_rss_mib": 90.0}


def _speed_result(*, floor_ratio: float, sumy_ratio: float) -> dict[str, Any]:
    """Times for the CI sizes: ours grows linearly; the ratios are as given."""
    rows = {
        100: {"ours": _ok(0.01), "floor": _ok(0.01 / floor_ratio)},
        1_000: {"ours": _ok(0.1), "floor": _ok(0.1 / floor_ratio), "sumy-textrank": _ok(0.1 * sumy_ratio)},
        10_000: {"ours": _ok(1.0), "floor": _ok(1.0 / floor_ratio)},
    }
    return {"workloads": [{"sentences": n, "synthetic": True, "systems": s} for n, s in rows.items()]}


def _install_fakes(monkeypatch: pytest.MonkeyPatch, speed_result: dict[str, Any], *, lead_verdict: str = "tie") -> dict[str, Any]:
    calls: dict[str, Any] = {"speed result": speed_result}

    def run_quality(easc: Path, **kw: Any) -> dict[str, Any]:
        calls["quality"] = (easc, kw)
        return {"against_random": [{"system": "textrank", "baseline": "random", "metric": "rouge1", "mean": 0.04}]}

    def run_corpora(**kw: Any) -> dict[str, Any]:
        calls["corpora"] = kw
        c = {"system": "textrank", "metric": "rouge1", "mean": -0.001, "low": -0.01, "high": 0.01, "verdict": lead_verdict}
        return {"corpora": [{"name": "bbc-ar", "against_lead": [c, {**c, "system": "lead-sentences"}]}]}

    def run_speed(**kw: Any) -> dict[str, Any]:
        calls["speed"] = kw
        return speed_result

    monkeypatch.setattr(quality, "run_quality", run_quality)
    monkeypatch.setattr(corpora, "run_corpora", run_corpora)
    monkeypatch.setattr(speed, "run_speed", run_speed)
    return calls


def test_the_subset_measures_what_the_issue_asks_for(monkeypatch: pytest.MonkeyPatch, news_corpus: Path) -> None:
    calls = _install_fakes(monkeypatch, _speed_result(floor_ratio=4.0, sumy_ratio=60.0))
    checks, raw = ci.run_ci(news_corpus, cap=7.0)
    assert calls["quality"][0] == news_corpus and calls["quality"][1]["ours_only"] is True
    assert calls["corpora"]["systems"] == ("textrank", "lead")
    s = calls["speed"]
    assert tuple(s["sizes"]) == (100, 1_000, 10_000) and s["easc"] == news_corpus and s["time_easc"] is False
    assert set(s["systems"]) == {"ours", "floor", "sumy-textrank"} and set(s["peer_sizes"]) == {1_000} and s["cap"] == 7.0
    assert raw["speed"] is calls["speed result"] and set(raw) == {"quality", "corpora", "speed"}
    names = [c.name for c in checks]
    assert names == [
        "TextRank rouge1 F ≥ Random",
        "bbc-ar: defaults rouge1 F not below Lead at equal length",  # textrank only, not the other system
        "sumy TextRank ÷ ours at 1,000 sentences",
        "ours ÷ TF-IDF floor at 10,000 sentences",  # the largest CI size
        "peak memory at 10,000 sentences",
        "growth of our time 1,000 → 10,000 sentences",
    ]
    assert all(c.ok for c in checks)


@pytest.mark.parametrize(
    ("floor_ratio", "sumy_ratio", "failed"),
    [
        (9.9, 26.0, []),  # both targets missed, each by less than 2×: CI passes
        (10.1, 26.0, ["ours ÷ TF-IDF floor at 10,000 sentences"]),  # 5× missed by more than 2×
        (9.9, 24.0, ["sumy TextRank ÷ ours at 1,000 sentences"]),  # 50× missed by more than 2×
    ],
)
def test_targets_get_twice_their_limit_in_ci(
    monkeypatch: pytest.MonkeyPatch, news_corpus: Path, floor_ratio: float, sumy_ratio: float, failed: list[str]
) -> None:
    _install_fakes(monkeypatch, _speed_result(floor_ratio=floor_ratio, sumy_ratio=sumy_ratio))
    checks, _ = ci.run_ci(news_corpus)
    assert [c.name for c in checks if not c.ok] == failed


def test_a_worse_verdict_against_lead_fails_ci(monkeypatch: pytest.MonkeyPatch, news_corpus: Path) -> None:
    _install_fakes(monkeypatch, _speed_result(floor_ratio=4.0, sumy_ratio=60.0), lead_verdict="worse")
    checks, _ = ci.run_ci(news_corpus)
    assert [c.name for c in checks if not c.ok] == ["bbc-ar: defaults rouge1 F not below Lead at equal length"]
