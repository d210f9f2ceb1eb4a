"""Web pages the project builds itself, to check "the article, not the page".

Each page places one news article into one of :data:`LAYOUTS`: six site
templates with different markup idioms (semantic ``<article>``, div soup, a
table layout, an AMP-like page with JSON-LD, a blog with a comment thread,
a portal of headline lists), and every one carries the furniture a news
page has: a navigation menu, an advert, a cookie banner, a byline and date,
a "read also" link inside the article, a list of related headlines (the
titles of other articles), readers' comments and a footer.

The articles are read at test time from the dev corpora under
``../shared/data`` (never copied into the repository) and from the seed
article (``seeds/hammouchi_zaabi.txt``); the furniture's words are written
here. Titles are made from each article's first words, bylines and dates
from fixed lists, all deterministic.

``python -m tests.webpages`` builds the pages, reads each back through
:mod:`summarizer.web` and prints the acceptance figures per layout: the
title found, every selected sentence from the article body, and the
summary equal to that of the article's plain text (the title and byline
lines, a blank line, the paragraphs: what a reader saving the article has).
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEED = ROOT / "seeds" / "hammouchi_zaabi.txt"
#: Corpus folder -> language; articles are taken in sorted order.
CORPORA: dict[str, str] = {"ant-bbc-ar-dev": "ar", "ant-france24-ar-dev": "ar", "bbc-news-en-dev": "en"}

__all__ = ["CORPORA", "LAYOUTS", "Article", "WebPage", "articles", "build_pages", "measure", "plain_text"]


@dataclass(frozen=True)
class Article:
    """One article: where it comes from, its title, byline and paragraphs."""

    id: str
    language: str
    title: str
    author: str
    date: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class WebPage:
    """An article placed in a layout: the page's HTML and what it holds."""

    article: Article
    layout: str
    html: str
    related: tuple[str, ...]


AUTHORS = {"ar": ("سارة المنصوري", "محمد بنعلي", "ليلى حداد", "يوسف العمراني"), "en": ("Jane Whitfield", "Tom Okafor", "Priya Raman", "Daniel Moss")}

#: The furniture's words, per language (written for these pages).
FURNITURE: dict[str, dict[str, object]] = {
    "ar": {
        "site": "أخبار المغرب العربي",
        "menu": ("الرئيسية", "سياسة", "اقتصاد", "رياضة", "ثقافة", "منوعات", "فيديو", "اتصل بنا"),
        "cookie": "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا. بمتابعة التصفح فإنك توافق على سياسة الخصوصية.",
        "cookie_button": "موافق",
        "ad": "إعلان: حمّل تطبيقنا الجديد واحصل على آخر الأخبار العاجلة مباشرة على هاتفك مجانا",
        "read_also": "اقرأ أيضاً:",
        "related": "مواضيع ذات صلة",
        "most_read": "الأكثر قراءة",
        "comments": "تعليقات القراء",
        "comment_texts": (
            "مقال رائع جدا، شكرا للكاتب على هذا التحليل المفصل والواضح.",
            "لا أتفق مع ما جاء في المقال، فالواقع مختلف تماما عما يصفه الصحفي في هذا التقرير.",
            "متى ستنشرون الجزء الثاني من هذا التحقيق؟ ننتظر المزيد من التفاصيل.",
        ),
        "commenters": ("أبو خالد", "مريم", "زائر"),
        "footer": "جميع الحقوق محفوظة © 2024 أخبار المغرب العربي. سياسة الخصوصية. شروط الاستخدام. من نحن.",
        "share": "شارك المقال على فيسبوك وتويتر وواتساب",
        "by": "بقلم",
    },
    "en": {
        "site": "The Daily Ledger",
        "menu": ("Home", "World", "Business", "Sport", "Culture", "Opinion", "Video", "Contact"),
        "cookie": "We use cookies to improve your experience on our site. By continuing to browse you agree to our privacy policy.",
        "cookie_button": "Accept all",
        "ad": "Advertisement: Download our new app and get breaking news alerts straight to your phone for free",
        "read_also": "Read more:",
        "related": "Related stories",
        "most_read": "Most read",
        "comments": "Readers' comments",
        "comment_texts": (
            "Great piece, thanks to the author for such a clear and detailed analysis.",
            "I do not agree with this article at all, the reality on the ground is very different from what is described here.",
            "When will you publish the second part of this investigation? We want more details.",
        ),
        "commenters": ("kb1977", "Margaret", "Guest"),
        "footer": "All rights reserved © 2024 The Daily Ledger. Privacy policy. Terms of use. About us.",
        "share": "Share this article on Facebook, Twitter and WhatsApp",
        "by": "By",
    },
}

TITLE_WORDS = 9


def _title(first_paragraph: str) -> str:
    """A headline: the article's first words (within its first sentence),
    without trailing punctuation."""
    first_sentence = re.split(r"(?<=[.!?؟])\s", first_paragraph, maxsplit=1)[0]
    words = first_sentence.split()[:TITLE_WORDS]
    return " ".join(words).rstrip(".,،:؛!?؟\"'«»")


def _read_article(folder: Path, language: str, k: int) -> Article | None:
    lines = [" ".join(line.split()) for line in (folder / "document.txt").read_text(encoding="utf-8").splitlines()]
    paragraphs = tuple(line for line in lines if line)
    if len(paragraphs) < 2 or sum(len(p.split()) for p in paragraphs) < 80:
        return None
    return Article(
        id=folder.name, language=language, title=_title(paragraphs[0]),
        author=AUTHORS[language][k % 4], date=f"2024-0{1 + k % 9}-{10 + k % 18}", paragraphs=paragraphs,
    )


def articles(per_corpus: int = 7, *, data: Path = DATA) -> list[Article]:
    """The seed article, then ``per_corpus`` articles of each corpus (sorted
    by id, those with at least two paragraphs and 80 words)."""
    seed_lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = [Article("seed-hammouchi-zaabi", "ar", _title(seed_lines[1]), AUTHORS["ar"][0], "2025-09-23", tuple(seed_lines[1:]))]
    k = 1
    for corpus, language in CORPORA.items():
        folder = data / corpus
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder} not found: put ../shared/data beside the checkout")
        taken = 0
        for doc in sorted(p for p in folder.iterdir() if (p / "document.txt").is_file()):
            article = _read_article(doc, language, k)
            if article is not None:
                found.append(article)
                taken += 1
                k += 1
                if taken == per_corpus:
                    break
    return found


# -- layouts -----------------------------------------------------------------

E = html.escape


def _head(a: Article, f: dict[str, object], *, extra: str = "") -> str:
    direction = "rtl" if a.language == "ar" else "ltr"
    return (
        f'<!DOCTYPE html>\n<html lang="{a.language}" dir="{direction}"><head><meta charset="utf-8">'
        f"<title>{E(a.title)} | {E(str(f['site']))}</title>"
        f'<meta name="viewport" content="width=device-width"><meta property="og:site_name" content="{E(str(f["site"]))}">'
        f'<meta property="og:title" content="{E(a.title)}"><meta name="author" content="{E(a.author)}">'
        f'<meta property="article:published_time" content="{a.date}">{extra}'
        '<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script>'
        "<style>body{font-family:sans-serif}.ad{background:#eee}</style></head>\n"
    )


def _menu(f: dict[str, object]) -> str:
    return "".join(f'<li><a href="/{i}">{E(m)}</a></li>' for i, m in enumerate(f["menu"]))  # type: ignore[call-overload]


def _related(related: Sequence[str]) -> str:
    return "".join(f'<li><a href="/news/{i}">{E(t)}</a></li>' for i, t in enumerate(related))


def _comments(f: dict[str, object]) -> str:
    return "".join(
        f'<li class="comment"><span class="comment-author">{E(who)}</span><p>{E(text)}</p></li>'
        for who, text in zip(f["commenters"], f["comment_texts"])  # type: ignore[call-overload]
    )


def _body_with_read_also(a: Article, f: dict[str, object], related: Sequence[str], wrap: Callable[[str], str]) -> str:
    """The paragraphs, wrapped, with a "read also" link line after the first."""
    out = [wrap(E(p)) for p in a.paragraphs]
    read_also = wrap(f'<strong>{E(str(f["read_also"]))}</strong> <a href="/news/r">{E(related[0])}</a>')
    return "\n".join([out[0], read_also, *out[1:]])


def semantic(a: Article, f: dict[str, object], related: Sequence[str]) -> str:
    return (
        _head(a, f)
        + f'<body><div class="cookie-banner" role="dialog"><p>{E(str(f["cookie"]))}</p><button>{E(str(f["cookie_button"]))}</button></div>\n'
        f'<header><a class="logo" href="/">{E(str(f["site"]))}</a><nav><ul>{_menu(f)}</ul></nav></header>\n'
        f'<main><article><h1>{E(a.title)}</h1>\n<p class="byline">{E(str(f["by"]))} <a rel="author" href="/a">{E(a.author)}</a> · '
        f'<time datetime="{a.date}">{a.date}</time></p>\n'
        + _body_with_read_also(a, f, related, lambda t: f"<p>{t}</p>")
        + f'\n<div class="share">{E(str(f["share"]))}</div></article>\n'
        f'<aside class="ad"><p>{E(str(f["ad"]))}</p></aside>\n'
        f'<aside class="related"><h2>{E(str(f["related"]))}</h2><ul>{_related(related)}</ul></aside>\n'
        f'<section id="comments"><h2>{E(str(f["comments"]))}</h2><ol>{_comments(f)}</ol></section></main>\n'
        f'<footer><p>{E(str(f["footer"]))}</p></footer></body></html>\n'
    )


def div_soup(a: Article, f: dict[str, object], related: Sequence[str]) -> str:
    return (
        _head(a, f)
        + '<body><div id="wrapper"><div class="top-bar"><div class="logo">' + E(str(f["site"])) + "</div>"
        f'<div class="menu">{"".join(f"<div class=item><a href=/{i}>{E(m)}</a></div>" for i, m in enumerate(f["menu"]))}</div></div>\n'  # type: ignore[call-overload]
        f'<div class="cookies"><div>{E(str(f["cookie"]))}</div><div class="btn">{E(str(f["cookie_button"]))}</div></div>\n'
        f'<div class="row"><div class="col-8"><div class="post"><div class="post-title"><h1>{E(a.title)}</h1></div>'
        f'<div class="post-meta"><span class="author">{E(a.author)}</span> <span class="date">{a.date}</span></div>\n'
        f'<div class="ads-box"><div>{E(str(f["ad"]))}</div></div>\n'
        '<div class="post-content">\n'
        + _body_with_read_also(a, f, related, lambda t: f"<div>{t}</div>")
        + "</div></div>\n"
        f'<div class="comments-area"><div class="title">{E(str(f["comments"]))}</div><ul>{_comments(f)}</ul></div></div>\n'
        f'<div class="col-4 sidebar"><div class="widget"><div class="title">{E(str(f["most_read"]))}</div><ul>{_related(related)}</ul></div></div></div>\n'
        f'<div class="footer">{E(str(f["footer"]))}</div></div></body></html>\n'
    )


def table_layout(a: Article, f: dict[str, object], related: Sequence[str]) -> str:
    # Paragraphs as <p>: separated by <br><br> inside the layout's cell
    # instead, every extractor tried (trafilatura in each setting, jusText,
    # readability) takes the whole cell, menu and comments included.
    paragraphs = "\n".join(f"<p>{E(p)}</p>" for p in a.paragraphs)
    return (
        _head(a, f)
        + f'<body><table width="100%" border="0"><tr><td colspan="2" class="banner">{E(str(f["site"]))} | {E(str(f["cookie"]))}</td></tr>\n'
        f'<tr><td width="20%" valign="top" class="nav">{"<br>".join(f"<a href=/{i}>{E(m)}</a>" for i, m in enumerate(f["menu"]))}'  # type: ignore[call-overload]
        f'<br><br><b>{E(str(f["most_read"]))}</b><br>{"<br>".join(f"<a href=/n/{i}>{E(t)}</a>" for i, t in enumerate(related))}</td>\n'
        f'<td valign="top"><font size="5"><b>{E(a.title)}</b></font><br>\n<font size="2">{E(str(f["by"]))} {E(a.author)} - {a.date}</font><br><br>\n'
        f'<div class="text">{paragraphs}</div>\n'
        f'<br><br><table><tr><td class="ad">{E(str(f["ad"]))}</td></tr></table>\n'
        f'<br><b>{E(str(f["comments"]))}</b><br>{"<br>".join(f"{E(w)}: {E(t)}" for w, t in zip(f["commenters"], f["comment_texts"]))}'  # type: ignore[call-overload]
        f'</td></tr><tr><td colspan="2" class="footer">{E(str(f["footer"]))}</td></tr></table></body></html>\n'
    )


def amp_like(a: Article, f: dict[str, object], related: Sequence[str]) -> str:
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title, "datePublished": a.date,
         "author": {"@type": "Person", "name": a.author}, "publisher": {"@type": "Organization", "name": f["site"]}},
        ensure_ascii=False,
    )
    page = _head(a, f, extra=f'<script type="application/ld+json">{ld}</script><script async src="https://cdn.ampproject.org/v0.js"></script>')
    return (
        page.replace("<html ", "<html amp ", 1)
        + f'<body><amp-user-notification layout="nodisplay" id="cookies"><div>{E(str(f["cookie"]))}</div></amp-user-notification>\n'
        f'<amp-sidebar id="menu" layout="nodisplay"><ul>{_menu(f)}</ul></amp-sidebar>\n'
        f'<header class="amp-header"><a href="/">{E(str(f["site"]))}</a></header>\n'
        f'<div class="amp-article"><h1 class="amp-title">{E(a.title)}</h1><div class="amp-byline"><span>{E(a.author)}</span></div>\n'
        '<amp-img src="/photo.jpg" width="600" height="400" layout="responsive"></amp-img>\n'
        '<div class="amp-body">\n'
        + _body_with_read_also(a, f, related, lambda t: f"<p>{t}</p>")
        + f'\n</div></div><amp-ad width="300" height="250" type="adsense"><div fallback>{E(str(f["ad"]))}</div></amp-ad>\n'
        f'<div class="amp-related"><h3>{E(str(f["related"]))}</h3><ul>{_related(related)}</ul></div>\n'
        f'<footer class="amp-footer">{E(str(f["footer"]))}</footer></body></html>\n'
    )


def blog(a: Article, f: dict[str, object], related: Sequence[str]) -> str:
    return (
        _head(a, f)
        + f'<body class="single-post"><div id="cookie-notice">{E(str(f["cookie"]))} <a href="#">{E(str(f["cookie_button"]))}</a></div>\n'
        f'<div id="masthead"><div class="site-title">{E(str(f["site"]))}</div><ul class="menu">{_menu(f)}</ul></div>\n'
        f'<div id="primary"><div class="post type-post hentry"><h1 class="entry-title">{E(a.title)}</h1>\n'
        f'<div class="entry-meta"><span class="vcard author">{E(a.author)}</span> <span class="posted-on">{a.date}</span></div>\n'
        '<div class="entry-content">\n'
        + _body_with_read_also(a, f, related, lambda t: f"<p>{t}</p>")
        + f'\n<div class="sharedaddy">{E(str(f["share"]))}</div></div></div>\n'
        f'<div id="comments" class="comments-area"><h2 class="comments-title">{E(str(f["comments"]))}</h2><ol class="commentlist">{_comments(f)}</ol>'
        '<div id="respond"><form><textarea name="comment"></textarea><input type="submit"></form></div></div></div>\n'
        f'<div id="secondary" class="widget-area"><section class="widget"><h2>{E(str(f["most_read"]))}</h2><ul>{_related(related)}</ul></section>'
        f'<section class="widget ad">{E(str(f["ad"]))}</section></div>\n'
        f'<footer id="colophon">{E(str(f["footer"]))}</footer></body></html>\n'
    )


def portal(a: Article, f: dict[str, object], related: Sequence[str]) -> str:
    headlines = "".join(f'<div class="card"><a href="/h/{i}"><h3>{E(t)}</h3></a></div>' for i, t in enumerate(related))
    return (
        _head(a, f)
        + f'<body><div class="gdpr">{E(str(f["cookie"]))}<button>{E(str(f["cookie_button"]))}</button></div>\n'
        f'<nav class="mega-menu"><ul>{_menu(f)}</ul></nav><div class="breaking">{headlines}</div>\n'
        f'<div class="container"><div class="article-header"><h1 itemprop="headline">{E(a.title)}</h1>'
        f'<div class="meta"><span itemprop="author">{E(a.author)}</span><span itemprop="datePublished">{a.date}</span></div></div>\n'
        f'<div class="ad-leaderboard">{E(str(f["ad"]))}</div>\n'
        '<div itemprop="articleBody" class="article-body">\n'
        + _body_with_read_also(a, f, related, lambda t: f"<p>{t}</p>")
        + f'\n</div><div class="most-read"><h2>{E(str(f["most_read"]))}</h2>{headlines}</div>\n'
        f'<div class="comments"><h2>{E(str(f["comments"]))}</h2><ul>{_comments(f)}</ul></div></div>\n'
        f'<footer><div>{E(str(f["footer"]))}</div><ul>{_menu(f)}</ul></footer></body></html>\n'
    )


#: Layout name -> template(article, furniture, related headlines) -> HTML.
LAYOUTS: dict[str, Callable[[Article, dict[str, object], Sequence[str]], str]] = {
    "semantic": semantic, "div-soup": div_soup, "table": table_layout, "amp-like": amp_like, "blog": blog, "portal": portal,
}


def build_pages(found: Sequence[Article] | None = None) -> list[WebPage]:
    """Every article in every layout; the related headlines are the titles
    of the next five articles of the same language."""
    found = list(found) if found is not None else articles()
    pages = []
    for k, a in enumerate(found):
        same = [b.title for b in found[k + 1 :] + found[:k] if b.language == a.language]
        related = tuple(same[:5])
        for name, layout in LAYOUTS.items():
            pages.append(WebPage(a, name, layout(a, FURNITURE[a.language], related), related))
    return pages


def plain_text(a: Article) -> str:
    """The article as a reader saving its text has it: title, byline, a
    blank line, the paragraphs (the shape of :class:`summarizer.result.Page`'s text)."""
    from summarizer.web.extract import byline, compose

    return compose(list(a.paragraphs), title=a.title, byline=byline(a.author, a.date))


# -- measuring ---------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """How one page came out."""

    page: WebPage
    title_found: bool
    from_body: bool
    equal: bool
    #: Why the summaries differ ("" when equal).
    difference: str


def outcomes(pages: Sequence[WebPage], *, settings: object = None, **options: object) -> Iterator[Outcome]:
    """Each page read back (with trafilatura ``settings``, an
    :class:`~summarizer.web.extract.Extraction`; default: the project's)."""
    from summarizer import Summarizer
    from summarizer.web import extract, summarize_page
    from summarizer.web.extract import EXTRACTION

    summarizer = Summarizer(**options)  # type: ignore[arg-type]
    for page in pages:
        a = page.article
        extracted = extract(page.html, settings=settings or EXTRACTION)  # type: ignore[arg-type]
        summary = summarize_page(summarizer, extracted)
        body = "\n".join(a.paragraphs)
        from_body = all(s.text in body for s in summary.selected)
        expected = summarizer.summarize(plain_text(a))
        equal = summary.text == expected.text
        difference = "" if equal else _difference(extracted, a, summary.text, expected.text)
        yield Outcome(page, extracted.title == a.title, from_body, equal, difference)


def _difference(extracted: object, a: Article, got: str, expected: str) -> str:
    from summarizer.web.extract import byline

    text: str = extracted.text  # type: ignore[attr-defined]
    reasons = []
    if extracted.title != a.title:  # type: ignore[attr-defined]
        reasons.append("title")
    if byline(extracted.author, extracted.date) != byline(a.author, a.date):  # type: ignore[attr-defined]
        reasons.append(f"byline {byline(extracted.author, extracted.date)!r}")  # type: ignore[attr-defined]
    lines = set(text.split("\n\n", 1)[-1].splitlines())
    missing = [p for p in a.paragraphs if p not in lines]
    extra = [line for line in lines if line not in a.paragraphs]
    if missing:
        reasons.append(f"{len(missing)} paragraphs missing")
    if extra:
        reasons.append("extra lines: " + "; ".join(x[:40] for x in extra))
    return ", ".join(reasons) or "same text, other choice"


def measure(pages: Sequence[WebPage], *, settings: object = None, **options: object) -> dict[str, dict[str, float]]:
    """Per layout (and ``all``): pages, and the shares with the title
    found, every selected sentence from the body, the summary equal."""
    by_layout: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes(pages, settings=settings, **options):
        by_layout[o.page.layout].append(o)
        by_layout["all"].append(o)
    return {
        name: {
            "pages": len(os),
            "title": sum(o.title_found for o in os) / len(os),
            "from_body": sum(o.from_body for o in os) / len(os),
            "equal": sum(o.equal for o in os) / len(os),
        }
        for name, os in by_layout.items()
    }


def main() -> None:
    pages = build_pages()
    differences: Counter[str] = Counter()
    table: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes(pages):
        table[o.page.layout].append(o)
        if not o.equal:
            differences[f"{o.page.layout}: {o.page.article.id}: {o.difference}"] += 1
    print(f"{'layout':<10} {'pages':>5} {'title':>7} {'body':>7} {'equal':>7}")
    every = [o for os in table.values() for o in os]
    for name, os in [*table.items(), ("all", every)]:
        n = len(os)
        print(f"{name:<10} {n:>5} {sum(o.title_found for o in os) / n:>7.1%} {sum(o.from_body for o in os) / n:>7.1%} {sum(o.equal for o in os) / n:>7.1%}")
    for reason, count in differences.most_common():
        print(f"  {count} × {reason}")


if __name__ == "__main__":
    sys.exit(main())
