"""Sources screen: changing a grade rescores, and the claims table shows it at once."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select
from test_tui_case import build_case
from test_tui_claims import wait_loaded
from test_tui_detail import wait_for
from textual.widgets import DataTable, Input

from tracker.models import Source
from tracker.tui.app import TrackerApp
from tracker.tui.claims_table import bar
from tracker.tui.prompt_screen import PromptScreen
from tracker.tui.sources_screen import SourcesScreen


def row(app: TrackerApp, claim_id: str):  # type: ignore[no-untyped-def]
    return next(r for r in app.claims_screen._all if r.id == claim_id)


async def test_raising_a_grade_raises_the_contradiction_it_brings(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        # RUSI's "hundreds of thousands" (at most 999,999) contradicts NIS's "more than 1 million".
        before = row(app, "nis-rounds-1m").contradiction
        assert before is not None and before > 0

        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen) and app.screen.sources)
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        names = [s.name for s in screen.sources]
        assert names == sorted(names) and "Royal United Services Institute" in names
        table = screen.query_one(DataTable)
        table.move_cursor(row=names.index("Royal United Services Institute"))
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = "A"
        await pilot.press("enter")
        await wait_for(pilot, lambda: (row(app, "nis-rounds-1m").contradiction or 0) > before)
        after = row(app, "nis-rounds-1m").contradiction
        assert after is not None
        # The grade is in the registry table and in the database.
        await wait_for(
            pilot, lambda: any(s.grade == "A" and s.short == "RUSI" for s in screen.sources)
        )
        with Session(engine) as session:
            rusi = session.exec(select(Source).where(Source.short == "RUSI")).one()
            assert rusi.reliability == "A"
        # And the claims table draws the longer bar.
        await pilot.press("1")
        table_widget = app.claims_screen.table
        ids = table_widget.visible_claim_ids()
        assert "nis-rounds-1m" in ids
        lines = [table_widget.render_line(y).text for y in range(table_widget.size.height)]
        line = next(text for text in lines if "More than 1 million artillery" in text)
        assert bar(after) in line and bar(after) != bar(before)


async def test_a_bad_grade_is_a_notification_not_a_change(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen) and app.screen.sources)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = "Z"
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("A-F" in n.message for n in app._notifications))
        with Session(engine) as session:
            grades = sorted(s.reliability for s in session.exec(select(Source)))
        assert grades == ["A", "B", "B", "B", "C"]


async def test_putting_two_sources_in_one_group_makes_them_one_voice(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        assert (row(app, "nis-rounds-1m").contradiction or 0) > 0
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen) and app.screen.sources)
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        names = [s.name for s in screen.sources]
        screen.query_one(DataTable).move_cursor(row=names.index("Royal United Services Institute"))
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        # NIS's group comes from its parent, the Government of South Korea.
        app.screen.query_one(Input).value = "Government of South Korea"
        await pilot.press("enter")
        # RUSI now speaks with NIS's voice: its lower figure no longer contradicts NIS's.
        await wait_for(pilot, lambda: row(app, "nis-rounds-1m").contradiction == 0)
        await wait_for(
            pilot,
            lambda: (
                next(s for s in screen.sources if s.short == "RUSI").group
                == "Government of South Korea"
            ),
        )


async def _sources_text(tmp_path: Path, size: tuple[int, int]) -> list[str]:
    """The sources screen of the bundled case as the terminal shows it, line by line."""
    from test_tui_documents import CASE

    from tracker.db import open_database
    from tracker.importers import import_paths

    engine = open_database(tmp_path / f"case-{size[0]}.sqlite")
    assert import_paths(engine, [CASE]).ok
    app = TrackerApp(engine)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen) and app.screen.rows)
        await pilot.pause(0.2)
        strips = app.screen._compositor.render_strips()
        return ["".join(segment.text for segment in strip) for strip in strips]


async def test_at_80_columns_grade_and_group_stay_in_view_and_long_names_give_way(
    tmp_path: Path,
) -> None:
    # Before the fix Name, Short, Kind came first at their full width: Grade and Group
    # were off to the right at 80 columns, and the footer lost its last keys.
    lines = await _sources_text(tmp_path, (80, 24))
    header = next(line for line in lines if "Name" in line)
    assert "Grade" in header and "Group" in header and "Claims" in header
    # sources.yaml: CSIS is graded B, its group is CSIS's own full name (cut to fit).
    csis = next(line for line in lines if line.lstrip().startswith("Center for Strategic"))
    assert "…" in csis.split("  B  ")[0]  # the long name gave way
    assert " B " in csis and "Center for Strategic and Int" in csis.split(" B ", 1)[1]
    cia = next(line for line in lines if "Central Intelligence Agency" in line)
    assert "United States government" in cia
    assert lines[-1].rstrip().endswith("b Brief")  # the footer's last key is in view


async def test_at_140_columns_a_group_is_not_cut_to_five_characters(tmp_path: Path) -> None:
    lines = await _sources_text(tmp_path, (140, 45))
    ukraine = next(line for line in lines if line.lstrip().startswith("Government of Ukraine"))
    assert ukraine.count("Government of Ukraine") == 2  # name and group, both whole
