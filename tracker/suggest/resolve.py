"""From a speaker phrase to a Source of the registry, or to nothing.

A named person known to the registry is that person; otherwise the
affiliation the text gives ("a research fellow at RUSI") stands for them.
Evidence cues ("images show") are the document's own reading of the imagery,
so they go to the outlet. Nothing is ever created here: an unknown speaker
comes back with no source and the phrase as written, for the analyst.
"""

from __future__ import annotations

from typing import Protocol

from tracker.models import Source
from tracker.registry import NEAR_CERTAIN, SourceMatch
from tracker.suggest.speakers import SpeakerCue, speaker_candidates


class Registry(Protocol):
    def exact(self, text: str) -> Source | None: ...

    def resolve(self, text: str) -> SourceMatch: ...


def resolve_speaker(cue: SpeakerCue, registry: Registry, outlet: Source | None) -> Source | None:
    """The source ``cue`` names, or None when the registry does not know it."""
    if cue.evidence:
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
