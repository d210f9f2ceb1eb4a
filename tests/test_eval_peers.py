"""Peers run offline on our sentences, analysis and budget."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from summarizer_eval import DocumentView, make_budget
from summarizer_eval.peers import PEER_NAMES, PeerSystem, default_analyzer, make_peer
from summarizer_eval.systems import resolve_budget

ROOT = Path(__file__).resolve().parent.parent

#: A star: the first sentence shares one word with each of the next four,
#: which share nothing with each other; the last shares nothing at all.
SENTENCES = [
    "الناي والعود والقانون والطبل آلات موسيقية شرقية.",
    "صنع الناي من القصب.",
    "للعود أوتار كثيرة.",
    "يعزف القانون بالأصابع.",
    "يضرب الطبل بالعصا.",
    "فاز الفريق بالمباراة أمس.",
]


def _background() -> list[list[str]]:
    """IDF documents for the lexrank package: each sentence, plus others."""
    return [[s] for s in SENTENCES] + [["جملة عن الطقس اليوم.", "الطقس حار في الصيف."]]


@pytest.mark.parametrize("name", PEER_NAMES)
def test_each_peer_ranks_the_hub_of_a_star_first(name: str) -> None:
    """Every algorithm puts the sentence linked to all others first, which
    only happens if it received our Arabic tokens (unmatched tokens would
    leave every sentence alike)."""
    peer = make_peer(name, background=_background())
    scores = peer.scores(SENTENCES)
    assert len(scores) == len(SENTENCES)
    assert all(isinstance(s, float) for s in scores)
    assert scores[0] > max(scores[1:])


@pytest.mark.parametrize("name", PEER_NAMES)
def test_peer_settings_are_json_friendly(name: str) -> None:
    import json

    settings = make_peer(name, background=_background()).settings()
    assert json.loads(json.dumps(settings)) == settings
    assert settings["version"]


def test_peers_see_our_normalized_stemmed_tokens() -> None:
    analyze = default_analyzer()
    # diacritics, hamza variants and clitics collapse as in the summarizer
    assert analyze("أَكَّدَ الوزيرُ") == analyze("اكد الوزير")
    assert "في" not in analyze("الناي في الشرق")  # a stop word


def test_peer_system_keeps_the_budget_and_candidates() -> None:
    text = (ROOT / "seeds" / "hammouchi_zaabi.txt").read_text("utf-8")
    view = DocumentView.of("seed", text)
    budget = resolve_budget(make_budget(ratio=0.3), view)
    for name in PEER_NAMES:
        chosen = PeerSystem(make_peer(name, background=_background())).summarize(view, budget).selected
        assert list(chosen) == sorted(chosen)
        assert set(chosen) <= set(view.candidates)
        assert len(chosen) == budget.sentences


def test_unknown_peer_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="sumy-textrank"):
        make_peer("gensim")


def test_empty_analysis_does_not_crash() -> None:
    for name in PEER_NAMES:
        scores = make_peer(name, background=_background()).scores(["في من على.", "إلى عن."])
        assert len(scores) == 2 and all(math.isfinite(x) for x in scores)
