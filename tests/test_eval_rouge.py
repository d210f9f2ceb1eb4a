"""ROUGE for Arabic: tokenizer, modes, truncation, and agreement with rouge-metric."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_metric import PyRouge
from rouge_score.rouge_scorer import RougeScorer

from summarizer_eval import STEMMERS, ArabicRouge, ArabicTokenizer, EvalError, load_corpus
from summarizer_eval.rouge import split_sentences
from summarizer_eval.systems import DocumentView

from .texts import CORPUS_IDS

TEXT = (
    "بدأ المدير العام للأمن الوطني عبد اللطيف حموشي زيارة عمل رسمية إلى دولة الإمارات العربية المتحدة.\n"
    "وعقد لقاءً رسمياً مع مدير جهاز أمن الدولة الإماراتي طلال راشد الزعابي."
)
MODES = [("pooled", "none"), ("pooled", "light"), ("max", "none"), ("max", "light")]


@pytest.mark.parametrize(("multi_ref", "stem"), MODES)
def test_identical_arabic_texts_score_one(multi_ref: str, stem: str) -> None:
    scores = ArabicRouge(multi_ref=multi_ref, stem=stem).score(TEXT, [TEXT, TEXT])
    assert set(scores) == {"rouge1", "rouge2", "rougeLsum"}
    for s in scores.values():
        assert (s.precision, s.recall, s.f) == (1.0, 1.0, 1.0)


def test_rouge_score_default_tokenizer_loses_arabic() -> None:
    """Why the project's tokenizer is needed: the default one scores Arabic 0."""
    assert RougeScorer(["rouge1"]).score(TEXT, TEXT)["rouge1"].fmeasure == 0.0
    assert RougeScorer(["rouge1"], tokenizer=ArabicTokenizer()).score(TEXT, TEXT)["rouge1"].fmeasure == 1.0


def test_texts_sharing_only_a_number_score_far_below_one() -> None:
    a = "افتتح الوزير المعرض الدولي للكتاب في دورته 23 بحضور عدد كبير من الناشرين."
    b = "سجل المنتخب الوطني 23 هدفا خلال مباريات التصفيات القارية هذا الموسم."
    scores = ArabicRouge().score(a, [b])
    assert scores["rouge1"].f < 0.1
    assert scores["rouge1"].precision == pytest.approx(1 / 13)  # "23" and nothing else
    assert scores["rouge2"].f == 0.0
    assert scores["rougeLsum"].f < 0.1


def test_diacritics_and_alef_forms_do_not_matter() -> None:
    plain = "اعلن احمد ان الامن الوطني سيعزز التعاون مع الامارات الى ابعد حد"
    marked = "أَعْلَنَ أَحْمَدُ أَنَّ الأَمْنَ الوَطَنِيَّ سَيُعَزِّزُ التَّعَاوُنَ مَعَ الإِمَارَاتِ إِلَى أَبْعَدِ حَدّ"
    assert plain != marked
    for multi_ref, stem in MODES:
        scores = ArabicRouge(multi_ref=multi_ref, stem=stem).score(marked, [plain])
        assert all(s.f == 1.0 for s in scores.values())


def test_tokenizer_normalizes_and_stems_once() -> None:
    assert ArabicTokenizer().tokenize("وَالكِتَابُ، ٢٣") == ["والكتاب", "23"]
    assert ArabicTokenizer(stemmer=lambda t: t[:2]).tokenize("وَالكِتَابُ") == ["وا"]
    # Stemming happens inside rouge-score's call only: light stems match.
    scores = ArabicRouge(stem="light").score("والكتاب", ["كتاب"])
    assert scores["rouge1"].f == 1.0
    assert ArabicRouge(stem="none").score("والكتاب", ["كتاب"])["rouge1"].f == 0.0


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_matching_form_is_stable(text: str) -> None:
    """rouge-score re-reads the joined tokens: they must tokenize to themselves,
    or the sizes the pooled mode divides by would not be rouge-score's."""
    tokens = ArabicTokenizer().tokenize(text)
    assert ArabicTokenizer().tokenize(" ".join(tokens)) == tokens


def test_text_without_tokens_is_an_error_not_a_zero() -> None:
    scorer = ArabicRouge()
    with pytest.raises(EvalError, match="reference 2 is not empty but has no letters or digits"):
        scorer.score(TEXT, [TEXT, "... ؟ !!"])
    with pytest.raises(EvalError, match="summary is not empty but has no letters or digits"):
        scorer.score("ـــ ،،", [TEXT])
    with pytest.raises(EvalError, match="reference 1 is empty"):
        scorer.score(TEXT, ["  \n"])
    with pytest.raises(EvalError, match="at least one reference"):
        scorer.score(TEXT, [])
    # An empty summary is a summary that says nothing: it scores 0.
    assert all(s.f == 0.0 for s in scorer.score("", [TEXT]).values())


@pytest.mark.parametrize(
    "kwargs",
    [{"multi_ref": "mean"}, {"stem": "porter"}, {"metrics": ("rougeL",)}, {"metrics": ()}, {"length_limit": 0}, {"length_limit": 2.5}],
)
def test_invalid_options_list_valid_values(kwargs: dict) -> None:
    with pytest.raises(EvalError, match="must be"):
        ArabicRouge(**kwargs)


def test_length_limit_truncates_summary_and_references_like_rouge_155() -> None:
    scorer = ArabicRouge(length_limit=5)
    t = scorer.tokenize(["واحد اثنان ثلاث", "اربع خمس ست سبع", "ثمان"])
    assert t.sentences == (("واحد", "اثنان", "ثلاث"), ("اربع", "خمس"))
    # Words past the limit never count, in the summary or the references.
    summary = "واحد اثنان ثلاثة اربعة خمسة كلمات اخرى لا تحسب"
    reference = "واحد اثنان ثلاثة اربعة خمسة جمل مختلفة تماما هنا"
    assert all(s.f == 1.0 for s in scorer.score(summary, [reference]).values())
    assert ArabicRouge().score(summary, [reference])["rouge1"].f < 1.0


def test_pooled_and_max_differ_as_documented() -> None:
    summary = "حموشي يزور الامارات ويلتقي الزعابي"
    near = "حموشي يزور الامارات ويلتقي الزعابي لبحث التعاون"
    far = "زيارة رسمية لبحث قضايا الامن والارهاب في الساحل"
    pooled = ArabicRouge(multi_ref="pooled").score(summary, [far, near])["rouge1"]
    best = ArabicRouge(multi_ref="max").score(summary, [far, near])["rouge1"]
    alone = ArabicRouge().score(summary, [near])["rouge1"]
    assert best == alone  # the best reference alone decides
    # pooled: 5 + 0 matches, summary counted twice, reference sizes summed.
    assert pooled.precision == pytest.approx(5 / 10)
    assert pooled.recall == pytest.approx(5 / (8 + 7))


def test_references_are_split_by_the_project_segmenter() -> None:
    # A full stop with no space after it ends a sentence (EASC writes "نوح.و").
    assert split_sentences("قال نوح.وذهب الى البيت. ثم عاد") == ["قال نوح.", "وذهب الى البيت.", "ثم عاد"]


# -- agreement with rouge-metric on the same tokens --------------------------------

_WORDS = ["أحمد", "احمد", "الأمن", "الامن", "الوطني", "زيارة", "زِيارة", "وزيارة", "الإمارات", "23", "٢٣", "التعاون", "في", "و", "بالتعاون"]
_sentence = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9).map(" ".join)
_text = st.lists(_sentence, min_size=1, max_size=4)


def _metric_scores(scorer: ArabicRouge, summary: list[str], references: list[list[str]], mode: str) -> dict:
    """rouge-metric on exactly the tokens our scorer uses."""
    stem = STEMMERS[scorer.stem] or (lambda t: t)

    def tokens(sentences: list[str]) -> list[list[str]]:
        return [[stem(t) for t in s] for s in scorer.tokenize(sentences).sentences]

    rouge = PyRouge(rouge_n=(1, 2), rouge_l=True, multi_ref_mode=mode)
    return rouge.evaluate_tokenized([tokens(summary)], [[tokens(r) for r in references]])


def _assert_agree(ours: dict, theirs: dict) -> None:
    for mine, key in (("rouge1", "rouge-1"), ("rouge2", "rouge-2"), ("rougeLsum", "rouge-l")):
        assert ours[mine].precision == pytest.approx(theirs[key]["p"], abs=1e-9)
        assert ours[mine].recall == pytest.approx(theirs[key]["r"], abs=1e-9)
        assert ours[mine].f == pytest.approx(theirs[key]["f"], abs=1e-9)


def _check(summary: list[str], references: list[list[str]], *, stem: str, limit: int | None) -> None:
    pooled = ArabicRouge(multi_ref="pooled", stem=stem, length_limit=limit)
    _assert_agree(pooled.score(summary, references), _metric_scores(pooled, summary, references, "average"))
    # max: rouge-metric scores each reference alone; the best F wins (first on ties).
    best = ArabicRouge(multi_ref="max", stem=stem, length_limit=limit)
    ours = best.score(summary, references)
    for mine, key in (("rouge1", "rouge-1"), ("rouge2", "rouge-2"), ("rougeLsum", "rouge-l")):
        singles = [_metric_scores(best, summary, [r], "average")[key] for r in references]
        top = max(singles, key=lambda s: s["f"])
        assert (ours[mine].precision, ours[mine].recall, ours[mine].f) == pytest.approx((top["p"], top["r"], top["f"]), abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(
    summary=_text,
    references=st.lists(_text, min_size=1, max_size=4),
    stem=st.sampled_from(["none", "light"]),
    limit=st.one_of(st.none(), st.integers(1, 25)),
)
def test_agrees_with_rouge_metric_on_random_arabic(summary, references, stem, limit) -> None:
    _check(summary, references, stem=stem, limit=limit)


def _check_document(corpus: Path, doc_id: str) -> None:
    doc = load_corpus(corpus).subset([doc_id]).documents[0]
    view = DocumentView.of(doc.doc_id, doc.text)
    summary = list(view.sentences(view.candidates[:3]))
    references = [split_sentences(r) for r in doc.references]
    for stem in ("none", "light"):
        for limit in (None, 60):
            _check(summary, references, stem=stem, limit=limit)


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def test_agrees_with_rouge_metric_on_the_test_articles(news_corpus: Path, doc_id: str) -> None:
    _check_document(news_corpus, doc_id)


@pytest.mark.easc
@pytest.mark.parametrize("doc_id", ["easc-002", "easc-051", "easc-121"])
def test_agrees_with_rouge_metric_on_easc(easc_dir: Path, doc_id: str) -> None:
    """Real EASC text and references: their punctuation, spelling and cut lines."""
    _check_document(easc_dir, doc_id)
