"""Every CLI table, one way: whole words and whole ids at any width, plain lines in a pipe.

On a terminal a table is drawn with Rich when each column can be as wide as its
longest id (ids never wrap: a cut id cannot be typed back into a command) or its
longest word (text wraps between words only). When the terminal is too narrow for
that, each record is printed as a block of ``name: value`` lines instead, wrapped
between words. Piped or redirected, the output is one record a line, columns
separated by tabs, under one header line: ready for ``cut``, ``sort`` or ``awk``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.display import one_line, visible

# A cell is this wide at most when the terminal decides (a longer word then folds).
LONGEST_WORD = 24


@dataclass(frozen=True)
class Column:
    name: str
    # "id": never wrapped nor cut; "text": wraps between words; "short": one line.
    kind: str = "text"


def _cell(value: object) -> str:
    # Tabs and line breaks would break a plain line; controls are shown, not sent.
    return one_line(value)


def _narrowest(column: Column, cells: list[str]) -> int:
    header = len(column.name) if column.kind != "text" else max(map(len, column.name.split()))
    if column.kind == "text":
        words = [len(w) for cell in cells for w in cell.split()]
        return max([header, *(min(w, LONGEST_WORD) for w in words)])
    return max([header, *map(len, cells)])


def _piped() -> bool:
    """Whether stdout is no terminal as Rich sees it (``Console.is_terminal``), answered
    without Rich when plainly so: its console is a fifth of a piped listing's start-up.
    Rich takes a pipe for a terminal only when TTY_COMPATIBLE=1 or FORCE_COLOR says so."""
    if os.environ.get("TTY_COMPATIBLE") != "1" and "FORCE_COLOR" not in os.environ:
        try:
            if not sys.stdout.isatty():
                return True
        except ValueError:  # closed: Rich says no terminal too
            return True
    from tracker.cli import console

    return not console.is_terminal


def print_table(title: str | None, columns: Sequence[Column], rows: Sequence[Sequence]) -> None:
    cells = [[_cell(value) for value in row] for row in rows]
    if _piped():
        out = sys.stdout
        # A column may be named by the analyst (a hypothesis's id): data like any cell.
        out.write("\t".join(_cell(c.name) for c in columns) + "\n")
        for row in cells:
            out.write("\t".join(row) + "\n")
        out.flush()
        return
    from tracker.cli import console

    widths = [_narrowest(c, [row[i] for row in cells]) for i, c in enumerate(columns)]
    # Rich's box: a border and one space of padding either side of every cell.
    if sum(widths) + 3 * len(columns) + 1 <= console.width:
        _draw(console, title, columns, cells, widths)
    else:
        _records(console, title, columns, cells)


def _draw(console, title, columns, cells, widths) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table
    from rich.text import Text

    # Strings given to Rich are read for emoji codes (":warning:" becomes a sign) even
    # without markup: every title, header and cell is a Text.
    table = Table(title=Text(visible(title)) if title else None)
    for column, width in zip(columns, widths, strict=True):
        table.add_column(
            Text(_cell(column.name)),
            min_width=width,
            no_wrap=column.kind != "text",
            overflow="fold",
        )
    for row in cells:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)


def _records(console, title, columns, cells) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table
    from rich.text import Text

    if title:
        console.print(Text(visible(title), style="bold"))
    # Label and value side by side: a long value wraps under itself, between words.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    for number, row in enumerate(cells):
        if number:
            grid.add_row("", "")
        for first, (column, cell) in enumerate(zip(columns, row, strict=True)):
            if cell:
                style = "bold" if first == 0 else ""
                grid.add_row(Text(f"{_cell(column.name)}:"), Text(cell, style=style))
    console.print(grid)
