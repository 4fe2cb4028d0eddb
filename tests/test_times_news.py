"""Periods in news reporting (issue 14), each span worked out by hand from the calendar."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.normalize import normalize


def spans(text: str, anchor: str) -> list[tuple]:
    return [(t.first, t.last) for t in normalize(text, anchor).times]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        (
            "Sales rose 4% in March and April.",
            "2024-05-10",
            [(date(2024, 3, 1), date(2024, 4, 30))],
        ),
        # across the new year, read back from February
        (
            "Temperatures averaged 2C above normal in December and January.",
            "2024-02-05",
            [(date(2023, 12, 1), date(2024, 1, 31))],
        ),
        # two figures, two months: not one period
        (
            "Prices rose 0.4% in May and 0.3% in June.",
            "2024-07-11",
            [(date(2024, 5, 1), date(2024, 5, 31)), (date(2024, 6, 1), date(2024, 6, 30))],
        ),
        # months that are not consecutive stay apart
        (
            "Shipments peaked in March and May.",
            "2024-07-11",
            [(date(2024, 3, 1), date(2024, 3, 31)), (date(2024, 5, 1), date(2024, 5, 31))],
        ),
        (
            "Exports fell in the first three months of 2024.",
            "2024-05-10",
            [(date(2024, 1, 1), date(2024, 3, 31))],
        ),
        (
            "It sold 12 million units in the first 10 months of 2023.",
            "2024-01-20",
            [(date(2023, 1, 1), date(2023, 10, 31))],
        ),
        (
            "Sales rose in the first two months of the year.",
            "2024-03-12",
            [(date(2024, 1, 1), date(2024, 2, 29))],
        ),
        (
            "Profit doubled in the first half of the year.",
            "2024-08-01",
            [(date(2024, 1, 1), date(2024, 6, 30))],
        ),
        (
            "GDP grew 0.6% in the second quarter.",
            "2024-07-30",
            [(date(2024, 4, 1), date(2024, 6, 30))],
        ),
        (
            "Visits rose in the second quarter of the year.",
            "2024-08-10",
            [(date(2024, 4, 1), date(2024, 6, 30))],
        ),
        # reported in February: the fourth quarter is last year's
        (
            "Revenue climbed in the fourth quarter.",
            "2024-02-08",
            [(date(2023, 10, 1), date(2023, 12, 31))],
        ),
        (
            "Wage growth slowed in the three months to March.",
            "2024-04-16",
            [(date(2024, 1, 1), date(2024, 3, 31))],
        ),
        (
            "Output fell in the three months to February.",
            "2024-04-16",
            [(date(2023, 12, 1), date(2024, 2, 29))],
        ),
    ],
)
def test_news_periods(text: str, anchor: str, expected: list[tuple]) -> None:
    assert spans(text, anchor) == expected


def test_a_period_leaves_no_quantity_behind() -> None:
    found = normalize("Exports fell 3.1% in the first three months of 2024.", "2024-05-10")
    assert [q.text for q in found.quantities] == ["3.1%"]
