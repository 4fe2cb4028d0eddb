"""Accepting a suggestion: a form prefilled from it; the analyst edits, Enter creates.

It says who speaks and where it was read (the speaker as the article names them, the
source the registry resolved them to, the document), and prefills the proposed
subject, so the analyst judges the attribution before creating the claim.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tracker.tui.dialog import Dialog
from tracker.tui.text import clean


def _first_text(items: Any) -> str:
    for item in items or ():
        text = getattr(item, "text", None) or (item.get("text") if isinstance(item, dict) else None)
        if text:
            return clean(text)
    return ""


def who_and_where(suggestion: Any) -> Text:
    """ "Said by: Jack Watling (source: Jack Watling) · in wapo-2023-10-16"."""
    s = suggestion
    out = Text()
    out.append("Said by: ", style="bold")
    speaker, source = clean(getattr(s, "speaker", "") or ""), clean(getattr(s, "source", "") or "")
    if source:
        out.append(source)
        if speaker and speaker != source:
            out.append(f" (the article: “{speaker}”)", style="dim")
    else:
        out.append(f"“{speaker}”" if speaker else "nobody named", style="yellow")
        out.append(" — not a known source: the claim cannot be attributed yet", style="yellow")
    out.append("\nRead in: ", style="bold")
    out.append(clean(getattr(s, "document", "") or ""))
    subject = clean(getattr(s, "subject", "") or "")
    if subject:
        exists = getattr(s, "subject_exists", False)
        out.append("\nSubject: ", style="bold")
        out.append("an existing subject" if exists else "a new subject, proposed", style="dim")
    return out


class AcceptScreen(Dialog[dict[str, str] | None]):
    """Returns the edited fields (Enter in any field, or ctrl+s) or None (escape).
    Built once; ``fill`` sets the next suggestion."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "submit", "Create")]
    FIRST = "#accept-text"

    def __init__(self, suggestion: Any = None) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static("New claim from this suggestion", markup=False, id="prompt-question")
            yield Static(id="accept-who")
            yield Label("Wording")
            yield Input(id="accept-text")
            yield Label("Subject")
            yield Input(id="accept-subject")
            yield Label("Quantity")
            yield Input(id="accept-quantity")
            yield Label("Period")
            yield Input(id="accept-period")
            yield Static("Enter or ctrl+s creates the claim; escape cancels", classes="hint")

    def on_mount(self) -> None:
        # Runs before Dialog.on_mount (Textual calls each class's handler, subclass first).
        self.fill(self.suggestion)

    def fill(self, suggestion: Any) -> None:
        self.suggestion = suggestion
        if suggestion is None or not self.query("#accept-text"):
            return
        s = suggestion
        self.query_one("#accept-who", Static).update(who_and_where(s))
        values = {
            "#accept-text": clean(getattr(s, "quote", "")),
            "#accept-subject": clean(getattr(s, "subject", "") or ""),
            "#accept-quantity": _first_text(getattr(s, "quantities", ())),
            "#accept-period": _first_text(getattr(s, "times", ())),
        }
        for selector, value in values.items():
            field = self.query_one(selector, Input)
            field.value = value
            field.cursor_position = len(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
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
