"""Claims files as entries: YAML, JSON or CSV read one claim at a time.

Every entry carries the line it was written on (``LINE_KEY``), so that an error
in any field can name it. JSON keeps no positions; there the line of the
claim's ``"id"`` stands in. CSV writes a claim with several attributions as one
row per attribution, sharing the claim's id.

A file is read twice, never held whole: ``survey`` reads every id (each line,
duplicates refused, the count for progress) before anything is written, then
``claim_entries`` again for the writing. 100,000 claims take the memory of their
ids, not of the parsed file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tracker.errors import UserError, located
from tracker.importers.reading import LINE_KEY, _short, entry_error, line_of, text_field
from tracker.importers.streaming import json_items, open_text, yaml_items

# Fields a claim and an attribution may carry (DOMAIN §5).
CLAIM_FIELDS = {
    "id",
    "subject",
    "cumulative",
    "text",
    "stance",
    "hedge",
    "quantity",
    "period",
    "attributions",
}
ATTRIBUTION_FIELDS = {"source", "document", "quote", "hedge"}
CSV_ATTRIBUTION_HEDGE = "attribution_hedge"


@dataclass
class Survey:
    """What a first reading of a claims file found: each claim id with its line."""

    lines: dict[str, int | None] = field(default_factory=dict)
    # CSV ids whose rows are not all together: their claims are gathered whole, and
    # given after the others, in the writing pass.
    scattered: set[str] = field(default_factory=set)


def survey(path: Path) -> Survey:
    found = Survey()
    rows_of_one_claim = path.suffix.lower() == ".csv"
    for entry in claim_entries(path):
        claim_id = text_field(path, entry, "id", required=True)
        if claim_id not in found.lines:
            found.lines[claim_id] = line_of(entry)
        elif rows_of_one_claim:
            found.scattered.add(claim_id)
        else:
            first = found.lines[claim_id]
            where = f" (first on line {first})" if first is not None else ""
            raise entry_error(path, entry, f"claim '{claim_id}' is listed twice{where}")
    return found


def claim_entries(path: Path, scattered: set[str] | frozenset[str] = frozenset()) -> Iterator[dict]:
    """The file's claims, one mapping at a time, in the order written."""
    suffix = path.suffix.lower()
    with open_text(path, "" if suffix in (".json", ".csv") else None) as stream:
        items: Iterator[Any]
        if suffix == ".json":
            items = json_items(path, stream, "claims")
        elif suffix == ".csv":
            items = _from_csv(path, stream, scattered)
        else:
            items = yaml_items(path, stream, "claims")
        try:
            for item in items:
                if not isinstance(item, dict):
                    got = _short(item)
                    raise UserError(f"{path}: each of the claims must be a mapping, got {got}")
                yield item
        except UnicodeDecodeError:  # changed since its bytes were checked
            raise located(path, "not UTF-8 text") from None


def _from_csv(path: Path, stream: IO[str], scattered: set[str] | frozenset[str]) -> Iterator[dict]:
    reader = csv.DictReader(stream)
    try:
        yield from _csv_claims(path, reader, scattered)
    except csv.Error as error:
        raise located(path, f"malformed CSV: {error}", reader.line_num or None) from None


def _csv_claims(
    path: Path, reader: csv.DictReader, scattered: set[str] | frozenset[str]
) -> Iterator[dict]:
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise located(path, "CSV needs a header row with at least: id, subject, text, source", 1)
    claim: dict | None = None
    held: dict[str, dict] = {}
    for row in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if None in row:
            raise located(path, "more cells than header columns", line)
        claim_id = values.get("id")
        if not claim_id:
            raise located(path, "missing required field 'id'", line)
        if claim is None or claim["id"] != claim_id:
            if claim is not None and claim["id"] not in scattered:
                yield claim
            claim = held.get(claim_id) or _csv_claim(values, line)
            if claim_id in scattered:
                held[claim_id] = claim
        if values.get("source") or values.get("document") or values.get("quote"):
            claim["attributions"].append(
                {
                    LINE_KEY: line,
                    "source": values.get("source"),
                    "document": values.get("document"),
                    "quote": values.get("quote"),
                    "hedge": values.get(CSV_ATTRIBUTION_HEDGE) or None,
                }
            )
    if claim is not None and claim["id"] not in scattered:
        yield claim
    yield from held.values()


def _csv_claim(values: dict[str, str], line: int) -> dict:
    claim: dict = {LINE_KEY: line, "attributions": []}
    for key in CLAIM_FIELDS - {"attributions"}:
        if values.get(key):
            claim[key] = values[key]
    return claim
