"""A screen that lists rows of the case in a table and changes them one at a time.

The sources and subjects screens share this: the rows are read in a worker
(the UI never waits on the database), the table is refilled keeping the
cursor, and a change runs in a worker too, then rescores the claims table and
rereads the rows. A subclass says what the rows are and which keys change them.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, Protocol, TypeVar

from rich.text import Text
from sqlalchemy.engine import Engine
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tracker.tui.messages import Failed, Loaded, Saved


class _Identified(Protocol):
    @property
    def id(self) -> int: ...


Row = TypeVar("Row", bound=_Identified)


def _fit(cell: str | Text, width: int | None) -> str | Text:
    """A cell cut to its column with an ellipsis (a long name gives way, not the columns
    after it)."""
    if width is None or len(cell) <= width:
        return cell
    text = cell.copy() if isinstance(cell, Text) else Text(cell)
    text.truncate(width, overflow="ellipsis")
    return text


class TableScreen(Screen[None], Generic[Row]):
    HINT: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[str, ...]] = ()
    WHAT: ClassVar[str] = "rows"  # for error messages: "Could not read sources"

    def __init__(self, id: str) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []

    # -- what a subclass says ------------------------------------------------------------
    def load(self, engine: Engine) -> list[Row]:
        raise NotImplementedError

    def cells(self, row: Row) -> tuple[str | Text, ...]:
        raise NotImplementedError

    def annotate(self, rows: list[Row]) -> None:
        """Before the rows are drawn (on the UI thread): a subclass adds to them what it
        holds apart from what ``load`` read."""

    def widths(self, total: int) -> tuple[int | None, ...]:
        """Each column's width at ``total`` columns of terminal (None: as wide as its
        content). A subclass fixes them so that what matters stays in view."""
        return tuple(None for _ in self.COLUMNS)

    # -- the rest is the same for every such screen --------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self.HINT, id="hint")
        yield DataTable(id=f"{self.id}-table", cursor_type="row", zebra_stripes=True)
        # ctrl+p is in ? (and works everywhere): its footer item left room for too little.
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._widths = self.widths(self.app.size.width)
        self._add_columns(self.query_one(DataTable))
        self.reload()

    def _add_columns(self, table: DataTable[Any]) -> None:
        for label, width in zip(self.COLUMNS, self._widths, strict=True):
            table.add_column(label, width=width)

    def on_resize(self) -> None:
        widths = self.widths(self.app.size.width)
        if widths == getattr(self, "_widths", None):
            return
        self._widths = widths
        table = self.query_one(DataTable)
        table.clear(columns=True)
        self._add_columns(table)
        self._fill(table)

    @work(thread=True, exclusive=True, group="table-read")
    def reload(self) -> None:
        try:
            self.post_message(Loaded(self.WHAT, self.load(self.app.engine)))  # type: ignore[attr-defined]
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Could not read {self.WHAT}: {error}"))

    def on_loaded(self, message: Loaded) -> None:
        self.rows = message.data
        self._fill(self.query_one(DataTable))

    def _fill(self, table: DataTable[Any]) -> None:
        self.annotate(self.rows)
        cursor = table.cursor_row
        table.clear()
        for row in self.rows:
            cells = [
                _fit(cell, width) for cell, width in zip(self.cells(row), self._widths, strict=True)
            ]
            table.add_row(*cells, key=str(row.id))
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))

    def current(self) -> Row | None:
        if not self.rows:
            return None
        return self.rows[self.query_one(DataTable).cursor_row]

    @work(thread=True, group="table-write")
    def write(self, change: Any, *args: Any) -> None:
        """``change(engine, *args)`` in a worker; its summary is notified, then all is reread."""
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
