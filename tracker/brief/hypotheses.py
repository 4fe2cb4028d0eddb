"""The competing hypotheses (issue 17): the ACH matrix, its ranking, the evidence that
tells no hypothesis from another, and the claims the ranking rests on.

Heuer's rule (tracker.ach.matrix): the hypothesis with the least weighted inconsistency is
the one the evidence favours. Inconsistency counts evidence against, so the words say
which hypothesis the evidence favours, never that it is proved. Hypotheses are labelled
H1, H2, ... in the order of the ranking; claims are cited by footnote, as everywhere in
the brief. The matrix holds the rated claims in the brief's scope and is scored on them
alone: the ranking is the one this brief's evidence gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlmodel import Session, col, select

from tracker.ach.case import claim_weight, lead_change, number_word, unrated_words
from tracker.ach.matrix import Assessment, Matrix, assess
from tracker.brief.case import BriefCase
from tracker.brief.escape import escape_cell, escape_inline
from tracker.brief.footnotes import Footnotes
from tracker.brief.language import listed, plural
from tracker.models import Hypothesis, Rating


@dataclass(frozen=True)
class Weighed:
    """The case's hypotheses and the ratings of the claims in scope, assessed."""

    hypotheses: dict[str, Hypothesis]
    matrix: Matrix
    assessment: Assessment
    left_out: int  # rated claims outside the brief's scope

    @property
    def labels(self) -> dict[str, str]:
        return {h: f"H{n}" for n, h in enumerate(self.assessment.ranking(), start=1)}


def weigh(session: Session, case: BriefCase) -> Weighed | None:
    """None when the case holds no hypotheses (the brief then has no such section)."""
    hypotheses = {h.id: h for h in session.exec(select(Hypothesis).order_by(col(Hypothesis.id)))}
    if not hypotheses:
        return None
    ratings: dict[tuple[str, str], str] = {}
    rated: set[str] = set()
    # Plain rows, not models: a large case rates thousands of claims under each hypothesis.
    in_scope = case.claims
    for hypothesis, claim, rating in session.exec(
        select(Rating.hypothesis_id, Rating.claim_id, Rating.rating)
    ):
        rated.add(claim)
        if claim in in_scope:
            ratings[(hypothesis, claim)] = rating
    claims = sorted({c for _, c in ratings})
    weights = {c: claim_weight(case.scores.get(c)) for c in claims}
    # Heaviest evidence first: the rows a reader checks first are the ones that count most.
    claims.sort(key=lambda c: (-round(weights[c], 6), c))
    matrix = Matrix(tuple(hypotheses), tuple(claims), ratings, weights)
    return Weighed(hypotheses, matrix, assess(matrix), len(rated) - len(claims))


def hypothesis_lines(case: BriefCase, notes: Footnotes, weighed: Weighed) -> Iterator[str]:
    yield from ("## Competing hypotheses", "")
    matrix, result, labels = weighed.matrix, weighed.assessment, weighed.labels
    ranked = result.ranking()
    yield (
        f"{_count(len(ranked), 'hypothesis', 'hypotheses').capitalize()} "
        f"{'is' if len(ranked) == 1 else 'are'} weighed against "
        f"{_count(len(matrix.claims), 'claim')} by Heuer's Analysis of Competing "
        "Hypotheses. Each claim is rated very consistent (CC), consistent (C), neutral or "
        "not applicable (N), inconsistent (I) or very inconsistent (II) with each "
        "hypothesis, and each hypothesis is scored by the evidence against it, each claim "
        "weighted by its credibility and corroboration."
        + (
            f" {_count(weighed.left_out, 'rated claim').capitalize()} outside this brief's "
            f"scope {'is' if weighed.left_out == 1 else 'are'} left out of the scores."
            if weighed.left_out
            else ""
        )
    )
    yield ""
    for h in ranked:
        hypothesis = weighed.hypotheses[h]
        about = f" {_sentence(hypothesis.description)}" if hypothesis.description else ""
        yield f"- **{labels[h]}.** {_sentence(hypothesis.title)}{about}"
    yield ""
    if not matrix.claims:
        yield from ("No claim in scope is rated against them: the evidence favours none.", "")
        return
    yield _ranking_words(weighed)
    yield ""
    yield "| Claim | Weight | " + " | ".join(labels[h] for h in ranked) + " |"
    yield "| --- | ---: | " + " | ".join(":---:" for _ in ranked) + " |"
    for c in matrix.claims:
        yield (
            f"| {_claim_cell(case, notes, c)} | {matrix.weight(c):.2f} | "
            + " | ".join(matrix.rating(h, c) for h in ranked)
            + " |"
        )
    totals = " | ".join(f"**{s.inconsistency:.2f}**" for s in result.scores)
    yield f"| **Weighted inconsistency** | | {totals} |"
    yield ""
    yield _not_diagnostic_words(case, notes, weighed)
    yield ""
    yield _sensitivity_words(case, notes, weighed)
    yield ""


def _ranking_words(weighed: Weighed) -> str:
    result, labels = weighed.assessment, weighed.labels
    tiers: list[list] = []
    for s in result.scores:
        if tiers and tiers[-1][0].rank == s.rank:
            tiers[-1].append(s)
        else:
            tiers.append([s])

    def named(tier: list) -> str:
        return listed([labels[s.hypothesis] for s in tier])

    def titled(tier: list) -> str:
        return listed([f"{labels[s.hypothesis]} ({_title(weighed, s.hypothesis)})" for s in tier])

    lead, rest = tiers[0], tiers[1:]
    score = f"{lead[0].inconsistency:.2f}"
    others = listed([f"{t[0].inconsistency:.2f} for {named(t)}" for t in rest])
    if len(result.scores) == 1:
        opening = (
            f"Only {titled(lead)} is weighed: weighted inconsistency {score}. With no "
            "alternative beside it, the matrix cannot say the evidence favours it."
        )
        return opening
    if len(lead) > 1:
        opening = (
            f"The evidence does not tell {titled(lead)} apart: weighted inconsistency "
            f"{score} each" + (f", against {others}." if rest else ".")
        )
    else:
        opening = (
            f"The evidence most favours {titled(lead)}: weighted inconsistency {score}, "
            f"against {others}."
        )
    caution = (
        " Inconsistency counts only the evidence against a hypothesis: the least "
        "inconsistent is the one the evidence favours, not one it proves, and an "
        "explanation nobody proposed is not weighed."
    )
    return opening + caution + _unrated_words(weighed)


def _unrated_words(weighed: Weighed) -> str:
    unrated = [weighed.labels[h] for h in weighed.assessment.unrated]
    return f" {unrated_words(unrated)}" if unrated else ""


def _not_diagnostic_words(case: BriefCase, notes: Footnotes, weighed: Weighed) -> str:
    flat = weighed.assessment.not_diagnostic
    if not flat:
        return (
            "Every rated claim is rated differently under at least two hypotheses: each "
            "helps tell them apart."
        )
    claims = "; ".join(_claim_words(case, notes, c) for c in flat)
    if len(flat) == 1:
        return (
            "One claim is rated alike under every hypothesis, so it helps choose none of "
            f"them (not diagnostic): {claims}."
        )
    return (
        f"{_count(len(flat), 'claim').capitalize()} are rated alike under every hypothesis, "
        f"so they help choose none of them (not diagnostic): {claims}."
    )


def _sensitivity_words(case: BriefCase, notes: Footnotes, weighed: Weighed) -> str:
    """Heuer's step 6: the claims whose removal or reversal changes which hypothesis leads
    (with a tie, brings another into the lead: ``assess``), and the origins they come from."""
    sensitive, change = weighed.assessment.sensitive, lead_change(weighed.assessment)
    if not sensitive:
        return f"No single claim's removal or reversal {change}."
    n = len(sensitive)
    claims = "; ".join(_claim_words(case, notes, c) for c in sensitive)
    origins = sorted({o for c in sensitive for o in _origins(case, c)})
    if n == 1:
        opening = (
            f"Removing or reversing this claim {change}, so the ranking rests on it: {claims}."
        )
    else:
        opening = (
            f"Removing or reversing any one of these {number_word(n)} claims {change}, so "
            f"the ranking rests on them: {claims}."
        )
    if not origins:
        return opening
    who = "It" if n == 1 else "Both" if n == 2 else "All" if len(origins) == 1 else "They"
    many = len(origins) > 1
    return (
        f"{opening} {who} {'comes' if n == 1 else 'come'} from "
        f"{_count(len(origins), 'independent origin') if many else 'one origin'}: "
        f"{listed([escape_inline(o) for o in origins])}."
    )


def _origins(case: BriefCase, claim_id: str) -> tuple[str, ...]:
    score = case.scores.get(claim_id)
    return score.origins if score else ()


def _claim_cell(case: BriefCase, notes: Footnotes, claim_id: str) -> str:
    claim = case.claims[claim_id]
    stance = " (denial)" if claim.stance == "denies" else ""
    refs = "".join(notes.ref(a) for a in case.attributions.get(claim_id, []))
    return f"{escape_cell(claim.text)}{stance}{refs}"


def _claim_words(case: BriefCase, notes: Footnotes, claim_id: str) -> str:
    claim = case.claims[claim_id]
    first = case.attributions.get(claim_id, [])[:1]
    ref = notes.ref(first[0]) if first else ""
    stance = " (denial)" if claim.stance == "denies" else ""
    return f"{escape_inline(claim.text)}{stance}{ref}"


def _title(weighed: Weighed, hypothesis: str) -> str:
    return escape_inline(weighed.hypotheses[hypothesis].title).rstrip(".")


def _sentence(text: str) -> str:
    out = escape_inline(text)
    return out if out.endswith((".", "!", "?")) else f"{out}."


def _count(n: int, word: str, many: str | None = None) -> str:
    return f"{number_word(n)} {plural(n, word, many).split(' ', 1)[1]}"
