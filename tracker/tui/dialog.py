"""What every dialog shares: built once ahead, and keys typed while it opens are its own.

The app builds each dialog when it starts (``TrackerApp.build_dialogs``) and reuses
it, so the first opening is as quick as the next. A key that arrives before the
dialog's first field has the focus reaches the dialog screen itself; it is typed into
that field here (Enter submits it), and never bubbles to the screen beneath, where a
path's ``b`` would have opened the brief.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Input

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    FIRST: str = "Input"  # the field typed-ahead keys go to
    TYPE_AHEAD = True

    def __init__(self, classes: str = "prompt") -> None:
        super().__init__(classes=classes)
        self._early: list[events.Key] = []
        # Keys that went through this dialog (the app tells them from keys sent beneath).
        self._seen: set[int] = set()

    def saw(self, event: events.Key) -> bool:
        return id(event) in self._seen

    def take(self, event: events.Key) -> None:
        """A key typed at the screen beneath before this dialog was on top: it is this
        dialog's (typed into its first field), or, where nothing is typed, dropped."""
        if not self.TYPE_AHEAD or not (event.is_printable or event.key in _EDITING):
            return
        if self.first_field() is None:
            self._early.append(event)
        else:
            self._type(event)

    def first_field(self) -> Input | None:
        try:
            return self.query_one(self.FIRST, Input)
        except NoMatches:
            return None

    def focus_first(self) -> None:
        """Give the first field the focus now (not when the screen resumes): keys on
        their way already go to it."""
        field = self.first_field()
        if field is not None:
            self.set_focus(field)
            field.cursor_position = len(field.value)

    def on_mount(self) -> None:
        self.focus_first()
        early, self._early = self._early, []
        for key in early:
            self._type(key)

    def on_key(self, event: events.Key) -> None:
        self._seen.add(id(event))
        if len(self._seen) > 1000:
            self._seen = {id(event)}
        # A field with the focus has its own keys (its bindings: Enter, backspace).
        if isinstance(self.focused, Input) or event.key == "escape":
            return
        if not self.TYPE_AHEAD or not (event.is_printable or event.key in _EDITING):
            return
        # Nothing had the focus yet: the key was typed while the dialog was opening.
        event.stop()
        event.prevent_default()
        self.take(event)

    def _type(self, event: events.Key) -> None:
        field = self.first_field()
        if field is None:
            return
        self.set_focus(field)
        if event.key == "enter":
            self.submitted(field.value)
        elif event.key == "backspace":
            field.action_delete_left()
        elif event.character:
            field.insert_text_at_cursor(event.character)

    def submitted(self, value: str) -> None:
        """Enter typed ahead in the first field: what a dialog does with its Enter."""
        field = self.first_field()
        if field is not None:
            field.post_message(Input.Submitted(field, value))


_EDITING = frozenset({"enter", "backspace"})
