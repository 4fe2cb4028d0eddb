"""Claims as display rows: read once from the database, filtered in memory.

No Textual here: loading runs in a worker thread, and the bench and tests use it
directly. One row per claim, with its display strings and a lowercase haystack
(text, sources, subject, value) that the filter scans.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import compress, repeat
from operator import attrgetter

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from tracker.dates_display import human_span
from tracker.models import Attribution, Claim, Source, Subject
from tracker.normalize.units import after_number
from tracker.tui.text import clean

_HAYSTACK = attrgetter("haystack")

_QUALIFIER_SIGN = {
    "exact": "",
    "approx": "~",
    "at_least": "≥",
    "more_than": ">",
    "at_most": "≤",
    "less_than": "<",
    "nearly": "≲",
    "vague": "≈",
}


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def format_quantity(
    qualifier: str | None,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str | None,
    item: str | None,
    per: str | None,
) -> str:
    """``~10 shipments``, ``>1,000,000 rounds``, ``20–30 km``; empty when there is no figure."""
    if qualifier is None and value is None and low is None and high is None:
        return ""
    if qualifier in ("range", "vague") or value is None:
        figure = f"{_num(low)}–{_num(high)}"
        if qualifier == "vague":
            figure = "≈" + figure
    else:
        figure = _QUALIFIER_SIGN.get(qualifier or "exact", "") + _num(value)
    # A unit the normalizer spells in the singular reads plural after most numbers.
    what = after_number(unit, value) if unit else item
    text = f"{figure} {what}" if what else figure
    return f"{text}/{per}" if per else text


def format_period(
    first: date | None,
    last: date | None,
    qualifier: str | None = None,
    years: str = "each",
    precision: str | None = None,
) -> str:
    """The claim's period in the one human layout (``human_span``): "1 Aug 2023 – 27 Dec
    2023", one date for one day, ``?`` when unresolved, "until 31 Aug 2023" with no start.

    ``years`` and ``precision`` shorten it for narrow columns, as ``human_span`` does.
    """
    if first is None and last is None:
        return "?" if qualifier == "unresolved" else ""
    if first is None:
        return f"until {human_span(last, last, precision, years)}"
    return human_span(first, last, precision, years)


def period_year(row: ClaimRow) -> int | None:
    """The one year the row's period lies in; None when undated or across years."""
    first, last = row.first or row.last, row.last or row.first
    if first is None or last is None or first.year != last.year:
        return None
    return first.year


@dataclass(slots=True)
class ClaimRow:
    """What the claims table shows of one claim; scores are None until scoring has run."""

    id: str
    subject: str
    text: str
    value: str
    period: str
    first: date | None = None  # the period's dates, for narrower layouts of it
    last: date | None = None
    qualifier: str | None = None
    sources: list[str] = field(default_factory=list)
    origins: int | None = None
    corroboration: float | None = None
    contradiction: float | None = None
    credibility: int | None = None
    discrepancies: int = 0
    stance: str = "asserts"
    haystack: str = ""

    def index(self) -> None:
        """The lowercase text the filter matches: wording, sources, subject, value, id."""
        self.haystack = "\x00".join(
            [self.text, " ".join(self.sources), self.subject, self.value, self.period, self.id]
        ).lower()


def _query(limit: int | None = None):  # type: ignore[no-untyped-def]
    query = (
        select(
            col(Claim.id),
            col(Subject.name),
            col(Claim.text),
            col(Claim.stance),
            col(Claim.qty_qualifier),
            col(Claim.qty_value),
            col(Claim.qty_low),
            col(Claim.qty_high),
            col(Claim.qty_unit),
            col(Claim.qty_item),
            col(Claim.qty_per),
            col(Claim.period_first),
            col(Claim.period_last),
            col(Claim.period_qualifier),
        )
        .join(Subject, col(Subject.id) == col(Claim.subject_id))
        .order_by(func.lower(col(Subject.name)), col(Claim.id))
    )
    return query.limit(limit) if limit else query


def load_rows(engine: Engine, limit: int | None = None) -> list[ClaimRow]:
    """Claims with their sources, sorted by subject then id; no scores yet.

    ``limit`` reads only the first rows of that order: enough to paint the
    first screen while the rest is read.
    """
    with engine.connect() as conn:
        query = _query(limit)
        names: dict[str, list[str]] = defaultdict(list)
        link = select(col(Attribution.claim_id), col(Source.name), col(Source.short)).join(
            Source, col(Source.id) == col(Attribution.source_id)
        )
        if limit:
            link = link.where(col(Attribution.claim_id).in_(select(query.subquery().c.id)))
        for claim_id, name, short in conn.execute(link):
            names[claim_id].append(f"{name} {short}" if short else name)
        rows = []
        # Claims share periods ("since August" read on one day): each is written once.
        periods: dict[tuple[date | None, date | None, str | None], str] = {}
        for r in conn.execute(query):
            sources = names.get(r[0], [])
            when = (r[11], r[12], r[13])
            if (period := periods.get(when)) is None:
                period = periods[when] = format_period(*when)
            row = ClaimRow(
                id=clean(r[0]),
                subject=clean(r[1]),
                text=clean(r[2]),
                stance=r[3],
                value=clean(format_quantity(r[4], r[5], r[6], r[7], r[8], r[9], r[10])),
                period=period,
                first=r[11],
                last=r[12],
                qualifier=r[13],
                sources=[clean(n) for n in dict.fromkeys(sources)] if sources else [],
            )
            row.origins = len(row.sources) or None
            row.index()
            rows.append(row)
    rows.sort(key=lambda row: (row.subject.lower(), row.id))
    return rows


def filter_rows(rows: list[ClaimRow], query: str) -> list[ClaimRow]:
    """Rows whose haystack holds every word of ``query`` (case-insensitive).

    map/compress keep the scan in C: about 5 ms per word over 100,000 rows.
    """
    result = rows
    for word in query.lower().split():
        hits = map(str.__contains__, map(_HAYSTACK, result), repeat(word))
        result = list(compress(result, hits))
    return result
