"""The CI subset's command: one table, exit 1 on a missed target."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import ci
from benchmarks.targets import Check

from .conftest import EASC  # noqa: E402  (one definition for the suite)


def _fake(checks: list[Check]):  # type: ignore[no-untyped-def]
    def run_ci(easc: Path, *, cap: float, log) -> tuple[list[Check], dict]:  # type: ignore[no-untyped-def]
        assert easc == EASC
        return checks, {}

    return run_ci


def test_all_checks_passing_exits_zero(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(ci, "run_ci", _fake([Check("a", "≥ 1", "2", True)]))
    ci.main(["--easc", str(EASC)])
    out = capsys.readouterr().out
    assert "| a | ≥ 1 | 2 | yes |" in out and "all 1 checks passed" in out


def test_a_missed_target_exits_one_and_names_it(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(ci, "run_ci", _fake([Check("a", "≥ 1", "2", True), Check("speed", "≤ 10×", "14×", False)]))
    with pytest.raises(SystemExit) as exit_:
        ci.main(["--easc", str(EASC)])
    assert exit_.value.code == 1
    assert "1 of 2 checks failed: speed" in capsys.readouterr().out


def test_missing_corpus_exits_one_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        ci.main(["--easc", str(tmp_path)])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("benchmarks.ci: error: EASC dev not found") and err.count("\n") == 1


def test_the_subset_is_the_one_the_issue_asks_for() -> None:
    assert ci.CI_SIZES == (100, 1_000, 10_000) and ci.SLACK == 2.0
