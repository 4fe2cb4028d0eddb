"""The subjects screen's estimates are the scoring's: the same as ``tracker score --json``'s
``subjects``, and taken from the claims screen's scoring, not from a second read of
the case."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run_tracker
from test_tui_case import build_case
from test_tui_claims import wait_loaded
from test_tui_detail import wait_for
from textual.widgets import DataTable

import tracker.scoring.load
from tracker.dates_display import human_span
from tracker.db import open_database
from tracker.tui.app import TrackerApp
from tracker.tui.subjects_screen import SubjectsScreen


def _expected_cells(subject: dict[str, Any]) -> tuple[str, str, list[str]]:
    """(estimate, behind, outliers' origins) as the screen words the CLI's JSON."""
    estimates = subject["estimates"]
    if not estimates:
        denied = subject["denied_by"]
        return (
            ("no figure: " + (f"denied by {', '.join(denied)}" if denied else "statements")),
            (""),
            [],
        )
    first = estimates[0]
    estimate = first["estimate"]
    words = estimate["words"]
    if estimate["period"]:
        words += f" ({human_span(*(date.fromisoformat(d) for d in estimate['period']))})"
    more = len(estimates) - 1
    if more:
        words += f" +{more} unit{'s' * (more > 1)}"
    return words, ", ".join(estimate["origins"]), [o["origin"] for o in first["outliers"]]


async def _screen_cells(engine: Any) -> dict[int, tuple[str, str, str]]:
    app = TrackerApp(engine)
    # Wide enough that no cell is cut to its column.
    async with app.run_test(size=(600, 50)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("4")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, SubjectsScreen)
                and bool(app.screen.rows)
                and all(s.estimate for s in app.screen.rows)
            ),
        )
        screen = app.screen
        assert isinstance(screen, SubjectsScreen)
        table = screen.query_one(DataTable)
        cells = {}
        for row in screen.rows:
            # What is drawn: the table's own cells (Estimate, Behind it, Outliers).
            drawn = table.get_row(str(row.id))
            cells[row.id] = (str(drawn[4]), str(drawn[5]), str(drawn[6]))
            assert cells[row.id] == (row.estimate, row.behind, row.outliers)
    return cells


@pytest.mark.parametrize("case", ["bundled", "outliers"])
async def test_each_estimate_is_the_one_score_json_gives(
    case: str, tmp_path: Path, imported_case: Callable[..., Path], bundled_case: Path
) -> None:
    db = tmp_path / "case.sqlite"
    if case == "bundled":
        imported_case(db, bundled_case)
        engine = open_database(db)
    else:  # test_tui_case's: RUSI's figure cannot meet NIS's
        engine = build_case(db)
    result = run_tracker("--db", str(db), "score", "--json")
    assert result.returncode == 0, result.stderr
    subjects = json.loads(result.stdout)["subjects"]
    shown = await _screen_cells(engine)
    assert sorted(shown) == sorted(s["id"] for s in subjects)
    for subject in subjects:
        estimate, behind, outliers = shown[subject["id"]]
        want_estimate, want_behind, want_outliers = _expected_cells(subject)
        assert (estimate, behind) == (want_estimate, want_behind), subject["name"]
        # The JSON describes an outlier's figure, the screen quotes it: compare who.
        assert [o.split(" (")[0] for o in outliers.split(", ") if o] == want_outliers
    if case == "bundled":
        # Checked by hand against the case's claims: NIS (via the Republic of Korea)
        # says more than a million rounds, August to December 2023.
        rounds = next(s for s in subjects if s["name"].startswith("Artillery rounds shipped"))
        assert shown[rounds["id"]][:2] == (
            "more than 1 million rounds of artillery (1 Aug 2023 – 27 Dec 2023)",
            "Republic of Korea",
        )
    else:
        assert any(cells[2] for cells in shown.values())


async def test_opening_the_subjects_screen_does_not_read_the_case_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_loaded(app, pilot)
        # Whether the scoring ran in a process of its own or, where none can be started,
        # in a thread of this one: its estimates are in before the screen opens.
        await wait_for(pilot, lambda: not getattr(app.claims_screen, "estimating", False))
        loads = []
        real = tracker.scoring.load.load_inputs

        def counted(*args: Any, **kwargs: Any) -> Any:
            loads.append(args[1:])
            return real(*args, **kwargs)

        monkeypatch.setattr(tracker.scoring.load, "load_inputs", counted)
        await pilot.press("4")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, SubjectsScreen) and any(s.estimate for s in app.screen.rows)
            ),
        )
        rows = {s.name: s for s in app.screen.rows}
        assert rows["Artillery rounds shipped, DPRK to Russia"].estimate == (
            "more than 1 million artillery rounds"
        )
        assert loads == []


async def test_after_a_merge_the_rescoring_brings_the_merged_estimate(tmp_path: Path) -> None:
    from test_tui_subjects import CONTAINERS, ROUNDS, answer, open_subjects

    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_subjects(app, pilot)
        await wait_for(pilot, lambda: any(s.estimate for s in screen.rows))
        screen.query_one(DataTable).move_cursor(row=1)  # Containers
        await pilot.press("m")
        await answer(app, pilot, ROUNDS)
        # Every figure is a count (no unit), so one estimate: NIS's "more than 1 million"
        # (B, via the Government of South Korea) meets the White House's "more than 1,000"
        # above a million; RUSI's 200,000-999,999 meets only the White House's, and the
        # pair with NIS weighs more. Two origins behind it: no figure quoted, the words
        # of the interval with the leading figure's item; RUSI an outlier.
        await wait_for(pilot, lambda: "White House" in screen.rows[0].behind)
        assert [s.name for s in screen.rows] == [
            ROUNDS,
            "Maritime munitions shipments, DPRK to Russia (count)",
        ]
        assert CONTAINERS not in {s.name for s in screen.rows}
        assert (screen.rows[0].estimate, screen.rows[0].behind, screen.rows[0].outliers) == (
            "more than 1,000,000 containers",
            "White House, Government of South Korea",
            "Royal United Services Institute (hundreds of thousands of shells)",
        )
