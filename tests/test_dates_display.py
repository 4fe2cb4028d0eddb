"""The one human date layout (checked by hand against a calendar)."""

from datetime import date

from tracker.dates_display import human_span


def test_a_day_a_month_a_year_and_a_span() -> None:
    assert human_span(date(2023, 10, 16), date(2023, 10, 16), "day") == "16 Oct 2023"
    assert human_span(date(2023, 10, 16), None, "datetime") == "16 Oct 2023"
    assert human_span(date(2023, 12, 1), date(2023, 12, 31), "month") == "Dec 2023"
    assert human_span(date(2023, 1, 1), date(2023, 12, 31), "year") == "2023"
    assert human_span(date(2023, 12, 9), date(2024, 12, 31), "interval") == (
        "9 Dec 2023 – 31 Dec 2024"
    )


def test_whole_months_read_as_months_without_a_precision() -> None:
    assert human_span(date(2023, 12, 1), date(2024, 1, 31)) == "Dec 2023 – Jan 2024"
    assert human_span(date(2024, 2, 1), date(2024, 2, 29)) == "Feb 2024"
    assert human_span(date(2024, 2, 1), date(2024, 2, 28)) == "1 Feb 2024 – 28 Feb 2024"


def test_no_date_is_said_in_words() -> None:
    assert human_span(None, None) == "undated"


def test_a_narrow_column_writes_a_shared_year_once_or_not_at_all() -> None:
    since_august = (date(2023, 8, 1), date(2023, 12, 27))
    assert human_span(*since_august, years="once") == "1 Aug – 27 Dec 2023"
    assert human_span(*since_august, years="none") == "1 Aug – 27 Dec"
    assert human_span(*since_august, "month", years="once") == "Aug – Dec 2023"
    assert human_span(date(2023, 10, 13), date(2023, 10, 13), years="none") == "13 Oct"
    # Across years, or a whole year, the years stay: nothing else says them.
    assert human_span(date(2023, 12, 9), date(2024, 12, 31), years="none") == (
        "9 Dec 2023 – 31 Dec 2024"
    )
    assert human_span(date(1953, 1, 1), date(1953, 12, 31), years="none") == "1953"
