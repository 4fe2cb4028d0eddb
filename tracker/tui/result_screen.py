"""A read-only result (citation lookup) in a scrollable modal."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.tui.text import literal


class ResultScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,enter", "dismiss", "Close")]

    def __init__(self, title: str, body: Text) -> None:
        super().__init__(classes="result")
        self._title = title
        self._body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="result-body"):
            yield Static(literal(self._title, "bold"))
            yield Static(self._body)
