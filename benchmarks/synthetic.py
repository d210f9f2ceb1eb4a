"""Deterministic synthetic Arabic documents of any length, for speed runs.

Real long Arabic documents of 10,000–100,000 sentences with a licence that
lets us ship them do not exist here, so we build them from real vocabulary:
every word comes from the seed article or an EASC document, drawn with its
corpus frequency (so common words are as common as in news prose and the
similarity graph is as dense as a real text's). Paragraphs stay on one
"topic" (the words of one source document, mixed with the whole corpus), as
chapters of a long text do. Sentences are distinct and the output depends
only on the sources and the seed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Vocabulary", "load_vocabulary", "synthetic_document"]

_WORD = re.compile(r"[^\W_]+")
_ARABIC = re.compile("[\u0621-\u064a]")
#: Share of a sentence's words taken from its paragraph's topic.
TOPIC_SHARE = 0.7
SENTENCE_WORDS = (6, 30)
PARAGRAPH_SENTENCES = (3, 8)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Word streams (with repetition, i.e. frequency-weighted) per source."""

    topics: tuple[tuple[str, ...], ...]
    everything: tuple[str, ...]


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if _ARABIC.search(w)]


def load_vocabulary(sources: list[Path]) -> Vocabulary:
    """Read the words of each source text (one topic per file)."""
    topics = []
    for path in sorted(sources):
        words = _words(path.read_text("utf-8", errors="replace"))
        if len(words) >= 20:
            topics.append(tuple(words))
    if not topics:
        raise ValueError("no source text with at least 20 Arabic words")
    return Vocabulary(topics=tuple(topics), everything=tuple(w for t in topics for w in t))


def default_sources(repo: Path, easc: Path | None) -> list[Path]:
    """The seed article plus every EASC document that is present."""
    sources = [repo / "seeds" / "hammouchi_zaabi.txt"]
    if easc is not None and easc.is_dir():
        sources += sorted(easc.glob("*/document.txt"))
    return sources


def synthetic_document(n_sentences: int, vocabulary: Vocabulary, *, seed: int = 0) -> str:
    """A text of exactly ``n_sentences`` distinct sentences, one paragraph a line.

    Every sentence ends with a full stop after a word of two or more
    letters, so the segmenter finds exactly ``n_sentences`` units.
    """
    if n_sentences < 1:
        raise ValueError(f"n_sentences must be >= 1, got {n_sentences}")
    rng = random.Random(seed)
    seen: set[str] = set()
    paragraphs: list[str] = []
    topics, everything = vocabulary.topics, vocabulary.everything
    while len(seen) < n_sentences:
        topic = topics[rng.randrange(len(topics))]
        paragraph: list[str] = []
        for _ in range(min(rng.randint(*PARAGRAPH_SENTENCES), n_sentences - len(seen))):
            for _attempt in range(100):
                length = rng.randint(*SENTENCE_WORDS)
                words = [_pick(rng, topic if rng.random() < TOPIC_SHARE else everything) for _ in range(length)]
                while len(words[-1]) < 2:
                    words[-1] = _pick(rng, everything)
                sentence = " ".join(words) + "."
                if sentence not in seen:
                    break
            else:  # pragma: no cover - 30 random words never repeat 100 times
                raise RuntimeError("could not draw a new distinct sentence")
            seen.add(sentence)
            paragraph.append(sentence)
        paragraphs.append(" ".join(paragraph))
    return "\n".join(paragraphs) + "\n"


def _pick(rng: random.Random, words: tuple[str, ...]) -> str:
    return words[rng.randrange(len(words))]
