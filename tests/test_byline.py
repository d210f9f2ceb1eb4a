"""The title of a document is never its byline (issue 21, item 9e): the HTML
page of the seed article was titled "ناظور سيتي: متابعة" ("Nador City:
follow-up"), the line that credits the site."""

from __future__ import annotations

import re

import pytest

from summarizer import Summarizer
from summarizer.render.summary import render_html
from summarizer.text.byline import byline_line, title_index
from summarizer.text.segment import segment

from .conftest import SEED

ARABIC_BODY = "بدأ المدير العام للأمن الوطني زيارة عمل رسمية إلى الإمارات. وعقد لقاء مع مدير جهاز أمن الدولة في أبوظبي."
ENGLISH_BODY = "The storm reached the coast on Monday night. It closed schools and roads across the region."


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("ناظور سيتي: متابعة", "ar"),
        ("بقلم: محمد علي", "ar"),
        ("كتب - أحمد حسن", "ar"),
        ("الرباط - خاص", "ar"),
        ("من مراسلنا في القاهرة", "ar"),
        ("By John Smith", "en"),
        ("Reporting by Jane Doe; editing by Tom Lee", "en"),
        ("London | Staff reporter", "en"),
    ],
)
def test_bylines(line: str, language: str) -> None:
    assert byline_line(line, language=language)


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("تقرير: 1.5 مليون لاجئ قد يصلون إلى ألمانيا هذه السنة", "ar"),  # a headline that opens with "Report:"
        ("حموشي يبدأ زيارة إلى الإمارات", "ar"),
        ("كتبية المغرب تفوز بالبطولة", "ar"),  # a credit word's letters inside another word
        ("Byzantine mosaics found in Gaza", "en"),
        ("Storm hits the coast", "en"),
        ("Staff shortages close hospital wards", "en"),
    ],
)
def test_titles_are_not_bylines(line: str, language: str) -> None:
    assert not byline_line(line, language=language)


def _title(text: str) -> str:
    html = render_html(Summarizer(sentences=1).summarize(text), text)
    (title,) = re.findall(r"<title>Summary: (.*)</title>", html)
    (heading,) = re.findall(r'<h1>Summary: <bdi lang="\w+">(.*)</bdi></h1>', html)
    assert heading == title
    return title


def test_the_page_is_titled_by_the_title_line_not_the_byline() -> None:
    assert _title(f"ناظور سيتي: متابعة\nحموشي يبدأ زيارة إلى الإمارات\n{ARABIC_BODY}\n") == "حموشي يبدأ زيارة إلى الإمارات"
    assert _title(f"حموشي يبدأ زيارة إلى الإمارات\nناظور سيتي: متابعة\n{ARABIC_BODY}\n") == "حموشي يبدأ زيارة إلى الإمارات"
    assert _title(f"By John Smith\nStorm hits the coast\n\n{ENGLISH_BODY}\n") == "Storm hits the coast"


def test_without_a_title_the_page_is_named_by_its_first_words() -> None:
    """The seed opens with its byline, then the story: no title line. A
    subheading further down names a section, not the document."""
    text = SEED.read_text(encoding="utf-8")
    title = _title(text)
    assert "متابعة" not in title
    first = next(u.text for u in segment(text) if u.kind == "sentence")
    assert title.endswith("…") and first.startswith(title[:-1]) and len(title) <= 80 and not title[:-1].endswith(" ")
    assert _title(f"{ENGLISH_BODY}\nWhat comes next\nThe council meets on Friday to decide.\n") == ENGLISH_BODY.split(". ")[0] + "."


def test_title_index_passes_over_bylines_and_stops_at_the_first_sentence() -> None:
    units = segment(f"ناظور سيتي: متابعة\nحموشي يبدأ زيارة إلى الإمارات\n{ARABIC_BODY}\n")
    assert [u.kind for u in units[:2]] == ["heading", "heading"]
    assert title_index(units, language="ar") == 1
    assert title_index(segment(f"{ARABIC_BODY}\nعنوان فرعي هنا\n{ARABIC_BODY}\n"), language="ar") is None
