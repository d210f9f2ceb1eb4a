"""Web pages in: HTML told from text by content, the article and its
metadata extracted, its title and byline headings, URLs fetched within
bounds from a server these tests start on a loopback port (no test reaches
the internet), and the acceptance figures on the generated pages.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import Summarizer
from summarizer.errors import InputError, InvalidOptionError
from summarizer.result import Page
from summarizer.web import extract, fetch, input_kind, looks_like_html, summarize_input, summarize_page
from summarizer.web.extract import furniture
from summarizer.web.fetch import page_charset, user_agent
from tests.texts import ARTICLES, ENGLISH_ARTICLE
from tests.webpages import FURNITURE, LAYOUTS, Article, build_pages, measure, plain_text


def article_from(text: str, language: str, k: int) -> Article:
    """An article of tests/texts.py (a title line, then paragraphs)."""
    title, *paragraphs = [line for line in text.splitlines() if line.strip()]
    return Article(f"texts-{k}", language, title, ("سارة المنصوري" if language == "ar" else "Jane Whitfield"), "2024-03-05", tuple(paragraphs))


TEXT_ARTICLES = [article_from(t, "ar", k) for k, t in enumerate(ARTICLES[:3])] + [article_from(ENGLISH_ARTICLE, "en", 9)]


def related_titles(a: Article) -> list[str]:
    return [b.title for b in TEXT_ARTICLES if b is not a] + ["عنوان آخر"]


# -- telling HTML from text --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "\ufeff  <!-- saved page -->\n<html lang='ar'>",
        "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>",
        "<div class='post'><p>نص</p></div>",
        "<HEAD><TITLE>x</TITLE>",
    ],
)
def test_html_is_recognized_by_content(text: str) -> None:
    assert looks_like_html(text) and input_kind(text) == "html"


@pytest.mark.parametrize(
    "text",
    ["A text that mentions <b> and <p> tags in a sentence.", "قال الوزير إن <div> ليست عنصرا.", "", "1 < 2 and 3 > 2"],
)
def test_text_that_mentions_tags_is_text(text: str) -> None:
    assert not looks_like_html(text) and input_kind(text) == "text"


def test_markup_that_is_not_html_is_an_error() -> None:
    rss = "<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>"
    with pytest.raises(InputError, match=r"feed.xml is <rss> markup, not an HTML page.*input_format='text'") as caught:
        input_kind(rss, source="feed.xml")
    assert "\n" not in str(caught.value)
    assert input_kind(rss, input_format="text") == "text"  # asked for: read as text


def test_html_asked_for_text_that_is_not_html() -> None:
    with pytest.raises(InputError, match="not HTML"):
        input_kind("plain words", input_format="html")
    with pytest.raises(InvalidOptionError, match="input_format"):
        input_kind("x", input_format="pdf")


# -- extraction --------------------------------------------------------------


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("a", TEXT_ARTICLES, ids=lambda a: a.id)
def test_each_layout_gives_the_article_and_its_metadata(layout: str, a: Article) -> None:
    html = LAYOUTS[layout](a, FURNITURE[a.language], related_titles(a))
    page = extract(html, url="http://127.0.0.1/x")
    assert (page.title, page.author, page.date, page.site, page.url) == (a.title, a.author, a.date, FURNITURE[a.language]["site"], "http://127.0.0.1/x")
    assert page.text == plain_text(a)  # menu, advert, cookies, read-also, related, comments, footer: all gone
    summary = summarize_page(Summarizer(), page)
    assert summary.text == Summarizer().summarize(plain_text(a)).text
    assert all(s.text in "\n".join(a.paragraphs) for s in summary.selected)


def test_title_and_byline_are_headings_offsets_point_into_the_article() -> None:
    a = TEXT_ARTICLES[0]
    # A title that ends like a sentence is still a heading, because the page says it is the title.
    b = Article(a.id, a.language, a.title + ".", a.author, a.date, a.paragraphs)
    page = extract(LAYOUTS["semantic"](b, FURNITURE["ar"], related_titles(a)))
    summary = summarize_page(Summarizer(sentences=2), page)
    head = [s for s in summary.sentences if s.start < len(page.title or "") + 1]
    assert [s.kind for s in summary.sentences[:2]] == ["heading", "heading"] and head
    assert summary.sentences[0].text == b.title and summary.sentences[1].text == f"{a.author} · {a.date}"
    assert not any(s.kind == "heading" for s in summary.selected)
    for s in summary.sentences:
        assert page.text[s.start : s.end] == s.text
    with_headings = summarize_page(Summarizer(include_headings=True, sentences=20), page)
    assert with_headings.sentences[0].selected
    data = summary.to_dict()
    assert data["page"]["text"] == page.text and data["page"]["title"] == b.title


def test_a_page_without_article_text_is_an_error() -> None:
    html = "<html><head><title>Home</title></head><body><nav><a href='/a'>News</a> <a href='/b'>Sport</a></nav><script>render()</script></body></html>"
    with pytest.raises(InputError, match="home.html has no article text") as caught:
        extract(html, source="home.html")
    assert "\n" not in str(caught.value)


def test_furniture_lines_by_the_boilerplate_rules() -> None:
    assert furniture("اقرأ أيضاً: الحكومة تطلق خطة طارئة")
    assert furniture("Read more: Rail line opens")
    assert furniture("إعلان: حمّل تطبيقنا الجديد واحصل على آخر الأخبار")
    assert not furniture(ARTICLES[0].splitlines()[1])


def test_summarize_input_reads_text_as_text_and_html_as_a_page() -> None:
    s = Summarizer(sentences=1)
    summary, source = summarize_input(s, ARTICLES[0])
    assert summary.page is None and source == ARTICLES[0]
    html = LAYOUTS["blog"](TEXT_ARTICLES[0], FURNITURE["ar"], related_titles(TEXT_ARTICLES[0]))
    summary, source = summarize_input(s, html)
    assert summary.page is not None and source == summary.page.text == plain_text(TEXT_ARTICLES[0])


def test_text_never_imports_the_extractor() -> None:
    """Start-up for a text does not pay for trafilatura and lxml."""
    code = (
        "import sys\n"
        "from summarizer import Summarizer\n"
        "from summarizer.web import summarize_input\n"
        "from tests.texts import ARTICLES\n"
        "summarize_input(Summarizer(), ARTICLES[0])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'lxml', 'urllib3', 'justext', 'htmldate')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_without_the_web_extra_html_says_how_to_install_it() -> None:
    code = (
        "import sys\n"
        "sys.modules['trafilatura'] = None  # as if not installed\n"
        "from summarizer.web import extract\n"
        "from summarizer.errors import InputError\n"
        "try:\n    extract('<html><body><p>x</p></body></html>')\n"
        "except InputError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "reading a web page needs the web extra: pip install 'arabic-textrank-summarizer[web]'"


# -- fetching ----------------------------------------------------------------

PAGE = LAYOUTS["semantic"](TEXT_ARTICLES[0], FURNITURE["ar"], related_titles(TEXT_ARTICLES[0]))
#: Path -> (status, headers, body); a body of None: handled in code.
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/page": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode("utf-8")),
    "/cp1256-header": (200, {"Content-Type": "text/html; charset=windows-1256"}, PAGE.replace('<meta charset="utf-8">', "").encode("cp1256")),
    "/cp1256-meta": (200, {"Content-Type": "text/html"}, PAGE.replace('charset="utf-8"', 'charset="windows-1256"').encode("cp1256")),
    "/text": (200, {"Content-Type": "text/plain; charset=utf-8"}, ARTICLES[1].encode("utf-8")),
    "/missing": (404, {"Content-Type": "text/html"}, b"<html><body>Not here</body></html>"),
    "/broken": (500, {"Content-Type": "text/html"}, b"<html><body>Oops</body></html>"),
    "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "/loop": (302, {"Location": "/loop2"}, b""),
    "/loop2": (302, {"Location": "/loop"}, b""),
    "/moved": (301, {"Location": "/page"}, b""),
    "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
    "/big": (200, {"Content-Type": "text/html", "Content-Length": "5000"}, b"<html>" + b"x" * 4994),
}


class Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []

    def do_GET(self) -> None:
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path in ("/slow", "/endless"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:  # no Content-Length, more than any limit the tests give
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
            except OSError:
                pass
            return
        status, headers, body = ROUTES[self.path]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_a_page_names_the_project(server: str) -> None:
    fetched = fetch(server + "/page")
    assert fetched.text == PAGE and fetched.content_type == "text/html" and fetched.charset == "utf-8"
    assert Handler.agents[-1] == user_agent() and user_agent().startswith("arabic-textrank-summarizer/0.")


@pytest.mark.parametrize("path", ["/cp1256-header", "/cp1256-meta"])
def test_charset_from_the_header_then_the_page(server: str, path: str) -> None:
    fetched = fetch(server + path)
    assert fetched.charset == "cp1256" and TEXT_ARTICLES[0].paragraphs[0] in fetched.text


def test_redirects_are_followed_to_the_page(server: str) -> None:
    fetched = fetch(server + "/moved")
    assert fetched.url == server + "/page" and fetched.text == PAGE


def test_plain_text_is_fetched_as_text(server: str) -> None:
    assert fetch(server + "/text").text == ARTICLES[1]


@pytest.mark.parametrize(
    ("path", "options", "message"),
    [
        ("/missing", {}, r"/missing answered 404 Not Found; check the address"),
        ("/broken", {}, r"/broken answered 500 Internal Server Error"),
        ("/image", {}, r"/image is image/png, not a web page or a text"),
        ("/loop", {}, r"/loop redirects in a loop or more than 10 times"),
        ("/to-file", {}, r"redirects to 'file:///etc/passwd', which is not an http or https address"),
        ("/big", {"max_bytes": 1000}, r"/big is larger than 1,000 bytes.*max_bytes"),
        ("/endless", {"max_bytes": 10_000}, r"/endless is larger than 10,000 bytes"),
        ("/slow", {"timeout": 0.3}, r"/slow did not answer within 0.3 s; try again later, or raise timeout"),
    ],
    ids=["404", "500", "not-text", "redirect-loop", "redirect-to-file", "declared-too-large", "streamed-too-large", "timeout"],
)
def test_each_failure_is_one_line(server: str, path: str, options: dict[str, float], message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        fetch(server + path, **options)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("url", ["example.com/page", "ftp://127.0.0.1/x", "http://", "file:///etc/passwd", "http://[::1"])
def test_invalid_urls_are_refused_before_any_request(url: str) -> None:
    with pytest.raises(InputError, match="invalid URL"):
        fetch(url)


def test_a_refused_connection_is_one_line() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match=f"cannot reach http://127.0.0.1:{port}/"):
        fetch(f"http://127.0.0.1:{port}/", timeout=2)


def test_page_charset_order() -> None:
    assert page_charset(b"\xef\xbb\xbf<html>", "latin-1") == "utf-8"  # a byte-order mark wins
    assert page_charset(b'<meta charset="windows-1256">', "iso-8859-6") == "iso8859-6"  # then the header
    assert page_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', None) == "cp1256"
    assert page_charset(b'<meta charset="no-such">', None) == "utf-8"


# -- acceptance on the generated pages ----------------------------------------


@pytest.mark.easc
@pytest.mark.slow
def test_generated_pages_acceptance(easc_dir: Path) -> None:
    """The issue's bar, on 132 pages (22 corpus articles × 6 layouts): the
    title found and every selected sentence from the article body on every
    page, the summary equal to the article's plain text's on at least 80%
    of the pages of every layout (95.5% when measured: the one article
    that differs has a "للمزيد - …" line of its own, which extraction leaves out)."""
    from tests.webpages import articles

    figures = measure(build_pages(articles(data=easc_dir.parent)))
    for layout, f in figures.items():
        assert f["title"] == 1.0 and f["from_body"] == 1.0, layout
        assert f["equal"] >= 0.8, (layout, f)


def test_fetched_page_summarizes_as_the_file(server: str, tmp_path: Path) -> None:
    """--url on a loopback server gives what the saved file gives (the library side)."""
    s = Summarizer(sentences=2)
    from_file, _ = summarize_input(s, PAGE)
    fetched = fetch(server + "/page")
    from_url, _ = summarize_input(s, fetched.text, url=fetched.url)
    assert from_url.text == from_file.text and from_url.sentences == from_file.sentences
    assert isinstance(from_url.page, Page) and from_url.page.url == server + "/page"
    assert json.loads(json.dumps(from_url.to_dict()))["page"]["url"] == server + "/page"


# -- the surfaces: summarize, summarize-batch, the service --------------------


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], input=stdin, capture_output=True, text=True, check=False)


def test_cli_reads_a_saved_page_as_its_article(tmp_path: Path) -> None:
    saved = tmp_path / "page.txt"  # recognized by content, not by its name
    saved.write_text(PAGE, encoding="utf-8")
    proc = run_cli(str(saved), "--format", "json", "--sentences", "2")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    page = data["page"]
    assert (page["title"], page["author"], page["date"], page["url"]) == (TEXT_ARTICLES[0].title, TEXT_ARTICLES[0].author, "2024-03-05", None)
    for s in data["sentences"]:
        assert page["text"][s["start"] : s["end"]] == s["text"]
    plain = tmp_path / "article.txt"
    plain.write_text(plain_text(TEXT_ARTICLES[0]), encoding="utf-8")
    assert run_cli(str(saved), "--sentences", "2").stdout == run_cli(str(plain), "--sentences", "2").stdout
    # HTML on standard input, and the report names the page.
    assert run_cli("-", "--sentences", "2", stdin=PAGE).stdout == run_cli(str(plain), "--sentences", "2").stdout
    report = run_cli("-", "--format", "html", stdin=PAGE).stdout
    assert "Web page" in report and TEXT_ARTICLES[0].author in report and "<!DOCTYPE" not in report.split("<main>", 1)[1]


def test_cli_url_gives_what_the_file_gives(server: str, tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_text(PAGE, encoding="utf-8")
    from_file = json.loads(run_cli(str(saved), "--format", "json").stdout)
    proc = run_cli("--url", server + "/page", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    from_url = json.loads(proc.stdout)
    assert from_url["page"].pop("url") == server + "/page"
    from_file["page"].pop("url")
    assert from_url == from_file


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--url", "{server}/missing"], "/missing answered 404 Not Found", 1),
        (["--url", "{server}/slow", "--timeout", "0.3"], "did not answer within 0.3 s; try again later, or raise --timeout", 1),
        (["--url", "{server}/big", "--max-bytes", "1000"], "is larger than 1,000 bytes; give a smaller page (or raise the limit, --max-bytes)", 1),
        (["--url", "www.example.com"], "invalid URL 'www.example.com'", 1),
        (["--url", "{server}/page", "{feed}"], "give FILE (or - for standard input) or --url URL, one of them", 2),
        (["{feed}"], "is <rss> markup, not an HTML page; give a web page or a text (or --input-format text to read it as text)", 1),
        (["{persian}"], "the text looks Persian (fa), which has no rules here (Arabic and English do); to summarize it anyway, set --language ar or --language en, with --no-stop-words and --no-stem", 1),
        (["{persian}", "--input-format", "html"], "is not HTML", 1),
        (["{persian}", "--input-format", "pdf"], "valid input formats: auto, text, html", 2),
    ],
    ids=["404", "timeout", "too-large", "invalid-url", "file-and-url", "rss", "persian", "not-html", "bad-input-format"],
)
def test_cli_errors_are_one_line(server: str, tmp_path: Path, args: list[str], message: str, code: int) -> None:
    from tests.test_language import PERSIAN

    feed = tmp_path / "feed.xml"
    feed.write_text("<?xml version='1.0'?><rss><channel><title>x</title></channel></rss>", encoding="utf-8")
    persian = tmp_path / "fa.txt"
    persian.write_text(PERSIAN, encoding="utf-8")
    proc = run_cli(*(a.format(server=server, feed=feed, persian=persian) for a in args))
    assert proc.returncode == code and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("summarize: error: ") and message in proc.stderr, proc.stderr


def test_batch_reads_html_records_and_html_files(tmp_path: Path) -> None:
    from summarizer.batch import BatchSummarizer
    from summarizer.batch.io import Document, open_source

    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"id": "p", "html": PAGE}, ensure_ascii=False) + "\n" + json.dumps({"id": "t", "text": ARTICLES[1]}, ensure_ascii=False) + "\n", encoding="utf-8")
    batch = BatchSummarizer(summarizer=Summarizer(sentences=2))
    page_record, text_record = [batch.record(d) for d in open_source(jsonl)]
    assert page_record["status"] == "ok" and page_record["page"]["title"] == TEXT_ARTICLES[0].title
    assert page_record["summary"] == Summarizer(sentences=2).summarize(plain_text(TEXT_ARTICLES[0])).text
    assert "page" not in text_record and text_record["status"] == "ok"
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, encoding="utf-8")
    (folder / "empty.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    records = {r["id"]: r for r in (batch.record(d) for d in open_source(folder, pattern="*.html"))}
    assert records["a"]["page"]["text"] == plain_text(TEXT_ARTICLES[0])
    assert records["empty"] == {"id": "empty", "status": "error", "error": "empty has no article text (only navigation, or text that scripts draw in a browser); save the article's text and give that"}
    assert batch.record(Document("x", "plain words, no markup", html=True))["error"].startswith("x is not HTML")


def test_service_takes_a_page_in_html() -> None:
    from summarizer.serve import core

    text, summarizer = core.prepare({"html": PAGE, "sentences": 2})
    summary = core.run(summarizer, text)
    data = json.loads(core.summary_json(summary, text))
    assert data["page"]["text"] == plain_text(TEXT_ARTICLES[0]) and data["page"]["site"] == FURNITURE["ar"]["site"]
    with pytest.raises(core.RequestError, match="html is not a web page"):
        core.prepare({"html": "just words"})
    with pytest.raises(core.RequestError, match="give text or html, not both"):
        core.prepare({"html": PAGE, "text": "x"})
