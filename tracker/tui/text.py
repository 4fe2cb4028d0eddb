"""Data is shown literally: article and analyst text never styles or breaks the screen."""

from __future__ import annotations

import re

from rich.text import Text

from tracker.display import pictured

# Tabs and newlines become spaces so one claim stays on one line.
_BLANKS = re.compile(r"[\t\n\r]+")


def clean(value: object, *, one_line: bool = True) -> str:
    """``value`` as printable text: controls and bidi overrides shown as one symbol each
    (same length, so quote offsets in a document still hold), never interpreted."""
    if value is None:
        return ""
    text = str(value)
    if text.isprintable():  # the common case, checked in C: nothing to replace
        return text
    if one_line:
        text = _BLANKS.sub(" ", text)
    return pictured(text)


def literal(value: object, style: str = "", *, one_line: bool = True) -> Text:
    """A Rich Text that shows ``value`` exactly (brackets and all), never parsed as markup."""
    return Text(clean(value, one_line=one_line), style=style)
