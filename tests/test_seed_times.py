"""Every date and period in the five seed articles, resolved against each article's date.

Each row was checked by hand against the article text and a 2023 calendar
(Mon 2023-10-16; the weekend before it is Oct 14-15; Wed 2023-12-27).

How each anchor was determined, from the evidence in the article itself:
- 000 (Bloomberg): no dateline. It calls an image "from Dec. 9" a recent
  example, says the Pentagon runs out of money "by Dec. 30", lawmakers are away
  "for the year-end holidays", and "Putin said this month" (his December
  press conference). Known only to the month: anchor ``2023-12``.
- 001 (Euromaidan Press): no dateline; it retells the Bloomberg piece above as
  news, so it is no earlier than December 2023, and its footer says
  "Copyright (c) 2024", so the page existed in 2024 (a footer shows the year of
  retrieval, not of writing). Anchor: the interval ``2023-12/2024-01``.
- 002 (syndication): dateline "1:52 PM EST, December 27, 2023": ``2023-12-27``.
- 003 (CSIS Beyond Parallel): no dateline; its latest imagery is of October 16,
  2023, and it says the ferry "as of October 16, remains there" and that the
  weekend's activity falls "between October 13 and 16": written on that day,
  ``2023-10-16``.
- 004 (Washington Post): "Published October 16, 2023 at 5:30 a.m. EDT":
  ``2023-10-16``.

Notes on rows a reader may question: with a month anchor, "since August" runs
to the last day the article could have been written (widened, DOMAIN §3);
"Copyright (c) 2023" is a year and is listed; event-relative phrases ("since
the ban", "at the time") are not dates and are not listed; "About six weeks
later" and "in the weeks since" have no resolvable event and are kept as
unresolved.
"""

from __future__ import annotations

import pytest

from tests.conftest import shared_dir
from tracker.normalize.times import find_times
from tracker.normalize.types import Anchor

SEEDS = shared_dir() / "seeds"
ANCHORS = {
    "000_7d2a66547ffd4f6c.txt": "2023-12",
    "001_249a0b4b28b1c824.txt": "2023-12/2024-01",
    "002_7c6898aa7eaa935b.txt": "2023-12-27",
    "003_81d43bec017655fb.txt": "2023-10-16",
    "004_d6b6b19151fa1c85.txt": "2023-10-16",
}

# (text, first, last, qualifier) in the order they appear in the article.
EXPECTED = {
    "000_7d2a66547ffd4f6c.txt": [
        ("from October to December", "2023-10-01", "2023-12-31", "between"),
        ("since early October", "2023-10-01", "2023-12-31", "since"),
        ("Dec. 9", "2023-12-09", "2023-12-09", "on"),
        ("in the past few months", "2023-09-01", "2023-12-31", "since"),
        ("by Dec. 30", "2023-12-01", "2023-12-30", "by"),
        ("this month", "2023-12-01", "2023-12-31", "in"),
        ("during the spring and summer", "2023-03-01", "2023-08-31", "in"),
        ("October", "2023-10-01", "2023-10-31", "in"),
        ("in November", "2023-11-01", "2023-11-30", "in"),
        ("since August", "2023-08-01", "2023-12-31", "since"),
        ("About six weeks later", None, None, "unresolved"),
        ("into next year", "2023-12-01", "2024-12-31", "until"),
    ],
    "001_249a0b4b28b1c824.txt": [
        ("2024", "2024-01-01", "2024-12-31", "in"),
        ("since October", "2023-10-01", "2024-01-31", "since"),
        ("13 September 2023", "2023-09-13", "2023-09-13", "on"),
        ("since October", "2023-10-01", "2024-01-31", "since"),
        ("in the past few months", "2023-09-01", "2024-01-31", "since"),
        ("since August", "2023-08-01", "2024-01-31", "since"),
        ("October", "2023-10-01", "2023-10-31", "in"),
        ("since August", "2023-08-01", "2024-01-31", "since"),
        ("in the weeks since", None, None, "unresolved"),
        ("into next year", "2023-12-01", "2025-12-31", "until"),
    ],
    "002_7c6898aa7eaa935b.txt": [
        ("December 27, 2023", "2023-12-27", "2023-12-27", "on"),
        ("from October to December", "2023-10-01", "2023-12-31", "between"),
        ("the beginning of October", "2023-10-01", "2023-10-10", "in"),
        ("December 9", "2023-12-09", "2023-12-09", "on"),
        ("over the past few months", "2023-09-27", "2023-12-27", "since"),
    ],
    "003_81d43bec017655fb.txt": [
        ("October 16, 2023", "2023-10-16", "2023-10-16", "on"),
        ("over the weekend", "2023-10-14", "2023-10-15", "in"),
        ("2023", "2023-01-01", "2023-12-31", "in"),
        ("since late August", "2023-08-21", "2023-10-16", "since"),
        ("Friday, October 13, 2023", "2023-10-13", "2023-10-13", "on"),
        ("October 13, 2023", "2023-10-13", "2023-10-13", "on"),
        ("since late August", "2023-08-21", "2023-10-16", "since"),
        ("October 10, 2023", "2023-10-10", "2023-10-10", "on"),
        ("October 14, 2023", "2023-10-14", "2023-10-14", "on"),
        ("October 13, 2023", "2023-10-13", "2023-10-13", "on"),
        ("October 16, 2023", "2023-10-16", "2023-10-16", "on"),
        ("over the past four days", "2023-10-12", "2023-10-16", "since"),
        ("between October 13 and 16", "2023-10-13", "2023-10-16", "between"),
        ("over the weekend", "2023-10-14", "2023-10-15", "in"),
        ("October 13, 2023", "2023-10-13", "2023-10-13", "on"),
        ("2023", "2023-01-01", "2023-12-31", "in"),
        ("October 13, 2023", "2023-10-13", "2023-10-13", "on"),
        ("October 16, 2023", "2023-10-16", "2023-10-16", "on"),
        ("October 13, 2023", "2023-10-13", "2023-10-13", "on"),
        ("2023", "2023-01-01", "2023-12-31", "in"),
        ("October 16, 2023", "2023-10-16", "2023-10-16", "on"),
        ("over the weekend", "2023-10-14", "2023-10-15", "in"),
        ("2023", "2023-01-01", "2023-12-31", "in"),
        ("between October 10 and 11", "2023-10-10", "2023-10-11", "between"),
        ("October 16", "2023-10-16", "2023-10-16", "on"),
        ("from 1992 until 2006", "1992-01-01", "2006-12-31", "between"),
        ("October 13, 2023", "2023-10-13", "2023-10-13", "on"),
        ("October 15, 2023", "2023-10-15", "2023-10-15", "on"),
        ("October 14, 2023", "2023-10-14", "2023-10-14", "on"),
        ("October 16, 2023", "2023-10-16", "2023-10-16", "on"),
        ("October 16, 2023", "2023-10-16", "2023-10-16", "on"),
        ("February 6, 2018", "2018-02-06", "2018-02-06", "on"),
        ("November 7, 2003", "2003-11-07", "2003-11-07", "on"),
        ("August 7, 2011", "2011-08-07", "2011-08-07", "on"),
        ("July 2, 2021", "2021-07-02", "2021-07-02", "on"),
    ],
    "004_d6b6b19151fa1c85.txt": [
        ("October 16, 2023", "2023-10-16", "2023-10-16", "on"),
        ("October 16, 2023", "2023-10-16", "2023-10-16", "on"),
        ("over the past two months", "2023-08-16", "2023-10-16", "since"),
        ("until August", None, "2023-08-31", "until"),
        ("last month", "2023-09-01", "2023-09-30", "in"),
        ("Friday", "2023-10-13", "2023-10-13", "on"),
        ("in recent weeks", "2023-09-18", "2023-10-16", "vague"),
        ("beginning mid-August through Saturday", "2023-08-11", "2023-10-14", "between"),
        ("in mid-August", "2023-08-11", "2023-08-20", "in"),
        ("Saturday", "2023-10-14", "2023-10-14", "on"),
        ("in recent weeks", "2023-09-18", "2023-10-16", "vague"),
        ("last Friday", "2023-10-13", "2023-10-13", "on"),
        ("last week", "2023-10-09", "2023-10-15", "in"),
        ("between Sept. 7 and Oct. 1", "2023-09-07", "2023-10-01", "between"),
        ("in 1953", "1953-01-01", "1953-12-31", "in"),
        ("last month", "2023-09-01", "2023-09-30", "in"),
        ("Sunday", "2023-10-15", "2023-10-15", "on"),
        ("the end of August", "2023-08-21", "2023-08-31", "in"),
        ("In 2019", "2019-01-01", "2019-12-31", "in"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_date_and_period_of_the_article(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    spans = find_times(text, Anchor.parse(ANCHORS[name]))
    got = [
        (
            s.text,
            s.first.isoformat() if s.first else None,
            s.last.isoformat() if s.last else None,
            s.qualifier,
        )
        for s in spans
    ]
    assert got == EXPECTED[name]
    assert all(text[s.start : s.end] == s.text for s in spans)
