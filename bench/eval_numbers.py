"""Evaluators for the number, range, dimension and currency specs (plugin of eval_normalizer).

Which of our spans is compared with theirs (convention 2 of eval_normalizer):
- NumberModel: each numeral from ``numbers.find_numbers``, as (span, value). Their number
  model reports no numeral glued to a unit ("180ml", "29km"): those are dimensions there,
  so we drop a numeral whose text runs straight into letters.
- NumberRangeModel: each quantity from ``find_quantity_matches`` whose qualifier bounds it
  (everything but exact and approx and vague), as (figure span, interval). The figure span is
  qualifier + numerals, without the counted item ("more than thirty" in "more than thirty
  years").
- DimensionModel, CurrencyModel: each quantity with a unit of that kind, as (core span,
  value, unit). The core span is numerals + unit without qualifier ("ten miles" in "about
  ten miles").

The baselines see the same cases. quantulum3 is scored by the same rules on its own
spans; dateparser finds dates, never numbers, so on these files it is credited exactly
when nothing is expected.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable

from eval_normalizer import (
    PASS,
    Interval,
    Outcome,
    fail,
    our_unit,
    parse_number,
    same_results,
    skip,
    spec_span,
    their_interval,
)

from tracker.normalize.numbers import find_numbers
from tracker.normalize.quantities import find_quantity_matches
from tracker.normalize.units import CURRENCIES, dimension

PHYSICAL = {"length", "mass", "volume", "area", "speed", "angle", "information"}
BOUNDED = {"at_least", "more_than", "at_most", "less_than", "nearly", "range", "exact"}
_SAYS_EQUAL = re.compile(r"equal|=", re.IGNORECASE)

# ---------------------------------------------------------------- skip categories (shared)

SKIP_UNIT_ONLY = "unit named without a figure (no value: not a quantity, DOMAIN §3)"
SKIP_ORDINAL = "ordinal ranks ('the tenth') are not quantities (DOMAIN §3)"
SKIP_OVER = "'X over Y' read as a division: in news 'over' is the qualifier 'more than' (DOMAIN §3)"
SKIP_COMMA_DECIMAL = (
    "decimal comma or comma-listed numerals ('5,00', '1.111,11', 'nrs. 22,24,26'): "
    "not English notation; in English news '1,3' is ambiguous with a thousands separator"
)


def _skip_number(case: dict) -> str | None:
    texts = [r["Text"].lower() for r in case["Results"]]
    if any(re.search(r"\bover\b", t) for t in texts):
        return SKIP_OVER
    text = case["Input"]
    if re.search(r"\d\.\d{3},\d|\b\d,\d{1,2}\b(?!,\d)|\bnrs?\.", text):
        return SKIP_COMMA_DECIMAL
    return None


def _unit_only(case: dict) -> bool:
    return any(r.get("Resolution", {}).get("value") in (None, "") for r in case["Results"])


def _skip_range(case: dict) -> str | None:
    if re.search(r"\b(?:tenth|fifteenth|first|second|third)\b", case["Input"], re.I) and any(
        re.search(r"\b(?:tenth|fifteenth)\b", r["Text"], re.I) for r in case["Results"]
    ):
        return SKIP_ORDINAL
    return None


def _skip_unit(case: dict) -> str | None:
    return SKIP_UNIT_ONLY if _unit_only(case) else None


# ---------------------------------------------------------------- expected values


def _expected_numbers(case: dict) -> list[tuple]:
    return [
        (*spec_span(case, r), parse_number(r["Resolution"].get("value"))) for r in case["Results"]
    ]


def _expected_ranges(case: dict) -> list[tuple]:
    return [
        (*spec_span(case, r), their_interval(r["Resolution"]["value"])) for r in case["Results"]
    ]


def _expected_units(case: dict, currency: bool) -> list[tuple]:
    return [
        (
            *spec_span(case, r),
            parse_number(r["Resolution"].get("value")),
            our_unit(r["Resolution"].get("unit"), currency),
        )
        for r in case["Results"]
    ]


def _judge(expected: list[tuple], got: list[tuple]) -> Outcome:
    if same_results(expected, got):
        return PASS
    return fail(f"expected {expected} got {got}")


# ---------------------------------------------------------------- ours


def _glued_to_letters(text: str, end: int) -> bool:
    return end < len(text) and text[end].isalpha()


def ours_number(case: dict) -> Outcome:
    if reason := _skip_number(case):
        return skip(reason)
    text = case["Input"]
    got = [
        (n.start, n.end, n.value) for n in find_numbers(text) if not _glued_to_letters(text, n.end)
    ]
    return _judge(_expected_numbers(case), got)


def ours_range(case: dict) -> Outcome:
    if reason := _skip_range(case):
        return skip(reason)
    got = []
    for m in find_quantity_matches(case["Input"]):
        q = m.quantity
        # Their range model reports bounded figures; a bare number is only a range when
        # the text says so ("equal to 20", "= 20"), which our grammar reads as exact.
        if q.qualifier not in BOUNDED:
            continue
        if q.qualifier == "exact" and not _SAYS_EQUAL.match(q.text):
            continue
        got.append((*m.figure, Interval(q.low, q.high, q.low_open, q.high_open)))
    return _judge(_expected_ranges(case), got)


def _ours_units(case: dict, keep: Callable[[str], bool], currency: bool) -> Outcome:
    if reason := _skip_unit(case):
        return skip(reason)
    got = [
        (*m.core, m.quantity.value, m.quantity.unit)
        for m in find_quantity_matches(case["Input"])
        if m.quantity.unit and m.quantity.value is not None and keep(m.quantity.unit)
    ]
    return _judge(_expected_units(case, currency), got)


def ours_dimension(case: dict) -> Outcome:
    return _ours_units(case, lambda u: dimension(u) in PHYSICAL, currency=False)


def ours_currency(case: dict) -> Outcome:
    return _ours_units(case, lambda u: u in CURRENCIES or dimension(u) == "money", currency=True)


# ---------------------------------------------------------------- baselines

_quantulum_parser = None


def _quantulum(text: str) -> list:
    global _quantulum_parser
    if _quantulum_parser is None:
        warnings.filterwarnings("ignore")
        logging.getLogger("quantulum3").setLevel(logging.CRITICAL)
        from quantulum3 import parser

        _quantulum_parser = parser
    try:
        return _quantulum_parser.parse(text)
    except Exception:
        return []


def _q_unit(q) -> str | None:
    from tracker.normalize.units import canonical

    for name in (
        q.unit.name,
        getattr(q.unit, "symbols", [None])[0] if getattr(q.unit, "symbols", None) else None,
    ):
        if name and (unit := canonical(str(name))):
            return unit
    name = str(q.unit.name).lower()
    if "dollar" in name:
        return "usd"
    if "pound" in name and "mass" in name:
        return "lb"
    return name


def quantulum_number(case: dict) -> Outcome:
    if reason := _skip_number(case):
        return skip(reason)
    got = [
        (q.span[0], q.span[1], float(q.value))
        for q in _quantulum(case["Input"])
        if q.unit.name == "dimensionless"
    ]
    return _judge(_expected_numbers(case), got)


def quantulum_range(case: dict) -> Outcome:
    if reason := _skip_range(case):
        return skip(reason)
    got = []
    for q in _quantulum(case["Input"]):
        u = float(q.uncertainty or 0)
        got.append((q.span[0], q.span[1], Interval(float(q.value) - u, float(q.value) + u)))
    return _judge(_expected_ranges(case), got)


def _quantulum_units(case: dict, currency: bool) -> Outcome:
    if reason := _skip_unit(case):
        return skip(reason)
    got = []
    for q in _quantulum(case["Input"]):
        is_money = q.unit.entity.name == "currency"
        if q.unit.name == "dimensionless" or is_money != currency:
            continue
        got.append((q.span[0], q.span[1], float(q.value), _q_unit(q)))
    return _judge(_expected_units(case, currency), got)


def dateparser_nothing(case: dict) -> Outcome:
    """dateparser recognizes dates only: on number specs it passes where nothing is expected."""
    if reason := (_skip_range(case) or _skip_unit(case)):
        return skip(reason)
    return PASS if not case["Results"] else fail("dateparser finds no numbers")


EVALUATORS: dict[str, dict[str, Callable[[dict], Outcome]]] = {
    "NumberModel.json": {
        "ours": ours_number,
        "dateparser": dateparser_nothing,
        "quantulum3": quantulum_number,
    },
    "NumberRangeModel.json": {
        "ours": ours_range,
        "dateparser": dateparser_nothing,
        "quantulum3": quantulum_range,
    },
    "DimensionModel.json": {
        "ours": ours_dimension,
        "dateparser": dateparser_nothing,
        "quantulum3": lambda case: _quantulum_units(case, currency=False),
    },
    "CurrencyModel.json": {
        "ours": ours_currency,
        "dateparser": dateparser_nothing,
        "quantulum3": lambda case: _quantulum_units(case, currency=True),
    },
}
