"""Data is shown literally: article and analyst text never styles or breaks the screen."""

from __future__ import annotations

import re

from rich.text import Text

# C0/C1 controls (ESC included) would move the cursor or recolour the terminal;
# tabs and newlines become spaces so one claim stays on one line.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLANKS = re.compile(r"[\t\n\r]+")


def clean(value: object, *, one_line: bool = True) -> str:
    """``value`` as printable text: control characters dropped, never interpreted."""
    if value is None:
        return ""
    text = str(value)
    if text.isprintable():  # the common case, checked in C: nothing to strip
        return text
    if one_line:
        text = _BLANKS.sub(" ", text)
    return _CONTROL.sub("", text)


def literal(value: object, style: str = "", *, one_line: bool = True) -> Text:
    """A Rich Text that shows ``value`` exactly (brackets and all), never parsed as markup."""
    return Text(clean(value, one_line=one_line), style=style)
