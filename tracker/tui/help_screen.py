"""``?``: every key, for the screen the analyst came from and the whole app, under the
screens' own names, and what the claims table's marks, columns and colours mean."""

from __future__ import annotations

import re

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# (mark or column, style it is shown in, what it means); the claims table draws them.
LEGEND: list[tuple[str, str, str]] = [
    ("▸", "bold", "a subject, with its number of claims; its claims follow"),
    ("≠", "bold yellow", "outlets report this claim differently (a reporting discrepancy)"),
    ("Org", "", "independent origins: voices that count once each"),
    ("Corr.", "green", "corroboration 0-1: compatible claims from other independent origins"),
    ("Contr", "red", "contradiction 0-1: incompatible claims or denials from other origins"),
    ("Cr", "", "Admiralty credibility 1 (confirmed) to 6 (cannot be judged)"),
    ("1 2", "bold green", "confirmed, probably true"),
    ("3", "yellow", "possibly true"),
    ("4 5", "bold red", "doubtful, improbable"),
    ("6", "dim", "cannot be judged: nothing independent bears on it yet"),
]


def human_name(node: object) -> str:
    """A screen's or widget's name for the analyst: its HELP_TITLE, else its class name
    in words ("ClaimDetailScreen" -> "Claim detail")."""
    title = getattr(node, "HELP_TITLE", None)
    if title:
        return str(title)
    words = re.findall(r"[A-Z][a-z]*", type(node).__name__)
    if words and words[-1] == "Screen" and len(words) > 1:
        words = words[:-1]
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else "This screen"


def _keys(bindings: list, title: str, table: Table) -> None:
    table.add_row(Text(title, style="bold underline"), Text(""))
    for binding in bindings:
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        keys = binding.key_display or binding.key.replace("slash", "/")
        table.add_row(Text(keys, style="bold"), Text(binding.description or binding.action))


def help_table(app_bindings: list, under: Screen) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(min_width=14)
    table.add_column()
    _keys(app_bindings, "Everywhere", table)
    seen: set[str] = set()
    for node in [under, *under.walk_children()]:
        bindings = list(getattr(node, "BINDINGS", []))
        # Our own screens and widgets; Textual's Input keys are standard editing keys.
        ours = type(node).__module__.startswith("tracker.")
        name = human_name(node)
        if bindings and ours and name not in seen:
            seen.add(name)
            _keys(bindings, name, table)
    table.add_row(Text("ctrl+p", style="bold"), Text("Command palette: every action by name"))
    table.add_row(Text(""), Text(""))
    table.add_row(Text("In the claims table", style="bold underline"), Text(""))
    for mark, style, meaning in LEGEND:
        table.add_row(Text(mark, style=style or "bold"), Text(meaning))
    return table


class HelpScreen(ModalScreen[None]):
    """A list of keys; any of escape, q or ? closes it. Built once; ``show_for`` fills it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, under: Screen | None = None) -> None:
        super().__init__(id="help")
        self._under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(id="help-keys")

    def on_mount(self) -> None:
        if self._under is not None:
            self.show_for(self._under)

    def show_for(self, under: Screen) -> None:
        self._under = under
        if self.query("#help-keys"):
            self.query_one("#help-keys", Static).update(help_table(list(self.app.BINDINGS), under))
