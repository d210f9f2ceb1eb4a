"""A URL → the page it serves, as text, bounded in every way a server can
make a client wait or fill its memory.

The standard library's HTTP client (``urllib.request``): no dependency for
one GET, and imported only when a URL is given. What a server may do and
what this module does about it:

- take too long: a ``timeout`` for the whole exchange (each socket wait,
  and the total time reading the body);
- send too much: at most ``max_bytes``, refused early from the declared
  length and while reading (a server may lie or stream forever);
- redirect forever: at most :data:`MAX_REDIRECTS`, a loop named as one;
- redirect elsewhere than the web: only http and https, at every hop;
- send something that is not a page: a content type that is not text
  (an image, a PDF, a download) is refused before the body is read;
- say its charset in the header, in the page (``<meta charset>``), or
  nowhere: the header first, then the page's first 4 KB, then UTF-8,
  undecodable bytes replaced as browsers do.

Each failure is an :class:`~summarizer.errors.InputError` with one line
that names the URL and what to do.
"""

from __future__ import annotations

import codecs
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError, param
from ..textio import DEFAULT_MAX_BYTES

__all__ = ["DEFAULT_TIMEOUT", "MAX_REDIRECTS", "TEXT_TYPES", "Fetched", "fetch", "page_charset", "user_agent"]

#: Seconds a server has to answer and send the page.
DEFAULT_TIMEOUT = 30.0
#: Redirects followed before giving up (browsers allow about 20; news
#: sites use one or two: http → https, a trailing slash).
MAX_REDIRECTS = 10
#: Content types read as text; HTML is told from text by its content
#: (:mod:`summarizer.web.sniff`), since servers mislabel both.
TEXT_TYPES: tuple[str, ...] = ("text/", "application/xhtml+xml", "application/xml")
_SCHEMES = ("http", "https")
#: ``<meta charset="…">`` or ``<meta http-equiv="Content-Type" content="…; charset=…">``.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    """What the server sent: ``url`` after redirects, the decoded ``text``."""

    url: str
    text: str
    content_type: str
    charset: str


def user_agent() -> str:
    """``arabic-textrank-summarizer/VERSION``: who is asking, for the site's logs."""
    from .. import __version__

    return f"arabic-textrank-summarizer/{__version__} (extractive summarizer; one request per page)"


def check_url(url: str) -> str:
    """``url`` if it is an http or https address with a host; else an error."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InputError(f"invalid URL {url!r}: {exc}; give an http:// or https:// address") from None
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        raise InputError(f"invalid URL {url!r}; give an http:// or https:// address with a host name")
    return url


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES, max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """GET ``url`` and return the page as text (see the module docstring for the limits)."""
    import http.client
    import urllib.error
    import urllib.request

    check_url(url)
    opener = urllib.request.build_opener(_redirects(max_redirects))
    request = urllib.request.Request(url, headers={"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            return _read(response, url=url, deadline=deadline, timeout=timeout, max_bytes=max_bytes)
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            target = (exc.headers.get("Location") or "") if exc.headers is not None else ""
            if target and urlsplit(target).scheme.lower() not in ("", *_SCHEMES):
                raise InputError(f"{exc.url or url} redirects to {target!r}, which is not an http or https address") from None
            raise InputError(f"{url} redirects in a loop or more than {max_redirects} times; open it in a browser to see where it leads") from None
        raise InputError(f"{url} answered {exc.code} {exc.reason}; check the address") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timed_out(url, timeout) from None
        raise InputError(f"cannot reach {url}: {getattr(exc.reason, 'strerror', None) or exc.reason}; check the address and the network") from None
    except TimeoutError:
        raise _timed_out(url, timeout) from None
    except (OSError, http.client.HTTPException) as exc:
        raise InputError(f"cannot read {url}: {getattr(exc, 'strerror', None) or exc or type(exc).__name__}") from None


def _timed_out(url: str, timeout: float) -> InputError:
    return InputError(f"{url} did not answer within {timeout:g} s; try again later, or raise {param('timeout')}")


def _redirects(limit: int) -> Any:
    """A redirect handler that follows at most ``limit`` redirects, to
    http and https only."""
    import urllib.request

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = limit
        max_repeats = 1  # the same address twice is a loop

        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
            if urlsplit(newurl).scheme.lower() not in _SCHEMES:
                raise InputError(f"{req.full_url} redirects to {newurl!r}, which is not an http or https address")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return Redirects()


def _read(response: Any, *, url: str, deadline: float, timeout: float, max_bytes: int) -> Fetched:
    headers = response.headers
    content_type = headers.get_content_type()
    if not content_type.startswith(TEXT_TYPES):
        raise InputError(f"{url} is {content_type}, not a web page or a text; give the address of an article")
    declared = headers.get("Content-Length")
    too_large = InputError(f"{url} is larger than {max_bytes:,} bytes; give a smaller page (or raise the limit, {param('max_bytes')})")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _timed_out(url, timeout)
        chunk = response.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise too_large
    data = b"".join(chunks)
    charset = page_charset(data, headers.get_content_charset())
    text = data.decode(charset, errors="replace")
    return Fetched(url=response.geturl(), text=text.removeprefix("\ufeff"), content_type=content_type, charset=charset)


def page_charset(data: bytes, declared: str | None) -> str:
    """The charset to decode ``data`` with: a byte-order mark, then the
    HTTP header's, then the page's ``<meta>``, then UTF-8; a name Python
    does not know counts as none."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return name
    meta = _META_CHARSET.search(data[:4096])
    for candidate in (declared, meta.group(1).decode("ascii") if meta else None):
        if candidate:
            try:
                return codecs.lookup(candidate).name
            except LookupError:
                continue
    return "utf-8"
