"""Bottom line up front, the key judgments, and the other evidence (issue 19).

Each judgment is three sentences: what its best-supported claim says, as its source's
("NIS estimates more than 1 million rounds between Aug 2023 and Dec 2023"); our
likelihood, in ICD 203 terms with its band and what it rests on (the independent origins
that agree and contradict); our confidence, on the number and grades of the origins
behind it. Claim ids stay in the footnotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.brief.case import BriefCase, Row
from tracker.brief.escape import escape_inline
from tracker.brief.footnotes import Footnotes
from tracker.brief.language import (
    capitalized,
    hedges_in,
    is_figure,
    judged,
    listed,
    plural,
    said,
)
from tracker.brief.selection import Standing
from tracker.brief.words import confidence
from tracker.dates_display import human_span
from tracker.scoring import OriginEvidence
from tracker.scoring.estimate import SubjectEstimate

if TYPE_CHECKING:
    from sqlmodel import Session

# The BLUF retells this many judgments before it turns to the dispute and the rest.
BLUF_JUDGMENTS = 2

_QUOTED = re.compile(r"“[^”]*”")
# A judgment names this many of its subject's revisions (explain --subject has them all).
REVISIONS_SHOWN = 3


def subject_label(subject: str) -> str:
    """A subject's name without its closing "(count)" or "(date)": 'Artillery rounds
    shipped, DPRK to Russia'."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", subject) or subject


@dataclass
class Judgment:
    """One subject's judgment. ``refs`` is built when read, so a template that leaves a
    judgment out defines no footnote for it."""

    subject: str  # escaped
    statement: str  # what the best-supported claim says, as its source's (no period)
    likelihood: str  # a sentence
    confidence: str  # a sentence
    level: str  # high | moderate | low
    estimative: str
    _cited: list[Row] = field(default_factory=list, repr=False)
    _notes: Footnotes | None = field(default=None, repr=False)

    @property
    def refs(self) -> str:
        notes = self._notes
        return "".join(notes.ref(a) for a in self._cited) if notes else ""

    @property
    def hedged(self) -> bool:
        return hedges_in(_QUOTED.sub("", self.statement)) > 0

    def line(self, number: int) -> str:
        return (
            f"{number}. **{self.subject}.** {self.statement}.{self.refs} "
            f"{self.likelihood} {self.confidence}"
        )


def judge(
    case: BriefCase,
    subject: str,
    claims: list[Row],
    notes: Footnotes,
    estimate: SubjectEstimate | None = None,
) -> Judgment:
    """``estimate``: the subject's estimate (scoring/estimate.py), used where the best
    claim is a figure: likelihood and confidence are then the estimate's, across every
    origin's figure, not one claim's."""
    best = case.best_supported(claims)
    score = case.scores[best.id]
    cited = case.attributions.get(best.id, [])[:1]
    source = case.sources.get(cited[0].source_id) if cited else None
    group = case.group_of.get(cited[0].source_id) if cited else None
    statement = said(best, source, cited[0].quote if cited else None, group)
    explanation = score.explanation
    # Every independent origin that carries it or agrees with it, but the one quoted.
    primary = group or explanation.primary_origin
    agree: list[OriginEvidence] = []
    for e in (*explanation.own_origins, *explanation.corroboration.counted):
        if e.origin != primary and all(e.origin != o.origin for o in agree):
            agree.append(e)
    against = list(explanation.contradiction.counted)
    if not agree and not against:
        grade = case.group_grade.get(group or "", "F")
        likelihood = (
            f"Nothing independent bears on it: on its source's grade ({grade}) alone, "
            f"{judged(score.estimative)}."
        )
    else:
        parts = []
        if agree:
            names = listed([escape_inline(e.origin) for e in agree])
            verb = "agrees" if len(agree) == 1 else "agree"
            parts.append(f"{plural(len(agree), 'further independent origin')} {verb} ({names})")
        else:
            parts.append("no further independent origin agrees")
        if against:
            names = listed([f"{escape_inline(e.origin)}, graded {e.grade}" for e in against])
            verb = "contradicts" if len(against) == 1 else "contradict"
            parts.append(f"{plural(len(against), 'independent origin')} {verb} it ({names})")
        else:
            parts.append("none contradicts it")
        likelihood = f"{capitalized(judged(score.estimative))}: {' and '.join(parts)}."
    level, basis = confidence(score)
    if estimate is not None and is_figure(best) and len(estimate.origins) >= 2:
        # Several origins report figures: the judgment is the subject's estimate.
        when = f" ({human_span(*estimate.period)})" if estimate.period else ""
        n = len(estimate.origins)
        outside = [o.origin for o in estimate.outliers] + list(estimate.denied_by)
        contest = (
            f"{plural(len(outside), 'independent origin')} against it "
            f"({listed([escape_inline(o) for o in outside])})"
            if outside
            else "none against it"
        )
        likelihood = (
            f"Taken together, the figures of {plural(n, 'independent origin')} meet at "
            f"{escape_inline(estimate.interval_words())}{when}. "
            f"{capitalized(judged(estimate.estimative))} that the figure lies there: "
            f"{n} independent origins behind it and {contest}."
        )
        level, basis = estimate.confidence, estimate.rests_on
    if estimate is not None and estimate.revisions:
        # A source's new figure on a later date: neither a contradiction nor a misreport.
        shown = estimate.revisions[:REVISIONS_SHOWN]
        changes = "; ".join(escape_inline(r.words("→")) for r in shown)
        more = len(estimate.revisions) - len(shown)
        if more:
            changes += f"; and {plural(more, 'more revision')} (tracker explain --subject)"
        likelihood += f" Figures revised by their own source on a later date: {changes}."
    # Built for this judgment only: thousands of explanations kept add up to gigabytes.
    score.forget_explanation()
    return Judgment(
        subject=escape_inline(subject),
        statement=statement,
        likelihood=likelihood,
        confidence=f"We have {level} confidence in this judgment, based on {escape_inline(basis)}.",
        level=level,
        estimative=score.estimative,
        _cited=list(cited),
        _notes=notes,
    )


def estimates(session: Session, subjects: list[str]) -> dict[str, SubjectEstimate]:
    """The first estimate (its main unit) of each subject that has one: read subject by
    subject, since only the key judgments use them."""
    from tracker.scoring.estimate import estimate_subjects
    from tracker.scoring.load import load_inputs

    found: dict[str, SubjectEstimate] = {}
    for subject in subjects:
        inputs = load_inputs(session, subject, outlet_figures=False)
        for summary in estimate_subjects(inputs):
            if summary.name == subject and summary.estimates:
                found[subject] = summary.estimates[0]
    return found


def bluf(
    judgments: list[Judgment],
    keys: list[str],
    standing: dict[str, Standing],
) -> list[str]:
    """Two to four sentences: the leading judgments, the dispute among the key subjects,
    and what else the case holds."""
    sentences: list[str] = []
    for subject, j in list(zip(keys, judgments, strict=True))[:BLUF_JUDGMENTS]:
        label = escape_inline(subject_label(subject))
        if j.hedged:
            sentences.append(f"{label}: {j.statement}.")
        else:
            sentences.append(f"{label}: {j.statement}; {judged(j.estimative).split(' (')[0]}.")
    contested = [standing[s] for s in keys if standing[s].contradiction > 0]
    deniers = sorted({d for s in contested for d in s.denying})
    if deniers:
        others = sorted({o for s in contested for o in s.origins} - set(deniers))
        grades = sorted({standing[contested[0].subject].origins.get(d, "F") for d in deniers})
        on = listed([escape_inline(subject_label(s.subject)) for s in contested])
        verb = "denies" if len(deniers) == 1 else "deny"
        sentences.append(
            f"{listed([escape_inline(d) for d in deniers])} (graded {'/'.join(grades)}) {verb} "
            f"what {plural(len(others), 'independent origin')} report on {on}."
        )
    elif contested:
        on = listed([escape_inline(subject_label(s.subject)) for s in contested])
        sentences.append(f"Independent origins contradict each other on {on}.")
    rest = [s for s in standing.values() if s.subject not in keys]
    if rest:
        single = sum(1 for s in rest if len(s.origins) <= 1)
        sentences.append(
            f"{capitalized(plural(len(rest), 'further subject'))} ({single} resting on a single "
            "origin) are set out under Other evidence and in the annex."
        )
    if not keys:
        sentences.insert(
            0,
            "No subject in scope rests on two or more independent origins or holds a "
            "dispute: the evidence follows subject by subject.",
        )
    return sentences


def other_evidence_lines(
    case: BriefCase, grouped: dict[str, list[Row]], keys: list[str], notes: Footnotes
) -> Iterator[str]:
    """One line per subject that is not a key judgment: what it says, our likelihood and
    confidence in one sentence each."""
    rest = [s for s in grouped if s not in set(keys)]
    if not rest:
        return
    yield from ("## Other evidence", "")
    for subject in rest:
        j = judge(case, subject, grouped[subject], notes)
        yield (
            f"- **{j.subject}.** {j.statement}.{j.refs} "
            f"{capitalized(judged(j.estimative))}, with {j.level} confidence."
        )
    yield ""
