"""Undo (u) reverts the newest change in the audit log, then the one before it."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select
from test_tui_case import build_case
from test_tui_claims import screen_text, wait_loaded
from test_tui_detail import open_detail, wait_for
from test_tui_subjects import ROUNDS, answer, open_subjects
from textual.widgets import DataTable, Input

from tracker.models import Attribution, Claim, RejectedSuggestion, Source, Subject
from tracker.tui.app import TrackerApp
from tracker.tui.confirm_screen import ConfirmScreen
from tracker.tui.store import set_grade


def toasts(app: TrackerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def count(engine, model) -> int:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return len(session.exec(select(model)).all())


def qty(engine, claim_id: str) -> float | None:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        return claim.qty_value


async def test_undo_an_edit_then_a_grade(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    with Session(engine) as session:
        rusi = session.exec(select(Source).where(Source.short == "RUSI")).one()
    set_grade(engine, rusi.id or 0, "A")  # an older change, from before the app opened
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, "nis-shipments-10")
        screen.query_one("#edit-quantity", Input).value = "about 12 shipments"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: qty(engine, "nis-shipments-10") == 12)
        await pilot.press("escape")
        await wait_for(pilot, lambda: "~12 shipments" in screen_text(app.claims_screen.table))

        await pilot.press("u")
        await wait_for(pilot, lambda: qty(engine, "nis-shipments-10") == 10)
        # Said in words, never "update claim nis-shipments-10".
        await wait_for(
            pilot,
            lambda: (
                "Undid claim nis-shipments-10: quantity “about 10 shipments” → "
                "“about 12 shipments”" in toasts(app)
            ),
        )
        await wait_for(pilot, lambda: "~10 shipments" in screen_text(app.claims_screen.table))
        with Session(engine) as session:
            claim = session.get(Claim, "nis-shipments-10")
            assert claim is not None
            assert (claim.quantity_text, claim.qty_low, claim.qty_high) == (
                "about 10 shipments",
                9,
                11,
            )

        # The next undo goes further back (not a redo of the first): RUSI returns to C.
        await pilot.press("u")

        def rusi_grade() -> str:
            with Session(engine) as session:
                return session.exec(select(Source).where(Source.short == "RUSI")).one().reliability

        await wait_for(pilot, lambda: rusi_grade() == "C")
        assert qty(engine, "nis-shipments-10") == 10
        await wait_for(
            pilot, lambda: "Undid Royal United Services Institute: grade C → A" in toasts(app)
        )


async def test_u_after_a_reject_brings_it_back_then_asks_before_undoing_the_import(
    tmp_path: Path,
) -> None:
    # Before the fix: the reject was not undoable, and u silently removed attribution 140.
    from test_tui_documents import CASE, open_wapo

    from tracker.db import open_database
    from tracker.importers import import_paths

    engine = open_database(tmp_path / "case.sqlite")
    assert import_paths(engine, [CASE]).ok
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wapo(tmp_path, (app, pilot))
        assert screen.document is not None
        open_count = len(screen.document.suggestions)
        await pilot.press("x")
        await wait_for(pilot, lambda: count(engine, RejectedSuggestion) == 1)
        await wait_for(pilot, lambda: len(screen.document.suggestions) == open_count - 1)  # type: ignore[union-attr]

        await pilot.press("u")
        await wait_for(pilot, lambda: count(engine, RejectedSuggestion) == 0)
        await wait_for(
            pilot, lambda: any(t.startswith("Undid the rejection of “") for t in toasts(app))
        )
        await wait_for(pilot, lambda: len(screen.document.suggestions) == open_count)  # type: ignore[union-attr]

        # Nothing of the analyst's is left but the import: u asks, by name, what goes.
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.query_one("#confirm-question").render())
        assert question == (
            "Undo the import of 8 files from najin-2023: "
            "5 documents, 71 claims, 140 attributions, 49 sources, 54 subjects, "
            "3 hypotheses, 36 ratings?"
        )
        await pilot.press("enter")  # the safe answer has the focus: keep it
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        await wait_for(pilot, lambda: "Kept the import of 8 files from najin-2023" in toasts(app))
        assert (count(engine, Claim), count(engine, Attribution)) == (71, 140)

        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: count(engine, Claim) == 0)
        assert count(engine, Attribution) == 0
        await wait_for(
            pilot,
            lambda: (
                "Undid the import of 8 files from najin-2023: 5 documents, 71 claims, "
                "140 attributions, 49 sources, 54 subjects, 3 hypotheses, 36 ratings removed"
                in toasts(app)
            ),
        )


async def test_undo_a_merge(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_subjects(app, pilot)
        screen.query_one(DataTable).move_cursor(row=1)  # Containers, 2 claims
        await pilot.press("m")
        await answer(app, pilot, ROUNDS)
        await wait_for(pilot, lambda: len(screen.subjects) == 2)
        await pilot.press("u")
        await wait_for(pilot, lambda: len(screen.subjects) == 3)
        with Session(engine) as session:
            containers = session.exec(
                select(Subject).where(Subject.name == "Containers shipped, DPRK to Russia")
            ).one()
            ids = session.exec(select(Claim.id).where(Claim.subject_id == containers.id)).all()
        assert sorted(ids) == ["markup-claim", "wh-containers"]


async def test_nothing_to_undo_is_a_notification(tmp_path: Path) -> None:
    from tracker.db import open_database

    app = TrackerApp(open_database(tmp_path / "empty.sqlite"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("u")
        await wait_for(
            pilot, lambda: any("nothing to undo" in n.message for n in app._notifications)
        )


def test_saving_what_is_already_there_changes_nothing(tmp_path: Path) -> None:
    # A save with no change writes no update: the version stays (no false conflict for a
    # colleague editing the same claim) and the audit log gains nothing to undo.
    from tracker.db import session_scope
    from tracker.models import AuditEntry
    from tracker.tui.claims_edit import save_claim

    engine = build_case(tmp_path / "case.sqlite")
    with Session(engine) as session:
        claim = session.get(Claim, "nis-shipments-10")
        assert claim is not None
        subject = session.get(Subject, claim.subject_id)
        assert subject is not None
        fields = dict(
            text=claim.text,
            subject=subject.name,
            stance=claim.stance,
            quantity_text=claim.quantity_text or "",
            period_text=claim.period_text or "",
        )
        rusi = session.exec(select(Source).where(Source.short == "RUSI")).one()

    def state() -> tuple[int, int, int]:
        with Session(engine) as session:
            claim, source = session.get(Claim, "nis-shipments-10"), session.get(Source, rusi.id)
            assert claim is not None and source is not None
            return claim.version, source.version, len(session.exec(select(AuditEntry)).all())

    with session_scope(engine) as session:  # the first save fills what the builder left out
        save_claim(session, "nis-shipments-10", **fields)
    before = state()
    with session_scope(engine) as session:
        save_claim(session, "nis-shipments-10", **fields)
    set_grade(engine, rusi.id or 0, rusi.reliability)
    assert state() == before
