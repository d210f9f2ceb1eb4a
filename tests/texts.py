"""News-like texts written for the tests: no corpus text is copied here.

``ARTICLES`` are six short Arabic news articles (a title line, then
paragraphs), and ``REFERENCES`` three human-style summaries for each of the
first four. :func:`arabic_articles` gives as many distinct articles as a
test needs (the hand-written ones first, then articles assembled from the
sentence parts below, deterministically and of very different lengths);
:func:`write_corpus` lays the first four out as a small evaluation corpus
in the EASC folder layout (``<id>/document.txt``, ``<id>/references/N.txt``).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

__all__ = [
    "ARTICLES",
    "CORPUS_IDS",
    "ENGLISH_ARTICLE",
    "HOSTILE",
    "REFERENCES",
    "arabic_articles",
    "long_arabic_text",
    "write_corpus",
]

ARTICLES: tuple[str, ...] = (
    "الحكومة تطلق خطة طارئة لمواجهة الجفاف في المناطق الجنوبية\n"
    "أعلنت الحكومة صباح اليوم عن خطة طارئة لمواجهة موجة الجفاف التي تضرب المناطق الجنوبية منذ ثلاث سنوات. "
    "وتشمل الخطة بناء سدين صغيرين وحفر أكثر من مئتي بئر جديدة قبل نهاية العام. "
    "وقال وزير الفلاحة في مؤتمر صحفي إن منسوب المياه في السدود الكبرى انخفض إلى أقل من ثلاثين في المئة من طاقتها.\n"
    "وأضاف الوزير أن الدولة ستخصص ميزانية إضافية لدعم صغار المزارعين الذين فقدوا محاصيلهم هذا الموسم. "
    "وسيحصل كل مزارع متضرر على تعويض مالي وبذور مجانية للموسم القادم. "
    "كما دعت وزارة الداخلية السكان إلى ترشيد استهلاك مياه الشرب وتجنب سقي الحدائق في ساعات النهار.\n"
    "ويرى خبراء المناخ أن الجفاف سيتكرر في السنوات المقبلة بسبب ارتفاع درجات الحرارة وتراجع الأمطار. "
    "وطالبت جمعيات بيئية بالاستثمار في تحلية مياه البحر وإعادة استعمال المياه المعالجة في الري.\n",
    "توسعة الميناء التجاري تبدأ الشهر المقبل\n"
    "وقعت إدارة الميناء التجاري أمس اتفاقية مع شركة دولية لتوسعة الأرصفة وبناء محطة جديدة للحاويات. "
    "وتبلغ تكلفة المشروع نحو ستمئة مليون دولار، ويتوقع أن يستغرق إنجازه أربع سنوات. "
    "وقال مدير الميناء إن المحطة الجديدة سترفع قدرة الميناء إلى مليوني حاوية في السنة.\n"
    "ويهدف المشروع إلى جعل المدينة مركزا إقليميا للتجارة البحرية بين أوروبا وأفريقيا. "
    "وسيوفر العمل في الأرصفة الجديدة حوالي ثلاثة آلاف فرصة عمل مباشرة لشباب المنطقة. "
    "وأكد المدير أن الشركة الدولية التزمت بتدريب العمال المحليين على تشغيل الرافعات الحديثة.\n"
    "في المقابل، عبر صيادون عن قلقهم من أن تقلص التوسعة المساحة المخصصة لقواربهم في الميناء القديم. "
    "وردت الإدارة بأنها ستبني رصيفا خاصا للصيد التقليدي شمال المدينة قبل بدء الأشغال.\n",
    "نتائج امتحانات الثانوية العامة: نسبة النجاح ترتفع هذا العام\n"
    "كشفت وزارة التربية الوطنية مساء الخميس عن نتائج امتحانات الثانوية العامة لهذه السنة. "
    "وبلغت نسبة النجاح على المستوى الوطني اثنين وسبعين في المئة، مقابل خمسة وستين في المئة العام الماضي. "
    "وتصدرت الفتيات قائمة المتفوقين في الشعب العلمية والأدبية على حد سواء.\n"
    "وأرجعت الوزيرة هذا التحسن إلى برنامج الدعم المدرسي المجاني الذي استفاد منه أكثر من مئة ألف تلميذ. "
    "وأشارت إلى أن المدارس القروية سجلت لأول مرة نتائج قريبة من نتائج مدارس المدن. "
    "وسيتمكن الراسبون من اجتياز دورة استدراكية في منتصف الشهر المقبل.\n"
    "من جهتها، طالبت نقابة الأساتذة بتعميم برنامج الدعم على جميع المستويات الدراسية وتحسين ظروف عمل المعلمين في القرى النائية. "
    "وتبدأ الجامعات استقبال طلبات التسجيل ابتداء من الأسبوع القادم عبر منصة إلكترونية موحدة.\n",
    "المنتخب الوطني يتأهل إلى نهائيات كأس أفريقيا\n"
    "تأهل المنتخب الوطني لكرة القدم إلى نهائيات كأس أفريقيا بعد فوزه على ضيفه بهدفين مقابل هدف واحد. "
    "وسجل المهاجم الشاب هدف الفوز في الدقيقة الأخيرة من المباراة أمام أكثر من أربعين ألف متفرج. "
    "وكان المنتخب بحاجة إلى الفوز فقط لضمان المركز الأول في مجموعته.\n"
    "وقال المدرب بعد المباراة إن لاعبيه أظهروا روحا قتالية عالية رغم غياب ثلاثة لاعبين أساسيين بسبب الإصابة. "
    "وأضاف أن الفريق سيخوض معسكرا تدريبيا في الخارج استعدادا للبطولة. "
    "واحتفل آلاف المشجعين في شوارع العاصمة حتى ساعة متأخرة من الليل.\n"
    "وتقام نهائيات البطولة في شهر يناير المقبل بمشاركة أربعة وعشرين منتخبا. "
    "ويأمل الاتحاد المحلي أن يتجاوز المنتخب الدور ربع النهائي الذي توقف عنده في النسخة السابقة.\n",
    "رقمنة الخدمات الإدارية: البطاقة الوطنية عبر الإنترنت\n"
    "أطلقت وزارة الداخلية منصة إلكترونية تتيح للمواطنين طلب بطاقة التعريف الوطنية وجواز السفر دون التنقل إلى الإدارة. "
    "ويكفي أن يملأ المواطن استمارة قصيرة ويرفع صورة حديثة ويدفع الرسوم ببطاقة بنكية. "
    "وتصل الوثيقة إلى أقرب مكتب بريد في أجل لا يتجاوز عشرة أيام.\n"
    "وقال مسؤول في الوزارة إن المنصة استقبلت خمسين ألف طلب في أسبوعها الأول. "
    "وأوضح أن الهدف هو تقليص الطوابير أمام المقاطعات وتخفيف الضغط على الموظفين. "
    "وستضاف إلى المنصة خدمات أخرى مثل شهادة السكنى وعقود الازدياد قبل نهاية السنة.\n"
    "غير أن جمعيات المجتمع المدني نبهت إلى أن كثيرا من سكان القرى لا يتوفرون على اتصال جيد بالإنترنت. "
    "واقترحت فتح فضاءات رقمية في الجماعات القروية يساعد فيها موظفون المواطنين على إنجاز طلباتهم.\n",
    "مهرجان السينما المتوسطية يفتتح دورته العاشرة\n"
    "افتتح مهرجان السينما المتوسطية مساء السبت دورته العاشرة بحضور مخرجين وممثلين من خمس عشرة دولة. "
    "ويتنافس على الجائزة الكبرى اثنا عشر فيلما روائيا طويلا، بينها ثلاثة أفلام لمخرجات شابات. "
    "وكرم المهرجان في حفل الافتتاح ممثلة قديرة قضت أربعين سنة على خشبة المسرح وأمام الكاميرا.\n"
    "وقال مدير المهرجان إن هذه الدورة تولي اهتماما خاصا بالأفلام الوثائقية التي تتناول قضايا الهجرة والبيئة. "
    "وتعرض الأفلام في قاعتين بوسط المدينة وفي ساحة عمومية مفتوحة للجمهور مجانا. "
    "كما تنظم ورشات تكوينية لفائدة طلبة معاهد السينما حول كتابة السيناريو والمونتاج.\n"
    "ويختتم المهرجان يوم الجمعة المقبل بإعلان الفائزين وعرض فيلم قصير أنجزه أطفال من أحياء المدينة.\n",
)

#: Three summaries of each of the first four articles, as annotators write
#: them: mostly words of the body's later sentences, rarely the opening's.
REFERENCES: tuple[tuple[str, ...], ...] = (
    (
        "أطلقت الحكومة خطة طارئة لمواجهة الجفاف في الجنوب تشمل بناء سدين وحفر مئتي بئر، مع تعويض صغار المزارعين الذين فقدوا محاصيلهم.",
        "انخفض منسوب المياه في السدود الكبرى إلى أقل من ثلاثين في المئة، فخصصت الدولة ميزانية إضافية لدعم صغار المزارعين.\n"
        "ودعت وزارة الداخلية السكان إلى ترشيد استهلاك مياه الشرب.",
        "خطة حكومية لمواجهة الجفاف تتضمن سدين صغيرين وآبارا جديدة وتعويضا ماليا وبذورا مجانية للمزارعين، فيما يطالب الخبراء بتحلية مياه البحر.",
    ),
    (
        "اتفاقية لتوسعة الميناء التجاري وبناء محطة حاويات بستمئة مليون دولار سترفع قدرة الميناء إلى مليوني حاوية في السنة.",
        "سيوفر العمل في الأرصفة الجديدة ثلاثة آلاف فرصة عمل مباشرة لشباب المنطقة، وستبني الإدارة رصيفا خاصا للصيد التقليدي بعد قلق الصيادين.",
        "وقعت إدارة الميناء اتفاقية مع شركة دولية لتوسعة الأرصفة.\n"
        "والتزمت الشركة الدولية بتدريب العمال المحليين على تشغيل الرافعات الحديثة.",
    ),
    (
        "ارتفعت نسبة النجاح في الثانوية العامة إلى اثنين وسبعين في المئة بفضل برنامج الدعم المدرسي المجاني، وتصدرت الفتيات قائمة المتفوقين.",
        "سجلت المدارس القروية لأول مرة نتائج قريبة من نتائج مدارس المدن، وطالبت نقابة الأساتذة بتعميم برنامج الدعم على جميع المستويات الدراسية.",
        "سيجتاز الراسبون دورة استدراكية في منتصف الشهر المقبل، وتبدأ الجامعات استقبال طلبات التسجيل عبر منصة إلكترونية موحدة.",
    ),
    (
        "سجل المهاجم الشاب هدف الفوز في الدقيقة الأخيرة فتأهل المنتخب الوطني إلى نهائيات كأس أفريقيا.",
        "تأهل المنتخب متصدرا مجموعته رغم غياب ثلاثة لاعبين أساسيين بسبب الإصابة، وسيخوض الفريق معسكرا تدريبيا في الخارج استعدادا للبطولة.",
        "احتفل آلاف المشجعين في شوارع العاصمة حتى ساعة متأخرة من الليل.\n"
        "وتقام نهائيات البطولة في يناير بمشاركة أربعة وعشرين منتخبا.",
    ),
)

#: Document ids of :func:`write_corpus`, in order.
CORPUS_IDS: tuple[str, ...] = tuple(f"news-{i:02d}" for i in range(1, len(REFERENCES) + 1))

ENGLISH_ARTICLE = (
    "Rail Line to the Airport Opens After Four Years of Work\n"
    "The new rail line between the city centre and the airport opened to passengers on Monday morning. "
    "Trains will run every ten minutes from five in the morning until midnight, and the trip takes eighteen minutes.\n"
    "The regional transport authority said the line cost 1.2 billion dollars, about a fifth more than planned. "
    "Officials expect thirty thousand passengers a day within the first year, most of them airport workers.\n"
    "Taxi drivers protested outside the main station, saying the line will cut their income. "
    "The authority replied that it will keep a taxi rank at every station and review fares after six months.\n"
)

#: Markup and quotes that a page must show as text and never run.
HOSTILE = (
    '"><script>window.__pwned = 1</script>\n'
    "قال المصدر <img src=x onerror=\"window.__pwned = 2\"> إن الاجتماع انتهى.\n"
    "وأضاف: ' onmouseover='window.__pwned = 3' \" autofocus onfocus=\"window.__pwned = 4\" وهذا نص.\n"
    "النص يحتوي &amp; و &lt;b&gt; و </p></article><script>window.__pwned = 5</script> أيضا.\n"
    "<svg onload=\"window.__pwned = 6\"></svg><iframe src=\"javascript:window.__pwned = 7\"></iframe> ختام.\n"
)

# -- parts of generated articles: an institution (feminine, as its verbs),
#    what it did, to what, where and when, and a closing clause ------------------

_SUBJECTS = (
    "وزارة الصحة", "وزارة النقل", "وزارة الفلاحة", "بلدية المدينة", "هيئة الأرصاد الجوية", "نقابة المعلمين",
    "شركة الكهرباء الوطنية", "جامعة العاصمة", "مديرية التعليم", "جمعية حماية المستهلك", "لجنة المالية في البرلمان",
    "إدارة الجمارك",
)
_ACTIONS = (
    "أعلنت عن خطة جديدة لتطوير", "ناقشت في اجتماع مطول وضعية", "أطلقت حملة واسعة لإصلاح", "حذرت من تأخر أشغال",
    "وقعت اتفاقية لتمويل", "طالبت بزيادة الاستثمار في", "نشرت تقريرا مفصلا حول", "قررت تسريع العمل في",
    "افتتحت مكتبا جديدا لمتابعة", "رفعت توصيات إلى الحكومة بشأن",
)
_OBJECTS = (
    "المستشفيات الجهوية", "شبكة النقل الحضري", "المدارس الابتدائية", "السدود الصغيرة", "محطات تحلية المياه",
    "الطريق السيار", "الأسواق الأسبوعية", "مشاريع الطاقة الشمسية", "الملاعب الرياضية", "المكتبات العمومية",
    "شبكة الألياف البصرية", "الموانئ التجارية",
)
_PLACES = (
    "في العاصمة", "في المناطق الجبلية", "في المدن الساحلية", "في الأقاليم الجنوبية", "في القرى الشمالية",
    "في الأحياء القديمة", "قرب الحدود الشرقية", "في ضواحي المدينة",
)
_TIMES = (
    "خلال العام المقبل", "قبل نهاية الشهر الجاري", "منذ بداية الصيف", "في الأسبوع الماضي", "بحلول سنة 2030",
    "خلال السنوات الخمس القادمة", "في الربع الأول من السنة", "بعد انتهاء موسم الأمطار",
)
_TAILS = (
    "بتكلفة تقدر بنحو {n} مليون دينار", "لفائدة أكثر من {n} ألف مواطن", "بمشاركة {n} خبيرا من عدة دول",
    "على مساحة {n} هكتارا", "حسب ما أفاد به مسؤول في الإدارة", "وسط ترحيب واسع من السكان",
    "رغم انتقادات عدد من النواب", "في إطار برنامج التنمية الجهوية",
)
_STATES = (
    "تحتاج إلى إصلاح عاجل", "ستستفيد من التمويل الجديد", "عرفت تحسنا ملحوظا هذه السنة", "تعاني من نقص في الموظفين",
    "لم تعد تستجيب لحاجات السكان", "ستكون جاهزة قبل الموعد المحدد",
)


def _sentence(rng: random.Random, subject: str) -> str:
    if rng.random() < 0.25:
        return f"وقال مسؤول في {subject} إن {rng.choice(_OBJECTS)} {rng.choice(_PLACES)} {rng.choice(_STATES)}."
    verb, _, rest = rng.choice(_ACTIONS).partition(" ")
    tail = rng.choice(_TAILS).format(n=rng.randint(12, 99))
    return f"{verb} {subject} {rest} {rng.choice(_OBJECTS)} {rng.choice(_PLACES)} {rng.choice(_TIMES)}، {tail}."


def _generated(i: int) -> str:
    """Article ``i``: a title line and 3 to 22 distinct sentences, 3 or 4 a paragraph."""
    rng = random.Random(i)
    subject = _SUBJECTS[i % len(_SUBJECTS)]
    title = f"{subject}: {rng.choice(_OBJECTS)} {rng.choice(_PLACES)}"
    n = 3 + (i * 7) % 20
    sentences: list[str] = []
    while len(sentences) < n:
        s = _sentence(rng, subject)
        if s not in sentences:
            sentences.append(s)
    paragraphs, k = [], 0
    while k < n:
        step = 3 + rng.randrange(2)
        paragraphs.append(" ".join(sentences[k : k + step]))
        k += step
    return "\n".join([title, *paragraphs]) + "\n"


def arabic_articles(n: int) -> list[str]:
    """``n`` distinct Arabic articles: the hand-written ones, then generated ones."""
    out = list(ARTICLES[:n])
    i = 0
    while len(out) < n:
        text = _generated(i)
        if text not in out:
            out.append(text)
        i += 1
    return out


def long_arabic_text(characters: int) -> str:
    """A long text of ``characters``: distinct sentences of 8 to 24 words
    drawn from the hand-written articles' words (seven in ten from one
    article per paragraph, as a long report stays on a chapter's topic),
    so that it is about as costly to rank as real prose of that length."""
    rng = random.Random(characters)
    topics = [re.findall(r"[^\W\d_]+", text) for text in ARTICLES + tuple(r for refs in REFERENCES for r in refs)]
    everything = [w for topic in topics for w in topic]
    paragraphs: list[str] = []
    seen: set[str] = set()
    size = 0
    while size < characters:
        topic = rng.choice(topics)
        sentences = []
        while len(sentences) < 5:
            words = [rng.choice(topic if rng.random() < 0.7 else everything) for _ in range(rng.randint(8, 24))]
            sentence = " ".join(words) + "."
            if sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 1
    return "\n".join(paragraphs)[:characters]


def write_corpus(root: Path) -> Path:
    """The first four articles and their references in the EASC folder layout, under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "README.md").write_text("A small corpus written for the tests; not a document.\n", encoding="utf-8")
    for doc_id, text, refs in zip(CORPUS_IDS, ARTICLES[: len(CORPUS_IDS)], REFERENCES, strict=True):
        (root / doc_id / "references").mkdir(parents=True, exist_ok=True)
        (root / doc_id / "document.txt").write_text(text, encoding="utf-8")
        for k, ref in enumerate(refs, 1):
            (root / doc_id / "references" / f"{k}.txt").write_text(ref + "\n", encoding="utf-8")
    return root
