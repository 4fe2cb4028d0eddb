"""Qualifiers: the words before or after a figure that bound it ("about", "more than",
"up to", "or more", "+"), each with the qualifier it names (DOMAIN §3): "about" is
approx, "more than" more_than, "up to" at_most, "or more" at_least. The interval a
qualifier gives a figure stays in ``quantities`` beside its tolerances. Split from
``quantities`` so the grammar of where a figure starts and ends stays apart from the
qualifiers' word lists.
"""

from __future__ import annotations

import re

from tracker.normalize.numbers import trie_pattern

QUALIFIER_WORDS: dict[str, str] = {}
for _qualifier, _phrases in {
    "approx": "about|around|approximately|roughly|some|an estimated|estimated|circa|ca.|"
    "approx.|~|about some|something like|in the region of|on the order of",
    "at_least": "at least|no fewer than|no less than|not less than|a minimum of|>=|≥|> =|"
    "at least or equal to|bigger or equal than|greater or equal than|higher or equal than|"
    "larger or equal than|greater than or equal to|bigger than or equal to|"
    "more than or equal to|equal to or more than|equal to or greater than|"
    "equal to or higher than|equal or greater than",
    # stacked: "over than 60%", "more than about 500", "up to approximately 3 million": the
    # bound decides, the approximation inside it does not widen it
    "more_than": "more than|over|in excess of|upwards of|greater than|larger than|higher than|"
    "over than|more than about|more than roughly|well over about|"
    "bigger than|above|exceeding|exceeds|exceed|exceeded|surpass|surpasses|surpassing|"
    "beyond|>|well over|just over|well above|more then|larger then",
    "at_most": "as many as|up to|at most|no more than|not more than|a maximum of|a maximum|"
    "up to approximately|up to about|up to around|up to roughly|up to some|as many as about|"
    "<=|≤|< =|"
    "less than or equal to|smaller or equal than|lower or equal than|less or equal than|"
    "smaller than or equal to|lower than or equal to|fewer than or equal to|"
    "equal to or less than|equal to or fewer than|equal to or lower than|as much as|as high as",
    "less_than": "less than|under|fewer than|below|lower than|smaller than|<|less then",
    "nearly": "nearly|almost|just under|close to|just shy of|just below",
    "exact": "equal to|equals to|equals|equaling to|equaling|equalling|exactly|precisely|=",
}.items():
    for _phrase in _phrases.split("|"):
        QUALIFIER_WORDS[_phrase] = _qualifier

QUALIFIER_SIGNS = "<>=~≥≤."
QUALIFIER_BEFORE = re.compile(
    r"(?P<q>(?<!\w)"
    + trie_pattern([p for p in QUALIFIER_WORDS if p[0].isalpha()], r"\s{1,3}")
    + r"|(?<![<>=~≥≤])"
    + trie_pattern([p for p in QUALIFIER_WORDS if not p[0].isalpha()], r"\s{1,3}")
    + r")\s{0,3}$",
    re.IGNORECASE,
)
SUFFIX_QUALIFIER = re.compile(
    r"(?:\s{1,3}(?P<q>(?:or|and)\s(?:more|greater|higher|above|over|larger|bigger"
    r"|less|fewer|lower|smaller|below|under)(?:\s(?:or\s)?equal)?(?:\s(?:than|to))?"
    r"|plus\b|or\sequal(?:\sto)?|or\sso)|(?:\s?-)?(?P<plus>plus\b|\+))(?![\w])",
    re.IGNORECASE,
)


def suffix_qualifier(phrase: str, current: str) -> str:
    phrase = phrase.lower().strip(" -")
    if phrase.startswith("or equal"):
        return {"more_than": "at_least", "less_than": "at_most"}.get(current, current)
    if phrase == "or so":  # "a dozen or so"
        return "approx"
    if phrase in ("plus", "+") or any(
        w in phrase for w in ("more", "greater", "higher", "above", "over", "larger", "bigger")
    ):
        return "at_least"
    return "at_most"
