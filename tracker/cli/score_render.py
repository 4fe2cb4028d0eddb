"""What ``tracker score`` and ``tracker explain`` print, line by line (Rich Text, never
markup; controls made visible). Imported by the commands when they run, so that
Rich and the scoring core cost nothing to ``--help``."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tracker.cli.literal import shown, visible
from tracker.scoring import ClaimScore, Discrepancy
from tracker.scoring.estimate import SubjectSummary
from tracker.scoring.explain import OriginEvidence, ScoreExplanation


def _evidence_line(e: OriginEvidence) -> Text:
    line = Text("  - ")
    line.append(visible(e.origin), style="bold")
    line.append(f"  grade {e.grade}, weight {e.weight:.2f}, rule {e.rule}")
    if e.sources:
        line.append(visible(f"; sources: {', '.join(e.sources)}"))
    if e.claims:
        line.append(visible(f"; claims: {', '.join(e.claims)}"))
    if e.note:
        line.append(visible(f" ({e.note})"), style="dim")
    return line


def _part(part: ScoreExplanation) -> list[Text]:
    lines = [Text(f"{part.name}: {part.value:.2f}  = {part.formula}", style="bold")]
    lines += [_evidence_line(e) for e in part.counted] or [Text("  (no origin counted)")]
    if part.set_aside:
        lines.append(Text("  set aside:"))
        lines += [_evidence_line(e) for e in part.set_aside]
    return lines


def render_explanation(score: ClaimScore) -> list[Text]:
    exp = score.explanation
    lines = [shown(f"claim {score.id}", style="bold"), shown(f"subject: {score.subject}")]
    lines.append(shown(f"primary origin: {exp.primary_origin or 'none'}"))
    lines += [Text("own origins:")] + [_evidence_line(e) for e in exp.own_origins]
    lines += _part(exp.corroboration) + _part(exp.contradiction)
    for verdict in (exp.credibility, exp.estimative):
        constants = ", ".join(f"{k}={v}" for k, v in verdict.constants)
        lines.append(Text(f"{verdict.name}: {verdict.value}  ({verdict.rule}; {constants})"))
    if exp.comparisons:
        lines.append(Text("compared with:"))
        lines += [
            shown(f"  - {c.claim}: {c.relation} by rule {c.rule} ({c.note})")
            for c in exp.comparisons
        ]
    if exp.copies:
        lines.append(Text("copies counted with the origin they repeat:"))
        lines += [shown(f"  - {c}") for c in exp.copies]
    if score.discrepancies:
        lines.append(Text("reporting discrepancies (not contradictions):"))
        for d in score.discrepancies:
            lines += _discrepancy_lines(score, d)
    if exp.revisions:
        lines.append(Text("revisions (the same origin, a new figure on a later date):"))
        lines += [shown(f"  - {r.words()}") for r in exp.revisions]
    constants = ", ".join(f"{k}={v}" for k, v in exp.constants)
    lines.append(Text(f"constants: {constants}", style="dim"))
    return lines


def _discrepancy_lines(score: ClaimScore, d: Discrepancy) -> list[Text]:
    lines = [shown(f"  - {d.kind}: {d.detail}")]
    for ref in (d.first, d.second):
        where = ref.outlet or ref.document
        claim = f" (claim {ref.claim})" if ref.claim not in (None, score.id) else ""
        lines.append(shown(f"      {where}{claim}: \u201c{ref.quote}\u201d"))
    return lines


def render_subject(summary: SubjectSummary, scores: Iterable[ClaimScore] = ()) -> list[Text]:
    """A subject's estimates, and the reporting discrepancies of its claims (``scores``),
    a pair of claims once."""
    lines = [shown(f"subject {summary.name}", style="bold")]
    lines.append(shown(f"asserted by: {', '.join(summary.asserted_by) or 'nobody'}"))
    if summary.denied_by:
        lines.append(shown(f"denied by: {', '.join(summary.denied_by)}"))
    if not summary.estimates:
        lines.append(Text("no figure to estimate (its claims are statements)"))
    for e in summary.estimates:
        lines.append(shown(e.sentence()))
        lines.append(
            Text(
                "  rule: each origin counts once, with its latest figure; the estimate is "
                "where the largest weight of origins agrees (weights as in corroboration)",
                style="dim",
            )
        )
        lines.append(shown(f"  behind it: {', '.join(e.origins)}"))
        if e.outside:
            lines.append(shown(f"  outside it: {', '.join(e.outside)}"))
        for o in e.outliers:
            lines.append(shown(f"  outlier: {o.origin} {o.figure.describe()} ({o.claim})"))
        lines.append(
            shown(
                f"  spread: lowest {e.lowest.figure.describe()} ({e.lowest.origin}), "
                f"highest {e.highest.figure.describe()} ({e.highest.origin})"
            )
        )
        for r in e.series:
            when = r.period_last.isoformat() if r.period_last else "undated"
            lines.append(shown(f"  series: {when} {r.origin} {r.figure.describe()}"))
        if e.falls:
            lines += [shown(f"  the running total falls: {line}") for line in e.falls_at]
        lines += [shown(f"  revised: {r.words()}") for r in e.revisions]
    seen: set[tuple] = set()
    listed: list[Text] = []
    for score in sorted(scores, key=lambda s: s.id):
        for d in score.discrepancies:
            key = (frozenset((d.first.attribution, d.second.attribution)), d.kind, d.origin)
            if d.first.claim != d.second.claim and key in seen:
                continue
            seen.add(key)
            listed += _discrepancy_lines(score, d)
    if listed:
        lines.append(Text("reporting discrepancies (outlets carrying one origin differently):"))
        lines += listed
    return lines
