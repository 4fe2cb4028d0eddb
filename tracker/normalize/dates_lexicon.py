"""Words and compiled patterns of the date grammar (compiled once, at import).

Each pattern finds one kind of "atom" (a day, a month, a weekday, a relative
period ...); ``times`` joins atoms into ranges and applies the word in front
of them (since, by, between ...).
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# A bare "may" or "march" is usually a verb; as month names they need a date-ish neighbour.
VERB_MONTHS = {"may", "march"}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}

_UNITS_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
CARDINALS = {w: i + 1 for i, w in enumerate(_UNITS_WORDS)} | {"twenty": 20, "thirty": 30}
_ORD = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
ORDINALS = {w: i + 1 for i, w in enumerate(_ORD)} | {"twentieth": 20, "thirtieth": 30}
for _i, _w in enumerate(_ORD[:9]):
    ORDINALS[f"twenty {_w}"] = ORDINALS[f"twenty-{_w}"] = 21 + _i
    CARDINALS[f"twenty {_UNITS_WORDS[_i]}"] = CARDINALS[f"twenty-{_UNITS_WORDS[_i]}"] = 21 + _i
ORDINALS["thirty first"] = ORDINALS["thirty-first"] = 31
CARDINALS["thirty one"] = CARDINALS["thirty-one"] = 31
# Counts in "over the past N months": "few" and "several" are vague (documented windows).
COUNTS = CARDINALS | {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3}
VAGUE_COUNTS = {"a few", "few", "several", "a couple of", "couple of"}
SEVERAL = 4  # "several weeks" reads as about four


def _alt(words) -> str:
    """The words as one alternation, longest first, grouped by first letter: a position is
    rejected after one test per letter instead of one per word. Words starting with different
    letters never match at the same place, so the grouping changes no match (the words are
    lower case; a mixed-case list keeps the plain form, where the grouping would not hold
    under IGNORECASE)."""
    ordered = sorted(words, key=lambda w: len(re.escape(w)), reverse=True)
    if any(w != w.lower() or not w for w in ordered):
        return "|".join(re.escape(w) for w in ordered)
    groups: dict[str, list[str]] = {}
    for w in ordered:
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(
        re.escape(first) + (rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")")
        for first, rest in groups.items()
    )


_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
# "Oct. 13" takes its dot; "August." and "in Aug." do not (that dot ends the sentence).
# "the twenty second." is a day; "the second." or "the fifteenth." is a rank far more often.
_LATE_DAY_WORD = _alt([w for w, n in (ORDINALS | CARDINALS).items() if n >= 20])
MONTH = (
    rf"(?P<month>(?:{_alt(_FULL_MONTHS)})(?![a-z])"
    rf"|(?:{_alt(_ABBR_MONTHS)})(?![a-z])(?:\.(?=\s*\d|,))?)"
)
WEEKDAY = rf"(?P<wd>{_alt(WEEKDAYS)})\b\.?"
_WORD_DAY = _alt(list(ORDINALS) + list(CARDINALS))
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
# A day said as a cardinal ("May twenty one") only where no counted thing follows it.
# The closing \b holds for every ordinal ("May thirdthat" is no day): the alternation is
# wrapped before it, since a bare a|b\b would bind the \b to its last word only.
_ORDINALS_IN_ORDER = sorted(ORDINALS, key=lambda w: len(re.escape(w)), reverse=True)
_ORDINALS_ALT = f"(?:{_alt(_ORDINALS_IN_ORDER[:-1])})|{re.escape(_ORDINALS_IN_ORDER[-1])}"
DAY_WORD = (
    rf"(?P<dayword>(?:{_ORDINALS_ALT})\b|(?:{_alt(CARDINALS)})\b"
    rf"(?=\s*[,.;!?]|\s*$|\s+(?:two\s+thousand|nineteen|twenty)\b))"
)
# Years said in words, as in transcripts: "two thousand and eighteen", "nineteen seventy eight".
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNDER_100 = rf"(?:(?:{_TENS})(?:[\s-]+(?:{_ONES}))?|{_TEENS}|{_ONES})"
SPOKEN_YEAR = (
    rf"(?:two\s+thousand(?:\s+(?:and\s+)?{_UNDER_100}|(?!\s+[a-z]))|"
    rf"(?:nineteen|twenty)[\s-]+(?:(?:zero|oh)\s+(?:{_ONES})|{_UNDER_100}|hundred))(?![\w-])"
)
YEAR = rf"(?P<year>1\d{{3}}|20\d{{2}}|{SPOKEN_YEAR})(?![\d])"
_COUNT_WORDS = _alt(list(COUNTS) + ["several"])
DURATION_PART = rf"(?:\d{{1,3}}|{_COUNT_WORDS})\s*(?:day|week|month|year|decade)s?"
COUNT = rf"(?P<n>\d{{1,3}}|{_alt(list(COUNTS) + ['several'])})"
UNIT = r"(?P<unit>day|week|month|year|decade)s?"

_I = re.IGNORECASE
# early|mid|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of, grouped by first letter
_PART_MOD = (
    r"e(?:arly|nd\s+of)|m(?:id|iddle\s+of)|late|the\s+(?:beginning|start|end|middle)\s+of"
    r"|beginning\s+of|start\s+of"
)
_PART_COUNT = r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|[2-9]|1[01])"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Friday, October 13, 2023 / Oct. 2 / Oct-2 / May twenty-first / October 10
    (
        "mdy",
        re.compile(
            rf"\b(?:{WEEKDAY},?\s+)?{MONTH}(?:\.?\s*[-/]\s*|\.?,?\s*(?:the\s+)?)(?:{DAY}|{DAY_WORD})"
            rf"(?:\s*,?\s*{YEAR})?",
            _I,
        ),
    ),
    # 13 September 2023 / 1st Jan / Wed, 22 of Jan / second of Aug / 16. Nov. 2016
    (
        "dmy",
        re.compile(
            rf"(?<![\d.,$])\b(?:(?P<wd>{_alt(WEEKDAYS)})\b\.?,?\s+)?"
            rf"(?:{DAY}(?:\.?(?:\s+of)?\s+|-)|{DAY_WORD}\s+of\s+){MONTH}(?:\s*[,-]?\s*(?:in\s+)?{YEAR})?",
            _I,
        ),
    ),
    # early October / mid-August / the end of August / last sept / June 2016 / October
    (
        "month",
        re.compile(
            # the modifiers early|mid|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of|this|
            # last|next|month\s+of grouped by first letter (see _alt), in order within a letter
            r"\b(?:(?P<mod>e(?:arly|nd\s+of)|m(?:id|iddle\s+of|onth\s+of)|l(?:ate|ast)|"
            r"t(?:he\s+(?:beginning|start|end|middle)\s+of|his)|beginning\s+of|start\s+of|next)"
            r"[-\s]+)?"
            rf"{MONTH}(?:\s*[,/-]?\s*(?:of\s+|in\s+)?{YEAR}|\s+(?P<ry>next|last|this)\s+year)?",
            _I,
        ),
    ),
    ("year_month", re.compile(rf"\b{YEAR}\s*,?\s*{MONTH}", _I)),
    # 2023-10-16, 2015/08/12, 2015.5.13
    (
        "ymd",
        re.compile(r"(?<![\d.])\b(?P<y>\d{4})[-/.](?P<a>\d{1,2})[-/.](?P<b>\d{1,2})\b(?![.\d])"),
    ),
    # 02/22/2016, 21/04/16, 21-04-2016, 13.5.2015, 08/12,2015
    (
        "dmy_num",
        re.compile(
            r"(?<![\d./])\b(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.,](?P<y>\d{4}|\d{2})\b(?![./]\d)"
        ),
    ),
    # 2016-11, 2015/3, 11/2016
    (
        "ym_num",
        re.compile(r"(?<![\d./-])\b(?P<y>1\d{3}|20\d{2})\s*[-/.]\s*(?P<a>\d{1,2})\b(?![./-]?\d)"),
    ),
    (
        "my_num",
        re.compile(r"(?<![\d./-])\b(?P<a>\d{1,2})\s*[-/]\s*(?P<y>1\d{3}|20\d{2})\b(?![./-]?\d)"),
    ),
    # 2019-sep-1: odd layouts go to dateparser
    ("odd", re.compile(r"\b\d{4}[-/][a-z]{3,9}[-/]\d{1,2}\b", _I)),
    ("weekday_the", re.compile(rf"\b{WEEKDAY}\s+the\s+(?:{DAY}|{DAY_WORD})", _I)),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<rel>last|next|this|past|previous|coming)\s+(?:week\s+(?:on\s+)?)?)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
            r"(?:\s+(?:of\s+)?(?P<wk>next|last|this)\s+week)?",
            _I,
        ),
    ),
    # "the 27th"; "the 27" only where nothing is counted after it ("for the 27.")
    (
        "the_day",
        re.compile(
            r"\bthe\s+(?:(?P<day>[0-3]?\d)(?:(?:st|nd|rd|th)\b(?=\s*(?:[.,;:!?)]|$|(?:of|and|to|"
            r"through|until|till)\b|[-–]))|(?=\s*[.!?;](?!\d)|\s*$))|"
            rf"(?P<dayword>{_LATE_DAY_WORD})(?=\s*[.!?;](?!\d)|\s*$))",
            _I,
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?:the\s+day\s+(?P<dir>before|after)\s+)?(?P<word>today|yesterday|tomorrow|tmrw)\b",
            _I,
        ),
    ),
    (
        "weekend",
        re.compile(
            r"\b(?:(?P<over>over|on|during)\s+)?(?P<rel>the|this|last|next|past)\s+weekend\b", _I
        ),
    ),
    (
        "into_next_year",
        re.compile(r"\binto\s+next\s+year\b", _I),
    ),
    (
        "rel_unit",
        re.compile(
            # last|this|next|past|previous|coming|current|the\s+past|the\s+previous|the\s+last|
            # the\s+next|upcoming|following, grouped by first letter (see _alt)
            r"\b(?P<rel>last|t(?:his|he\s+past|he\s+previous|he\s+last|he\s+next)|next|"
            r"p(?:ast|revious)|c(?:oming|urrent)|upcoming|following)\s+"
            r"(?P<unit>week|month|quarter|year|decade)\b",
            _I,
        ),
    ),
    (
        "past_n",
        re.compile(
            r"\b(?:(?P<prep>over|in|during|for)\s+)?(?:the\s+)?(?P<dir>past|last|previous|next)\s+"
            rf"{COUNT}\s*{UNIT}\b",
            _I,
        ),
    ),
    (
        "recent",
        re.compile(
            r"\b(?:(?P<prep>in|over|during)\s+)?recent\s+(?P<unit>days|weeks|months|years)\b", _I
        ),
    ),
    # "within 5 days": from the anchor on; "within the next 3 years"
    (
        "within",
        re.compile(
            r"\bwithin\s+(?:the\s+)?(?:(?:next|coming|upcoming)\s+)?"
            rf"(?P<dur>(?:{DURATION_PART}\s*,?\s*(?:and\s+)?)*{DURATION_PART})\b(?!\s+(?:from|after))",
            _I,
        ),
    ),
    # "1 month 21 days ago", "two weeks from now", "three weeks from tomorrow"
    (
        "offset",
        re.compile(
            r"\b(?:(?P<bound>more\s+than|less\s+than|within|over|under|for)\s+)?"
            rf"(?P<dur>(?:{DURATION_PART}\s*,?\s*(?:and\s+)?)+?)"
            r"(?P<rel>ago|from\s+now|hence|from\s+(?:today|tomorrow|yesterday)|"
            r"(?:after|before)\s+(?:today|tomorrow|yesterday))\b",
            _I,
        ),
    ),
    # "the first Friday of July", "second Sunday", "the third Wednesday of previous month"
    (
        "nth_weekday",
        re.compile(
            r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)\s+"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
            r"(?:\s+(?:of|in)\s+(?:(?P<rel>this|next|last|previous)\s+month|"
            rf"{MONTH}))?",
            _I,
        ),
    ),
    # "from 4 to 22 this month", "between 3 and 12 of Sept", "4 to 23 next month"
    (
        "day_range",
        re.compile(
            r"\b(?:(?P<p>from|between)\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*"
            r"(?P<c>to|till|until|and|through|-|–)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
            rf"(?:\s+of)?\s+(?:{MONTH}(?:\s*,?\s*{YEAR})?|"
            r"(?:in\s+|of\s+)?(?P<rel>this|next|last)\s+month)",
            _I,
        ),
    ),
    (
        "year_range",
        # not inside a longer run of numbers ("+86 138-2010-2015" is a phone number)
        re.compile(
            r"(?<![\d\-–+])\b(?P<y1>1[89]\d{2}|20\d{2})\s*[-–]\s*(?P<y2>1[89]\d{2}|20\d{2})\b"
            r"(?![-–]\d)"
        ),
    ),
    # "late this week", "early next year", "the end of next week"
    (
        "part_unit",
        re.compile(
            rf"\b(?P<mod>{_PART_MOD})[-\s]+"
            r"(?P<rel>this|next|last|previous|the\s+coming|the)\s+(?P<unit>week|month|year)\b"
            rf"|\b(?P<ymod>{_PART_MOD})[-\s]+"
            r"(?P<year>1[89]\d{2}|20\d{2})\b",
            _I,
        ),
    ),
    # "the week after next"
    (
        "after_next",
        re.compile(r"\bthe\s+(?P<unit>week|weekend|month|year)\s+after\s+(?:the\s+)?next\b", _I),
    ),
    # "2 weeks starting May 20th", "3 days starting from next Monday": the start comes later
    (
        "starting",
        re.compile(
            rf"\b(?:for\s+)?{COUNT}\s+{UNIT},?\s+(?:starting|beginning|from)"
            r"(?:\s+from|\s+on)?\s+(?=\S)",
            _I,
        ),
    ),
    # "earlier this month", "later in the year"
    (
        "earlier_later",
        re.compile(
            r"\b(?P<el>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)\b", _I
        ),
    ),
    # "the first week of Oct", "the third week of this month", "week 10", ISO weeks
    (
        "week_of",
        re.compile(
            r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+"
            r"week\s+(?:of\s+)?(?:(?P<rel>this|next|last)\s+(?P<unit>month|year)|"
            rf"{MONTH}|{YEAR})"
            r"|\bweek\s+(?P<wn>[1-5]?\d)\b(?!\s*(?:days?|weeks?|%|of\b))",
            _I,
        ),
    ),
    # "the 15th century"
    ("century", re.compile(r"\b(?:the\s+)?(?P<c>[1-9]|1\d|2[01])(?:st|nd|rd|th)\s+century\b", _I)),
    # "the 20th of next month"
    (
        "day_of_month",
        re.compile(
            r"\b(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)\s+of\s+(?P<rel>this|next|last)\s+month\b",
            _I,
        ),
    ),
    # "the 1970s", "the '40s", "the seventies"
    (
        "decade",
        re.compile(
            r"\b(?:the\s+(?:(?P<full>1[0-9]\d0|20\d0)'?s|'?(?P<short>\d)0'?s|"
            r"(?:nineteen\s+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|"
            r"eighties|nineties|noughties))|(?P<full2>1[0-9]\d0|20\d0)'?s)\b",
            _I,
        ),
    ),
    # "from 10/1 to 11/7": two month/day ends make a range even where each alone is ambiguous
    (
        "slash_range",
        re.compile(
            r"\b(?:from|between)\s+(?P<a1>[01]?\d)/(?P<b1>[0-3]?\d)\s+(?:to|and|until|till|-)\s+"
            r"(?P<a2>[01]?\d)/(?P<b2>[0-3]?\d)\b(?![/\d])",
            _I,
        ),
    ),
    # 4/22, 22/04: only when one side cannot be a month, so fractions stay fractions
    ("md_slash", re.compile(r"(?<![\d/.$])\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)\b(?![/\d]|\.\d)")),
    (
        "unresolved",
        re.compile(
            # about|some|roughly|nearly|around|almost|approximately|just, grouped by letter
            r"\b(?:(?:a(?:bout|round|lmost|pproximately)|some|roughly|nearly|just)\s+)?"
            rf"{COUNT}\s+{UNIT}\s+(?:later|earlier|afterwards?)\b"
            r"|\b(?:in\s+)?the\s+(?:days|weeks|months|years)\s+since\b"
            # event-relative: "the next day", "that week" (no event to count from)
            r"|\b(?:the\s+(?:previous|next|following|same)|that)\s+(?:day|week|month|year)\b",
            _I,
        ),
    ),
    (
        "season",
        re.compile(
            r"\b(?:(?P<rel>the|this|last|next|in|during)\s+)(?P<s1>spring|summer|autumn|fall|winter)"
            r"(?:\s+and\s+(?P<s2>spring|summer|autumn|fall|winter))?(?:\s+(?:of\s+)?"
            rf"{YEAR})?\b",
            _I,
        ),
    ),
    (
        "quarter",
        re.compile(
            r"\b(?:(?P<y0>1\d{3}|20\d{2})\s*[,-]?\s*(?:the\s+)?)?"
            r"(?:(?P<q>[QHqh][1-4])|the\s+(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)\s+"
            rf"(?P<qh>quarter|half))(?:\s+(?:of\s+)?(?P<year>1\d{{3}}|20\d{{2}}|{SPOKEN_YEAR})|"
            r"\s+(?P<rel>this|last|next)\s+year|\s+of\s+(?P<the_year>the|this)\s+year)?\b",
        ),
    ),
    # "the first three months of 2024", "the three months to March" (see dates_parts)
    (
        "first_months",
        re.compile(
            rf"\bthe\s+(?:first|opening)\s+{_PART_COUNT}\s+months\s+of\s+"
            r"(?:(?P<year>1[89]\d{2}|20\d{2})\b|(?P<rel>the|this|last)\s+year\b)"
            rf"|\bthe\s+{_PART_COUNT.replace('<n>', '<n2>')}\s+months\s+"
            r"(?:to|through|ended|ending)\s+"
            rf"(?P<month>{_alt(m for m in MONTHS if len(m) > 3)})\b"
            r"(?:\s+(?P<year2>1[89]\d{2}|20\d{2})\b)?",
            _I,
        ),
    ),
    # "the year 2019", "calendar year 2008"
    (
        "year_word",
        re.compile(r"\b(?:the\s+)?(?:calendar\s+)?year\s+(?P<year>1[89]\d{2}|20\d{2})\b", _I),
    ),
    # A year alone: only after a word that makes it a date, or before a comma ("In 2019, ...")
    (
        "year",
        re.compile(
            # in|since|from|until|till|through|to|by|before|after|of|during|and|between|early|
            # late|mid|year, grouped by first letter (see _alt)
            r"(?:\b(?:in|since|from|until|t(?:ill|hrough|o)|b(?:y|efore|etween)|a(?:fter|nd)|of|"
            r"during|early|late|mid|year)|©)\s+"
            rf"(?P<year>1[89]\d{{2}}|20\d{{2}}|{SPOKEN_YEAR})(?![\d,.]\d|\w)"
            # "from 1000 to 2000 hires": a count, not the year 2000
            r"(?!(?<=to\s\d{4})\s[a-z]{3,}s\b)(?!(?<=and\s\d{4})\s[a-z]{3,}s\b)"
            r"|(?<![\w$€£.,-])(?P<year2>1[89]\d{2}|20\d{2})(?=,\s)",
            _I,
        ),
    ),
]

# Which words a pattern needs before it is worth running: one scan of the text finds the
# triggers present, and only the patterns they wake are run (most sentences wake none).
TRIGGERS = {
    # lower-case "may" / "march" are verbs (see VERB_MONTHS): they wake nothing on their own
    "month": re.compile(
        rf"\b(?:(?i:{_alt(m for m in MONTHS if m not in VERB_MONTHS)})|May|March|MAY|MARCH)"
        r"(?![a-zA-Z])"
    ),
    # every numeric layout has a dash, slash or point between digits ("08/12,2015" too):
    # a comma alone ("2,700") wakes none of them
    # (both start with their digit so that the regex engine skips to digits: same matches)
    "numdate": re.compile(r"\d(?:\s*[-/.–]\s*\d|[-/][a-z])", _I),
    "year4": re.compile(r"\d{4}(?<!\d\d{4})(?!\d)"),
    "thenum": re.compile(r"\bthe\s+\d", _I),
    "qh": re.compile(r"[QH][1-4]\b"),
    "spoken": re.compile(r"\b(?:nineteen|twenty|two\s+thousand)\b", _I),
    "thewords": re.compile(rf"\bthe\s+(?:{_LATE_DAY_WORD})\s*(?:[.!?;]|$)", _I),
    "decnum": re.compile(r"\d0'?s\b", _I),
    "weekday": re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:[a-z]*day)?\b", _I),
    "unit": re.compile(
        r"(?<![a-z])(?:days?|weeks?|weekends?|months?|years?|decades?|today|yesterday|tomorrow|"
        r"tmrw|century|w/c|quarter|half)\b",
        _I,
    ),
    "season": re.compile(r"\b(?:spring|summer|autumn|fall|winter)\b", _I),
    "decade": re.compile(
        r"\b(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties)\b",
        _I,
    ),
}
NEEDS = {
    "mdy": ("month",), "dmy": ("month",), "month": ("month",), "year_month": ("month",),
    "ymd": ("numdate",), "dmy_num": ("numdate",), "ym_num": ("numdate",),
    "my_num": ("numdate",), "odd": ("numdate",), "weekday_the": ("weekday",),
    "weekday": ("weekday",), "the_day": ("thenum", "thewords"), "deictic": ("unit",),
    "weekend": ("unit",), "into_next_year": ("unit",), "rel_unit": ("unit",),
    "past_n": ("unit",), "recent": ("unit",), "within": ("unit",), "offset": ("unit",),
    "nth_weekday": ("weekday",), "day_range": ("month", "unit"), "year_range": ("year4",),
    "part_unit": ("unit", "year4"), "earlier_later": ("unit",), "after_next": ("unit",),
    "starting": ("unit",), "week_of": ("unit",),
    "century": ("unit",), "day_of_month": ("unit",), "decade": ("decnum", "decade"),
    "md_slash": ("numdate",), "slash_range": ("numdate",), "unresolved": ("unit",),
    "season": ("season",),
    "quarter": ("qh", "unit"), "year": ("year4", "spoken"), "year_word": ("year4",),
    "first_months": ("unit",),
}  # fmt: skip
# Cheap substring tests (on the lower-cased text) before each trigger's regex: most
# sentences fail them, and ``in`` is far faster than a regex scan.
TRIGGER_WORDS = {
    "month": tuple(m for m in MONTHS if len(m) == 3) + ("sept",),
    "unit": ("day", "week", "month", "year", "decade", "tomorrow", "tmrw", "centur", "w/c",
             "quarter", "half"),
    "weekday": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "decade": ("ties",),
    "spoken": ("nineteen", "twenty", "thousand"),
    "thewords": ("the",),
}  # fmt: skip
# Whole words (runs of letters, see ``numbers.letter_words``) a trigger cannot match without:
# a month name, or the first word of a late day ("the twenty-first."). Sharper than the
# substring tests above ("mar" is in "market"), and as cheap.
TRIGGER_RUNS = {
    "month": frozenset(MONTHS),
    # "w" stands for "w/c", whose letters are two runs
    "unit": frozenset(
        "day days week weeks weekend weekends month months year years decade decades today "
        "yesterday tomorrow tmrw century quarter half w".split()
    ),
    "season": frozenset(SEASONS),
    "decade": frozenset(
        "twenties thirties forties fifties sixties seventies eighties nineties noughties".split()
    ),
    "spoken": frozenset(("nineteen", "twenty", "thousand")),
    "thewords": frozenset(
        re.match("[a-z]+", w)[0]  # type: ignore[index]
        for w, n in (ORDINALS | CARDINALS).items()
        if n >= 20
    ),
}
NEED_DIGIT = {"numdate", "year4", "thenum", "qh", "decnum"}  # triggers that contain a digit
# Words a pattern cannot match without: a pattern is skipped when none is in the text.
_DIGITS = tuple("0123456789")
ALSO = {
    # characters the numeric layouts cannot match without
    "md_slash": ("/",),
    "slash_range": ("/",),
    "my_num": ("-", "/"),
    "odd": ("-", "/"),
    "year_range": ("-", "–"),
    "year_word": ("year",),
    "first_months": ("months",),
    "quarter": ("q1", "q2", "q3", "q4", "h1", "h2", "h3", "h4", "quarter", "half"),
    "dmy": (*_DIGITS, " of "),
    "year_month": _DIGITS,
    "day_range": _DIGITS,
    "offset": ("ago", "from", "hence", "after", "before"),
    "starting": ("starting", "beginning", "from"),
    "within": ("within",),
    "recent": ("recent",),
    "into_next_year": ("into",),
    "after_next": ("after",),
    "earlier_later": ("earlier", "later"),
    "century": ("century",),
    "weekend": ("weekend",),
    "deictic": ("today", "yesterday", "tomorrow", "tmrw"),
    "day_of_month": ("month",),
    "week_of": ("week",),
    "part_unit": ("early", "mid", "late", "beginning", "start", "end", "middle"),
    "unresolved": (
        "later",
        "earlier",
        "afterward",
        "since",
        "previous",
        "next",
        "following",
        "same",
        "that",
    ),
    "past_n": ("past", "last", "previous", "next"),
    "rel_unit": (
        "last",
        "this",
        "next",
        "past",
        "previous",
        "coming",
        "current",
        "upcoming",
        "following",
    ),
}
# Patterns that need a day: a digit, or a day said in words ("the first of May", "May
# twenty-first"), whose first run of letters begins with one of these (begins: most
# ordinals are matched without a closing \b, see _ORDINALS_ALT). Sharper than ALSO's " of ".
_DAY_STARTS = tuple(
    sorted({re.match("[a-z]+", w)[0] for w in ORDINALS | CARDINALS})  # type: ignore[index]
)
DAY_NEEDED = {"dmy": _DAY_STARTS, "mdy": _DAY_STARTS}
# A regex a pattern cannot match without, that starts with a digit so the engine skips to
# digits: "10 to 12 October" needs two numbers joined by a connective.
GATES = {
    "day_range": re.compile(r"\d(?:st|nd|rd|th)?\s*(?:to|till|until|and|through|-|–)\s*\d", _I),
}
BY_TRIGGER = {
    trigger: [(kind, pattern) for kind, pattern in PATTERNS if trigger in NEEDS[kind]]
    for trigger in TRIGGERS
}
ORDER = {kind: i for i, (kind, _) in enumerate(PATTERNS)}

PREFIX = re.compile(
    # between|from|since|until|till|through|thru|by|before|after|in|during|beginning|starting|
    # as\s+of|on, grouped by first letter (see _alt), in order within a letter
    r"\b(?P<p>b(?:etween|y|efore|eginning)|from|s(?:ince|tarting)|until|t(?:ill|hrough|hru)|"
    r"a(?:fter|s\s+of)|in|during|on)\s+$",
    _I,
)
CONNECTIVE = re.compile(r"\s*(?P<c>and|to|through|thru|until|till|-|–|—)\s*", _I)
BARE_DAY = re.compile(r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![.,]\d|:)")
WEEKDAY_RANGE = re.compile(
    rf"\s+(?:between|from)\s+(?P<a>{_alt(WEEKDAYS)})\b\.?\s+(?:and|to|through|till|until|-)\s+"
    rf"(?P<b>{_alt(WEEKDAYS)})\b",
    _I,
)
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", _I)
