"""Normalization table: each rule of the matching form, one case each."""

from __future__ import annotations

import pytest

from summarizer.text.normalize import detect_language, normalize, tokenize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مُحَمَّدٌ", "محمد"),  # tashkeel stripped
        ("عـــربي", "عربي"),  # tatweel stripped
        ("أحمد", "احمد"),  # hamza above alef
        ("إسلام", "اسلام"),  # hamza below alef
        ("آمن", "امن"),  # madda
        ("ٱلله", "الله"),  # wasla
        ("مستشفى", "مستشفي"),  # alef maqsura -> yaa
        ("مدرسة", "مدرسه"),  # taa marbuta -> haa
        ("٢٠٢٤", "2024"),  # Arabic-Indic digits
        ("۱۲۳", "123"),  # extended Arabic-Indic digits
        ("ABC Def", "abc def"),  # Latin lower-cased
        ("a\u200fb\u200ec\u200bd", "abcd"),  # bidi and zero-width controls
        ("\ufefbعب", "لاعب"),  # presentation-form ligature (NFKC)
        ("ﻋﺮﺑﻲ", "عربي"),  # presentation forms (NFKC)
    ],
)
def test_normalization_table(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_diacritics_do_not_split_tokens() -> None:
    # scikit-learn's default pattern would split this word at the shadda.
    assert tokenize(normalize("الشَّرِكَةُ الكُبْرَى")) == ["الشركه", "الكبري"]


def test_tokens_are_letter_digit_runs() -> None:
    assert tokenize(normalize("قال: 3.5% من_الناس، و(ABC)!")) == ["قال", "3", "5", "من", "الناس", "و", "abc"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("هذا نص عربي", "ar"), ("This is English", "en"), ("", "ar"), ("123 456", "ar"), ("نص عربي مع a few words", "ar")],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language
