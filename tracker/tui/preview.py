"""Lines laid out ahead (the brief, rendered by Rich in a worker), shown as they are.

A Static re-wraps what it is given to its own width: the brief's lines, laid out for
a slightly wider area, came out broken in two ("…shipped after the" / "NIS"), and
three thousand lines were wrapped again on the UI thread. Here each line is drawn as
it was laid out (cropped, never re-wrapped), and only the lines in view are drawn.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

Line = list[Segment]


class Preview(ScrollView, can_focus=True):
    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Line] = []

    def show(self, lines: list[Line]) -> None:
        self.lines = lines
        width = max((sum(len(s.text) for s in line) for line in lines), default=0)
        self.virtual_size = Size(width, len(lines))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.lines):
            return Strip.blank(width, self.rich_style)
        return Strip(self.lines[index]).crop_extend(0, width, self.rich_style)

    def plain_lines(self) -> list[str]:
        return ["".join(s.text for s in line).rstrip() for line in self.lines]
