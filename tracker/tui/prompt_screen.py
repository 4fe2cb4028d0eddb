"""A one-line question in a modal: a path to import, a file to write, a figure to look up."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.tui.dialog import Dialog


class PromptScreen(Dialog[str | None]):
    """Returns the text typed (Enter) or None (escape). Built once; ``ask`` reuses it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    FIRST = "#prompt-input"

    def __init__(self, question: str = "", value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._question = question
        self._value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(self._question, markup=False, id="prompt-question")
            yield Input(value=self._value, placeholder=self._placeholder, id="prompt-input")
            yield Static("Enter to confirm, escape to cancel", markup=False, classes="hint")

    def ask(self, question: str, value: str = "", placeholder: str = "") -> None:
        """Set the next question (before the dialog is shown again)."""
        self._question, self._value, self._placeholder = question, value, placeholder
        field = self.first_field()
        if field is None:  # not built yet: compose uses the fields above
            return
        self.query_one("#prompt-question", Static).update(Text(question))
        field.value = value
        field.placeholder = placeholder
        field.cursor_position = len(value)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
