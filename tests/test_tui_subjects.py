"""Subjects screen: merge two subjects; rename; mark cumulative."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select
from test_tui_case import build_case
from test_tui_claims import screen_text, wait_loaded
from test_tui_detail import wait_for
from textual.widgets import DataTable, Input

from tracker.models import Claim, Subject
from tracker.tui.app import TrackerApp
from tracker.tui.prompt_screen import PromptScreen
from tracker.tui.subjects_screen import SubjectsScreen

ROUNDS = "Artillery rounds shipped, DPRK to Russia"
CONTAINERS = "Containers shipped, DPRK to Russia"


async def open_subjects(app: TrackerApp, pilot) -> SubjectsScreen:  # type: ignore[no-untyped-def]
    await wait_loaded(app, pilot)
    await pilot.press("4")
    await wait_for(pilot, lambda: isinstance(app.screen, SubjectsScreen) and app.screen.subjects)
    assert isinstance(app.screen, SubjectsScreen)
    return app.screen


async def answer(app: TrackerApp, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
    app.screen.query_one(Input).value = text
    await pilot.press("enter")


async def test_merge_moves_every_claim_and_the_table_regroups(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_subjects(app, pilot)
        assert [(s.name, s.claims) for s in screen.subjects] == [
            (ROUNDS, 2),
            (CONTAINERS, 2),
            ("Maritime munitions shipments, DPRK to Russia (count)", 1),
        ]
        screen.query_one(DataTable).move_cursor(row=1)  # Containers
        await pilot.press("m")
        await answer(app, pilot, ROUNDS.lower())  # names match case-insensitively
        await wait_for(pilot, lambda: len(screen.subjects) == 2)
        assert screen.subjects[0].name == ROUNDS and screen.subjects[0].claims == 4
        with Session(engine) as session:
            rounds = session.exec(select(Subject).where(Subject.name == ROUNDS)).one()
            moved = session.exec(select(Claim.id).where(Claim.subject_id == rounds.id)).all()
        assert sorted(moved) == ["markup-claim", "nis-rounds-1m", "rusi-rounds", "wh-containers"]
        await pilot.press("1")
        await wait_for(pilot, lambda: f"▸ {ROUNDS}  (4)" in screen_text(app.claims_screen.table))
        assert CONTAINERS not in screen_text(app.claims_screen.table)


async def test_merging_into_an_unknown_name_changes_nothing(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_subjects(app, pilot)
        await pilot.press("m")
        await answer(app, pilot, "no such subject")
        await wait_for(
            pilot, lambda: any("No other subject" in n.message for n in app._notifications)
        )
        with Session(engine) as session:
            assert len(session.exec(select(Subject)).all()) == 3


async def test_rename_and_cumulative_are_written_and_undone_with_u(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    with Session(engine) as session:
        subject = session.exec(select(Subject).where(Subject.name == ROUNDS)).one()
        original = (subject.name, subject.cumulative)
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_subjects(app, pilot)
        await pilot.press("r")
        await answer(app, pilot, "Artillery shells, DPRK to Russia (count)")
        await wait_for(pilot, lambda: screen.subjects[0].name.startswith("Artillery shells"))
        await pilot.press("x")
        await wait_for(pilot, lambda: screen.subjects[0].cumulative != original[1])

        def now() -> tuple[str, bool]:
            with Session(engine) as session:
                row = session.get(Subject, subject.id)
                assert row is not None
                return row.name, row.cumulative

        assert now() == ("Artillery shells, DPRK to Russia (count)", True)
        await pilot.press("u")
        await wait_for(
            pilot, lambda: now() == ("Artillery shells, DPRK to Russia (count)", original[1])
        )
        await pilot.press("u")
        await wait_for(pilot, lambda: now() == original)
