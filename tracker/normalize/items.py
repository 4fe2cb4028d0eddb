"""Counted items: the noun phrase after a count ("shipments", "observed trips",
"Leopard 2 tanks", "155-millimetre rounds"), as written.

``item_after(text, end)`` reads a few words right after a numeral (and its unit, when
it has none): adjectives and names stay with the noun ("five observed trips",
"1,200 newly diagnosed patients", "31 Abrams tanks"); a model number inside a name
("40 Leopard 2 tanks", "5 Type 26 frigates") and a calibre or size before the noun
("2 million 155-millimetre rounds", "six million 330ml cans") are part of the item,
never a second quantity. The phrase ends at a stop word, a verb or the first plural
noun.
"""

from __future__ import annotations

import re

WINDOW = 60

ITEM_WORDS = re.compile(
    r"(?:\s{1,3}|-(?=[a-z]))(?:of\s{1,3})?"
    r"((?:(?:[A-Za-z][\w'’-]{0,40}|\d{1,4}(?:\.\d{1,2})?(?:-?[A-Za-z]{1,12})?)\s{0,2}){1,6})"
)
ITEM_STOP = frozenset(
    """of to in on at by for from with and or but nor the a an that which who whom whose
    since until than then more less fewer per each every this these those it its their his her
    our your is are was were be been being has have had will would could should may might can
    must do does did not no as if so because while when where after before during between into
    onto over under about around through across against among within without also just only
    even still already again away back up down out off ago later earlier there here what how
    why according said says say told reported likely beginning including while daily weekly
    monthly annually yearly hourly extra additional another other came went made took got
    gave left fell rose sent saw held began ran become became told paid lost won built fought
    flew sold bought brought kept""".split()
)
_WORD_IN_ITEM = re.compile(r"[A-Za-z][\w'’-]*|\d[\w.-]*")
# a word that leads into the noun without being part of it: "50 more Patriot interceptors"
_LEAD_IN = frozenset({"more", "additional", "extra", "further"})


def _plural(word: str) -> bool:
    """ "shells", "GPUs", "PCs" are plural; "status", "chassis" are not."""
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        return True  # an acronym's plural
    lower = word.lower()
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _stops(lower: str) -> bool:
    return lower in ITEM_STOP or lower.endswith(("n't", "n’t"))


def _is_modifier(lower: str) -> bool:
    """ "observed", "newly", "armoured": a participle or adverb, a verb when alone."""
    return "-" not in lower and lower.endswith(("ed", "ly"))


def _noun_follows(tokens: list[str], i: int) -> bool:
    """Is there a plural noun within two words after ``tokens[i]``, only modifiers between?"""
    for j in range(i + 1, min(i + 3, len(tokens))):
        lower = tokens[j].lower()
        if _stops(lower) or lower[:1].isdigit():
            return False
        if not _is_modifier(lower):
            return _plural(tokens[j])
    return False


def item_after(text: str, end: int, after_the: object = False) -> tuple[str, int] | None:
    """The item after ``end``; ``after_the``: the count follows "the" ("the two rekindled
    ties": "the two" is the subject and "rekindled" its verb, not an adjective)."""
    m = ITEM_WORDS.match(text, end, min(len(text), end + WINDOW))
    if not m:
        return None
    found = list(_WORD_IN_ITEM.finditer(m[1]))
    tokens = [w[0] for w in found]
    words: list[str] = []
    stop_at = m.start(1)
    for i, w in enumerate(found):
        token = w[0]
        lower = token.lower()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if lower[:1].isdigit():
            # "155-millimetre rounds", "330ml cans", "4K displays" lead the noun;
            # "Leopard 2 tanks", "Type 26 frigates": a model number inside a name
            sized = not words and lower[-1:].isalpha() and nxt[:1].islower()
            model = bool(words) and words[-1][:1].isupper() and (nxt[:1].islower() or nxt == "")
            if not (sized or model) or not nxt or _stops(nxt.lower()):
                break
        elif not words and lower in _LEAD_IN and i + 1 < len(tokens):
            if _stops(nxt.lower()):
                break
            stop_at = m.start(1) + w.end()
            continue
        elif _stops(lower):
            break
        elif _is_modifier(lower) and (after_the or not _noun_follows(tokens, i)):
            # "delivered", "reportedly" end a noun phrase; "observed trips" does not
            break
        words.append(token)
        stop_at = m.start(1) + w.end()
        # a plural noun ends the item: "shells mean", "containers passing", "vessels went";
        # a plural name before its noun does not: "31 Abrams tanks"
        if _plural(token) and not (
            token[:1].isupper() and _plural(nxt) and not _stops(nxt.lower())
        ):
            break
    if not words or words[-1][:1].isdigit():
        return None
    return " ".join(words), stop_at
