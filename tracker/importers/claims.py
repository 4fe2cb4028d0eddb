"""Claims files (``.yaml``, ``.json``, ``.csv``): claims with their attributions.

Each attribution's source is resolved through the registry (a near-certain
fuzzy match is used and reported; anything less is an error listing the
closest), and its quote must be found verbatim in its document. The claim's
quantity and period texts are normalized against the publication date of the
first attribution's document; the raw text is always kept.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from tracker.anchoring import closest_passage, find_quote
from tracker.errors import UserError, located
from tracker.figures import document_anchor, write_period, write_quantity
from tracker.importers.reading import (
    LINE_KEY,
    entry_error,
    list_field,
    load_yaml,
    require_list,
    text_field,
    unknown_fields,
)
from tracker.models import STANCES, Attribution, Claim, Document, Subject
from tracker.registry import NEAR_CERTAIN, SourceRegistry

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
# A quote is a sentence or a paragraph. Finding a closest passage for a much longer one
# takes time growing with its length times the document's, so it is refused first.
MAX_QUOTE_CHARS = 5000
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
    lines = text.splitlines()
    for entry in entries:
        # JSON keeps no positions; the line of the claim's id is the next best thing.
        needle = json.dumps(str(entry.get("id", "")))
        entry[LINE_KEY] = next(
            (n for n, line in enumerate(lines, 1) if needle in line and '"id"' in line), None
        )
    return entries


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


def _boolean(path: Path, entry: dict, key: str) -> bool | None:
    value = entry.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise entry_error(path, entry, f"field '{key}' must be true or false, not {value!r}")


def import_claims(session: Session, path: Path, text: str) -> tuple[dict[str, int], list[str]]:
    entries = parse_claims(path, text)
    registry = SourceRegistry.from_session(session)
    notes: list[str] = []
    counts = {"claims": 0, "claims updated": 0, "attributions": 0}
    seen: set[str] = set()
    for entry in entries:
        claim_id = text_field(path, entry, "id", required=True)
        if claim_id in seen:
            raise entry_error(path, entry, f"claim '{claim_id}' is listed twice")
        seen.add(claim_id)
        _store_claim(session, path, entry, claim_id, registry, notes, counts)
    return counts, notes


def _store_claim(
    session: Session,
    path: Path,
    entry: dict,
    claim_id: str,
    registry: SourceRegistry,
    notes: list[str],
    counts: dict[str, int],
) -> None:
    what = f"claim '{claim_id}': "
    unknown_fields(path, entry, CLAIM_FIELDS, what)
    subject_name = text_field(path, entry, "subject", required=True, what=what)
    wording = text_field(path, entry, "text", required=True, what=what)
    stance = text_field(path, entry, "stance", what=what) or "asserts"
    if stance not in STANCES:
        raise entry_error(path, entry, f"{what}stance '{stance}' is not one of {STANCES}")
    raw_attributions = list_field(path, entry, "attributions", what=what, mappings=True)
    if not raw_attributions:
        raise entry_error(path, entry, f"{what}missing required field 'attributions'")

    resolved = [
        _resolve_attribution(session, path, entry, claim_id, raw, registry, notes)
        for raw in raw_attributions
    ]
    subject = session.exec(select(Subject).where(Subject.name == subject_name)).first()
    if subject is None:
        subject = Subject(name=subject_name)
    cumulative = _boolean(path, entry, "cumulative")
    if cumulative is not None:
        subject.cumulative = cumulative
    session.add(subject)
    session.flush()

    claim = session.get(Claim, claim_id)
    existed = claim is not None
    if claim is None:
        claim = Claim(id=claim_id, subject_id=subject.id or 0, text=wording)
        counts["claims"] += 1
    claim.subject_id = subject.id or 0
    claim.text = wording
    claim.stance = stance
    claim.hedge = text_field(path, entry, "hedge", what=what) or None
    first_document = resolved[0][1]
    _normalize_into(
        claim,
        text_field(path, entry, "quantity", what=what) or None,
        text_field(path, entry, "period", what=what) or None,
        first_document,
        notes,
        path,
    )
    session.add(claim)
    # A claim written again with the same values is not an update: two importers
    # racing on one file must not both report it, and a re-import must say unchanged.
    changed = existed and session.is_modified(claim)
    session.flush()

    existing = session.exec(select(Attribution).where(Attribution.claim_id == claim_id)).all()
    by_key = {(a.source_id, a.document_id, a.quote): a for a in existing}
    for source_id, document, quote, anchor, hedge in resolved:
        attribution = by_key.get((source_id, document.id, quote))
        if attribution is None:
            attribution = Attribution(
                claim_id=claim_id,
                source_id=source_id,
                document_id=document.id,
                quote=quote,
                start=anchor.start,
                end=anchor.end,
            )
            counts["attributions"] += 1
            changed = existed
        attribution.start, attribution.end = anchor.start, anchor.end
        attribution.prefix, attribution.suffix = anchor.prefix, anchor.suffix
        attribution.hedge = hedge
        session.add(attribution)
        changed = changed or (existed and session.is_modified(attribution))
        by_key[(source_id, document.id, quote)] = attribution
    session.flush()
    if changed:
        counts["claims updated"] += 1


def _resolve_attribution(
    session: Session,
    path: Path,
    entry: dict,
    claim_id: str,
    raw: Any,
    registry: SourceRegistry,
    notes: list[str],
) -> tuple[int, Document, str, Any, str | None]:
    what = f"claim '{claim_id}': attribution: "
    if not isinstance(raw, dict):
        raise entry_error(path, entry, f"{what}must be a mapping with source, document, quote")
    # JSON attributions carry no line of their own: errors point at their claim's line.
    where = raw if raw.get(LINE_KEY) else raw | {LINE_KEY: entry.get(LINE_KEY)}
    unknown_fields(path, where, ATTRIBUTION_FIELDS, what)
    source_text = text_field(path, where, "source", required=True, what=what)
    document_id = text_field(path, where, "document", required=True, what=what)
    quote = text_field(path, where, "quote", required=True, what=what)
    if len(quote) > MAX_QUOTE_CHARS:
        raise entry_error(
            path, where, f"{what}quote is {len(quote)} characters, above {MAX_QUOTE_CHARS}"
        )
    match = registry.resolve(source_text)
    if match.source is None or match.source.id is None:
        close = bool(match.candidates) and match.candidates[0][1] >= NEAR_CERTAIN
        kind = "ambiguous" if match.exact or close else "unknown"
        raise entry_error(
            path, where, f"{what}{kind} source '{source_text}'; {match.describe_candidates()}"
        )
    if not match.exact:
        notes.append(
            f"{path}: source '{source_text}' of claim '{claim_id}' read as "
            f"'{match.source.name}' (match {match.score:.0f})"
        )
    document = session.get(Document, document_id)
    if document is None:
        known = session.exec(select(Document.id)).all()
        hint = f" (known: {', '.join(sorted(known)[:8])})" if known else " (no documents yet)"
        raise entry_error(path, where, f"{what}unknown document '{document_id}'{hint}")
    anchor = find_quote(document.text, quote)
    if anchor is None:
        passage = closest_passage(document.text, quote)
        raise entry_error(
            path,
            where,
            f"claim '{claim_id}': quote not found in document '{document_id}'; "
            f"closest passage: {passage[:200]!r}",
        )
    hedge = text_field(path, where, "hedge", what=what) or None
    return match.source.id, document, quote, anchor, hedge


def _normalize_into(
    claim: Claim,
    quantity_text: str | None,
    period_text: str | None,
    document: Document,
    notes: list[str],
    path: Path,
) -> None:
    claim.quantity_text, claim.period_text = quantity_text, period_text
    write_quantity(claim, None)
    write_period(claim, None)
    anchor = document_anchor(document)
    if anchor is None:
        return
    from tracker.normalize import normalize

    if quantity_text:
        quantities = _normalized(normalize, quantity_text, anchor, notes, path, "quantities")
        write_quantity(claim, quantities[0] if quantities else None)
    if period_text:
        times = _normalized(normalize, period_text, anchor, notes, path, "times")
        write_period(claim, times[0] if times else None)


def _normalized(normalize, text, anchor, notes, path, part):  # type: ignore[no-untyped-def]
    """The normalizer's spans, or [] (raw text only) when it cannot yet read them."""
    try:
        return list(getattr(normalize(text, anchor), part))
    except NotImplementedError:
        return []
    except UserError:
        raise
    except Exception as error:  # a normalizer bug must not lose the analyst's curated claim
        notes.append(f"{path}: could not normalize {text!r}: {type(error).__name__}: {error}")
        return []
