"""Article and user text made inert in markdown: it reads as written, and does nothing.

A quote may hold ``|`` (would split a table cell), ``[^1]`` (would forge a
footnote), ``<script>`` (raw HTML), backticks, emphasis marks, ``#`` or ``>``
at a line start. Every character CommonMark or GFM could act on is
backslash-escaped (CommonMark allows a backslash before any ASCII
punctuation), and line breaks are folded to spaces so a value stays in its
table cell or footnote.
"""

from __future__ import annotations

import re

# Inline-active everywhere: escapes, code, emphasis, links and footnotes, raw HTML and
# entities, GFM tables and strikethrough.
_INLINE_ACTIVE = frozenset("\\`*_[]<>&|^~!")
# Active only at the start of a line: headings, quotes, lists, thematic breaks, setext.
_LINE_START_ACTIVE = frozenset("#>-+=:")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
# Every kind of line break (and tabs, which can start code blocks) becomes one space.
_WHITESPACE = re.compile(r"\s+", re.UNICODE)
# C0/C1 controls (terminal escapes among them) are dropped: they are never content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates would reorder what the reader sees ("Trojan
# Source"); they are written out as visible escapes (``\u202e``) instead.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
# One C-level pass instead of a Python loop per character: a whole-case brief escapes
# millions of cells and quotes.
_BACKSLASHED = str.maketrans({ch: "\\" + ch for ch in _INLINE_ACTIVE})
# Most text has nothing to drop or fold (no control or bidi character, no whitespace but
# single inner spaces): one search finds out, instead of three rewrites.
_NEEDS_FOLDING = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|[^\S ]| {2}|^ | $")


def escape_inline(text: str | None) -> str:
    """One line of markdown that renders exactly ``text``."""
    if not text:
        return ""
    if _NEEDS_FOLDING.search(text):
        text = _CONTROL.sub("", text)
        text = _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
        text = _WHITESPACE.sub(" ", text).strip()
    out = text.translate(_BACKSLASHED)
    if out and out[0] in _LINE_START_ACTIVE:
        out = "\\" + out
    elif m := _ORDERED_MARKER.match(out):
        out = m.group(1) + "\\" + m.group(2) + out[m.end() :]
    return out


def escape_cell(text: str | None) -> str:
    """A GFM table cell: inline-escaped (``|`` included), never empty, never two lines."""
    return escape_inline(text) or "—"


def url_or_text(url: str | None) -> str:
    """An autolink for a plain http(s) URL; anything else is shown as escaped text."""
    if not url:
        return ""
    url = url.strip()
    if _SAFE_URL.match(url):
        return f"<{url}>"
    return escape_inline(url)
