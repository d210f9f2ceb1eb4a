"""The Starlette application behind ``summarize-serve``.

Each worker process imports the libraries and summarizes a short text once,
at start-up (the lifespan), so no request pays the imports. Summarizing is
CPU-bound, so it runs in a worker thread (``anyio.to_thread``, at most
``threads`` at a time, by default one): the event loop only parses, checks and sends, and
keeps answering ``/healthz`` and new connections while a long document is
ranked. Parallelism across cores comes from uvicorn's worker processes.

Bodies are bounded: a declared ``Content-Length`` over the limit is refused
before anything is read, and a body without one (chunked) is counted while
it streams in and refused as soon as it passes the limit.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
from collections.abc import AsyncIterator
from typing import Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from ..render.summary import render_html
from ..strictjson import dumps
from ..validate import Count, check
from . import core
from .core import RequestError
from .openapi import openapi_document
from .page import FORM_CHOICES, PAGE_CSP, form_fields, form_page, form_payload, result_page

__all__ = ["MAX_BYTES_ENV", "THREADS_ENV", "create_app", "app_from_environment", "VERSION"]

#: How ``summarize-serve`` passes its settings to uvicorn's worker processes.
MAX_BYTES_ENV = "SUMMARIZE_SERVE_MAX_BYTES"
THREADS_ENV = "SUMMARIZE_SERVE_THREADS"

try:
    VERSION = importlib.metadata.version("arabic-textrank-summarizer")
except importlib.metadata.PackageNotFoundError:  # running from a checkout that is not installed
    from .. import __version__ as VERSION

_API_CSP = "default-src 'none'; frame-ancestors 'none'"
_COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
_JSON_TYPES = ("application/json",)
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
#: Summarized at start-up: imports scikit-learn and networkx, loads both stop-word lists.
_WARM_UP = ("قال المتحدث إن الاجتماع انتهى. وأضاف أن النتائج جيدة.", "The meeting ended. The results were good.")


def json_response(status: int, body: str | bytes) -> Response:
    return Response(body, status_code=status, media_type="application/json", headers={**_COMMON_HEADERS, "Content-Security-Policy": _API_CSP})


def error_response(status: int, message: str) -> Response:
    return json_response(status, dumps({"error": message}, ensure_ascii=False) + "\n")


def html_response(status: int, body: str) -> Response:
    return Response(body, status_code=status, media_type="text/html", headers={**_COMMON_HEADERS, "Content-Security-Policy": PAGE_CSP})


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _is_json(media_type: str) -> bool:
    return media_type in _JSON_TYPES or (media_type.startswith("application/") and media_type.endswith("+json"))


def check_declared_size(request: Request, limit: int) -> None:
    """413 before reading when ``Content-Length`` says the body is over ``limit``."""
    declared = request.headers.get("content-length")
    if declared is None:
        return
    if not declared.strip().isdigit():
        raise RequestError(400, f"Content-Length must be a whole number of bytes, got {declared!r}")
    if int(declared) > limit:
        raise RequestError(413, f"the body is {int(declared)} bytes; this server accepts at most {limit} bytes")


async def read_limited(request: Request, limit: int) -> bytes:
    """The whole body, counted as it arrives: 413 as soon as it passes ``limit``."""
    check_declared_size(request, limit)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise RequestError(413, f"the body is over {limit} bytes, the most this server accepts")
            chunks.append(chunk)
    except ClientDisconnect:
        raise RequestError(400, "the client went away before sending the whole body") from None
    return b"".join(chunks)


def _replay(body: bytes) -> Any:
    """An ASGI ``receive`` that hands over an already-read body (for the form parser)."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def create_app(*, max_bytes: int = core.DEFAULT_MAX_BYTES, threads: int | None = None) -> Starlette:
    """The application: ``max_bytes`` bounds a request body, ``threads`` the summaries run at once."""
    check("max_bytes", max_bytes, Count())
    check("threads", threads, Count(), optional=True)
    # Default one: the work holds the GIL, so a second thread in the same process only
    # contends with the first (measured: benchmarks/results/serve.md); cores come from workers.
    concurrent = threads if threads is not None else 1
    limiter: list[anyio.CapacityLimiter] = []

    async def summarize_in_thread(summarizer: Any, text: str, *, page: bool = False) -> tuple[str, str | None]:
        """The JSON (and, for the page, the HTML report): all the CPU work, off the event loop."""

        def work() -> tuple[str, str | None]:
            summary = core.run(summarizer, text)
            return core.summary_json(summary, text), render_html(summary, core.source_text(summary, text)) if page else None

        return await anyio.to_thread.run_sync(work, limiter=limiter[0])

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        limiter.append(anyio.CapacityLimiter(concurrent))
        for text in _WARM_UP:
            _, summarizer = core.prepare({"text": text, "sentences": 1})
            await summarize_in_thread(summarizer, text)
        yield

    async def api_summarize(request: Request) -> Response:
        try:
            check_declared_size(request, max_bytes)
            if not _is_json(_media_type(request)):
                raise RequestError(415, f"send the body as JSON (Content-Type: application/json), not {_media_type(request) or 'no content type'}")
            payload = core.parse_json(await read_limited(request, max_bytes))
            text, summarizer = core.prepare(payload)
            rendered, _ = await summarize_in_thread(summarizer, text)
        except RequestError as exc:
            return error_response(exc.status, exc.message)
        return json_response(200, rendered.encode("utf-8"))

    async def show_form(request: Request) -> Response:
        return html_response(200, form_page())

    async def submit_form(request: Request) -> Response:
        fields = form_fields({})
        try:
            check_declared_size(request, max_bytes)
            if _media_type(request) not in _FORM_TYPES:
                raise RequestError(415, f"send the form as multipart/form-data, not {_media_type(request) or 'no content type'}")
            form = await _parse_form(request, await read_limited(request, max_bytes), max_bytes)
            try:
                fields = form_fields({k: v for k, v in form.items() if isinstance(v, str)})
                # A browser sends a textarea's line breaks as CRLF: give the text back as it was pasted.
                text = fields["text"].replace("\r\n", "\n")
                upload = form.get("file")
                data = await upload.read() if isinstance(upload, UploadFile) and upload.filename else b""
                if data:
                    text = _uploaded_text(data, str(upload.filename))
            finally:
                await form.close()  # an uploaded file may be spooled to disk
            fields["text"] = text
            _, summarizer = core.prepare(form_payload(fields, text))
            rendered, report = await summarize_in_thread(summarizer, text, page=True)
        except RequestError as exc:
            return html_response(exc.status, form_page(error=exc.message, **_refill(fields)))
        assert report is not None
        return html_response(200, result_page(report, rendered))

    async def healthz(request: Request) -> Response:
        return json_response(200, dumps({"status": "ok", "version": VERSION}) + "\n")

    async def openapi(request: Request) -> Response:
        return json_response(200, dumps(openapi_document(max_bytes=max_bytes, version=VERSION), indent=1) + "\n")

    async def http_error(request: Request, exc: Exception) -> Response:
        """Starlette's own 404 and 405 (with its Allow header), as JSON like every other error."""
        status, detail, headers = getattr(exc, "status_code", 500), getattr(exc, "detail", "error"), getattr(exc, "headers", None)
        response = error_response(status, str(detail))
        response.headers.update(dict(headers or {}))
        return response

    routes = [
        Route("/", show_form, methods=["GET"]),
        Route("/", submit_form, methods=["POST"]),
        Route("/api/summarize", api_summarize, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: http_error})


async def _parse_form(request: Request, body: bytes, limit: int) -> Any:
    """Parse an already-read (and size-checked) form body; 400 when it is malformed."""
    replayed = Request(request.scope, receive=_replay(body))
    try:
        return await replayed.form(max_files=1, max_fields=8, max_part_size=limit)
    except HTTPException as exc:
        raise RequestError(400, f"malformed form: {exc.detail}") from None


def _uploaded_text(data: bytes, name: str) -> str:
    """An uploaded file's text, read as the CLI reads UTF-8 (a BOM dropped); 422 otherwise.

    The page offers no encoding choice, so the message says how to fix the file instead.
    """
    if b"\x00" in data[:65536]:
        raise RequestError(422, f"{name} looks like a binary file (it contains NUL bytes); choose a plain .txt file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RequestError(
            422, f"{name} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and choose it again "
            "(a Windows-Arabic file is usually cp1256)"
        ) from None


def _refill(fields: dict[str, str]) -> dict[str, str]:
    """What the form shows again after an error, so nothing typed is lost."""
    return {
        "text": fields.get("text", ""),
        "length": fields.get("length", "ratio"),
        "amount": fields.get("amount", ""),
        **{s.name: fields.get(s.name, s.default) for s in FORM_CHOICES},
    }


def app_from_environment() -> Starlette:
    """The app for uvicorn's workers (``factory=True``): settings from the environment."""
    return create_app(
        max_bytes=int(os.environ.get(MAX_BYTES_ENV, core.DEFAULT_MAX_BYTES)),
        threads=int(os.environ[THREADS_ENV]) if os.environ.get(THREADS_ENV) else None,
    )
