"""A suggested claim, as ``tracker suggest --json`` prints it (DOMAIN §5)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from tracker.normalize.types import Quantity, TimeSpan

# Hex digits of the hash that names a suggestion; ids stay stable across runs.
ID_LENGTH = 10


def suggestion_id(document_id: str, quote: str) -> str:
    """Stable across runs and re-imports: the document and the quote, nothing else."""
    digest = hashlib.sha1(f"{document_id}\n{quote}".encode()).hexdigest()
    return digest[:ID_LENGTH]


@dataclass
class Suggestion:
    """A proposed claim (DOMAIN §5): quantities and times are relative to ``quote``."""

    id: str
    document: str
    quote: str
    start: int
    end: int
    source: str | None
    speaker: str | None
    hedge: str | None
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeSpan] = field(default_factory=list)
    subject: str = ""
    subject_exists: bool = False
    derived_from: str | None = None
    cue: str | None = None
    source_id: int | None = None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "document": self.document,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "speaker": self.speaker,
            "hedge": self.hedge,
            "quantities": [q.to_json() for q in self.quantities],
            "times": [t.to_json() for t in self.times],
            "subject": self.subject,
            "subject_exists": self.subject_exists,
            "derived_from": self.derived_from,
        }
