"""A tampered backup is refused in one line naming table, row and field, and nothing is written.

A backup is held to the rules its files were read with: a reliability the
sources importer refuses, a stance the claims importer refuses, aliases that
are not a list, NUL in a text, a parent chain that loops; to the schema's
column types; and to its own keys. Hypothesis then tampers with a valid backup
at random: every mutation is restored exactly or refused in one line, with
the database unchanged.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import DateTime, Float
from sqlalchemy.engine import Engine

from tests.conftest import SMALL_BLOOMBERG, SMALL_CLAIMS, SMALL_EUROMAIDAN, SMALL_SOURCES, snapshot
from tracker.backup import _tables, export_case, restore
from tracker.db import open_database
from tracker.errors import UserError
from tracker.importers import import_paths
from tracker.migrations import head_revision


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database, copied for each restore (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_database(str(path)).dispose()
    return path


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory, template: Path) -> dict:
    """The backup of a small real case: sources with a parent, two articles, claims, audit."""
    case = tmp_path_factory.mktemp("case")
    (case / "sources.yaml").write_text(SMALL_SOURCES, encoding="utf-8")
    (case / "bloomberg.md").write_text(SMALL_BLOOMBERG, encoding="utf-8")
    (case / "euromaidan.md").write_text(SMALL_EUROMAIDAN, encoding="utf-8")
    (case / "claims.yaml").write_text(SMALL_CLAIMS, encoding="utf-8")
    engine = _fresh(template, case, "original.sqlite")
    assert import_paths(engine, [case]).ok
    backup = json.loads(json.dumps(export_case(engine)))  # as read back from the file
    engine.dispose()
    return backup


def _fresh(template: Path, directory: Path, name: str) -> Engine:
    target = directory / name
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(template, target)
    return open_database(str(target))


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


def _set(path: tuple, value: Any) -> Any:
    def mutate(backup: dict) -> None:
        target: Any = backup
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _rated(rating: str) -> Any:
    def mutate(backup: dict) -> None:
        backup["tables"]["hypothesis"].append(
            {
                "id": "h1",
                "title": "Rail, not sea",
                "description": "",
                "supports": [],
                "undermines": [],
            }
        )
        backup["tables"]["rating"].append(
            {"hypothesis_id": "h1", "claim_id": "nis-shipments", "rating": rating, "note": None}
        )

    return mutate


# (what is tampered, how, the line expected after "FILE: "), written out by hand.
TAMPERED = [
    (
        "a reliability the sources importer refuses",
        _set(("tables", "source", 0, "reliability"), "Z"),
        "table 'source', row 1: field 'reliability': reliability 'Z' is not a grade A-F",
    ),
    (
        "a stance the claims importer refuses",
        _set(("tables", "claim", 0, "stance"), "maybe"),
        "table 'claim', row 1: field 'stance': stance 'maybe' is not one of ('asserts', 'denies')",
    ),
    (
        "aliases that are not a list",
        _set(("tables", "source", 1, "aliases"), "The White House"),
        "table 'source', row 2: field 'aliases': must be a list of texts, not text",
    ),
    (
        "an alias that is not text",
        _set(("tables", "source", 1, "aliases"), [["The White House"]]),
        "table 'source', row 2: field 'aliases': each item of 'aliases' must be text, "
        "got ['The White House']",
    ),
    (
        "NUL in a claim's wording",
        _set(("tables", "claim", 0, "text"), "About 10\x00 shipments"),
        "table 'claim', row 1: field 'text': contains a NUL character",
    ),
    (
        "a parent chain that loops (the White House's parent made its child)",
        _set(("tables", "source", 0, "parent_id"), 2),
        "table 'source', row 1: field 'parent_id': source 'United States government': "
        "parent chain loops",
    ),
    (
        "an empty 'tables'",
        _set(("tables",), {}),
        "backup has no tables (an empty 'tables'): nothing to restore",
    ),
    (
        "a date written as a number",
        _set(("tables", "document", 0, "published_first"), 20231227),
        "table 'document', row 1: field 'published_first': must be a date (YYYY-MM-DD), "
        "not a number",
    ),
    (
        "a date in another layout",
        _set(("tables", "document", 0, "published_first"), "27/12/2023"),
        "table 'document', row 1: field 'published_first': '27/12/2023' is not a date (YYYY-MM-DD)",
    ),
    (
        "a boolean written as text",
        _set(("tables", "subject", 0, "cumulative"), "yes"),
        "table 'subject', row 1: field 'cumulative': must be true or false, not text",
    ),
    (
        "an offset written as text",
        _set(("tables", "attribution", 0, "start"), "12"),
        "table 'attribution', row 1: field 'start': must be a whole number, not text",
    ),
    (
        "an integer beyond 64 bits",
        _set(("tables", "attribution", 0, "end"), 2**70),
        "table 'attribution', row 1: field 'end': a number of 71 bits is beyond what the "
        "column holds (32 bits)",
    ),
    (
        "a figure written as a word",
        _set(("tables", "claim", 0, "qty_value"), "ten"),
        "table 'claim', row 1: field 'qty_value': must be a number, not text",
    ),
    (
        "a name that is a number",
        _set(("tables", "source", 0, "name"), 5),
        "table 'source', row 1: field 'name': must be text, not a number",
    ),
    (
        "a blank claim wording",
        _set(("tables", "claim", 0, "text"), "  "),
        "table 'claim', row 1: missing required field 'text'",
    ),
    (
        "a row that is not an object",
        _set(("tables", "source", 0), ["United States government"]),
        "table 'source', row 1: must be an object, not a list",
    ),
    (
        "an audit entry nested deeper than anything we write",
        _set(("tables", "auditentry", 0, "changes"), {"aliases": _nested(40)}),
        "table 'auditentry', row 1: field 'changes': nested more than 32 levels deep",
    ),
    (
        "an unknown table",
        _set(("tables", "hunches"), []),
        "unknown table 'hunches' (not in this tracker's schema)",
    ),
    (
        "a table left out",
        lambda backup: backup["tables"].pop("subject"),
        "table 'subject' is missing",
    ),
    (
        "a schema newer than ours",
        _set(("schema",), "0099"),
        f"backup schema '0099' is not one this tracker knows (newest: {head_revision()!r}): "
        "made by a newer tracker; upgrade tracker",
    ),
    (
        "an attribution of a claim the backup lacks",
        _set(("tables", "attribution", 0, "claim_id"), "no-such-claim"),
        "table 'attribution', row 1: field 'claim_id': no claim with id 'no-such-claim'",
    ),
    (
        "a rating the hypotheses importer refuses",
        _rated("X"),
        "table 'rating', row 1: field 'rating': rating 'X' is not one of CC, C, N, I, II",
    ),
    (
        "two sources of one name",
        _set(("tables", "source", 1, "name"), "United States government"),
        "table 'source', row 2: field 'name': 'United States government' is already used by row 1",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [t[1:] for t in TAMPERED], ids=[t[0] for t in TAMPERED]
)
def test_a_tampered_backup_is_refused_in_one_line(
    valid: dict, template: Path, tmp_path: Path, mutate: Any, expected: str
) -> None:
    tampered = copy.deepcopy(valid)
    mutate(tampered)
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(tampered), encoding="utf-8")
    engine = _fresh(template, tmp_path, "restored.sqlite")
    before = snapshot(engine)
    (failed,) = import_paths(engine, [backup]).failed
    assert failed.error == f"{backup}: {expected}"
    assert snapshot(engine) == before
    engine.dispose()


def test_a_backup_nested_beyond_the_json_reader_is_one_line_from_the_cli(
    template: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "deep.json"
    backup.write_text(
        '{"format": "tracker-backup", "version": 1, "tables": ' + "[" * 100_000 + "]" * 100_000,
        encoding="utf-8",
    )
    database = tmp_path / "restored.sqlite"
    shutil.copy(template, database)
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(database), "import", str(backup)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == f"tracker: {backup}: not a readable backup: nested too deeply\n"
    assert "Traceback" not in done.stdout


# Values a hostile or clumsy hand writes into a backup, beside whatever hypothesis invents.
_ODD = st.sampled_from(
    [
        "Z",
        "maybe",
        "",
        " ",
        "\x00",
        "\ud800",
        "2023-12-27",
        "20231227",
        "2023-12-27T09:30:00+09:00",
        2**31,
        2**63,
        -(2**64),
        10**400,
        float("nan"),
        float("inf"),
        True,
        0,
        -1,
        1.5,
    ]
)
_LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8), _ODD)
_VALUE = st.recursive(
    _LEAF,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*path, index))
    return out


def _tamper(data: st.DataObject, backup: dict) -> None:
    path = data.draw(st.sampled_from(_paths(backup)))
    parent: Any = backup
    for key in path[:-1]:
        parent = parent[key]
    action = data.draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
    if action == "replace":
        parent[path[-1]] = data.draw(_VALUE)
    elif action == "delete":
        del parent[path[-1]]
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[path[-1]]))
    elif isinstance(parent, dict):
        parent[data.draw(st.text(max_size=8))] = data.draw(_VALUE)
    else:
        parent.insert(path[-1], data.draw(_VALUE))


def _canonical(tables: dict) -> dict:
    """Rows as values: a figure 5 is 5.0, a time is its instant; rows in any order."""
    out = {}
    for table in _tables():
        rows = []
        for row in tables[table.name]:
            canon = {}
            for column in table.columns:
                value = row[column.name]
                if value is not None and isinstance(column.type, DateTime):
                    when = datetime.fromisoformat(value)
                    value = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)
                elif value is not None and isinstance(column.type, Float):
                    value = float(value)
                canon[column.name] = value
            rows.append(canon)
        out[table.name] = sorted(rows, key=repr)
    return out


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_tampered_backup_is_restored_exactly_or_refused_in_one_line(
    data: st.DataObject, valid: dict, template: Path, tmp_path: Path
) -> None:
    tampered = copy.deepcopy(valid)
    for _ in range(data.draw(st.integers(1, 3))):
        _tamper(data, tampered)
    engine = _fresh(template, tmp_path, "restored.sqlite")
    try:
        before = snapshot(engine)
        try:
            restore(engine, tampered, "backup.json")
        except UserError as error:
            event("refused")
            assert "\n" not in error.message
            assert error.message.startswith("backup.json: ")
            assert snapshot(engine) == before
        else:
            event("restored")
            assert _canonical(export_case(engine)["tables"]) == _canonical(tampered["tables"])
    finally:
        engine.dispose()
