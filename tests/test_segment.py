"""Segmentation golden cases, Arabic and English, with offsets."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.text.segment import LONGEST_ABBREVIATION, segment, word_before, wrap_width


def texts(text: str, language: str = "ar") -> list[str]:
    return [s.text for s in segment(text, language=language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # EASC writes full stops with no space after them.
        ("قال نوح.وذهب إلى البيت.", ["قال نوح.", "وذهب إلى البيت."]),
        # Numbers keep their dots.
        ("ارتفع بنسبة 3.5 في المئة. وبلغ 1.000 دينار.", ["ارتفع بنسبة 3.5 في المئة.", "وبلغ 1.000 دينار."]),
        # A digit before a dot with no space still ends the sentence.
        ("لها 3 تقنيات.التقنية الأولى هي النفخ.", ["لها 3 تقنيات.", "التقنية الأولى هي النفخ."]),
        # Single-letter abbreviation.
        ("قال د. أحمد إن الوضع مستقر.", ["قال د. أحمد إن الوضع مستقر."]),
        # The Arabic comma never ends a sentence; ؟ and ؛ do.
        ("أولا، ثانيا، ثالثا. هل حضر؟ نعم؛ حضر.", ["أولا، ثانيا، ثالثا.", "هل حضر؟", "نعم؛", "حضر."]),
        # Ellipsis and repeated marks end once, closing quotes stay attached.
        ("قال: «انتهى الأمر.» ثم صمت… لماذا؟!", ["قال: «انتهى الأمر.»", "ثم صمت…", "لماذا؟!"]),
        # Line breaks end units even without punctuation.
        ("سطر أول بلا نقطة وهو طويل جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا\nسطر ثان.", ["سطر أول بلا نقطة وهو طويل جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا", "سطر ثان."]),
    ],
)
def test_arabic_golden(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith went to the U.S. on Jan. 5. He left.", ["Dr. Smith went to the U.S. on Jan. 5.", "He left."]),
        ('He said "stop." Then he left... Why?!', ['He said "stop."', "Then he left...", "Why?!"]),
        ("Visit example.com or v1.2 today. Done.", ["Visit example.com or v1.2 today.", "Done."]),
        ("It costs $3.50 now.It rose.", ["It costs $3.50 now.", "It rose."]),
        # An abbreviation that can end a sentence does, before a capitalised word ...
        (
            "The launch was at 10 a.m. Engineers will meet at 2 p.m. on Friday.",
            ["The launch was at 10 a.m.", "Engineers will meet at 2 p.m. on Friday."],
        ),
        ("Apples, pears, etc. The rest waits. Acme Inc. Shares rose.", ["Apples, pears, etc.", "The rest waits.", "Acme Inc.", "Shares rose."]),
        # ... but not before a word that usually follows it, nor a lower-case one.
        ("It opens at 9 a.m. EST and closes at 5 p.m. GMT daily. Samsung Co. Ltd agreed.", ["It opens at 9 a.m. EST and closes at 5 p.m. GMT daily.", "Samsung Co. Ltd agreed."]),
        ("We met at 10 a.m. and left. Dr. Smith and Mr. Jones. Prof. Lee spoke.", ["We met at 10 a.m. and left.", "Dr. Smith and Mr. Jones.", "Prof. Lee spoke."]),
    ],
)
def test_english_golden(text: str, expected: list[str]) -> None:
    assert texts(text, "en") == expected


def test_offsets_point_into_original() -> None:
    text = "  عنوان قصير\n\nالجملة الأولى.  الجملة الثانية!\r\nالأخيرة؟"
    units = segment(text)
    assert [u.text for u in units] == ["عنوان قصير", "الجملة الأولى.", "الجملة الثانية!", "الأخيرة؟"]
    for u in units:
        assert text[u.start : u.end] == u.text


def test_heading_and_byline_lines() -> None:
    text = "ناظور سيتي: متابعة\nبدأ الوزير زيارة رسمية إلى البلد.\nخاتمة بلا نقطة"
    kinds = [(u.text, u.kind) for u in segment(text)]
    # The byline is a heading; the last line has no following text, so it is a sentence.
    assert kinds == [
        ("ناظور سيتي: متابعة", "heading"),
        ("بدأ الوزير زيارة رسمية إلى البلد.", "sentence"),
        ("خاتمة بلا نقطة", "sentence"),
    ]


def test_units_without_words_are_dropped() -> None:
    assert texts("... !!! ؟\n---\nجملة.") == ["جملة."]
    assert segment("  \n\t ") == []


# The word before a full stop, as first specified: the run of letters and
# digits (inner dots allowed, as in "e.g") that ends at the dot. The segmenter
# now scans backwards instead; it must find the same word whenever the word
# could be an abbreviation (no longer than the longest one).
_WORD_BEFORE_SPEC = re.compile(r"([^\W_](?:[^\W_]|\.(?=[^\W_]))*)\Z")
_PIECES = ["a", "B", "د", "م", "ك", "3", "٣", "²", ".", ".", " ", "_", "-", "\u064e", "e.g", "U.S", "approx", "İ", "نوح"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join), st.data())
def test_word_before_a_dot_matches_its_specification(prefix: str, data: st.DataObject) -> None:
    line = prefix + "." + data.draw(st.sampled_from(["", " x", "ب", "A", "a", "5", "»"]))
    for i in [j for j, ch in enumerate(line) if ch == "."]:
        m = _WORD_BEFORE_SPEC.search(line, 0, i)
        expected = m.group(1) if m else ""
        got = word_before(line, i)
        if len(expected) <= LONGEST_ABBREVIATION:
            assert got == expected, (line, i)
        else:
            assert got == "", (line, i)


def test_hard_wrapped_lines_are_pieces_of_paragraphs_not_headings() -> None:
    """A text broken at a fixed width mid-sentence (as some EASC articles
    are) leaves runs of equally long lines without closing punctuation:
    those are text, while a short title line above them stays a heading."""
    words = "كلمة عربية طويلة نسبيا تتكرر هنا لملء السطر حتى نهايته".split()
    wrapped = [" ".join(words[k % 3 :] + words[: k % 3]) for k in range(6)]
    text = "عنوان المقال القصير\n" + "\n".join(wrapped) + "\nوهذه نهاية الفقرة."
    units = segment(text)
    # The title stays a heading; the six wrapped lines and the line that
    # ends them are one sentence, as a reader reads it.
    assert [u.kind for u in units] == ["heading", "sentence"]
    assert units[1].text == "\n".join(wrapped) + "\nوهذه نهاية الفقرة."
    assert all(text[u.start : u.end] == u.text for u in units)
    assert wrap_width(text.splitlines()) == float(len(wrapped[0]))
    # Three such lines are not enough evidence of wrapping: headings stay.
    few = "عنوان\n" + "\n".join(wrapped[:3]) + "\nنهاية."
    assert wrap_width(few.splitlines()) is None
    assert [u.kind for u in segment(few)][:4] == ["heading"] * 4


def _wrap(paragraph: str, width: int) -> list[str]:
    """``paragraph`` broken at ``width`` characters, between words, the way
    a mail client or an old newswire feed wraps text."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def test_a_hard_wrapped_sentence_is_one_unit_across_its_lines() -> None:
    """In a hard-wrapped text a line break inside a sentence is not the end
    of one: the sentences of each paragraph are found across its lines,
    with offsets into the text, and a paragraph's last sentence still ends
    at its line, before the next paragraph."""
    first = (
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة يضم ثلاثمئة سرير "
        "ويخدم سكان الأحياء الشرقية والقرى المجاورة لها. وقال الوزير إن المستشفى "
        "سيبدأ استقبال المرضى الشهر المقبل بعد اكتمال تجهيز أقسامه كلها وتدريب طواقمه"
    )
    second = (
        "وأضاف أن الحكومة تعتزم بناء مستشفيين آخرين في الجنوب خلال العامين المقبلين "
        "ضمن خطة لتحسين الخدمات الصحية في المناطق البعيدة عن العاصمة والمدن الكبرى."
    )
    lines = _wrap(first, 60) + _wrap(second, 60)
    text = "مستشفى جديد في المدينة\n" + "\n".join(lines) + "\n"
    units = segment(text)
    assert wrap_width(text.splitlines()) is not None
    assert [u.kind for u in units] == ["heading", "sentence", "sentence", "sentence"]
    assert all(text[u.start : u.end] == u.text for u in units)
    flat = [" ".join(u.text.split()) for u in units[1:]]
    sentences = [first.split(". ")[0] + ".", first.split(". ")[1], second]
    assert flat == sentences
    # The same paragraphs unwrapped give the same sentences, one line each.
    unwrapped = segment("مستشفى جديد في المدينة\n" + first + "\n" + second + "\n")
    assert [u.text for u in unwrapped[1:]] == sentences


def test_a_text_that_is_not_wrapped_still_ends_units_at_line_breaks() -> None:
    """Without the evidence of wrapping (lines of one width), a line break
    ends the unit: a line without a full stop followed by another line is
    not joined to it."""
    text = "هذا سطر قصير بلا نقطة في آخره\nوهذا سطر آخر ينتهي بنقطة.\nوسطر ثالث."
    assert [u.text for u in segment(text)] == [
        "هذا سطر قصير بلا نقطة في آخره",
        "وهذا سطر آخر ينتهي بنقطة.",
        "وسطر ثالث.",
    ]


def test_a_wrapped_sentence_does_not_run_into_a_blank_line_or_boilerplate() -> None:
    """A paragraph break (blank line) ends the sentence even when the line
    before it is full width; a boilerplate line after a wrapped line is its
    own unit, never part of the sentence."""
    words = "كلمة عربية طويلة نسبيا تتكرر هنا لملء السطر حتى نهايته".split()
    wrapped = [" ".join(words[k % 3 :] + words[: k % 3]) for k in range(6)]
    text = "\n".join(wrapped[:3]) + "\n\n" + "\n".join(wrapped[3:]) + "\nاقرأ أيضاً: عنوان خبر آخر\nنهاية النص."
    units = segment(text)
    assert [u.kind for u in units] == ["sentence", "sentence", "boilerplate", "sentence"]
    assert units[0].text == "\n".join(wrapped[:3])
    assert units[1].text == "\n".join(wrapped[3:])


def test_sentence_final_abbreviations_are_rules_as_data() -> None:
    """Titles never end a sentence; what may end one is listed per language."""
    from summarizer.text.segment import RULES

    en = RULES["en"]
    assert {"a.m", "p.m", "etc", "inc"} <= en.sentence_final <= en.abbreviations
    assert not {"dr", "mr", "mrs", "ms", "prof"} & en.sentence_final
    assert "est" in en.continuations and RULES["ar"].sentence_final == frozenset()


def _middle_line(line: str, language: str) -> list[tuple[str, str]]:
    """The units of ``line`` standing alone between two paragraphs."""
    before, after = {
        "ar": ("افتتحت البلدية أمس الجسر الجديد فوق النهر.", "وقال رئيس البلدية إن الجسر سيخفف الازدحام في وسط المدينة."),
        "en": ("The council opened the new bridge over the river yesterday.", "The mayor said the bridge would ease traffic in the centre."),
    }[language]
    text = f"{before}\n{line}\n{after}"
    start = len(before) + 1
    units = [u for u in segment(text, language=language) if start <= u.start < start + len(line)]
    for u in units:
        assert text[u.start : u.end] == u.text
    return [(u.text, u.kind) for u in units]


#: A subheading's shape, and beside it the nearest line that is not one. The
#: lines are written for the test (none is taken from a corpus).
_SUBHEADINGS = [
    # A question titling a section, and the same question quoted.
    pytest.param("لماذا تأخر افتتاح الجسر؟", '"لماذا تأخر افتتاح الجسر؟"', "ar", id="question"),
    # Two questions on one line, and a statement followed by a question.
    pytest.param("ما الذي تغير؟ ولماذا الآن؟", "تغيرت الخطة. فما السبب؟", "ar", id="two-questions"),
    # An exclamation, and one shouted (a voice, not an editor's title).
    pytest.param("مفاجأة في اللحظة الأخيرة!", "مفاجأة في اللحظة الأخيرة!!!", "ar", id="exclamation"),
    # A phrase trailing off in two dots, and an ellipsis.
    pytest.param("موسم الحصاد..", "موسم الحصاد...", "ar", id="two-dots"),
    # Two dots after a space, and mixed marks.
    pytest.param("موسم الحصاد ..", "موسم الحصاد؟!", "ar", id="two-dots-after-space"),
    # "X.. Y!" and "X.. Y", and the same ending in a full stop.
    pytest.param("المدينة.. عامان بعد الزلزال!", "المدينة.. عامان بعد الزلزال.", "ar", id="dots-then-exclamation"),
    pytest.param("المدينة.. عامان بعد الزلزال", "المدينة.. عامان بعد الزلزال:", "ar", id="dots-then-phrase"),
    # Twelve words at most: a thirteenth makes it a sentence.
    pytest.param(
        "هل تستطيع المدينة أن تنهي أعمال الجسر الجديد قبل حلول فصل الشتاء؟",
        "هل تستطيع المدينة أن تنهي أعمال الجسر الجديد قبل حلول فصل الشتاء المقبل؟",
        "ar",
        id="twelve-words",
    ),
    # A list item is content, whatever its mark.
    pytest.param("لماذا نحتاج إلى جسر ثان؟", "- لماذا نحتاج إلى جسر ثان؟", "ar", id="list-item"),
    # English: questions title sections; "!" and ".." are a voice there.
    pytest.param("What happens next?", "What a day for the city!", "en", id="en-question-not-exclamation"),
    pytest.param("Why now?", "Why now??", "en", id="en-question-not-doubled"),
    pytest.param("Who pays for the bridge?", "Well..", "en", id="en-question-not-two-dots"),
]


@pytest.mark.parametrize(("heading", "near_miss", "language"), _SUBHEADINGS)
def test_subheading_shapes_golden(heading: str, near_miss: str, language: str) -> None:
    """A short line standing alone that ends like a subheading is a heading
    (all its units); the near miss beside it stays a sentence."""
    units = _middle_line(heading, language)
    assert units and all(kind == "heading" for _, kind in units), units
    assert "".join(t for t, _ in units).replace(" ", "") == heading.replace(" ", "")
    assert all(kind == "sentence" for _, kind in _middle_line(near_miss, language))


def test_a_subheading_shaped_last_line_is_a_sentence() -> None:
    """As for any heading, more text must follow: a closing question or
    exclamation is the article's last word, not a title. Before it, the
    same line is a heading."""
    text = "ارتفعت أسعار الخبز هذا الأسبوع.\nهل تنخفض قريبا؟\nقال التجار إن الأسعار ستبقى مرتفعة.\nهل تنخفض قريبا؟"
    assert [u.kind for u in segment(text)] == ["sentence", "heading", "sentence", "sentence"]


@pytest.mark.easc
@pytest.mark.parametrize(
    ("corpus", "document", "subheading"),
    [
        # Issue 21, item 7: the subheadings it quotes, each selected by the
        # defaults before.
        pytest.param("ant-bbc-ar-dev", "BB-internationalNews-132-20180311", "ولكن لماذا هذه القصة مهمة؟", id="bbc-question"),
        pytest.param("ant-france24-ar-dev", "FR-internationalNews-2324-20180716", "أردوغان..", id="france24-two-dots"),
    ],
)
def test_subheadings_of_news_articles_stay_out_of_summaries(
    dev_corpus: Callable[[str], Path], corpus: str, document: str, subheading: str
) -> None:
    """A subheading is a heading: in the result at its place, not in the
    summary, and selectable when headings are asked for."""
    from summarizer import summarize

    text = (dev_corpus(corpus) / document / "document.txt").read_text(encoding="utf-8")
    result = summarize(text)
    (unit,) = [s for s in result.sentences if s.text == subheading]
    assert unit.kind == "heading" and text[unit.start : unit.end] == subheading
    assert not any(s.selected and s.kind == "heading" for s in result.sentences)
    with_headings = summarize(text, include_headings=True, sentences=len(result.sentences))
    assert [(s.start, s.end) for s in with_headings.sentences] == [(s.start, s.end) for s in result.sentences]
    assert any(s.selected and s.text == subheading for s in with_headings.sentences)
