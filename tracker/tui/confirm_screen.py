"""A yes/no question in a modal, for what cannot be taken back lightly (undoing an import)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tracker.tui.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Returns True for y (or the first button), False for n, escape or the second button.

    The safe answer has the focus: Enter alone keeps things as they are.
    """

    TYPE_AHEAD = False  # y and n are this dialog's keys: nothing to type into
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._question, self._yes, self._no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(self._question, markup=False, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self._yes} (y)", id="confirm-yes", variant="error")
                yield Button(f"{self._no} (n)", id="confirm-no", variant="primary")

    def ask(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        self._question, self._yes, self._no = question, yes, no
        if not self.query("#confirm-question"):
            return
        self.query_one("#confirm-question", Static).update(Text(question))
        self.query_one("#confirm-yes", Button).label = f"{yes} (y)"
        self.query_one("#confirm-no", Button).label = f"{no} (n)"

    def focus_first(self) -> None:
        if self.query("#confirm-no"):
            self.set_focus(self.query_one("#confirm-no", Button))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
