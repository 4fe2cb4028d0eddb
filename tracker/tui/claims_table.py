"""A virtual claims table: only the rows on screen are rendered (Line API).

With 100,000 claims a DataTable builds a row object per claim; this widget
keeps the list and renders ``height`` lines per refresh, so first paint and
filtering cost the same whatever the case size.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.tui.rows import ClaimRow, format_period, period_year

_SUBJECT = attrgetter("subject")
SORTS = ("subject", "credibility", "corroboration", "contradiction", "origins")
_EIGHTHS = " ▏▎▍▌▋▊▉█"
BAR_CELLS = 5
WIDE = 100  # columns from which every period is written whole


def bar(score: float | None, cells: int = BAR_CELLS) -> str:
    """A score in [0, 1] as a small horizontal bar; ``·`` while unscored."""
    if score is None:
        return "·".center(cells)
    eighths = round(max(0.0, min(1.0, score)) * cells * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text.ljust(cells)


@dataclass(frozen=True, slots=True)
class Header:
    """A subject's heading line when the table is grouped by subject."""

    subject: str
    count: int


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def period_text(row: ClaimRow, width: int, years: str) -> str:
    """The row's period as ``human_span`` writes it, shortened until it fits ``width``:
    a shared year written once, then months only (never a cut date)."""
    dates = (row.first, row.last, row.qualifier)
    text = row.period if years == "each" else format_period(*dates, years)
    shorter = "none" if years == "none" else "once"
    for precision in (None, "month"):
        if cell_len(text) <= width:
            break
        text = format_period(*dates, shorter, precision)
    return text


def _sort_key(sort: str):  # type: ignore[no-untyped-def]
    if sort == "credibility":
        return lambda r: (r.credibility or 7, r.subject.lower(), r.id)
    if sort == "origins":
        return lambda r: (-(r.origins or 0), r.subject.lower(), r.id)
    return lambda r: (-(getattr(r, sort) or 0.0), r.subject.lower(), r.id)


class ClaimsTable(ScrollView, can_focus=True):
    """Claims grouped by subject (or sorted by a score); Enter opens the one under the cursor."""

    HELP_TITLE = "Claims table"  # the heading of its keys in ?

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "open", "Open claim"),
        Binding("s", "cycle_sort", "Sort"),
    ]

    COMPONENT_CLASSES = {
        "claims-table--header",
        "claims-table--subject",
        "claims-table--cursor",
        "claims-table--corroboration",
        "claims-table--contradiction",
        "claims-table--discrepancy",
        "claims-table--dim",
    }

    cursor: reactive[int] = reactive(0, always_update=True)
    sort: reactive[str] = reactive("subject")

    class Opened(Message):
        """The analyst asked to open a claim."""

        def __init__(self, claim_id: str) -> None:
            super().__init__()
            self.claim_id = claim_id

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._rows: list[ClaimRow] = []
        self._lines: list[ClaimRow | Header] = []
        self._year: tuple[bool, int | None] | None = None  # _shared_year, once per listing
        # perf_counter() when the first claim line was rendered (read by bench/bench_tui.py).
        self.painted_at: float | None = None

    # -- data -----------------------------------------------------------------
    def set_rows(self, rows: list[ClaimRow], keep_cursor: bool = True) -> None:
        """Show ``rows`` (already filtered); the cursor stays on its claim if still listed."""
        # A new filter starts at the top; a reload or rescoring keeps the claim in view.
        current = self.current_claim_id if keep_cursor else None
        self._rows = rows
        self._year = None
        self._relayout()
        if current is not None:
            for i, line in enumerate(self._lines):
                if isinstance(line, ClaimRow) and line.id == current:
                    self.cursor = i
                    break
            else:
                self.cursor = self._first_claim_line()
        else:
            self.cursor = self._first_claim_line()
        self._scroll_to_cursor()
        self.refresh()

    def _relayout(self) -> None:
        rows = self._rows
        lines: list[ClaimRow | Header] = []
        if self.sort == "subject":
            for subject, group in groupby(rows, key=_SUBJECT):
                members = list(group)
                lines.append(Header(subject, len(members)))
                lines.extend(members)
        else:
            lines.extend(sorted(rows, key=_sort_key(self.sort)))
        self._lines = lines
        self.virtual_size = Size(self.size.width, len(lines) + 1)

    def _shared_year(self) -> tuple[bool, int | None]:
        """Whether every dated period listed lies in one year, and which (None: no dates).

        Read only at narrow widths, and it stops at the second year found."""
        if self._year is None:
            seen: int | None = None
            one = True
            for row in self._rows:
                if row.first is None and row.last is None:
                    continue
                year = period_year(row)
                if year is None or (seen is not None and year != seen):
                    one = False
                    break
                seen = year
            self._year = (one, seen if one else None)
        return self._year

    def _first_claim_line(self) -> int:
        return 1 if self._lines and isinstance(self._lines[0], Header) else 0

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def current_claim_id(self) -> str | None:
        if 0 <= self.cursor < len(self._lines):
            line = self._lines[self.cursor]
            if isinstance(line, ClaimRow):
                return line.id
        return None

    def visible_claim_ids(self) -> list[str]:
        """The claims currently listed, in display order (for tests and the brief)."""
        return [line.id for line in self._lines if isinstance(line, ClaimRow)]

    # -- movement ---------------------------------------------------------------
    def _scroll_to_cursor(self) -> None:
        body = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + body:
            self.scroll_to(y=self.cursor - body + 1, animate=False)

    def watch_cursor(self) -> None:
        self.refresh()

    def watch_sort(self) -> None:
        self.set_rows(self._rows)

    def action_cursor(self, delta: int) -> None:
        if not self._lines:
            return
        target = max(0, min(len(self._lines) - 1, self.cursor + delta))
        # Headers are skipped when moving by one, so Enter always has a claim.
        while 0 < target < len(self._lines) - 1 and isinstance(self._lines[target], Header):
            target += 1 if delta > 0 else -1
        if isinstance(self._lines[target], Header) and target + 1 < len(self._lines):
            target += 1
        self.cursor = target
        self._scroll_to_cursor()

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 2))

    def action_edge(self, end: int) -> None:
        self.cursor = len(self._lines) - 1 if end else 0
        self.action_cursor(0)

    def action_open(self) -> None:
        if (claim_id := self.current_claim_id) is not None:
            self.post_message(self.Opened(claim_id))

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.notify(f"Claims sorted by {self.sort}", timeout=2)

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        line = round(self.scroll_y) + event.y - 1
        if 0 <= line < len(self._lines):
            again = line == self.cursor
            self.cursor = line
            if again or event.chain >= 2:
                self.action_open()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._lines) + 1)

    # -- rendering --------------------------------------------------------------
    def _columns(self, width: int) -> tuple[int, int, int, str]:
        """Widths of text, value and period for this terminal width, and how periods
        write their years (``human_span``'s ``years``)."""
        value = 16 if width >= WIDE else 12
        if width >= WIDE:
            period, years = 25, "each"  # "21 Aug 2023 – 31 Oct 2023", the longest
        elif self._shared_year()[0]:
            period, years = 15, "none"  # "21 Aug – 31 Oct", the year in the heading
        else:
            period, years = 20, "once"  # "21 Aug – 31 Oct 2023"
        # mark, then a space after each column but the last (credibility, 2 cells).
        fixed = 2 + value + 1 + period + 1 + 3 + 1 + BAR_CELLS + 1 + BAR_CELLS + 1 + 2 + 1
        return max(8, width - fixed), value, period, years

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        text_w, value_w, period_w, years = self._columns(width)
        if y == 0:
            year = self._shared_year()[1] if years == "none" else None
            title = (
                "  "
                + _fit("Claim", text_w)
                + " "
                + _fit("Value", value_w)
                + " "
                + _fit(f"Period {year}" if year else "Period", period_w)
                + " "
                + "Org "
                + "Corr. "
                + "Contr "
                + "Cr"
            )
            style = self.get_component_rich_style("claims-table--header")
            return Strip([Segment(_fit(title, width), style)], width)
        index = round(self.scroll_y) + y - 1
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        if self.painted_at is None:
            self.painted_at = time.perf_counter()
        base = self.rich_style
        if index == self.cursor:
            base = base + self.get_component_rich_style("claims-table--cursor")
        if isinstance(line, Header):
            style = base + self.get_component_rich_style("claims-table--subject")
            label = f"▸ {line.subject}  ({line.count})"
            return Strip([Segment(_fit(label, width), style)], width)
        segments = self._row_segments(line, base, (text_w, value_w, period_w), years)
        return Strip(segments, width)

    def _row_segments(
        self, row: ClaimRow, base: Style, widths: tuple[int, int, int], years: str
    ) -> list[Segment]:
        text_w, value_w, period_w = widths
        dim = base + self.get_component_rich_style("claims-table--dim")
        mark = "≠ " if row.discrepancies else "  "
        mark_style = (
            base + self.get_component_rich_style("claims-table--discrepancy")
            if row.discrepancies
            else base
        )
        text = ("DENIES: " if row.stance == "denies" else "") + row.text
        cred = str(row.credibility) if row.credibility is not None else "·"
        origins = str(row.origins) if row.origins is not None else "·"
        return [
            Segment(mark, mark_style),
            Segment(_fit(text, text_w) + " ", base),
            Segment(_fit(row.value, value_w) + " ", base),
            Segment(_fit(period_text(row, period_w, years), period_w) + " ", dim),
            Segment(origins.rjust(3) + " ", base),
            Segment(
                bar(row.corroboration) + " ",
                base + self.get_component_rich_style("claims-table--corroboration"),
            ),
            Segment(
                bar(row.contradiction) + " ",
                base + self.get_component_rich_style("claims-table--contradiction"),
            ),
            Segment(cred.rjust(2), base + _credibility_style(row.credibility)),
        ]


def _credibility_style(credibility: int | None) -> Style:
    if credibility is None or credibility == 6:
        return Style(dim=True)
    if credibility <= 2:
        return Style(color="green", bold=True)
    if credibility == 3:
        return Style(color="yellow")
    return Style(color="red", bold=True)
