"""A document without a date reads "undated" (tracker.dates_display), never "None"."""

from __future__ import annotations

from pathlib import Path

from test_cli_end_to_end import tracker

from tests.conftest import SMALL_SOURCES


def test_a_document_without_a_date_is_shown_undated(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(SMALL_SOURCES, encoding="utf-8")
    (tmp_path / "nodate.md").write_text(
        "---\nid: nodate\ntitle: No date line\noutlet: Bloomberg\n---\nNIS said so.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "case.sqlite")
    assert tracker("--db", db, "import", str(tmp_path)).returncode == 0
    shown = tracker("--db", db, "documents", "nodate")
    assert shown.stdout.splitlines()[0] == "No date line  (Bloomberg, undated)"
    listed = tracker("--db", db, "documents").stdout
    assert "None" not in listed and "undated" in listed
