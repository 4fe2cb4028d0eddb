"""Who says it: attribution cues in a sentence, and the speaker they name.

A cue is a reporting verb or phrase ("according to X", "X said", "said X",
"X told lawmakers", "X's analysis found", "images show"). The speaker is the
noun phrase the cue points at, kept as written; resolving it to a Source is
``resolve.py``'s job. A person's affiliation is read from the text around
the name ("Joseph Byrne, a research fellow at RUSI", "National Security
Council spokesman John Kirby"), and "he said" or "Shin said" refer back to the
last named speaker of the document (``SpeakerMemory``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A capitalized word, an acronym with dots, or a possessive of either.
_TOK = r"(?:U\.S\.|U\.K\.|U\.N\.|[A-Z][\w\-]*|[A-Z]\.)(?:[’']s)?"
_NAME = rf"{_TOK}(?:\s+(?:(?:of|for|and|the|on|de)\s+)?{_TOK})*"
# Lowercase words that belong to a speaker phrase ("U.S. officials", "RUSI analysts").
ROLE_WORDS = (
    "officials|official|analysts|analyst|experts|expert|intelligence|services|service|"
    "government|spokesman|spokesperson|spokeswoman|report|reports|analysis|researchers|"
    "assessments|assessment|data|imagery|images|agency|authorities|military|ministry|"
    "officers|sources|source|team|authors|researcher|fellow|commander|envoy|mission"
)
_ROLES = rf"(?:\s+(?:{ROLE_WORDS}))*"
_SPEAKER = (
    rf"(?P<who>(?:the\s+)?(?:(?:new|latest|recent)\s+)?{_NAME}{_ROLES}"
    rf"(?:\s+and\s+(?:the\s+)?{_NAME}{_ROLES})?)"
)
# Words that open a phrase about evidence rather than a source.
_EVIDENCE = (
    r"(?:(?:new|latest|the|an?|satellite|these|those|recent|\s)+)?(?:images|image|imagery|photos)"
)
_NOT_NAMES = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday This That These Those It The There He She They We I But And However
    Although While In On At As If When Changes Subsequent Latest Satellite Through Since
    Around After Before During With Analysis Not Some Many Most""".split()
)
ANALYSIS_CUES = frozenset({"analyzed by", "X's analysis found"})
SECONDARY_CUES = frozenset({"sanctioned by"})
# "... more regular than the White House revealed": a comparison, not a statement.
_COMPARED = re.compile(r"\bthan\s+(?:the\s+)?$")
# Words a main clause needs before "when"/"which" to say something of its own.
MAIN_CLAUSE_MIN_WORDS = 4
_SUBORDINATE = re.compile(r"\b(?:when|which|while|after|because|whom)\s+(?:the\s+)?$")
PRONOUN_CUES = frozenset({"pronoun said", "pronoun says", "by his estimate", "the country says"})
# "the country denies ...": the government the text named last.
STATE_REFERENCES = frozenset({"country", "regime"})
NAME_PATTERN = re.compile(_NAME)
EVIDENCE_CUES = frozenset({"images show", "according to images"})
PRONOUNS = frozenset({"he", "she", "they", "it", "his", "her", "their"})

_SAY = r"(?:said|says|say|told\s+\w+|stated|noted|notes|added|warned|warns|wrote|explained)"
_REPORT = (
    r"(?:estimated|estimates|estimate|alleged|alleges|alleging|reported|reports|found|finds|"
    r"identified|identifies|concluded|concludes|announced|announces|argue|argues|believes|"
    r"believe|claimed|claims|assessed|assesses|revealed|observed|determined|indicated|"
    r"accused|accuses|rejected|rejects|denied|denies|deny|saying|warning|confirmed|named|"
    r"(?:provided|released)\s+(?:\w+\s+){0,2}?(?:imagery|images|evidence|photographs|data))"
)
_PRONOUN = r"(?P<who>[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"

_AUX = r"(?:(?:have|has|had|also|further|jointly|recently|repeatedly|later)\s+)*"
_VERB = rf"{_AUX}(?:(?:last|this|on)\s+\w+\s+)?(?:{_SAY}|{_REPORT})\b"

# (name, pattern); earlier patterns win when several match one sentence.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx))
    for name, rx in (
        (
            "according to",
            # "a document obtained by RUSI": RUSI holds the document, it did not write it.
            rf"[Aa]ccording to\s+(?:(?:a|the|new)\s+)?(?!document\s+obtained)(?:(?:report|"
            rf"analysis|data|estimate|assessment)\s+(?:by|from)\s+)?"
            rf"(?:(?:ship-tracking|tracking|research|analysis)\s+(?:site|firm|group)\s+)?{_SPEAKER}",
        ),
        ("according to images", rf"[Aa]ccording to\s+(?P<who>{_EVIDENCE})"),
        ("analyzed by", rf"analy[sz]ed\s+by\s+(?:the\s+)?(?:[\w\-]+-based\s+)?{_SPEAKER}"),
        (
            "said X",
            rf"(?:[,”\"]\s*|\s—\s*)(?:said|says|warns|warned|noted|added|points out|stated)\s+"
            rf"(?:the\s+)?(?:[a-z’'\-]+\s+){{0,3}}?(?P<who>(?:the\s+)?{_NAME}{_ROLES})",
        ),
        ("pronoun said", rf"(?:^|[,”\"]\s*){_PRONOUN}\s+{_SAY}\b"),
        (
            "X's analysis found",
            rf"(?:[Aa]nalysis|[Rr]eports?|[Ss]tudy)\s+by\s+{_SPEAKER}[^.;]*?\s"
            rf"(?:found|finds|shows|showed|identified|concluded|suggests|examined|determined)\b",
        ),
        (
            "X's report",
            rf"(?P<who>{_TOK}(?:\s+(?:government|military|intelligence))?)[’']s\s+"
            rf"(?:[A-Z]\w+\s+)?(?:report|analysis|study|assessment|announcement)\b",
        ),
        ("X said", rf"{_SPEAKER}\s+{_VERB}"),
        ("X, who ..., said", rf"(?P<who>{_NAME}),\s+[^.;]*?,[”\"]?\s+{_VERB}"),
        ("X ... it said", rf"^(?:The\s+)?(?P<who>{_NAME})\s+[^.;]*?\bit\s+said\b"),
        (
            "images show",
            rf"(?P<who>{_EVIDENCE})(?:\s+of\s+[\w\s]+?)?\s+(?:(?:seems|appears)\s+to\s+)?"
            r"(?:show|shows|showed|suggest|suggests|indicate|indicates|reveal|reveals)\b",
        ),
        (
            "sanctioned by",
            rf"sanctioned\s+by\s+(?P<who>(?:the\s+)?{_NAME}(?:,\s+(?:the\s+)?{_NAME})*"
            rf"(?:,?\s+and\s+(?:the\s+)?{_NAME})?)",
        ),
        (
            "the country says",
            rf"\b[Tt]he\s+(?P<who>country|regime)\s+(?:\w+ly\s+)?(?:{_SAY}|{_REPORT})\b",
        ),
        ("by his estimate", r"\b[Bb]y\s+(?P<who>his|her|their)\s+(?:estimate|account|count)"),
        ("pronoun says", rf"\b{_PRONOUN}\s+(?:{_SAY}|{_REPORT}|expects|thinks)\b"),
    )
)

_AFFILIATION_AFTER = re.compile(
    rf",\s+(?:a|an|the|senior|former|chief|head|who\s+now\s+works)\b[^,.;“”\"]*?\b"
    rf"(?:at|of|for|with|from)\s+"
    rf"(?:the\s+)?(?:[\w\-]+-based\s+[a-z\s]*?)?(?P<org>{_NAME})"
)
_AFFILIATION_BEFORE = re.compile(
    rf"(?P<org>{_NAME})\s+(?:spokesman|spokesperson|spokeswoman|official|analyst|director|"
    rf"chief|head|researcher|fellow)\s+$"
)
_PERSON = re.compile(r"^[A-Z][a-z’'\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'\-]+){1,2}$")
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass(frozen=True, slots=True)
class SpeakerCue:
    """The speaker phrase of one sentence, as written, with what the text says about it."""

    speaker: str  # the name or phrase, trimmed of "the" and possessives
    cue: str  # which pattern found it
    start: int  # offsets of the phrase in the sentence
    end: int
    person: str | None = None  # "Joseph Byrne" when the speaker is a named person
    affiliation: str | None = None  # "RUSI" when the text says where the person works
    evidence: bool = False  # "images show": the document's own reading of imagery
    # A voice inside a subordinate clause ("..., when the US accused North Korea"):
    # it adds a speaker but leaves the main clause to the document's own voice.
    secondary: bool = False


def clean_phrase(text: str) -> str:
    """'the Royal United Services Institute’s' -> 'Royal United Services Institute'."""
    text = re.sub(r"\s+", " ", text).strip(" ,")
    text = re.sub(r"^(?:the|a|an|new|latest|recent)\s+", "", text, flags=re.IGNORECASE)
    return _POSSESSIVE.sub("", text)


def _strip_roles(text: str) -> str:
    """'U.S. officials' -> 'U.S.'; 'RUSI analysts' -> 'RUSI'."""
    return re.sub(rf"(?:\s+(?:{ROLE_WORDS}))+$", "", text)


def _drop_leading_non_names(text: str) -> str:
    """'As Oliemans' -> 'Oliemans'; 'However' -> ''."""
    words = text.split()
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    return " ".join(words)


def _affiliation(sentence: str, start: int, end: int) -> str | None:
    after = _AFFILIATION_AFTER.match(sentence, end)
    if after:
        return clean_phrase(after.group("org"))
    before = _AFFILIATION_BEFORE.search(sentence[:start])
    if before:
        return clean_phrase(before.group("org"))
    return None


def _cue_at(sentence: str, name: str, m: re.Match[str]) -> SpeakerCue | None:
    start, end = m.start("who"), m.end("who")
    phrase = clean_phrase(m.group("who"))
    if name in PRONOUN_CUES:
        return SpeakerCue(phrase.lower(), name, start, end)
    if name in EVIDENCE_CUES:
        return SpeakerCue(phrase, name, start, end, evidence=True)
    phrase = _drop_leading_non_names(phrase)
    if not phrase or _COMPARED.search(sentence, 0, start):
        return None
    person = phrase if _PERSON.match(phrase) else None
    affiliation = _affiliation(sentence, start, end) if person else None
    clause = _SUBORDINATE.search(sentence, 0, start)
    # "This is when the United States accused ...": nothing before "when" to speak for.
    secondary = name in SECONDARY_CUES or bool(
        clause and len(sentence[: clause.start()].split()) >= MAIN_CLAUSE_MIN_WORDS
    )
    return SpeakerCue(
        phrase, name, start, end, person=person, affiliation=affiliation, secondary=secondary
    )


def find_cues(sentence: str) -> list[SpeakerCue]:
    """Every attribution cue of ``sentence``, the strongest first.

    A sentence may carry two voices ("The activity appears to have picked up
    since early October, when the US accused North Korea ..."); spans already
    claimed by a stronger cue are not read again by a weaker one.
    """
    out: list[SpeakerCue] = []
    for name, pattern in CUES:
        for m in pattern.finditer(sentence):
            if any(m.start("who") < c.end and c.start < m.end("who") for c in out):
                continue
            cue = _cue_at(sentence, name, m)
            if cue is not None:
                out.append(cue)
    return out


def find_cue(sentence: str) -> SpeakerCue | None:
    """The strongest attribution cue of ``sentence`` and the speaker it names, or None."""
    cues = find_cues(sentence)
    return cues[0] if cues else None


@dataclass
class SpeakerMemory:
    """Named speakers seen so far in one document, for "he said" and "Shin said"."""

    persons: list[SpeakerCue] = field(default_factory=list)
    last: SpeakerCue | None = None
    # Whoever the text says analysed the imagery ("images, analyzed by RUSI"):
    # later "images show" sentences are that analysis speaking.
    analyst: SpeakerCue | None = None

    def remember(self, cue: SpeakerCue) -> None:
        if cue.person:
            self.persons.append(cue)
        if not cue.evidence:
            self.last = cue
        if cue.cue in ANALYSIS_CUES or "analysis" in cue.speaker.lower():
            self.analyst = cue

    def refer(self, cue: SpeakerCue) -> SpeakerCue:
        """A pronoun or bare surname replaced by the speaker it refers to."""
        if cue.evidence:
            return self.analyst or cue
        if cue.speaker in PRONOUNS:
            if cue.speaker in ("he", "she", "his", "her"):
                return self.persons[-1] if self.persons else cue
            return self.last or cue
        if " " not in cue.speaker:
            for earlier in reversed(self.persons):
                if earlier.person and earlier.person.split()[-1] == cue.speaker:
                    return earlier
        return cue


def speaker_candidates(cue: SpeakerCue) -> list[str]:
    """Texts to look up in the registry, most specific first."""
    out: list[str] = []
    if cue.person:
        out.append(cue.person)
    if cue.affiliation:
        out.append(cue.affiliation)
    out.append(cue.speaker)
    stripped = _POSSESSIVE.sub("", _strip_roles(cue.speaker))
    out.append(stripped)
    if " and " in stripped:
        out.extend(part.strip() for part in stripped.split(" and "))
    return list(dict.fromkeys(x for x in out if x))
