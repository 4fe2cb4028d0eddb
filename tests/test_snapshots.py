"""What a page said when it was read: its original bytes kept, backed up, and written back."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session, select

from tracker.backup import export_json
from tracker.db import open_database
from tracker.importers import import_paths
from tracker.models import Snapshot

PARAGRAPHS = (
    "<p>Das Hafengelände von Najin war im Oktober so belebt wie seit 2019 nicht mehr, "
    "wie Satellitenbilder zeigen, die von Analysten ausgewertet wurden.</p>"
    "<p>Güterwagen mit Containern verließen den Hafen an drei verschiedenen Tagen, "
    "jedes Mal in Richtung des russischen Grenzübergangs bei Tumangang.</p>"
)


def page(extra: str = "") -> bytes:
    """A windows-1252 page (not UTF-8): its bytes must come back exactly, not re-encoded."""
    html = (
        '<html lang="de"><head><meta charset="windows-1252"><title>Najin</title>'
        '<meta property="og:site_name" content="Seewetter Zeitung">'
        '<meta property="article:published_time" content="2023-10-16"></head>'
        f"<body><article><h1>Najin</h1>{PARAGRAPHS}{extra}</article></body></html>"
    )
    return html.encode("cp1252")


def tracker(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        env={**os.environ, "TRACKER_DB": ""},
        timeout=120,
    )


def test_a_snapshot_survives_backup_and_restore_byte_for_byte(db_url: str, tmp_path: Path) -> None:
    source = tmp_path / "najin-de.html"
    source.write_bytes(page())
    original = open_database(str(tmp_path / "original.sqlite"))
    assert import_paths(original, [source]).ok
    with Session(original) as session:
        (kept,) = session.exec(select(Snapshot)).all()
        assert kept.sha256 == hashlib.sha256(page()).hexdigest()
        assert kept.content_type == "text/html" and kept.size == len(page())
        assert len(kept.data) < kept.size  # compressed
        assert kept.read_at is not None
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(original), encoding="utf-8")
    assert json.loads(backup.read_text(encoding="utf-8"))["tables"]["snapshot"]

    restored = open_database(db_url)
    assert import_paths(restored, [backup]).ok
    with Session(restored) as session:
        (back,) = session.exec(select(Snapshot)).all()
        assert (back.sha256, back.data, back.read_at) == (kept.sha256, kept.data, kept.read_at)
    original.dispose()
    restored.dispose()

    out = tmp_path / "written.html"
    written = tracker("--db", db_url, "documents", "najin-de", "--snapshot", "-o", str(out))
    assert written.returncode == 0, written.stderr
    assert out.read_bytes() == page()
    # The text read from it was decoded by its declared charset.
    text = tracker("--db", db_url, "documents", "najin-de")
    assert "Güterwagen mit Containern" in text.stdout.decode("utf-8")


def test_a_changed_page_adds_a_snapshot_and_the_newest_is_written(tmp_path: Path) -> None:
    db = str(tmp_path / "case.sqlite")
    source = tmp_path / "najin-de.html"
    source.write_bytes(page())
    assert tracker("--db", db, "import", str(source)).returncode == 0
    source.write_bytes(page("<p>Korrektur: es waren vier Tage, nicht drei.</p>"))
    assert tracker("--db", db, "import", str(source)).returncode == 0
    again = tracker("--db", db, "import", str(source))  # the same bytes: nothing new
    assert b"1 unchanged" in again.stdout
    engine = open_database(db)
    with Session(engine) as session:
        assert len(session.exec(select(Snapshot)).all()) == 2
    engine.dispose()
    out = tmp_path / "newest.html"
    assert (
        tracker("--db", db, "documents", "najin-de", "--snapshot", "-o", str(out)).returncode == 0
    )
    assert b"Korrektur" in out.read_bytes()


def test_snapshot_mistakes_are_one_line_errors(tmp_path: Path, small_case: Path) -> None:
    db = str(tmp_path / "case.sqlite")
    assert tracker("--db", db, "import", str(small_case)).returncode == 0
    for args, expected in [
        (
            ("documents", "bloomberg-2023-12-27", "--snapshot", "-o", str(tmp_path / "x")),
            b"no snapshot",
        ),
        (("documents", "bloomberg-2023-12-27", "--snapshot"), b"--snapshot -o FILE"),
        (("documents", "nope", "--snapshot", "-o", str(tmp_path / "x")), b"no document 'nope'"),
    ]:
        result = tracker("--db", db, *args)
        assert result.returncode == 1, args
        assert expected in result.stderr and result.stderr.count(b"\n") == 1, result.stderr
    assert not (tmp_path / "x").exists()
