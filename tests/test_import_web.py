"""URLs and feeds, served from a local HTTP server on 127.0.0.1 (never the internet).

Pages, a PDF under a wrong content type, redirects, a feed whose entries link to pages,
and the failures: 404, refused, a server that never answers, a 200 MB page.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlmodel import Session, select

from tests.conftest import snapshot
from tests.pdfs import report
from tests.test_import_pages import tracker
from tracker.errors import UserError
from tracker.importers import import_paths
from tracker.importers.feeds import MAX_FEED_ENTRIES
from tracker.importers.fetch import fetch
from tracker.models import Document, Feed, Snapshot

PARAGRAPHS = "".join(
    f"<p>{text}</p>"
    for text in (
        "The port of Najin handled more container traffic in October than in any month "
        "since 2019, according to satellite images reviewed by analysts.",
        "Rail cars loaded with containers were seen leaving the port on three separate "
        "days, each time heading towards the Russian border crossing at Tumangang.",
    )
)


def page(title: str, extra: str = "") -> bytes:
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="og:site_name" content="Port Watch">'
        '<meta property="article:published_time" content="2023-10-16"></head>'
        f"<body><article><h1>{title}</h1>{PARAGRAPHS}{extra}</article></body></html>"
    ).encode()


def rss(base: str, count: int, changed: str = "") -> bytes:
    items = "".join(
        f"<item><title>Entry {n}</title><link>{base}/entry/{n}</link><guid>urn:pw:{n}</guid>"
        f"<description>Summary {n} of the port traffic{changed if n == 1 else ''}.</description>"
        "<pubDate>Mon, 16 Oct 2023 05:00:00 GMT</pubDate></item>"
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Port Watch</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    changed = ""  # appended to the first feed entry's summary: an edit at the source

    def log_message(self, *args: object) -> None:  # quiet test output
        pass

    def send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/article.html":
            self.send(page("Najin port traffic rises"), "text/html; charset=utf-8")
        elif self.path == "/old-address":
            self.send_response(301)
            self.send_header("Location", "/article.html")
            self.end_headers()
        elif self.path == "/download?id=7":
            self.send(report(), "application/octet-stream")  # a PDF, mislabelled
        elif self.path == "/feed":
            self.send(rss(base, 3, Handler.changed), "application/xml")
        elif self.path.startswith("/entry/"):
            n = self.path.rsplit("/", 1)[1]
            self.send(page(f"Entry {n} in full", f"<p>Full text of entry {n}.</p>"), "text/html")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(200 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html>" + b" " * 1024)
        elif self.path == "/endless":  # no length announced: the limit is found on the way
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(4096):
                    self.wfile.write(b"x" * 1024)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/hang":
            time.sleep(5)
        else:
            self.send(b"not here", "text/plain", 404)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_redirected_url_is_imported_with_its_snapshot_and_redirect(
    tmp_path: Path, server: str
) -> None:
    db = str(tmp_path / "case.sqlite")
    first = tracker("--db", db, "import", f"{server}/old-address")
    assert first.returncode == 0, first.stderr
    assert f"redirected to {server}/article.html" in first.stdout
    (doc,) = json.loads(tracker("--db", db, "documents", "--json").stdout)
    assert doc["outlet"] == "Port Watch" and doc["published_first"] == "2023-10-16"
    assert doc["title"] == "Najin port traffic rises"
    assert doc["url"] == f"{server}/article.html"
    from tracker.db import open_database

    engine = open_database(db)
    with Session(engine) as session:
        (kept,) = session.exec(select(Snapshot)).all()
        assert kept.redirects == [f"{server}/old-address"]
        assert kept.url == f"{server}/article.html"
    engine.dispose()
    again = tracker("--db", db, "import", f"{server}/old-address")
    assert (
        again.returncode == 0 and "1 file (0 new, 0 changed, 1 unchanged, 0 failed)" in again.stdout
    )


def test_a_mislabelled_pdf_is_sniffed_and_read_as_a_pdf(engine, server: str) -> None:
    result = import_paths(engine, [f"{server}/download?id=7"])
    assert result.ok, [f.error for f in result.failed]
    with Session(engine) as session:
        (document,) = session.exec(select(Document)).all()
        assert document.title == "Munitions through Najin"
        assert document.page_starts is not None and len(document.page_starts) == 2


def test_fetch_failures_are_one_line_errors_and_write_nothing(
    engine, small_case: Path, server: str
) -> None:
    assert import_paths(engine, [small_case]).ok
    before = snapshot(engine)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    cases = {
        f"{server}/missing": "HTTP 404 Not Found",
        f"http://127.0.0.1:{closed}/": "cannot connect (connection refused)",
        f"{server}/hang": "no answer within 1 s",
        f"{server}/huge": "200 MB is above the limit of 50 MB",
    }
    started = time.monotonic()
    result = import_paths(engine, list(cases), timeout=1)
    assert time.monotonic() - started < 20  # seconds, not minutes
    assert len(result.failed) == len(cases)
    for failed in result.failed:
        assert failed.error == f"{failed.path}: {cases[str(failed.path)]}"
    assert snapshot(engine) == before


def test_a_download_without_a_length_is_stopped_at_the_limit(server: str) -> None:
    with pytest.raises(UserError, match="more than 1 MB, the limit; stopped"):
        fetch(f"{server}/endless", max_bytes=1024 * 1024)


def test_a_feed_makes_one_document_per_entry_and_pulls_again_idempotently(
    engine, server: str
) -> None:
    result = import_paths(engine, [f"{server}/feed"])
    assert result.ok, [f.error for f in result.failed]
    with Session(engine) as session:
        documents = session.exec(select(Document).order_by(Document.title)).all()
        assert [d.title for d in documents] == ["Entry 1", "Entry 2", "Entry 3"]
        assert documents[0].text == "Summary 1 of the port traffic."
        assert {str(d.published_first) for d in documents} == {"2023-10-16"}
        (feed,) = session.exec(select(Feed)).all()
        assert (feed.title, feed.entries) == ("Port Watch", 3)
    before = snapshot(engine)
    again = import_paths(engine, [f"{server}/feed"])
    assert again.ok and again.files[0].status == "unchanged"
    after = snapshot(engine)
    assert {k: v for k, v in after.items() if k != "feed"} == {
        k: v for k, v in before.items() if k != "feed"
    }
    # The same entry (GUID) edited at the source: updated in place, not duplicated.
    Handler.changed = ", corrected"
    try:
        edited = import_paths(engine, [f"{server}/feed"])
    finally:
        Handler.changed = ""
    assert edited.files[0].counts == {"documents": 0, "documents updated": 1}
    with Session(engine) as session:
        texts = sorted(d.text for d in session.exec(select(Document)).all())
    assert texts[0] == "Summary 1 of the port traffic, corrected."
    assert len(texts) == 3
    listed = tracker("--db", str(engine.url.database), "feeds")
    # Piped, a listing is plain tab-separated lines a script can cut, never a drawn table.
    header, row = listed.stdout.splitlines()
    assert header == "feed\ttitle\tentries\tpulled"
    assert row.startswith(f"{server}/feed\tPort Watch\t3\t") and row.endswith(" UTC")


def test_fetch_follows_each_entry_link_for_the_full_article(engine, server: str) -> None:
    result = import_paths(engine, [f"{server}/feed"], follow=True)
    assert result.ok, [f.error for f in result.failed]
    with Session(engine) as session:
        documents = session.exec(select(Document)).all()
        assert len(documents) == 3
        assert all("Full text of entry" in d.text for d in documents)
        assert all("Rail cars loaded with containers" in d.text for d in documents)
        assert len(session.exec(select(Snapshot)).all()) == 3


def test_a_feed_of_ten_thousand_entries_is_cut_with_a_note(engine, tmp_path: Path) -> None:
    big = tmp_path / "big.rss"
    big.write_bytes(rss("http://127.0.0.1:9", 10_000))
    result = import_paths(engine, [big])
    assert result.ok, [f.error for f in result.failed]
    assert any(
        f"the feed has 10,000 entries; the first {MAX_FEED_ENTRIES:,} were imported" in n
        for n in result.notes
    )
    with Session(engine) as session:
        assert len(session.exec(select(Document)).all()) == MAX_FEED_ENTRIES
