"""The markdown brief of issue 7: judgments, claims, disagreements, sources, footnotes.

Numbers come from ``tracker.scoring.score_case``; this module only chooses
and words them. The same database gives the same bytes: every list is sorted
on stable keys and the date of writing is a parameter.

A whole case's brief runs to hundreds of megabytes, so it is written line by line
(``write_brief_to``); ``write_brief`` returns the same text as one string.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Protocol

from sqlmodel import Session

from tracker.brief.case import BriefCase, Row
from tracker.brief.escape import escape_cell, escape_inline
from tracker.brief.footnotes import Footnotes
from tracker.brief.words import as_clause, confidence, figure_words, period_words
from tracker.scoring.scores import CREDIBILITY_WORDS

DEFAULT_TITLE = "Claims brief"


def write_brief(
    session: Session,
    subjects: Iterable[str] | None = None,
    min_credibility: int | None = None,
    title: str | None = None,
    today: date | None = None,
) -> str:
    """The brief as markdown. ``min_credibility`` N keeps claims rated 1..N (Admiralty)."""
    # StringIO grows one string in place: no second copy of a large brief at the end.
    out = io.StringIO()
    write_brief_to(out, session, subjects, min_credibility, title, today)
    return out.getvalue()


class Writable(Protocol):
    """Where a brief is written: a text file, sys.stdout, io.StringIO."""

    def write(self, text: str, /) -> object: ...


def write_brief_to(
    out: Writable,
    session: Session,
    subjects: Iterable[str] | None = None,
    min_credibility: int | None = None,
    title: str | None = None,
    today: date | None = None,
) -> None:
    """``write_brief``, written to ``out`` as it is made. Nothing is written before the
    case has loaded, so an unknown subject fails with ``out`` untouched."""
    case = BriefCase(session, subjects, min_credibility)
    notes = Footnotes(case.documents, case.sources)
    today = today or date.today()
    grouped = case.by_subject()
    lines = _Lines(out)
    lines.write([f"# {escape_inline(title or DEFAULT_TITLE)}", ""])
    lines.write([f"Written on {today.isoformat()}.", ""])
    lines.write(_scope(case, grouped, min_credibility))
    lines.write(_judgments(case, grouped, notes))
    lines.write(_claim_tables(case, grouped, notes))
    lines.write(_disagreements(case, notes))
    lines.write(_source_table(case))
    lines.write(_notes(notes))
    lines.close()


class _Lines:
    """Lines joined by newlines, blank lines at the end dropped, one newline after the
    last: written in batches, never held whole."""

    BATCH = 4000
    # The separator before a line: one newline, and one more per blank line before it.
    _BREAKS = tuple("\n" * n for n in range(8))

    def __init__(self, out: Writable) -> None:
        self.out = out
        self.started = False
        self.blank = 0  # blank lines seen since the last written line

    def write(self, lines: Iterable[str]) -> None:
        batch: list[str] = []
        add = batch.append
        blank, started, breaks = self.blank, self.started, self._BREAKS
        for line in lines:
            if not line:
                blank += 1
                continue
            gap = blank + started
            add(breaks[gap] if gap < len(breaks) else "\n" * gap)
            add(line)
            blank, started = 0, True
            if len(batch) >= self.BATCH:
                self.out.write("".join(batch))
                batch.clear()
        self.out.write("".join(batch))
        self.blank, self.started = blank, started

    def close(self) -> None:
        self.out.write("\n")


def _notes(notes: Footnotes) -> Iterator[str]:
    definitions = notes.definitions()
    first = next(definitions, None)
    if first is None:
        return
    yield from ("## Notes", "", first, "")
    for line in definitions:
        yield line
        yield ""


def _scope(
    case: BriefCase, grouped: dict[str, list[Row]], min_credibility: int | None
) -> list[str]:
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


def _judgments(case: BriefCase, grouped: dict[str, list[Row]], notes: Footnotes) -> Iterator[str]:
    yield from ("## Key judgments", "")
    if not grouped:
        yield from ("No claims are in scope.", "")
        return
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
        # Built for this sentence only: thousands of explanations kept add up to gigabytes.
        score.forget_explanation()
        yield (
            f"{number}. **{escape_inline(subject)}.** It is {score.estimative} that {what}"
            f" (claim {escape_inline(best.id)}).{refs} "
            f"We have {level} confidence in this judgment, based on {escape_inline(basis)}."
        )
    yield ""


def _claim_tables(
    case: BriefCase, grouped: dict[str, list[Row]], notes: Footnotes
) -> Iterator[str]:
    yield from ("## Claims by subject", "")
    header = (
        "| Claim | Value | Period | Origins | Corroboration | Contradiction "
        "| Credibility; likelihood |",
        "| --- | --- | --- | --- | ---: | ---: | --- |",
    )
    # A few independence groups carry a whole case: each list of them is escaped once.
    origin_cells: dict[tuple[str, ...], str] = {}
    for subject, claims in grouped.items():
        yield from (f"### {escape_inline(subject)}", "", *header)
        for claim in claims:
            s = case.scores[claim.id]
            origins = origin_cells.get(s.origins)
            if origins is None:
                origins = origin_cells[s.origins] = escape_cell(", ".join(s.origins))
            refs = "".join(notes.ref(a) for a in case.attributions.get(claim.id, []))
            stance = " (denial)" if claim.stance == "denies" else ""
            cells = [
                f"{escape_cell(claim.text)}{stance} ({escape_inline(claim.id)}){refs}",
                escape_cell(claim.quantity_text),
                escape_cell(claim.period_text),
                origins,
                f"{s.corroboration:.2f}",
                f"{s.contradiction:.2f}",
                f"{s.credibility} ({CREDIBILITY_WORDS.get(s.credibility, '?')}); {s.estimative}",
            ]
            yield "| " + " | ".join(cells) + " |"
        yield ""


def _side(case: BriefCase, claim_id: str, notes: Footnotes) -> str:
    claim = case.claims[claim_id]
    first = case.attributions.get(claim_id, [])[:1]
    if not first:
        return f"{escape_inline(claim.text)} ({escape_inline(claim_id)})"
    a = first[0]
    speaker = escape_inline(case.sources[a.source_id].name)
    return f"{speaker}: “{escape_inline(a.quote)}”{notes.ref(a)} ({escape_inline(claim_id)})"


def _disagreements(case: BriefCase, notes: Footnotes) -> Iterator[str]:
    yield from ("## Contradictions and reporting discrepancies", "", "### Contradictions", "")
    # A claim stands in many pairs; its side is the same words each time.
    sides: dict[str, str] = {}
    found = False
    for left, right in case.contradictions():
        found = True
        first = sides.get(left)
        if first is None:
            first = sides[left] = _side(case, left, notes)
        second = sides.get(right)
        if second is None:
            second = sides[right] = _side(case, right, notes)
        yield f"- {first} versus {second}"
    if not found:
        yield "No contradictions between independent sources in scope."
    sides.clear()
    yield from ("", "### Reporting discrepancies", "")
    seen = set()
    found = False
    for d in case.iter_discrepancies():
        key = (d.claim, d.kind, d.first.attribution, d.second.attribution)
        if key in seen:
            continue
        seen.add(key)
        found = True
        marked = []
        for ref in (d.first, d.second):
            attribution = case.by_attribution_id.get(ref.attribution)
            mark = notes.ref(attribution) if attribution is not None else ""
            marked.append(
                f"{escape_inline(ref.outlet or ref.document)} printed "
                f"“{escape_inline(ref.quote)}”{mark}"
            )
        yield (
            f"- {escape_inline(d.origin)}, claim {escape_inline(d.claim)} ({d.kind}): "
            f"{marked[0]}; {marked[1]}. {escape_inline(d.detail)}"
        )
    if not found:
        yield "No reporting discrepancies in scope."
    yield ""


def _source_table(case: BriefCase) -> list[str]:
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
