"""A backup's rows, checked before anything is written: every row, every field.

A backup is case data like any other: its rows are held to the rules the files
they came from were read with (the importers' own validators: grades, kinds,
stances, required texts, lists of texts, parent chains without loops), to the
column types of the schema (no bare number for a date, no boolean for a count,
no integer beyond what the column holds) and to its keys (unique ids, parents
and documents that exist). The first problem is one line naming the table,
the row (1-based, as listed) and the field; nothing is written.
"""

from __future__ import annotations

import base64
import math
import reprlib
import typing
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, LargeBinary, String, Table
from sqlalchemy import UniqueConstraint as Unique
from sqlmodel import SQLModel

from tracker.errors import UserError, located
from tracker.importers.claims import stance_problem
from tracker.importers.hypotheses import hypothesis_id_problem, rating_problem
from tracker.importers.reading import list_field, text_field, unstorable
from tracker.importers.sources import grade_problem, kind_problem, parent_loop

# PostgreSQL's INTEGER (SQLite would take 64 bits, but a backup must restore on both).
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
# JSON values (the audit log's changes) deeper than this are not something we wrote.
MAX_DEPTH = 32

# Texts the importers require (a file without them is refused): (table, column).
_REQUIRED_TEXT = {
    ("source", "name"),
    ("document", "id"),
    ("subject", "name"),
    ("claim", "id"),
    ("claim", "text"),
    ("attribution", "quote"),
    ("hypothesis", "id"),
    ("hypothesis", "title"),
}


class RowProblem(Exception):
    """A field's problem, before it is placed (table, row) in a UserError."""


def checked_rows(tables: list[Table], given: Any, where: str) -> dict[str, list[dict]]:
    """Every table's rows as typed values ready to insert, or a UserError for the first fault."""
    if not isinstance(given, dict):
        raise located(where, "backup has no 'tables'")
    if not given:
        raise located(where, "backup has no tables (an empty 'tables'): nothing to restore")
    known = {t.name for t in tables}
    for name in given:
        if name not in known:
            raise located(where, f"unknown table {short(name)} (not in this tracker's schema)")
    out: dict[str, list[dict]] = {}
    for table in tables:
        if table.name not in given:
            raise located(where, f"table '{table.name}' is missing")
        rows = given[table.name]
        if not isinstance(rows, list):
            raise located(where, f"table '{table.name}': rows must be a list, not {_kind(rows)}")
        out[table.name] = [_row(table, row, number, where) for number, row in enumerate(rows, 1)]
    _keys(tables, out, where)
    _parent_chains(out, where)
    return out


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, int | float) else "null"
    )


def _row(table: Table, row: Any, number: int, where: str) -> dict:
    what = f"table '{table.name}', row {number}: "
    if not isinstance(row, dict):
        raise located(where, f"{what}must be an object, not {_kind(row)}")
    columns = {c.name: c for c in table.columns}
    for key in row:
        if key not in columns:
            raise located(where, f"{what}unknown column {short(key)}")
    typed: dict[str, Any] = {}
    for name, column in columns.items():
        if name not in row:
            raise located(where, f"{what}missing field '{name}'")
        try:
            typed[name] = _value(table.name, column, row[name])
        except RowProblem as problem:
            raise located(where, f"{what}field '{name}': {problem}") from None
    _rules(table.name, row, typed, what, where)
    return typed


def _value(table: str, column: Any, value: Any) -> Any:
    """The column's Python value, by its type; RowProblem when the JSON does not fit it."""
    if value is None:
        if not column.nullable:
            raise RowProblem("must not be null")
        return None
    kind = getattr(column.type, "impl", column.type)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise RowProblem(f"must be true or false, not {_kind(value)}")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise RowProblem(f"must be a whole number, not {_kind(value)}")
        if not INT_MIN <= value <= INT_MAX:
            raise RowProblem(f"{short(value)} is beyond what the column holds (32 bits)")
        return value
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RowProblem(f"must be a number, not {_kind(value)}")
        if isinstance(value, float) and math.isnan(value):
            raise RowProblem("NaN is not a number that can be stored")
        try:
            exact = float(value) == value
        except OverflowError:
            exact = False
        if not exact:
            raise RowProblem(f"{short(value)} cannot be held exactly as a decimal number")
        return float(value)
    if isinstance(kind, DateTime | Date):
        return _when(kind, value)
    if isinstance(kind, JSON):
        return _json(table, column.name, value)
    if isinstance(kind, LargeBinary):  # a snapshot's bytes, written as base64
        if not isinstance(value, str):
            raise RowProblem(f"must be base64 text, not {_kind(value)}")
        try:
            return base64.b64decode(value, validate=True)
        except (ValueError, TypeError):
            raise RowProblem("not base64") from None
    if isinstance(kind, String):
        if not isinstance(value, str):
            raise RowProblem(f"must be text, not {_kind(value)}")
        if problem := unstorable(value):
            raise RowProblem(problem)
        return value
    raise AssertionError(f"no rule for column type {kind!r}")  # pragma: no cover


def short(value: Any) -> str:
    """A value as the error line shows it: a few characters, never a whole nested row."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a number of {value.bit_length()} bits"  # repr() refuses above 4300 digits
    return reprlib.repr(value)[:60]


def _when(kind: Any, value: Any) -> date | datetime:
    what = "a date (YYYY-MM-DD)" if not isinstance(kind, DateTime) else "a date and time (ISO)"
    if not isinstance(value, str):
        raise RowProblem(f"must be {what}, not {_kind(value)}")
    try:
        if isinstance(kind, DateTime):
            return datetime.fromisoformat(value)
        parsed = date.fromisoformat(value)
    except ValueError:
        raise RowProblem(f"{short(value)} is not {what}") from None
    if parsed.isoformat() != value:  # "20231227" parses too, but is not how we write dates
        raise RowProblem(f"{short(value)} is not {what}")
    return parsed


def _json(table: str, name: str, value: Any) -> Any:
    model = next(m for m in SQLModel.__subclasses__() if getattr(m, "__tablename__", "") == table)
    wanted = typing.get_origin(model.model_fields[name].annotation) or dict
    if wanted is list:
        if not isinstance(value, list):
            raise RowProblem(f"must be a list of texts, not {_kind(value)}")
        try:  # the importers' rule for aliases and authors
            list_field("", {name: value}, name)  # type: ignore[arg-type]
        except UserError as error:
            raise RowProblem(error.message.removeprefix(": ")) from None
        return value
    if not isinstance(value, dict):
        raise RowProblem(f"must be an object, not {_kind(value)}")
    _plain_json(value, 0)
    return value


def _plain_json(value: Any, depth: int) -> None:
    """JSON both databases store as written: finite numbers, storable texts, bounded depth."""
    if depth > MAX_DEPTH:
        raise RowProblem(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        if problem := unstorable(value):
            raise RowProblem(problem)
    elif isinstance(value, float) and not math.isfinite(value):
        raise RowProblem(f"{value!r} is not a number JSON can store")
    elif isinstance(value, list):
        for item in value:
            _plain_json(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _plain_json(key, depth + 1)
            _plain_json(item, depth + 1)


def _rules(table: str, row: dict, typed: dict, what: str, where: str) -> None:
    """The importers' rules for what a row holds (their own validators, not a copy)."""
    for t, name in _REQUIRED_TEXT:
        if t == table:
            text_field(where, row, name, required=True, what=what)  # type: ignore[arg-type]
    problem = None
    if table == "source":
        problem = _field("kind", kind_problem(typed["kind"])) or _field(
            "reliability", grade_problem(typed["reliability"])
        )
    elif table == "claim":
        problem = _field("stance", stance_problem(typed["stance"]))
    elif table == "hypothesis":
        problem = _field("id", hypothesis_id_problem(typed["id"]))
    elif table == "rating":
        problem = _field("rating", rating_problem(typed["rating"]))
    elif table == "derivation" and typed["document_id"] == typed["derived_from_id"]:
        problem = "field 'derived_from_id': a document cannot be derived from itself"
    if problem:
        raise located(where, f"{what}{problem}")


def _field(name: str, problem: str | None) -> str | None:
    return f"field '{name}': {problem}" if problem else None


def _keys(tables: list[Table], rows: dict[str, list[dict]], where: str) -> None:
    """Unique keys unique, and every reference to a row that the backup holds."""
    for table in tables:
        uniques = [tuple(c.name for c in table.primary_key.columns)]
        uniques += [
            tuple(c.name for c in u.columns) for u in table.constraints if isinstance(u, Unique)
        ]
        uniques += [tuple(c.name for c in i.columns) for i in table.indexes if i.unique]
        for names in uniques:
            seen: dict[tuple, int] = {}
            for number, row in enumerate(rows[table.name], 1):
                key = tuple(row[n] for n in names)
                if None in key:
                    continue
                if key in seen:
                    raise located(
                        where,
                        f"table '{table.name}', row {number}: field '{names[-1]}': "
                        f"{_show(key)} is already used by row {seen[key]}",
                    )
                seen[key] = number
        for fk in table.foreign_keys:
            target = fk.column
            present = {row[target.name] for row in rows[target.table.name]}
            for number, row in enumerate(rows[table.name], 1):
                value = row[fk.parent.name]
                if value is not None and value not in present:
                    raise located(
                        where,
                        f"table '{table.name}', row {number}: field '{fk.parent.name}': "
                        f"no {target.table.name} with {target.name} {short(value)}",
                    )


def _show(key: tuple) -> str:
    return short(key[0]) if len(key) == 1 else short(key)


def _parent_chains(rows: dict[str, list[dict]], where: str) -> None:
    parents = {row["id"]: row["parent_id"] for row in rows["source"]}
    for number, row in enumerate(rows["source"], 1):
        if parent_loop(parents, row["id"]):
            raise located(
                where,
                f"table 'source', row {number}: field 'parent_id': "
                f"source '{row['name'][:60]}': parent chain loops",
            )
