"""One footnote per cited appearance, numbered in order of first citation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tracker.anchoring import page_of
from tracker.brief.escape import escape_inline, url_or_text
from tracker.dates_display import human_span
from tracker.models import Document, Source


def published_words(document: Document) -> str:
    """The publication date as precisely as it is known, and no more precisely, in the
    one human layout ("16 Oct 2023", "Dec 2023", "9 Dec 2023 – 27 Dec 2023")."""
    if document.published_first is None:
        return document.published_text or "undated"
    return human_span(
        document.published_first, document.published_last, document.published_precision
    )


@dataclass
class Footnotes:
    """Hands out ``[^n]`` for attributions; the same appearance cited twice keeps its number.

    An attribution is anything with the Attribution fields ``id``, ``document_id``,
    ``source_id``, ``claim_id``, ``hedge`` and ``quote`` (a model or a plain row)."""

    documents: dict[str, Document]
    sources: dict[int, Source]
    _numbers: dict[int, int] = field(default_factory=dict)
    _cited: list[Any] = field(default_factory=list)
    # A whole case cites each document and speaker thousands of times: each is worded once.
    _document_words: dict[str, str] = field(default_factory=dict)
    _speaker_words: dict[int, str] = field(default_factory=dict)

    def ref(self, attribution: Any) -> str:
        key = attribution.id if attribution.id is not None else -len(self._cited) - 1
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._numbers) + 1
            self._cited.append(attribution)
        return f"[^{number}]"

    def definitions(self) -> Iterator[str]:
        for n, a in enumerate(self._cited, start=1):
            yield f"[^{n}]: {self._line(a)}"

    def _line(self, attribution: Any) -> str:
        where = self._document_words.get(attribution.document_id)
        if where is None:
            where = self._document_words[attribution.document_id] = self._where(
                attribution.document_id
            )
        speaker = self._speaker_words.get(attribution.source_id)
        if speaker is None:
            source = self.sources.get(attribution.source_id)
            speaker = escape_inline(source.name) if source else "Unknown source"
            self._speaker_words[attribution.source_id] = speaker
        # The claim's id is here, not in the prose: `tracker explain ID` takes it.
        about = f"claim {escape_inline(attribution.claim_id)}"
        if attribution.hedge:
            about = f"hedged: {escape_inline(attribution.hedge)}; {about}"
        document = self.documents.get(attribution.document_id)
        page = page_of(document.page_starts, getattr(attribution, "start", 0)) if document else None
        if page is not None:
            where = f"{where}, p. {page}"
        return f"{where}. {speaker} ({about}): “{escape_inline(attribution.quote)}”"

    def _where(self, document_id: str) -> str:
        document = self.documents.get(document_id)
        if document is None:
            return escape_inline(document_id)
        parts: list[str] = []
        outlet = self.sources.get(document.outlet_id) if document.outlet_id else None
        parts.append(escape_inline(outlet.name) if outlet else "Unknown outlet")
        if document.authors:
            parts.append(escape_inline(", ".join(document.authors)))
        parts.append(f"“{escape_inline(document.title)}”" if document.title else "untitled")
        parts.append(escape_inline(published_words(document)))
        if document.url:
            parts.append(url_or_text(document.url))
        return "; ".join(parts)
