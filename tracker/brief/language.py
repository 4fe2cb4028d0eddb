"""The brief's sentences, worded as an analyst would sign them (issue 19).

Three rules hold every sentence this module builds:

- **One hedge per sentence.** A claim whose wording carries its own hedge ("is likely
  to", "reasonable chance") is reported as that source's assessment ("CSIS assesses
  that ..."), never wrapped in a hedge of ours; our likelihood is a sentence of its own.
  A wording with two hedges of its own is not reworded at all: the source's verbatim
  quote stands in for it.
- **Figures read as figures** ("more than 1 million rounds between Aug 2023 and Dec
  2023"); a claim without a counted item or unit is a statement, in the analyst's words.
- **Likelihood and confidence apart** (ICD 203): likelihood is scoring's estimative
  phrase with its band and what it rests on (independent origins that agree or
  contradict); confidence is the quality of the sourcing (words.confidence).

Dates go through ``tracker.dates_display`` (one human layout). Everything returned is
markdown, with case text escaped.
"""

from __future__ import annotations

import re
from datetime import date

# listed lives beside number_word, which `tracker ach` shares; the brief's words import it here.
from tracker.ach.case import listed as listed
from tracker.brief.escape import escape_inline
from tracker.brief.words import as_clause, figure_words
from tracker.dates_display import human_day, human_month, human_span
from tracker.models import Source

# Words and phrases that hedge a statement. "may" and "might" only in lower case: "May"
# is a month. Longer phrases first, so "almost certainly" is one hedge, not two.
_HEDGES = (
    "almost no chance",
    "roughly even chance",
    "reasonable chance",
    "almost certainly",
    "almost certain",
    "very unlikely",
    "very likely",
    "for all we know",
    "can't be confirmed",
    "cannot be confirmed",
    "unlikely",
    "likely",
    "probably",
    "probable",
    "possibly",
    "possible",
    "perhaps",
    "potentially",
    "presumably",
    "apparently",
    "apparent",
    "allegedly",
    "alleged",
    "reportedly",
    "suggests",
    "suggest",
    "suggesting",
    "appears",
    "appear",
    "seems",
    "seem",
)
_HEDGE_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(h) for h in _HEDGES) + r")\b|\b(?:may|might|could)\b",
    re.IGNORECASE,
)
_LOWER_ONLY = {"may", "might", "could"}


def hedges_in(text: str | None) -> int:
    """How many hedges a wording carries ("May" the month is none)."""
    if not text:
        return 0
    return sum(
        1
        for m in _HEDGE_PATTERN.finditer(text)
        if m.group().casefold() not in _LOWER_ONLY or m.group().islower()
    )


# ICD 203's bands, as DOMAIN §4 gives them.
ICD_BANDS = {
    "almost no chance": "01–05%",
    "very unlikely": "05–20%",
    "unlikely": "20–45%",
    "roughly even chance": "45–55%",
    "likely": "55–80%",
    "very likely": "80–95%",
    "almost certain": "95–99%",
}
# Phrases that are nouns ("there is almost no chance"), not adjectives ("it is likely").
_NOUN_PHRASES = {
    "almost no chance": "almost no chance",
    "roughly even chance": "a roughly even chance",
}


def judged(estimative: str) -> str:
    """'we judge it likely (55–80%)', 'we judge there is a roughly even chance (45–55%)'."""
    band = ICD_BANDS.get(estimative)
    words = f"{estimative} ({band})" if band else estimative
    if estimative in _NOUN_PHRASES:
        return (
            f"we judge there is {_NOUN_PHRASES[estimative]}{words[len(estimative) :]} that it holds"
        )
    return f"we judge it {words}"


# Names that read as a common noun phrase and take "the" in running text.
_ARTICLE_FIRST_WORDS = frozenset(
    "US UK U.S. National Royal Center Central Department Government Congressional White "
    "Korean Russian Ministry Pentagon Kremlin".split()
)


def speaker_words(source: Source | None) -> str:
    """Who speaks, as a sentence names them: an acronym where the case defines one
    ("CSIS", "NIS"), otherwise the name; "the US government", "the White House"."""
    if source is None:
        return "An unknown source"
    short = (source.short or "").strip()
    name = short if short and " " not in short and short.upper() == short else None
    name = name or short or source.name
    if name.split(" ", 1)[0] in _ARTICLE_FIRST_WORDS and len(name.split()) > 1:
        name = f"the {name}"
    return escape_inline(name)


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


_TRAILING_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*\.?\s*$")


def without_speaker_note(text: str, names: list[str]) -> str:
    """The analyst's wording without a closing "(CSIS)" or "(John Kirby, NSC)" that only
    names who said it, when the sentence names them already."""
    text = text.strip().rstrip(".")
    m = _TRAILING_PARENTHESIS.search(text)
    if m:
        inside = m.group(1).casefold()
        if any(n and n.casefold() in inside for n in names):
            return text[: m.start()].rstrip()
    return text


def is_figure(claim: object) -> bool:
    """A figure reads as one when it counts something or has a unit: "more than 1 million
    rounds", "about 180 km". "Two of the types" or "multiple resolutions" are statements."""
    has_number = getattr(claim, "qty_value", None) is not None or (
        getattr(claim, "qty_low", None) is not None
    )
    return bool(
        has_number and (getattr(claim, "qty_item", None) or getattr(claim, "qty_unit", None))
    )


def period_words(claim: object) -> str | None:
    """'between Aug 2023 and Dec 2023', 'in Nov 2023', 'on 13 Oct 2023', 'by 30 Dec 2023'."""
    first: date | None = getattr(claim, "period_first", None)
    last: date | None = getattr(claim, "period_last", None)
    qualifier = getattr(claim, "period_qualifier", None)
    granularity = getattr(claim, "period_granularity", None)
    if first is None or last is None:
        text = getattr(claim, "period_text", None)
        return f"(period as reported: “{escape_inline(text)}”)" if text else None
    if first == last:
        return f"{'by' if qualifier == 'by' else 'on'} {human_day(first)}"
    if qualifier == "by":
        return f"by {human_day(last)}"
    if qualifier == "vague":
        # A vague span ("in recent weeks") is the source's words; the window is ours.
        text = escape_inline(getattr(claim, "period_text", None) or "")
        return f"“{text}” (about {human_day(first)} – {human_day(last)})"
    whole = human_span(first, last)
    if " – " not in whole:  # one whole month or year
        return f"in {whole}"
    # Months at both ends only where the period starts on a month ("since August").
    by_month = granularity == "month" and first.day == 1
    start = human_month(first) if by_month else human_day(first)
    end = human_month(last) if by_month else human_day(last)
    if start == end:
        return f"in {start}"
    return f"between {start} and {end}"


def figure_phrase(claim: object) -> str:
    figure = escape_inline(figure_words(claim))  # type: ignore[arg-type]
    period = period_words(claim)
    return f"{figure} {period}" if period else figure


def names_of(source: Source | None, group: str | None) -> list[str]:
    """Every name a closing "(...)" might use for this speaker."""
    names = [group or ""]
    if source is not None:
        names += [source.name, source.short or "", *(source.aliases or [])]
    return [n for n in names if n]


def said(claim: object, source: Source | None, quote: str | None, group: str | None) -> str:
    """What one claim says, as the source's: "CSIS reports at least 6 trips ...", "Soo Kim
    assesses that cooperation ... is likely to continue into 2024". No closing period."""
    speaker = speaker_words(source)
    text = getattr(claim, "text", "") or ""
    flat = names_of(source, group)
    hedges = hedges_in(text)
    denies = getattr(claim, "stance", "asserts") == "denies"
    if hedges >= 2 and quote:
        # Two hedges of the source's own: its words, verbatim, not ours around them.
        return f"{capitalized(speaker)} said: “{escape_inline(quote)}”"
    if is_figure(claim) and not denies:
        verb = "estimates" if hedges else "reports"
        return f"{capitalized(speaker)} {verb} {figure_phrase(claim)}"
    clause = escape_inline(as_clause(without_speaker_note(text, flat)))
    verb = "assesses that" if hedges else ("states that" if denies else "reports that")
    return f"{capitalized(speaker)} {verb} {clause}"


def said_plainly(claim: object, quote: str | None, names: list[str]) -> str:
    """What one claim says without naming who said it (the sources section names them):
    its figure, or the analyst's wording, or (two hedges of its own) its quote."""
    text = getattr(claim, "text", "") or ""
    if hedges_in(text) >= 2 and quote:
        return f"“{escape_inline(quote)}”"
    if is_figure(claim) and getattr(claim, "stance", "asserts") != "denies":
        return figure_phrase(claim)
    return escape_inline(capitalized(without_speaker_note(text, names)))


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"
