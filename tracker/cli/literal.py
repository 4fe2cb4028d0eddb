"""Case text made safe for a terminal: shown as written, never acted on.

Rich's ``Text`` already keeps markup brackets as characters, but it passes ESC
and most other controls straight to the terminal, so a quote holding
``\\x1b]0;title\\x07`` would retitle the window and ``\\u202e`` would reverse
the rest of the line. Those characters are replaced by visible escapes
(``\\x1b``, ``\\u202e``) so the analyst sees that they are there. Newlines and
tabs stay (an article has paragraphs); a lone carriage return is left to Rich,
which drops it.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls except tab, newline and carriage return; DEL and C1 (0x9b is a one-byte CSI);
# bidi embeddings, overrides and isolates (the "Trojan Source" characters).
_ACTIVE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: object) -> str:
    """``value`` as a string with every terminal-active character written out."""
    text = "" if value is None else str(value)
    if text.isprintable():  # the common case, checked in C
        return text
    return _ACTIVE.sub(_escape, text)


def shown(value: object, style: str = "") -> Text:
    """A Rich Text of ``value``: never parsed as markup, controls made visible."""
    return Text(visible(value), style=style)
