"""Footnotes: the reference a sentence's trailing number points at, and who it names.

CSIS writes "the U.S. government announced ... munitions,” along with images ...1"
and footnote 1 is the U.S. Mission to the UN's tweet: the footnote says which
part of the government spoke. A footnote may only narrow a speaker the text
names (USUN is part of the US government), never replace it; for a sentence
in the document's own voice it names the source the document relies on.
"""

from __future__ import annotations

import re

from tracker.models import Source
from tracker.suggest.candidates import END_OF_BODY
from tracker.suggest.resolve import Registry

_REFERENCE = re.compile(r"^\s*(\d{1,3})\.\s+(.+)$")
_MARKER = re.compile(r"\d{1,2}(?!\d)")
# How far into a reference its author or publisher is looked for (chunks between commas).
REFERENCE_CHUNKS = 4


def references(text: str) -> dict[int, str]:
    """Numbered references after the document's references heading."""
    out: dict[int, str] = {}
    in_references = False
    for line in text.splitlines():
        if END_OF_BODY.match(line):
            in_references = True
            continue
        if in_references and (m := _REFERENCE.match(line)):
            out[int(m.group(1))] = m.group(2)
    return out


def marker_after(text: str, end: int) -> int | None:
    """The footnote number glued to the end of a sentence ("... since late August.2")."""
    m = _MARKER.match(text, end)
    return int(m.group(0)) if m else None


def reference_source(reference: str, registry: Registry) -> Source | None:
    """The first source a reference names: its author's organization, or its publisher."""
    chunks = re.split(r",|\(|\)|“|”|\"", reference)
    for chunk in [c.strip() for c in chunks if c.strip()][:REFERENCE_CHUNKS]:
        found = registry.exact(chunk)
        if found is not None:
            if found.kind == "person" and found.parent_id is not None:
                return registry.parent_of(found) or found
            return found
    return None


def is_within(child: Source, ancestor: Source, registry: Registry) -> bool:
    """Whether ``child`` is ``ancestor`` or sits under it in the parent chain."""
    seen: set[int] = set()
    current: Source | None = child
    while current is not None and id(current) not in seen:
        if current is ancestor or (current.id is not None and current.id == ancestor.id):
            return True
        seen.add(id(current))
        current = registry.parent_of(current)
    return False
