"""Case text in the CLI: never parsed as markup, terminal-active characters written
out as escapes (``tracker.display.visible``)."""

from __future__ import annotations

from rich.text import Text

from tracker.display import visible

__all__ = ["shown", "visible"]


def shown(value: object, style: str = "") -> Text:
    """A Rich Text of ``value``: never parsed as markup, controls made visible."""
    return Text(visible(value), style=style)
