"""The speed benchmark: stage split, workers in subprocesses, reports.

Nothing here asserts on elapsed time. The stage split runs on a fake clock
that only the pipeline's stages advance, each by its own amount; ratios,
growth, timeouts and reports are checked on injected timings; the one real
run in fresh processes is checked for its structure and for ratios that
hold whatever the machine's speed.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from benchmarks import speed
from benchmarks.output import REPO
from summarizer.pipeline import STAGES as PIPELINE_STAGES

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "hammouchi_zaabi.txt").read_text("utf-8")

#: Fake seconds per stage: powers of two, so no sum of other stages can pass for one.
COSTS = {stage: 2.0 ** k for k, stage in enumerate(PIPELINE_STAGES)}


def test_stages_add_up_to_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = SimpleNamespace(now=0.0)
    calls = dict.fromkeys(COSTS, 0)

    class Ticking(speed.StageTimer):
        """The benchmark's own timer, on a clock that only the stages advance."""

        @contextmanager
        def stage(self, name: str) -> Iterator[None]:
            with super().stage(name):
                clock.now += COSTS[name]
                calls[name] += 1
                yield

    monkeypatch.setattr(speed, "StageTimer", Ticking)
    monkeypatch.setattr(speed, "time", SimpleNamespace(perf_counter=lambda: clock.now))

    from summarizer import Summarizer

    Summarizer().summarize(SEED, watcher=Ticking())  # one summary enters each stage once
    per_text = dict(calls)
    assert per_text == dict.fromkeys(PIPELINE_STAGES, 1)

    result = speed.worker("ours", [SEED, SEED], repeats=2)
    stages = result["stages"]
    assert set(stages) == set(speed.STAGES)
    # Each stage gets exactly its own time, for both texts, and "other" is
    # what is left of the call: nothing, on this clock.
    assert stages == {**{stage: 2 * COSTS[stage] for stage in PIPELINE_STAGES}, "other": 0.0}
    assert result["all_seconds"] == [sum(stages.values())] * 2
    assert result["seconds"] == sum(stages.values())
    assert result["status"] == "ok" and result["repeats"] == 2


def test_floor_and_unknown_systems() -> None:
    floor = speed.worker("floor", [SEED], repeats=1)
    assert floor["status"] == "ok" and floor["stages"] is None
    with pytest.raises(ValueError, match="valid systems"):
        speed.worker("gensim", [SEED], repeats=1)


# -- ratios, growth and reports on injected timings -------------------------------------

#: Seconds per system and size, as a worker would report them.
FAKE_SECONDS = {
    "ours": {30: 0.02, 300: 0.5},
    "floor": {30: 0.005, 300: 0.1},
    "summa": {30: 0.4, 300: 10.0},
}


def _fake_worker(system: str, load: speed.Workload, *, cap: float | None) -> dict[str, Any]:
    seconds = FAKE_SECONDS[system][load.sentences]
    stages = dict.fromkeys(speed.STAGES, seconds / len(speed.STAGES)) if system == "ours" else None
    return {"status": "ok", "seconds": seconds, "all_seconds": [seconds], "stages": stages, "repeats": 1,
            "baseline_rss_mib": 100.0, "peak_rss_mib": 100.0 + load.sentences / 10}


@pytest.fixture(scope="module")
def fake_run(news_corpus: Path) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as m:
        m.setattr(speed, "run_worker", _fake_worker)
        return speed.run_speed(sizes=[300, 30], easc=news_corpus, time_easc=False, systems=("ours", "floor", "summa"), cap=60)


def test_ratios_and_growth_come_from_the_run_s_own_timings(fake_run: dict[str, Any]) -> None:
    rows = fake_run["workloads"]
    assert [r["sentences"] for r in rows] == [30, 300]  # sizes in order, each exactly that long
    assert [r["ratios"] for r in rows] == [
        {"ours_over_floor": pytest.approx(4.0), "sumy-textrank_over_ours": None, "summa_over_ours": pytest.approx(20.0)},
        {"ours_over_floor": pytest.approx(5.0), "sumy-textrank_over_ours": None, "summa_over_ours": pytest.approx(20.0)},
    ]
    (growth,) = fake_run["growth"]
    assert (growth["from"], growth["to"]) == (30, 300)
    assert growth["slope"] == pytest.approx(math.log(0.5 / 0.02) / math.log(10))  # 1.40: faster than linear
    assert fake_run["settings"]["vocabulary"] == "seed article and EASC dev"
    assert fake_run["settings"]["systems"] == ["ours", "floor", "summa"] and fake_run["settings"]["cap_seconds"] == 60


def test_reports_render(fake_run: dict[str, Any], tmp_path: Path) -> None:
    text = speed.format_markdown(fake_run)
    assert "| synthetic 300 | 300 | 0.5 s | 0.1 s | – | 10 s | 5× | – | 20× |" in text
    assert "| synthetic 30 | 30 | 0.02 s | 0.005 s | – | 0.4 s | 4× | – | 20× |" in text
    assert "- 30 → 300 sentences: 1.40" in text
    assert "| synthetic 300 | 130 (100) | 130 (100) | 130 (100) |" in text
    files = speed.RESULTS.write(fake_run, tmp_path, force=False)
    assert json.loads(files["json"].read_text())["workloads"][0]["sentences"] == 30
    assert files["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(Exception, match="force=True"):
        speed.RESULTS.write(fake_run, tmp_path, force=False)


def test_a_peer_over_its_cap_is_a_timeout_and_larger_sizes_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap is the worker process's timeout (peers only); the process
    running past it is injected, not waited for."""
    real_run = subprocess.run
    timeouts: list[tuple[str, float | None]] = []

    def run(command: list[str], *args: Any, **kwargs: Any) -> Any:
        if command[1:4] != ["-m", "benchmarks.speed", "worker"]:
            return real_run(command, *args, **kwargs)  # e.g. git, for the run's machine record
        timeouts.append((command[4], kwargs.get("timeout")))
        if command[4] == "summa":
            raise subprocess.TimeoutExpired(command, kwargs["timeout"])
        done = {"status": "ok", "seconds": 0.25, "all_seconds": [0.25], "stages": None, "repeats": 1, "baseline_rss_mib": 1.0, "peak_rss_mib": 2.0}
        return subprocess.CompletedProcess(command, 0, stdout=json.dumps(done), stderr="")

    monkeypatch.setattr(speed.subprocess, "run", run)
    result = speed.run_speed(sizes=[20, 40], easc=None, time_easc=False, systems=("floor", "summa"), cap=0.01)
    assert timeouts == [("floor", None), ("summa", 0.01), ("floor", None)]  # summa is not run again at 40
    first, second = (r["systems"]["summa"] for r in result["workloads"])
    assert first == {"status": "timeout", "cap_seconds": 0.01}
    assert second == {"status": "skipped", "reason": "timeout at 20 sentences"}
    assert [r["systems"]["floor"]["seconds"] for r in result["workloads"]] == [0.25, 0.25]  # the worker's report, as sent
    assert "timeout (> 0.01 s)" in speed.format_markdown(result)
    assert result["settings"]["vocabulary"] == "seed article only"


# -- one real run, in fresh processes ---------------------------------------------------------


@pytest.mark.slow
def test_run_measures_in_fresh_processes_with_ratios(news_corpus: Path) -> None:
    run = speed.run_speed(sizes=[30, 300], easc=news_corpus, time_easc=False, systems=("ours", "floor", "summa"), cap=60)
    rows = run["workloads"]
    assert [r["sentences"] for r in rows] == [30, 300]
    for r in rows:
        assert r["synthetic"]
        for system in ("ours", "floor", "summa"):
            result = r["systems"][system]
            assert result["status"] == "ok"
            assert result["peak_rss_mib"] >= result["baseline_rss_mib"] > 0
            assert result["repeats"] == len(result["all_seconds"]) >= 1
            assert result["seconds"] == min(result["all_seconds"])
        ours, floor = r["systems"]["ours"], r["systems"]["floor"]
        assert set(ours["stages"]) == set(speed.STAGES) and floor["stages"] is None
        assert r["ratios"]["ours_over_floor"] == pytest.approx(ours["seconds"] / floor["seconds"])
        assert r["ratios"]["summa_over_ours"] == pytest.approx(r["systems"]["summa"]["seconds"] / ours["seconds"])
        assert r["ratios"]["sumy-textrank_over_ours"] is None  # not run
    assert len(run["growth"]) == 1 and run["growth"][0]["from"] == 30
    assert run["machine"]["cpus"] >= 1


def test_command_line_errors_are_one_line(tmp_path: Path, news_corpus: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "benchmarks.speed", *args], cwd=REPO, check=False, capture_output=True, text=True)

    missing = run("--easc", str(tmp_path / "nowhere"), "--out", str(tmp_path))
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [missing.stderr.strip()]
    assert "EASC dev not found" in missing.stderr and "--easc" in missing.stderr
    (tmp_path / "speed.md").write_text("mine")
    taken = run("--easc", str(news_corpus), "--out", str(tmp_path), "--sizes", "10")
    assert taken.returncode == 1 and "--force" in taken.stderr and "Traceback" not in taken.stderr
    assert (tmp_path / "speed.md").read_text() == "mine"
    bad = run("--sizes", "ten")
    assert bad.returncode == 2 and "whole numbers" in bad.stderr
