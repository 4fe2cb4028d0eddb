"""Claims screen: the table lists claims by subject, `/` filters as you type, Enter opens."""

from __future__ import annotations

from pathlib import Path

from test_tui_case import build_case

from tracker.tui.app import TrackerApp
from tracker.tui.claims_table import ClaimsTable
from tracker.tui.detail_screen import ClaimDetailScreen


def screen_text(table: ClaimsTable) -> str:
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


async def wait_loaded(app: TrackerApp, pilot) -> None:  # type: ignore[no-untyped-def]
    # Up to 15 s: the scorer is a spawned process, slow to start on a loaded machine.
    for _ in range(750):
        await pilot.pause(0.02)
        if app.claims_screen.loaded and app.claims_screen.score_state != "scoring…":
            return
    raise AssertionError("claims never loaded")


async def test_table_lists_claims_grouped_by_subject(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        table = app.claims_screen.table
        text = screen_text(table)
        assert "▸ Artillery rounds shipped, DPRK to Russia  (2)" in text
        assert "About 10 shipments of munitions" in text
        assert "~10 shipments" in text
        assert "1 Aug 2023 – 27 Dec 2023" in text  # since August, read on 27 Dec 2023
        # Subjects in alphabetical order, each claim under its subject.
        assert table.visible_claim_ids() == [
            "nis-rounds-1m",
            "rusi-rounds",
            "markup-claim",
            "wh-containers",
            "nis-shipments-10",
        ]


async def test_filter_narrows_as_you_type(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        table = app.claims_screen.table
        await pilot.press("slash", "r", "u")
        # "ru" is in Russia (subjects) and RUSI: still several claims.
        assert len(table.visible_claim_ids()) == 5
        await pilot.press("s", "i")
        assert table.visible_claim_ids() == ["rusi-rounds"]
        # Source names match too: NIS appears in no claim text.
        await pilot.press(*["backspace"] * 4, "n", "i", "s")
        assert table.visible_claim_ids() == ["nis-rounds-1m", "nis-shipments-10"]
        # And normalized values.
        await pilot.press(*["backspace"] * 3, *">1,000 ")
        assert table.visible_claim_ids() == ["nis-rounds-1m", "wh-containers"]
        await pilot.press("escape")
        assert len(table.visible_claim_ids()) == 5
        assert "5 claims" in str(app.claims_screen.query_one("#claims-status").render())


async def test_enter_opens_the_claim(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("slash", *"shipments", "enter")  # Enter in the filter: to the table
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ClaimDetailScreen)
        assert app.screen.claim_id == "nis-shipments-10"
        summary = str(app.screen.query_one("#detail-summary").render())
        assert "About 10 shipments of munitions" in summary
        attributions = str(app.screen.query_one("#detail-attributions").render())
        assert "National Intelligence Service [B]" in attributions
        assert "about 10 shipments of munitions to Russia since August" in attributions
        await pilot.press("escape")
        assert app.screen is app.claims_screen


async def test_empty_database_explains_how_to_start(tmp_path: Path) -> None:
    from tracker.db import open_database

    app = TrackerApp(open_database(tmp_path / "empty.sqlite"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        empty = app.claims_screen.query_one("#claims-empty")
        assert empty.display
        assert not app.claims_screen.table.display
        assert "tracker demo" in str(empty.render())


async def test_the_mouse_selects_a_row_then_opens_it(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        table = app.claims_screen.table
        assert table.current_claim_id == "nis-rounds-1m"  # the first claim starts selected
        # Line 0 of the table is the column header, line 1 the first subject, then its claims.
        await pilot.click(ClaimsTable, offset=(10, 3))
        assert table.current_claim_id == "rusi-rounds"
        assert not isinstance(app.screen, ClaimDetailScreen)  # a click on another row selects
        await pilot.click(ClaimsTable, offset=(10, 3))  # ... and on the selected row opens
        await pilot.pause(0.2)
        assert isinstance(app.screen, ClaimDetailScreen)
        assert app.screen.claim_id == "rusi-rounds"


def test_a_time_unit_reads_plural_after_a_number_but_one() -> None:
    """The bundled case's "some 15 years" was listed "~15 year" (the normalizer spells
    units in the singular); the brief already said "about fifteen years"."""
    from tracker.tui.rows import format_quantity

    assert format_quantity("approx", 15, None, None, "year", None, None) == "~15 years"
    assert format_quantity("exact", 1, None, None, "year", None, None) == "1 year"
    assert format_quantity("range", None, 2, 3, "week", None, None) == "2–3 weeks"
    assert format_quantity("approx", 10, None, None, "km", None, None) == "~10 km"
    assert format_quantity("exact", 300, None, None, None, "containers", None) == "300 containers"
