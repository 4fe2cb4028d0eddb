"""Every figure in the five seed articles, each expected value worked out by hand from the text.

A row is (text as found, value, low, high, qualifier, unit, item, per). The table lists
every quantity of an article in order, so a figure that is missed, or a number that is
not a figure (a year, a date, "Pier No. 3", a footnote) turning up, both fail.
Intervals: approx is value ± 10% (APPROX_TOLERANCE), a plural magnitude b ("hundreds",
"tens of thousands") is [2b, 10b - 1], "a few" is 2..4, "dozens" 24..119.
"""

from __future__ import annotations

import pytest

from tests.conftest import shared_dir
from tracker.normalize.quantities import find_quantities

SEEDS = shared_dir() / "seeds"
M = 1_000_000.0
N = None

# file stem prefix -> expected quantities, in order of appearance
EXPECTED: dict[str, list[tuple]] = {
    # Bloomberg, 2023-12-27
    "000": [
        ("hundreds of shipping containers", N, 200, 999, "vague", N, "shipping containers", N),
        ("thousands of miles", N, 2000, 9999, "vague", "mi", N, N),
        (
            "hundreds of thousands of artillery shells",
            N,
            200_000,
            999_999,
            "vague",
            N,
            "artillery shells",
            N,
        ),
        ("tens of thousands of Ukrainians", N, 20_000, 99_999, "vague", N, "Ukrainians", N),
        ("tens of billions of dollars", N, 2e10, 1e11 - 1, "vague", "usd", N, N),
        ("about 15 years", 15, 13.5, 16.5, "approx", "year", N, N),
        ("about 180 kilometers (110 miles)", 180, 162, 198, "approx", "km", N, N),
        ("dozens of high-resolution images", N, 24, 119, "vague", N, "high-resolution images", N),
        ("a few cargo vessels", N, 2, 4, "vague", N, "cargo vessels", N),
        ("about 10 shipments", 10, 9, 11, "approx", N, "shipments", N),
        ("more than 1 million rounds", M, M, N, "more_than", N, "rounds", N),
        # "About six weeks later" is a time (unresolved, DATES); as a figure it is ~6 weeks
        ("About six weeks", 6, 5.4, 6.6, "approx", "week", N, N),
        ("half million shells", 500_000, 500_000, 500_000, "exact", N, "shells", N),
        ("four types", 4, 4, 4, "exact", N, "types", N),
        ("120-millimeter", 120, 120, 120, "exact", "mm", N, N),
        ("122mm", 122, 122, 122, "exact", "mm", N, N),
        ("152 mm", 152, 152, 152, "exact", "mm", N, N),
        ("122 mm", 122, 122, 122, "exact", "mm", N, N),
        ("one million shells", M, M, M, "exact", N, "shells", N),
        ("about 2,700 rounds more per day", 2700, 2430, 2970, "approx", N, "rounds", "day"),
        # "the two rekindled ties": two (of them), no counted item in the text
        ("two", 2, 2, 2, "exact", N, N, N),
        ("two countries", 2, 2, 2, "exact", N, "countries", N),
    ],
    # Euromaidan Press re-report of Bloomberg
    "001": [
        ("a maximum 500-character extract", 500, N, 500, "at_most", N, "character extract", N),
        ("two countries", 2, 2, 2, "exact", N, "countries", N),
        ("tens of thousands of Ukrainians", N, 20_000, 99_999, "vague", N, "Ukrainians", N),
        ("tens of billions of dollars", N, 2e10, 1e11 - 1, "vague", "usd", N, N),
        ("about 10 shipments", 10, 9, 11, "approx", N, "shipments", N),
        ("over 1 million artillery rounds", M, M, N, "more_than", N, "artillery rounds", N),
        # a paraphrase of Bloomberg's "a few cargo vessels"
        ("a small number of cargo vessels", N, 2, 4, "vague", N, "cargo vessels", N),
        ("around 10 loads", 10, 9, 11, "approx", N, "loads", N),
        ("over 1 million artillery rounds", M, M, N, "more_than", N, "artillery rounds", N),
        ("half million shells", 500_000, 500_000, 500_000, "exact", N, "shells", N),
        ("120mm", 120, 120, 120, "exact", "mm", N, N),
        ("122mm", 122, 122, 122, "exact", "mm", N, N),
        ("152mm", 152, 152, 152, "exact", "mm", N, N),
        ("122mm", 122, 122, 122, "exact", "mm", N, N),
        ("million shells", M, M, M, "exact", N, "shells", N),
        # "another 2,700 rounds fired at Ukraine daily": a rate, as Bloomberg's "per day"
        ("2,700 rounds fired at Ukraine daily", 2700, 2700, 2700, "exact", N, "rounds", "day"),
        ("two countries", 2, 2, 2, "exact", N, "countries", N),
        ("one cup of coffee a month", 1, 1, 1, "exact", "cup", N, "month"),
    ],
    # English syndication of Bloomberg
    "002": [
        ("hundreds of containers", N, 200, 999, "vague", N, "containers", N),
        ("thousands of miles", N, 2000, 9999, "vague", "mi", N, N),
        ("two regimes", 2, 2, 2, "exact", N, "regimes", N),
        (
            "hundreds of thousands of artillery shells",
            N,
            200_000,
            999_999,
            "vague",
            N,
            "artillery shells",
            N,
        ),
        (
            "tens of thousands of Ukrainian lives",
            N,
            20_000,
            99_999,
            "vague",
            N,
            "Ukrainian lives",
            N,
        ),
        ("tens of billions of dollars", N, 2e10, 1e11 - 1, "vague", "usd", N, N),
        ("about 15 years", 15, 13.5, 16.5, "approx", "year", N, N),
    ],
    # CSIS Beyond Parallel, 2023-10-16 imagery
    "003": [
        ("at least six trips", 6, 6, N, "at_least", N, "trips", N),
        ("two countries", 2, 2, 2, "exact", N, "countries", N),
        ("more than 1,000 containers", 1000, 1000, N, "more_than", N, "containers", N),
        (
            "at least two Russian-flagged vessels",
            2,
            2,
            N,
            "at_least",
            N,
            "Russian-flagged vessels",
            N,
        ),
        ("at least five", 5, 5, N, "at_least", N, N, N),
        ("1.5 kilometers", 1.5, 1.5, 1.5, "exact", "km", N, N),
        # "over the past four days" is a period (DATES); as a figure it is 4 days
        ("four days", 4, 4, 4, "exact", "day", N, N),
        # "the six-meter shipping containers": a container size, a dimension
        ("six-meter", 6, 6, 6, "exact", "m", N, N),
        (
            "approximately 58 six-meter shipping containers",
            58,
            52.2,
            63.8,
            "approx",
            N,
            "six-meter shipping containers",
            N,
        ),
        ("three piers", 3, 3, 3, "exact", N, "piers", N),
    ],
    # The Washington Post, 2023-10-16
    "004": [
        ("two months", 2, 2, 2, "exact", "month", N, N),
        ("two ships", 2, 2, 2, "exact", N, "ships", N),
        ("one Russian vessel", 1, 1, 1, "exact", N, "Russian vessel", N),
        ("as many as 1,000 containers", 1000, N, 1000, "at_most", N, "containers", N),
        ("two ships", 2, 2, 2, "exact", N, "ships", N),
        ("at least five round trips", 5, 5, N, "at_least", N, "round trips", N),
        ("two", 2, 2, 2, "exact", N, N, N),  # "makes two of the types of munitions"
        ("122mm", 122, 122, 122, "exact", "mm", N, N),
        ("122mm", 122, 122, 122, "exact", "mm", N, N),
        ("two Russian-flagged cargo ships", 2, 2, 2, "exact", N, "Russian-flagged cargo ships", N),
        ("at least five trips", 5, 5, N, "at_least", N, "trips", N),
        ("hundreds of containers", N, 200, 999, "vague", N, "containers", N),
        ("two vessels", 2, 2, 2, "exact", N, "vessels", N),
        ("about 180 miles", 180, 162, 198, "approx", "mi", N, N),
        ("300 shipping containers", 300, 300, 300, "exact", N, "shipping containers", N),
        ("two Koreas", 2, 2, 2, "exact", N, "Koreas", N),
        ("two vessels", 2, 2, 2, "exact", N, "vessels", N),
        ("two ships", 2, 2, 2, "exact", N, "ships", N),
    ],
}

# Numbers in the seeds that are not figures: none may fall inside any quantity.
NOT_QUANTITIES: dict[str, list[str]] = {
    "000": ["Dec. 9", "Dec. 30"],
    "001": ["Copyright © 2024", "13 September 2023"],
    "002": ["1:52 PM EST, December 27, 2023", "Contributor#8523328", "December 9"],
    "003": [
        "Pier No. 3",
        "Pier No. 2",
        "Pier No. 1",
        "October 13, 2023",
        "October 14, 2023.3",
        "since late August.2",
        "Mangyongbong-92",
        "(만경봉 92호)",
        "from 1992 until 2006",
        "between October 13 and 16",
        "between October 10 and 11",
        "  1. U.S. Mission",
        "1712874869707219266",
        "92 to be put to use in Rason",
        "RL32137",
    ],
    "004": ["5:56 a.m.", "in 1953", "In 2019", "Sept. 7 and Oct. 1"],
}


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _row(q) -> tuple:
    return (q.text, q.value, q.low, q.high, q.qualifier, q.unit, q.item, q.per)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_figure_of_the_seed_article(prefix: str) -> None:
    found = [_row(q) for q in find_quantities(_seed(prefix))]
    expected = EXPECTED[prefix]
    assert [r[0] for r in found] == [r[0] for r in expected]
    for got, want in zip(found, expected, strict=True):
        assert got[4:] == want[4:], got
        for g, w in zip(got[1:4], want[1:4], strict=True):
            assert (g is None and w is None) or g == pytest.approx(w), got


@pytest.mark.parametrize("prefix", sorted(NOT_QUANTITIES))
def test_identifiers_dates_years_and_footnotes_are_not_figures(prefix: str) -> None:
    text = _seed(prefix)
    spans = [(q.start, q.end) for q in find_quantities(text)]
    for phrase in NOT_QUANTITIES[prefix]:
        at = text.index(phrase)
        assert not any(s < at + len(phrase) and at < e for s, e in spans), phrase


def test_spans_point_at_their_text() -> None:
    for prefix in EXPECTED:
        text = _seed(prefix)
        for q in find_quantities(text):
            assert text[q.start : q.end] == q.text
