"""`tracker export` then `tracker import` of its output into an empty database: identical rows."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session, select

from tests.conftest import snapshot
from tracker.backup import export_json
from tracker.db import open_database, session_scope
from tracker.importers import import_paths
from tracker.models import Source


def test_export_then_import_gives_identical_rows(db_url: str, small_case: Path, tmp_path) -> None:
    original = open_database(str(tmp_path / "original.sqlite"))
    assert import_paths(original, [small_case]).ok
    with session_scope(original) as session:
        # A parent listed after its child, and an update in the audit log, must survive.
        nis = session.exec(select(Source).where(Source.short == "NIS")).one()
        nis.reliability = "A"
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(original), encoding="utf-8")

    restored = open_database(db_url)
    report = import_paths(restored, [backup])
    assert report.ok, [f.error for f in report.failed]

    assert snapshot(restored) == snapshot(original)
    tables = json.loads(backup.read_text(encoding="utf-8"))["tables"]
    assert len(tables["claim"]) == 2 and len(tables["attribution"]) == 3
    assert any(e["action"] == "update" for e in tables["auditentry"])
    # Ids keep counting after the restored ones (PostgreSQL sequences moved on).
    with session_scope(restored) as session:
        session.add(Source(name="RUSI"))
    with Session(restored) as session:
        ids = [s.id for s in session.exec(select(Source)).all()]
    assert len(set(ids)) == len(ids) == 6
    original.dispose()
    restored.dispose()


def test_restore_refuses_a_database_that_holds_a_case(engine, small_case: Path, tmp_path) -> None:
    assert import_paths(engine, [small_case]).ok
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(engine), encoding="utf-8")
    before = snapshot(engine)
    (failed,) = import_paths(engine, [backup]).failed
    assert failed.error == (
        f"{backup}: a backup restores only into an empty database; this one has 5 row(s) "
        "in 'source'"
    )
    assert snapshot(engine) == before


def test_restoring_the_same_backup_twice_is_refused_not_doubled(tmp_path, small_case) -> None:
    first = open_database(str(tmp_path / "a.sqlite"))
    import_paths(first, [small_case])
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(first), encoding="utf-8")
    second = open_database(str(tmp_path / "b.sqlite"))
    assert import_paths(second, [backup]).ok
    assert not import_paths(second, [backup]).ok
    assert snapshot(second) == snapshot(first)
