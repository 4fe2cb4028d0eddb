"""Quantities, one feature at a time; every expected interval worked out by hand (DOMAIN §3)."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.normalize import quantities
from tracker.normalize.numbers import find_numbers
from tracker.normalize.quantities import find_quantities
from tracker.normalize.units import canonical, convert


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def interval(text: str) -> tuple:
    q = one(text)
    return (q.low, q.high, q.low_open, q.high_open, q.qualifier)


# ---------------------------------------------------------------- numerals


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,700", 2700),
        ("1.5 million", 1_500_000),
        ("five", 5),
        ("twenty-five", 25),
        ("one hundred and twenty", 120),
        ("three thousand nine hundred and sixty five", 3965),
        ("a dozen", 12),
        ("half a million", 500_000),
        ("5k", 5000),
        ("10 1/2", 10.5),
        ("two hundred million", 200_000_000),
        ("-30", -30),
    ],
)
def test_numerals_in_digits_and_words(text: str, value: float) -> None:
    (number,) = find_numbers(text)
    assert number.value == pytest.approx(value)
    assert (number.start, number.end) == (0, len(text))


def test_two_numbers_joined_by_and_stay_two() -> None:
    assert [n.value for n in find_numbers("between twenty and thirty")] == [20, 30]


# ---------------------------------------------------------------- qualifiers (DOMAIN §3 table)


def test_exact_count_names_its_item() -> None:
    q = one("300 shipping containers")
    assert (q.value, q.low, q.high, q.qualifier, q.item) == (
        300,
        300,
        300,
        "exact",
        "shipping containers",
    )


def test_about_is_plus_or_minus_the_named_tolerance() -> None:
    assert quantities.APPROX_TOLERANCE == 0.10
    q = one("about 10 shipments")
    assert (q.value, q.low, q.high, q.qualifier, q.item) == (10, 9, 11, "approx", "shipments")


def test_tolerance_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quantities, "APPROX_TOLERANCE", 0.2)
    q = one("roughly 10 shipments")
    assert (q.low, q.high) == (8, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least five round trips", (5, None, False, False, "at_least")),
        ("no fewer than 5 trips", (5, None, False, False, "at_least")),
        ("more than 1 million artillery rounds", (1e6, None, True, False, "more_than")),
        ("in excess of 40 vessels", (40, None, True, False, "more_than")),
        ("over 1 million artillery rounds", (1e6, None, True, False, "more_than")),
        ("as many as 1,000 containers", (None, 1000, False, False, "at_most")),
        ("up to 700 contract workers", (None, 700, False, False, "at_most")),
        ("less than 30 ships", (None, 30, False, True, "less_than")),
        ("fewer than a thousand giant pandas", (None, 1000, False, True, "less_than")),
        ("nearly 300", (270, 300, False, True, "nearly")),
        ("almost 300 rounds", (270, 300, False, True, "nearly")),
        ("just under 300 rounds", (270, 300, False, True, "nearly")),
        ("an estimated 40 ships", (36, 44, False, False, "approx")),
        ("200 or more", (200, None, False, False, "at_least")),
        ("a dozen or so ships", (10.8, 13.2, False, False, "approx")),
        ("more than half of the shells", (0.5, None, True, False, "more_than")),
        ("roughly half of the shells", (0.45, 0.55, False, False, "approx")),
    ],
)
def test_qualifiers_open_and_close_the_interval(text: str, expected: tuple) -> None:
    got = interval(text)
    assert got[2:] == expected[2:]
    for g, w in zip(got[:2], expected[:2], strict=True):
        assert (g is None and w is None) or g == pytest.approx(w)


# ---------------------------------------------------------------- ranges and vague magnitudes


@pytest.mark.parametrize("text", ["between 20 and 30", "20 to 30", "20-30", "from 20 to 30"])
def test_ranges_are_closed_intervals(text: str) -> None:
    q = one(text)
    assert (q.low, q.high, q.qualifier, q.value, q.text) == (20, 30, "range", None, text)


def test_two_bounds_joined_make_one_range() -> None:
    q = one("larger than 10 and smaller than 20")
    assert (q.low, q.high, q.low_open, q.high_open) == (10, 20, True, True)


def test_contradictory_bounds_stay_apart() -> None:
    assert [q.qualifier for q in find_quantities("more than 40 and less than 10")] == [
        "more_than",
        "less_than",
    ]


@pytest.mark.parametrize(
    ("text", "low", "high", "item", "unit"),
    [
        ("hundreds of thousands of shells", 200_000, 999_999, "shells", None),
        ("hundreds of containers", 200, 999, "containers", None),
        ("tens of billions of dollars", 2e10, 1e11 - 1, None, "usd"),
        ("dozens of images", 24, 119, "images", None),
        ("several ships", 3, 7, "ships", None),
        ("a few cargo vessels", 2, 4, "cargo vessels", None),
        ("several hundred containers", 300, 700, "containers", None),
        ("a few thousand troops", 2000, 4000, "troops", None),
        ("a couple of ships", 2, 3, "ships", None),
    ],
)
def test_vague_magnitudes(text: str, low: float, high: float, item, unit) -> None:
    q = one(text)
    assert (q.qualifier, q.value, q.low, q.high, q.item, q.unit) == (
        "vague",
        None,
        low,
        high,
        item,
        unit,
    )


# ---------------------------------------------------------------- items, units, rates


def test_a_counted_item_with_a_size_is_not_a_length() -> None:
    q = one("approximately 58 six-meter shipping containers")
    assert (q.value, q.unit, q.item) == (58, None, "six-meter shipping containers")
    assert (q.low, q.high) == (pytest.approx(52.2), pytest.approx(63.8))


def test_a_parenthetical_conversion_is_the_same_quantity() -> None:
    text = "the trip between Najin and Dunay, about 180 kilometers (110 miles) away."
    q = one(text)
    assert (q.text, q.value, q.unit) == ("about 180 kilometers (110 miles)", 180, "km")


def test_a_rate_names_its_period() -> None:
    q = one("about 2,700 rounds more per day Russia could fire")
    assert (q.value, q.item, q.per, q.qualifier) == (2700, "rounds", "day", "approx")
    q = one("another 2,700 rounds fired at Ukraine daily.")
    assert (q.value, q.item, q.per) == (2700, "rounds", "day")


def test_a_rate_does_not_reach_into_the_next_clause() -> None:
    q = find_quantities("10 ships and a day later")[0]
    assert (q.text, q.per) == ("10 ships", None)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("5 percent", 5, "percent"),
        ("5%", 5, "percent"),
        ("$75 million", 75e6, "usd"),
        ("US$ 3 billion", 3e9, "usd"),
        ("20 euros", 20, "eur"),
        ("€ 2 million", 2e6, "eur"),
        ("15 years", 15, "year"),
        ("three weeks", 3, "week"),
        ("200 miles", 200, "mi"),
        ("16,000 metric tons", 16000, "t"),
        ("122mm", 122, "mm"),
        ("120-millimeter", 120, "mm"),
    ],
)
def test_units_have_one_canonical_spelling(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.item) == (value, unit, None)


def test_unit_conversion_within_a_dimension() -> None:
    assert convert(180, "km", "mi") == pytest.approx(111.85, abs=0.01)
    assert canonical("Kilometres") == "km"
    with pytest.raises(ValueError):
        convert(1, "km", "kg")


# ---------------------------------------------------------------- not quantities


@pytest.mark.parametrize(
    "text",
    [
        "Pier No. 3, the northernmost pier",
        "the Mangyongbong-92 ferry",
        "from 1992 until 2006",
        "In 2019, the United States",
        "on October 13, 2023, the government",
        "13 September 2023",
        "facility since late August.2 The latest",
        "the May 4th meeting",
        "at 1:52 PM EST",
        "see https://twitter.com/USUN/status/1712874869707219266?t=1",
        "Not one but",
        "the second half of the year",
        "in the 1990s",
        "at 10 a.m. Monday",
        "24/7 coverage since 9/11",
        "on 2023-10-16 the ship left",
        "5G networks",
        "the F-16 and the S-400",
        "+1-222-2222-2222",
    ],
)
def test_identifiers_years_dates_footnotes_ordinals_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


# ---------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "9" * 5000,
        "1," * 5000,
        "(" * 3000 + "5 km" + ")" * 3000,
        "about " * 3000 + "10",
        "between 1 and " * 2000,
        "\x00\xff\ufffd" * 2000,
        "one two three four five six seven eight nine ten " * 500,
        "- " * 5000 + "5",
        "about " * 3 + ".1/2 ",
        "9" * 400 + ".5e308",
    ],
    ids=lambda text: f"{text[:10]!r}..{len(text)}",
)
def test_adversarial_text_returns_quickly(text: str) -> None:
    began = time.perf_counter()
    found = find_quantities(text)
    assert time.perf_counter() - began < 2.0
    _check_spans(text, found)


def _check_spans(text: str, found: list) -> None:
    last_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last_end
        last_end = q.end
        assert text[q.start : q.end] == q.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        for v in (q.value, q.low, q.high):
            assert v is None or math.isfinite(v)  # JSON has no inf or nan


@settings(max_examples=150, deadline=1000)
@given(
    st.lists(
        st.sampled_from(
            [
                "about",
                "10",
                "1,000",
                "-",
                "to",
                "and",
                "between",
                "more than",
                "million",
                "km",
                "(",
                ")",
                "$",
                "%",
                "hundreds",
                "of",
                "shells",
                "five",
                "half",
                "a",
                "dozen",
                "nearly",
                ".",
                "2023",
                "No.",
                "3",
                " ",
                "per",
                "day",
                "1/2",
                "or more",
            ]
        ),
        max_size=30,
    ).map(" ".join)
    | st.text(max_size=200)
)
def test_any_text_gives_well_formed_spans(text: str) -> None:
    _check_spans(text, find_quantities(text))


# ---------------------------------------------------------------- more numeral forms


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three fifths", 0.6),
        ("one and a half", 1.5),
        ("five and a half million", 5_500_000),
        ("two hundred and fifty-four hundredths", 200.54),
        ("a third of a million", 1_000_000 / 3),
        ("one out of three", 1 / 3),
        ("two hundred point zero three", 200.03),
        ("1.3e6", 1_300_000),
        ("12,34,567.89", 1_234_567.89),  # Indian grouping
        ("1\u202f234\u202f567", 1_234_567),  # thin-space grouping
        ("4 thousand 3 hundred and 21", 4321),
        ("3 dozens", 36),
        ("½", 0.5),
        ("minus five", -5),
    ],
)
def test_more_numeral_forms(text: str, value: float) -> None:
    (number,) = find_numbers(text)
    assert number.value == pytest.approx(value)
    assert (number.start, number.end) == (0, len(text))


@pytest.mark.parametrize("text", ["which one do you prefer", "the one you mentioned"])
def test_the_pronoun_one_is_not_a_number(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "item"),
    [
        ("between $5 million and $10 million", 5e6, 10e6, "usd", None),
        ("20 to 30 million people", 20e6, 30e6, None, "people"),
        ("two to three billion dollars", 2e9, 3e9, "usd", None),
        ("500 to 3 million", 500, 3e6, None, None),
        ("300,000 to 400,000 shells", 300_000, 400_000, None, "shells"),
        ("five or six ships", 5, 6, None, "ships"),
        ("between 30 and 40 km", 30, 40, "km", None),
    ],
)
def test_ranges_carry_scale_unit_and_item(text, low, high, unit, item) -> None:
    q = one(text)
    assert (q.qualifier, q.low, q.high, q.unit, q.item) == ("range", low, high, unit, item)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3 dollars 50 cents", 3.5, "usd"),
        ("5 ft 2 in", 5 + 2 / 12, "ft"),
        ("10 €", 10, "eur"),
        ("hk$ 10.05 billion", 10.05e9, "hkd"),
        ("20 (kg)", 20, "kg"),
        ("188 miles an hour", 188, "mph"),
        ("361 million pounds", 361e6, "gbp"),
        ("25 pounds", 25, "lb"),
        ("75 USD million", 75e6, "usd"),
        ("30 MUSD", 30e6, "usd"),
    ],
)
def test_compound_and_written_after_units(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("1 million-plus", "at_least", 1e6, None),
        ("1,000+ troops", "at_least", 1000, None),
        ("five hundred or less", "at_most", None, 500),
        ("greater than 30 and less than or equal to 40", "range", 30, 40),
    ],
)
def test_suffix_and_compound_qualifiers(text: str, qualifier: str, low, high) -> None:
    q = one(text)
    assert (q.qualifier, q.low, q.high) == (qualifier, low, high)


def test_phone_numbers_are_not_ranges() -> None:
    assert find_quantities("+1-222-2222-2222 is a phone number.") == []
