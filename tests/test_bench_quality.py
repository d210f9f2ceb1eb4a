"""The quality benchmark on a few EASC documents: systems, checks, outputs (needs EASC dev)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import quality
from benchmarks.output import REPO
from summarizer_eval.peers import PEER_NAMES


@pytest.fixture(scope="module")
def small(easc_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    corpus = tmp_path_factory.mktemp("easc-small")
    for doc in sorted(easc_dir.glob("easc-*"))[:5]:
        shutil.copytree(doc, corpus / doc.name)
    return corpus, quality.run_quality(corpus, resamples=200)


@pytest.mark.easc
@pytest.mark.slow
def test_every_system_is_scored_with_intervals(small: tuple[Path, dict]) -> None:
    _, results = small
    names = [s["name"] for s in results["systems"]]
    assert names[0] == "textrank"
    assert {"lead", "random", "oracle", *PEER_NAMES} <= set(names)
    assert any(n.startswith("textrank stop_words=") for n in names)
    assert any(n.startswith("textrank stem=") for n in names)
    for s in results["systems"]:
        for metric in results["settings"]["metrics"]:
            f = s["means"][metric]["f"]
            assert f["low"] <= f["mean"] <= f["high"]
        assert len(s["per_document_f"]["rouge1"]) == 5
    compared = {c["system"] for c in results["against_lead"]}
    assert compared == set(names) - {"lead"}
    oracle = next(s for s in results["systems"] if s["name"] == "oracle")
    assert all(oracle["means"][m]["f"]["mean"] >= s["means"][m]["f"]["mean"] for s in results["systems"] for m in ("rouge1",))


@pytest.mark.easc
@pytest.mark.slow
def test_sparse_check_compares_the_forced_sparse_path(small: tuple[Path, dict]) -> None:
    _, results = small
    check = results["sparse_check"]
    assert check["forced"] == "textrank graph=sparse" and check["documents"] == 5
    selected = {s["name"]: s["selected"] for s in results["systems"]}
    forced, default = selected["textrank graph=sparse"], selected["textrank"]
    assert check["identical_summaries"] == sum(forced[d] == default[d] for d in default)
    assert set(check["difference"]) == set(results["settings"]["metrics"])
    assert check["equal_within_interval"] == all(d["low"] <= 0.0 <= d["high"] for d in check["difference"].values())
    same = check["identical_summaries"] == 5
    assert not same or all(d["mean"] == 0.0 for d in check["difference"].values())


@pytest.mark.easc
@pytest.mark.slow
def test_results_hold_no_corpus_text(small: tuple[Path, dict], tmp_path: Path) -> None:
    corpus, results = small
    files = quality.RESULTS.write(results, tmp_path, force=False)
    written = files["json"].read_text("utf-8") + files["md"].read_text("utf-8")
    for doc in corpus.glob("*/document.txt"):
        for line in doc.read_text("utf-8").splitlines():
            assert line[:40] not in written or len(line) < 20
    assert "Paired difference with Lead" in files["md"].read_text("utf-8")
    assert files["png"].read_bytes()[:4] == b"\x89PNG"
    assert json.loads(files["json"].read_text("utf-8"))["corpus"]["documents"] == 5


def test_missing_corpus_is_a_one_line_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.quality", "--easc", str(tmp_path / "none"), "--out", str(tmp_path)],
        cwd=REPO,
        check=False, capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "EASC dev not found" in done.stderr
