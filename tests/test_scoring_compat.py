"""Compatibility of two claims of one subject (DOMAIN §4, issue 5), checked by hand."""

from __future__ import annotations

from datetime import date

from tracker.scoring.compat import CONFLICTS, SUPPORTS, UNRELATED, compare, overlap
from tracker.scoring.inputs import ClaimIn, Figure, Period


def fig(low, high, low_open=False, high_open=False, unit=None, per=None) -> Figure:
    return Figure(low, high, low_open, high_open, unit=unit, per=per)


def claim(figure=None, period=None, stance="asserts", cumulative=False, cid="c") -> ClaimIn:
    return ClaimIn(cid, "s", stance, figure, period, cumulative)


def days(a: tuple[int, int, int], b: tuple[int, int, int]) -> Period:
    return Period(date(*a), date(*b))


AUG_DEC = days((2023, 8, 1), (2023, 12, 27))
SEP_OCT = days((2023, 9, 7), (2023, 10, 1))
NOV = days((2023, 11, 1), (2023, 11, 30))


def test_about_ten_meets_at_least_five():
    assert overlap(fig(9, 11), fig(5, None))


def test_more_than_a_thousand_misses_as_many_as_a_thousand():
    # White House "more than 1,000" is (1000, inf); WaPo "as many as 1,000" is (-inf, 1000].
    assert not overlap(fig(1000, None, low_open=True), fig(None, 1000))


def test_closed_ends_touching_meet():
    assert overlap(fig(None, 1000), fig(1000, None))  # "at most 1,000" and "at least 1,000"


def test_open_end_touching_a_closed_end_does_not_meet():
    assert not overlap(fig(300, 1000, high_open=True), fig(1000, 1200))  # "nearly 1,000"


def test_disjoint_figures_conflict_in_one_period():
    rel = compare(claim(fig(9, 11), AUG_DEC), claim(fig(20, 30), AUG_DEC))
    assert (rel.kind, rel.rule) == (CONFLICTS, "overlap")


def test_claims_without_periods_compare_by_value():
    assert compare(claim(fig(9, 11)), claim(fig(10, 10))).kind == SUPPORTS
    assert compare(claim(fig(9, 11)), claim(fig(12, 12))).kind == CONFLICTS


def test_cumulative_later_larger_total_is_compatible():
    # 300 by Oct 1, 1,000 by Dec 27: a running total grew; no overlap needed.
    early = claim(fig(300, 300), SEP_OCT, cumulative=True)
    late = claim(fig(1000, 1000), AUG_DEC, cumulative=True)
    rel = compare(early, late)
    assert (rel.kind, rel.rule) == (SUPPORTS, "cumulative_order")


def test_cumulative_later_smaller_total_conflicts():
    early = claim(fig(1000, 1000), SEP_OCT, cumulative=True)
    late = claim(fig(300, 300), AUG_DEC, cumulative=True)
    assert compare(early, late).kind == CONFLICTS
    assert compare(late, early).kind == CONFLICTS  # symmetric


def test_cumulative_judged_by_ends_only():
    # Same end day, different starts: the totals at that day must agree.
    a = claim(fig(9, 11), days((2023, 8, 1), (2023, 12, 27)), cumulative=True)
    b = claim(fig(20, 20), days((2023, 9, 1), (2023, 12, 27)), cumulative=True)
    assert compare(a, b).kind == CONFLICTS


def test_cumulative_open_later_high_equal_to_earlier_low_conflicts():
    early = claim(fig(10, None), SEP_OCT, cumulative=True)  # at least 10 by Oct 1
    late = claim(fig(None, 10, high_open=True), AUG_DEC, cumulative=True)  # fewer than 10
    assert compare(early, late).kind == CONFLICTS


def test_sub_period_count_may_not_exceed_containing_period():
    whole = claim(fig(9, 11), AUG_DEC)
    part_ok = claim(fig(3, 3), NOV)
    part_bad = claim(fig(15, 15), NOV)
    assert (compare(part_ok, whole).kind, compare(part_ok, whole).rule) == (SUPPORTS, "sub_period")
    assert compare(whole, part_bad).kind == CONFLICTS


def test_partly_overlapping_periods_are_unrelated():
    a = claim(fig(5, 5), days((2023, 8, 1), (2023, 9, 30)))
    b = claim(fig(50, 50), days((2023, 9, 1), (2023, 10, 31)))
    assert compare(a, b).kind == UNRELATED


def test_denial_conflicts_with_every_assertion():
    denial = claim(stance="denies")
    assert compare(denial, claim(fig(9, 11), AUG_DEC)).kind == CONFLICTS
    assert compare(claim(), denial).kind == CONFLICTS


def test_two_denials_agree():
    assert compare(claim(stance="denies"), claim(stance="denies")).kind == SUPPORTS


def test_claims_without_quantity_compared_by_stance():
    assert compare(claim(), claim(fig(9, 11))).kind == SUPPORTS
    assert compare(claim(), claim()).kind == SUPPORTS


def test_different_units_are_not_compared():
    # 180 km is not 180 miles: neither support nor conflict.
    assert compare(claim(fig(180, 180, unit="km")), claim(fig(180, 180, unit="mi"))).kind == (
        UNRELATED
    )
    assert compare(claim(fig(5, 5, per="day")), claim(fig(5, 5))).kind == UNRELATED
