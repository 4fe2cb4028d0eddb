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

import re

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


def pictured(value: object) -> str:
    """Every terminal-active character as one visible symbol: the same length as the
    original, so offsets into a document (quote highlights) still hold."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    return _ACTIVE.sub(_picture, text)


_JSON_ACTIVE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_text(value: object, indent: int | None = None) -> str:
    """JSON for a terminal or a pipe: non-ASCII text kept as written, but every
    terminal-active character as a ``\\uXXXX`` escape (json already escapes C0
    controls), so the same string comes back when the JSON is read."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_ACTIVE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
