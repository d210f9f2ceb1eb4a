"""language="auto": Arabic (any dialect) and English are read by their
rules; Persian, Urdu, Russian, Chinese (and any other language) are refused
with their name and how to force a mode, never read by another's rules.

The paragraphs are written for these tests (no corpus text).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from summarizer import Summarizer, UnsupportedLanguageError, summarize
from summarizer.text.language import identify
from tests.texts import ARTICLES, ENGLISH_ARTICLE

PERSIAN = (
    "تهران پایتخت ایران و بزرگ‌ترین شهر این کشور است. این شهر در دامنه‌های جنوبی رشته‌کوه البرز قرار دارد و "
    "میلیون‌ها نفر در آن زندگی می‌کنند. هر سال گردشگران زیادی برای دیدن موزه‌ها، بازارها و کاخ‌های تاریخی به تهران سفر می‌کنند."
)
URDU = (
    "لاہور پاکستان کا دوسرا بڑا شہر ہے اور صوبہ پنجاب کا دارالحکومت ہے۔ یہ شہر اپنے باغات، تاریخی عمارتوں اور کھانوں کے لیے مشہور ہے۔ "
    "ہر سال بہت سے لوگ بادشاہی مسجد اور شالامار باغ دیکھنے کے لیے یہاں آتے ہیں۔"
)
RUSSIAN = (
    "Москва является столицей России и крупнейшим городом страны. Город расположен на реке Москве, "
    "и в нём живут более двенадцати миллионов человек. Каждый год туристы приезжают сюда, чтобы увидеть Красную площадь и Кремль."
)
CHINESE = (
    "北京是中华人民共和国的首都，也是全国的政治和文化中心。这座城市有三千多年的历史，"
    "拥有故宫、天坛和长城等许多著名的古迹。每年都有大量游客来到北京参观。"
)
EGYPTIAN = (
    "إزيك يا عم؟ أنا كنت عايز أقولك إن الماتش النهارده هيبقى حلو قوي، وإحنا رايحين الاستاد بدري عشان نلاقي مكان كويس. "
    "ماتنساش تجيب معاك الشمسية، والجو هيبقى حر قوي بعد الضهر."
)
#: A Moroccan place name with a Persian letter (گ) in an Arabic text: the model is asked, and says Arabic.
MOROCCAN_NAME = "أنا رحت أگادير امبارح، والجو كان حلو قوي، وكلنا سمك في المينا وقعدنا على البحر لحد بالليل، وبعدين رجعنا البيت تعبانين خالص."


@pytest.mark.parametrize(
    ("text", "name"),
    [(PERSIAN, "Persian (fa)"), (URDU, "Urdu (ur)"), (RUSSIAN, "Russian (ru)"), (CHINESE, "Chinese (zh)")],
    ids=["persian", "urdu", "russian", "chinese"],
)
def test_other_languages_are_refused_by_name(text: str, name: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as caught:
        summarize(text)
    message = str(caught.value)
    assert name in message and "\n" not in message
    assert "language='ar'" in message and "language='en'" in message and "stop_words=False" in message
    assert caught.value.parameter == "language" and not caught.value.usage


@pytest.mark.parametrize("text", [PERSIAN, URDU, RUSSIAN, CHINESE], ids=["persian", "urdu", "russian", "chinese"])
def test_a_forced_mode_summarizes_them(text: str) -> None:
    """The way out the message names works: a forced language with neutral terms."""
    summary = Summarizer(language="ar", stop_words=False, stem=False, sentences=1).summarize(text)
    assert summary.language == "ar" and len(summary.selected) == 1


@pytest.mark.parametrize("text", [EGYPTIAN, MOROCCAN_NAME, *ARTICLES[:2]], ids=["egyptian", "moroccan-name", "msa-1", "msa-2"])
def test_arabic_of_any_dialect_reads_as_arabic(text: str) -> None:
    assert identify(text) == "ar"
    assert summarize(text, sentences=1).language == "ar"


def test_english_reads_as_english() -> None:
    assert identify(ENGLISH_ARTICLE) == "en"


def test_french_is_not_read_as_english() -> None:
    """Latin letters are not English: a French paragraph is refused too."""
    french = (
        "Paris est la capitale de la France. La ville compte plus de deux millions d'habitants et accueille "
        "chaque année des millions de touristes venus du monde entier."
    )
    with pytest.raises(UnsupportedLanguageError, match=r"French \(fr\)"):
        identify(french)


def test_too_few_letters_keep_the_script_rule() -> None:
    """A line of a few letters says too little for a model: the script decides."""
    assert identify("Привет") == "ar"  # as before: not mostly Latin
    assert identify("Bonjour") == "en"
    assert identify("123 456") == "ar"


def test_arabic_and_english_texts_never_load_the_model() -> None:
    """The fast path: plain Arabic and English texts are placed by their
    script and function words, without importing py3langid (its model costs
    about 0.6 s to load)."""
    code = (
        "import sys\n"
        "from summarizer import summarize\n"
        "from tests.texts import ARTICLES, ENGLISH_ARTICLE\n"
        "summarize(ARTICLES[0]); summarize(ENGLISH_ARTICLE)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('py3langid', 'trafilatura', 'lxml')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
