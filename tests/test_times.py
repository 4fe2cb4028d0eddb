"""Dates and periods as inclusive intervals of days, resolved against the article's date.

Every expected interval below was worked out by hand from a calendar:
2023-10-16 is a Monday, so the weekend before it is Sat 14 / Sun 15 and the
Friday before it the 13th; 2023-12-27 is a Wednesday.
"""

from __future__ import annotations

from datetime import date

import pytest

from tracker.normalize import normalize
from tracker.normalize.times import find_times
from tracker.normalize.types import Anchor

MON = "2023-10-16"
WED_DEC = "2023-12-27"


def only(text: str, anchor: str) -> tuple[str, str | None, str | None, str]:
    spans = find_times(text, Anchor.parse(anchor))
    assert len(spans) == 1, [s.text for s in spans]
    s = spans[0]
    assert text[s.start : s.end] == s.text
    first = s.first.isoformat() if s.first else None
    last = s.last.isoformat() if s.last else None
    return s.text, first, last, s.qualifier


# DOMAIN §3's table, row by row.
@pytest.mark.parametrize(
    ("text", "anchor", "span", "first", "last", "qualifier"),
    [
        ("October 13, 2023", MON, "October 13, 2023", "2023-10-13", "2023-10-13", "on"),
        ("in November", WED_DEC, "in November", "2023-11-01", "2023-11-30", "in"),
        ("since August", WED_DEC, "since August", "2023-08-01", "2023-12-27", "since"),
        ("mid-August", MON, "mid-August", "2023-08-11", "2023-08-20", "in"),
        ("late August", MON, "late August", "2023-08-21", "2023-08-31", "in"),
        ("early October", MON, "early October", "2023-10-01", "2023-10-10", "in"),
        ("between Sept. 7 and Oct. 1", MON, None, "2023-09-07", "2023-10-01", "between"),
        ("over the weekend", MON, None, "2023-10-14", "2023-10-15", "in"),
        ("Saturday", MON, None, "2023-10-14", "2023-10-14", "on"),
        ("last Friday", MON, None, "2023-10-13", "2023-10-13", "on"),
        ("he said Monday", MON, "Monday", "2023-10-16", "2023-10-16", "on"),
        ("over the past two months", MON, None, "2023-08-16", "2023-10-16", "since"),
        ("by Dec. 30", WED_DEC, None, "2023-12-27", "2023-12-30", "by"),
        ("between October 10 and 11", MON, None, "2023-10-10", "2023-10-11", "between"),
    ],
)
def test_domain_table(text, anchor, span, first, last, qualifier):
    assert only(text, anchor) == (span or text, first, last, qualifier)


@pytest.mark.parametrize(
    ("text", "anchor", "span", "first", "last", "qualifier"),
    [
        # absolute dates, with and without year, abbreviations, day-first
        ("on Oct. 2 it sailed", MON, "Oct. 2", "2023-10-02", "2023-10-02", "on"),
        ("Sept. 20", MON, "Sept. 20", "2023-09-20", "2023-09-20", "on"),
        ("on 13 September 2023.", MON, "13 September 2023", "2023-09-13", "2023-09-13", "on"),
        ("Nov. 20", MON, "Nov. 20", "2022-11-20", "2022-11-20", "on"),  # past: not next month
        ("2023-09-30", MON, "2023-09-30", "2023-09-30", "2023-09-30", "on"),
        ("21/04/2016", MON, "21/04/2016", "2016-04-21", "2016-04-21", "on"),
        # month periods
        ("in June", MON, "in June", "2023-06-01", "2023-06-30", "in"),
        ("in December", MON, "in December", "2022-12-01", "2022-12-31", "in"),
        ("October 2022", MON, "October 2022", "2022-10-01", "2022-10-31", "in"),
        ("the end of August", MON, "the end of August", "2023-08-21", "2023-08-31", "in"),
        (
            "at the beginning of October",
            MON,
            "the beginning of October",
            "2023-10-01",
            "2023-10-10",
            "in",
        ),
        ("from October to December", WED_DEC, None, "2023-10-01", "2023-12-31", "between"),
        ("in 2023", MON, "in 2023", "2023-01-01", "2023-12-31", "in"),
        ("from 1992 until 2006", MON, None, "1992-01-01", "2006-12-31", "between"),
        # since / until / through / by / before / after
        ("since late August", MON, None, "2023-08-21", "2023-10-16", "since"),
        ("until August", MON, None, None, "2023-08-31", "until"),
        ("through Oct. 1", MON, None, None, "2023-10-01", "until"),
        ("before September", MON, None, None, "2023-08-31", "before"),
        ("after Sept. 7", MON, None, "2023-09-08", "2023-10-16", "after"),
        ("by October", WED_DEC, None, None, "2023-10-31", "by"),
        ("from Oct. 2 to Oct. 9", MON, None, "2023-10-02", "2023-10-09", "between"),
        ("beginning mid-August through Saturday", MON, None, "2023-08-11", "2023-10-14", "between"),
        # weekdays, weeks, months, years relative to the anchor
        ("next Monday", MON, None, "2023-10-23", "2023-10-23", "on"),
        ("last Monday", MON, None, "2023-10-09", "2023-10-09", "on"),
        ("sent Sunday", MON, "Sunday", "2023-10-15", "2023-10-15", "on"),
        ("last week", MON, None, "2023-10-09", "2023-10-15", "in"),
        ("last month", MON, None, "2023-09-01", "2023-09-30", "in"),
        ("last year", MON, None, "2022-01-01", "2022-12-31", "in"),
        ("next year", MON, None, "2024-01-01", "2024-12-31", "in"),
        ("yesterday", MON, None, "2023-10-15", "2023-10-15", "on"),
        ("over the past four days", MON, None, "2023-10-12", "2023-10-16", "since"),
        ("in the past 3 weeks", MON, None, "2023-09-25", "2023-10-16", "since"),
        ("two weeks ago", MON, None, "2023-10-02", "2023-10-02", "on"),
        ("during the spring and summer", WED_DEC, None, "2023-03-01", "2023-08-31", "in"),
    ],
)
def test_constructs(text, anchor, span, first, last, qualifier):
    assert only(text, anchor) == (span or text, first, last, qualifier)


def test_vague_spans_say_so_and_use_documented_windows():
    (recent,) = find_times("in recent weeks", Anchor.parse(MON))
    assert (recent.first, recent.last, recent.qualifier, recent.vague) == (
        date(2023, 9, 18),  # four weeks before the anchor
        date(2023, 10, 16),
        "vague",
        True,
    )
    (month,) = find_times("Putin said this month", Anchor.parse(WED_DEC))
    assert (month.text, month.first, month.last, month.vague) == (
        "this month",
        date(2023, 12, 1),
        date(2023, 12, 27),
        True,
    )
    (few,) = find_times("over the past few months", Anchor.parse(WED_DEC))
    assert (few.first, few.last, few.vague) == (date(2023, 9, 27), date(2023, 12, 27), True)
    (into,) = find_times("likely to continue into next year", Anchor.parse(WED_DEC))
    assert (into.text, into.first, into.last, into.qualifier, into.vague) == (
        "into next year",
        date(2023, 12, 27),
        date(2024, 12, 31),
        "until",
        True,
    )


def test_what_cannot_be_resolved_is_kept_as_text_and_marked():
    (later,) = find_times("“About six weeks later, I’ve seen no signs", Anchor.parse(WED_DEC))
    assert (later.text, later.first, later.last, later.qualifier) == (
        "About six weeks later",
        None,
        None,
        "unresolved",
    )


def test_uncertain_anchor_widens_and_never_invents_a_day():
    month = Anchor.parse("2023-12")
    (since,) = find_times("since August", month)
    assert (since.first, since.last) == (date(2023, 8, 1), date(2023, 12, 31))
    # A story of some day in December 2023: its "Saturday" is one of the Saturdays
    # from Nov 25 (before Dec 1) to Dec 30 (before Dec 31), not one chosen day.
    (sat,) = find_times("Saturday", month)
    assert (sat.first, sat.last) == (date(2023, 11, 25), date(2023, 12, 30))
    assert sat.first != sat.last
    (absolute,) = find_times("Dec. 9", month)
    assert (absolute.first, absolute.last) == (date(2023, 12, 9), date(2023, 12, 9))


def test_words_that_only_look_like_dates_are_not_dates():
    anchor = Anchor.parse(MON)
    assert find_times("North Korea may be sending arms", anchor) == []
    assert find_times("This may take longer than expected.", anchor) == []
    assert find_times("Tel: +86 138-2010-2015", anchor) == []
    assert find_times("troops march on the capital", anchor) == []
    assert find_times("1800 troops and 2,023 containers", anchor) == []
    url = "https://www.washingtonpost.com/world/2023/10/16/north-korea"
    assert find_times(url, anchor) == []


def test_several_dates_in_one_sentence_keep_their_own_offsets():
    text = "seen at Najin on October 10, 2023, and at Dunay on October 14, 2023."
    spans = find_times(text, Anchor.parse(MON))
    assert [(s.text, s.first) for s in spans] == [
        ("October 10, 2023", date(2023, 10, 10)),
        ("October 14, 2023", date(2023, 10, 14)),
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_a_number_inside_a_period_is_the_period_not_a_quantity():
    result = normalize("on multiple occasions over the past two months", MON)
    assert [t.text for t in result.times] == ["over the past two months"]
    assert result.quantities == []
    dated = normalize("On Oct. 13, 2023, 300 containers", MON)
    assert [q.value for q in dated.quantities] == [300]


# Longer and rarer forms (anchor Mon 2023-10-16; 2023-10-01 is a Sunday, so the
# first Monday-to-Sunday week mostly in October runs 2 to 8 October).
@pytest.mark.parametrize(
    ("text", "span", "first", "last", "qualifier"),
    [
        ("the third quarter of 2016", None, "2016-07-01", "2016-09-30", "in"),
        ("in the 1990s", None, "1990-01-01", "1999-12-31", "in"),
        ("the first week of October", None, "2023-10-02", "2023-10-08", "in"),
        ("the week of Oct. 4", None, "2023-10-02", "2023-10-08", "in"),
        ("more than 2 weeks ago", None, None, "2023-10-01", "before"),
        ("within 5 days", None, "2023-10-16", "2023-10-20", "in"),
        ("between now and November 15th", None, "2023-10-16", "2023-11-15", "between"),
        ("in 2014-2018", None, "2014-01-01", "2018-12-31", "between"),
        ("late last week", None, "2023-10-12", "2023-10-15", "in"),
        ("the 21st century", None, "2000-01-01", "2099-12-31", "in"),
        ("in early 2023", None, "2023-01-01", "2023-06-30", "in"),
        ("by the end of the year", None, "2023-10-16", "2023-12-31", "by"),
        ("the next day", None, None, None, "unresolved"),
        ("last quarter", None, "2023-07-01", "2023-09-30", "in"),
        ("before the year 2019", None, None, "2018-12-31", "before"),
        ("from April to June in 2017", None, "2017-04-01", "2017-06-30", "between"),
    ],
)
def test_rarer_forms(text, span, first, last, qualifier):
    assert only(text, MON) == (span or text, first, last, qualifier)


def test_ranks_and_unit_names_are_not_days():
    anchor = Anchor.parse(MON)
    assert find_times("He was the first.", anchor) == []
    assert find_times("the 27th Brigade attacked", anchor) == []
    assert [s.text for s in find_times("In June two thousand troops left", anchor)] == ["In June"]


def test_domain_contract_example_times_half():
    """DOMAIN §5: `tracker normalize --json` on this sentence and anchor."""
    text = "NIS told lawmakers there had been about 10 shipments since August."
    result = normalize(text, "2023-12-27").to_json()
    assert result["anchor"] == "2023-12-27"
    assert result["times"] == [
        {
            "text": "since August",
            "start": 53,
            "end": 65,
            "first": "2023-08-01",
            "last": "2023-12-27",
            "qualifier": "since",
            "granularity": "month",
            "vague": False,
        }
    ]
    assert [(q["text"], q["start"], q["end"]) for q in result["quantities"]] == [
        ("about 10 shipments", 34, 52)
    ]


ANCHOR = Anchor.parse("2023-10-16")


def test_a_day_in_words_ends_at_a_word_boundary():
    # "third" glued to the next word is no day of May (every ordinal, not only the last listed)
    assert [t.text for t in find_times("It happened on May thirdthat year.", ANCHOR)] == []
    assert [t.text for t in find_times("on May twenty-firstly", ANCHOR)] == []
    (day,) = find_times("It happened on May third.", ANCHOR)
    assert (day.text, day.first, day.last) == ("May third", date(2023, 5, 3), date(2023, 5, 3))
