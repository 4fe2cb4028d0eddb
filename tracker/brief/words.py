"""Figures, periods and confidence in plain words for the key judgments.

Likelihood (ICD 203 term, from scoring) and confidence (how good the evidence
is) are separate judgments and are always written as separate sentences.
"""

from __future__ import annotations

from tracker.models import Claim
from tracker.normalize.units import after_number
from tracker.scoring import ClaimScore, OriginEvidence

# Confidence: how many independent origins stand behind the judgment, and how good they are.
HIGH_CONFIDENCE_ORIGINS = 2  # at least this many independent origins ...
HIGH_CONFIDENCE_GRADES = ("A", "B")  # ... each graded at least B ...
HIGH_CONFIDENCE_MAX_CONTRADICTION = 0.2  # ... and little contradiction.
MODERATE_CONFIDENCE_MAX_CONTRADICTION = 0.5
GRADED = ("A", "B", "C")  # one origin graded C or better supports moderate confidence

_QUALIFIER_WORDS = {
    "approx": "about",
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "at most",
    "less_than": "less than",
    "nearly": "nearly",
    "exact": "",
}


def number_words(value: float) -> str:
    """1000000 -> '1 million', 1500000 -> '1.5 million', 2700 -> '2,700'."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size and (value / size * 10).is_integer():
            return f"{value / size:g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_words(claim: Claim) -> str | None:
    """The claim's figure as an analyst would say it, or None when it has none."""
    if claim.quantity_text is None and claim.qty_value is None and claim.qty_low is None:
        return None
    what = claim.qty_item or claim.qty_unit or ""
    if not what and claim.quantity_text:
        # A bare number says nothing: "2" reads better as the analyst's "two of the types".
        return claim.quantity_text
    qualifier = claim.qty_qualifier
    if qualifier == "range" and claim.qty_low is not None and claim.qty_high is not None:
        number = f"between {number_words(claim.qty_low)} and {number_words(claim.qty_high)}"
    elif qualifier in _QUALIFIER_WORDS and claim.qty_value is not None:
        number = f"{_QUALIFIER_WORDS[qualifier]} {number_words(claim.qty_value)}".strip()
    else:
        # Vague or unnormalized figures are quoted as the analyst wrote them.
        return claim.quantity_text
    if claim.qty_unit and not claim.qty_item:
        what = after_number(what, claim.qty_value)
    per = f" per {claim.qty_per}" if claim.qty_per else ""
    return f"{number} {what}{per}".strip()


# First words that start a sentence but read lowercase after "It is likely that".
_COMMON_OPENERS = frozenset(
    "a an the another there this these those some neither either both each most many "
    "in on since after before about over more less several activity cooperation trade "
    "containers munition munitions six-meter high-level satellite vessels ships "
    "shipments".split()
)


def as_clause(text: str) -> str:
    """The analyst's wording fitted after "It is likely that": a common opening word is
    lowered ("An image" -> "an image"); names keep their capital ("North Korea", "Kim")."""
    text = text.strip().rstrip(".")
    first, _, rest = text.partition(" ")
    if first.casefold() in _COMMON_OPENERS and not first.isupper():
        return f"{first.casefold()} {rest}".strip()
    return text


def supporting_origins(score: ClaimScore) -> list[OriginEvidence]:
    """The claim's own strongest voice and every independent origin counted for it."""
    explanation = score.explanation
    seen: dict[str, OriginEvidence] = {}
    for evidence in (*explanation.own_origins[:1], *explanation.corroboration.counted):
        seen.setdefault(evidence.origin, evidence)
    return list(seen.values())


def confidence(score: ClaimScore) -> tuple[str, str]:
    """('high' | 'moderate' | 'low', the basis in words)."""
    origins = supporting_origins(score)
    grades = [o.grade for o in origins]
    contradiction = score.contradiction
    if (
        len(origins) >= HIGH_CONFIDENCE_ORIGINS
        and all(g in HIGH_CONFIDENCE_GRADES for g in grades)
        and contradiction <= HIGH_CONFIDENCE_MAX_CONTRADICTION
    ):
        level = "high"
    elif (
        len(origins) >= HIGH_CONFIDENCE_ORIGINS or any(g in GRADED for g in grades)
    ) and contradiction <= MODERATE_CONFIDENCE_MAX_CONTRADICTION:
        level = "moderate"
    else:
        level = "low"
    count = len(origins)
    listed = ", ".join(f"{o.origin} (graded {o.grade})" for o in origins)
    basis = f"{count} independent origin{'s' if count != 1 else ''}"
    if listed:
        basis += f": {listed}"
    against = score.explanation.contradiction.counted
    if against:
        basis += f"; contradicted by {len(against)} independent origin" + (
            "s" if len(against) != 1 else ""
        )
        basis += " (" + ", ".join(f"{o.origin}, graded {o.grade}" for o in against) + ")"
    return level, basis
