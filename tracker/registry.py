"""Finding a Source by what an article or a claims file calls it.

Exact matches are by name, short name or alias, ignoring case. Otherwise
rapidfuzz proposes the closest; only a near-certain, unambiguous match may be
used (and the caller reports it). Nothing here ever creates a source: a
near-duplicate made silently would split one voice in two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    # The listings import this module for ``independence_group`` alone: no models then.
    from sqlmodel import Session

    from tracker.models import Source

# rapidfuzz score (0-100) at or above which a non-exact name is taken to mean that source.
NEAR_CERTAIN = 92.0
# The best source must also beat the next different source by this much, or it is ambiguous.
NEAR_CERTAIN_MARGIN = 5.0
# How many candidates an error message lists.
CANDIDATES_SHOWN = 3

_NOISE = re.compile(r"[^\w\s]")


def _key(text: str) -> str:
    """Case, punctuation, possessives and a leading 'the' do not tell sources apart."""
    text = text.casefold().replace("’", "'").replace("'s ", " ")
    text = _NOISE.sub(" ", text)
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass
class SourceMatch:
    source: Source | None
    score: float
    exact: bool
    candidates: list[tuple[str, float]] = field(default_factory=list)

    def describe_candidates(self) -> str:
        if not self.candidates:
            return "no source is close"
        return "closest: " + ", ".join(f"{name} ({score:.0f})" for name, score in self.candidates)


class SourceRegistry:
    def __init__(self, sources: Iterable[Source]) -> None:
        self.sources: list[Source] = list(sources)
        self._by_id = {s.id: s for s in self.sources if s.id is not None}
        self._exact: dict[str, list[Source]] = {}
        self._fuzzy_keys: list[str] = []
        self._fuzzy_sources: list[Source] = []
        for source in self.sources:
            self._index(source)

    @classmethod
    def from_session(cls, session: Session) -> SourceRegistry:
        from sqlmodel import select

        from tracker.models import Source

        return cls(session.exec(select(Source)).all())

    def _index(self, source: Source) -> None:
        for label in self.labels(source):
            for key in {label.casefold().strip(), _key(label)}:
                bucket = self._exact.setdefault(key, [])
                if all(s is not source for s in bucket):
                    bucket.append(source)
            self._fuzzy_keys.append(_key(label))
            self._fuzzy_sources.append(source)

    def add(self, source: Source) -> None:
        """Make a source created during an import findable by the rest of that import."""
        self.sources.append(source)
        if source.id is not None:
            self._by_id[source.id] = source
        self._index(source)

    @staticmethod
    def labels(source: Source) -> list[str]:
        return [source.name, *([source.short] if source.short else []), *(source.aliases or [])]

    def all_exact(self, text: str) -> list[Source]:
        """Every source one of whose labels is ``text`` (more than one means ambiguous)."""
        return self._exact_matches(text)

    def _exact_matches(self, text: str) -> list[Source]:
        found = self._exact.get(text.casefold().strip()) or self._exact.get(_key(text)) or []
        return list(found)

    def exact(self, text: str) -> Source | None:
        """The one source called ``text`` (name, short or alias, any case); None if none or two."""
        found = self._exact_matches(text)
        return found[0] if len(found) == 1 else None

    def resolve(self, text: str) -> SourceMatch:
        found = self._exact_matches(text)
        if len(found) == 1:
            return SourceMatch(found[0], 100.0, True, [(found[0].name, 100.0)])
        if len(found) > 1:
            # The same label on two sources: ambiguous however exact it is.
            return SourceMatch(None, 100.0, True, [(s.name, 100.0) for s in found])
        best = self._ranked(text)
        if not best:
            return SourceMatch(None, 0.0, False, [])
        top_source, top_score = best[0]
        runner_up = best[1][1] if len(best) > 1 else 0.0
        candidates = [(s.name, round(score, 1)) for s, score in best[:CANDIDATES_SHOWN]]
        if top_score >= NEAR_CERTAIN and top_score - runner_up >= NEAR_CERTAIN_MARGIN:
            return SourceMatch(top_source, top_score, False, candidates)
        return SourceMatch(None, top_score, False, candidates)

    def _ranked(self, text: str) -> list[tuple[Source, float]]:
        """Each source once, with the best score of any of its labels, best first."""
        key = _key(text)
        from rapidfuzz import fuzz, process  # only for a name not found exactly

        if not key or not self._fuzzy_keys:
            return []
        scores = process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, limit=len(self._fuzzy_keys)
        )
        ranked: dict[int, tuple[Source, float]] = {}
        for _label, score, index in scores:
            source = self._fuzzy_sources[index]
            if id(source) not in ranked or ranked[id(source)][1] < score:
                ranked[id(source)] = (source, float(score))
        return sorted(ranked.values(), key=lambda pair: -pair[1])

    def parent_of(self, source: Source) -> Source | None:
        if source.parent_id is None:
            return None
        return self._by_id.get(source.parent_id)

    def group_of(self, source: Source) -> str:
        """The independence group (see ``independence_group``)."""
        return independence_group(source, self._by_id)


class Grouped(Protocol):
    """What the independence group is read from (a Source, or a listing's row of one)."""

    @property
    def name(self) -> str: ...
    @property
    def group(self) -> str | None: ...
    @property
    def parent_id(self) -> int | None: ...


G = TypeVar("G", bound=Grouped)


def independence_group(source: G, by_id: Mapping[int, G]) -> str:
    """The nearest explicit ``group`` up the parent chain, else the name of the top of
    the chain (a loop in the chain ends where it closes)."""
    seen: set[int] = set()
    current = source
    while True:
        if current.group:
            return current.group
        parent = by_id.get(current.parent_id) if current.parent_id is not None else None
        if parent is None or id(parent) in seen:
            return current.name
        seen.add(id(current))
        current = parent
