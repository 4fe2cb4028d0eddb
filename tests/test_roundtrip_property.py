"""Any valid case survives `tracker export` and a restore into an empty database.

Hypothesis builds random cases through the models (so the audit log records
them as in real use), within the rules the importers hold files to (a restore
holds a backup to the same rules, see tests/test_backup_tampered.py): sources
with parents (forward references included, loops not), groups, grades and
aliases in odd unicode; documents with day,
month or interval dates and derivations; subjects; claims with and without
figures and periods; attributions; rejected suggestions; imported files and
extra audit entries. The backup is restored into a fresh database and every
row of every table must compare equal.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import SQLModel

from tests.conftest import snapshot
from tracker.backup import export_json, restore
from tracker.db import open_database, session_scope
from tracker.importers.sources import KINDS
from tracker.models import (
    Attribution,
    AuditEntry,
    Claim,
    Derivation,
    Document,
    ImportedFile,
    RejectedSuggestion,
    Source,
    Subject,
)


def _text(min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    # Every code point a str column can hold: controls, bidi overrides, astral planes.
    # Surrogates cannot be encoded at all; NUL is refused by the importers (and by
    # PostgreSQL), so a backup holding one is refused too.
    chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
    odd = st.sampled_from(["\u202e", "\x1b[31m", "[bold]x[/]", "e\u0301", "\U0001f600", "\r\n"])
    return st.lists(st.one_of(chars, odd), min_size=min_size, max_size=max_size).map("".join)


def _name() -> st.SearchStrategy[str]:
    """A text the importers require (names, ids, a claim's wording, a quote): not blank."""
    return _text(1).filter(lambda s: s.strip() != "")


_INT = st.integers(min_value=-(2**31), max_value=2**31 - 1)  # PostgreSQL INTEGER
# PostgreSQL's json type refuses Infinity, and every float lands in the audit log's JSON too.
_FINITE = st.floats(allow_nan=False, allow_infinity=False)
_DATE = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
_WHEN = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)


def _json_value() -> st.SearchStrategy[Any]:
    # Both databases store JSON only with finite numbers: a restore refuses others.
    leaf = st.one_of(st.none(), st.booleans(), _INT, _FINITE, _text())
    return st.recursive(
        leaf,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text(), inner, max_size=3),
        max_leaves=6,
    )


@dataclass
class Case:
    sources: list[dict]
    documents: list[dict]
    derivations: list[tuple[int, int]]
    subjects: list[dict]
    claims: list[dict]
    attributions: list[dict]
    rejected: list[dict]
    imported: list[dict]
    audit: list[dict]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    text = _text()
    opt = st.none() | text
    # Infinity would land in the audit log's JSON, which PostgreSQL refuses: so does a restore.
    real = _FINITE

    names = draw(st.lists(_name(), min_size=1, max_size=6, unique=True))
    n = len(names)
    sources = [
        {
            "name": name,
            "short": draw(opt),
            "aliases": draw(st.lists(text, max_size=3)),
            "kind": draw(st.sampled_from(KINDS)),
            "group": draw(opt),
            "reliability": draw(st.sampled_from("ABCDEF")),
            "version": draw(st.integers(1, 50)),
            # Any source, even a later one: loops are broken below.
            "parent": draw(st.none() | st.integers(0, n - 1)),
        }
        for name in names
    ]
    for index, spec in enumerate(sources):  # the importers refuse a parent chain that loops
        seen, current = {index}, spec["parent"]
        while current is not None and current not in seen:
            seen.add(current)
            current = sources[current]["parent"]
        if current is not None:
            spec["parent"] = None

    doc_ids = draw(st.lists(_name(), max_size=5, unique=True))
    documents = []
    for doc_id in doc_ids:
        first = draw(st.none() | _DATE)
        last = None if first is None else first + timedelta(days=draw(st.integers(0, 400)))
        if last is not None and last > date(9999, 12, 31):
            last = first
        documents.append(
            {
                "id": doc_id,
                "outlet": draw(st.none() | st.integers(0, n - 1)),
                "title": draw(text),
                "url": draw(opt),
                "authors": draw(st.lists(text, max_size=3)),
                "published_text": draw(opt),
                "published_first": first,
                "published_last": last,
                "published_precision": draw(
                    st.none() | st.sampled_from(["day", "month", "year", "interval", "datetime"])
                ),
                "text": draw(_text(max_size=60)),
                "content_hash": draw(text),
                "path": draw(opt),
                "version": draw(st.integers(1, 50)),
            }
        )
    d = len(documents)
    derivations = (
        draw(
            st.lists(
                st.tuples(st.integers(0, d - 1), st.integers(0, d - 1)).filter(
                    lambda p: p[0] != p[1]
                ),
                max_size=4,
                unique=True,
            )
        )
        if d > 1
        else []
    )

    subjects = [
        {"name": name, "cumulative": draw(st.booleans())}
        for name in draw(st.lists(_name(), min_size=1, max_size=3, unique=True))
    ]
    claims = []
    for claim_id in draw(st.lists(_name(), max_size=5, unique=True)):
        claim: dict[str, Any] = {
            "id": claim_id,
            "subject": draw(st.integers(0, len(subjects) - 1)),
            "text": draw(_name()),
            "stance": draw(st.sampled_from(["asserts", "denies"])),
            "hedge": draw(opt),
        }
        if draw(st.booleans()):  # with a figure, some ends open or missing
            claim |= {
                "quantity_text": draw(text),
                "qty_value": draw(st.none() | real),
                "qty_low": draw(st.none() | real),
                "qty_high": draw(st.none() | real),
                "qty_low_open": draw(st.booleans()),
                "qty_high_open": draw(st.booleans()),
                "qty_qualifier": draw(st.none() | st.sampled_from(["approx", "more_than"])),
                "qty_unit": draw(opt),
                "qty_item": draw(opt),
                "qty_per": draw(opt),
            }
        if draw(st.booleans()):  # with a period
            claim |= {
                "period_text": draw(text),
                "period_first": draw(st.none() | _DATE),
                "period_last": draw(st.none() | _DATE),
                "period_qualifier": draw(st.none() | st.sampled_from(["since", "in", "by"])),
                "period_granularity": draw(opt),
            }
        claims.append(claim)

    attributions = []
    if claims and documents:
        keys = draw(
            st.lists(
                st.tuples(
                    st.integers(0, len(claims) - 1),
                    st.integers(0, n - 1),
                    st.integers(0, d - 1),
                    _name(),
                ),
                max_size=6,
                unique=True,
            )
        )
        for c, s, doc, quote in keys:
            attributions.append(
                {
                    "claim": c,
                    "source": s,
                    "document": doc,
                    "quote": quote,
                    "start": draw(_INT),
                    "end": draw(_INT),
                    "prefix": draw(text),
                    "suffix": draw(text),
                    "hedge": draw(opt),
                }
            )
    rejected = []
    if documents:
        for doc, quote in draw(
            st.lists(st.tuples(st.integers(0, d - 1), text), max_size=3, unique=True)
        ):
            rejected.append(
                {
                    "document": doc,
                    "quote": quote,
                    "start": draw(_INT),
                    "end": draw(_INT),
                    "analyst": draw(text),
                    "rejected_at": draw(_WHEN),
                }
            )
    imported = [
        {"content_hash": h, "path": draw(text), "kind": draw(text), "imported_at": draw(_WHEN)}
        for h in draw(st.lists(_text(1), max_size=3, unique=True))
    ]
    audit = [
        {
            "at": draw(_WHEN),
            "analyst": draw(text),
            "action": draw(st.sampled_from(["insert", "update", "delete", "undo"])),
            "table_name": draw(text),
            "row_id": draw(text),
            "changes": draw(st.dictionaries(_text(), _json_value(), max_size=3)),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return Case(
        sources, documents, derivations, subjects, claims, attributions, rejected, imported, audit
    )


def build(engine: Any, case: Case) -> None:
    """The case written through the models (and their audit events), in a few transactions."""
    with session_scope(engine) as session:
        sources = [Source(**{k: v for k, v in s.items() if k != "parent"}) for s in case.sources]
        session.add_all(sources)
        session.flush()
        ids = [s.id for s in sources]
        documents = [
            Document(
                **{k: v for k, v in doc.items() if k != "outlet"},
                outlet_id=None if doc["outlet"] is None else ids[doc["outlet"]],
            )
            for doc in case.documents
        ]
        subjects = [Subject(**s) for s in case.subjects]
        session.add_all(documents + subjects)
        session.flush()
        session.add_all(
            Derivation(document_id=documents[a].id, derived_from_id=documents[b].id)
            for a, b in case.derivations
        )
        session.add_all(
            Claim(
                **{k: v for k, v in c.items() if k != "subject"},
                subject_id=subjects[c["subject"]].id,
            )
            for c in case.claims
        )
        session.flush()
        session.add_all(
            Attribution(
                **{k: v for k, v in a.items() if k not in ("claim", "source", "document")},
                claim_id=case.claims[a["claim"]]["id"],
                source_id=ids[a["source"]],
                document_id=documents[a["document"]].id,
            )
            for a in case.attributions
        )
        session.add_all(
            RejectedSuggestion(
                **{k: v for k, v in r.items() if k != "document"},
                document_id=documents[r["document"]].id,
            )
            for r in case.rejected
        )
        session.add_all(ImportedFile(**f) for f in case.imported)
        session.add_all(AuditEntry(**e) for e in case.audit)
    # Parents in a second transaction: updates (and their audit entries), cycles allowed.
    with session_scope(engine) as session:
        for own_id, spec in zip(ids, case.sources, strict=True):
            if spec["parent"] is not None:
                row = session.get(Source, own_id)
                assert row is not None
                row.parent_id = ids[spec["parent"]]


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database, copied per example (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_database(str(path)).dispose()
    return path


def _fresh(template: Path, directory: Path, name: str) -> Any:
    target = directory / name
    target.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(template, target)
    return open_database(str(target))


def _rows(engine: Any) -> dict[str, list[tuple]]:
    """Every column of every row, read straight from the tables (not through the export,
    so a column the export forgot cannot hide on both sides)."""
    out: dict[str, list[tuple]] = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            out[table.name] = [
                tuple(
                    value.astimezone(UTC) if isinstance(value, datetime) else value for value in row
                )
                for row in connection.execute(select(table).order_by(*order))
            ]
    return out


def _round_trip(original: Any, restored: Any) -> tuple[dict, dict]:
    backup = json.loads(export_json(original))  # through the JSON text, as the file is
    restore(restored, backup)
    assert _rows(restored) == _rows(original)
    return snapshot(original), snapshot(restored)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases())
def test_any_case_survives_export_and_restore(
    case: Case, empty_template: Path, tmp_path: Path
) -> None:
    original = _fresh(empty_template, tmp_path, "original.sqlite")
    restored = _fresh(empty_template, tmp_path, "restored.sqlite")
    try:
        build(original, case)
        before, after = _round_trip(original, restored)
        assert after == before
        # The audit log made while building is part of what is restored, not re-recorded.
        assert len(after["auditentry"]) >= len(case.sources) + len(case.audit)
    finally:
        original.dispose()
        restored.dispose()


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=cases())
def test_a_case_built_on_sqlite_restores_on_postgresql(
    case: Case, empty_template: Path, tmp_path: Path, pg_database_url: str
) -> None:
    original = _fresh(empty_template, tmp_path, "original.sqlite")
    restored = open_database(pg_database_url)
    try:
        build(original, case)
        # Each example needs an empty database: clear what the previous one restored.
        from sqlalchemy import delete

        from tracker.backup import _tables

        with restored.begin() as connection:
            for table in reversed(_tables()):
                connection.execute(delete(table))
        before, after = _round_trip(original, restored)
        assert after == before
    finally:
        original.dispose()
        restored.dispose()


def test_offsets_of_other_zones_are_kept_as_the_same_instant(
    empty_template: Path, tmp_path: Path
) -> None:
    """An audit time written with another UTC offset restores as the same instant."""
    original = _fresh(empty_template, tmp_path, "original.sqlite")
    restored = _fresh(empty_template, tmp_path, "restored.sqlite")
    seoul = datetime(2023, 12, 27, 9, 30, tzinfo=timezone(timedelta(hours=9)))
    with session_scope(original) as session:
        session.add(
            AuditEntry(
                at=seoul, analyst="kim", action="insert", table_name="claim", row_id="x", changes={}
            )
        )
    before, after = _round_trip(original, restored)
    assert after == before
    assert after["auditentry"][0]["at"].startswith("2023-12-27T00:30")
