"""What the normalizer returns: spans of text with intervals, never losing the text.

These types are the contract between the normalizer and everything that
consumes it (importers, suggestions, scoring, the CLI's JSON of DOMAIN §5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

QUANTITY_QUALIFIERS = (
    "exact",
    "approx",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "nearly",
    "range",
    "vague",
)
TIME_QUALIFIERS = (
    "on",
    "in",
    "since",
    "until",
    "by",
    "between",
    "before",
    "after",
    "vague",
    "unresolved",
)


def _number(value: float | None) -> float | int | None:
    """10.0 prints as 10 in JSON; 1.5 stays 1.5."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure in the text: ``low``/``high`` are None where the interval is open-ended."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None = None
    item: str | None = None
    per: str | None = None
    low_open: bool = False
    high_open: bool = False
    # "up" or "down" when the figure is the size of a change ("rose 6.5%", "+0.2%",
    # "cut 1,200 jobs"); None for a level ("to $19 billion", "-12C at dawn")
    change: str | None = None

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": _number(self.value),
            "low": _number(self.low),
            "high": _number(self.high),
            "low_open": self.low_open,
            "high_open": self.high_open,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "item": self.item,
            "per": self.per,
            "change": self.change,
        }


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A date or period as an inclusive interval of days; both None when unresolved."""

    text: str
    start: int
    end: int
    first: date | None
    last: date | None
    qualifier: str
    granularity: str | None = None  # day, week, month, year, ...
    vague: bool = False

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "qualifier": self.qualifier,
            "granularity": self.granularity,
            "vague": self.vague,
        }


_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _impossible_day(text: str, year: int, month: int, day: int) -> str:
    """Why a date-shaped text is no date: 2023-02-30 is past the end of February."""
    if not 1 <= month <= 12:
        return f"no such date: {text!r} (there is no month {month})"
    last = _month_end(year, month).day
    if not 1 <= day <= last:
        name = date(year, month, 1).strftime("%B %Y")
        return f"no such date: {text!r} ({name} has {last} days)"
    return f"not a date or datetime: {text!r}"


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date texts are resolved against: a day, or an interval when uncertain."""

    first: date
    last: date
    precision: str = "day"  # day, month, year, datetime, interval

    @classmethod
    def on(cls, day: date) -> Anchor:
        return cls(day, day, "day")

    @classmethod
    def parse(cls, value: str | date | datetime) -> Anchor:
        """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, an ISO datetime, or an interval ``A/B``.

        Raises ValueError with the offending text for anything else.
        """
        if isinstance(value, datetime):
            return cls(value.date(), value.date(), "datetime")
        if isinstance(value, date):
            return cls.on(value)
        text = str(value).strip()
        if "/" in text:
            left, right = text.split("/", 1)
            a, b = cls.parse(left), cls.parse(right)
            if b.last < a.first:
                raise ValueError(f"interval ends before it starts: {text!r}")
            return cls(a.first, b.last, "interval")
        if _YEAR.match(text):
            year = int(text)
            return cls(date(year, 1, 1), date(year, 12, 31), "year")
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise ValueError(f"not a month: {text!r}")
            return cls(date(year, month, 1), _month_end(year, month), "month")
        try:
            if len(text) == 10:
                return cls.on(date.fromisoformat(text))
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            if m := _DAY.match(text):
                raise ValueError(_impossible_day(text, int(m[1]), int(m[2]), int(m[3]))) from None
            raise ValueError(
                f"not a date (YYYY, YYYY-MM, YYYY-MM-DD, datetime or A/B): {text!r}"
            ) from None
        return cls(moment.date(), moment.date(), "datetime")

    @property
    def is_exact(self) -> bool:
        return self.first == self.last

    def isoformat(self) -> str:
        if self.is_exact:
            return self.first.isoformat()
        if self.precision == "month":
            return self.first.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.first.year)
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


@dataclass(frozen=True, slots=True)
class Normalized:
    anchor: Anchor
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeSpan] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "anchor": self.anchor.isoformat(),
            "quantities": [q.to_json() for q in self.quantities],
            "times": [t.to_json() for t in self.times],
        }
