"""Sources are found by any of their names; a near miss is used only when near-certain."""

from __future__ import annotations

from tracker.models import Source
from tracker.registry import NEAR_CERTAIN, SourceRegistry


def _registry() -> SourceRegistry:
    return SourceRegistry(
        [
            Source(id=1, name="United States government", short="US government"),
            Source(id=2, name="White House", parent_id=1),
            Source(id=3, name="National Security Council", short="NSC", parent_id=2),
            Source(id=4, name="US Mission to the UN", parent_id=1, group="US diplomacy"),
            Source(
                id=5,
                name="National Intelligence Service",
                short="NIS",
                aliases=["South Korea's National Intelligence Service"],
            ),
            Source(id=6, name="The Washington Post", kind="outlet"),
        ]
    )


def test_exact_by_name_short_or_alias_ignoring_case_and_typography() -> None:
    registry = _registry()
    for label in (
        "nis",
        "NATIONAL INTELLIGENCE SERVICE",
        "South Korea’s National Intelligence Service",
    ):
        match = registry.resolve(label)
        assert match.exact and match.source is not None and match.source.id == 5
    assert registry.exact("Washington Post") is registry.exact("The Washington Post")


def test_a_typo_is_used_when_near_certain_and_reported_as_not_exact() -> None:
    match = _registry().resolve("National Inteligence Service")
    assert match.source is not None and match.source.id == 5
    assert not match.exact and match.score >= NEAR_CERTAIN


def test_a_vague_name_is_not_guessed_and_lists_candidates() -> None:
    match = _registry().resolve("National Security")
    assert match.source is None
    assert [name for name, _ in match.candidates][:2] == [
        "National Security Council",
        "National Intelligence Service",
    ]


def test_independence_group_follows_the_parent_chain_unless_overridden() -> None:
    registry = _registry()
    by_id = {s.id: s for s in registry.sources}
    assert registry.group_of(by_id[3]) == "United States government"
    assert registry.group_of(by_id[4]) == "US diplomacy"
    assert registry.group_of(by_id[5]) == "National Intelligence Service"
