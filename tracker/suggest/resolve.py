"""From a speaker phrase to a Source of the registry, or to nothing.

A named person known to the registry is that person; otherwise the
affiliation the text gives ("a research fellow at RUSI") stands for them.
Evidence cues ("images show") are the document's own reading of the imagery,
so they go to the outlet. Nothing is ever created here: an unknown speaker
comes back with no source and the phrase as written, for the analyst.
"""

from __future__ import annotations

import re
from typing import Protocol

from tracker.models import Source
from tracker.registry import NEAR_CERTAIN, SourceMatch
from tracker.suggest.speakers import SpeakerCue, _strip_roles, speaker_candidates

# What a re-report calls the outlet it copies ("The agency further notes that ...").
OUTLET_WORDS = frozenset({"agency", "news agency", "outlet", "newspaper", "paper", "publication"})


class Registry(Protocol):
    def exact(self, text: str) -> Source | None: ...

    def resolve(self, text: str) -> SourceMatch: ...

    def parent_of(self, source: Source) -> Source | None: ...


def resolve_speaker(cue: SpeakerCue, registry: Registry, outlet: Source | None) -> Source | None:
    """The source ``cue`` names, or None when the registry does not know it."""
    if cue.evidence or cue.speaker.lower() in OUTLET_WORDS:
        return outlet
    candidates = speaker_candidates(cue)
    for text in candidates:
        found = registry.exact(text)
        if found is not None:
            return found
    for text in candidates:
        # A lone surname or a two-letter word is too little to fuzzy-match on.
        if len(text) < 4:
            continue
        match = registry.resolve(text)
        if match.source is not None and (match.exact or match.score >= NEAR_CERTAIN):
            return match.source
    return None


def resolve_speakers(
    cue: SpeakerCue, registry: Registry, outlet: Source | None
) -> list[Source | None]:
    """Every source a speaker phrase names: "the US and South Korea" is two voices."""
    phrase = _strip_roles(cue.speaker)
    if " and " in phrase and not cue.person:
        parts = [p.strip() for p in re.split(r",|\band\b", phrase) if p.strip()]
        unique: list[Source | None] = []
        for source in (_one(p, registry) for p in parts):
            if source is not None and all(source is not other for other in unique):
                unique.append(source)
        if len(unique) > 1:
            return unique
    return [resolve_speaker(cue, registry, outlet)]


def _one(text: str, registry: Registry) -> Source | None:
    found = registry.exact(text)
    if found is None and len(text) >= 4:
        match = registry.resolve(text)
        if match.source is not None and (match.exact or match.score >= NEAR_CERTAIN):
            found = match.source
    return found
