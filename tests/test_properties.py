"""Property tests: any Unicode text gives a valid summary or the library's error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import EmptyDocumentError, Summarizer
from summarizer.select import count_words

ARABIC_WORDS = ["قال", "الوزير", "إن", "التعاون", "مُهِمٌّ", "بين", "البلدين", "في", "مجال", "الأمن", "٢٠٢٤", "ـ"]
PUNCT = [".", "،", "؟", "!", "؛", "…", "\n", " ", "3.5", "د.", "«", "»"]

# Arbitrary Unicode, and text built from Arabic words and punctuation, which
# reaches far more of the segmenter's and ranker's branches.
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(ARABIC_WORDS + PUNCT), max_size=120).map(" ".join),
    st.lists(st.sampled_from(ARABIC_WORDS + PUNCT), max_size=120).map("".join),
)
budgets = st.one_of(
    st.builds(lambda r: {"ratio": r}, st.floats(min_value=0.01, max_value=1.0)),
    st.builds(lambda n: {"sentences": n}, st.integers(min_value=1, max_value=20)),
    st.builds(lambda n: {"words": n}, st.integers(min_value=1, max_value=200)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, budget=budgets, stem=st.booleans())
def test_summary_is_an_ordered_subset_within_budget(text: str, budget: dict[str, float], stem: bool) -> None:
    summarizer = Summarizer(stem=stem, **budget)  # type: ignore[arg-type]
    try:
        result = summarizer.summarize(text)
    except EmptyDocumentError:
        assert not any(ch.isalnum() for ch in text)
        return
    selected = result.selected
    assert selected, "a document with words always gives a summary"
    indices = [s.index for s in selected]
    assert indices == sorted(indices) and len(set(indices)) == len(indices)
    for s in result.sentences:
        assert text[s.start : s.end] == s.text
        assert s.words == count_words(s.text)  # what JSON, HTML and budgets count
    distinct = [s for s in result.sentences if s.duplicate_of is None]
    assert all(s.duplicate_of is None for s in selected)
    if "sentences" in budget:
        assert len(selected) <= budget["sentences"]
    elif "ratio" in budget:
        assert len(selected) <= max(1, round(budget["ratio"] * len(distinct) + 0.5))
    else:
        # Filled exactly in rank order, the crossing sentence cut (trim, the default).
        shown = sum(s.summary_words for s in selected)
        pool = [s for s in distinct if s.kind == "sentence"] or distinct
        assert shown == min(budget["words"], sum(s.words for s in pool))
        assert count_words(result.text) == shown
        assert sum(s.cut_end is not None for s in selected) <= 1


ENGLISH_WORDS = ["The", "minister", "said", "cooperation", "is", "important", "between", "both", "countries", "at", "10", "a.m.", "Dr.", "etc.", "Inc."]

#: Every option of the Summarizer, each over its whole accepted range (not
#: only the defaults): a value the validation accepts must summarize.
OPTION_STRATEGIES: dict[str, st.SearchStrategy[object]] = {
    "language": st.sampled_from(["auto", "ar", "en"]),
    "stop_words": st.booleans(),
    "stem": st.booleans(),
    "similarity": st.sampled_from(["cosine", "bm25", "overlap"]),
    "sublinear_tf": st.booleans(),
    "damping": st.one_of(
        st.floats(min_value=0.0, max_value=1.0, exclude_min=True, exclude_max=True),
        st.sampled_from([1e-12, 0.5, 0.9, 0.99, 0.999999, 1 - 1e-12, 0.9999999999999999]),
    ),
    "prior": st.sampled_from(["none", "position", "opening", "centroid"]),
    "prior_weight": st.floats(min_value=0.0, max_value=1.0),
    "length_penalty": st.floats(min_value=-2.0, max_value=2.0),
    "position_decay": st.floats(min_value=0.0, max_value=2.0),
    "min_similarity": st.floats(min_value=0.0, max_value=1.0, exclude_max=True),
    "forward": st.floats(min_value=0.0, max_value=1.0),
    "trim": st.booleans(),
    "duplicate_threshold": st.floats(min_value=0.0, max_value=1.0, exclude_min=True),
    "redundancy": st.floats(min_value=0.0, max_value=1.0, exclude_min=True),
    "diversity": st.floats(min_value=0.0, max_value=1.0, exclude_max=True),
    "include_headings": st.booleans(),
    "graph": st.sampled_from(["auto", "exact", "sparse"]),
    "top_k": st.integers(min_value=1, max_value=30),
    "keywords": st.integers(min_value=0, max_value=20),
    "keyword_window": st.integers(min_value=1, max_value=10),
}
all_options = st.fixed_dictionaries(OPTION_STRATEGIES)
mixed_texts = st.one_of(
    texts,
    st.lists(st.sampled_from(ENGLISH_WORDS + PUNCT), max_size=120).map(" ".join),
    st.lists(st.sampled_from(ARABIC_WORDS + ENGLISH_WORDS + PUNCT), min_size=1, max_size=80).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mixed_texts, budget=budgets, options=all_options)
def test_every_accepted_option_value_summarizes(text: str, budget: dict[str, float], options: dict[str, object]) -> None:
    summarizer = Summarizer(**budget, **options)  # type: ignore[arg-type]
    try:
        result = summarizer.summarize(text)
    except EmptyDocumentError:
        assert not any(ch.isalnum() for ch in text)
        return
    selected = result.selected
    assert selected
    for s in result.sentences:
        assert text[s.start : s.end] == s.text
        assert s.score >= 0.0 and s.score == s.score and s.score != float("inf")
    assert all(s.duplicate_of is None for s in selected)
    assert len(result.keywords) <= options["keywords"]  # type: ignore[operator]
    for k in result.keywords:
        assert any(text[a:b] == k.text for a, b in k.occurrences)
    distinct = [s for s in result.sentences if s.duplicate_of is None]
    if "sentences" in budget:
        assert len(selected) <= budget["sentences"]
    elif "ratio" in budget:
        assert len(selected) <= max(1, round(budget["ratio"] * len(distinct) + 0.5))
    else:
        if options["trim"]:
            assert sum(s.summary_words for s in selected) <= budget["words"]
        else:
            assert sum(s.words for s in selected) <= budget["words"] or len(selected) == 1


def test_the_fuzzing_covers_every_option() -> None:
    """Every option of Summarizer but the length budget (drawn by
    ``budgets``) is drawn over its accepted range above."""
    import dataclasses

    options = {f.name for f in dataclasses.fields(Summarizer) if f.init}
    assert set(OPTION_STRATEGIES) == options - {"ratio", "sentences", "words"}
