"""The public pipeline, the validation module and the error family."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import EmptyDocumentError, InvalidOptionError, Summarizer, SummarizerError, summarize
from summarizer.errors import InputError, param
from summarizer.pipeline import STAGES, Segmented, prepare, rank, select, split
from summarizer.select import Budget
from summarizer.text.segment import segment

ARTICLE = (
    "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المدن الكبرى.\n"
    "وتشمل الخطة بناء عشرة مستشفيات جديدة وتجهيزها بأحدث المعدات الطبية.\n"
    "وقال الوزير إن الخطة ستنفذ على مدى خمس سنوات بتمويل من الحكومة.\n"
    "وأضاف أن المستشفيات الجديدة ستخدم أكثر من مليون مواطن في المدن الكبرى.\n"
    "ورحب الأطباء بالخطة وطالبوا بزيادة عدد الممرضين في المستشفيات.\n"
)


class Recorder:
    """A watcher that writes down what it sees."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.open: list[str] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.open.append(name)
        yield
        assert self.open.pop() == name
        self.seen.append(name)

    def step(self, name: str, done: int, total: int) -> None:
        assert name in self.open


def test_summarize_is_the_stages_composed() -> None:
    s = Summarizer(sentences=2)
    document = s.prepare(ARTICLE)
    ranking = s.rank(document)
    assert s.select(document, ranking) == s.summarize(ARTICLE)
    # the module functions with the same options are the same calls
    assert select(document, rank(document, options=s), options=s) == s.summarize(ARTICLE)


def test_a_watcher_sees_every_stage_once_in_order() -> None:
    watcher = Recorder()
    Summarizer().summarize(ARTICLE, watcher=watcher)
    assert watcher.seen == list(STAGES) and not watcher.open


def test_the_one_call_takes_a_watcher_and_progress_too() -> None:
    """summarize(text, watcher=..., progress=...) is Summarizer().summarize's call,
    not an unknown option (the README showed both)."""
    watcher = Recorder()
    assert summarize(ARTICLE, sentences=2, watcher=watcher) == Summarizer(sentences=2).summarize(ARTICLE)
    assert watcher.seen == list(STAGES) and not watcher.open
    calls: list[tuple[str, int, int]] = []
    long_text = "\n".join(f"الجملة رقم {i} عن موضوع {i % 97} في المدينة {i % 13}." for i in range(6000))
    summarize(long_text, sentences=3, progress=lambda *a: calls.append(a))
    assert [c[0] for c in calls if c[2] == len(STAGES)] == list(STAGES)


def test_one_analysis_ranks_many_ways() -> None:
    document = Summarizer().prepare(ARTICLE)
    plain, directed = Summarizer(prior="none"), Summarizer(forward=0.5)
    assert plain.rank(document) == plain.rank(plain.prepare(ARTICLE))
    assert plain.rank(document) != directed.rank(document)


def test_a_split_text_is_prepared_as_the_text_itself() -> None:
    segmented = split(ARTICLE)
    assert isinstance(segmented, Segmented) and segmented.language == "ar"
    assert [u.text for u in segmented.units] == [u.text for u in segment(ARTICLE, language="ar")]
    assert Summarizer().summarize(segmented) == Summarizer().summarize(ARTICLE)
    assert prepare(segmented).units == segmented.units


def test_select_refuses_a_ranking_of_another_document() -> None:
    s = Summarizer()
    other = s.rank(s.prepare("جملة أولى عن الطقس.\nجملة ثانية عن المطر."))
    with pytest.raises(InvalidOptionError, match="ranking has 2 scores for 5 units"):
        s.select(s.prepare(ARTICLE), other)


def test_split_refuses_what_is_not_text() -> None:
    with pytest.raises(InvalidOptionError, match="text must be str, not bytes"):
        split(ARTICLE.encode())
    with pytest.raises(EmptyDocumentError):
        split("... !!! ---")


def test_budget_needs_exactly_one_length() -> None:
    with pytest.raises(InvalidOptionError, match=r"exactly one of ratio, sentences or words \(got none\)"):
        Budget()
    with pytest.raises(InvalidOptionError, match=r"\(got ratio, words\)"):
        Budget(ratio=0.3, words=20)
    with pytest.raises(InvalidOptionError, match=r"ratio must be a number in \(0, 1\], got 0"):
        Budget(ratio=0)
    with pytest.raises(InvalidOptionError, match="words must be a positive whole number, got 2.5"):
        Budget(words=2.5)  # type: ignore[arg-type]
    assert Budget(sentences=3).sentence_limit(10) == 3


def test_segment_detects_auto_and_refuses_unknown_languages() -> None:
    english = "The minister spoke today. He promised new schools.\n"
    assert segment(english, language="auto") == segment(english, language="en")
    assert segment(ARTICLE, language="auto") == segment(ARTICLE, language="ar")
    with pytest.raises(InvalidOptionError, match="language must be one of auto, ar, en, got 'fr'"):
        segment(english, language="fr")


def test_every_option_error_names_the_parameter() -> None:
    for options, name in [({"damping": 1.5}, "damping"), ({"prior": "x"}, "prior"), ({"trim": 1}, "trim"), ({"top_k": 0}, "top_k")]:
        with pytest.raises(InvalidOptionError) as err:
            Summarizer(**options)
        assert err.value.parameter == name and str(err.value).startswith(f"{name} must be ")


def test_replace_validates_the_new_options() -> None:
    s = Summarizer(sentences=2)
    assert s.replace(damping=0.5).damping == 0.5 and type(s.replace(damping=0.5)) is Summarizer
    with pytest.raises(InvalidOptionError, match="damping must be"):
        s.replace(damping=2.0)
    with pytest.raises(InvalidOptionError, match="unknown option 'dampin'"):
        s.replace(dampin=0.5)
    assert dataclasses.replace(s, words=10, sentences=None).budget == Budget(words=10)


def test_errors_keep_the_marked_parameters() -> None:
    error = InputError(f"out.txt already exists; use {param('force', True)} to overwrite it, or {param('existing', 'resume')}")
    assert str(error) == "out.txt already exists; use force=True to overwrite it, or existing='resume'"
    assert error.parameters == ("force", "existing") and error.parameter == "force"
    spelled = error.render(lambda name, value: f"<{name}:{value}>")
    assert spelled == "out.txt already exists; use <force:True> to overwrite it, or <existing:'resume'>"
    copy = pickle.loads(pickle.dumps(error))  # batch workers send errors between processes
    assert type(copy) is InputError and copy.template == error.template and str(copy) == str(error)
    assert isinstance(error, SummarizerError) and not error.usage and InvalidOptionError("x").usage


def test_summarize_function_and_class_agree() -> None:
    assert summarize(ARTICLE, sentences=2) == Summarizer(sentences=2).summarize(ARTICLE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="اأإآةىـَُِّ ab\nA١٢\r\u2028\u200f.", max_size=20), max_size=8))
def test_normalize_all_is_normalize_of_each_text(texts: list[str]) -> None:
    """One pass over the joined texts gives what normalizing each gives, line
    breaks inside a text (a hard-wrapped sentence's) included."""
    from summarizer.pipeline import normalize_all
    from summarizer.text.normalize import normalize

    assert normalize_all(texts) == [normalize(t) for t in texts]
