"""Finding a verbatim quote in a document's text.

Only whitespace, typographic quotes and dashes are normalized: a quote that
differs in any word is not in the document, and the importer says so with the
closest passage so the analyst can fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

# Characters of context kept on each side of a quote, to find it again when offsets drift.
CONTEXT_CHARS = 40

_EQUIVALENT = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
    }
)


@dataclass(frozen=True)
class QuoteAnchor:
    start: int
    end: int
    prefix: str
    suffix: str


@lru_cache(maxsize=8)
def _normalized(text: str) -> tuple[str, tuple[int, ...]]:
    """The text with equivalent characters unified and whitespace runs as one space,
    and for each of its characters the offset of the original character.

    Cached: a claims file anchors hundreds of quotes in the same few documents, and
    rebuilding a long article's map for each quote was half the import's time."""
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for index, char in enumerate(text.translate(_EQUIVALENT)):
        if char.isspace():
            if in_space:
                continue
            in_space = True
            char = " "
        else:
            in_space = False
        out.append(char)
        offsets.append(index)
    return "".join(out), tuple(offsets)


def find_quote(text: str, quote: str) -> QuoteAnchor | None:
    """Where ``quote`` appears in ``text`` (first occurrence), or None."""
    needle, _ = _normalized(quote.strip())
    if not needle:
        return None
    haystack, offsets = _normalized(text)
    at = haystack.find(needle)
    if at < 0:
        return None
    start = offsets[at]
    end = offsets[at + len(needle) - 1] + 1
    return QuoteAnchor(
        start=start,
        end=end,
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def closest_passage(text: str, quote: str) -> str:
    """The passage of ``text`` most like ``quote``, whitespace collapsed (for error messages)."""
    needle, _ = _normalized(quote.strip())
    haystack, offsets = _normalized(text)
    if not needle or not haystack:
        return ""
    alignment = fuzz.partial_ratio_alignment(needle, haystack)
    if alignment is None:
        return ""
    start, end = alignment.dest_start, alignment.dest_end
    # Widen to whole words so the passage reads naturally.
    while start > 0 and not haystack[start - 1].isspace():
        start -= 1
    while end < len(haystack) and not haystack[end].isspace():
        end += 1
    original = text[offsets[start] : offsets[end - 1] + 1] if end > start else ""
    return " ".join(original.split())


def page_of(page_starts: list[int] | None, offset: int) -> int | None:
    """The page (1-based) a text offset is on; None for a document without pages."""
    if not page_starts:
        return None
    page = 1
    for number, start in enumerate(page_starts, start=1):
        if offset >= start:
            page = number
    return page
