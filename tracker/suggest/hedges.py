"""The hedge an outlet printed ("likely", "allegedly"), kept on the suggestion.

Outlets differ exactly here (Bloomberg's "likely encompassing more than 1
million rounds" against another's "totaling over 1 million"), so the hedge is
reported as written, lower-cased, and the first one in the sentence wins.
"""

from __future__ import annotations

import re

# Longer phrases first so "most likely" is not reported as "likely".
HEDGES = (
    "can't be confirmed",
    "cannot be confirmed",
    "could not be confirmed",
    "can not be confirmed",
    "impossible to tell",
    "most likely",
    "highly likely",
    "very likely",
    "likely",
    "unlikely",
    "allegedly",
    "alleged",
    "suggests",
    "suggest",
    "suggesting",
    "appears to",
    "appear to",
    "appeared to",
    "seems to",
    "seem to",
    "seemed to",
    "presumably",
    "possibly",
    "potentially",
    "probably",
    "reportedly",
    "apparently",
    "believed to",
    "reasonable chance",
    "may",
    "might",
    "could",
)
# Hedges that make an unfigured sentence a claim worth suggesting on their own ("vessels
# appear to turn off their transponders"); "may" and "could" are too common for that.
STRONG_HEDGES = frozenset(
    h.replace("’", "'") for h in HEDGES if h not in ("may", "might", "could", "potentially")
)

_HEDGE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(h).replace("'", "['’]") for h in HEDGES) + r")(?![\w-])",
    re.IGNORECASE,
)


def find_hedge(text: str) -> str | None:
    """The first hedge in ``text`` as written (apostrophes made plain), or None."""
    for m in _HEDGE.finditer(text):
        if m.group(1) == "May":  # the month
            continue
        return m.group(1).lower().replace("’", "'")
    return None
