"""Numerals in digits and words: "2,700", "1.5 million", "5k", "10 1/2", "one hundred and
twenty", "a dozen", "half a million".

``find_numbers(text)`` returns every numeral with its span and value, after
dropping what is not a figure: identifiers ("Pier No. 3", "Mangyongbong-92",
"RL32137"), footnote markers ("August.2"), list markers, ordinals ("4th"),
clock times, numbers inside URLs and e-mail addresses, and numerals too long to
be a figure (an account number, a run of a thousand digits).

Every pattern is compiled once at import and is free of nested unbounded
repetition, so no input can make it backtrack catastrophically.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.normalize.glued import m_is_million

# A numeral with more digits than this is an identifier (phone, account, hash), not a figure;
# it also keeps float() far from overflow.
MAX_DIGITS = 18

UNITS = {
    "zero": 0,
    "nought": 0,
    "naught": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Suffixes written right after digits: "5k", "$2bn", "1.5 million".
DIGIT_SCALES = {
    "k": 10**3,
    "thousand": 10**3,
    "hundred": 100,
    "hundred thousand": 10**5,
    "hundred million": 10**8,
    "hundred billion": 10**11,
    "dozen": 12,
    "m": 10**6,
    "mn": 10**6,
    "million": 10**6,
    "bn": 10**9,
    "b": 10**9,
    "billion": 10**9,
    "trillion": 10**12,
    "dozens": 12,
    "dz": 12,
    "dzs": 12,
    "doz": 12,
    "dozs": 12,
    "lakh": 10**5,
    "crore": 10**7,
    "lakh crore": 10**12,
    "mil": 10**6,
    "mln": 10**6,
    "mm": 10**6,
    "bln": 10**9,
    "tln": 10**12,
}
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅙": 1 / 6, "⅛": 0.125}
# Denominators: "three fifths", "a hundredth", "one twenty-fifth".
DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "fourth": 4,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 10**3,
    "millionth": 10**6,
    "billionth": 10**9,
    "trillionth": 10**12,
}
# Ordinal units that end a compound denominator ("twenty-first" is 21 in "one twenty-first").
ORDINAL_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
FRACTION_WORDS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "fourth": 0.25, "fifth": 0.2}

_DENOMINATOR_WORDS = sorted(
    {*(d + "s" for d in DENOMINATORS), *DENOMINATORS, *ORDINAL_UNITS, "firsts", "seconds"},
    key=len,
    reverse=True,
)
_DENOMINATOR_ONLY = "|".join(
    sorted({*(d + "s" for d in DENOMINATORS), *DENOMINATORS}, key=len, reverse=True)
)
_TENS = "(?:" + "|".join(TENS) + ")"
_ORDINAL_UNIT = "(?:" + "|".join(ORDINAL_UNITS) + ")s?"


def trie_pattern(words: list[str], space: str = r"\ ") -> str:
    """One regex for many words, shaped as a trie so a position is rejected in a step or two
    instead of trying every word in turn (the longest word wins, as the optional tails are
    greedy). A space in a word matches ``space``."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [
            (space if ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(tree) + ")"


_WORD_LIST = [*UNITS, *TEENS, *TENS, *SCALES, "hundred", "dozen", "dozens", "point"]
_WORD = trie_pattern([*_WORD_LIST, *_DENOMINATOR_WORDS])
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|dozen)"
# Every word NUMERAL can match in letters: a sentence with none of them (and no digit) holds
# no numeral, and one set lookup says so far faster than running NUMERAL over it.
_NUMBER_WORDS = frozenset(w.split()[0] for w in [*_WORD_LIST, *_DENOMINATOR_WORDS])
# Where a NUMERAL match in letters begins: a number word, or "a" ("a dozen", "a half ...").
_NUMBER_STARTS = _NUMBER_WORDS | {"a"}
_LETTER_RUN = re.compile(r"[a-z]+")
_DIGIT_LIKE = re.compile(r"[\d½⅓⅔¼¾⅕⅙⅛]+")  # a run: only its start can begin a numeral
# The only characters that match an ASCII letter under re.IGNORECASE without lower-casing to
# one (dotted/dotless i, long s, Kelvin sign): where one occurs no word gate is trusted.
_FOLD_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


@functools.lru_cache(maxsize=4)  # both grammars ask for the same sentence's words in turn
def letter_words(text: str) -> frozenset[str] | None:
    """The maximal runs of ASCII letters in ``text``, lower-cased: a pre-scan shared by the
    grammars to skip patterns whose words are absent. None when the text holds a character
    that case-insensitive matching folds onto an ASCII letter (then nothing may be skipped).
    A pattern word that the regex matches as a whole word is, in the lower-cased text, a
    whole run of ASCII letters, so it is in this set."""
    if _FOLD_TRAPS.search(text):
        return None
    return frozenset(_LETTER_RUN.findall(text.lower()))


NUMERAL = re.compile(
    rf"""
    (?P<half>\b(?:(?:one|a|two|three)[\s-]+)?(?:half|quarters?|thirds?)[\s-]+(?:a[\s-]+)?
        {_SCALE_WORD}\b)
  | (?P<digits>
        (?:(?<![\w.,])|(?<=\b(?:USD|EUR|GBP|AUD|CAD|CHF|JPY|INR|UAH|RUB|CNY|HKD|SGD))
          |(?<=\b(?:RM|Rs)))(?:(?<!\d\s)[-\u2212])?
        (?:
            \d{{1,2}}(?:,\d\d)+,\d{{3}}(?![\d,]\d)
          | \d{{1,3}}(?:,\d{{3}})+(?![\d,]\d)
          | \d{{1,3}}(?:[\u202f\u00a0\x20]\d{{3}})+(?!\d|[.,]\d{{3}})
          | \d+
          | (?=\.\d)
        )
        (?:\.\d+)?
        (?:[eE][-+]?\d{{1,3}}(?![\w])|\s?[x×]\s?10\^[-+]?\d{{1,3}}|\^[-+]{{0,2}}\d{{1,3}})?
        (?:\s+\d{{1,3}}/\d{{1,3}}(?!\d)|/\d{{1,3}}(?![\d/]))?
      | (?<![\w])[½⅓⅔¼¾⅕⅙⅛]
    )
    (?:(?P<sp>\s{{0,2}}|-(?=(?:hundred|thousand|million|billion|trillion)\b))
        (?P<suffix>k|K|mn|bn|m|b|million|billion|trillion|thousand
        |hundred(?:\s(?:thousand|million|billion))?
        |dozens|dozen|dzs|dz|dozs|doz|lakh\scrore|lakh|crore|mil|mln|bln|tln|(?-i:MM))\b)?
  | (?P<words>\b(?:(?:{_WORD})
        |a(?=[\s-]+(?:{_SCALE_WORD}|{_DENOMINATOR_ONLY}|{_TENS}-{_ORDINAL_UNIT})\b))
        (?:(?:[\s-]{{1,3}}|\s{{1,3}}and\s{{1,3}}(?:a\s{{1,3}})?|,\s{{1,3}})(?:{_WORD})\b){{0,16}}
    )\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WORD_TOKEN = re.compile(rf"\b(?:{_WORD}|and|a)\b", re.IGNORECASE)
# URLs, e-mail addresses and ISO dates: no numeral inside them is a figure
_MAY_HOLD_URL = re.compile(r"://|www\.|@|\d{4}-\d")
_URL = re.compile(
    r"(?:https?://|www\.)\S{1,2000}|\S{1,200}@\S{1,200}\.\w{1,20}"
    r"|\b\d{4}-\d\d-\d\d(?:T[\d:.]{1,20})?\b"
)
_IDENT_BEFORE = re.compile(
    r"(?:\bno\.?|\bnumber|\bnr\.?|#|(?:^|[^A-Za-z0-9])[A-Za-z]+\d*-)\s?$", re.IGNORECASE
)
_FOOTNOTE_BEFORE = re.compile(r"[A-Za-z)][.,;:\u201d\u2019\"')]$")
_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]{0,12}$")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r"^(?::\d\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b))", re.IGNORECASE)
# "the 1990s", "the '80s": decades
_DECADE_AFTER = re.compile(r"^s\b")
_CLOCK_BEFORE = re.compile(r"\d:$")
# "the one you mentioned", "which one": the pronoun, not the number
_PRONOUN_ONE_BEFORE = re.compile(r"\b(?:the|this|that|which|no|any|each|every)\s{1,3}$", re.I)
_NEGATIVE_BEFORE = re.compile(r"\b(?:negative|minus)\s{1,3}$", re.IGNORECASE)
# "more than half": a bare "half" is a number only after a comparison
_HALF = re.compile(r"\bhalf\b", re.IGNORECASE)
# "more than half", "roughly half": a bare "half" is a number only after a qualifier
_HALF_CONTEXT = re.compile(
    r"\b(?:than|about|roughly|nearly|almost|over|under|around|some|just)\s{1,3}$", re.IGNORECASE
)


_GROUP_SEPARATORS = re.compile(r"[,\u202f\u00a0]")
_SPACE_GROUPED = re.compile(r"-?\d{1,3}(?: \d{3})+")
_TIMES_TEN = re.compile(r"\s?[x×]\s?10$")
_WORD_SPLIT = re.compile(r"[\s-]+")
_YEAR_AND_FOOTNOTE = re.compile(r"(19|20)\d\d\.\d{1,2}")


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    value: float
    kind: str  # "digits" | "words"
    text: str

    @property
    def is_integer(self) -> bool:
        return float(self.value).is_integer()


def scaled(value: float, factor: float) -> float:
    """``value * factor`` without binary noise: 4.1 billion is 4100000000, not ...99.9995."""
    product = value * factor
    if product and abs(product) < 1e15 and float(factor).is_integer():
        digits = max(0, 15 - len(str(int(abs(product)))))
        return round(product, digits)
    return product


def _words_value(tokens: list[str]) -> tuple[float, int] | None:
    """Value of the longest valid prefix of number words, and how many tokens it used."""
    total = 0
    current = 0
    last = "start"
    last_scale = 10**18
    used = 0
    value_at_used: float | None = None
    i = 0
    while i < len(tokens):
        word = tokens[i].lower()
        if word == "and":
            if last not in ("hundred", "scale") or i + 1 >= len(tokens):
                break
            last = "and"
            i += 1
            continue
        if word == "a":
            if last != "start" or i + 1 >= len(tokens):
                break
            current = 1
            last = "a"
            i += 1
            continue
        if word in UNITS or word in TEENS:
            kind = "unit" if word in UNITS else "teen"
            if last not in ("start", "tens", "hundred", "scale", "and"):
                break
            if last == "tens" and kind == "teen":
                break
            current += UNITS.get(word, TEENS.get(word, 0))
            last = kind
        elif word in TENS:
            if last not in ("start", "hundred", "scale", "and"):
                break
            current += TENS[word]
            last = "tens"
        elif word == "hundred":
            if last not in ("start", "a", "unit", "teen", "tens") or current % 100 == 0 and current:
                break
            current = max(current, 1) * 100
            last = "hundred"
        elif word in ("dozen", "dozens"):
            if last not in ("start", "a", "unit", "teen", "tens") or (
                word == "dozens" and last == "start"
            ):
                break
            current = max(current, 1) * 12
            last = "hundred"
        elif word in SCALES:
            scale = SCALES[word]
            if last not in ("start", "a", "unit", "teen", "tens", "hundred") or scale >= last_scale:
                break
            total += max(current, 1) * scale
            current = 0
            last_scale = scale
            last = "scale"
        else:
            break
        i += 1
        used = i
        value_at_used = total + current
    if value_at_used is None:
        return None
    return float(value_at_used), used


def _denominator(tokens: list[str], i: int) -> tuple[float, int] | None:
    """A denominator at tokens[i]: "fifths", "hundredth", "twenty-first(s)"; (value, used)."""
    if i >= len(tokens):
        return None
    word = tokens[i]
    single = word[:-1] if word.endswith("s") and word[:-1] in DENOMINATORS else word
    if single == "halve":
        single = "halves"
    if single in DENOMINATORS:
        return float(DENOMINATORS[single]), 1
    if word in TENS and i + 1 < len(tokens):
        unit = tokens[i + 1].removesuffix("s")
        if unit in ORDINAL_UNITS:
            return float(TENS[word] + ORDINAL_UNITS[unit]), 2
    return None


def _decimals(tokens: list[str], i: int) -> tuple[float, int] | None:
    """ "point zero three" -> 0.03, "point seventy-one" -> 0.71; (value, used)."""
    digits = ""
    j = i
    while j < len(tokens):
        word = tokens[j]
        if word in UNITS:
            digits += str(UNITS[word])
        elif word in TEENS:
            digits += str(TEENS[word])
        elif word in TENS:
            nxt = tokens[j + 1] if j + 1 < len(tokens) else ""
            digits += str(TENS[word] // 10) if nxt in UNITS and UNITS[nxt] else str(TENS[word])
        else:
            break
        j += 1
    return (float("0." + digits), j - i) if digits else None


def _words_with_fractions(tokens: list[str]) -> tuple[float, int] | None:
    """Integer words, then maybe "point ...", a denominator, or "and a half"; (value, used)."""
    if tokens and tokens[0] == "a" and (den := _denominator(tokens, 1)):
        return 1 / den[0], 1 + den[1]  # "a hundredth", "a twenty-first"
    parsed = _words_value(tokens)
    if parsed is None:
        return None
    value, used = parsed
    if used < len(tokens) and tokens[used] == "point" and (dec := _decimals(tokens, used + 1)):
        after = used + 1 + dec[1]
        if after < len(tokens) and tokens[after] in SCALES:  # "one-point-five trillion"
            return (value + dec[0]) * SCALES[tokens[after]], after + 1
        return value + dec[0], after
    den = _denominator(tokens, used)
    if den is not None:
        # "one hundred and three quarters" is 100 3/4; "one hundred and thirty fifths" is 130/5
        if "and" in tokens[:used]:
            cut = len(tokens[:used]) - 1 - tokens[:used][::-1].index("and")
            whole = _words_value(tokens[:cut])
            numerator = _words_value(tokens[cut + 1 : used])
            if whole and numerator and numerator[0] < den[0]:
                # "five billion and three quarters" is 5.75 billion
                scale = SCALES.get(tokens[cut - 1], 1)
                return whole[0] + scale * numerator[0] / den[0], used + den[1]
        return value / den[0], used + den[1]
    # "one and a half", "three million and a quarter", "twenty and three fifths"
    if used + 2 < len(tokens) and tokens[used] == "and":
        rest = tokens[used + 1 :]
        if rest[0] == "a" and (d := _denominator(rest, 1)):
            fraction, extra = 1 / d[0], 2 + d[1] - 1
        else:
            num = _words_value(rest)
            d = _denominator(rest, num[1]) if num else None
            if not (num and d):
                return value, used
            fraction, extra = num[0] / d[0], num[1] + d[1]
        after = used + 1 + extra
        scale_word = tokens[after] if after < len(tokens) else ""
        last_scale = next((SCALES[t] for t in reversed(tokens[:used]) if t in SCALES), 1)
        if scale_word in SCALES and last_scale > SCALES[scale_word]:
            # "a billion and a half million"
            return value + fraction * SCALES[scale_word], after + 1
        total = value + fraction * last_scale
        if scale_word in SCALES:
            total *= SCALES[scale_word]
            after += 1
        return total, after
    return value, used


def _digits_value(text: str) -> float | None:
    """The value of a numeral written in digits, or None when it is not a usable figure."""
    try:
        value = _parse_digits(text)
    except (ValueError, OverflowError, ZeroDivisionError):
        return None
    if value is None or value != value or abs(value) == float("inf"):
        return None
    return value


def _parse_digits(text: str) -> float | None:
    if text in VULGAR:
        return VULGAR[text]
    text = _GROUP_SEPARATORS.sub("", text).replace("\u2212", "-")
    if _SPACE_GROUPED.fullmatch(text):
        text = text.replace(" ", "")
    if "^" in text:
        base, _, power = text.partition("^")
        base = _TIMES_TEN.sub("", base)
        exponent = int(power.replace("--", "-").replace("+", "") or 0)
        if "10" in text.partition("^")[0][-3:] and base != text.partition("^")[0]:
            return float(base) * 10.0**exponent  # "1.3x10^6"
        try:
            return float(float(base) ** exponent)
        except (OverflowError, ZeroDivisionError):
            return None
    if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        return None
    if "/" in text:
        head, _, frac = text.rpartition(" ") if " " in text.strip() else ("", "", text)
        num, _, den = frac.partition("/")
        if not den or int(den) == 0:
            return None
        part = int(num) / int(den)
        if head.strip():
            whole_part = float(head)
            return whole_part - part if whole_part < 0 else whole_part + part
        return part
    return float(text)


def _urls(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and ISO dates: no numeral inside them is a figure."""
    # substring tests first: the regex's digit branch would be tried at every position
    if not ("://" in text or "www." in text or "@" in text or "-" in text):
        return []
    if not _MAY_HOLD_URL.search(text):
        return []
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


def _excluded(text: str, start: int, end: int, urls: list[tuple[int, int]]) -> bool:
    """Identifiers, footnotes, list markers, ordinals, clock times, decades, URLs."""
    at = bisect.bisect_right(urls, (start, len(text) + 1)) - 1
    if at >= 0 and urls[at][0] <= start < urls[at][1]:
        return True
    before = text[max(0, start - 12) : start]
    after = text[end : end + 6]
    if _DECADE_AFTER.match(after) and (
        (end - start == 4 and text[start : start + 2] in ("19", "20") and text[end - 1] == "0")
        or (end - start == 2 and text[end - 1] == "0" and before.endswith(("'", "\u2019")))
    ):
        return True
    if _IDENT_BEFORE.search(before) or _CLOCK_BEFORE.search(before):
        return True
    if _FOOTNOTE_BEFORE.search(before) and not before.endswith(("(", " ")):
        return True
    if _ORDINAL_AFTER.match(after) or _CLOCK_AFTER.match(after):
        return True
    # "1. U.S. Mission ..." at the start of a line is a list marker.
    return bool(_LIST_MARKER.search(before) and after.startswith(". "))


def _numerals(text: str, words: frozenset[str] | None) -> Iterator[re.Match[str]]:
    """The matches of ``NUMERAL.finditer(text)``, found by trying NUMERAL only where a match
    can start: at a digit (or the sign or point up to two characters before it) and at a
    letter run that is a number word or "a". NUMERAL matches nowhere else, so skipping the
    other positions changes nothing; it only spares the regex a failed attempt at each."""
    if words is None:
        yield from NUMERAL.finditer(text)
        return
    has_word = not _NUMBER_WORDS.isdisjoint(words)
    starts: list[int] = []
    # A numeral in digits begins at the first digit of a run (what precedes it is neither a
    # word character nor a digit), or one or two characters earlier at a sign or point
    # ("-5", ".5", "-.5").
    for d in _DIGIT_LIKE.finditer(text):
        at = d.start()
        before = text[max(0, at - 2) : at]
        if before.endswith(("-", "\u2212")) or before == ".":
            starts.append(at - 1)
        elif before.endswith("."):
            starts.append(at - 1)
            if before[0] in "-\u2212":
                starts.append(at - 2)
        starts.append(at)
    if has_word:
        starts.extend(
            r.start() for r in _LETTER_RUN.finditer(text.lower()) if r[0] in _NUMBER_STARTS
        )
    elif not starts:
        return
    starts.sort()
    done = 0  # the end of the last match: finditer resumes there
    for at in starts:
        if at >= done and (m := NUMERAL.match(text, at)) is not None:
            done = m.end()
            yield m


def find_numbers(text: str, words: frozenset[str] | None = None) -> list[Number]:
    """Every numeral in ``text`` that can be a figure, left to right, without overlaps.

    ``words`` is ``letter_words(text)`` when the caller already has it."""
    urls: list[tuple[int, int]] | None = None  # found on the first numeral in digits
    found: list[Number] = []
    runs = letter_words(text) if words is None else words
    for m in _numerals(text, runs):
        if m["half"]:
            parts = _WORD_SPLIT.split(m["half"].lower())
            scale = SCALES.get(parts[-1]) or {"hundred": 100, "dozen": 12}[parts[-1]]
            count = UNITS.get(parts[0], 1)
            fraction = next(
                FRACTION_WORDS[w.rstrip("s")] for w in parts if w.rstrip("s") in FRACTION_WORDS
            )
            found.append(Number(m.start(), m.end(), count * fraction * scale, "words", m[0]))
        elif m["digits"]:
            digits = m["digits"]
            # "October 14, 2023.3": a year and a footnote marker, not 2023.3
            if (
                _YEAR_AND_FOOTNOTE.fullmatch(digits)
                and not text[m.end("digits") : m.end("digits") + 1].isdigit()
            ):
                continue
            value = _digits_value(digits)
            if value is None:
                continue
            end = m.end("digits")
            suffix = m["suffix"]
            if suffix:
                # "5 m" is five metres, not five million; "5m" after "$" is money.
                # an upper-case "1.8M" is money or a count; lower-case "5m" is five metres
                is_bare_m = (
                    suffix == "m" and bool(m["sp"] or not m_is_million(text, m.start(), m.end()))
                ) or (suffix.lower() == "b" and bool(m["sp"]))
                if not is_bare_m:
                    value = scaled(value, DIGIT_SCALES[" ".join(suffix.lower().split())])
                    end = m.end()
            if urls is None:
                urls = _urls(text)
            if _excluded(text, m.start(), m.end("digits"), urls):
                continue
            found.append(Number(m.start(), end, value, "digits", text[m.start() : end]))
        elif m["words"]:
            _add_words(text, m.start(), m.end(), found)
    covered = [(n.start, n.end) for n in found]
    for m in _HALF.finditer(text) if runs is None or "half" in runs else ():
        at = bisect.bisect_right(covered, (m.start(), len(text) + 1)) - 1
        inside = at >= 0 and covered[at][0] <= m.start() < covered[at][1]
        if not inside and _HALF_CONTEXT.search(text, max(0, m.start() - 12), m.start()):
            found.append(Number(m.start(), m.end(), 0.5, "words", m[0]))
    found.sort(key=lambda n: n.start)
    return _combine(text, [_signed(text, n) for n in found])


_SCALE_END = re.compile(r"(?:hundred|thousand|million|billion|trillion|lakh|crore)$", re.I)
_GLUED_AFTER = re.compile(r"-?[A-Za-z]")
_AND_GAP = re.compile(r"\s{1,3}(?:and\s{1,3})?")
_OF_A = re.compile(r"\s{1,3}of\s{1,3}a\s", re.IGNORECASE)
_RATIO_GAP = re.compile(r"\s{1,3}(?:out\s{1,3}of|in)\s{1,3}", re.IGNORECASE)
_SCALE_OF = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "lakh": 10**5,
    "crore": 10**7,
}


def _combine(text: str, numbers: list[Number]) -> list[Number]:
    """Numerals that read as one: "4 thousand 3 hundred and 21", "3 million and a half",
    "one out of three", "1 in 5"."""
    out: list[Number] = []
    for number in numbers:
        prev = out[-1] if out else None
        if prev is not None:
            gap = text[prev.end : number.start]
            scale = _SCALE_END.search(prev.text)
            merged: float | None = None
            if (
                scale
                and _AND_GAP.fullmatch(gap)
                and 0 < number.value
                # "2 million 155-millimetre rounds", "six million 330ml cans": a size
                # glued to its noun is part of the item, not of the count
                and not _GLUED_AFTER.match(text, number.end)
            ):
                size = _SCALE_OF[scale[0].lower()]
                if number.value < 1:
                    merged = prev.value + number.value * size  # "3 million and a half"
                elif number.value < size and not _SCALE_END.search(prev.text[: scale.start()]):
                    merged = prev.value + number.value  # "3 hundred and 21"
                elif number.value < size:
                    merged = prev.value + number.value
            elif (
                _OF_A.fullmatch(gap + number.text[:2].lower())
                and prev.value < 1
                and number.value >= 1000
            ):
                merged = prev.value * number.value  # "two thirds of a million"
            elif (
                _RATIO_GAP.fullmatch(gap)
                and number.value > 0
                and prev.value <= number.value
                and not (number.text.isdigit() and 1900 <= number.value <= 2100)
                and (
                    prev.kind == "words"
                    or number.kind == "words"
                    or "out" in gap.lower()
                    or prev.value == 1
                )
            ):
                merged = prev.value / number.value  # "one out of three", "1 in 5"
            if merged is not None:
                out[-1] = Number(
                    prev.start, number.end, merged, prev.kind, text[prev.start : number.end]
                )
                continue
        out.append(number)
    return out


def _signed(text: str, number: Number) -> Number:
    """ "negative ten", "minus 5": the sign word belongs to the numeral."""
    sign = _NEGATIVE_BEFORE.search(text, max(0, number.start - 12), number.start)
    if not sign or number.value < 0:
        return number
    start = sign.start()
    return Number(start, number.end, -number.value, number.kind, text[start : number.end])


def _add_words(text: str, start: int, end: int, found: list[Number]) -> None:
    tokens = list(_WORD_TOKEN.finditer(text, start, end))
    i = 0
    while i < len(tokens):
        parsed = _words_with_fractions([t[0].lower() for t in tokens[i:]])
        if parsed is None:
            i += 1
            continue
        value, used = parsed
        first, last = tokens[i], tokens[i + used - 1]
        if (
            used == 1
            and first[0].lower() == "one"
            and _PRONOUN_ONE_BEFORE.search(text, max(0, first.start() - 8), first.start())
        ):
            i += used
            continue
        found.append(
            Number(first.start(), last.end(), value, "words", text[first.start() : last.end()])
        )
        i += used
