"""Accepting a suggestion: a form prefilled from it; the analyst edits, Enter creates."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tracker.tui.text import clean


def _first_text(items: Any) -> str:
    for item in items or ():
        text = getattr(item, "text", None) or (item.get("text") if isinstance(item, dict) else None)
        if text:
            return clean(text)
    return ""


class AcceptScreen(ModalScreen[dict[str, str] | None]):
    """Returns the edited fields (Enter in any field, or ctrl+s) or None (escape)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "submit", "Create")]

    def __init__(self, suggestion: Any) -> None:
        super().__init__(classes="prompt")
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        s = self.suggestion
        with Vertical(id="prompt-box"):
            yield Static("New claim from this suggestion", markup=False, id="prompt-question")
            yield Label("Wording")
            yield Input(clean(getattr(s, "quote", "")), id="accept-text")
            yield Label("Subject")
            yield Input(clean(getattr(s, "subject", "") or ""), id="accept-subject")
            yield Label("Quantity")
            yield Input(_first_text(getattr(s, "quantities", ())), id="accept-quantity")
            yield Label("Period")
            yield Input(_first_text(getattr(s, "times", ())), id="accept-period")
            yield Static("Enter or ctrl+s creates the claim; escape cancels", classes="hint")

    def on_input_submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        self.dismiss(
            {
                "text": self.query_one("#accept-text", Input).value,
                "subject": self.query_one("#accept-subject", Input).value,
                "quantity": self.query_one("#accept-quantity", Input).value,
                "period": self.query_one("#accept-period", Input).value,
            }
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
