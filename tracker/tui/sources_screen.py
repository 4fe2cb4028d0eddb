"""The source registry: grades, aliases, parents, groups; a change rescores the case."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tracker.models import RELIABILITY_GRADES
from tracker.tui.messages import Failed, Loaded, Saved
from tracker.tui.prompt_screen import PromptScreen
from tracker.tui.store import SourceView, list_sources, set_grade, set_group
from tracker.tui.text import literal


class SourcesScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.show('claims')", "Claims"),
        Binding("r", "grade", "Set grade"),
        Binding("plus,equals_sign", "shift(-1)", "Grade up", key_display="+"),
        Binding("minus", "shift(1)", "Grade down", key_display="-"),
        Binding("g", "group", "Set group"),
    ]

    def __init__(self) -> None:
        super().__init__(id="sources")
        self.sources: list[SourceView] = []

    def compose(self) -> ComposeResult:
        yield Static("Sources: r sets the grade (A-F), +/- moves it, g sets the group", id="hint")
        yield DataTable(id="sources-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Short", "Kind", "Grade", "Parent", "Group", "Claims", "Aliases")
        self.reload()

    @work(thread=True, exclusive=True, group="sources")
    def reload(self) -> None:
        try:
            self.post_message(Loaded("sources", list_sources(self.app.engine)))  # type: ignore[attr-defined]
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Could not read sources: {error}"))

    def on_loaded(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.sources = message.data
        for s in self.sources:
            table.add_row(
                literal(s.name),
                literal(s.short),
                literal(s.kind),
                literal(s.grade, "bold"),
                literal(s.parent),
                literal(s.group, "" if s.explicit_group else "italic"),
                str(s.claims),
                literal(", ".join(s.aliases)),
                key=str(s.id),
            )
        if self.sources:
            table.move_cursor(row=min(row, len(self.sources) - 1))

    def _current(self) -> SourceView | None:
        table = self.query_one(DataTable)
        if not self.sources:
            return None
        return self.sources[table.cursor_row]

    def action_grade(self) -> None:
        source = self._current()
        if source is None:
            return

        def done(grade: str | None) -> None:
            if grade:
                self.write(set_grade, source.id, grade)

        self.app.push_screen(
            PromptScreen(f"Reliability of {source.name} (A-F):", value=source.grade), done
        )

    def action_shift(self, step: int) -> None:
        source = self._current()
        if source is None:
            return
        index = RELIABILITY_GRADES.index(source.grade) + step
        if 0 <= index < len(RELIABILITY_GRADES):
            self.write(set_grade, source.id, RELIABILITY_GRADES[index])

    def action_group(self) -> None:
        source = self._current()
        if source is None:
            return

        def done(group: str | None) -> None:
            if group is not None:
                self.write(set_group, source.id, group)

        self.app.push_screen(
            PromptScreen(
                f"Independence group of {source.name} (empty: from parents):",
                value=source.group if source.explicit_group else "",
            ),
            done,
        )

    @work(thread=True, group="sources-write")
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
