"""Web boilerplate is recognised by rules and never selected."""

from __future__ import annotations

import pytest

from summarizer import summarize
from summarizer.text.boilerplate import boilerplate_line, boilerplate_unit
from summarizer.text.segment import segment

STORY_AR = (
    "افتتح وزير الثقافة معرض الكتاب الدولي في العاصمة بمشاركة ألف دار نشر من أربعين دولة. "
    "ويستمر المعرض عشرة أيام ويضم ندوات فكرية وأمسيات شعرية وورشا للأطفال. "
    "وقال الوزير إن المعرض يعكس مكانة الكتاب في حياة المجتمع."
)


@pytest.mark.parametrize(
    "line",
    [
        "اقرأ أيضاً: الحكومة تعلن موازنة العام المقبل",
        "إقرأ أيضا في موقعنا: مباراة الليلة",
        "للمزيد: ملف خاص عن الانتخابات",
        "للمزيد - تقرير مصور من الحدود",
        "شاهد أيضا: لقطات من الحفل",
        "مواضيع ذات صلة",
        "مصدر الصورة: وكالة الأنباء",
        "حقوق الصورة Getty Images",
        "تصوير: أحمد علي",
        "وكالات/ رويترز",
        "(رويترز)",
    ],
)
def test_arabic_boilerplate_lines(line: str) -> None:
    assert boilerplate_line(line, language="ar")


@pytest.mark.parametrize(
    "text",
    [
        "يمكنكم الآن تحميل النسخة الجديدة من تطبيق الصحيفة على هواتفكم.",
        "فعّلوا الإشعارات بعد تنزيل تطبيق القناة.",
        "تابعونا على تويتر وفيسبوك لآخر الأخبار.",
        "اشترك في قناتنا ليصلك كل جديد.",
    ],
)
def test_arabic_promotions_anywhere(text: str) -> None:
    assert boilerplate_unit(text, language="ar")


@pytest.mark.parametrize(
    "text",
    [
        STORY_AR,
        "وقال مكتب الخليج التابع للمنظمة إن التقرير صدر أمس.",  # التابع is not "follow us"
        "وحرصت الفنانة على أن تطلع متابعيها على تفاصيل الحفل عبر حسابها.",
        "ونقلت وكالة رويترز عن مصادر مطلعة أن الاتفاق بات وشيكا بين الطرفين المتفاوضين منذ أشهر.",
        "وحمل المتظاهرون لافتات تطالب بتحسين الخدمات.",
        "وقرأ الطالب الكتاب كله في ليلة واحدة.",
    ],
)
def test_news_sentences_are_not_boilerplate(text: str) -> None:
    assert not boilerplate_line(text, language="ar")
    assert not boilerplate_unit(text, language="ar")


@pytest.mark.parametrize(
    ("text", "whole_line"),
    [
        ("Read more: Markets rally after the rate cut", True),
        ("Related: the minister's full statement", True),
        ("Image copyright Reuters", True),
        ("Photo: John Smith", True),
        ("AFP/Reuters", True),
        ("Download the app for breaking news alerts.", False),
        ("Follow us on Twitter for updates.", False),
        ("Sign up for our morning newsletter.", False),
    ],
)
def test_english_boilerplate(text: str, whole_line: bool) -> None:
    assert boilerplate_line(text, language="en") or boilerplate_unit(text, language="en")
    assert boilerplate_line(text, language="en") == whole_line


def test_english_news_is_not_boilerplate() -> None:
    for text in ("Reuters reported that talks had stalled over the weekend.", "He said he would read more of the report."):
        assert not boilerplate_line(text, language="en") and not boilerplate_unit(text, language="en")


def test_boilerplate_units_keep_offsets_and_are_never_selected() -> None:
    text = (
        STORY_AR.split(". ")[0] + ".\n"
        "اقرأ أيضاً: وزير الثقافة يزور المعرض. والمعرض يستمر عشرة أيام.\n"
        + ". ".join(STORY_AR.split(". ")[1:]) + "\n"
        "يمكنكم متابعة أخبار المعرض بعد تحميل تطبيق الصحيفة.\n"
        "-----------------\n"
        "وختم الوزير كلمته بالدعوة إلى زيارة المعرض."
    )
    units = segment(text)
    kinds = [u.kind for u in units]
    assert kinds.count("boilerplate") == 3  # the whole "read also" line, and the promotion
    for u in units:
        assert text[u.start : u.end] == u.text
    assert not any("-----" in u.text for u in units)  # a separator is no unit
    for budget in ({"words": 12}, {"sentences": 4}, {"ratio": 1.0}):
        result = summarize(text, **budget)
        assert all(s.kind != "boilerplate" for s in result.selected), budget
