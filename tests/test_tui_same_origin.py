"""The TUI shows what issue 15 adds: each subject's estimate on the subjects screen, and
on a claim's detail screen the outlets that carry its origin differently on one day."""

from __future__ import annotations

from pathlib import Path

from test_same_origin import _nis_case
from test_tui_case import build_case
from test_tui_detail import open_detail, wait_for
from test_tui_subjects import CONTAINERS, ROUNDS, open_subjects

from tracker.db import open_database
from tracker.importers import import_paths
from tracker.tui.app import TrackerApp


async def test_subjects_screen_shows_each_estimate_its_origins_and_outliers(tmp_path: Path) -> None:
    engine = build_case(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await open_subjects(app, pilot)
        rows = {s.name: s for s in screen.subjects}
        # Rounds: NIS (graded B, via the Government of South Korea) says more than 1
        # million; RUSI (C) 200,000-999,999. The two cannot meet, and the heavier voice
        # stands: NIS's figure, RUSI outside it.
        rounds = rows[ROUNDS]
        assert rounds.estimate == "more than 1 million artillery rounds"
        assert rounds.behind == "Government of South Korea"
        assert (
            rounds.outliers == "Royal United Services Institute (hundreds of thousands of shells)"
        )
        # Containers: the White House's figure alone; the other claim has no figure.
        assert (rows[CONTAINERS].estimate, rows[CONTAINERS].behind) == (
            "more than 1,000 containers",
            "White House",
        )
        assert rows[CONTAINERS].outliers == ""
        await wait_for(pilot, lambda: "more than 1 million artillery rounds" in _table(screen))
        assert "Government of South Korea" in _table(screen)
        assert "Royal United Services Insti" in _table(screen)


def _table(screen) -> str:  # type: ignore[no-untyped-def]
    from test_tui_claims import screen_text
    from textual.widgets import DataTable

    return screen_text(screen.query_one(DataTable))


async def test_claim_detail_names_both_outlets_and_quotes_of_a_discrepancy(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    _nis_case(folder, "2023-11-01")
    engine = open_database(tmp_path / "case.sqlite")
    report = import_paths(engine, [folder / "sources.yaml", *sorted(folder.glob("*.md"))])
    assert not report.failed
    assert not import_paths(engine, [folder / "claims.yaml"]).failed
    app = TrackerApp(engine)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_detail(app, pilot, "nis-12000")

        def scores() -> str:
            return str(screen.query_one("#detail-scores").render())

        await wait_for(pilot, lambda: "Reporting discrepancies" in scores())
        text = scores()
        assert "≠ value: National Intelligence Service's figure is carried as" in text
        assert "Yonhap: “NIS told lawmakers about 12,000 troops" in text
        assert "Reuters (claim nis-under-10000): “NIS said fewer than 10,000 troops" in text


async def test_at_80_columns_a_subject_and_its_estimate_can_be_read(tmp_path: Path) -> None:
    # Seven columns shared 80 cells: the subject was cut to 11 characters ("Artillery
    # r…") and the estimate to 11 ("more than…"). What it adds up to stays readable;
    # the origins behind it and the outliers scroll in from the right.
    from test_tui_claims import wait_loaded
    from test_tui_documents import CASE

    from tracker.tui.subjects_screen import SubjectsScreen

    engine = open_database(tmp_path / "case.sqlite")
    assert import_paths(engine, [CASE]).ok
    app = TrackerApp(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, SubjectsScreen) and app.screen.rows)
        await wait_for(pilot, lambda: any(s.estimate for s in app.screen.rows))
        await pilot.pause(0.2)
        strips = app.screen._compositor.render_strips()
        lines = ["".join(segment.text for segment in strip) for strip in strips]
    rounds = next(line for line in lines if "Artillery rounds" in line)
    # sources/claims of the bundled case: NIS's "more than 1 million" rounds.
    assert "Artillery rounds shipped" in rounds
    assert "more than 1 million" in rounds
