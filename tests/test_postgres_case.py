"""The bundled case on a real PostgreSQL server, through the command line, as on SQLite."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli_end_to_end import tracker


def test_bundled_case_on_postgresql_matches_sqlite(
    pg_database_url: str, tmp_path: Path, bundled_case: Path
) -> None:
    sqlite_db = str(tmp_path / "t.sqlite")
    for db in (pg_database_url, sqlite_db):
        result = tracker("--db", db, "import", str(bundled_case))
        assert result.returncode == 0, result.stderr
    on_pg = json.loads(tracker("--db", pg_database_url, "claims", "--json").stdout)
    on_sqlite = json.loads(tracker("--db", sqlite_db, "claims", "--json").stdout)
    assert len(on_pg) >= 25
    assert on_pg == on_sqlite
    again = tracker("--db", pg_database_url, "import", str(bundled_case))
    assert again.stdout.strip().startswith("8 files (0 new, 0 changed, 8 unchanged,")


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Port Watch</title>
<link>http://127.0.0.1:9/</link>
<item><title>Najin busy again</title><link>http://127.0.0.1:9/a</link>
<description>Ships at pier 2.</description><pubDate>Mon, 16 Oct 2023 05:30:00 GMT</pubDate></item>
</channel></rss>
"""


def test_every_listing_prints_the_same_on_postgresql_as_on_sqlite(
    pg_database_url: str, tmp_path: Path, bundled_case: Path
) -> None:
    """The listings read plain SQL (sqlite3 on a SQLite file, SQLAlchemy on PostgreSQL):
    dates, flags, JSON lists and moments read the same from both, as the models read them."""
    feed = tmp_path / "port-watch.rss"
    feed.write_text(FEED, encoding="utf-8")
    sqlite_db = str(tmp_path / "t.sqlite")
    for db in (pg_database_url, sqlite_db):
        result = tracker("--db", db, "import", str(bundled_case), str(feed))
        assert result.returncode == 0, result.stderr
    listings = [
        ("sources",),
        ("sources", "--json"),
        ("documents",),
        ("documents", "--json"),
        ("documents", "wapo-2023-10-16", "--json"),
        ("claims",),
        ("claims", "--subject", "Artillery rounds shipped, DPRK to Russia (count)", "--json"),
        ("subjects",),
    ]
    for args in listings:
        on_pg, on_sqlite = (tracker("--db", db, *args) for db in (pg_database_url, sqlite_db))
        assert on_pg.returncode == on_sqlite.returncode == 0, on_pg.stderr + on_sqlite.stderr
        assert on_pg.stdout == on_sqlite.stdout, args
    documents = json.loads(tracker("--db", pg_database_url, "documents", "--json").stdout)
    wapo = next(d for d in documents if d["id"] == "wapo-2023-10-16")
    assert (wapo["published_first"], wapo["authors"][0]) == ("2023-10-16", "Michelle Ye Hee Lee")
    (pg_feed,), (sqlite_feed,) = (
        json.loads(tracker("--db", db, "feeds", "--json").stdout)
        for db in (pg_database_url, sqlite_db)
    )
    # Pulled a moment apart; both in UTC with their offset, as SQLModel's UTCDateTime reads.
    assert {k: v for k, v in pg_feed.items() if k != "pulled_at"} == {
        "location": str(feed),
        "title": "Port Watch",
        "entries": 1,
    }
    assert {k: v for k, v in sqlite_feed.items() if k != "pulled_at"} == {
        k: v for k, v in pg_feed.items() if k != "pulled_at"
    }
    for row in (pg_feed, sqlite_feed):
        assert row["pulled_at"].endswith("+00:00"), row
