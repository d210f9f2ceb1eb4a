"""Keyphrases (summarizer.keyphrases): exact offsets, the seed, bad input, one analysis."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import InvalidOptionError, Keyword, Summarizer, keywords, summarize
from summarizer.keyphrases import KeyphraseRules, group_of, plural_stem, rules_for, stop_words_for, tokens
from summarizer.text.normalize import normalize, tokenize

from .texts import ARTICLES, ENGLISH_ARTICLE

ARTICLE = ARTICLES[0]

ARABIC_WORDS = ["قال", "الوزير", "إن", "التعاون", "مُهِمٌّ", "بين", "البلدين", "في", "مجال", "الأمن", "والأمن", "٢٠٢٤", "ـ", "الطاقةُ", "الشمسية", "وزارة"]
LATIN_WORDS = ["Solar", "energy", "grid-based", "storage", "the", "of", "Methods", "method", "İstanbul", "½", "ﷺ", "x\u200cy"]
PUNCT = [".", "،", "؟", "!", "؛", "…", "\n", " ", "  ", "-", "3.5", "د.", "«", "»", "\u200f", ":"]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(ARABIC_WORDS + LATIN_WORDS + PUNCT), max_size=120).map(" ".join),
    st.lists(st.sampled_from(ARABIC_WORDS + LATIN_WORDS + PUNCT), max_size=120).map("".join),
)


def groups(surface: str) -> list[str]:
    return [group_of(t) for t in tokenize(normalize(surface))]


def check_offsets(text: str, found: list[Keyword]) -> None:
    """Every occurrence is a slice of the text that is the phrase as written
    there: the same words (up to their stems) as the keyword, starting and
    ending with a word; the keyword's text is one of them, its key that
    text normalized."""
    for k in found:
        assert k.occurrences, k
        assert k.key == " ".join(tokenize(normalize(k.text)))
        assert any(text[s:e] == k.text for s, e in k.occurrences)
        for s, e in k.occurrences:
            surface = text[s:e]
            assert 0 <= s < e <= len(text)
            assert surface[0].isalnum() and surface == surface.strip()
            assert groups(surface) == groups(k.text), (surface, k.text)
    keys = [tuple(groups(k.text)) for k in found]
    assert len(set(keys)) == len(keys), "a phrase is listed once"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, top=st.integers(min_value=1, max_value=20))
def test_offsets_are_exact_on_generated_texts(text: str, top: int) -> None:
    found = keywords(text, top=top)
    assert len(found) <= top
    check_offsets(text, found)
    scores = [k.score for k in found]
    assert all(s > 0 for s in scores)


def test_offsets_are_exact_on_real_texts(seed_text: str) -> None:
    for text in (seed_text, *ARTICLES, ENGLISH_ARTICLE, "Title of it\n" + ENGLISH_ARTICLE):
        found = keywords(text, top=15)
        assert 1 <= len(found) <= 15
        check_offsets(text, found)


def test_seed_top_ten_name_hammouchi_and_al_zaabi(seed_text: str) -> None:
    # The seed writes them حموشي (Abdellatif Hammouchi) and الزعابي (Talal
    # Rashid Al Zaabi).
    shown = " ".join(k.text for k in keywords(seed_text, top=10))
    assert "حموشي" in shown
    assert "الزعابي" in shown


def test_byline_does_not_feed_and_repeats_count_once(seed_text: str) -> None:
    found = keywords(seed_text, top=15)
    assert not any("ناظور" in k.text or "متابعة" in k.text for k in found)  # the byline heading
    once = keywords(seed_text + "\n" + seed_text.split("\n", 1)[1], top=15)  # every paragraph repeated
    assert [k.text for k in once] == [k.text for k in found]


def test_summary_carries_the_same_keyphrases(seed_text: str) -> None:
    result = summarize(seed_text, keywords=10)
    assert result.keywords == tuple(keywords(seed_text, top=10))
    assert Summarizer(keywords=10).summarize(seed_text).keywords == result.keywords
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert [k["text"] for k in data["keywords"]] == [k.text for k in result.keywords]
    assert all(seed_text[s:e] for k in data["keywords"] for s, e in k["occurrences"])
    assert "keywords" not in summarize(seed_text).to_dict()  # not asked for
    assert summarize(seed_text).keywords == ()


@pytest.mark.parametrize("top", [0, -1, 2.5, True, "3", None])
def test_top_must_be_a_positive_whole_number(top: object) -> None:
    with pytest.raises(InvalidOptionError, match=r"^top must be a positive whole number, got"):
        keywords(ARTICLE, top=top)  # type: ignore[arg-type]


@pytest.mark.parametrize(("options", "message"), [
    ({"keywords": -1}, "keywords must be a whole number of at least 0"),
    ({"keywords": 1.5}, "keywords must be a whole number of at least 0"),
    ({"keyword_window": 0}, "keyword_window must be a positive whole number"),
])
def test_keyword_options_are_validated(options: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidOptionError, match=message):
        summarize(ARTICLE, **options)


def test_text_must_be_a_string() -> None:
    with pytest.raises(InvalidOptionError, match="text must be str"):
        keywords(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   \n", "...!!", "the of and to", "في من إلى على", "2024 ١٢٣ 3.5"])
def test_no_content_word_gives_an_empty_list(text: str) -> None:
    assert keywords(text) == []
    if any(c.isalnum() for c in text):
        assert summarize(text, keywords=5).keywords == ()


@pytest.mark.parametrize(("text", "word"), [("energy energy energy", "energy"), ("الطاقة. الطاقة، الطاقة!", "الطاقة"), ("Solar", "Solar")])
def test_one_repeated_word_is_the_one_keyword(text: str, word: str) -> None:
    (only,) = keywords(text, top=10)
    assert only.text == word
    assert [text[s:e] for s, e in only.occurrences] == [word] * text.count(word)


def test_phrases_stop_at_stop_words_and_punctuation() -> None:
    text = "Solar energy storage, of grid-scale storage. Solar energy storage systems work."
    found = keywords(text, top=10)
    assert all("," not in k.text and "." not in k.text and " of " not in f" {k.text} " for k in found)
    assert "grid-scale storage" in [k.text for k in found]  # a hyphen joins


def test_conjunction_starts_a_new_phrase() -> None:
    text = "التعاون الأمني مهم. الأمن والتعاون الأمني ركيزة."
    for k in keywords(text, top=10):
        assert not k.text.startswith("و"), k
        for s, e in k.occurrences:
            assert text[s:e] != "والتعاون"


def test_nested_phrases_collapse() -> None:
    text = "Solar energy storage matters. Solar energy storage grows. Energy storage is solar energy storage."
    shown = [k.text for k in keywords(text, top=10)]
    assert "Solar energy storage" in shown or "solar energy storage" in shown
    assert "energy storage" not in [s.lower() for s in shown]


def test_plural_stem_is_harmans() -> None:
    # Harman (1991): ies -> y, es -> e, s -> (none), each but after its exceptions;
    # words under four letters are left alone ("gas", "its").
    assert [plural_stem(w) for w in ["queries", "methods", "glasses", "status", "boxes", "abs", "goes", "its"]] == [
        "query", "method", "glasse", "status", "boxe", "abs", "goe", "its",
    ]


def test_rules_are_validated() -> None:
    with pytest.raises(InvalidOptionError, match="window must be a positive whole number"):
        KeyphraseRules(window=0)
    with pytest.raises(InvalidOptionError, match="collapse must be one of"):
        KeyphraseRules(collapse="all")  # type: ignore[arg-type]
    with pytest.raises(InvalidOptionError, match="single"):
        KeyphraseRules(single=1.5)
    with pytest.raises(InvalidOptionError, match="endings must be one of"):
        KeyphraseRules(endings="french")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_tokens_are_the_written_words_of_each_unit(text: str) -> None:
    """The columnar reading (one split of all units) against a word-by-word
    one: each token is a slice of its unit that normalizes to its key (less
    a leading "و" split off), tokens follow each other without overlap, a
    unit has as many as its normalized text, and a phrase goes on exactly
    where only spaces or one hyphen stand between two words."""
    import re

    from summarizer.pipeline import normalize_all, split
    from summarizer.vectorize import load_stop_words

    try:
        seg = split(text)
    except Exception:  # no sentence: nothing to read
        return
    normalized = normalize_all([u.text for u in seg.units])
    rules = rules_for(seg.language)
    found = tokens(text, seg.units, normalized, stop_words=stop_words_for(load_stop_words(seg.language), seg.language), rules=rules)
    starts, ends, units = found.start.tolist(), found.end.tolist(), found.unit.tolist()
    for i, unit in enumerate(seg.units):
        mine = [j for j, u in enumerate(units) if u == i]
        assert all(unit.start <= starts[j] < ends[j] <= unit.end for j in mine)
        assert all(ends[j] <= starts[k] for j, k in zip(mine, mine[1:]))
        if len(tokenize(normalized[i])) == len(mine):
            for j in mine:
                key = found.keys[found.key[j]]
                assert tokenize(normalize(text[starts[j] : ends[j]])) == [key], (text[starts[j] : ends[j]], key)
        if mine:
            assert not found.joined[mine[0]]
        for j, k in zip(mine, mine[1:]):
            gap = text[ends[j] : starts[k]]
            if not found.joined[k]:
                continue  # a gap that breaks, or a "و" split off
            assert re.fullmatch(r"\s*[-‐‑]?\s*", gap), gap


def test_english_phrases_end_in_their_noun() -> None:
    text = (
        "Sensor data collected remotely is noisy. The sensor data collected are filtered. "
        "Filtering sensor data improves the sensor data quality estimated daily."
    )
    shown = [k.text.lower() for k in keywords(text, top=10)]
    assert shown and all(not w.endswith(("ed", "ly")) for k in shown for w in k.split()[-1:]), shown
    assert "sensor data" in shown


@pytest.mark.parametrize("seed", range(6))
def test_pagerank_is_networkx_pagerank(seed: int) -> None:
    import networkx as nx
    import numpy as np
    from scipy.sparse import csr_matrix

    from summarizer.keyphrases import pagerank

    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 40))
    dense = rng.integers(0, 4, size=(n, n)) * (rng.random((n, n)) < 0.2)
    dense = np.triu(dense, 1)
    dense = (dense + dense.T).astype(np.float64)
    dense[:, :2] = dense[:2, :] = 0.0  # two dangling vertices
    prior = rng.random(n) if seed % 2 else None
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from((i, j, dense[i, j]) for i in range(n) for j in range(i + 1, n) if dense[i, j])
    expected = nx.pagerank(G, alpha=0.85, personalization=None if prior is None else dict(enumerate(prior)), weight="weight", tol=1e-12, max_iter=1000)
    got = pagerank(csr_matrix(dense), damping=0.85, personalization=prior)
    assert got == pytest.approx([expected[i] for i in range(n)], abs=1e-8)
