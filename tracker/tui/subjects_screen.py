"""Subjects: what each one's evidence adds up to (its best-supported estimate, the origins
behind it, its outliers); rename, merge two, mark cumulative, pin or drop as a key
judgment.

The estimates are the claims screen's scoring's (tracker/tui/scores.py): worked out from
the same read of the case as the claims' scores, never from a second one, so the two
screens agree. Until that scoring has them, a row says so.
"""

from __future__ import annotations

from rich.text import Text
from sqlalchemy.engine import Engine
from textual.binding import Binding
from textual.widgets import DataTable

from tracker.listing import SubjectView
from tracker.tui.store import (
    list_subjects,
    merge_subjects,
    rename_subject,
    set_cumulative,
    set_key_judgment,
)
from tracker.tui.table_screen import TableScreen
from tracker.tui.text import literal


class SubjectsScreen(TableScreen[SubjectView]):
    HELP_TITLE = "Subjects (4)"  # the heading of its keys in ?
    BINDINGS = [
        Binding("escape", "app.show('claims')", "Claims", show=False),
        Binding("r", "rename", "Rename"),
        Binding("m", "merge", "Merge into…"),
        Binding("x", "cumulative", "Cumulative on/off"),
        Binding("k", "key", "Key judgment"),
    ]

    HINT = (
        "Subjects: r renames, m merges this one into another, x toggles cumulative, "
        "k pins / drops / unmarks a key judgment of the brief"
    )
    # Key first: long subject names push the later columns past 80 columns.
    COLUMNS = ("Key", "Subject", "Cumulative", "Claims", "Estimate", "Behind it", "Outliers")
    # k cycles: the default rule -> pinned -> dropped -> the default rule.
    _NEXT_KEY: dict[bool | None, bool | None] = {None: True, True: False, False: None}
    _KEY_CELLS: dict[bool | None, str] = {None: "", True: "pinned", False: "dropped"}
    WHAT = "subjects"
    ALL_IN_VIEW = 120  # columns from which all seven fit readably

    def __init__(self) -> None:
        super().__init__(id="subjects")

    @property
    def subjects(self) -> list[SubjectView]:
        return self.rows

    def load(self, engine: Engine) -> list[SubjectView]:
        return list_subjects(engine)

    def annotate(self, rows: list[SubjectView]) -> None:
        estimates = self.app.claims_screen.estimates  # type: ignore[attr-defined]
        for row in rows:
            cells = estimates.get(row.id) if estimates else None
            row.estimate, row.behind, row.outliers = cells or ("", "", "")

    def show_estimates(self) -> None:
        """The claims screen's scoring has new estimates (or none): redraw with them."""
        if getattr(self, "_widths", None) is not None:  # mounted: its table has columns
            self._fill(self.query_one(DataTable))

    def widths(self, total: int) -> tuple[int | None, ...]:
        # Key, Cumulative and Claims are short; the subject and what its evidence adds up
        # to share the rest (a long cell gives way with an ellipsis).
        if total < self.ALL_IN_VIEW:
            # Seven columns in 80 cells cut every name to a dozen letters: the subject and
            # its estimate keep the view, who is behind it and the outliers scroll in.
            shown = max(30, total - 2 * 5 - 2 - 6 - 10 - 6)
            subject = shown * 55 // 100
            return (6, subject, 10, 6, shown - subject, 28, 36)
        rest = max(40, total - 2 * 7 - 2 - 6 - 10 - 6)
        subject, estimate, behind = rest * 30 // 100, rest * 25 // 100, rest * 20 // 100
        return (6, subject, 10, 6, estimate, behind, rest - subject - estimate - behind)

    def cells(self, s: SubjectView) -> tuple[str | Text, ...]:
        return (
            self._KEY_CELLS[s.key_judgment],
            literal(s.name),
            "yes" if s.cumulative else "",
            str(s.claims),
            literal(s.estimate)
            if s.estimate or not self.app.claims_screen.estimating  # type: ignore[attr-defined]
            else "estimating…",
            literal(s.behind),
            literal(s.outliers),
        )

    def action_rename(self) -> None:
        subject = self.current()
        if subject is None:
            return

        def done(name: str | None) -> None:
            if name:
                self.write(rename_subject, subject.id, name)

        self.app.ask("New name:", done, value=subject.name)  # type: ignore[attr-defined]

    def action_merge(self) -> None:
        subject = self.current()
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

        self.app.ask(  # type: ignore[attr-defined]
            f"Merge {subject.name!r} into which subject? (its exact name)",
            done,
            placeholder=next(iter(s.name for s in others.values()), ""),
        )

    def action_cumulative(self) -> None:
        subject = self.current()
        if subject is not None:
            self.write(set_cumulative, subject.id, not subject.cumulative)

    def action_key(self) -> None:
        subject = self.current()
        if subject is not None:
            self.write(set_key_judgment, subject.id, self._NEXT_KEY[subject.key_judgment])
