"""Claims files as entries: YAML, JSON or CSV read into one list of mappings.

Every entry carries the line it was written on (``LINE_KEY``), so that an error
in any field can name it. JSON keeps no positions; there the line of the
claim's ``"id"`` stands in. CSV writes a claim with several attributions as one
row per attribution, sharing the claim's id.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tracker.errors import located
from tracker.importers.reading import LINE_KEY, load_yaml, require_list

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


def parse_claims(path: Path, text: str) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _from_json(path, text)
    if suffix == ".csv":
        return _from_csv(path, text)
    return require_list(path, load_yaml(path, text), "claims")


def _from_json(path: Path, text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise located(path, f"malformed JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise located(path, "malformed JSON: nested too deeply") from None
    entries = require_list(path, data, "claims")
    lines = _id_lines(text)
    for entry in entries:
        # JSON keeps no positions; the line of the claim's id is the next best thing.
        entry[LINE_KEY] = lines.get(str(entry.get("id", "")))
    return entries


_ID_KEY = re.compile(r'"id"\s*:\s*')


def _id_lines(text: str) -> dict[str, int]:
    """The first line on which each ``"id": value`` is written, in one pass over the file."""
    decoder = json.JSONDecoder()
    out: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        for key in _ID_KEY.finditer(line):
            try:
                value, _ = decoder.raw_decode(line, key.end())
            except ValueError:
                continue
            if isinstance(value, str | int) and not isinstance(value, bool):
                out.setdefault(str(value), number)
    return out


def _from_csv(path: Path, text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _csv_claims(path, reader)
    except csv.Error as error:
        raise located(path, f"malformed CSV: {error}", reader.line_num or None) from None


def _csv_claims(path: Path, reader: csv.DictReader) -> list[dict]:
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise located(path, "CSV needs a header row with at least: id, subject, text, source", 1)
    claims: dict[str, dict] = {}
    for row in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if None in row:
            raise located(path, "more cells than header columns", line)
        if not values.get("id"):
            raise located(path, "missing required field 'id'", line)
        claim = claims.get(values["id"])
        if claim is None:
            claim = {LINE_KEY: line, "attributions": []}
            for key in CLAIM_FIELDS - {"attributions"}:
                if values.get(key):
                    claim[key] = values[key]
            claims[values["id"]] = claim
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
    return list(claims.values())
