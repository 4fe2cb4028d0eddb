"""An impossible publication date (2023-02-30, 2023-13-45) is one line naming the file and
the field, on the command line and in the TUI; the other files of the run still import.

Before the fix YAML turned the date into a traceback of sixty lines, and the files after
it were never read.
"""

from __future__ import annotations

import json
from pathlib import Path

from test_cli_end_to_end import tracker
from test_tui_claims import wait_loaded
from test_tui_detail import wait_for

ARTICLE = "---\nid: {id}\ntitle: {id}\noutlet: Bloomberg\npublished: {published}\n---\nText.\n"
FEBRUARY = "front matter: published: no such date: '2023-02-30' (February 2023 has 28 days)"
MONTH_13 = "front matter: published: no such date: '2023-13-45' (there is no month 13)"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    for name, published in (
        ("a-february", "2023-02-30"),
        ("b-good", "2023-02-03"),
        ("c-month", "2023-13-45"),
        ("d-good", "2023-12-27"),
    ):
        text = ARTICLE.format(id=name, published=published)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return folder


def test_the_cli_says_one_line_per_bad_date_and_imports_the_rest(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = str(tmp_path / "t.sqlite")
    run = tracker("--db", db, "import", str(folder))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("tracker: ")]
    assert errors == [
        f"tracker: {folder / 'a-february.md'}:2: {FEBRUARY}",
        f"tracker: {folder / 'c-month.md'}:2: {MONTH_13}",
    ]
    listed = json.loads(tracker("--db", db, "documents", "--json").stdout)
    assert sorted(d["id"] for d in listed) == ["b-good", "d-good"]


async def test_the_tui_shows_the_same_line(tmp_path: Path) -> None:
    from textual.widgets import Input

    from tracker.db import open_database
    from tracker.tui.app import TrackerApp
    from tracker.tui.prompt_screen import PromptScreen

    folder = _folder(tmp_path)
    engine = open_database(tmp_path / "t.sqlite")
    app = TrackerApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = str(folder)
        await pilot.press("enter")

        def messages() -> str:
            return "\n".join(str(n.message) for n in app._notifications)

        await wait_for(pilot, lambda: "2 failed" in messages())
        assert f"{folder / 'a-february.md'}:2: {FEBRUARY}" in messages().splitlines()
        assert f"{folder / 'c-month.md'}:2: {MONTH_13}" in messages().splitlines()
        assert app.is_running
    from sqlmodel import Session, select

    from tracker.models import Document

    with Session(engine) as session:
        assert sorted(session.exec(select(Document.id)).all()) == ["b-good", "d-good"]
