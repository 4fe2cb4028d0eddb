"""Subjects: rename, merge two, mark cumulative."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tracker.tui.messages import Failed, Loaded, Saved
from tracker.tui.prompt_screen import PromptScreen
from tracker.tui.store import (
    SubjectView,
    list_subjects,
    merge_subjects,
    rename_subject,
    set_cumulative,
)
from tracker.tui.text import literal


class SubjectsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.show('claims')", "Claims"),
        Binding("r", "rename", "Rename"),
        Binding("m", "merge", "Merge into…"),
        Binding("x", "cumulative", "Cumulative on/off"),
    ]

    def __init__(self) -> None:
        super().__init__(id="subjects")
        self.subjects: list[SubjectView] = []

    def compose(self) -> ComposeResult:
        yield Static("Subjects: r renames, m merges this one into another, x toggles cumulative")
        yield DataTable(id="subjects-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Subject", "Cumulative", "Claims")
        self.reload()

    @work(thread=True, exclusive=True, group="subjects")
    def reload(self) -> None:
        try:
            self.post_message(Loaded("subjects", list_subjects(self.app.engine)))  # type: ignore[attr-defined]
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Could not read subjects: {error}"))

    def on_loaded(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.subjects = message.data
        for s in self.subjects:
            table.add_row(
                literal(s.name), "yes" if s.cumulative else "", str(s.claims), key=str(s.id)
            )
        if self.subjects:
            table.move_cursor(row=min(row, len(self.subjects) - 1))

    def _current(self) -> SubjectView | None:
        if not self.subjects:
            return None
        return self.subjects[self.query_one(DataTable).cursor_row]

    def action_rename(self) -> None:
        subject = self._current()
        if subject is None:
            return

        def done(name: str | None) -> None:
            if name:
                self.write(rename_subject, subject.id, name)

        self.app.push_screen(PromptScreen("New name:", value=subject.name), done)

    def action_merge(self) -> None:
        subject = self._current()
        if subject is None:
            return
        others = {s.name.lower(): s for s in self.subjects if s.id != subject.id}

        def done(name: str | None) -> None:
            if not name:
                return
            target = others.get(name.strip().lower())
            if target is None:
                self.notify(f"No other subject named {name!r}", severity="error", markup=False)
                return
            self.write(merge_subjects, subject.id, target.id)

        self.app.push_screen(
            PromptScreen(
                f"Merge {subject.name!r} into which subject? (its exact name)",
                placeholder=next(iter(s.name for s in others.values()), ""),
            ),
            done,
        )

    def action_cumulative(self) -> None:
        subject = self._current()
        if subject is not None:
            self.write(set_cumulative, subject.id, not subject.cumulative)

    @work(thread=True, group="subjects-write")
    def write(self, change, *args) -> None:  # type: ignore[no-untyped-def]
        try:
            self.post_message(Saved(change(self.app.engine, *args)))  # type: ignore[attr-defined]
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(str(error)))

    def on_saved(self, message: Saved) -> None:
        message.stop()
        self.notify(message.summary, markup=False)
        self.app.claims_changed()  # type: ignore[attr-defined]
        self.reload()

    def on_failed(self, message: Failed) -> None:
        message.stop()
        self.notify(message.summary, severity="error", markup=False)
