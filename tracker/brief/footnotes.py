"""One footnote per cited appearance, numbered in order of first citation."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.brief.escape import escape_inline, url_or_text
from tracker.models import Attribution, Document, Source


def published_words(document: Document) -> str:
    """The publication date as precisely as it is known, and no more precisely."""
    first, last = document.published_first, document.published_last
    if first is None:
        return document.published_text or "undated"
    if document.published_precision == "year":
        return str(first.year)
    if document.published_precision == "month":
        return first.strftime("%Y-%m")
    if last is not None and last != first:
        return f"published between {first.isoformat()} and {last.isoformat()}"
    return first.isoformat()


@dataclass
class Footnotes:
    """Hands out ``[^n]`` for attributions; the same appearance cited twice keeps its number."""

    documents: dict[str, Document]
    sources: dict[int, Source]
    _numbers: dict[int, int] = field(default_factory=dict)
    _cited: list[Attribution] = field(default_factory=list)

    def ref(self, attribution: Attribution) -> str:
        key = attribution.id if attribution.id is not None else -len(self._cited) - 1
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
            self._cited.append(attribution)
        return f"[^{self._numbers[key]}]"

    def definitions(self) -> list[str]:
        return [f"[^{n}]: {self._line(a)}" for n, a in enumerate(self._cited, start=1)]

    def _line(self, attribution: Attribution) -> str:
        document = self.documents.get(attribution.document_id)
        source = self.sources.get(attribution.source_id)
        parts: list[str] = []
        if document is not None:
            outlet = self.sources.get(document.outlet_id) if document.outlet_id else None
            parts.append(escape_inline(outlet.name) if outlet else "Unknown outlet")
            if document.authors:
                parts.append(escape_inline(", ".join(document.authors)))
            parts.append(f"“{escape_inline(document.title)}”" if document.title else "untitled")
            parts.append(escape_inline(published_words(document)))
            if document.url:
                parts.append(url_or_text(document.url))
        else:
            parts.append(escape_inline(attribution.document_id))
        speaker = escape_inline(source.name) if source else "Unknown source"
        hedge = f" (hedged: {escape_inline(attribution.hedge)})" if attribution.hedge else ""
        return "; ".join(parts) + f". {speaker}{hedge}: “{escape_inline(attribution.quote)}”"
