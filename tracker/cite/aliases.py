"""Words that name the same thing: place aliases and counted-item synonyms.

Both tables are deliberately small and hand-checked. An alias here means two
spellings of one thing, never a guess: "Danube" is NOT an alias of "Dunay"
(one syndication misreported the Dunay port as the Danube river; treating it
as an alias would hide the misreport the analyst needs to see).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Each tuple: spellings of one place or country, the first being the canonical one.
PLACE_ALIASES: tuple[tuple[str, ...], ...] = (
    ("najin", "rajin", "rason", "rajin-sonbong", "najin-sonbong"),
    ("dprk", "north korea", "democratic people's republic of korea", "pyongyang"),
    ("russia", "russian federation", "moscow"),
    ("vostochny", "vostochnyy"),
)

# Counted items, after singularizing the head noun: different words, one thing counted.
ITEM_SYNONYMS: dict[str, str] = {
    "shell": "round",
    "projectile": "round",
    "trip": "trip",
    "voyage": "trip",
    "delivery": "shipment",
    "consignment": "shipment",
    "box": "container",
}

_WORD = re.compile(r"[\w'-]+", re.UNICODE)

_CANON: dict[str, str] = {}
for _group in PLACE_ALIASES:
    for _spelling in _group:
        _CANON[_spelling] = _group[0]


def singular(word: str) -> str:
    """Enough English plural rules for counted items: shells, deliveries, boxes, rounds."""
    word = word.casefold()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("xes") or word.endswith("ches") or word.endswith("shes"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def canonical_item(item: str | None) -> str | None:
    """The head noun of a counted item, singular, through the synonym table.

    "artillery rounds", "shells" and "1,000,000 artillery shells" all give "round".
    """
    if not item:
        return None
    words = _WORD.findall(item.casefold())
    if not words:
        return None
    head = singular(words[-1])
    return ITEM_SYNONYMS.get(head, head)


def items_compatible(a: str | None, b: str | None) -> bool:
    """A figure without a counted item may be about anything; two named items must agree."""
    ca, cb = canonical_item(a), canonical_item(b)
    return ca is None or cb is None or ca == cb


@lru_cache(maxsize=65536)
def canonical_words(text: str) -> str:
    """Text with place spellings and item synonyms folded together, for fuzzy comparison."""
    folded = text.casefold()
    for spelling, canon in _CANON.items():
        if " " in spelling and spelling in folded:
            folded = folded.replace(spelling, canon)
    out = []
    for word in _WORD.findall(folded):
        word = _CANON.get(word, word)
        head = singular(word)
        out.append(ITEM_SYNONYMS.get(head, head))
    return " ".join(out)


def search_groups(text: str) -> list[list[str]]:
    """Per query word, the words that may stand for it in the index: itself, its singular,
    its synonyms and, for a place, every spelling of that place.

    Pure digits are left to the figure matcher ("1,000,000" would otherwise look
    for "000"); one- and two-letter words and a few function words say nothing.
    """
    groups: list[list[str]] = []
    for word in _WORD.findall(text.casefold()):
        word = word.strip("'-")
        if word.isdigit() or len(word) < 3 or word in _STOPWORDS:
            continue
        group = [word]
        head = singular(word)
        canon = ITEM_SYNONYMS.get(head, head)
        group += [head, canon, *(w for w, c in ITEM_SYNONYMS.items() if c == canon)]
        place = _CANON.get(word)
        if place is not None:
            for spellings in PLACE_ALIASES:
                if spellings[0] == place:
                    group += [w for s in spellings for w in _WORD.findall(s) if len(w) > 2]
        unique = list(dict.fromkeys(w.strip("'-") for w in group))
        if unique not in groups:
            groups.append(unique)
    return groups


_STOPWORDS = frozenset(
    "the and for from with that this over more than about into onto were was has have had "
    "its their there been some any all said says say what where who which".split()
)
