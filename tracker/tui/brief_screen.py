"""The brief as the reader will see it: rendered markdown, in a scrollable modal."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.tui.text import literal


class BriefScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, path: str, rendered: Text) -> None:
        super().__init__(classes="result")
        self._path = path
        # Laid out by a worker (tracker.tui.actions.render_markdown): article text in
        # the brief is escaped markdown, so it reaches the screen as plain styled text.
        self._rendered = rendered

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="result-body"):
            yield Static(literal(f"Brief written to {self._path} (Esc closes)", "bold"))
            yield Static(self._rendered, id="brief-preview")
