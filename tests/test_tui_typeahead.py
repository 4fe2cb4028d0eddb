"""Keys typed while a dialog opens go to the dialog, never to the screen beneath it.

Before the fix, the path typed right after `i` reached the claims screen: its `b`
opened the brief prompt and Enter wrote brief.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select
from test_tui_claims import wait_loaded
from test_tui_detail import wait_for
from test_tui_documents import CASE

from tracker.db import open_database
from tracker.models import Document
from tracker.tui.app import TrackerApp


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
