"""App-wide keys: help lists every key, the command palette runs actions, q quits."""

from __future__ import annotations

from pathlib import Path

from test_tui_case import build_case
from test_tui_claims import wait_loaded
from test_tui_detail import wait_for
from test_tui_markup import screen_of

from tracker.tui.app import TrackerApp
from tracker.tui.help_screen import HelpScreen
from tracker.tui.sources_screen import SourcesScreen


def help_lines(app: TrackerApp) -> list[str]:
    """The help's table as plain lines, laid out as on a wide terminal."""
    import io

    from rich.console import Console

    console = Console(width=160, file=io.StringIO(), color_system=None)
    console.print(app.screen.query_one("#help-keys").content)  # type: ignore[attr-defined]
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


async def test_help_lists_the_keys_of_the_app_and_the_screen(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause(0.1)
        text = screen_of(app)
        for line in ("Undo", "Import", "Brief", "Sources", "Filter", "Open claim", "Sort"):
            assert line in text
        # Headings are the screens' names, not class names (before: "ClaimsScreen").
        lines = help_lines(app)
        assert any(line.strip() == "Claims (1)" for line in lines)
        assert any(line.strip() == "Claims table" for line in lines)
        assert not any("ClaimsScreen" in line or "ClaimsTable" in line for line in lines)
        # ... and the claims table's marks and columns are explained.
        for mark, meaning in (
            ("▸", "a subject, with its number of claims"),
            ("≠", "outlets report this claim differently"),
            ("Org", "independent origins"),
            ("Corr.", "corroboration 0-1"),
            ("Contr", "contradiction 0-1"),
            ("Cr", "Admiralty credibility 1 (confirmed) to 6"),
        ):
            assert any(mark in line and meaning in line for line in help_lines(app)), mark
        await pilot.press("escape")
        assert app.screen is app.claims_screen


async def test_palette_opens_a_screen(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"Sources")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))


async def test_q_quits(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("q")
        await pilot.pause(0.1)
        assert not app.is_running


async def test_first_run_imports_the_case_from_the_empty_screen(tmp_path: Path) -> None:
    from test_tui_documents import CASE
    from textual.widgets import Input

    from tracker.db import open_database
    from tracker.tui.prompt_screen import PromptScreen

    app = TrackerApp(open_database(tmp_path / "empty.sqlite"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        assert app.claims_screen.query_one("#claims-empty").display
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = str(CASE)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.claims_screen._all) > 0)
        # Every claim of the bundled case's claims.yaml (71 when this was written).
        import yaml

        expected = len(yaml.safe_load((CASE / "claims.yaml").read_text(encoding="utf-8")))
        assert len(app.claims_screen._all) == expected
        assert app.claims_screen.table.display
        assert any("Imported" in n.message for n in app._notifications)


async def test_importing_a_missing_path_is_a_notification(tmp_path: Path) -> None:
    from textual.widgets import Input

    from tracker.db import open_database
    from tracker.tui.prompt_screen import PromptScreen

    app = TrackerApp(open_database(tmp_path / "empty.sqlite"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = str(tmp_path / "nowhere")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("no such file" in n.message for n in app._notifications))
        assert app.is_running


async def test_b_writes_the_brief_and_shows_it_rendered(tmp_path: Path) -> None:
    from textual.widgets import Input

    from tracker.tui.brief_screen import BriefScreen
    from tracker.tui.prompt_screen import PromptScreen

    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    target = tmp_path / "brief.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        # On screen at once, before the brief is written (the writing is a worker's).
        await wait_for(pilot, lambda: isinstance(app.screen, BriefScreen))
        screen = app.screen
        await wait_for(pilot, lambda: screen.done)  # type: ignore[attr-defined]
        written = target.read_text(encoding="utf-8")
        assert written.startswith("# ")
        await pilot.pause(0.3)
        # Rendered, not shown as source: the title's "# " marker is gone from the screen.
        text = screen_of(app)
        title = written.splitlines()[0].removeprefix("# ")
        assert title in text and f"# {title}" not in text
        await pilot.press("escape")
        assert not isinstance(app.screen, BriefScreen)


async def test_b_refuses_to_write_the_brief_over_the_database(tmp_path: Path) -> None:
    import sqlite3

    from textual.widgets import Input

    from tracker.tui.prompt_screen import PromptScreen

    db = tmp_path / "case.sqlite"
    app = TrackerApp(build_case(db))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = str(db)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: any("database in use" in str(n.message) for n in app._notifications)
        )
        assert app.is_running
    with sqlite3.connect(db) as connection:  # still the case, not markdown
        assert connection.execute("SELECT count(*) FROM claim").fetchone()[0] > 0
    assert not (tmp_path / "case.sqlite.partial").exists()


async def test_the_brief_preview_keeps_its_lines_as_laid_out(tmp_path: Path) -> None:
    # Before the fix the preview was laid out 6 columns narrower than the terminal but
    # shown in a narrower box, which wrapped every long line again: at 80 columns the
    # scope's first bullet read "...shipped after the" / "NIS" / "   November ...".
    from test_tui_documents import CASE
    from textual.widgets import Input

    from tracker.db import open_database
    from tracker.importers import import_paths
    from tracker.tui.brief_screen import BriefScreen
    from tracker.tui.preview import Preview

    engine = open_database(tmp_path / "case.sqlite")
    assert import_paths(engine, [CASE]).ok
    app = TrackerApp(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("b")
        await wait_for(pilot, lambda: app.screen is app.prompt)
        app.prompt.query_one(Input).value = str(tmp_path / "brief.md")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, BriefScreen))
        screen = app.screen
        status = str(screen.query_one("#brief-status").content)  # type: ignore[attr-defined]
        assert status.startswith(("Writing the brief to", "Laying out", "Brief written"))
        await wait_for(pilot, lambda: screen.done)  # type: ignore[attr-defined]
        preview = screen.query_one(Preview)
        lines = preview.plain_lines()
        inside = preview.scrollable_content_region.width
        assert max(len(line) for line in lines) <= inside
        # The bullet and its continuation lines, each indented under the bullet: the
        # preview shows them as laid out, never broken again.
        # The brief's first bullet: the DPRK denial, with what it is against (a long item).
        bullet = "Democratic People's Republic of Korea (denial"
        first = next(i for i, line in enumerate(lines) if bullet in line)
        assert lines[first].lstrip().startswith("• " + bullet)
        assert all(line.startswith("   ") for line in lines[first + 1 : first + 4])
        preview.scroll_to(y=first, animate=False)
        await pilot.pause(0.2)
        shown = ["".join(s.text for s in strip) for strip in screen._compositor.render_strips()]
        row = next(i for i, line in enumerate(shown) if bullet in line)
        assert shown[row + 1].split("│")[1].startswith("    ")  # border, then the indent
