"""Synthetic documents for the speed benchmark: deterministic, distinct, exact size.

The vocabulary is the seed article's and, in place of EASC dev, a folder of
the test articles in the EASC layout (tests/texts.py): the same code path
as a run with the corpus, without the corpus.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from benchmarks.synthetic import PARAGRAPH_SENTENCES, SENTENCE_WORDS, default_sources, load_vocabulary, synthetic_document
from summarizer.text.segment import segment

from .texts import ARTICLES

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hammouchi_zaabi.txt"


def arabic_words(text: str) -> list[str]:
    """The words (letter and digit runs) that hold an Arabic letter, as the module documents."""
    return [w for w in re.findall(r"[^\W_]+", text) if re.search("[\u0621-\u064a]", w)]


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An EASC-like folder: ``<id>/document.txt`` for each test article."""
    root = tmp_path_factory.mktemp("easc-like")
    for i, text in enumerate(ARTICLES):
        (root / f"doc-{i:02d}").mkdir()
        (root / f"doc-{i:02d}" / "document.txt").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def vocabulary(sources: Path):  # type: ignore[no-untyped-def]
    return load_vocabulary(default_sources(ROOT, sources))


@pytest.mark.parametrize("n", [1, 2, 7, 100, 1_000])
def test_segmenter_finds_exactly_n_distinct_sentences(vocabulary, n: int) -> None:  # type: ignore[no-untyped-def]
    text = synthetic_document(n, vocabulary, seed=3)
    units = segment(text, language="ar")
    assert len(units) == n
    assert all(u.kind == "sentence" for u in units)
    assert len({u.text for u in units}) == n


def test_sentences_and_paragraphs_have_the_documented_shape(vocabulary) -> None:  # type: ignore[no-untyped-def]
    text = synthetic_document(500, vocabulary, seed=4)
    assert text.endswith("\n") and "\n\n" not in text
    paragraphs = text.splitlines()
    low, high = PARAGRAPH_SENTENCES
    for k, paragraph in enumerate(paragraphs):
        sentences = [u.text for u in segment(paragraph, language="ar")]
        # the last paragraph holds what is left of the n sentences
        assert low <= len(sentences) <= high or (k == len(paragraphs) - 1 and 1 <= len(sentences) <= high)
        for s in sentences:
            words = s.removesuffix(".").split(" ")
            assert s.endswith(".") and SENTENCE_WORDS[0] <= len(words) <= SENTENCE_WORDS[1]
            assert len(words[-1]) >= 2  # the full stop follows a word of two letters or more


def test_same_seed_same_text_other_seed_other_text(vocabulary, sources: Path) -> None:  # type: ignore[no-untyped-def]
    a = synthetic_document(300, vocabulary, seed=0)
    assert a == synthetic_document(300, vocabulary, seed=0)
    assert a != synthetic_document(300, vocabulary, seed=1)
    # Only the sources and the seed count: not the order the files are
    # listed in, nor Python's global random state (which is left alone).
    reordered = load_vocabulary(list(reversed(default_sources(ROOT, sources))))
    random.seed(12345)
    state = random.getstate()
    assert synthetic_document(300, reordered, seed=0) == a
    assert random.getstate() == state


def test_words_come_from_the_sources_only(vocabulary) -> None:  # type: ignore[no-untyped-def]
    words = set(vocabulary.everything)
    text = synthetic_document(200, vocabulary, seed=5)
    assert set(re.findall(r"[^\W_]+", text)) <= words


def test_vocabulary_uses_the_easc_folder_when_present(sources: Path, tmp_path: Path) -> None:
    assert default_sources(ROOT, None) == default_sources(ROOT, tmp_path / "missing") == [SEED]
    assert default_sources(ROOT, sources) == [SEED, *sorted(sources.glob("*/document.txt"))]
    seed_only = load_vocabulary(default_sources(ROOT, None))
    both = load_vocabulary(default_sources(ROOT, sources))
    assert len(seed_only.topics) == 1
    assert len(both.topics) == 1 + len(ARTICLES)
    # Every Arabic word of every source, with its frequency; nothing else.
    expected = arabic_words(SEED.read_text("utf-8")) + [w for t in ARTICLES for w in arabic_words(t)]
    assert sorted(both.everything) == sorted(expected)
    assert set(seed_only.everything) < set(both.everything)


def test_bad_sizes_and_sources_are_refused(tmp_path: Path, vocabulary) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="n_sentences"):
        synthetic_document(0, vocabulary)
    short = tmp_path / "short.txt"
    short.write_text("كلمة واحدة فقط", encoding="utf-8")
    with pytest.raises(ValueError, match="20 Arabic words"):
        load_vocabulary([short])
