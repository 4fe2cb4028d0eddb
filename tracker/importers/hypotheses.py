"""``hypotheses.yaml``, beside ``claims.yaml``: the case's hypotheses and their ratings.

    - id: sea-through-najin
      title: Munitions go to Russia by sea through Najin
      description: ...
      supports: [subject name, ...]      # optional: assertions here bear it out
      undermines: [subject name, ...]    # optional: assertions here tell against it
      ratings:
        - {claim: nis-shipments-about-10, rating: C}
        - {claim: dprk-denies-arms-deals, rating: I, note: "a denial by the accused"}

Importing adds or updates hypotheses and ratings; a rating the file does not mention is
kept (the analyst may have rated more since). ``hypotheses_yaml`` writes the same layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, col, select

from tracker.importers.reading import (
    entry_error,
    line_of,
    list_field,
    load_yaml,
    require_list,
    text_field,
    unknown_fields,
)
from tracker.models import RATINGS, Claim, Hypothesis, Rating, Subject

FIELDS = {"id", "title", "description", "supports", "undermines", "ratings"}
RATING_FIELDS = {"claim", "rating", "note"}


def import_hypotheses(session: Session, path: Path, text: str) -> tuple[dict[str, int], list[str]]:
    entries = require_list(path, load_yaml(path, text), "hypotheses")
    subjects = set(session.exec(select(Subject.name)))
    counts = {"hypotheses": 0, "hypotheses updated": 0, "ratings": 0, "ratings updated": 0}
    seen: dict[str, int] = {}
    for entry in entries:
        unknown_fields(path, entry, FIELDS)
        hypothesis_id = text_field(path, entry, "id", required=True)
        what = f"hypothesis '{hypothesis_id}': "
        if problem := hypothesis_id_problem(hypothesis_id):
            raise entry_error(path, entry, f"{what}{problem}")
        if hypothesis_id in seen:
            raise entry_error(
                path, entry, f"{what}listed twice (first on line {seen[hypothesis_id]})"
            )
        seen[hypothesis_id] = line_of(entry) or 0
        values: dict[str, Any] = {
            "title": text_field(path, entry, "title", required=True, what=what),
            "description": text_field(path, entry, "description", what=what),
            "supports": _subject_names(path, entry, "supports", subjects, what),
            "undermines": _subject_names(path, entry, "undermines", subjects, what),
        }
        row = session.get(Hypothesis, hypothesis_id)
        if row is None:
            session.add(Hypothesis(id=hypothesis_id, **values))
            counts["hypotheses"] += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            session.add(row)
            counts["hypotheses updated"] += 1
        session.flush()
        for item in list_field(path, entry, "ratings", what=what, mappings=True):
            _import_rating(session, path, entry, item, hypothesis_id, what, counts)
    return {k: n for k, n in counts.items() if n}, []


def hypothesis_id_problem(hypothesis_id: str) -> str | None:
    """What is wrong with a hypothesis id, or None (shared with the backup's checks)."""
    # The audit log names a rating "hypothesis/claim".
    return "an id may not contain '/'" if "/" in hypothesis_id else None


def rating_problem(rating: str) -> str | None:
    return None if rating in RATINGS else f"rating '{rating}' is not one of {', '.join(RATINGS)}"


def _subject_names(path: Path, entry: dict, key: str, subjects: set[str], what: str) -> list[str]:
    names = [str(n).strip() for n in list_field(path, entry, key, what=what)]
    for name in names:
        if name not in subjects:
            raise entry_error(path, entry, f"{what}{key}: no subject named '{name}'")
    return names


def _import_rating(
    session: Session,
    path: Path,
    entry: dict,
    item: object,
    hypothesis_id: str,
    what: str,
    counts: dict[str, int],
) -> None:
    if not isinstance(item, dict):
        raise entry_error(path, entry, f"{what}each rating must be a mapping with claim and rating")
    unknown_fields(path, item, RATING_FIELDS, what)
    claim_id = text_field(path, item, "claim", required=True, what=what)
    rating = text_field(path, item, "rating", required=True, what=what).upper()
    if problem := rating_problem(rating):
        raise entry_error(path, item, f"{what}claim '{claim_id}': {problem}")
    if session.get(Claim, claim_id) is None:
        raise entry_error(path, item, f"{what}no claim '{claim_id}'")
    note = text_field(path, item, "note", what=what) or None
    row = session.get(Rating, (hypothesis_id, claim_id))
    if row is None:
        session.add(
            Rating(hypothesis_id=hypothesis_id, claim_id=claim_id, rating=rating, note=note)
        )
        counts["ratings"] += 1
    elif (row.rating, row.note) != (rating, note):
        row.rating, row.note = rating, note
        session.add(row)
        counts["ratings updated"] += 1
    session.flush()


def hypotheses_yaml(session: Session) -> str:
    """The case's hypotheses and ratings in the layout ``import_hypotheses`` reads."""
    ratings: dict[str, list[Rating]] = {}
    for r in session.exec(select(Rating).order_by(col(Rating.claim_id))):
        ratings.setdefault(r.hypothesis_id, []).append(r)
    out = []
    for h in session.exec(select(Hypothesis).order_by(col(Hypothesis.id))):
        entry: dict = {"id": h.id, "title": h.title}
        if h.description:
            entry["description"] = h.description
        if h.supports:
            entry["supports"] = list(h.supports)
        if h.undermines:
            entry["undermines"] = list(h.undermines)
        entry["ratings"] = [
            {"claim": r.claim_id, "rating": r.rating, **({"note": r.note} if r.note else {})}
            for r in ratings.get(h.id, [])
        ]
        out.append(entry)
    return yaml.safe_dump(out, sort_keys=False, allow_unicode=True, width=100)
