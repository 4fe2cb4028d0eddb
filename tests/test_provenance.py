"""Origins through derivation, groups through parents, first appearance with ties."""

from __future__ import annotations

from datetime import date

from tracker.models import Source
from tracker.provenance import (
    Derivations,
    appearance_chain,
    attribution_origins,
    first_appearance,
    independence_groups,
)
from tracker.scoring.inputs import AttributionIn, ClaimIn, DocumentIn, SourceIn


def test_groups_follow_parents_to_the_top():
    sources = [
        Source(id=1, name="Government of the United States"),
        Source(id=2, name="White House", parent_id=1),
        Source(id=3, name="National Security Council", parent_id=2),
        Source(id=4, name="RUSI"),
    ]
    groups = independence_groups(sources)
    assert groups[3] == groups[2] == groups[1] == "Government of the United States"
    assert groups[4] == "RUSI"


def test_explicit_group_overrides_the_parent_chain():
    sources = [
        Source(id=1, name="Government of South Korea"),
        Source(id=2, name="NIS", parent_id=1, group="ROK intelligence"),
        Source(id=3, name="NIS Seoul desk", parent_id=2),
    ]
    groups = independence_groups(sources)
    assert groups[2] == groups[3] == "ROK intelligence"
    assert groups[1] == "Government of South Korea"


SOURCES = {
    1: SourceIn(1, "NIS", "Government of South Korea", "B"),
    2: SourceIn(2, "Bloomberg", "Bloomberg", "C"),
    3: SourceIn(3, "Euromaidan Press", "Euromaidan Press", "F"),
}
DOCS = {
    "bloomberg": DocumentIn("bloomberg", "Bloomberg", date(2023, 12, 27), date(2023, 12, 27)),
    "euromaidan": DocumentIn(
        "euromaidan", "Euromaidan Press", date(2023, 12, 28), date(2023, 12, 28), ("bloomberg",)
    ),
    "syndication": DocumentIn(
        "syndication", "Yahoo", date(2023, 12, 29), date(2023, 12, 29), ("euromaidan",)
    ),
}


def test_copy_through_two_derivations_keeps_the_original_origin():
    # The syndication credits Euromaidan Press; it is still the NIS figure.
    claim = ClaimIn(
        "nis-10",
        "shipments",
        attributions=(
            AttributionIn(1, "bloomberg"),
            AttributionIn(3, "syndication"),
        ),
    )
    origins = attribution_origins(claim, SOURCES, Derivations(DOCS))
    assert [o.origin for o in origins] == ["Government of South Korea"] * 2
    assert origins[1].copied_from is not None
    assert origins[1].copied_from.document_id == "bloomberg"


def test_attribution_in_an_unrelated_document_keeps_its_own_origin():
    claim = ClaimIn(
        "c",
        "s",
        attributions=(AttributionIn(1, "bloomberg"), AttributionIn(3, "bloomberg")),
    )
    origins = attribution_origins(claim, SOURCES, Derivations(DOCS))
    assert {o.origin for o in origins} == {"Government of South Korea", "Euromaidan Press"}
    assert all(o.copied_from is None for o in origins)


def test_derivation_cycles_do_not_hang():
    docs = {
        "a": DocumentIn("a", derived_from=("b",)),
        "b": DocumentIn("b", derived_from=("a",)),
    }
    assert Derivations(docs).ancestors("a") == {"b"}


def _claim_in(*doc_ids: str) -> ClaimIn:
    return ClaimIn("c", "s", attributions=tuple(AttributionIn(1, d) for d in doc_ids))


def test_first_appearance_is_the_earliest_day():
    first = first_appearance(_claim_in("euromaidan", "bloomberg"), DOCS)
    assert first.documents == ("bloomberg",)
    assert first.certain


def test_two_documents_known_only_to_the_month_are_a_tie():
    docs = {
        "x": DocumentIn("x", None, date(2023, 11, 1), date(2023, 11, 30)),
        "y": DocumentIn("y", None, date(2023, 11, 1), date(2023, 11, 30)),
        "z": DocumentIn("z", None, date(2023, 12, 5), date(2023, 12, 5)),
    }
    first = first_appearance(_claim_in("z", "y", "x"), docs)
    assert first.documents == ("x", "y")
    assert not first.certain
    assert (first.first, first.last) == (date(2023, 11, 1), date(2023, 11, 30))


def test_a_month_and_a_day_inside_it_are_a_tie():
    docs = {
        "month": DocumentIn("month", None, date(2023, 11, 1), date(2023, 11, 30)),
        "day": DocumentIn("day", None, date(2023, 11, 20), date(2023, 11, 20)),
    }
    assert first_appearance(_claim_in("day", "month"), docs).documents == ("day", "month")


def test_a_day_before_the_month_begins_is_first():
    docs = {
        "month": DocumentIn("month", None, date(2023, 11, 1), date(2023, 11, 30)),
        "day": DocumentIn("day", None, date(2023, 10, 31), date(2023, 10, 31)),
    }
    assert first_appearance(_claim_in("month", "day"), docs).documents == ("day",)


def test_appearance_chain_orders_by_date_and_names_who_repeated_whom():
    chain = appearance_chain(_claim_in("syndication", "bloomberg", "euromaidan"), DOCS)
    assert [a.document for a in chain] == ["bloomberg", "euromaidan", "syndication"]
    assert chain[0].repeats == ()
    assert chain[1].repeats == ("bloomberg",)
    # The syndication repeated Euromaidan (which repeated Bloomberg), not Bloomberg directly.
    assert chain[2].repeats == ("euromaidan",)


def test_provenance_sits_below_scoring() -> None:
    """Scoring imports provenance, so provenance imports nothing of scoring at run time,
    not even inside a function (type annotations aside): the function that needs both,
    claim_provenance, lives in scoring's loader."""
    import ast
    from pathlib import Path

    import tracker.provenance

    tree = ast.parse(Path(tracker.provenance.__file__).read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in ast.walk(block)
    }
    imported = [
        name
        for node in ast.walk(tree)
        if id(node) not in typing_only
        for name in (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else []
        )
    ]
    assert imported and not [m for m in imported if m.startswith("tracker.scoring")]
