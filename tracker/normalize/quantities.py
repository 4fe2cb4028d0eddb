"""Quantities: qualifiers, ranges, vague magnitudes, units, counted items and rates.

``find_quantities(text)`` turns every figure in the text into a ``Quantity``
(DOMAIN §3): "about 10 shipments" is approx 9..11 of "shipments"; "more than 1
million rounds" is open above 1,000,000; "between 20 and 30" is [20, 30];
"hundreds of thousands of shells" is vague 200,000..999,999; "about 180
kilometers (110 miles)" is one quantity in km; "2,700 rounds more per day" is a
rate per day. Years, dates, identifiers, footnotes and ordinals are not
quantities (see ``numbers``).

Numerals come from ``numbers.find_numbers``; units from ``units``. Each
grammar step below looks at a short, bounded window next to the numeral, so
the work is linear in the text and no pattern can backtrack without bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.normalize.direction import change_verb_before, with_changes
from tracker.normalize.items import item_after as _item_after
from tracker.normalize.names import is_score, names_thing
from tracker.normalize.numbers import (
    Number,
    find_numbers,
    letter_words,
    scaled,
)
from tracker.normalize.qualifiers import (
    QUALIFIER_BEFORE,
    QUALIFIER_SIGNS,
    QUALIFIER_WORDS,
    SUFFIX_QUALIFIER,
    suffix_qualifier,
)
from tracker.normalize.types import Quantity
from tracker.normalize.units import (
    CURRENCIES,
    GLUED_ONLY,
    UNIT_PATTERN,
    canonical,
    currency_before,
    is_million_code,
)

# "about 10" means 10 ± APPROX_TOLERANCE * 10: 9..11. One tolerance everywhere; change it here.
APPROX_TOLERANCE = 0.10
# "nearly 300" means at least 300 * (1 - NEARLY_TOLERANCE) and less than 300: [270, 300).
NEARLY_TOLERANCE = 0.10
# Words that name a count without a numeral: (low, high).
VAGUE_COUNTS = {
    "several": (3.0, 7.0),
    "a few": (2.0, 4.0),
    "a small number of": (2.0, 4.0),
    "a handful of": (2.0, 5.0),
    "a couple of": (2.0, 3.0),
}
# "hundreds" is 200..999: a plural magnitude b means at least 2b and less than 10b.
MAGNITUDES = {
    "dozens": 12.0,
    "tens": 10.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}
WINDOW = 60  # how far left or right of a numeral the grammar looks

RANGE_JOIN = re.compile(
    r"\s{0,3}(?P<join>-|–|—|~|to|through|thru|and|or)\s{0,3}(?=[\d\w$€£-])", re.IGNORECASE
)
RANGE_OPENERS = re.compile(r"(?:\bbetween|\bfrom|\branging\sfrom)\s{1,3}$", re.IGNORECASE)
PARENTHESIS_OPEN = re.compile(r"\s{0,2}\(\s{0,2}(?:about|some|roughly|around|approximately)?\s?")
PARENTHESIS_CLOSE = re.compile(r"\s{0,2}\)")
# A rate may sit a few words after its item: "2,700 rounds fired at Ukraine daily",
# "one cup of coffee a month"; the words between may not start a new clause.
RATE = re.compile(
    r"\s{1,3}(?:(?!(?:and|or|but|since|until|that|which|who|when|while|because|from|than)\b)"
    r"[A-Za-z][\w'’-]{0,20}\s{1,3}){0,3}?"
    r"(?:(?:more|less|fewer|extra|additional)\s{1,3})?"
    r"(?:(?:per|a|each|every|an)\s{1,3}(?P<per>day|week|month|year|hour|minute|second)\b"
    r"|(?P<adverb>daily|weekly|monthly|annually|yearly|hourly)\b)",
    re.IGNORECASE,
)
VAGUE = re.compile(
    r"\b(?:(?P<mult>tens|hundreds|dozens)\s{1,3}of\s{1,3})?"
    r"(?P<base>dozens|hundreds|thousands|millions|billions|trillions)\b"
    r"|\b(?P<word>several|a\s{1,3}few|a\s{1,3}handful\s{1,3}of|a\s{1,3}couple\s{1,3}of"
    r"|a\s{1,3}small\s{1,3}number\s{1,3}of)\b"
    r"(?:\s{1,3}(?P<scale>hundred|thousand|million|billion)\b)?",
    re.IGNORECASE,
)
# A word VAGUE cannot match without (each is a whole word in it): absent all, VAGUE is skipped.
_VAGUE_WORDS = frozenset(
    "dozens hundreds thousands millions billions trillions "
    "several few handful couple number".split()
)
MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april"
    r"|june|july|august|september|october|november|december)\.?,?\s{1,3}$",
    re.IGNORECASE,
)
# "between October 13 and 16": the second day of a date range
MONTH_DAY_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april"
    r"|june|july|august|september|october|november|december)\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?"
    r"\s{0,3}(?:and|to|through|-|–|until)\s{0,3}$",
    re.IGNORECASE,
)
# "the Magyongbong 92", "Highway 35": a bare number right after a name is a designation
NAME_BEFORE = re.compile(r"(?<![.!?:;\n]\s)(?<!^)\b[A-Z][a-z]{2,40}\s$")
MONTH_AFTER = re.compile(
    r"(?:st|nd|rd|th)?\s{0,3}(?:of\s)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|january|february|march|april|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
_THE_BEFORE = re.compile(r"\bthe\s{1,3}\Z", re.IGNORECASE)
_UNIT_RANGE_GAP = re.compile(r"\s{0,3}(?P<join>-|–|to|through)?\s{0,3}", re.IGNORECASE)
_MONEY_CONTEXT = re.compile(
    r"\b(?:pay|paid|pays|paying|cost|costs|costing|worth|price|priced|fined|spend|spent|"
    r"earn|earned|earns|charge|charged|charges|fee|fees|salary|wage)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_SIGNED_RATIO = re.compile(r"\s?(?:%|pc\b|per\s?cent|percent|bp\b|basis\spoints)", re.I)
_COMPARISON_GAP = re.compile(r"(?:\s{1,3}(?:or|equal|than|to)\b){0,5}\s{0,3}", re.IGNORECASE)
_RANGE_SCALE = re.compile(r"(?:thousand|million|billion|trillion|bn|k)$", re.IGNORECASE)
_RANGE_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_SCALE_WORD_END = re.compile(r"(?:million|billion|trillion|thousand|bn|k)$", re.IGNORECASE)
_SCALE_AFTER_UNIT = re.compile(r"\s{1,2}(million|billion|thousand)\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_OF = re.compile(r"\s{1,3}of\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """A quantity and the spans of its parts, for callers that need them (the evaluation).

    ``figure`` covers qualifier, numerals and unit but not the item ("more than 1 million");
    ``core`` covers numerals and unit only ("1 million", "$ 75 million", "ten miles").
    """

    quantity: Quantity
    figure: tuple[int, int]
    core: tuple[int, int]


def _approx(value: float) -> tuple[float, float]:
    spread = abs(value) * APPROX_TOLERANCE
    return value - spread, value + spread


def _interval(qualifier: str, value: float) -> tuple[float | None, float | None, bool, bool]:
    """(low, high, low_open, high_open) for a single figure with a qualifier."""
    if qualifier == "approx":
        low, high = _approx(value)
        return low, high, False, False
    if qualifier == "at_least":
        return value, None, False, False
    if qualifier == "more_than":
        return value, None, True, False
    if qualifier == "at_most":
        return None, value, False, False
    if qualifier == "less_than":
        return None, value, False, True
    if qualifier == "nearly":
        return value - abs(value) * NEARLY_TOLERANCE, value, False, True
    return value, value, False, False


_BRACKETED = re.compile(r"\s?[(\[{<]\s?([^\s()\[\]{}<>]{1,12})\s?[)\]}>]")
_CENTS_AFTER = re.compile(r"\s{1,3}(?:and\s{1,3})?", re.IGNORECASE)
_CENTS_TAIL = re.compile(r"(\s{1,3}cents?\b)?(?=\s*(?:[.,;!?]|$))", re.IGNORECASE)
_INCHES_AFTER = re.compile(
    r"\s{1,3}(?:and\s{1,3})?(\d{1,2}(?:\.\d+)?)\s?(?:in|inch|inches|\")(?![\w])", re.IGNORECASE
)


def _unit_after(text: str, end: int) -> tuple[str, int] | None:
    m = UNIT_PATTERN.match(text, end, min(len(text), end + WINDOW))
    if not m:
        # "20 (kg)", "20 [kg]": a unit in brackets right after the number
        b = _BRACKETED.match(text, end, min(len(text), end + 20))
        unit = canonical(b[1]) if b else None
        return (unit, b.end()) if b and unit else None
    spelling = m[0]
    glued = not spelling[:1].isspace()
    unit = canonical(spelling)
    if unit is None:
        return None
    bare = spelling.strip("- ")
    if bare.lower() in GLUED_ONLY and not glued:
        return None
    # "5G", "3D": an upper-case letter glued to a number is a name, not grams;
    # "47.6C", "85F", "15W" are temperatures and watts
    if len(bare) == 1 and bare.isupper() and bare not in "CFW":
        return None
    return unit, m.end()


def _rate_after(text: str, end: int) -> tuple[str, int] | None:
    m = RATE.match(text, end, min(len(text), end + WINDOW))
    if not m:
        return None
    if m["per"]:
        return m["per"].lower(), m.end()
    adverb = m["adverb"].lower()
    return {"daily": "day", "annually": "year", "yearly": "year"}.get(
        adverb, adverb[:-2] if adverb.endswith("ly") else adverb
    ), m.end()


def _last_char(text: str, pos: int) -> str:
    """The last non-blank character before ``pos`` (looking a few characters back), or "".

    The look-behind patterns below are only worth running after a word or a comparison sign;
    checking this first keeps long runs of bare numerals ("1 1 1 ...") fast.
    """
    return text[max(0, pos - 4) : pos].rstrip()[-1:]


def _may_follow_words(text: str, pos: int, also: str = "") -> bool:
    last = _last_char(text, pos)
    if last == "." and "." in also:  # "approx.", "Oct.": a dot only counts after a word
        head = text[max(0, pos - 6) : pos].rstrip()
        return len(head) > 1 and head[-2].isalpha()
    return bool(last) and (last.isalpha() or last in also)


def _is_year_or_date(text: str, number: Number) -> bool:
    before = text[max(0, number.start - 16) : number.start]
    after = text[number.end : number.end + 16]
    if (_may_follow_words(text, number.start, ".,") and MONTH_BEFORE.search(before)) or (
        number.value < 32 and MONTH_AFTER.match(after)
    ):
        return True
    if (
        number.value < 32
        and _may_follow_words(text, number.start, "-–")
        and MONTH_DAY_BEFORE.search(text[max(0, number.start - 30) : number.start])
    ):
        return True
    return (
        number.kind == "digits"
        and number.text.isdigit()
        and len(number.text) == 4
        and 1900 <= number.value <= 2100
    )


class _Builder:
    """One left-to-right pass over the numerals, consuming the ones a quantity absorbs."""

    def __init__(self, text: str) -> None:
        self.text = text
        words = letter_words(text)
        self.numbers = find_numbers(text, words)
        may_be_vague = words is None or not _VAGUE_WORDS.isdisjoint(words)
        self.vague = list(VAGUE.finditer(text)) if may_be_vague else []
        self.out: list[QuantityMatch] = []
        self.taken_until = 0
        self.skip_to = 0  # a numeral read as a name may take the next one with it ("2-2")

    def number_at(self, index: int, pos: int) -> int | None:
        """Index of the numeral starting exactly at ``pos`` (after index), if any."""
        j = index + 1
        if j < len(self.numbers) and self.numbers[j].start == pos:
            return j
        return None

    def build(self) -> list[QuantityMatch]:
        if not self.numbers and not self.vague:  # most sentences: nothing to build
            return []
        events: list[tuple[int, str, int]] = [(n.start, "n", i) for i, n in enumerate(self.numbers)]
        events += [(m.start(), "v", i) for i, m in enumerate(self.vague)]
        events.sort()
        taken_until = 0
        i = 0
        while i < len(events):
            pos, kind, index = events[i]
            i += 1
            if pos < taken_until:
                continue
            match = self._vague(self.vague[index]) if kind == "v" else self._number(index)
            if match is None:
                taken_until = max(taken_until, self.skip_to)
                continue
            self.out.append(match)
            taken_until = self.taken_until = match.quantity.end
        return _merge_bounds(self.text, self.out)

    # -- vague magnitudes ("hundreds of thousands of shells", "several ships")
    def _vague(self, m: re.Match[str]) -> QuantityMatch | None:
        text = self.text
        if m["word"]:
            low, high = VAGUE_COUNTS[_SPACES.sub(" ", m["word"].lower())]
            if m["scale"]:  # "several hundred" is 300..700
                size = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
                low, high = low * size[m["scale"].lower()], high * size[m["scale"].lower()]
        else:
            base = MAGNITUDES[m["base"].lower()]
            if m["mult"]:
                base *= MAGNITUDES[m["mult"].lower()]
            low, high = 2 * base, 10 * base - 1
        end = m.end()
        unit = item = None
        of = _OF.match(text, end)
        after = of.end() if of else end
        found_unit = _unit_after(text, after)
        if found_unit and of:
            unit, end = found_unit
        elif (found_item := _item_after(text, end)) is not None:
            item, end = found_item
        return self._make(
            m.start(),
            end,
            (m.start(), m.end()),
            (m.start(), m.end()),
            None,
            low,
            high,
            "vague",
            unit,
            item,
            None,
        )

    # -- a numeral and everything around it
    def _number(self, index: int) -> QuantityMatch | None:
        text = self.text
        number = self.numbers[index]
        if _is_year_or_date(text, number) and not self._has_unit_or_qualifier(number):
            return None
        if self._in_identifier_chain(index):
            return None
        if number.kind == "digits" and (score_end := is_score(text, number.start)):
            self.skip_to = score_end  # "drew 2-2", "won 112-108": a score
            return None
        start, end = number.start, number.end
        value: float = number.value
        high_value: float | None = None
        core_start = start
        currency = currency_before(text[max(self.taken_until, start - 6) : start])
        unit: str | None = None
        if currency:
            unit, length = currency
            core_start = start - length
            if is_million_code(text[core_start:start]):
                value *= 1e6
        # range: "20 to 30", "20-30", "between 20 and 30", "from 200 to 300"
        joined = RANGE_JOIN.match(text, end, min(len(text), end + 12))
        if joined:
            after = joined.end()
            j = self.number_at(index, after)
            if j is None and text[after : after + 1] in "$€£":
                j = self.number_at(index, after + 1)
            join = joined["join"].lower()
            opener = (
                RANGE_OPENERS.search(text[max(0, core_start - 20) : core_start])
                if _may_follow_words(text, core_start)
                else None
            )
            allowed = join != "and" or opener is not None
            # "increased by $4 billion to $19 billion": a change and the level reached
            if (
                j is not None
                and join == "to"
                and self.numbers[j].value > 3 * value
                and change_verb_before(text, core_start)
            ):
                allowed = False
            if j is not None and allowed and self.numbers[j].value >= value:
                high_value = self.numbers[j].value
                # "20 to 30 million", "two to three billion": the scale applies to both
                scale = _RANGE_SCALE.search(self.numbers[j].text)
                if scale and not _RANGE_SCALE.search(number.text):
                    size = _RANGE_SCALES[scale[0].lower()]
                    if value * size <= high_value:
                        value = scaled(value, size)
                end = self.numbers[j].end
        qualifier = "exact"
        q_start = core_start
        figure_start = core_start
        if high_value is not None:
            qualifier = "range"
            opener = (
                RANGE_OPENERS.search(text[max(0, core_start - 20) : core_start])
                if _may_follow_words(text, core_start)
                else None
            )
            if opener:
                figure_start = q_start = core_start - len(opener[0])
        else:
            before = (
                QUALIFIER_BEFORE.search(text[max(0, core_start - 48) : core_start])
                if _may_follow_words(text, core_start, QUALIFIER_SIGNS)
                else None
            )
            if before:
                qualifier = QUALIFIER_WORDS.get(_SPACES.sub(" ", before["q"].lower()), "exact")
                figure_start = q_start = core_start - len(before[0])
        figure_end = end
        found_unit = None if unit else _unit_after(text, end)
        if found_unit:
            unit_start = end
            unit, end = found_unit
            if is_million_code(text[unit_start:end]):
                value *= 1e6
            # "361 million pounds", "pay 8 or 9 pounds" are money; "500 pounds" is a weight
            if unit == "lb" and (
                _SCALE_WORD_END.search(number.text)
                or _MONEY_CONTEXT.search(text, max(0, core_start - 40), core_start)
            ):
                unit = "gbp"
            # "5% to 10%", "from 1 per cent to 1.5 per cent", "5.25%-5.5%": one range
            if high_value is None and (bound := self._second_bound(index, end, unit)):
                high_value, end = bound
                qualifier = "range"
                opener = (
                    RANGE_OPENERS.search(text[max(0, core_start - 20) : core_start])
                    if _may_follow_words(text, core_start)
                    else None
                )
                figure_start = q_start = core_start - len(opener[0]) if opener else core_start
            # "75 USD million": the scale written after the currency
            late = _SCALE_AFTER_UNIT.match(text, end) if unit in CURRENCIES else None
            if late and not _SCALE_WORD_END.search(number.text):
                value = scaled(value, _RANGE_SCALES[late[1].lower()])
                end = late.end()
            # "5 ft 2 in", "5 feet and 2 inches": one length in feet
            inches = _INCHES_AFTER.match(text, end, min(len(text), end + 20))
            if unit == "ft" and inches and high_value is None:
                value += float(inches[1]) / 12
                end = inches.end()
            # "3 dollars 50 cents", "15 dollars and 50.": one sum of money
            cents = _CENTS_AFTER.match(text, end, min(len(text), end + 40))
            if unit in ("usd", "eur", "cad", "aud") and cents and high_value is None:
                j = self.number_at(index, cents.end())
                if j is not None and self.numbers[j].value < 100:
                    tail = _CENTS_TAIL.match(text, self.numbers[j].end)
                    if tail:
                        value += self.numbers[j].value / 100
                        end = self.numbers[j].end + len(tail[1] or "")
        core_end = end
        suffix = SUFFIX_QUALIFIER.match(text, end, min(len(text), end + 30))
        if suffix and high_value is None and not self._number_follows(index, suffix.end()):
            if qualifier == "approx":  # "about 500 or more": the suffix decides
                figure_start = core_start
            qualifier = suffix_qualifier(suffix["q"] or suffix["plus"], qualifier)
            end = figure_end = suffix.end()
        # "180 kilometers (110 miles)": the parenthesis restates the same quantity
        if unit:
            end = self._absorb_conversion(index, end)
        # "one" alone is a pronoun more often than a count ("one of the", "not one but two")
        item: str | None = None
        per: str | None = None
        if unit is None:
            found_item = _item_after(
                text, end, after_the=_THE_BEFORE.search(text, max(0, start - 8), start)
            )
            if found_item:
                if text[end : end + 1] == "-" and number.kind == "words":
                    return None  # "a two-bedroom flat": a size naming the thing
                item, end = found_item
        # "9/11", "24/7": a written fraction without a unit is a name or a date in news
        if "/" in number.text and not unit and qualifier == "exact":
            return None
        bare = qualifier == "exact" and not unit and not item and high_value is None
        if number.text.lower() == "one" and bare:
            return None
        # "92호", "3D", "4G": a numeral running into letters that are no unit is a name
        if unit is None and text[number.end : number.end + 1].isalpha():
            return None
        if (
            bare
            and number.kind == "digits"
            and _may_follow_words(text, number.start)
            and NAME_BEFORE.search(text[max(0, number.start - 44) : number.start])
            and not MONTH_BEFORE.search(text[max(0, number.start - 16) : number.start])
        ):
            return None
        if qualifier in ("exact", "range") and names_thing(
            text,
            number.start,
            number.end,
            is_digits=number.kind == "digits",
            unit=unit,
            item=item,
            bare=bare,
        ):
            return None
        if (found_rate := _rate_after(text, end)) is not None:
            per, end = found_rate
        shown: float | None
        low: float | None
        high: float | None
        if high_value is not None:
            low, high, low_open, high_open = value, high_value, False, False
            shown = None
        else:
            low, high, low_open, high_open = _interval(qualifier, value)
            shown = value
        return self._make(
            q_start,
            end,
            (figure_start, figure_end),
            (core_start, core_end),
            shown,
            low,
            high,
            qualifier,
            unit,
            item,
            per,
            low_open,
            high_open,
        )

    def _second_bound(self, index: int, end: int, unit: str) -> tuple[float, int] | None:
        """The upper bound of a range that repeats its unit: "5% to 10%" -> (10, its end)."""
        text = self.text
        gap = _UNIT_RANGE_GAP.match(text, end, min(len(text), end + 12))
        if gap is None:
            return None
        j = self.number_at(index, gap.end())
        signed = j is None and gap["join"] == "-"
        if signed:  # "5.25%-5.5%": the hyphen was read as the second number's sign
            j = self.number_at(index, gap.start("join"))
        if j is None or not (gap["join"] or signed):
            return None  # "5% 10%": two figures
        second = self.numbers[j]
        value = self.numbers[index].value
        high = -second.value if signed and second.value < 0 else second.value
        found = _unit_after(text, second.end)
        if found is None or found[0] != unit or high < value:
            return None
        # "rise 3 pence to 42p": a change and the level reached
        if gap["join"] and gap["join"].lower() == "to" and high > 3 * value:
            if change_verb_before(text, self.numbers[index].start):
                return None
        return high, found[1]

    def _in_identifier_chain(self, index: int) -> bool:
        """ "+1-222-2222-2222", "192.168.1.2": numerals chained by punctuation are a code."""
        number = self.numbers[index]
        text = self.text
        sign = text[max(0, number.start - 1) : number.start]
        if sign == "+" and _SIGNED_RATIO.match(text, number.end):
            return False  # "+0.2%": a signed change, not a phone number
        if sign in ("+", "/"):
            return True  # "+1-222-...", "24/7", "9/11", "10/16/2023"
        if (
            text[number.end : number.end + 1] == "/"
            and text[number.end + 1 : number.end + 2].isdigit()
        ):
            return True
        links = 0
        for j in range(index, min(index + 3, len(self.numbers) - 1)):
            gap = text[self.numbers[j].end : self.numbers[j + 1].start]
            if gap in ("-", "/", ".") and text[self.numbers[j].end - 1].isdigit():
                links += 1
            else:
                break
        for j in range(index, max(index - 3, 0), -1):
            gap = text[self.numbers[j - 1].end : self.numbers[j].start]
            if gap in ("-", "/", "."):
                links += 1
            else:
                break
        return links >= 2

    def _number_follows(self, index: int, pos: int) -> bool:
        """Is the next thing a numeral, maybe after comparison words ("or equal to 40")?"""
        gap = _COMPARISON_GAP.match(self.text, pos, min(len(self.text), pos + 40))
        return self.number_at(index, gap.end() if gap else pos) is not None

    def _has_unit_or_qualifier(self, number: Number) -> bool:
        text = self.text
        if currency_before(text[max(0, number.start - 6) : number.start]):
            return True
        found = _unit_after(text, number.end)
        if found and found[0] not in ("year", "month", "week", "day"):
            return True
        return _may_follow_words(text, number.start, QUALIFIER_SIGNS) and bool(
            QUALIFIER_BEFORE.search(text[max(0, number.start - 48) : number.start])
        )

    def _absorb_conversion(self, index: int, end: int) -> int:
        text = self.text
        opened = PARENTHESIS_OPEN.match(text, end, min(len(text), end + 20))
        if not opened:
            return end
        j = self.number_at(index, opened.end())
        if j is None:
            return end
        unit = _unit_after(text, self.numbers[j].end)
        if not unit:
            return end
        closed = PARENTHESIS_CLOSE.match(text, unit[1])
        return closed.end() if closed else end

    def _make(
        self,
        start: int,
        end: int,
        figure: tuple[int, int],
        core: tuple[int, int],
        value: float | None,
        low: float | None,
        high: float | None,
        qualifier: str,
        unit: str | None,
        item: str | None,
        per: str | None,
        low_open: bool = False,
        high_open: bool = False,
    ) -> QuantityMatch:
        if low is not None and high is not None and low > high:
            low, high = high, low
        quantity = Quantity(
            text=self.text[start:end],
            start=start,
            end=end,
            value=value,
            low=low,
            high=high,
            qualifier=qualifier,
            unit=unit,
            item=item,
            per=per,
            low_open=low_open,
            high_open=high_open,
        )
        return QuantityMatch(quantity, figure, core)


_BOUND_JOIN = re.compile(r"\s{0,3}(?:,\s{0,3})?(?:and|but|,)\s{1,3}$", re.IGNORECASE)
_LOWER = ("more_than", "at_least")
_UPPER = ("less_than", "at_most")


def _merge_bounds(text: str, matches: list[QuantityMatch]) -> list[QuantityMatch]:
    """ "more than 10 and less than 20" is one range (10, 20), when the bounds are compatible."""
    out: list[QuantityMatch] = []
    for match in matches:
        prev = out[-1] if out else None
        if prev is not None:
            a, b = prev.quantity, match.quantity
            between = text[a.end : b.start]
            pair = {a.qualifier, b.qualifier}
            if (
                (
                    _BOUND_JOIN.fullmatch(" " + between if between[:1] != " " else between)
                    or between.strip().lower() in ("and", "but", ",", ", and")
                )
                and (pair <= set(_LOWER + _UPPER))
                and len(pair & set(_LOWER)) == 1
                and len(pair & set(_UPPER)) == 1
            ):
                lower, upper = (a, b) if a.qualifier in _LOWER else (b, a)
                if lower.low is not None and upper.high is not None and lower.low < upper.high:
                    merged = Quantity(
                        text=text[a.start : b.end],
                        start=a.start,
                        end=b.end,
                        value=None,
                        low=lower.low,
                        high=upper.high,
                        qualifier="range",
                        unit=a.unit or b.unit,
                        item=b.item or a.item,
                        per=b.per or a.per,
                        low_open=lower.low_open,
                        high_open=upper.high_open,
                    )
                    out[-1] = QuantityMatch(
                        merged, (prev.figure[0], match.figure[1]), (prev.core[0], match.core[1])
                    )
                    continue
        out.append(match)
    return out


def find_quantity_matches(text: str) -> list[QuantityMatch]:
    """Every quantity with the spans of its parts; see ``QuantityMatch``."""
    if not isinstance(text, str) or not text:
        return []
    matches = _Builder(text).build()
    if not matches:
        return matches
    changed = with_changes(text, [m.quantity for m in matches], letter_words(text))
    return [
        m if q is m.quantity else QuantityMatch(q, m.figure, m.core)
        for m, q in zip(matches, changed, strict=True)
    ]


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, left to right, spans not overlapping (DOMAIN §3)."""
    return [m.quantity for m in find_quantity_matches(text)]
