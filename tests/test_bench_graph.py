"""The fidelity benchmark's reference: exact TextRank without forming X Xᵀ."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.graph import exact_textrank, format_markdown, measure, tfidf_of
from benchmarks.synthetic import load_vocabulary, synthetic_document
from summarizer import rank
from summarizer.pipeline import prior_vector

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def X():  # type: ignore[no-untyped-def]
    vocabulary = load_vocabulary([ROOT / "seeds" / "hammouchi_zaabi.txt"])
    return tfidf_of(synthetic_document(250, vocabulary, seed=2))


@pytest.mark.parametrize(("damping", "prior"), [(0.85, "none"), (0.4, "position"), (0.6, "centroid")])
def test_reference_equals_networkx_on_the_exact_graph(X, damping: float, prior: str) -> None:  # type: ignore[no-untyped-def]
    p = prior_vector(prior, 0.5, X)
    expected = rank.pagerank(rank.similarity_matrix(X, method="exact"), damping=damping, personalization=p)
    assert np.allclose(exact_textrank(X, damping=damping, personalization=p), expected, atol=1e-8)


def test_report_lists_every_variant(X) -> None:  # type: ignore[no-untyped-def]
    text = measure("small", X, check_networkx=True)
    rows = text["settings"][0]["variants"]
    assert [(v["top_k"], v["hub"]) for v in rows] == [(k, h) for k in (5, 10, 20) for h in (False, True)]
    # More neighbours, more edges; the hub adds a node, never an edge between sentences.
    edges = {(v["top_k"], v["hub"]): v["edges"] for v in rows}
    assert edges[5, False] < edges[10, False] < edges[20, False] and all(edges[k, True] == edges[k, False] for k in (5, 10, 20))
    # What the hub is for: the sparse ranking agrees with the exact one better with it than without.
    agreement = {(v["top_k"], v["hub"]): (v["spearman"], v["top30_kept"]) for v in rows}
    for k in (5, 10, 20):
        assert agreement[k, True][0] > agreement[k, False][0] and agreement[k, True][0] <= 1.0
        assert agreement[k, False][1] <= agreement[k, True][1] <= 1.0
    assert text["settings"][0]["exact_networkx"]["max_abs_difference"] < 1e-8  # the reference is networkx's PageRank
    machine = {"date": "d", "commit": None, "processor": "p", "cpus": 2, "memory_gib": 1, "platform": "x", "python": "3", "load_average": [0.0]}
    assert "| 20 | yes |" in format_markdown({"machine": machine, "texts": [text]})
    wide = measure("small", X, check_networkx=False, budgets=(None, 100))
    assert {v["candidate_products"] for v in wide["settings"][0]["variants"]} == {rank.candidate_budget(X.shape[0]), 100}
