"""The markdown brief of issue 7: judgments, claims, disagreements, sources, footnotes.

Numbers come from ``tracker.scoring.score_case``; this module only chooses
and words them. The same database gives the same bytes: every list is sorted
on stable keys and the date of writing is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from tracker.brief.escape import escape_cell, escape_inline
from tracker.brief.footnotes import Footnotes
from tracker.brief.words import as_clause, confidence, figure_words, period_words
from tracker.models import Attribution, Claim, Document, Source, Subject
from tracker.registry import SourceRegistry
from tracker.scoring import ClaimScore, score_case

DEFAULT_TITLE = "Claims brief"
CREDIBILITY_WORDS = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}


class _Case:
    """The rows the brief draws on, loaded once and indexed."""

    def __init__(self, session: Session, subjects: Iterable[str] | None, min_credibility):  # type: ignore[no-untyped-def]
        self.sources = {s.id: s for s in session.exec(select(Source)).all() if s.id is not None}
        self.registry = SourceRegistry(self.sources.values())
        wanted = set(subjects) if subjects else None
        all_subjects = session.exec(select(Subject)).all()
        self.subject_names = {s.id: s.name for s in all_subjects}
        if wanted is not None:
            unknown = wanted - set(self.subject_names.values())
            if unknown:
                from tracker.errors import UserError

                raise UserError(f"--subject: no such subject: {', '.join(sorted(unknown))}")
        scores = score_case(session).claims
        claims = [
            c
            for c in session.exec(select(Claim)).all()
            if (wanted is None or self.subject_names[c.subject_id] in wanted)
            and c.id in scores
            and (min_credibility is None or scores[c.id].credibility <= min_credibility)
        ]
        self.claims = {c.id: c for c in claims}
        self.scores: dict[str, ClaimScore] = {c.id: scores[c.id] for c in claims}
        attributions = session.exec(
            select(Attribution).where(col(Attribution.claim_id).in_(list(self.claims)))
        ).all()
        doc_ids = {a.document_id for a in attributions}
        self.documents = {
            d.id: d
            for d in session.exec(select(Document).where(col(Document.id).in_(doc_ids))).all()
        }
        self.attributions: dict[str, list[Attribution]] = {}
        for a in sorted(attributions, key=self._appearance_order):
            self.attributions.setdefault(a.claim_id, []).append(a)
        self.by_attribution_id = {a.id: a for a in attributions}

    def _appearance_order(self, a: Attribution) -> tuple:
        document = self.documents.get(a.document_id)
        day = document.published_first if document and document.published_first else date.max
        return (day, a.document_id, a.id or 0)

    def by_subject(self) -> dict[str, list[Claim]]:
        grouped: dict[str, list[Claim]] = {}
        for claim in self.claims.values():
            grouped.setdefault(self.subject_names[claim.subject_id], []).append(claim)
        for claims in grouped.values():
            claims.sort(key=self._claim_order)
        return dict(sorted(grouped.items()))

    def _claim_order(self, claim: Claim) -> tuple:
        s = self.scores[claim.id]
        return (s.credibility, -round(s.corroboration, 6), round(s.contradiction, 6), claim.id)

    def best_supported(self, claims: list[Claim]) -> Claim:
        asserted = [c for c in claims if c.stance == "asserts"] or claims

        def strength(c: Claim) -> tuple:
            s = self.scores[c.id]
            return (-round(s.probability, 6), -round(s.corroboration, 6), c.id)

        return min(asserted, key=strength)


def write_brief(
    session: Session,
    subjects: Iterable[str] | None = None,
    min_credibility: int | None = None,
    title: str | None = None,
    today: date | None = None,
) -> str:
    """The brief as markdown. ``min_credibility`` N keeps claims rated 1..N (Admiralty)."""
    case = _Case(session, subjects, min_credibility)
    notes = Footnotes(case.documents, case.sources)
    today = today or date.today()
    grouped = case.by_subject()
    out: list[str] = [f"# {escape_inline(title or DEFAULT_TITLE)}", ""]
    out += [f"Written on {today.isoformat()}.", ""]
    out += _scope(case, grouped, min_credibility)
    out += _judgments(case, grouped, notes)
    out += _claim_tables(case, grouped, notes)
    out += _disagreements(case, notes)
    out += _source_table(case)
    definitions = notes.definitions()
    if definitions:
        out += ["## Notes", ""]
        for line in definitions:
            out += [line, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _scope(case: _Case, grouped: dict[str, list[Claim]], min_credibility) -> list[str]:  # type: ignore[no-untyped-def]
    docs = sorted(case.documents.values(), key=lambda d: d.id)
    days = [d.published_first for d in docs if d.published_first] + [
        d.published_last for d in docs if d.published_last
    ]
    outlets = sorted({case.sources[d.outlet_id].name for d in docs if d.outlet_id in case.sources})
    lines = ["## Scope", ""]
    subjects = "; ".join(escape_inline(name) for name in grouped) or "none"
    lines.append(f"- Subjects ({len(grouped)}): {subjects}.")
    lines.append(f"- Claims: {len(case.claims)}.")
    doc_line = f"- Documents ({len(docs)})"
    if outlets:
        doc_line += " from " + ", ".join(escape_inline(o) for o in outlets)
    if days:
        doc_line += f", published between {min(days).isoformat()} and {max(days).isoformat()}"
    vague = [d for d in docs if d.published_precision in ("interval", "month", "year")]
    if vague:
        doc_line += (
            f" ({len(vague)} of them dated only to a month, a year or an interval: "
            + ", ".join(escape_inline(d.id) for d in vague)
            + ")"
        )
    lines.append(doc_line + ".")
    if min_credibility is not None:
        lines.append(
            f"- Only claims rated {min_credibility} "
            f"({CREDIBILITY_WORDS.get(min_credibility, '?')}) or better on the Admiralty scale."
        )
    return [*lines, ""]


def _judgments(case: _Case, grouped: dict[str, list[Claim]], notes: Footnotes) -> list[str]:
    lines = ["## Key judgments", ""]
    if not grouped:
        return [*lines, "No claims are in scope.", ""]
    for number, (subject, claims) in enumerate(grouped.items(), start=1):
        best = case.best_supported(claims)
        score = case.scores[best.id]
        figure = figure_words(best)
        period = period_words(best)
        if figure:
            what = f"the figure is {escape_inline(figure)}"
            if period:
                what += f" {escape_inline(period)}"
        else:
            what = escape_inline(as_clause(best.text))
        refs = "".join(notes.ref(a) for a in case.attributions.get(best.id, [])[:1])
        level, basis = confidence(score)
        lines.append(
            f"{number}. **{escape_inline(subject)}.** It is {score.estimative} that {what}"
            f" (claim {escape_inline(best.id)}).{refs} "
            f"We have {level} confidence in this judgment, based on {escape_inline(basis)}."
        )
    return [*lines, ""]


def _claim_tables(case: _Case, grouped: dict[str, list[Claim]], notes: Footnotes) -> list[str]:
    lines = ["## Claims by subject", ""]
    header = (
        "| Claim | Value | Period | Origins | Corroboration | Contradiction "
        "| Credibility; likelihood |",
        "| --- | --- | --- | --- | ---: | ---: | --- |",
    )
    for subject, claims in grouped.items():
        lines += [f"### {escape_inline(subject)}", "", *header]
        for claim in claims:
            s = case.scores[claim.id]
            refs = "".join(notes.ref(a) for a in case.attributions.get(claim.id, []))
            stance = " (denial)" if claim.stance == "denies" else ""
            cells = [
                f"{escape_cell(claim.text)}{stance} ({escape_inline(claim.id)}){refs}",
                escape_cell(claim.quantity_text),
                escape_cell(claim.period_text),
                escape_cell(", ".join(s.origins)),
                f"{s.corroboration:.2f}",
                f"{s.contradiction:.2f}",
                f"{s.credibility} ({CREDIBILITY_WORDS.get(s.credibility, '?')}); {s.estimative}",
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _side(case: _Case, claim_id: str, notes: Footnotes) -> str:
    claim = case.claims[claim_id]
    first = case.attributions.get(claim_id, [])[:1]
    if not first:
        return f"{escape_inline(claim.text)} ({escape_inline(claim_id)})"
    a = first[0]
    speaker = escape_inline(case.sources[a.source_id].name)
    return f"{speaker}: “{escape_inline(a.quote)}”{notes.ref(a)} ({escape_inline(claim_id)})"


def _disagreements(case: _Case, notes: Footnotes) -> list[str]:
    lines = ["## Contradictions and reporting discrepancies", "", "### Contradictions", ""]
    pairs = sorted(
        {
            tuple(sorted((claim_id, other)))
            for claim_id, s in case.scores.items()
            for other in s.contradicted_by
            if other in case.claims
        }
    )
    if not pairs:
        lines.append("No contradictions between independent sources in scope.")
    for left, right in pairs:
        lines.append(f"- {_side(case, left, notes)} versus {_side(case, right, notes)}")
    lines += ["", "### Reporting discrepancies", ""]
    seen = set()
    found = False
    for claim_id in sorted(case.scores):
        for d in case.scores[claim_id].discrepancies:
            key = (d.claim, d.kind, d.first.attribution, d.second.attribution)
            if key in seen:
                continue
            seen.add(key)
            found = True
            sides = []
            for ref in (d.first, d.second):
                attribution = case.by_attribution_id.get(ref.attribution)
                mark = notes.ref(attribution) if attribution is not None else ""
                sides.append(
                    f"{escape_inline(ref.outlet or ref.document)} printed "
                    f"“{escape_inline(ref.quote)}”{mark}"
                )
            lines.append(
                f"- {escape_inline(d.origin)}, claim {escape_inline(d.claim)} ({d.kind}): "
                f"{sides[0]}; {sides[1]}. {escape_inline(d.detail)}"
            )
    if not found:
        lines.append("No reporting discrepancies in scope.")
    return [*lines, ""]


def _source_table(case: _Case) -> list[str]:
    used: set[int] = set()
    for attributions in case.attributions.values():
        for a in attributions:
            used.add(a.source_id)
            document = case.documents.get(a.document_id)
            if document and document.outlet_id is not None:
                used.add(document.outlet_id)
    lines = ["## Sources", "", "| Source | Kind | Group | Grade |", "| --- | --- | --- | --- |"]
    for source in sorted(
        (case.sources[i] for i in used if i in case.sources), key=lambda s: s.name
    ):
        group = case.registry.group_of(source)
        lines.append(
            f"| {escape_cell(source.name)} | {escape_cell(source.kind)} | "
            f"{escape_cell(group)} | {escape_cell(source.reliability)} |"
        )
    return [*lines, ""]
