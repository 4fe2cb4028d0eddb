"""Snapshots of the main screens at 80x24 and 120x40 (pytest-textual-snapshot).

Baselines live in tests/__snapshots__/; regenerate with --snapshot-update and
read the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_case import build_case
from test_tui_claims import wait_loaded
from test_tui_detail import wait_for

from tracker.db import open_database
from tracker.tui.app import TrackerApp
from tracker.tui.detail_screen import ClaimDetailScreen
from tracker.tui.sources_screen import SourcesScreen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_claims_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)


def test_claims_screen_filtered(snap_compare, tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(app, pilot)
        await pilot.press("slash", *"rounds")

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_detail_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(app, pilot)
        app.open_claim("nis-rounds-1m")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ClaimDetailScreen) and app.screen.view is not None
        )
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=size, run_before=ready)


def test_sources_screen(snap_compare, tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(app, pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen) and app.screen.sources)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_empty_database(snap_compare, tmp_path: Path) -> None:
    app = TrackerApp(open_database(tmp_path / "empty.sqlite"))

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)
