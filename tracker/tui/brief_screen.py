"""The brief as the reader will see it: opened at once, written and laid out in a worker.

The screen is on top as soon as the analyst names the file, saying what is being
done ("Writing the brief to …", then "Laying out the preview…"); the UI never waits.
The preview is laid out for the width it is shown at, and never wrapped again.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.tui.messages import Failed, Loaded, Saved
from tracker.tui.preview import Preview
from tracker.tui.text import literal


class BriefScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, path: str) -> None:
        super().__init__(classes="result")
        self.path = path
        self.done = False

    def compose(self) -> ComposeResult:
        with Vertical(id="result-body"):
            yield Static(literal(f"Writing the brief to {self.path}…", "bold"), id="brief-status")
            yield Preview(id="brief-preview")

    def on_mount(self) -> None:
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        preview = self.query_one(Preview)
        # The width the lines are laid out for: the preview's own, less the scrollbar
        # that a long brief brings.
        scrollbar = preview.styles.scrollbar_size_vertical or 0
        width = preview.scrollable_content_region.width
        if not preview.show_vertical_scrollbar:
            width -= scrollbar
        self._write(max(20, width))

    def status(self, text: str, style: str = "bold") -> None:
        self.query_one("#brief-status", Static).update(literal(text, style))

    @work(thread=True, exclusive=True, group="brief")
    def _write(self, width: int) -> None:
        from tracker.tui.actions import render_lines, write_brief_file

        try:
            summary, markdown = write_brief_file(self.app.engine, self.path)  # type: ignore[attr-defined]
            self.post_message(Loaded("brief-status", "Laying out the preview…"))
            lines = render_lines(markdown, width)
        except Exception as error:  # noqa: BLE001
            self.post_message(Failed(f"Brief not written: {error}"))
            return
        self.post_message(Loaded("brief-lines", (summary, lines)))

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.what == "brief-status":
            self.status(message.data)
        elif message.what == "brief-lines":
            summary, lines = message.data
            self.query_one(Preview).show(lines)
            self.status(f"{summary} (Esc closes)")
            self.done = True
            self.app.post_message(Saved(summary))

    def on_failed(self, message: Failed) -> None:
        message.stop()
        self.status(message.summary, "bold red")
        self.app.notify(message.summary, severity="error", markup=False)
