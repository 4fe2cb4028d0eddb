"""Concurrent analysts and importers on one database (SQLite file and PostgreSQL).

Optimistic versioning: two analysts who read the same version of a claim both
save; exactly one wins, the other is told who changed it and retries, and no
update is lost. Twenty importers of one folder into one PostgreSQL database
end with every document exactly once.
"""

from __future__ import annotations

import multiprocessing
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from test_crash_safety import make_case

from tracker.db import open_database, session_scope
from tracker.editing import edit_claim, edit_source_grade
from tracker.errors import ConflictError
from tracker.importers import import_paths
from tracker.models import AuditEntry, Claim, Document, Source

CLAIM = "nis-shipments"


def _analyst(url: str, name: str, changes: dict, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from tracker.audit import set_analyst

    set_analyst(name)
    engine = open_database(url)
    with Session(engine) as session:
        claim = session.get(Claim, CLAIM)
        assert claim is not None
        read = claim.version
        barrier.wait(timeout=30)  # both have read version `read` before either writes
        try:
            edit_claim(session, CLAIM, read, **changes)
            session.commit()
            results.put((name, "saved", ""))
            return
        except ConflictError as error:
            results.put((name, "conflict", error.message))
    # The loser reloads and retries: nothing of the winner's change is lost.
    with session_scope(engine) as session:
        current = session.get(Claim, CLAIM)
        assert current is not None
        edit_claim(session, CLAIM, current.version, **changes)
    results.put((name, "retried", ""))


def test_two_analysts_editing_one_claim_at_once_lose_no_update(
    db_url: str, small_case: Path
) -> None:
    engine = open_database(db_url)
    assert import_paths(engine, [small_case]).ok
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    edits = {"alice": {"text": "Ten shipments since August"}, "bob": {"stance": "denies"}}
    workers = [
        context.Process(target=_analyst, args=(db_url, name, changes, barrier, results))
        for name, changes in edits.items()
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=60) for _ in range(3)]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    statuses = sorted(status for _, status, _ in outcomes)
    assert statuses == ["conflict", "retried", "saved"]
    winner = next(name for name, status, _ in outcomes if status == "saved")
    message = next(text for _, status, text in outcomes if status == "conflict")
    assert message == message.strip() and "\n" not in message
    assert f"claim '{CLAIM}' was changed by {winner} at " in message
    assert "(version 1 -> 2); reload and retry" in message
    with Session(engine) as session:
        claim = session.get(Claim, CLAIM)
        assert claim is not None
        # Both changes are in: the winner's and the loser's retried one.
        assert (claim.text, claim.stance, claim.version) == (
            "Ten shipments since August",
            "denies",
            3,
        )
        updates = session.exec(
            select(AuditEntry.analyst)
            .where(AuditEntry.table_name == "claim", AuditEntry.action == "update")
            .order_by(col(AuditEntry.id))
        ).all()
        assert updates == [winner, ({"alice", "bob"} - {winner}).pop()]
    engine.dispose()


def test_an_edit_from_a_stale_read_is_refused_on_the_command_line(
    db_url: str, small_case: Path
) -> None:
    engine = open_database(db_url)
    assert import_paths(engine, [small_case]).ok
    engine.dispose()

    def edit(analyst: str, *args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "tracker", "--db", db_url, "--analyst", analyst]
        return subprocess.run(
            [*command, "edit", CLAIM, *args], capture_output=True, text=True, timeout=60
        )

    first = edit("alice", "--quantity", "about 12 shipments", "--expect-version", "1")
    assert first.returncode == 0, first.stderr
    assert "now version 2" in first.stdout
    second = edit("bob", "--text", "Eleven shipments", "--expect-version", "1")
    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in second.stderr
    assert lines[0].startswith(f"tracker: claim '{CLAIM}' was changed by alice at ")
    assert lines[0].endswith("(version 1 -> 2); reload and retry")
    retry = edit("bob", "--text", "Eleven shipments", "--expect-version", "2")
    assert retry.returncode == 0, retry.stderr
    engine = open_database(db_url)
    with Session(engine) as session:
        claim = session.get(Claim, CLAIM)
        assert claim is not None
        # alice's figure was normalized again (about 12: 10.8-13.2) and kept by bob's edit.
        assert (claim.text, claim.quantity_text) == ("Eleven shipments", "about 12 shipments")
        assert claim.qty_value == 12 and claim.qty_low == pytest.approx(10.8)
        assert claim.version == 3
    engine.dispose()


def test_regrading_a_source_someone_else_regraded_is_a_conflict(engine, small_case: Path) -> None:  # type: ignore[no-untyped-def]
    assert import_paths(engine, [small_case]).ok
    with Session(engine) as first, Session(engine) as second:
        read_first = first.exec(select(Source).where(Source.name == "Bloomberg")).one().version
        read_second = second.exec(select(Source).where(Source.name == "Bloomberg")).one().version
        edit_source_grade(first, "Bloomberg", "a", read_first)
        first.commit()
        with pytest.raises(ConflictError, match=r"source 'Bloomberg' was changed by .* 1 -> 2"):
            edit_source_grade(second, "Bloomberg", "E", read_second)
    with Session(engine) as session:
        bloomberg = session.exec(select(Source).where(Source.name == "Bloomberg")).one()
        assert bloomberg.reliability == "A"


IMPORTERS = 20


def test_twenty_importers_of_one_folder_leave_every_document_once(
    pg_database_url: str, tmp_path: Path
) -> None:
    case = tmp_path / "case"
    expected = make_case(case, 30)
    open_database(pg_database_url).dispose()  # schema first: migrations are not concurrent
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tracker", "--db", pg_database_url, "import", str(case)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(IMPORTERS)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
        assert ", 0 failed): " in stdout
    engine = open_database(pg_database_url)
    with Session(engine) as session:
        documents = session.exec(select(Document.id)).all()
        assert sorted(documents) == [f"doc-{n:04d}" for n in range(30)]
        claims = session.exec(select(Claim.id)).all()
        assert sorted(claims) == sorted(c for ids in expected.values() for c in ids)
        inserts = session.exec(
            select(AuditEntry.row_id).where(
                AuditEntry.table_name == "document", AuditEntry.action == "insert"
            )
        ).all()
        assert len(inserts) == 30  # each document written once, not overwritten by a racer
    # Every file was added by exactly one importer; the others found it done.
    added = sum(
        int(re.search(r"\((\d+) new,", stdout.strip().splitlines()[-1]).group(1))  # type: ignore[union-attr]
        for stdout, _ in outputs
    )
    assert added == 30 + len(expected) + 1
    engine.dispose()
