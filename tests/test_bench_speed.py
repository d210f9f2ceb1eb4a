"""The speed benchmark: stage split, workers in subprocesses, reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import speed
from benchmarks.output import REPO

ROOT = Path(__file__).resolve().parent.parent
from .conftest import EASC  # noqa: E402  (one definition for the suite)
SEED = (ROOT / "seeds" / "hammouchi_zaabi.txt").read_text("utf-8")


def test_stages_add_up_to_the_call() -> None:
    result = speed.worker("ours", [SEED, SEED], repeats=2)
    stages = result["stages"]
    assert set(stages) == set(speed.STAGES)
    assert all(v >= 0.0 for v in stages.values())
    assert sum(stages.values()) == pytest.approx(result["seconds"], rel=0.05)
    assert stages["segment"] > 0 and stages["pagerank"] > 0 and stages["graph"] > 0
    assert len(result["all_seconds"]) == 2 and result["seconds"] == min(result["all_seconds"])


def test_floor_and_unknown_systems() -> None:
    floor = speed.worker("floor", [SEED], repeats=1)
    assert floor["status"] == "ok" and floor["stages"] is None
    with pytest.raises(ValueError, match="valid systems"):
        speed.worker("gensim", [SEED], repeats=1)


@pytest.fixture(scope="module")
def small_run() -> dict:
    return speed.run_speed(sizes=[30, 300], easc=EASC, time_easc=False, systems=("ours", "floor", "summa"), cap=60)


def test_run_measures_in_fresh_processes_with_ratios(small_run: dict) -> None:
    rows = small_run["workloads"]
    assert [r["sentences"] for r in rows] == [30, 300]
    for r in rows:
        assert r["synthetic"]
        for system in ("ours", "floor", "summa"):
            assert r["systems"][system]["status"] == "ok"
            assert r["systems"][system]["peak_rss_mib"] >= r["systems"][system]["baseline_rss_mib"] > 0
        ours, floor = r["systems"]["ours"]["seconds"], r["systems"]["floor"]["seconds"]
        assert r["ratios"]["ours_over_floor"] == pytest.approx(ours / floor)
        assert r["ratios"]["summa_over_ours"] == pytest.approx(r["systems"]["summa"]["seconds"] / ours)
        assert r["ratios"]["sumy-textrank_over_ours"] is None  # not run
    assert len(small_run["growth"]) == 1 and small_run["growth"][0]["from"] == 30
    assert small_run["settings"]["vocabulary"] == "seed article and EASC dev"
    assert small_run["machine"]["cpus"] >= 1


def test_reports_render(small_run: dict, tmp_path: Path) -> None:
    text = speed.format_markdown(small_run)
    assert "| synthetic 300 | 300 |" in text and "ours ÷ floor" in text
    files = speed.RESULTS.write(small_run, tmp_path, force=False)
    assert json.loads(files["json"].read_text())["workloads"][0]["sentences"] == 30
    assert files["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(Exception, match="force=True"):
        speed.RESULTS.write(small_run, tmp_path, force=False)


def test_a_peer_over_its_cap_is_a_timeout_and_larger_sizes_are_skipped() -> None:
    result = speed.run_speed(sizes=[20, 40], easc=EASC, time_easc=False, systems=("summa",), cap=0.01)
    first, second = (r["systems"]["summa"] for r in result["workloads"])
    assert first == {"status": "timeout", "cap_seconds": 0.01}
    assert second["status"] == "skipped" and "timeout at 20" in second["reason"]
    assert "timeout (> 0.01 s)" in speed.format_markdown(result)


def test_command_line_errors_are_one_line(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "benchmarks.speed", *args], cwd=REPO, capture_output=True, text=True)

    missing = run("--easc", str(tmp_path / "nowhere"), "--out", str(tmp_path))
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [missing.stderr.strip()]
    assert "EASC dev not found" in missing.stderr and "--easc" in missing.stderr
    (tmp_path / "speed.md").write_text("mine")
    taken = run("--easc", str(EASC), "--out", str(tmp_path), "--sizes", "10")
    assert taken.returncode == 1 and "--force" in taken.stderr and "Traceback" not in taken.stderr
    assert (tmp_path / "speed.md").read_text() == "mine"
    bad = run("--sizes", "ten")
    assert bad.returncode == 2 and "whole numbers" in bad.stderr
