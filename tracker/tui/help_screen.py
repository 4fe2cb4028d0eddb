"""``?``: every key, for the screen the analyst came from and the whole app."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _keys(bindings: list, title: str, table: Table) -> None:
    table.add_row(Text(title, style="bold underline"), Text(""))
    for binding in bindings:
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        keys = binding.key_display or binding.key.replace("slash", "/")
        table.add_row(Text(keys, style="bold"), Text(binding.description or binding.action))


class HelpScreen(ModalScreen[None]):
    """A list of keys; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, under: Screen) -> None:
        super().__init__(id="help")
        self._under = under

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(min_width=14)
        table.add_column()
        _keys(list(self.app.BINDINGS), "Everywhere", table)
        seen: set[str] = set()
        for node in [self._under, *self._under.walk_children()]:
            bindings = list(getattr(node, "BINDINGS", []))
            name = type(node).__name__
            # Our own screens and widgets; Textual's Input keys are standard editing keys.
            ours = type(node).__module__.startswith("tracker.")
            if bindings and ours and name not in seen and name != type(self.app).__name__:
                seen.add(name)
                _keys(bindings, name, table)
        table.add_row(Text("ctrl+p", style="bold"), Text("Command palette: every action by name"))
        with VerticalScroll(id="help-body"):
            yield Static(table)
