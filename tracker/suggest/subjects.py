"""Which subject a figure belongs to: what is counted, then what the words say.

Claims are compared only inside a subject, so a wrong subject silently
corroborates or contradicts. The number itself is never evidence: the 180 km
between Najin and Dunay and the 180 miles between Tikhoretsk and the
Ukrainian border share nothing but "180". A figure joins an existing subject
only when it counts the same kind of thing (with a small synonym table:
shipments, deliveries and loads are one kind; trips and round trips another),
at the same rate, and, for measures like distances, about the same places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from tracker.normalize.types import Quantity

# Kinds of counted things; every word maps to its kind.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "shipment": ("shipment", "delivery", "load", "consignment", "transfer", "cargo"),
    "trip": ("trip", "round trip", "journey", "voyage", "crossing", "port call", "visit"),
    "container": ("container", "shipping container", "box", "crate", "teu"),
    "round": ("round", "shell", "artillery round", "artillery shell", "ammunition"),
    "rocket": ("rocket", "missile"),
    "vessel": ("vessel", "ship", "cargo ship", "cargo vessel", "freighter"),
    "person": ("person", "people", "life", "lives", "soldier", "troop", "casualty", "ukrainian"),
    "type": ("type", "kind"),
}
# Units measure a dimension; a subject of distances only takes distances.
DIMENSIONS: dict[str, str] = {
    "km": "distance",
    "mi": "distance",
    "m": "distance",
    "nmi": "distance",
    "usd": "money",
    "eur": "money",
    "kg": "mass",
    "t": "mass",
    "percent": "share",
    "year": "duration",
    "month": "duration",
    "week": "duration",
    "day": "duration",
}
# How a subject's name says which dimension it measures.
DIMENSION_WORDS = {
    "distance": r"\b(distance|km|kilomet\w*|miles?)\b",
    "money": r"\b(usd|eur|dollars?|euros?|funding|cost)\b|\$",
    "duration": r"\b(years?|months?|weeks?|duration)\b",
    "mass": r"\b(tons?|tonnes?|kg)\b",
    "share": r"\b(percent|share|%)",
}
# Characters around a distance in which its places are looked for.
PLACE_WINDOW = 80
# Wording similarity (token_set_ratio) a measure needs when neither side names a place.
MEASURE_WORDING_MIN = 50.0
# Places the seeds spell two ways; matched as one.
PLACE_ALIASES = {"rajin": "najin", "dunai": "dunay", "danube": "dunay"}
# Wording similarity (rapidfuzz token_set_ratio, 0-100) an event needs to join a subject.
EVENT_WORDING_MIN = 70.0

_NUMBERED = re.compile(r"\bNo\.\s*(\d+)")
_KIND_OF: dict[str, str] = {word: kind for kind, words in SYNONYMS.items() for word in words}
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")
_CAPS = r"[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+)*"
_PLACE = re.compile(rf"\b(?:between|from|to|in|at|near|and|via|of)\s+(?:the\s+)?(?P<place>{_CAPS})")
_ROUTE = re.compile(
    rf"\b(?:from|between)\s+(?:the\s+)?(?P<a>{_CAPS})(?:,[^,]{{0,20}},)?\s+(?:to|and)\s+"
    rf"(?:the\s+)?(?P<b>{_CAPS})"
)
# Capitalized words that name no place: sentence openers, months, days.
_NOT_PLACES = frozenset(
    """the a an about more this that these those satellite some according it they he she
    in on at by since after before during while with but and however although as if when
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


def singular(word: str) -> str:
    word = word.lower()
    if word in ("lives", "people", "ammunition", "cargo"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "ses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def kind_of(phrase: str | None) -> str | None:
    """The kind of thing ``phrase`` counts ("six-meter shipping containers" -> container).

    The head noun decides: in "munitions shipments" it is the shipments that
    are counted, so the last word with a kind wins; two-word synonyms
    ("round trip") go first.
    """
    if not phrase:
        return None
    words = [singular(w) for w in _WORD.findall(phrase)]
    # Only the words before "of" name the counted thing ("rounds of artillery").
    if "of" in words:
        words = words[: words.index("of")]
    found: str | None = None
    for i, word in enumerate(words):
        pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair in _KIND_OF:
            found = _KIND_OF[pair]
        elif word in _KIND_OF and not (i > 0 and f"{words[i - 1]} {word}" in _KIND_OF):
            found = _KIND_OF[word]
    return found


def _place_words(name: str) -> list[str]:
    words = [w.lower() for w in re.split(r"[\s\-]+", name) if w]
    return [PLACE_ALIASES.get(w, w) for w in words if w not in _NOT_PLACES]


def places(text: str) -> set[str]:
    """Words of the places ``text`` names after a preposition ("between Najin and Dunay"),
    lower-cased, with the seeds' alternative spellings made one."""
    out: set[str] = set()
    for m in _PLACE.finditer(text):
        out.update(_place_words(m.group("place")))
    return out


def route(text: str) -> str | None:
    """'from North Korea to Russia' -> 'North Korea to Russia'; 'between A and B' likewise."""
    m = _ROUTE.search(text)
    return f"{m.group('a')} to {m.group('b')}" if m else None


@dataclass
class SubjectProfile:
    """What an existing subject is about: its name and what its claims count."""

    name: str
    kinds: set[str] = field(default_factory=set)
    dimensions: set[str] = field(default_factory=set)
    rates: set[str | None] = field(default_factory=set)
    cumulative: bool = False

    @classmethod
    def from_name(cls, name: str, cumulative: bool = False) -> SubjectProfile:
        profile = cls(name=name, cumulative=cumulative)
        head = re.split(r"[,(:;–—]", name, maxsplit=1)[0]
        kind = kind_of(head)
        if kind:
            profile.kinds.add(kind)
        lowered = name.lower()
        for dimension, pattern in DIMENSION_WORDS.items():
            if re.search(pattern, lowered):
                profile.dimensions.add(dimension)
        if re.search(r"\b(per day|daily|a day)\b", lowered):
            profile.rates.add("day")
        return profile

    # Read off the name once: a case has thousands of subjects and every figure asks.
    @cached_property
    def key(self) -> str:
        """The name as ``_wording`` compares it."""
        return default_process(self.name)

    @cached_property
    def numbered(self) -> frozenset[str]:
        return frozenset(_NUMBERED.findall(self.name))

    @cached_property
    def places(self) -> frozenset[str]:
        return frozenset(places(self.name))

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(singular(w) for w in _WORD.findall(self.name))

    def add_claim(self, item: str | None, unit: str | None, per: str | None) -> None:
        """A claim's counted item is better evidence than the subject's name."""
        kind = kind_of(item)
        if kind:
            self.kinds.add(kind)
        if unit in DIMENSIONS:
            self.dimensions.add(DIMENSIONS[unit])
        self.rates.add(per)


@dataclass(frozen=True, slots=True)
class SubjectChoice:
    name: str
    existing: bool


def _wording(a: str, b: str) -> float:
    """How alike two wordings are (0-100), ignoring case and punctuation."""
    return float(fuzz.token_set_ratio(a, b, processor=default_process))


@dataclass(frozen=True, slots=True)
class _Figure:
    """What is asked of every subject about one figure, worked out once, not per subject."""

    quantity: Quantity
    kind: str | None
    head: str | None
    numbered: frozenset[str]
    places: frozenset[str]

    @classmethod
    def read(cls, q: Quantity, sentence: str) -> _Figure:
        words = _WORD.findall(q.item) if q.item else []
        return cls(
            quantity=q,
            kind=kind_of(q.item),
            head=singular(words[-1]) if words else None,
            numbered=frozenset(_NUMBERED.findall(sentence)),
            places=frozenset(
                places(sentence[max(0, q.start - PLACE_WINDOW) : q.end + PLACE_WINDOW])
            ),
        )


def _fits(figure: _Figure, profile: SubjectProfile, sentence: str) -> bool:
    q = figure.quantity
    if q.per not in (profile.rates or {None}):
        return False
    # "Pier No. 2" and "Pier No. 3" are different places to count at.
    if profile.numbered and not profile.numbered & figure.numbered:
        return False
    if q.unit in DIMENSIONS:
        if DIMENSIONS[q.unit] not in profile.dimensions:
            return False
        # A measure of other places is a different measure (180 km Najin-Dunay is not
        # 180 miles Tikhoretsk-border); with no places, the wording must agree.
        # A distance is measured between places named near it; one must be the subject's.
        if DIMENSIONS[q.unit] == "distance" and figure.places and profile.places:
            return bool(figure.places & profile.places)
        return _wording(sentence, profile.name) >= MEASURE_WORDING_MIN
    if figure.kind is not None:
        return figure.kind in profile.kinds
    # An item outside the synonym table: its head noun must be in the subject's name.
    return figure.head is not None and figure.head in profile.words


class Subjects:
    """The case's subject profiles, indexed by the kind of thing their claims count and
    the rate they count it at: a count of shipments need only be tried against the
    subjects that count shipments. Build it once the profiles are complete (after
    every ``add_claim``)."""

    def __init__(self, profiles: list[SubjectProfile]) -> None:
        self.profiles = profiles
        self.counting: dict[tuple[str, str | None], list[SubjectProfile]] = {}
        for profile in profiles:
            for kind in profile.kinds:
                for rate in profile.rates or {None}:
                    self.counting.setdefault((kind, rate), []).append(profile)

    def fitting(self, figure: _Figure, sentence: str) -> list[SubjectProfile]:
        """Every profile the figure fits, in their original order."""
        if figure.quantity.unit not in DIMENSIONS and figure.kind is not None:
            # What _fits decides for a count, with kind and rate already matched.
            same = self.counting.get((figure.kind, figure.quantity.per), [])
            return [p for p in same if not p.numbered or p.numbered & figure.numbered]
        return [p for p in self.profiles if _fits(figure, p, sentence)]


def choose_subject(
    quantity: Quantity | None, sentence: str, profiles: Subjects | list[SubjectProfile]
) -> SubjectChoice:
    """The closest existing subject for this figure (or event), else a proposed name.

    Among equally close subjects the first listed wins."""
    subjects = profiles if isinstance(profiles, Subjects) else Subjects(profiles)
    if quantity is not None:
        figure = _Figure.read(quantity, sentence)
        fitting = subjects.fitting(figure, sentence)
        cutoff = 0.0
    else:
        fitting, cutoff = subjects.profiles, EVENT_WORDING_MIN
    # One C call ranks them all: _wording's token_set_ratio on names processed once
    # (ties keep the first).
    best = process.extractOne(
        default_process(sentence),
        [p.key for p in fitting],
        scorer=fuzz.token_set_ratio,
        processor=None,
        score_cutoff=cutoff,
    )
    if best is not None:
        return SubjectChoice(fitting[best[2]].name, True)
    return SubjectChoice(propose_name(quantity, sentence), False)


# What an event is about, when no counted kind names it: the first of these in a sentence.
_TOPIC = re.compile(
    r"\b(weapons?|munitions?|arms|ammunition|missiles?|shells?|sanctions|resolutions?|"
    r"satellite images|imagery|transfers?|deliver(?:y|ies)|shipments?|exports?|imports?|"
    r"partnership|cooperation|talks|visits?|meetings?|deals?|agreements?)\b",
    re.IGNORECASE,
)
_PLURAL = {"person": "People", "ammunition": "Ammunition", "cargo": "Cargo"}
# Words that open a sentence but name nothing.
_OPENERS = frozenset(
    "but and although however while as so yet also still the a an this that these those it "
    "there here according".split()
)
EVENT_NAME_WORDS = 6


def _event_name(sentence: str) -> str:
    """A new subject's name for a sentence without a figure: what it is about and where
    ("Weapons, North Korea to Russia"), else its first words that name something, never
    the sentence cut off with an ellipsis."""
    # Only a route ("from North Korea to Russia"): capitalized words of a whole sentence
    # are names and months as often as places.
    where = route(sentence)
    kind = kind_of(sentence)
    if m := _TOPIC.search(sentence):
        word = m.group(1).lower()
        if word == "delivery":
            word = "deliveries"
        elif not word.endswith("s") and word not in ("imagery", "ammunition", "cooperation"):
            word += "s"  # a subject is about every such transfer, not one
        head = word[0].upper() + word[1:]
    elif kind is not None:
        head = _PLURAL.get(kind, kind[0].upper() + kind[1:] + "s")
    else:
        words = [w.strip("“”\"'‘’,.;:()") for w in sentence.split()]
        while words and words[0].lower() in _OPENERS:
            words.pop(0)
        clause = []
        for word in words[:EVENT_NAME_WORDS]:
            if not word:
                break
            clause.append(word)
        head = " ".join(clause) or "Statements"
        head = head[0].upper() + head[1:]
    return f"{head}, {where}" if where else head


def propose_name(quantity: Quantity | None, sentence: str) -> str:
    """A new subject's name: what is counted or measured, and where."""
    if quantity is None:
        return _event_name(sentence)
    around = sentence[max(0, quantity.start - 80) : quantity.end + 80]
    where = [route(around) or ""] if route(around) else sorted(p.title() for p in places(around))
    if quantity.unit in DIMENSIONS:
        head = DIMENSIONS[quantity.unit]
        measure = quantity.unit
    else:
        head = quantity.item or "items"
        measure = "count"
    name = head[0].upper() + head[1:]
    if where:
        name += ", " + ", ".join(where[:3])
    suffix = f"per {quantity.per}" if quantity.per else measure
    return f"{name} ({suffix})"
