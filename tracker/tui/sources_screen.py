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
        Binding("escape", "app.show('claims')", "Claims", show=False),
        Binding("r", "grade", "Grade"),
        # Said in the hint line and in ?: the footer keeps room for the rest.
        Binding("plus,equals_sign", "shift(-1)", "Grade up", key_display="+", show=False),
        Binding("minus", "shift(1)", "Grade down", key_display="-", show=False),
        Binding("g", "group", "Group"),
    ]

    HINT = "Sources: r sets the grade (A-F), +/- moves it, g sets the group"
    # The judgment first (grade, group), then what identifies a source further.
    COLUMNS = ("Name", "Grade", "Group", "Claims", "Short", "Kind", "Parent", "Aliases")
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
            literal(s.grade, "bold"),
            literal(s.group, "" if s.explicit_group else "italic"),
            str(s.claims),
            literal(s.short),
            literal(s.kind),
            literal(s.parent),
            literal(", ".join(s.aliases)),
        )

    def widths(self, total: int) -> tuple[int | None, ...]:
        # Grade, Group and Claims always in view; Name takes what is left (a long name
        # gives way first, with an ellipsis); the rest scroll in from the right.
        padding = 2 * 4 + 2  # cell padding of the four columns in view, the scrollbar
        group = max(14, min(32, (total - padding - 5 - 6) // 2))
        name = max(12, min(44, total - padding - 5 - 6 - group))
        return (name, 5, group, 6, 10, 12, 28, None)

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
