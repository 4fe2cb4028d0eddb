"""When a glued "m" after digits means million: "US$45m", "£1.2m", "1.2m tons", "1.2m homes".

A lower-case "m" glued to a number is a metre ("a 5m wall", "5m high") unless money is
written before the number or a counted thing or a unit of quantity follows it. Kept
apart from ``numbers`` so the numeral grammar stays one concern.
"""

from __future__ import annotations

import re

# a currency symbol or code right before the number: "$", "£", "€", "US$", "USD", "RM", "A$"
_MONEY_BEFORE = re.compile(
    r"(?:[$£€¥₹₩₽]|\b(?:usd|eur|gbp|jpy|aud|cad|chf|hkd|inr|rm|rs|uah|rub|cny|sgd)\s?)$",
    re.IGNORECASE,
)
# "1.2m tons", "1.2m homes", "2m people": a plural noun (or a unit of amount) after it
_COUNTED_AFTER = re.compile(
    r"\s(?!(?:is|was|has|as|this|its|his|plus|across|less|towards|ahead|minus)\b)"
    r"(?:[a-z][a-z'-]{1,30}(?<!s)s|people|tons|tonnes|barrels|litres|liters|euros|pounds|"
    r"dollars|children|men|women|staff|cattle|sheep|fish|personnel)\b"
)


def m_is_million(text: str, start: int, end: int) -> bool:
    """Is the "m" at ``text[end - 1]`` (glued to the number at ``start``) a million?"""
    if _MONEY_BEFORE.search(text, max(0, start - 4), start):
        return True
    return _COUNTED_AFTER.match(text, end, min(len(text), end + 40)) is not None
