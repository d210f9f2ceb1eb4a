"""Systems see the same sentences and the same budget; baselines behave."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import Summarizer
from summarizer.select import MIN_CUT_WORDS, Budget, count_words
from summarizer_eval import (
    DEFAULT_SYSTEMS,
    SYSTEM_NAMES,
    ArabicRouge,
    DocumentView,
    EvalError,
    Lead,
    LeadSentences,
    Oracle,
    Random,
    System,
    TextRank,
    load_corpus,
    make_budget,
    make_systems,
)
from summarizer_eval.rouge import mean_f
from summarizer_eval.systems import describe_budget, resolve_budget

from .texts import CORPUS_IDS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scorer() -> ArabicRouge:
    return ArabicRouge()


@pytest.fixture(scope="module")
def seed_view(scorer: ArabicRouge) -> DocumentView:
    doc = load_corpus(ROOT / "seeds").documents[0]
    return DocumentView.of(doc.doc_id, doc.text, references=[scorer.tokenize(r) for r in doc.references])


@pytest.fixture(scope="module")
def news_views(scorer: ArabicRouge, news_corpus: Path) -> list[DocumentView]:
    docs = load_corpus(news_corpus).subset(list(CORPUS_IDS)).documents
    return [DocumentView.of(d.doc_id, d.text, references=[scorer.tokenize(r) for r in d.references]) for d in docs]


def test_seed_view_excludes_byline_and_repeated_paragraphs(seed_view: DocumentView) -> None:
    units = seed_view.units
    assert units[0].kind == "heading"  # ناظور سيتي: متابعة
    assert len(units) == 10
    assert seed_view.candidates == (1, 2, 5, 6, 7)  # 3, 4, 8, 9 repeat 1, 2, 6, 7
    assert len({seed_view.tokens[i] for i in seed_view.candidates}) == 5
    assert resolve_budget(Budget(ratio=0.3), seed_view) == Budget(sentences=2)  # round(1.5) = 2
    assert resolve_budget(Budget(ratio=0.01), seed_view) == Budget(sentences=1)  # at least one
    assert resolve_budget(Budget(sentences=9), seed_view) == Budget(sentences=5)
    assert resolve_budget(Budget(words=50), seed_view) == Budget(words=50)


def test_lead_sentences_takes_the_first_selectable_sentences(seed_view: DocumentView) -> None:
    lead = LeadSentences()
    assert lead.summarize(seed_view, Budget(sentences=3)).selected == (1, 2, 5)
    # A word budget: sentences are taken in order while they fit (47 + 35 words).
    assert lead.summarize(seed_view, Budget(words=90)).selected == (1, 2)
    assert lead.summarize(seed_view, Budget(words=40)).selected == (2,)  # the first does not fit, nor a third
    assert lead.summarize(seed_view, Budget(words=5)).selected == (1,)  # none fits: the best single one


def test_lead_is_the_first_words_a_reader_sees(seed_view: DocumentView) -> None:
    """Title/byline lines and repeats count: Lead is the document's opening,
    whatever the segmenter calls selectable."""
    text = seed_view.text
    words = text.split()
    # A sentence count: the first units, the byline included.
    two = Lead().summarize(seed_view, Budget(sentences=2))
    assert two.selected == (0, 1) and two.sentences == (seed_view.units[0].text, seed_view.units[1].text)
    # A word budget: exactly the first N words, the last sentence cut mid-way.
    for n in (1, 3, 10, 25, 60):
        cut = Lead().summarize(seed_view, Budget(words=n))
        assert cut.words == n
        flat = [t for s in cut.tokens for t in s]
        assert flat == [t for toks in seed_view.tokens for t in toks][:n]
        joined = " ".join(cut.sentences)
        assert count_words(joined) == n and text.startswith(cut.sentences[0])
    assert Lead().summarize(seed_view, Budget(words=10)).sentences[-1] in " ".join(words[:12])
    everything = Lead().summarize(seed_view, Budget(words=10_000))
    assert everything.selected == tuple(range(len(seed_view.units)))


def test_random_is_seeded_per_document(news_views: list[DocumentView]) -> None:
    view = max(news_views, key=lambda v: len(v.candidates))
    budget = resolve_budget(Budget(ratio=0.3), view)
    picks = {Random(seed=s).summarize(view, budget).selected for s in range(6)}
    assert len(picks) > 1
    assert Random(seed=3).summarize(view, budget) == Random(seed=3).summarize(view, budget)
    for pick in picks:
        assert len(pick) == budget.sentences and set(pick) <= set(view.candidates)


def test_textrank_is_the_summarizer_with_the_shared_budget(news_views: list[DocumentView]) -> None:
    summarizer = Summarizer(stem=False)
    for view in news_views:
        budget = resolve_budget(Budget(ratio=0.3), view)
        chosen = TextRank(summarizer).summarize(view, budget).selected
        direct = Summarizer(stem=False, sentences=budget.sentences).summarize(view.text)
        assert chosen == tuple(s.index for s in direct.selected)
        assert set(chosen) <= set(view.candidates)


def test_every_system_gets_the_same_budget(news_views: list[DocumentView], scorer: ArabicRouge) -> None:
    background = [[u.text for u in v.units] for v in news_views]
    systems = make_systems(list(SYSTEM_NAMES), scorer=scorer, background=lambda: background)
    assert [s.name for s in systems] == list(SYSTEM_NAMES)
    assert all(isinstance(s, System) for s in systems)
    for view in news_views:
        budget = resolve_budget(Budget(ratio=0.3), view)
        for system in systems:
            summary = system.summarize(view, budget)
            chosen = summary.selected
            assert list(chosen) == sorted(set(chosen))
            assert summary.sentences == view.sentences(chosen)
            if system.name == "lead":  # the opening units, whatever they are
                assert chosen == tuple(range(budget.sentences))
                continue
            assert set(chosen) <= set(view.candidates)
            if system.name == "textrank":  # merges near duplicates: may have fewer to pick from
                assert 1 <= len(chosen) <= budget.sentences
            else:
                assert len(chosen) == budget.sentences, system.name
        words = Budget(words=80)
        for system in systems:
            summary = system.summarize(view, words)
            if system.name == "lead":
                assert summary.words == 80
                continue
            if system.name in ("textrank", "oracle"):  # fill the budget, the crossing sentence cut
                full = min(80, sum(view.word_counts[c] for c in view.candidates))
                if system.name == "textrank" and summary.words < full:
                    # Whole sentences only: what was left was too few words for a cut piece.
                    assert full - MIN_CUT_WORDS < summary.words == sum(view.word_counts[i] for i in summary.selected)
                else:
                    assert summary.words == full, system.name
                continue
            total = sum(view.word_counts[i] for i in summary.selected)
            assert total == summary.words
            assert total <= 80 or len(summary.selected) == 1, system.name


def test_oracle_maximizes_rouge_greedily(news_views: list[DocumentView], seed_view: DocumentView) -> None:
    oracle = Oracle(ArabicRouge(metrics=("rouge1", "rouge2")))
    for view in [seed_view, *news_views]:
        value = lambda chosen: mean_f(oracle.scorer.score_tokenized(oracle.scorer.truncate([view.tokens[i] for i in chosen]), view.references))  # noqa: E731
        one = oracle.summarize(view, Budget(sentences=1)).selected
        assert value(one) == max(value([c]) for c in view.candidates)  # the best single sentence
        budget = resolve_budget(Budget(ratio=0.3), view)
        best = oracle.summarize(view, budget).selected
        for other in (LeadSentences(), Random(seed=1)):
            assert value(best) >= value(other.summarize(view, budget).selected) - 1e-12


def test_oracle_finds_the_reference_sentence() -> None:
    text = "الطقس جميل اليوم في المدينة. وقع الوزير اتفاقية التعاون الامني مع نظيره. اكلنا في المطعم الجديد."
    view = DocumentView.of("t", text, references=[ArabicRouge().tokenize("وقع الوزير اتفاقية التعاون الامني")])
    assert Oracle().summarize(view, Budget(sentences=1)).selected == (1,)
    with pytest.raises(EvalError, match="needs the reference"):
        Oracle().summarize(DocumentView.of("t", text), Budget(sentences=1))


def test_headings_only_document_selects_among_headings() -> None:
    view = DocumentView.of("h", "عنوان اول\nعنوان ثان\nعنوان ثالث")
    assert [u.kind for u in view.units] == ["heading", "heading", "sentence"]
    assert LeadSentences().summarize(view, Budget(sentences=1)).selected == (2,)
    assert Lead().summarize(view, Budget(sentences=1)).selected == (0,)
    only = DocumentView.of("h", "عنوان اول\nعنوان اول")
    assert only.candidates == (0,) and count_words(only.units[0].text) == 2


def test_make_systems_and_budget_errors(scorer: ArabicRouge) -> None:
    with pytest.raises(EvalError, match=r"unknown system 'bm25'; valid systems: textrank, lead, random, oracle, lead-sentences, sumy-textrank"):
        make_systems(["lead", "bm25"], scorer=scorer)
    with pytest.raises(EvalError, match="named twice"):
        make_systems(["lead", "lead"], scorer=scorer)
    assert make_systems([], scorer=scorer) == ()
    assert [s.name for s in make_systems(list(DEFAULT_SYSTEMS), scorer=scorer)] == ["textrank", "lead", "random", "oracle"]
    assert make_budget() == Budget(ratio=0.3)
    with pytest.raises(ValueError, match="only one of ratio, sentences or words"):
        make_budget(ratio=0.2, words=10)
    with pytest.raises(ValueError, match=r"ratio must be a number in \(0, 1\]"):
        make_budget(ratio=1.5)
    assert "same sentence count for every system" in describe_budget(Budget(ratio=0.3))
    assert describe_budget(Budget(words=80)).startswith("80 words")
