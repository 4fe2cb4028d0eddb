"""`tracker score` and `tracker explain`: the scores of DOMAIN §4 and why.

    tracker score [--json] [--subject S]   every claim's scores (or one subject's)
    tracker explain CLAIM_ID               the claims, sources, grades and rules behind them

One core call each (``score_case``, ``score_claim``). Names and quotes are data:
everything is drawn with ``rich.text.Text``, never parsed as markup, controls made
visible (``tracker.cli.literal``).
"""

from __future__ import annotations

import typer
from rich.table import Table
from rich.text import Text

from tracker.cli import console, open_session
from tracker.cli.literal import shown, visible
from tracker.display import json_text
from tracker.errors import UserError
from tracker.scoring import ClaimScore, score_case, score_claim
from tracker.scoring.estimate import SubjectSummary
from tracker.scoring.explain import OriginEvidence, ScoreExplanation


def _score(
    as_json: bool = typer.Option(False, "--json", help='Print {"claims": [...]} (DOMAIN §5).'),
    subject: str | None = typer.Option(None, "--subject", help="Only this subject's claims."),
) -> None:
    """Corroboration, contradiction, credibility and estimative phrase of every claim."""
    with open_session() as session:
        if as_json:
            from tracker.scoring.estimate import score_with_estimates

            scores, subjects = score_with_estimates(session, subject)
            data = scores.to_json()
            data["subjects"] = [s.to_json() for s in subjects]
            typer.echo(json_text(data, indent=1))
            return
        scores = score_case(session, subject)
        # One table per subject: claims are only compared inside their subject.
        for name, group in sorted(scores.by_subject().items()):
            console.print(shown(name, style="bold"))
            table = Table(show_lines=False)
            for column in ("claim", "origins", "corr.", "contr.", "cred.", "estimate", "notes"):
                table.add_column(column, overflow="fold")
            for s in sorted(group, key=lambda s: s.id):
                count = len(s.discrepancies)
                notes = f"{count} discrepanc{'y' if count == 1 else 'ies'}" if count else ""
                table.add_row(
                    shown(s.id),
                    shown(", ".join(s.origins)),
                    Text(f"{s.corroboration:.2f}"),
                    Text(f"{s.contradiction:.2f}"),
                    Text(str(s.credibility)),
                    Text(s.estimative),
                    Text(notes),
                )
            console.print(table)


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
        lines += [shown(f"  - {d.kind}: {d.detail}") for d in score.discrepancies]
    constants = ", ".join(f"{k}={v}" for k, v in exp.constants)
    lines.append(Text(f"constants: {constants}", style="dim"))
    return lines


def _explain(
    claim_id: str | None = typer.Argument(None, metavar="CLAIM_ID", help="The claim's id."),
    subject: str | None = typer.Option(
        None, "--subject", help="Explain a subject's estimate instead of one claim."
    ),
) -> None:
    """Why a claim scores as it does (claims, sources, grades and rules), or what a
    subject's evidence adds up to (--subject)."""
    with open_session() as session:
        if subject is not None:
            from tracker.scoring.estimate import score_with_estimates

            _, summaries = score_with_estimates(session, subject)
            if not summaries:
                raise UserError(f"no subject named {subject!r} with claims")
            for line in render_subject(summaries[0]):
                console.print(line)
            return
        if claim_id is None:
            raise UserError("name a claim (tracker explain CLAIM_ID) or --subject NAME")
        for line in render_explanation(score_claim(session, claim_id)):
            console.print(line)


def render_subject(summary: SubjectSummary) -> list[Text]:
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
    return lines


def register(app: typer.Typer) -> None:
    app.command("score")(_score)
    app.command("explain")(_explain)
