"""Fetching a URL with httpx: timeouts, a size limit, redirects followed and recorded.

``fetch`` returns the bytes with what was learnt on the way (final URL, every URL
redirected through, content type) or raises a one-line UserError naming the URL:
offline, refused, no answer in time, an HTTP error, too large. Nothing is written
here: the caller stores what was fetched in one transaction, or nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from tracker.errors import UserError
from tracker.fetch_limits import MAX_FETCH_BYTES, MAX_REDIRECTS, TIMEOUT_SECONDS

USER_AGENT = "tracker/0.1 (claims tracking; +https://pypi.org/project/tracker/)"

HTML, PDF, FEED = "html", "pdf", "feed"


@dataclass
class Fetched:
    url: str  # as asked for
    final_url: str
    content_type: str  # the server's, without parameters
    kind: str  # html, pdf or feed, sniffed from the bytes and the content type
    data: bytes
    redirects: list[str] = field(default_factory=list)  # every URL before final_url


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_FETCH_BYTES) -> Fetched:
    import httpx  # here: loading it costs every other command a tenth of a second

    deadline = time.monotonic() + timeout * 3  # a server trickling bytes is cut off too
    try:
        with httpx.Client(
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT},
        ) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise UserError(
                        f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip()
                    )
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise UserError(
                        f"{url}: {_mb(int(declared))} is above the limit of {_mb(max_bytes)}"
                    )
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise UserError(f"{url}: more than {_mb(max_bytes)}, the limit; stopped")
                    if time.monotonic() > deadline:
                        raise UserError(
                            f"{url}: still downloading after {timeout * 3:.0f} s; stopped"
                        )
                    chunks.append(chunk)
                data = b"".join(chunks)
                redirects = [str(r.url) for r in response.history]
                final = str(response.url)
                content_type = response.headers.get("content-type", "").split(";")[0].strip()
    except httpx.TimeoutException:
        raise UserError(f"{url}: no answer within {timeout:g} s") from None
    except httpx.ConnectError as error:
        raise UserError(f"{url}: cannot connect ({_reason(error)})") from None
    except httpx.TooManyRedirects:
        raise UserError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.InvalidURL as error:
        raise UserError(f"{url}: not a valid URL ({error})") from None
    except httpx.HTTPError as error:
        raise UserError(f"{url}: fetch failed ({_reason(error)})") from None
    if not data.strip():
        raise UserError(f"{url}: the server sent nothing")
    return Fetched(url, final, content_type, sniff(content_type, data), data, redirects)


def sniff(content_type: str, data: bytes) -> str:
    """What the bytes are: the bytes themselves first (servers mislabel), then the type."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"%pdf"):
        return PDF
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return FEED
    if content_type in ("application/rss+xml", "application/atom+xml"):
        return FEED
    if content_type == "application/pdf":
        return PDF
    return HTML


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()
    reason = text[-1] if text else type(error).__name__
    if "refused" in reason.lower():
        return "connection refused"
    return reason[:120]
