"""The brief lists as contradictions exactly the pairs scoring's ``contradicted_by`` names.

The brief finds them without building each claim's explanation (see
tracker/brief/contradictions.py); here they are checked against the explanations
themselves, on imported synthetic cases where few independence groups carry many
claims, so that the per-origin cap on named claims decides which pairs appear.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tracker.brief.case import BriefCase
from tracker.brief.contradictions import conflicting
from tracker.db import open_database, session_scope
from tracker.importers import import_paths
from tracker.scoring import score_case
from tracker.scoring.compat import Kinds
from tracker.scoring.load import claim_in

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import write_case  # noqa: E402


@pytest.fixture(scope="module")
def crowded_db(tmp_path_factory) -> Path:
    """Three subjects of ~120 claims (past the sweep threshold) from five groups, with
    denials, cumulative subjects and periods among them."""
    folder = tmp_path_factory.mktemp("crowded")
    write_case(folder / "case", articles=12, claims=360, agencies=30, subjects=3, chunk=200)
    db = folder / "case.sqlite"
    engine = open_database(str(db))
    case = folder / "case"
    import_paths(engine, [case / "sources.yaml", *sorted(case.glob("*.md"))])
    result = import_paths(engine, sorted(case.glob("claims-*")))
    assert not result.failed
    engine.dispose()
    return db


def _named_by_scoring(db: Path, in_scope: set[str]) -> list[tuple[str, str]]:
    with session_scope(open_database(db)) as session:
        scores = score_case(session).claims
    return sorted(
        {
            (min(claim_id, other), max(claim_id, other))
            for claim_id in in_scope
            for other in scores[claim_id].contradicted_by
            if other in in_scope
        }
    )


@pytest.mark.parametrize(
    ("subjects", "min_credibility"),
    [(None, None), (None, 3), (["Shipments via route 0"], None)],
)
def test_brief_names_the_pairs_the_explanations_name(
    crowded_db: Path, subjects: list[str] | None, min_credibility: int | None
) -> None:
    with session_scope(open_database(crowded_db)) as session:
        case = BriefCase(session, subjects, min_credibility)
        pairs = list(case.contradictions())
        in_scope = set(case.claims)
    assert pairs == _named_by_scoring(crowded_db, in_scope)
    assert pairs, "the case has contradictions"


def test_the_cap_on_named_claims_decides_some_pairs(crowded_db: Path) -> None:
    """Without the per-origin cap more pairs would be listed: the test above covers it."""
    with session_scope(open_database(crowded_db)) as session:
        case = BriefCase(session, None, None)
        listed = len(list(case.contradictions()))
        members: dict[str, list] = {}
        for claim_id, score in case.scores.items():
            row = case.claims[claim_id]
            cumulative = case.cumulative[score.subject]
            members.setdefault(score.subject, []).append(claim_in(row, score.subject, cumulative))
        origins = {claim_id: set(score.origins) for claim_id, score in case.scores.items()}
    uncapped = set()
    for subject_members in members.values():
        for i, others in enumerate(conflicting(subject_members, Kinds())):
            a = subject_members[i].id
            for j in others:
                b = subject_members[j].id
                if origins[b] - origins[a]:
                    uncapped.add((min(a, b), max(a, b)))
    assert len(uncapped) > listed
