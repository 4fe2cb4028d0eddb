"""An outlet re-reporting another: proposed ``derived_from`` links.

Copies must add nothing to corroboration (DOMAIN §4), so a document that says
"Bloomberg reported", "as quoted by Bloomberg", or carries "– Bloomberg" in
its title should point at the Bloomberg document it re-reports. Only a
proposal: the analyst confirms it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.models import Document, Source
from tracker.suggest.resolve import Registry

_OUTLET = r"(?P<outlet>(?:The\s+)?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})"
# Phrases in running text that credit another outlet with the reporting.
TEXT_CUES = (
    re.compile(rf"\b{_OUTLET}\s+(?:reported|noted|reports|notes|wrote|writes|said)\b"),
    re.compile(rf"\bas\s+(?:quoted|reported|cited)\s+by\s+{_OUTLET}"),
    re.compile(rf"\b(?:according\s+to|citing|via)\s+{_OUTLET}"),
)
# "Ghost ships reveal ... – Bloomberg": the credit at the end of a title line.
TITLE_CUE = re.compile(rf"\s[–—\-|]\s*{_OUTLET}\s*$")


@dataclass(frozen=True, slots=True)
class DerivationProposal:
    document: str  # the re-reporting document
    derived_from: str  # the document it re-reports
    outlet: str  # the credited outlet's name
    cue: str  # the words that say so


def _credits(
    hits: list[tuple[str, str]], registry: Registry, own: Source | None
) -> list[tuple[Source, str]]:
    found: list[tuple[Source, str]] = []
    for name, words in hits:
        source = registry.exact(re.sub(r"^The\s+", "", name))
        if source is None or source.kind != "outlet" or (own and source.id == own.id):
            continue
        if all(source.id != s.id for s, _ in found):
            found.append((source, words.strip()))
    return found


def credited_in_title(
    title: str, text: str, registry: Registry, own: Source | None
) -> list[tuple[Source, str]]:
    """Outlets credited at the end of the title (or of a title line atop the text)."""
    lines = [title, *text.splitlines()[:12]]
    hits = [(m.group("outlet"), m.group(0)) for line in lines if (m := TITLE_CUE.search(line))]
    return _credits(hits, registry, own)


def credited_in_text(text: str, registry: Registry, own: Source | None) -> list[tuple[Source, str]]:
    """Outlets other than ``own`` that ``text`` credits with the reporting, in order."""
    hits = [(m.group("outlet"), m.group(0)) for cue in TEXT_CUES for m in cue.finditer(text)]
    return _credits(hits, registry, own)


def source_document(
    outlet: Source, document: Document, documents: list[Document]
) -> Document | None:
    """The outlet's document this one most likely re-reports: the latest not after it."""
    theirs = [d for d in documents if d.outlet_id == outlet.id and d.id != document.id]
    if document.published_last is not None:
        before = [
            d
            for d in theirs
            if d.published_first is None or d.published_first <= document.published_last
        ]
        theirs = before or theirs
    dated = sorted(theirs, key=lambda d: d.published_first or date.min)
    return dated[-1] if dated else None


def propose_derivations(
    document: Document,
    documents: list[Document],
    registry: Registry,
    outlet: Source | None,
    existing: set[tuple[str, str]],
) -> list[DerivationProposal]:
    """``derived_from`` links the document's own words suggest and that do not exist yet."""
    out = []
    credits = credited_in_title(document.title, document.text, registry, outlet)
    credits += credited_in_text(document.text, registry, outlet)
    seen: set[str] = set()
    for source, cue in credits:
        target = source_document(source, document, documents)
        if target is None or (document.id, target.id) in existing or target.id in seen:
            continue
        seen.add(target.id)
        out.append(DerivationProposal(document.id, target.id, source.name, cue))
    return out
