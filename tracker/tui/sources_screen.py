"""The source registry: grades, aliases, parents, groups; a change rescores the case."""

from __future__ import annotations

from rich.text import Text
from sqlalchemy.engine import Engine
from textual.binding import Binding

from tracker.models import RELIABILITY_GRADES
from tracker.tui.store import SourceView, list_sources, set_grade, set_group
from tracker.tui.table_screen import TableScreen
from tracker.tui.text import literal


class SourcesScreen(TableScreen[SourceView]):
    HELP_TITLE = "Sources (2)"  # the heading of its keys in ?
    BINDINGS = [
        Binding("escape", "app.show('claims')", "Claims"),
        Binding("r", "grade", "Set grade"),
        Binding("plus,equals_sign", "shift(-1)", "Grade up", key_display="+"),
        Binding("minus", "shift(1)", "Grade down", key_display="-"),
        Binding("g", "group", "Set group"),
    ]

    HINT = "Sources: r sets the grade (A-F), +/- moves it, g sets the group"
    COLUMNS = ("Name", "Short", "Kind", "Grade", "Parent", "Group", "Claims", "Aliases")
    WHAT = "sources"

    def __init__(self) -> None:
        super().__init__(id="sources")

    @property
    def sources(self) -> list[SourceView]:
        return self.rows

    def load(self, engine: Engine) -> list[SourceView]:
        return list_sources(engine)

    def cells(self, s: SourceView) -> tuple[str | Text, ...]:
        return (
            literal(s.name),
            literal(s.short),
            literal(s.kind),
            literal(s.grade, "bold"),
            literal(s.parent),
            literal(s.group, "" if s.explicit_group else "italic"),
            str(s.claims),
            literal(", ".join(s.aliases)),
        )

    def action_grade(self) -> None:
        source = self.current()
        if source is None:
            return

        def done(grade: str | None) -> None:
            if grade:
                self.write(set_grade, source.id, grade)

        self.app.ask(f"Reliability of {source.name} (A-F):", done, value=source.grade)  # type: ignore[attr-defined]

    def action_shift(self, step: int) -> None:
        source = self.current()
        if source is None:
            return
        index = RELIABILITY_GRADES.index(source.grade) + step
        if 0 <= index < len(RELIABILITY_GRADES):
            self.write(set_grade, source.id, RELIABILITY_GRADES[index])

    def action_group(self) -> None:
        source = self.current()
        if source is None:
            return

        def done(group: str | None) -> None:
            if group is not None:
                self.write(set_group, source.id, group)

        self.app.ask(  # type: ignore[attr-defined]
            f"Independence group of {source.name} (empty: from parents):",
            done,
            value=source.group if source.explicit_group else "",
        )
