"""``summarize-serve``: the real server on a free loopback port, over TCP.

The API is checked byte for byte against ``summarize --format json``; every
error status has a test that also checks the server's log holds no
traceback; the web page is checked as HTML here and in headless Chromium in
``test_serve_page.py``. Nothing asserts on elapsed time: the event-loop test
checks an order of events, the load test counts errors.
"""

from __future__ import annotations

import base64
import importlib.metadata
import json
import re
import select
import socket
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Summarizer, SummarizerError, summarize
from summarizer.cli.summarize import main as summarize_main
from summarizer.options import LANGUAGES
from summarizer.render.formats import format_summary
from summarizer.render.summary import render_html
from summarizer.serve.cli import main as serve_main

from .conftest import SEED
from .serve_helpers import Server, multipart, running_server
from .texts import ENGLISH_ARTICLE, arabic_articles, long_arabic_text

MAX_BYTES = 1_000_000

ENGLISH = (
    "City Council Approves New Budget\n"
    "The city council approved a new budget on Tuesday after a long debate about school funding.\n"
    "The budget raises spending on schools by five percent and cuts the parks department slightly.\n"
    "Several residents spoke against the cuts to parks during the public comment period.\n"
    "The mayor said the budget balances the needs of families with the city's limited revenue.\n"
    "The council will vote on the parks plan again next month.\n"
)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with tempfile.TemporaryDirectory(prefix="serve-tests-") as tmp, running_server(Path(tmp), "--max-bytes", str(MAX_BYTES)) as s:
        yield s


def news(i: int) -> str:
    """Article ``i`` of the test texts (tests/texts.py)."""
    return arabic_articles(i + 1)[i]


def cli_json(text: str, flags: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    """What ``summarize FILE --format json FLAGS`` prints for ``text``."""
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        summarize_main([str(path), "--format", "json", *flags])
    out, err = capsys.readouterr()
    assert done.value.code in (0, None), err
    return out.encode("utf-8")


def assert_clean_log(server: Server) -> None:
    log = server.log_text()
    assert "Traceback" not in log and " 500 " not in log, log[-3000:]


# -- the API against the command line ------------------------------------------

CASES = [
    ("seed", {}, []),
    ("seed", {"sentences": 3}, ["--sentences", "3"]),
    ("seed", {"words": 40, "trim": False}, ["--words", "40", "--no-trim"]),
    ("seed", {"words": 20, "trim": False}, ["--words", "20", "--no-trim"]),  # no whole sentence fits: empty, with the warning
    ("news0", {"ratio": 1}, ["--ratio", "1"]),
    ("news1", {"words": 60}, ["--words", "60"]),
    ("news2", {"stem": False, "stop_words": False, "include_headings": True, "damping": 0.85, "redundancy": 1},
     ["--no-stem", "--no-stop-words", "--include-headings", "--damping", "0.85", "--redundancy", "1"]),
    ("news3", {"similarity": "bm25", "prior": "centroid", "prior_weight": 0.25, "ratio": 0.2},
     ["--similarity", "bm25", "--prior", "centroid", "--prior-weight", "0.25", "--ratio", "0.2"]),
    ("english", {"language": "en", "sentences": 2}, ["--language", "en", "--sentences", "2"]),
    ("english", {"similarity": "overlap", "prior": "none"}, ["--similarity", "overlap", "--prior", "none"]),
    ("crlf", {"sentences": 2}, ["--sentences", "2"]),
]


def case_text(name: str) -> str:
    if name == "seed":
        return SEED.read_text(encoding="utf-8")
    if name == "english":
        return ENGLISH
    if name == "crlf":
        return "عنوان <b>قصير</b> & \"مقتبس\"\r\nالجملة الأولى هنا. الجملة الثانية هنا.\r\n\r\nفقرة أخرى بعد سطر فارغ.\r\n"
    return news(int(name.removeprefix("news")))


@pytest.mark.parametrize(("name", "options", "flags"), CASES, ids=[f"{n}-{'-'.join(map(str, o.values())) or 'defaults'}" for n, o, _ in CASES])
def test_api_answers_exactly_what_the_cli_prints(
    server: Server, name: str, options: dict[str, Any], flags: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = case_text(name)
    status, headers, body = server.post_json({"text": text, **options})
    assert status == 200, body
    assert headers["content-type"].startswith("application/json")
    assert body == cli_json(text, flags, tmp_path, capsys)


def test_json_charset_parameter_and_json_suffix_types_are_accepted(server: Server) -> None:
    body = json.dumps({"text": ENGLISH, "sentences": 1}).encode()
    expected = format_summary(summarize(ENGLISH, sentences=1), "json", source=ENGLISH).encode("utf-8")
    for content_type in ("application/json; charset=utf-8", "Application/JSON", "application/vnd.summary+json"):
        status, _, answer = server.request("POST", "/api/summarize", body, {"Content-Type": content_type})
        assert (status, answer) == (200, expected), content_type


# -- errors: status, JSON body, the library's message, no traceback ---------------


def _error(server: Server, status: int, body: bytes) -> str:
    parsed = json.loads(body)
    assert set(parsed) == {"error"} and isinstance(parsed["error"], str) and parsed["error"], parsed
    assert "Traceback" not in parsed["error"]
    assert_clean_log(server)
    return parsed["error"]


@pytest.mark.parametrize(
    "raw",
    [b'{"text": ', b"", b"{'text': 'single quotes'}", b'{"text": "a"} trailing', b'{"text": NaN}', b"\xff\xfe\x00garbage", b"[" * 100_000],
    ids=["truncated", "empty", "single-quotes", "trailing", "nan", "not-utf8", "nested-too-deep"],
)
def test_400_for_malformed_json(server: Server, raw: bytes) -> None:
    status, headers, body = server.request("POST", "/api/summarize", raw, {"Content-Type": "application/json"})
    assert status == 400 and headers["content-type"].startswith("application/json")
    assert _error(server, status, body).startswith("malformed JSON")


def test_413_when_content_length_is_over_the_limit_before_the_body_is_read(server: Server) -> None:
    # Declares a body ten times the limit but sends 100 bytes: the answer must come without the rest.
    head = (
        f"POST /api/summarize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {10 * MAX_BYTES}\r\n\r\n"
    ).encode()
    reply = server.raw(head + b'{"text": "' + b"x" * 90, read_timeout=60)
    status_line, _, rest = reply.partition(b"\r\n")
    assert status_line.split()[1] == b"413", reply[:500]
    message = _error(server, 413, rest.split(b"\r\n\r\n", 1)[1])
    assert str(MAX_BYTES) in message


def test_413_when_a_chunked_body_passes_the_limit_while_streaming(server: Server) -> None:
    chunk = b"x" * 65536
    head = b"POST /api/summarize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(MAX_BYTES // len(chunk) + 2))
    reply = server.raw(head + body)  # no last chunk: the answer cannot wait for the end of the body
    assert reply.split(b"\r\n", 1)[0].split()[1] == b"413", reply[:500]
    assert str(MAX_BYTES) in _error(server, 413, reply.split(b"\r\n\r\n", 1)[1])


def test_a_body_just_under_the_limit_is_read(server: Server) -> None:
    text = ENGLISH + " " * (MAX_BYTES - 200 - len(ENGLISH))
    status, _, body = server.post_json({"text": text, "sentences": 1})
    assert status == 200 and json.loads(body)["summary"] == summarize(text, sentences=1).text


@pytest.mark.parametrize("content_type", ["text/plain", None, "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
def test_415_for_a_body_that_is_not_json(server: Server, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    status, _, body = server.request("POST", "/api/summarize", b'{"text": "a b c."}', headers)
    assert status == 415
    assert "application/json" in _error(server, status, body)


def library_message(payload: dict[str, Any]) -> str:
    text = payload.pop("text")
    with pytest.raises(SummarizerError) as error:
        summarize(text, **payload)
    return str(error.value)


@pytest.mark.parametrize(
    "payload",
    [
        {"text": ""},
        {"text": "   \n\t  "},
        {"text": "... !!! ؟؟؟"},
        {"text": ENGLISH, "ration": 0.3},
        {"text": ENGLISH, "sentence": 2},
        {"text": ENGLISH, "budget": 2},
        {"text": ENGLISH, "ratio": 1.5},
        {"text": ENGLISH, "ratio": 0.0},
        {"text": ENGLISH, "sentences": 0},
        {"text": ENGLISH, "words": -5},
        {"text": ENGLISH, "sentences": 2.5},
        {"text": ENGLISH, "sentences": "3"},
        {"text": ENGLISH, "sentences": True},
        {"text": ENGLISH, "ratio": 0.3, "sentences": 2},
        {"text": ENGLISH, "language": "fr"},
        {"text": ENGLISH, "language": ["ar"]},
        {"text": ENGLISH, "similarity": {"kind": "cosine"}},
        {"text": ENGLISH, "damping": 1.0},
        {"text": ENGLISH, "stem": "yes"},
        {"text": ENGLISH, "trim": None},
        {"text": ENGLISH, "trim": False},
        {"text": ENGLISH, "ratio": 0.5, "trim": False},
    ],
    ids=lambda p: "-".join(f"{k}={v!r}"[:24] for k, v in p.items() if k != "text") or f"text={p['text']!r}",
)
def test_422_carries_the_library_message(server: Server, payload: dict[str, Any]) -> None:
    status, _, body = server.post_json(payload)
    assert status == 422
    assert _error(server, status, body) == library_message(dict(payload))


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"ratio": 0.3}, "text is required"),
        ({"text": None}, "text must be a string, not null"),
        ({"text": 42}, "text must be a string, not a number"),
        ({"text": ["a", "b"]}, "text must be a string, not an array"),
        (["text"], "must be a JSON object"),
        ("just a string", "must be a JSON object"),
    ],
)
def test_422_for_a_missing_or_non_string_text(server: Server, payload: Any, expected: str) -> None:
    status, _, body = server.post_json(payload)
    assert status == 422 and expected in _error(server, status, body)


def test_422_for_a_lone_surrogate_in_the_text(server: Server) -> None:
    status, _, body = server.request("POST", "/api/summarize", b'{"text": "abc \\ud800 def. ghi jkl."}', {"Content-Type": "application/json"})
    assert status == 422 and "lone surrogate at character 4" in _error(server, status, body)


def test_unknown_option_message_lists_the_valid_ones(server: Server) -> None:
    status, _, body = server.post_json({"text": ENGLISH, "ration": 0.3})
    message = _error(server, status, body)
    assert "'ration'" in message and "valid options: ratio, sentences, words" in message


def test_wrong_routes_and_methods_answer_json(server: Server) -> None:
    for method, path, expected in (("GET", "/nowhere", 404), ("GET", "/api/summarize", 405), ("DELETE", "/healthz", 405)):
        status, headers, body = server.request(method, path)
        assert status == expected and headers["content-type"].startswith("application/json")
        _error(server, status, body)


# -- health, OpenAPI, binding ------------------------------------------------------


def test_healthz_reports_the_installed_version(server: Server) -> None:
    status, headers, body = server.request("GET", "/healthz")
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert json.loads(body) == {"status": "ok", "version": importlib.metadata.version("arabic-textrank-summarizer")}


def test_openapi_describes_the_api(server: Server) -> None:
    status, _, body = server.request("GET", "/openapi.json")
    doc = json.loads(body)
    assert status == 200 and doc["openapi"].startswith("3.1")
    operation = doc["paths"]["/api/summarize"]["post"]
    assert set(operation["responses"]) == {"200", "400", "413", "415", "422", "500"}
    assert str(MAX_BYTES) in operation["responses"]["413"]["description"]
    assert "/healthz" in doc["paths"] and set(doc["paths"]["/"]) == {"get", "post"}
    assert set(doc["paths"]["/"]["post"]["responses"]) == {"200", "400", "413", "415", "422", "500"}
    schema = doc["components"]["schemas"]["SummarizeRequest"]
    library = {name for name in Summarizer.__dataclass_fields__ if Summarizer.__dataclass_fields__[name].init}
    assert set(schema["properties"]) == {"text", "html"} | library and schema["oneOf"] == [{"required": ["text"]}, {"required": ["html"]}]
    assert schema["properties"]["language"]["enum"] == list(LANGUAGES)
    assert schema["properties"]["ratio"]["type"] == ["number", "null"] and schema["properties"]["trim"]["default"] is True
    assert all(p.get("description") for p in schema["properties"].values())
    example = operation["requestBody"]["content"]["application/json"]["example"]
    assert server.post_json(example)[0] == 200  # the documented example works
    summary_fields = set(doc["components"]["schemas"]["Summary"]["required"])
    assert summary_fields == set(summarize(ENGLISH).to_dict())


def test_binds_loopback_by_default(server: Server) -> None:
    assert f"Uvicorn running on http://127.0.0.1:{server.port}" in server.log_text()


# -- the event loop and load ---------------------------------------------------------


def test_healthz_answers_while_a_long_document_is_summarized(server: Server) -> None:
    text = long_arabic_text(MAX_BYTES // 2 - 1000)  # UTF-8 Arabic: about two bytes a character
    body = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
    assert len(body) < MAX_BYTES
    head = f"POST /api/summarize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=120) as long_request:
        long_request.sendall(head.encode() + body)
        assert server.request("GET", "/healthz")[0] == 200
        answered_first = not select.select([long_request], [], [], 0)[0]
        reply = b""
        while chunk := long_request.recv(1 << 20):
            reply += chunk
    assert answered_first, "/healthz waited for the long summary: the event loop was blocked"
    assert reply.split(b"\r\n", 1)[0].split()[1] == b"200"
    assert json.loads(reply.split(b"\r\n\r\n", 1)[1])["counts"] == summarize(text).counts()


def test_load_400_requests_at_concurrency_16_with_zero_errors(server: Server) -> None:
    jobs = [(news(i), {"sentences": 1 + i % 4}) for i in range(8)] + [(ENGLISH, {"language": "en", "ratio": 0.5}), (ENGLISH_ARTICLE, {"words": 30})]
    expected = [format_summary(summarize(t, **o), "json", source=t).encode("utf-8") for t, o in jobs]

    def one(k: int) -> tuple[int, bool]:
        text, options = jobs[k % len(jobs)]
        status, _, body = server.post_json({"text": text, **options})
        return status, body == expected[k % len(jobs)]

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(one, range(400)))
    errors = [(k, r) for k, r in enumerate(results) if r != (200, True)]
    assert len(results) == 400 and errors == []
    assert server.log_text().count('"POST /api/summarize HTTP/1.1" 200') >= 400
    assert_clean_log(server)


# -- the page, as HTML ------------------------------------------------------------------

def _without_bar(page: str) -> str:
    return re.sub(r'<style>nav\.service.*?</nav>\n', "", page, count=1, flags=re.S)


def _download(page: str) -> bytes:
    found = re.search(r'href="data:application/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', page)
    assert found, "no JSON download link"
    return base64.b64decode(found.group(1))


def test_page_form_needs_no_script_and_sends_a_strict_policy(server: Server) -> None:
    status, headers, body = server.request("GET", "/")
    page = body.decode("utf-8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "form-action 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src" not in policy and "unsafe-eval" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert "<script" not in page.lower() and not re.search(r"\son[a-z]+=", page)
    assert '<form method="post" enctype="multipart/form-data"' in page
    assert 'name="text"' in page and 'type="file"' in page and 'name="length"' in page


def test_page_post_shows_the_html_report_and_the_api_json(server: Server) -> None:
    text = SEED.read_text(encoding="utf-8")
    form, content_type = multipart({"text": text.replace("\n", "\r\n"), "length": "sentences", "amount": "2", "language": "auto"})
    status, headers, body = server.request("POST", "/", form, {"Content-Type": content_type})
    page = body.decode("utf-8")
    assert status == 200 and "form-action 'self'" in headers["content-security-policy"]
    summary = summarize(text, sentences=2)
    assert _without_bar(page) == render_html(summary, text)  # exactly the --format html page, plus the bar
    assert _download(page) == server.post_json({"text": text, "sentences": 2})[2]


def test_page_uploaded_file_is_summarized_as_the_cli_reads_it(server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = news(5)
    form, content_type = multipart({"text": "", "length": "words", "amount": "٥٠"}, {"file": ("article.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))})
    status, _, body = server.request("POST", "/", form, {"Content-Type": content_type})
    page = body.decode("utf-8")
    assert status == 200
    assert _without_bar(page) == render_html(summarize(text, words=50), text)
    assert _download(page) == cli_json(text, ["--words", "50"], tmp_path, capsys)


@pytest.mark.parametrize(
    ("fields", "files", "status", "message"),
    [
        ({"text": "   ", "length": "ratio", "amount": "0.3"}, None, 422, "no sentence with a letter or digit"),
        ({"text": ENGLISH, "length": "sentences", "amount": "\"><script>alert(1)</script>"}, None, 422, "sentences must be a positive whole number"),
        ({"text": ENGLISH, "length": "ratio", "amount": "1,5"}, None, 422, "ratio must be a number in (0, 1]"),
        ({"text": ENGLISH, "length": "pages", "amount": "2"}, None, 422, "length must be one of ratio, sentences, words"),
        ({"text": ENGLISH, "length": "ratio", "amount": "0.3", "language": "fr"}, None, 422, "language must be one of auto, ar, en"),
        ({"text": "", "length": "ratio", "amount": "0.3"}, {"file": ("old.txt", "نص عربي".encode("cp1256"))}, 422, "old.txt is not UTF-8 text (byte 0)"),
        ({"text": "", "length": "ratio", "amount": "0.3"}, {"file": ("<b>x</b>.txt", b"\x00\x01binary")}, 422, "&lt;b&gt;x&lt;/b&gt;.txt looks like a binary file"),
    ],
    ids=["empty", "hostile-amount", "comma-ratio", "unknown-length", "unknown-language", "not-utf8-file", "binary-file"],
)
def test_page_errors_show_the_form_again_escaped(
    server: Server, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None, status: int, message: str
) -> None:
    form, content_type = multipart(fields, files)
    got, _, body = server.request("POST", "/", form, {"Content-Type": content_type})
    page = body.decode("utf-8")
    assert got == status
    alert = re.search(r'<p class="error" role="alert" id="error">(.*?)</p>', page)
    assert alert and message in alert.group(1).replace("&#x27;", "'")
    assert "<script>" not in page and "<form" in page
    assert_clean_log(server)


def test_page_refuses_oversized_and_non_form_bodies(server: Server) -> None:
    head = f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {MAX_BYTES + 1}\r\n\r\n".encode()
    reply = server.raw(head + b"--x\r\n")
    assert reply.split(b"\r\n", 1)[0].split()[1] == b"413" and b'role="alert"' in reply
    status, _, body = server.request("POST", "/", b'{"text": "x"}', {"Content-Type": "application/json"})
    assert status == 415 and b"multipart/form-data" in body
    status, _, body = server.request("POST", "/", b"--nope\r\nbroken", {"Content-Type": "multipart/form-data; boundary=x"})
    assert status == 400 and b"malformed form" in body and b'role="alert"' in body
    assert_clean_log(server)


# -- the command line -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--port", "0"], "--port"),
        (["--port", "70000"], "--port"),
        (["--workers", "0"], "--workers"),
        (["--max-bytes", "-1"], "--max-bytes"),
        (["--log-level", "loud"], "log level"),
        (["--prot", "8000"], "--prot"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        serve_main(argv)
    _, err = capsys.readouterr()
    assert done.value.code == 2
    assert err.startswith("summarize-serve: error: ") and err.count("\n") == 1 and expected in err


def test_without_the_serve_extra_one_line_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    with pytest.raises(SystemExit) as done:
        serve_main([])
    _, err = capsys.readouterr()
    assert done.value.code == 1 and err.count("\n") == 1
    assert err.startswith("summarize-serve: error: ") and "missing uvicorn" in err and "[serve]" in err


def test_a_port_in_use_is_an_error_without_traceback(server: Server, tmp_path: Path) -> None:
    import subprocess

    from .serve_helpers import serve_command

    done = subprocess.run([serve_command(), "--port", str(server.port)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1 and done.stderr.count("\n") == 1  # one line, not uvicorn's log (test_serve_port.py)
    assert f"port {server.port} is in use" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_several_workers_serve_the_same_answers(tmp_path: Path) -> None:
    text = news(7)
    expected = format_summary(summarize(text, sentences=2), "json", source=text).encode("utf-8")
    with running_server(tmp_path, "--workers", "2", name="workers") as s:
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(lambda _: s.post_json({"text": text, "sentences": 2}), range(24)))
        log = s.log_text()
    assert all(status == 200 and body == expected for status, _, body in answers)
    assert log.count("Started server process") == 2 and "Traceback" not in log


# -- any JSON object: an answer or a 422, never a 500 ----------------------------------------

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_KEYS = st.sampled_from([*Summarizer.__dataclass_fields__, "text", "ration", "format", "encoding"]) | st.text(max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(options=st.dictionaries(_KEYS, _JSON_VALUES, max_size=4), text=st.one_of(st.text(max_size=200), _JSON_VALUES))
def test_any_json_object_gets_an_answer_or_a_422(server: Server, options: dict[str, Any], text: Any) -> None:
    options.pop("text", None)
    payload = {**options, "text": text}
    body = json.dumps(payload, ensure_ascii=True).encode("ascii")  # ASCII escapes: lone surrogates travel too
    status, headers, answer = server.request("POST", "/api/summarize", body, {"Content-Type": "application/json"})
    assert status in (200, 422), (status, answer[:300])
    assert headers["content-type"].startswith("application/json")
    parsed = json.loads(answer)
    if status == 422:
        assert set(parsed) == {"error"} and parsed["error"]
    else:
        assert parsed["summary"] == summarize(text, **options).text
    assert_clean_log(server)


def test_the_library_and_the_cli_never_import_the_web_stack() -> None:
    import subprocess
    import sys

    code = "import sys, summarizer, summarizer.cli.summarize, summarizer.cli.batch, summarizer.serve.cli; print(sorted({'starlette', 'uvicorn', 'multipart', 'anyio'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
