"""An unknown subject name answered with the closest names there are.

Subjects are matched exactly (a subject is the analyst's chosen name), but a near
miss ("artillery rounds" for "Artillery rounds shipped, DPRK to Russia (count)")
deserves the names it probably meant, on the same one line.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.errors import UserError

# How many names the error offers, and how alike a name must be to be offered.
SHOWN = 3
MIN_SCORE = 60.0


def closest_names(name: str, names: Iterable[str]) -> list[str]:
    from rapidfuzz import fuzz, process
    from rapidfuzz.utils import default_process

    found = process.extract(
        name,
        list(dict.fromkeys(names)),
        scorer=fuzz.WRatio,
        processor=default_process,
        limit=SHOWN,
        score_cutoff=MIN_SCORE,
    )
    return [match for match, _score, _index in found]


def unknown_subject(name: str, names: Iterable[str]) -> UserError:
    """The error for a subject name that names no subject."""
    close = closest_names(name, names)
    if not close:
        return UserError(f"no subject named {name!r}")
    said = ", ".join(repr(n) for n in close)
    return UserError(f"no subject named {name!r}; closest: {said}")
