"""``sources.yaml``: who makes or carries statements, with parents, groups and grades."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlmodel import Session

from tracker.importers.reading import (
    entry_error,
    line_of,
    list_field,
    load_yaml,
    require_list,
    text_field,
    unknown_fields,
)
from tracker.models import RELIABILITY_GRADES, Source
from tracker.registry import NEAR_CERTAIN, SourceRegistry

KINDS = ("agency", "government", "think_tank", "person", "outlet", "company", "organization")
FIELDS = {"name", "short", "aliases", "kind", "parent", "group", "reliability"}


def import_sources(session: Session, path: Path, text: str) -> tuple[dict[str, int], list[str]]:
    entries = require_list(path, load_yaml(path, text), "sources")
    registry = SourceRegistry.from_session(session)
    # Sources known before this file: a new name almost equal to one of them is a typo
    # or a split voice. Two near names listed side by side in one file are deliberate.
    earlier = SourceRegistry(list(registry.sources))
    notes: list[str] = []
    created = updated = 0
    seen: dict[str, int] = {}
    pending_parents: list[tuple[Source, dict, str]] = []

    for entry in entries:
        unknown_fields(path, entry, FIELDS)
        name = text_field(path, entry, "name", required=True)
        what = f"source '{name}': "
        if name.casefold() in seen:
            raise entry_error(
                path, entry, f"{what}listed twice (first on line {seen[name.casefold()]})"
            )
        seen[name.casefold()] = line_of(entry) or 0
        kind = text_field(path, entry, "kind", what=what) or "organization"
        if problem := kind_problem(kind):
            raise entry_error(path, entry, f"{what}{problem}")
        grade = (text_field(path, entry, "reliability", what=what) or "F").upper()
        if problem := grade_problem(grade):
            raise entry_error(path, entry, f"{what}{problem}")
        aliases = [str(a).strip() for a in list_field(path, entry, "aliases", what=what)]
        short = text_field(path, entry, "short", what=what) or None
        group = text_field(path, entry, "group", what=what) or None

        source = _existing(registry, name)
        if source is None:
            _refuse_near_duplicate(path, entry, earlier, name)
            notes.extend(_near_in_this_file(path, registry, earlier, name))
            source = Source(name=name)
            created += 1
        else:
            updated += _differs(source, short, aliases, kind, group, grade)
        source.name, source.short, source.aliases = name, short, aliases
        source.kind, source.group, source.reliability = kind, group, grade
        _refuse_shared_labels(path, entry, registry, source)
        session.add(source)
        session.flush()
        registry.add(source)
        parent = text_field(path, entry, "parent", what=what)
        if parent:
            pending_parents.append((source, entry, parent))
        elif source.parent_id is not None:
            source.parent_id = None

    # Parents second: a parent may be listed after its children.
    registry = SourceRegistry.from_session(session)
    for source, entry, parent_name in pending_parents:
        match = registry.resolve(parent_name)
        if match.source is None:
            raise entry_error(
                path,
                entry,
                f"source '{source.name}': unknown parent '{parent_name}'; "
                f"{match.describe_candidates()}",
            )
        if not match.exact:
            notes.append(
                f"{path}: parent '{parent_name}' of '{source.name}' read as "
                f"'{match.source.name}' (match {match.score:.0f})"
            )
        if match.source.id == source.id:
            raise entry_error(path, entry, f"source '{source.name}' cannot be its own parent")
        source.parent_id = match.source.id
        session.add(source)
    session.flush()
    _refuse_cycles(path, registry, [s for s, _, _ in pending_parents])
    return {"sources": created, "sources updated": updated}, notes


def kind_problem(kind: str) -> str | None:
    """What is wrong with a source's kind, or None (shared with the backup's checks)."""
    return None if kind in KINDS else f"unknown kind '{kind}' ({', '.join(KINDS)})"


def grade_problem(grade: str) -> str | None:
    return None if grade in RELIABILITY_GRADES else f"reliability '{grade}' is not a grade A-F"


def parent_loop(parents: Mapping[Any, Any], start: Any) -> bool:
    """Whether following parents from ``start`` comes back to a source already passed."""
    seen = {start}
    current = parents.get(start)
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _existing(registry: SourceRegistry, name: str) -> Source | None:
    for source in registry.sources:
        if source.name.casefold() == name.casefold():
            return source
    return None


def _differs(source: Source, short, aliases, kind, group, grade) -> int:  # type: ignore[no-untyped-def]
    now = (source.short, list(source.aliases or []), source.kind, source.group, source.reliability)
    return int(now != (short, aliases, kind, group, grade))


def _near_in_this_file(
    path: Path, registry: SourceRegistry, earlier: SourceRegistry, name: str
) -> list[str]:
    match = registry.resolve(name)
    known = {s.name for s in earlier.sources}
    return [
        f"{path}: sources '{name}' and '{other}' are listed as different sources "
        f"though their names are close (match {score:.0f})"
        for other, score in match.candidates
        if score >= NEAR_CERTAIN and other not in known and other != name
    ]


def _refuse_near_duplicate(path: Path, entry: dict, registry: SourceRegistry, name: str) -> None:
    """A new name that is almost an existing one is a typo or a split voice: say so."""
    match = registry.resolve(name)
    if match.source is not None and match.exact:
        raise entry_error(
            path,
            entry,
            f"source '{name}': already known as a name, short name or alias of "
            f"'{match.source.name}'; list it there instead",
        )
    close = [(n, s) for n, s in match.candidates if s >= NEAR_CERTAIN]
    if close:
        raise entry_error(
            path,
            entry,
            f"source '{name}' is nearly the same as existing source '{close[0][0]}' "
            f"(match {close[0][1]:.0f}); use that name, or add it as an alias",
        )


def _refuse_shared_labels(
    path: Path, entry: dict, registry: SourceRegistry, source: Source
) -> None:
    for label in SourceRegistry.labels(source):
        for other in registry.all_exact(label):
            if other is not source and (other.id is None or other.id != source.id):
                raise entry_error(
                    path, entry, f"source '{source.name}': '{label}' already names '{other.name}'"
                )


def _refuse_cycles(path: Path, registry: SourceRegistry, sources: list[Source]) -> None:
    parents = {s.id: s.parent_id for s in registry.sources}
    for source in sources:
        if parent_loop(parents, source.id):
            raise entry_error(path, {}, f"source '{source.name}': parent chain loops")
