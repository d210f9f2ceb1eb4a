"""Synthetic documents for the speed benchmark: deterministic, distinct, exact size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.synthetic import default_sources, load_vocabulary, synthetic_document
from summarizer.segment import segment

ROOT = Path(__file__).resolve().parent.parent
from .conftest import EASC  # noqa: E402  (one definition for the suite)


@pytest.fixture(scope="module")
def vocabulary():  # type: ignore[no-untyped-def]
    return load_vocabulary(default_sources(ROOT, EASC))


@pytest.mark.parametrize("n", [1, 2, 7, 100, 1_000])
def test_segmenter_finds_exactly_n_distinct_sentences(vocabulary, n: int) -> None:  # type: ignore[no-untyped-def]
    text = synthetic_document(n, vocabulary, seed=3)
    units = segment(text, language="ar")
    assert len(units) == n
    assert all(u.kind == "sentence" for u in units)
    assert len({u.text for u in units}) == n


def test_same_seed_same_text_other_seed_other_text(vocabulary) -> None:  # type: ignore[no-untyped-def]
    a = synthetic_document(300, vocabulary, seed=0)
    assert a == synthetic_document(300, vocabulary, seed=0)
    assert a != synthetic_document(300, vocabulary, seed=1)
    # a prefix property: a longer document starts like a shorter one would not
    # need to hold, but sizes must not leak into each other's randomness
    assert synthetic_document(50, vocabulary, seed=0) == synthetic_document(50, vocabulary, seed=0)


def test_words_come_from_the_sources_only(vocabulary) -> None:  # type: ignore[no-untyped-def]
    words = set(vocabulary.everything)
    text = synthetic_document(200, vocabulary, seed=5)
    assert set(re.findall(r"[^\W_]+", text)) <= words


def test_vocabulary_uses_easc_when_present() -> None:
    seed_only = load_vocabulary(default_sources(ROOT, None))
    both = load_vocabulary(default_sources(ROOT, EASC))
    assert len(seed_only.topics) == 1
    assert len(both.topics) == 1 + len(list(EASC.glob("*/document.txt")))
    assert len(set(both.everything)) > 20 * len(set(seed_only.everything))


def test_bad_sizes_and_sources_are_refused(tmp_path: Path, vocabulary) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="n_sentences"):
        synthetic_document(0, vocabulary)
    short = tmp_path / "short.txt"
    short.write_text("كلمة واحدة فقط", encoding="utf-8")
    with pytest.raises(ValueError, match="20 Arabic words"):
        load_vocabulary([short])
