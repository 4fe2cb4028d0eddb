"""The ACH matrix screen (5), driven by its pilot on the bundled case and its hypotheses."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from test_tui_claims import wait_loaded
from test_tui_detail import wait_for
from test_tui_markup import screen_of
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from tracker.ach.case import add_hypothesis, rate
from tracker.db import open_database, session_scope
from tracker.importers import import_paths
from tracker.models import Rating
from tracker.tui.app import TrackerApp
from tracker.tui.matrix_screen import MatrixScreen

CASE = Path(__file__).resolve().parents[1] / "imports" / "najin-2023"


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    engine = open_database(tmp_path / "case.sqlite")
    assert import_paths(engine, [CASE]).ok
    yield engine
    engine.dispose()


async def open_matrix(app: TrackerApp, pilot) -> MatrixScreen:  # type: ignore[no-untyped-def]
    await wait_loaded(app, pilot)
    await pilot.press("5")
    await wait_for(pilot, lambda: isinstance(app.screen, MatrixScreen) and app.screen.view)
    assert isinstance(app.screen, MatrixScreen)
    return app.screen


def goto(screen: MatrixScreen, claim: str, hypothesis: str) -> None:
    assert screen.view is not None
    row = [c for c, _ in screen.view.claims].index(claim)
    column = 2 + screen.view.case.matrix.hypotheses.index(hypothesis)
    screen.query_one(DataTable).cursor_coordinate = Coordinate(row, column)


def stored(engine, hypothesis: str, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        row = s.get(Rating, (hypothesis, claim))
        return row.rating if row else None


def ranking_text(screen: MatrixScreen) -> str:
    return str(screen.query_one("#matrix-ranking", Static).content)


async def test_a_key_rates_the_cell_and_the_ranking_follows(engine) -> None:  # type: ignore[no-untyped-def]
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        # hypotheses.yaml: the two denials (weight 0.05 each) are all that is against it.
        assert "1. H3 sea-through-najin 0.10" in ranking_text(screen)
        goto(screen, "dprk-denies-shipments", "sea-through-najin")
        await pilot.press("c")
        await wait_for(pilot, lambda: "1. H3 sea-through-najin 0.05" in ranking_text(screen))
        assert stored(engine, "sea-through-najin", "dprk-denies-shipments") == "C"
        # The app's undo takes the rating back, and the screen rereads.
        await pilot.press("u")
        await wait_for(pilot, lambda: "1. H3 sea-through-najin 0.10" in ranking_text(screen))
        assert stored(engine, "sea-through-najin", "dprk-denies-shipments") == "I"


async def test_a_proposal_is_shown_and_stored_only_when_accepted(engine) -> None:  # type: ignore[no-untyped-def]
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        claim, hypothesis = "us-accuses-dprk-of-supplying-russia", "sea-through-najin"
        goto(screen, claim, hypothesis)
        table = screen.query_one(DataTable)
        assert str(table.get_cell_at(table.cursor_coordinate)) == "c?"
        assert stored(engine, hypothesis, claim) is None
        await pilot.press("a")
        await wait_for(pilot, lambda: stored(engine, hypothesis, claim) == "C")
        await wait_for(pilot, lambda: str(table.get_cell_at(Coordinate(0, 0))) != "")
        goto(screen, claim, hypothesis)
        assert str(table.get_cell_at(table.cursor_coordinate)) == "C"
        # Clearing it with delete removes the rating again.
        await pilot.press("delete")
        await wait_for(pilot, lambda: stored(engine, hypothesis, claim) is None)


async def test_keys_on_the_claim_column_rate_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        screen.query_one(DataTable).cursor_coordinate = Coordinate(0, 0)
        await pilot.press("x")
        await pilot.pause(0.3)
        with session_scope(engine) as s:
            assert len(s.exec(select(Rating)).all()) == 36  # hypotheses.yaml: 3 x 12


def test_matrix_screen_snapshot(snap_compare, engine) -> None:  # type: ignore[no-untyped-def]
    app = TrackerApp(engine)

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_matrix(app, pilot)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(120, 32), run_before=ready)


def add_hypothesis_rated(engine, hypothesis: str, title: str, ratings: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        add_hypothesis(s, hypothesis, title)
        for claim, rating in ratings.items():
            rate(s, hypothesis, claim, rating)


async def test_a_tie_for_the_lead_is_said_beside_the_ranking(engine) -> None:  # type: ignore[no-untyped-def]
    """By hand: the sea route's only ratings against it are the two DPRK denials, I at
    weight 0.05 each (credibility 5, 0.1 x uncorroborated 0.5): 0.10. A twin rated I on
    the same two and nothing else is also at 0.10; rail (2.70) and trade (4.76) trail."""
    denials = ("dprk-denies-shipments", "dprk-denies-supplying-russia")
    add_hypothesis_rated(engine, "twin", "A twin", dict.fromkeys(denials, "I"))
    app = TrackerApp(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_matrix(app, pilot)
        table = screen.query_one(DataTable)
        claims = [c for c, _ in screen.view.claims]  # type: ignore[union-attr]
        for claim in denials:
            assert str(table.get_cell_at(Coordinate(claims.index(claim), 1))) == "0.05"
        text = ranking_text(screen)
        assert "1. H3 sea-through-najin 0.10" in text and "1. H4 twin 0.10" in text
        assert "sea-through-najin and twin are tied for the lead at 0.10." in text
        # With a tie, the sensitivity sentence speaks of the shared lead (as `tracker ach`).
        assert "brings another hypothesis into the shared lead." in text
        # At 80x24 that runs past the foot of the panel, which scrolls to it (tab, end).
        await pilot.pause()
        assert "marks: ! sensitive" not in screen_of(app)
        await pilot.press("tab", "end")
        await wait_for(pilot, lambda: "marks: ! sensitive" in screen_of(app))


async def test_an_unrated_leader_is_called_an_absence_of_evidence(engine) -> None:  # type: ignore[no-untyped-def]
    """A hypothesis nothing is rated for or against scores 0.00 and leads alone; its title
    is markup-like user text and shows literally."""
    add_hypothesis_rated(engine, "untested", "[bold]x[/bold]", {})
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        text = ranking_text(screen)
        assert "1. H4 untested 0.00" in text
        assert (
            "No claim is rated consistent or inconsistent with untested: its score is an "
            "absence of evidence, not evidence in its favour." in text
        )
        assert "tied for the lead" not in text
        await pilot.pause()
        assert "   [bold]x[/bold]" in screen_of(app)  # not a bold "x"
