"""Keys typed while a dialog opens go to the dialog, never to the screen beneath it.

Before the fix, the path typed right after `i` reached the claims screen: its `b`
opened the brief prompt and Enter wrote brief.md.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select
from test_tui_case import build_case
from test_tui_claims import wait_loaded
from test_tui_detail import wait_for
from test_tui_documents import CASE
from textual.widgets import Input

from tracker.db import open_database
from tracker.models import Document
from tracker.tui.app import TrackerApp
from tracker.tui.sources_screen import SourcesScreen


def type_ahead(app: TrackerApp, keys: list[str]) -> None:
    """Every key into the app's queue at once, as a fast typist (or a busy screen) does:
    the pilot's own ``press`` waits after each key until the app is idle."""
    from textual import events

    assert app._driver is not None
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else ("\r" if key == "enter" else None))
        event.set_sender(app)
        app._driver.send_message(event)


async def test_a_path_typed_straight_after_i_lands_in_the_import_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "bbq"  # letters that are keys of the screen beneath: b, q
    folder.mkdir()
    shutil.copy(CASE / "sources.yaml", folder)
    shutil.copy(CASE / "bloomberg-2023-12.md", folder)
    engine = open_database(tmp_path / "case.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        # Built ahead, at start: the first opening does not build it while keys go by.
        await wait_for(pilot, lambda: app.prompt.first_field() is not None)
        type_ahead(app, ["i", "b", "b", "q", "enter"])

        def documents() -> list[str]:
            with Session(engine) as session:
                return list(session.exec(select(Document.id)).all())

        await wait_for(pilot, lambda: documents() == ["bloomberg-2023-12"])
        assert app.is_running
        assert not (tmp_path / "brief.md").exists()


async def test_a_digit_typed_as_tracker_starts_shows_its_screen_not_the_filter(
    tmp_path: Path,
) -> None:
    """Keys typed while tracker starts wait in the terminal and arrive as the claims
    screen is built, before its claims are read: 2 shows the sources, as it does once
    they are. Before the fix the filter box had the focus then, and took the 2."""
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    loaded_when_typed: list[bool] = []

    async def type_as_it_starts() -> None:
        while app._driver is None:  # keys are read from the moment the terminal is set up
            await asyncio.sleep(0)
        loaded_when_typed.append(app.claims_screen.loaded)
        type_ahead(app, ["2"])

    typing = asyncio.create_task(type_as_it_starts())
    async with app.run_test(size=(80, 24)) as pilot:
        await typing
        await wait_loaded(app, pilot)
        assert loaded_when_typed == [False]
        assert app.claims_screen.query_one("#filter", Input).value == ""
        assert isinstance(app.screen, SourcesScreen)
