"""Every change to a claim, attribution, source or document is logged: who, when, what."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from tracker.audit import current_analyst, set_analyst
from tracker.db import session_scope
from tracker.importers import import_paths
from tracker.models import AuditEntry, Claim


def _log(engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEntry).order_by(AuditEntry.id)).all())


def test_import_edit_and_delete_are_logged_under_the_analyst(engine, small_case: Path) -> None:
    set_analyst("a.analyst")
    try:
        assert import_paths(engine, [small_case]).ok
        with session_scope(engine) as session:
            claim = session.get(Claim, "wh-containers")
            assert claim is not None
            claim.text = "Over 1,000 containers delivered"
        with session_scope(engine) as session:
            session.delete(session.get(Claim, "wh-containers"))
    finally:
        set_analyst(None)
    log = _log(engine)
    assert {e.analyst for e in log} == {"a.analyst"}
    inserted = {(e.table_name, e.row_id) for e in log if e.action == "insert"}
    assert ("claim", "nis-shipments") in inserted
    assert ("document", "euromaidan-2023-12") in inserted
    assert ("attribution", "1") in inserted
    assert sum(1 for e in log if e.table_name == "source" and e.action == "insert") == 5
    (update,) = [e for e in log if e.table_name == "claim" and e.action == "update"]
    assert update.changes == {
        "text": ["More than 1,000 containers delivered", "Over 1,000 containers delivered"]
    }
    deleted = [e for e in log if e.action == "delete"]
    assert [(e.table_name, e.row_id) for e in deleted][-1] == ("claim", "wh-containers")
    assert deleted[-1].changes["text"] == "Over 1,000 containers delivered"


def test_without_analyst_the_os_user_is_recorded(engine, small_case: Path) -> None:
    import getpass

    set_analyst(None)
    assert current_analyst() == getpass.getuser()
    import_paths(engine, [small_case / "sources.yaml"])
    assert {e.analyst for e in _log(engine)} == {getpass.getuser()}


def test_cli_analyst_option_is_recorded(tmp_path: Path, small_case: Path) -> None:
    import subprocess
    import sys

    db = str(tmp_path / "t.sqlite")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tracker",
            "--db",
            db,
            "--analyst",
            "kim",
            "import",
            str(small_case),
        ],
        check=True,
        capture_output=True,
    )
    from tracker.db import open_database

    assert {e.analyst for e in _log(open_database(db))} == {"kim"}
