"""Text from articles and analysts is shown literally: markup and escapes never style it."""

from __future__ import annotations

import html
from pathlib import Path

from test_tui_case import build_case
from test_tui_claims import wait_loaded
from test_tui_detail import open_detail, wait_for
from textual.widgets import OptionList

from tracker.tui.app import TrackerApp
from tracker.tui.documents_screen import DocumentsScreen
from tracker.tui.text import clean, literal


def screen_of(app: TrackerApp) -> str:
    """The characters on screen, from the SVG screenshot (what a terminal would show)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def test_clean_drops_control_characters_only() -> None:
    assert clean("a [b]c[/b] \x1b[31mred\x1b[0m\x07") == "a [b]c[/b] ␛[31mred␛[0m␇"
    # A bidi override would reverse the rest of the line; it is shown, not obeyed.
    assert clean("abc\u202edef") == "abc\ufffddef"
    # One symbol per character: offsets into an article still point at its quotes.
    article = "Quote \x1b[31mhere\x1b[0m.\nNext line \u2066x\u2069."
    assert len(clean(article, one_line=False)) == len(article)
    text = literal("[bold red]x[/]")
    assert text.plain == "[bold red]x[/]" and not text.spans


async def test_claim_wording_with_markup_is_literal(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.pause()
        shown = screen_of(app)
        assert "A claim with [bold red]x[/] and ␛[31mred␛[0m in it" in shown
        assert "\x1b" not in app.export_screenshot()

        await open_detail(app, pilot, "markup-claim")
        await pilot.pause()
        shown = screen_of(app)
        assert "A claim with [bold red]x[/] and ␛[31mred␛[0m in it" in shown
        assert "“[red]markup[/red]”" in shown  # the attribution's quote


async def test_article_text_with_markup_is_literal(tmp_path: Path) -> None:
    app = TrackerApp(build_case(tmp_path / "case.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        screen = app.screen
        assert isinstance(screen, DocumentsScreen)
        options = screen.query_one(OptionList)
        await wait_for(pilot, lambda: options.option_count == 2)
        index = next(
            i
            for i in range(options.option_count)
            if options.get_option_at_index(i).id == "odd-[markup]"
        )
        options.focus()
        options.highlighted = index
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.document is not None)
        await pilot.pause()
        shown = screen_of(app)
        assert "[bold]Odd[/bold]" in shown
        # The curated quote is highlighted (a style run of its own), so check it on screen
        # and the whole body in the reader's text.
        assert "[red]markup[/red]" in shown and "␛[31mescape" in shown
        body = str(screen.query_one("#reader-text").render())
        assert "Body with [red]markup[/red] and ␛[31mescape" in body
