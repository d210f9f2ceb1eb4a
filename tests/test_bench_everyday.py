"""The everyday-documents benchmark: every system in one run, the kept calls
as a bound, ratios from the run's own timings (never asserted against the clock)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks import everyday


@pytest.fixture(scope="module")
def run(news_corpus: Path) -> dict[str, Any]:
    return everyday.run_everyday(news_corpus, rounds=2)


def test_every_system_is_timed_per_document(run: dict[str, Any]) -> None:
    assert run["documents"] == 4 and run["rounds"] == 2
    assert set(run["seconds_per_document"]) == set(everyday.SYSTEMS)
    for name, seconds in run["all_seconds"].items():
        assert len(seconds) == 2
        assert run["seconds_per_document"][name] == min(seconds) / 4  # best round, per document


def test_targets_are_ratios_of_the_same_run(run: dict[str, Any]) -> None:
    per = run["seconds_per_document"]
    (sumy, floor) = run["targets"]
    assert sumy["measured"] == per["sumy-textrank"] / per["ours"] and sumy["met"] == (sumy["measured"] >= 3.0)
    assert floor["measured"] == per["floor"] / per["ours"] and floor["met"] == (floor["measured"] >= 1.0)
    assert sumy["with_kept_calls_only"] == per["sumy-textrank"] / per["kept"]


def test_batch_rate_and_report(run: dict[str, Any]) -> None:
    batch = run["batch"]
    assert batch["documents"] == 4 and batch["docs_per_s"] == 4 / batch["seconds"]
    text = everyday.format_markdown(run)
    assert "| sumy TextRank ÷ ours | ≥ 3× |" in text and "kept library calls alone" in text
    assert f"{batch['docs_per_s']:.0f} documents/s" in text


def test_kept_calls_are_the_pipeline_s_own(news_corpus: Path) -> None:
    """The bound times exactly what the pipeline hands scikit-learn and networkx."""
    from summarizer import Summarizer
    from summarizer.rank import build_graph, rank_graph
    from summarizer.vectorize import tfidf_weights

    texts = [p.read_text("utf-8") for p in sorted(news_corpus.glob("*/document.txt"))]
    given = everyday.pipeline_inputs(texts)
    s = Summarizer()
    for text, (terms, weights, n) in zip(texts, given["kept"]):
        document = s.prepare(text)
        assert (tfidf_weights(terms, sublinear_tf=s.sublinear_tf) != document.vectors.tfidf).nnz == 0
        expected = [x for i, x in enumerate(s.rank(document).scores) if i in document.nodes]
        got = rank_graph(build_graph(weights.edges, hub=weights.hub, forward=s.forward), n, damping=s.damping, personalization=weights.prior)
        assert got.tolist() == expected
