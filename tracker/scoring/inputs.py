"""What scoring reads: plain frozen dataclasses, loaded from the database in a few
bulk queries (``load.py``) or built in memory by tests and the bench."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # scoring in memory must not need the normalizer's grammars loaded
    from tracker.normalize.types import Quantity


@dataclass(frozen=True, slots=True)
class Figure:
    """A value interval; ``low``/``high`` None where open-ended (DOMAIN §3)."""

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False
    qualifier: str = "exact"
    value: float | None = None
    unit: str | None = None
    item: str | None = None
    per: str | None = None
    text: str = ""

    @classmethod
    def from_quantity(cls, q: Quantity) -> Figure:
        return cls(
            low=q.low,
            high=q.high,
            low_open=q.low_open,
            high_open=q.high_open,
            qualifier=q.qualifier,
            value=q.value,
            unit=q.unit,
            item=q.item,
            per=q.per,
            text=q.text,
        )

    def describe(self) -> str:
        def num(x: float) -> str:
            return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"

        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        low = num(self.low) if self.low is not None else "-inf"
        high = num(self.high) if self.high is not None else "+inf"
        return f"{left}{low}, {high}{right}"


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive interval of days (DOMAIN §3)."""

    first: date
    last: date
    qualifier: str = "in"


@dataclass(frozen=True, slots=True)
class SourceIn:
    id: int
    name: str
    group: str  # the resolved independence group (registry.group_of)
    reliability: str = "F"


@dataclass(frozen=True, slots=True)
class DocumentIn:
    id: str
    outlet: str | None = None
    published_first: date | None = None
    published_last: date | None = None
    derived_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AttributionIn:
    source_id: int
    document_id: str
    quote: str = ""
    hedge: str | None = None  # the hedge as this outlet printed it
    figure: Figure | None = None  # the figure this outlet printed (its quote, normalized)
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ClaimIn:
    id: str
    subject: str
    stance: str = "asserts"
    figure: Figure | None = None
    period: Period | None = None
    cumulative: bool = False  # the subject's flag, carried on each of its claims
    hedge: str | None = None
    attributions: tuple[AttributionIn, ...] = ()


@dataclass(frozen=True)
class ScoringInputs:
    sources: Mapping[int, SourceIn] = field(default_factory=dict)
    documents: Mapping[str, DocumentIn] = field(default_factory=dict)
    claims: tuple[ClaimIn, ...] = ()
