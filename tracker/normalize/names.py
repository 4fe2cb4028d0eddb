"""Numbers that name something rather than count it: "S&P 500", "FTSE 250", "iPhone 15
Pro", "Snapdragon 8 Gen 3 chip", "Model 3s", "Formula One", "0401 GMT", "the 10-year
Treasury", and scores ("drew 2-2", "won 112-108").

``names_thing(...)`` is asked once per numeral the quantity grammar has read, with what it
found around it; each test is a bounded look at a few characters on either side.
"""

from __future__ import annotations

import re

# a capitalised word (not the first of a sentence), an acronym ("FTSE", "S&P") or a
# camel-cased name ("iPhone") right before the number
_NAME_BEFORE = re.compile(
    r"(?:(?<![.!?:;\n]\s)(?<!^)\b[A-Z][a-z]{2,40}"
    r"|\b[A-Z][A-Z&]{1,6}(?<!\bUS)(?<!\bUK)(?<!\bEU)(?<!\bUN)"
    r"|\b[a-z]{1,3}[A-Z][A-Za-z]{1,20})\s$"
)
_MONTH_OR_UNIT_WORD = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April"
    r"|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|Some|About|Around|Nearly|Over|Only|Just|Almost|Roughly"
    r"|Between|From|Up|Under|More|Fewer|Less|At|The|In|On|By|And|Of|For|With)\s$"
)
# "the 10-year Treasury": a maturity naming a bond
_BOND_AFTER = re.compile(r"-year\s(?:Treasury|Treasuries|gilt|gilts|Bund|bond|note)\b")
# "drew 2-2", "won 112-108", "beat Barcelona 3-1", "losing 1-0": a score
_SCORE = re.compile(r"\d{1,3}[-–]\d{1,3}(?![\d%]|[.,]\d)")


def names_thing(
    text: str,
    start: int,
    end: int,
    *,
    is_digits: bool,
    unit: str | None,
    item: str | None,
    bare: bool,
) -> bool:
    """Does the numeral at ``text[start:end]`` name a thing (see the module docstring)?"""
    written = text[start:end]
    if is_digits and len(written) == 4 and written.startswith("0") and written.isdigit():
        return True  # "0401 GMT", "0900": a clock time or a code
    if text[end : end + 1] == "-" and _BOND_AFTER.match(text, end):
        return True
    if text[start - 1 : start] != " " or not (
        text[start - 2 : start - 1].isalpha() or text[start - 2 : start - 1] == "&"
    ):
        return False  # a name ends in a letter right before the number: most numbers stop here
    before = text[max(0, start - 44) : start]
    if not _NAME_BEFORE.search(before) or _MONTH_OR_UNIT_WORD.search(before):
        return False
    if not is_digits:
        # "Formula One", "Air Force One", "World War Two": a capitalised number word
        return written[:1].isupper()
    if bare:
        return True
    if unit == "second" and text[end : end + 1] == "s":
        return True  # "Model 3s"
    # "iPhone 15 Pro starts", "Gen 3 chip", "Formula One season": a singular or a
    # capitalised word after a name and a number is more of the name
    if not item or unit is not None:
        return False
    return item[:1].isupper() or not _plural(item)


def _plural(item: str) -> bool:
    last = item.split()[-1].lower()
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))


def is_score(text: str, start: int) -> int:
    """ "2-2", "112-108", "1-0" at ``start`` (the second not above the first, no unit, no
    money before): the score's end, else 0."""
    if text[start + 1 : start + 4].find("-") < 0 and text[start + 1 : start + 4].find("–") < 0:
        return 0
    m = _SCORE.match(text, start)
    if not m or text[max(0, start - 1) : start] in ("$", "£", "€"):
        return 0
    left, right = re.split("[-–]", m[0])
    if int(right) > int(left) or text[m.end() : m.end() + 1].isalpha():
        return 0
    return m.end()
