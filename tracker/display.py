"""Case text made safe for a terminal: shown as written, never acted on.

Rich's ``Text`` keeps markup brackets as characters, but passes ESC and most
other controls straight to the terminal: a quote holding ``\\x1b]0;title\\x07``
would retitle the window and ``\\u202e`` would reverse the rest of the line.
These are the characters that act (C0 controls but tab, newline and carriage
return; DEL and C1, where 0x9b is a one-byte CSI; bidi embeddings, overrides
and isolates, the "Trojan Source" characters). Both forms below show that
they are there instead of dropping them silently.
"""

from __future__ import annotations

import io
import re
from typing import TextIO

_ACTIVE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode's control pictures: ␛ for ESC, ␇ for BEL
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(value: object) -> str:
    """Every terminal-active character written out as an escape (``\\x1b``, ``\\u202e``)."""
    text = "" if value is None else str(value)
    if text.isprintable():  # the common case, checked in C
        return text
    return _ACTIVE.sub(_escape, text)


def one_line(value: object) -> str:
    """``value`` on one line, as every CLI table cell shows it: each run of spaces, tabs
    and line breaks one space, controls made visible. JSON keeps the exact text."""
    return " ".join(visible(value).split())


def pictured(value: object) -> str:
    """Every terminal-active character as one visible symbol: the same length as the
    original, so offsets into a document (quote highlights) still hold."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    return _ACTIVE.sub(_picture, text)


def json_text(value: object, indent: int | None = None) -> str:
    """JSON for a terminal or a pipe: non-ASCII text kept as written, but every
    terminal-active character as a ``\\uXXXX`` escape (json already escapes C0
    controls), so the same string comes back when the JSON is read."""
    import json

    return printed(json.dumps(value, ensure_ascii=False, indent=indent), json=True)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def printed(text: str, *, json: bool = False) -> str:
    """The one rule for text we print: JSON text (already serialized) gets each
    terminal-active character as a ``\\uXXXX`` escape, which a JSON reader turns back
    into the same character (they can only stand inside strings); any other text
    (markdown, CSV, plain lines) gets ``visible``."""
    if text.isprintable():
        return text
    return _ACTIVE.sub(_json_escape, text) if json else _ACTIVE.sub(_escape, text)


class TerminalText(io.TextIOBase):
    """A text stream for standard output (or a terminal): everything written to it goes
    through ``printed`` on its way to ``out``. The active characters are single code
    points, so escaping each chunk as it comes is the same as escaping the whole."""

    def __init__(self, out: TextIO, *, json: bool = False) -> None:
        self._out = out
        self._json = json

    def writable(self) -> bool:
        return True

    def write(self, text: str, /) -> int:
        self._out.write(printed(text, json=self._json))
        return len(text)

    def flush(self) -> None:
        self._out.flush()
