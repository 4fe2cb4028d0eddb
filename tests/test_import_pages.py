"""Saved web pages of our own: never refused for missing metadata, marked for review instead.

Each page is small HTML written here, with one piece of metadata missing or written
the hard way; expected outlets and dates are read off the page by hand.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tracker.importers import import_paths
from tracker.listing import list_documents
from tracker.models import AuditEntry, Document, Source

BODY = (
    "<p>The port of Najin handled more container traffic in October than in any month "
    "since 2019, according to satellite images reviewed by analysts.</p>"
    "<p>Rail cars loaded with containers were seen leaving the port on three separate "
    "days, each time heading towards the Russian border crossing at Tumangang.</p>"
    "<p>Officials in Seoul said the shipments were likely to contain artillery shells, "
    "though they declined to give a figure for the number of rounds involved.</p>"
)


def page(head: str = "", byline: str = "", body: str = BODY) -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>Najin port traffic</title>{head}</head>"
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Najin port traffic rises</h1>{byline}{body}</article>"
        "<footer><p>Copyright 2023 Example Media</p></footer></body></html>"
    )


def imported(engine: Engine, path: Path, text: str) -> dict:
    path.write_text(text, encoding="utf-8")
    report = import_paths(engine, [path])
    assert report.ok, [f.error for f in report.failed]
    with Session(engine) as session:
        (row,) = [r for r in list_documents(session, with_text=True) if r["id"] == path.stem]
    return row


def test_a_page_without_site_name_takes_its_json_ld_publisher(engine, tmp_path: Path) -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Najin port traffic rises",
        "datePublished": "2023-10-16T05:00:00Z",
        "publisher": {"@type": "Organization", "name": "Korea Maritime Monitor"},
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    row = imported(engine, tmp_path / "ld.html", page(head))
    assert row["outlet"] == "Korea Maritime Monitor"
    assert row["published_first"] == "2023-10-16"
    assert row["needs_review"] == []
    assert "Rail cars loaded with containers" in row["text"]
    assert "Copyright" not in row["text"] and "Home" not in row["text"]


def test_a_page_with_only_a_url_finds_its_outlet_by_domain_in_the_registry(
    engine, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "- name: The Washington Post\n  aliases: [washingtonpost.com]\n  kind: outlet\n",
        encoding="utf-8",
    )
    assert import_paths(engine, [sources]).ok
    head = (
        '<link rel="canonical" href="https://www.washingtonpost.com/world/2023/10/16/najin/">'
        '<meta property="article:published_time" content="2023-10-16">'
    )
    row = imported(engine, tmp_path / "wapo.html", page(head))
    assert row["outlet"] == "The Washington Post"
    assert row["url"] == "https://www.washingtonpost.com/world/2023/10/16/najin/"
    assert row["needs_review"] == []
    with Session(engine) as session:
        assert len(session.exec(select(Source)).all()) == 1  # no new source made up


def test_an_unknown_domain_becomes_an_outlet_marked_for_review(engine, tmp_path: Path) -> None:
    head = (
        '<link rel="canonical" href="https://news.example-herald.co.uk/2023/najin">'
        '<meta property="article:published_time" content="2023-10-16">'
    )
    row = imported(engine, tmp_path / "herald.html", page(head))
    # The registered domain under the public suffix co.uk, not the host.
    assert row["outlet"] == "example-herald.co.uk"
    assert row["needs_review"] == ["outlet named after its domain"]


def test_a_free_form_date_in_the_byline_is_read(engine, tmp_path: Path) -> None:
    head = '<meta property="og:site_name" content="Korea Maritime Monitor">'
    byline = (
        '<p class="byline">By Jane Park</p>'
        '<span class="date">November 19, 2019, 07:47 PM EST</span>'
    )
    row = imported(engine, tmp_path / "freeform.html", page(head, byline))
    assert row["published_first"] == row["published_last"] == "2019-11-19"
    assert row["needs_review"] == []


def test_a_page_with_no_outlet_and_no_date_is_imported_for_review(engine, tmp_path: Path) -> None:
    row = imported(engine, tmp_path / "bare.html", page())
    assert row["outlet"] is None
    assert row["published_first"] is None
    assert row["needs_review"] == ["no outlet", "no publication date"]
    assert row["language"] == "en"
    assert "Officials in Seoul said" in row["text"]


def tracker(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TRACKER_DB": "", "COLUMNS": "200"},
        timeout=120,
    )


def test_needs_review_is_listed_and_fixed_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "case.sqlite")
    (tmp_path / "bare.html").write_text(page(), encoding="utf-8")
    first = tracker("--db", db, "import", str(tmp_path / "bare.html"))
    assert first.returncode == 0, first.stderr
    assert "needs review: no outlet, no publication date" in first.stdout

    listed = tracker("--db", db, "documents")
    assert "no outlet, no publication date" in listed.stdout
    (doc,) = json.loads(tracker("--db", db, "documents", "--json").stdout)
    assert doc["needs_review"] == ["no outlet", "no publication date"]

    bad = tracker("--db", db, "documents", "bare", "--set-published", "soon")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "not a date" in bad.stderr

    fixed = tracker(
        "--db", db, "documents", "bare",
        "--set-outlet", "Korea Maritime Monitor", "--set-published", "16 October 2023",
    )  # fmt: skip
    assert fixed.returncode == 0, fixed.stderr
    (doc,) = json.loads(tracker("--db", db, "documents", "--json").stdout)
    assert doc["outlet"] == "Korea Maritime Monitor"
    assert doc["published_first"] == "2023-10-16"
    assert doc["needs_review"] == []

    from tracker.db import open_database

    engine = open_database(db)
    with Session(engine) as session:
        updates = session.exec(
            select(AuditEntry).where(
                AuditEntry.table_name == "document", AuditEntry.action == "update"
            )
        ).all()
        assert updates, "the fix is in the audit log"
        assert session.get(Document, "bare") is not None
    engine.dispose()
