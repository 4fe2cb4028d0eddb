"""Pinning and dropping a subject as a key judgment of the brief (issue 19): the CLI run
as a subprocess, the TUI's subjects screen driven by its pilot; audited, undoable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session, select
from test_brief_cli import _case
from test_tui_case import build_case
from test_tui_detail import wait_for
from test_tui_subjects import ROUNDS, open_subjects

from tracker.audit import set_analyst
from tracker.db import open_database
from tracker.models import AuditEntry, Subject
from tracker.tui.app import TrackerApp
from tracker.undo import undo_last_edit


def tracker(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db), "--analyst", "kim", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TRACKER_DB": ""},
        timeout=120,
    )


def _key(db: Path, name: str) -> bool | None:
    with Session(open_database(db)) as session:
        return session.exec(select(Subject.key_judgment).where(Subject.name == name)).one()


def test_key_and_unkey_are_written_audited_listed_and_undone(tmp_path: Path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    assert _key(db, "Ports") is None

    pinned = tracker(db, "subjects", "key", "Ports")
    assert pinned.returncode == 0, pinned.stderr
    assert "Ports: pinned as a key judgment" in pinned.stdout
    assert _key(db, "Ports") is True
    dropped = tracker(db, "subjects", "unkey", "Ports")
    assert dropped.returncode == 0, dropped.stderr
    assert _key(db, "Ports") is False

    listing = tracker(db, "subjects").stdout
    ports = next(line for line in listing.splitlines() if "Ports" in line)
    assert "dropped" in ports
    assert "pinned" not in next(line for line in listing.splitlines() if "Shipments" in line)

    engine = open_database(db)
    with Session(engine) as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.table_name == "subject").order_by(AuditEntry.id)  # type: ignore[arg-type]
        ).all()
    assert [(e.analyst, e.changes) for e in entries[-2:]] == [
        ("kim", {"key_judgment": [None, True]}),
        ("kim", {"key_judgment": [True, False]}),
    ]
    set_analyst("kim")  # undo takes back the analyst's own edits: kim's, here
    try:
        undo_last_edit(engine)  # the unkey
        assert _key(db, "Ports") is True
        undo_last_edit(engine)  # the key
        assert _key(db, "Ports") is None
    finally:
        set_analyst(None)

    back = tracker(db, "subjects", "key", "--auto", "Ports")
    assert back.returncode == 0 and _key(db, "Ports") is None


def test_an_unknown_subject_is_one_line_naming_the_closest_and_changes_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    result = tracker(db, "subjects", "key", "ports")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "tracker: no subject named 'ports'; did you mean 'Ports'?"
    ]
    with Session(open_database(db)) as session:
        assert set(session.exec(select(Subject.key_judgment))) == {None}
        updates = select(AuditEntry).where(AuditEntry.action == "update")
        assert not session.exec(updates).all()


async def test_k_in_the_subjects_screen_pins_drops_and_unmarks(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)

    def stored() -> bool | None:
        with Session(engine) as session:
            return session.exec(select(Subject.key_judgment).where(Subject.name == ROUNDS)).one()

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_subjects(app, pilot)
        assert screen.subjects[0].name == ROUNDS and screen.cells(screen.subjects[0])[0] == ""
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.subjects[0].key_judgment is True)
        assert stored() is True and screen.cells(screen.subjects[0])[0] == "pinned"
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.subjects[0].key_judgment is False)
        assert stored() is False and screen.cells(screen.subjects[0])[0] == "dropped"
        await pilot.press("u")  # undo goes back one step: pinned again
        await wait_for(pilot, lambda: stored() is True)
