"""Property tests: any Unicode text gives a valid summary or the library's error.

Deterministic in CI (the ``ci`` profile of tests/conftest.py); inputs that
once failed are kept as ``@example`` cases.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarizer import EmptyDocumentError, InvalidOptionError, Summarizer
from summarizer.options import RULES
from summarizer.render.formats import format_summary
from summarizer.select import LENGTH_RULES, MIN_CUT_WORDS, count_words
from summarizer.text.normalize import normalize, tokenize
from summarizer.validate import Interval

from .conftest import HYPOTHESIS_PROFILES, SEED

#: Made when this module is imported, as every test's ``@settings`` are: it
#: must already see the profile loaded by tests/conftest.py.
_IMPORT_TIME = settings(max_examples=1)

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
    expands = any(len(tokenize(normalize(ch))) > 1 for ch in text)  # "¼" is "1⁄4": no cut inside it
    assert selected or ("words" in budget and expands), "a document with words always gives a summary"
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
        # Filled in rank order, the crossing sentence cut (trim, the default),
        # never over the budget; after whole sentences, a piece of fewer than
        # MIN_CUT_WORDS words is left out (the summary ends short of it).
        shown = sum(s.summary_words for s in selected)
        whole = sum(s.words for s in selected if s.cut_end is None)
        pool = [s for s in distinct if s.kind == "sentence"] or distinct
        filled = min(budget["words"], sum(s.words for s in pool))
        assert shown <= budget["words"] and result.budget()["used"] == shown
        assert shown == filled or expands or (shown == whole and budget["words"] - whole < MIN_CUT_WORDS)
        assert count_words(result.text) == shown
        cut = [s for s in selected if s.cut_end is not None]
        assert len(cut) <= 1
        assert not cut or len(selected) == 1 or cut[0].summary_words >= MIN_CUT_WORDS


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
}
all_options = st.fixed_dictionaries(OPTION_STRATEGIES)
mixed_texts = st.one_of(
    texts,
    st.lists(st.sampled_from(ENGLISH_WORDS + PUNCT), max_size=120).map(" ".join),
    st.lists(st.sampled_from(ARABIC_WORDS + ENGLISH_WORDS + PUNCT), min_size=1, max_size=80).map(" ".join),
)


#: The defaults of every option the test draws, for explicit examples.
DEFAULT_OPTIONS: dict[str, object] = {name: getattr(Summarizer(), name) for name in OPTION_STRATEGIES}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mixed_texts, budget=budgets, options=all_options)
# Found by a random run (issue 21): a subnormal forward weight made every score NaN.
@example(text="000.A:000", budget={"ratio": 1.0}, options={
    **DEFAULT_OPTIONS, "stop_words": False, "stem": False, "prior": "none", "prior_weight": 0.0, "forward": 2.225073858507e-311,
    "trim": True, "duplicate_threshold": 1.0, "redundancy": 1.0, "diversity": 0.0, "top_k": 1, "damping": 0.5,
})
# Found by a random run (issue 21): NFKC makes "¼" two words a cut cannot part.
@example(text="¼", budget={"words": 1}, options={**DEFAULT_OPTIONS, "trim": True})
def test_every_accepted_option_value_summarizes(text: str, budget: dict[str, float], options: dict[str, object]) -> None:
    if options["trim"] is False and "words" not in budget:
        with pytest.raises(InvalidOptionError, match="trim=False needs words"):
            Summarizer(**budget, **options)  # type: ignore[arg-type]
        return
    summarizer = Summarizer(**budget, **options)  # type: ignore[arg-type]
    try:
        result = summarizer.summarize(text)
    except EmptyDocumentError:
        assert not any(ch.isalnum() for ch in text)
        return
    selected = result.selected
    # Only a word budget can leave nothing (no sentence, or no cut of one, fits), and then it says so.
    assert selected or ("words" in budget and result.warning is not None)
    for s in result.sentences:
        assert text[s.start : s.end] == s.text
        assert s.score >= 0.0 and s.score == s.score and s.score != float("inf")
    assert all(s.duplicate_of is None for s in selected)
    distinct = [s for s in result.sentences if s.duplicate_of is None]
    if "sentences" in budget:
        assert len(selected) <= budget["sentences"]
    elif "ratio" in budget:
        assert len(selected) <= max(1, round(budget["ratio"] * len(distinct) + 0.5))
    else:  # never more than the budget, whole sentences or not
        assert sum(s.summary_words for s in selected) <= budget["words"]
        assert options["trim"] or not result.truncated


def test_the_fuzzing_covers_every_option() -> None:
    """Every option of Summarizer but the length budget (drawn by
    ``budgets``) is drawn over its accepted range above."""
    import dataclasses

    options = {f.name for f in dataclasses.fields(Summarizer) if f.init}
    assert set(OPTION_STRATEGIES) == options - {"ratio", "sentences", "words"}


# -- determinism ------------------------------------------------------------------


def test_property_tests_run_under_a_derandomized_profile() -> None:
    """CI's profile is loaded before the test modules make their settings,
    draws the same examples on every run and keeps no database."""
    name = os.environ.get("HYPOTHESIS_PROFILE") or "ci"
    assert name in HYPOTHESIS_PROFILES and settings.get_current_profile_name() == name
    assert _IMPORT_TIME.derandomize == settings.default.derandomize and _IMPORT_TIME.database == settings.default.database
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None and ci.print_blob
    runs: list[list[str]] = []

    @settings(ci, max_examples=30)
    @given(st.floats(), st.text(max_size=5))
    def draw(x: float, t: str) -> None:
        runs[-1].append(repr((x, t)))

    for _ in range(2):
        runs.append([])
        draw()
    assert runs[0] == runs[1] and len(set(runs[0])) > 10


# -- extreme option values: finite scores, valid JSON ------------------------------------

MIN_NORMAL = 2.2250738585072014e-308
#: Subnormal and tiny positive numbers (a weight times one of them underflows).
TINY = (5e-324, 1e-320, 1e-310, math.nextafter(MIN_NORMAL, 0.0), MIN_NORMAL, 1e-300, 1e-200, 1e-16)


def extremes(rule: Interval) -> list[float]:
    """The accepted values of ``rule`` at its edges: each bound it includes,
    the floats next to each bound inside it, and tiny values above 0 and
    just below 1 when they are inside (where weights and sums underflow)."""
    low, high = float(rule.low), float(rule.high)
    values = [low, math.nextafter(low, high), math.nextafter(math.nextafter(low, high), high), high, math.nextafter(high, low)]
    values += [low + t for t in TINY] + [high - t for t in TINY] + [t for t in TINY] + [1.0 - t for t in TINY] + [-t for t in TINY]
    return sorted({v for v in values if rule.accepts(v)})


#: Every numeric option (its rule an :class:`Interval`), the lengths' ratio included.
NUMERIC = {name: rule for name, rule in {**RULES, **LENGTH_RULES}.items() if isinstance(rule, Interval)}


def numeric_value(rule: Interval) -> st.SearchStrategy[float]:
    low, high = float(rule.low), float(rule.high)
    anywhere = st.floats(min_value=low, max_value=high, exclude_min=rule.closed[0] == "(", exclude_max=rule.closed[1] == ")")
    return st.one_of(st.sampled_from(extremes(rule)), anywhere)


#: Each numeric option at an extreme (or anywhere in its range), the others
#: at their defaults; ``ratio`` stands for the length when drawn.
extreme_options = st.fixed_dictionaries({}, optional={name: numeric_value(rule) for name, rule in NUMERIC.items()})
SEED_TEXT = SEED.read_text(encoding="utf-8")
extreme_texts = st.one_of(st.just(SEED_TEXT), mixed_texts)


def strict_json(text: str) -> Any:
    """``text`` parsed as standard JSON (no NaN, no Infinity)."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_the_extremes_are_at_the_edges() -> None:
    assert set(NUMERIC) >= {"damping", "prior_weight", "length_penalty", "position_decay", "min_similarity", "forward",
                            "duplicate_threshold", "redundancy", "diversity", "ratio"}
    forward = extremes(NUMERIC["forward"])
    assert {0.0, 5e-324, 1e-310, 1.0, math.nextafter(1.0, 0.0)} <= set(forward) and all(0.0 <= v <= 1.0 for v in forward)
    damping = extremes(NUMERIC["damping"])
    assert 0.0 not in damping and 1.0 not in damping and 5e-324 in damping and math.nextafter(1.0, 0.0) in damping
    assert {-2.0, math.nextafter(-2.0, 0.0), 2.0} <= set(extremes(NUMERIC["length_penalty"]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=extreme_texts, options=extreme_options)
@example(text=SEED_TEXT, options={"forward": 1e-310})  # NaN scores, invalid JSON (issue 21)
@example(text=SEED_TEXT, options={"forward": 5e-324})
@example(text=SEED_TEXT, options={"forward": 1e-310, "prior_weight": 5e-324, "damping": math.nextafter(1.0, 0.0)})
@example(text=SEED_TEXT, options={"length_penalty": -2.0, "position_decay": 2.0, "min_similarity": math.nextafter(1.0, 0.0)})
@example(text=SEED_TEXT, options={"length_penalty": 2.0, "damping": 5e-324, "diversity": math.nextafter(1.0, 0.0), "redundancy": 5e-324})
def test_extreme_option_values_give_finite_scores_and_valid_json(text: str, options: dict[str, float]) -> None:
    summarizer = Summarizer(**options)  # type: ignore[arg-type]
    try:
        result = summarizer.summarize(text)
    except EmptyDocumentError:
        assert not any(ch.isalnum() for ch in text)
        return
    assert result.selected
    assert all(math.isfinite(s.score) and s.score >= 0.0 for s in result.sentences), [s.score for s in result.sentences]
    data = strict_json(format_summary(result, "json", source=text))
    assert [s["score"] for s in data["sentences"]] == [s.score for s in result.sentences]


@pytest.mark.parametrize("trim", [True, False])
def test_a_unit_whose_smallest_cut_exceeds_the_budget_is_left_out(trim: bool) -> None:
    """Regression (hypothesis drew it): NFKC makes "¼" "1⁄4", two words a
    cut cannot part, so no piece of it holds one word. The budget is a
    maximum: the unit is left out, as a whole sentence that does not fit
    is, and nothing else fitting, the summary is empty and says why."""
    result = Summarizer(words=1, trim=trim).summarize("¼")
    assert result.selected == () and result.text == ""
    assert result.budget() == {"words": 1, "used": 0, "exceeded": False, "trimmed": False}
    assert result.warning is not None and "the summary is empty" in result.warning
    # With room for both words, it is the summary.
    assert Summarizer(words=2, trim=trim).summarize("¼").text == "¼"


def test_a_cut_stops_before_a_character_that_makes_several_words() -> None:
    """"ﷺ" is four words once normalized: a cut that would end inside it
    keeps the words before it, fewer than the budget, never more."""
    text = "قال النبي ﷺ إن الدين يسر ولن يشاد الدين أحد إلا غلبه"
    for words in (3, 4, 5):
        result = Summarizer(words=words).summarize(text)
        (s,) = result.selected
        assert s.summary_text == "قال النبي…" and s.summary_words == 2
    assert Summarizer(words=6).summarize(text).selected[0].summary_words == 6
