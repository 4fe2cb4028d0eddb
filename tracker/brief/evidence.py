"""What is contested, reporting discrepancies, sources, scope and the annex (issue 19).

Contradictions are listed by the claim that stands against the others: a denial that
meets seven claims is one item naming the seven, not seven pairs. Claims that speak
with one voice (one speaker, one quote, in several subjects) are one item too. A whole
case has close to a million contradicting pairs: they are held as integers and each
side is worded once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tracker.brief.case import BriefCase, Row
from tracker.brief.escape import escape_cell, escape_inline
from tracker.brief.footnotes import Footnotes
from tracker.brief.judgments import subject_label
from tracker.brief.language import listed, names_of, plural, said_plainly
from tracker.brief.selection import Standing
from tracker.dates_display import human_span
from tracker.scoring.scores import CREDIBILITY_WORDS

# The sources section names this many claims per independence group (key subjects
# first); the annex has every claim.
SAID_SHOWN = 5
# ... and this many outlets carrying a group.
OUTLETS_SHOWN = 10


def _voice(case: BriefCase, claim_id: str) -> tuple:
    """Who says a claim, in what words: claims with one speaker and quote are one voice."""
    first = case.attributions.get(claim_id, [])[:1]
    if not first:
        return ("claim", claim_id)
    a = first[0]
    # The row's own string, not a normalized copy: a whole case has 100,000 of them.
    return ("quote", a.source_id, a.quote)


def contested_lines(case: BriefCase, notes: Footnotes, keys: list[str]) -> Iterator[str]:
    yield from ("## What is contested", "")
    # One node per voice; each contradicting pair of claims becomes a pair of nodes, held
    # as one integer (lower node << 32 | higher node): a million tuples would weigh
    # a hundred megabytes.
    node_of: dict[tuple, int] = {}
    members: list[list[str]] = []  # node -> its claims
    claim_node: dict[str, int] = {}

    def node(claim_id: str) -> int:
        voice = _voice(case, claim_id)
        found = node_of.get(voice)
        if found is None:
            found = node_of[voice] = len(members)
            members.append([])
        members[found].append(claim_id)
        claim_node[claim_id] = found
        return found

    pairs: list[int] = []
    for left, right in case.contradictions():
        a = claim_node.get(left)
        if a is None:
            a = node(left)
        b = claim_node.get(right)
        if b is None:
            b = node(right)
        if a != b:
            pairs.append(a << 32 | b if a < b else b << 32 | a)
    if not pairs:
        yield from ("No contradictions between independent sources in scope.", "")
        return
    pairs.sort()
    kept, previous = 0, -1
    for key in pairs:  # the same two voices meet once
        if key != previous:
            pairs[kept] = previous = key
            kept += 1
    del pairs[kept:]
    size = len(members)
    degree = [0] * size
    for key in pairs:
        degree[key >> 32] += 1
        degree[key & _LOW] += 1
    # Each pair goes to the side that meets more others (a denial first on a tie, then
    # the earlier voice): the item for that side names the other.
    strength = [
        2 * degree[n] + any(case.claims[c].stance == "denies" for c in members[n])
        for n in range(size)
    ]
    against: dict[int, list[int]] = {}
    for key in pairs:
        a, b = key >> 32, key & _LOW
        if strength[a] > strength[b] or (strength[a] == strength[b] and a < b):
            against.setdefault(a, []).append(b)
        else:
            against.setdefault(b, []).append(a)
    pairs.clear()
    key_set = set(keys)
    subject_of = case.subject_names

    def subjects(n: int) -> list[str]:
        return sorted({subject_of[case.claims[c].subject_id] for c in members[n]})

    def order(n: int) -> tuple:
        touches_key = any(s in key_set for s in subjects(n))
        return (not touches_key, -len(against[n]), n)

    sides: dict[int, str] = {}
    scores = case.scores
    for hub in sorted(against, key=order):
        others = sorted(against.pop(hub))
        groups: set[str] = set()
        words = []
        claims = 0
        for n in others:
            side = sides.get(n)
            if side is None:
                side = sides[n] = _side(case, notes, members[n])
            for c in members[n]:
                groups.update(scores[c].origins)
            claims += len(members[n])
            words.append(side)
        on = listed([escape_inline(subject_label(s)) for s in subjects(hub)])
        yield (
            f"- {_side(case, notes, members[hub], all_refs=True)}, on {on}. "
            f"Against it, {plural(len(groups), 'independent origin')} "
            f"({plural(claims, 'claim')}): " + "; ".join(words) + "."
        )
    yield ""


_LOW = (1 << 32) - 1


def _side(case: BriefCase, notes: Footnotes, claims: list[str], all_refs: bool = False) -> str:
    """A voice in a dispute: who, their group's grade, their words, the footnotes."""
    first = case.attributions.get(claims[0], [])[:1]
    if not first:
        claim = case.claims[claims[0]]
        return escape_inline(claim.text)
    a = first[0]
    source = case.sources.get(a.source_id)
    group = case.group_of.get(a.source_id, "")
    grade = case.group_grade.get(group, "F")
    cited = [case.attributions[c][0] for c in claims] if all_refs else [a]
    refs = "".join(notes.ref(x) for x in cited)
    name = escape_inline(source.name if source else "Unknown source")
    denial = "denial, " if case.claims[claims[0]].stance == "denies" else ""
    return f"**{name}** ({denial}graded {grade}): “{escape_inline(a.quote)}”{refs}"


def discrepancy_lines(case: BriefCase, notes: Footnotes) -> Iterator[str]:
    """One item per claim and kind of discrepancy: every outlet's wording, once. Two claims
    of one origin carried differently on one day (listed on both) are one item."""
    yield from ("## Reporting discrepancies", "")
    found = False
    current: tuple | None = None
    refs: list = []
    origin = ""
    done: set[tuple] = set()
    for d in case.iter_discrepancies():
        other = d.second.claim if d.second.claim not in (None, d.claim) else None
        key = (d.claim, d.kind, other)
        if other is not None:
            pair = (frozenset((d.claim, other)), d.kind, d.origin)
            if pair in done and key != current:
                continue
            done.add(pair)
        if key != current:
            if current is not None:
                yield _discrepancy(case, notes, current, origin, refs)
            current, refs, origin = key, [], d.origin
        for ref in (d.first, d.second):
            if all(r.attribution != ref.attribution for r in refs):
                refs.append(ref)
        found = True
    if current is not None:
        yield _discrepancy(case, notes, current, origin, refs)
    if not found:
        yield "No reporting discrepancies in scope."
    yield ""


_CLOSING = {
    "hedge": "The outlets carry the source's hedge differently.",
    "stance": "The outlets disagree on whether the source asserted or denied it.",
    "value": "These figures cannot all be what the source said: an outlet misreported it.",
}


def _discrepancy(case: BriefCase, notes: Footnotes, key: tuple, origin: str, refs: list) -> str:
    claim_id, kind, other = key
    claim = case.claims[claim_id]
    printed = []
    for ref in refs:
        attribution = case.by_attribution_id.get(ref.attribution)
        mark = notes.ref(attribution) if attribution is not None else ""
        outlet = escape_inline(ref.outlet or ref.document)
        words = f"{outlet} printed “{escape_inline(ref.quote)}”{mark}"
        if kind == "hedge":
            words += f" (hedged “{escape_inline(ref.hedge)}”)" if ref.hedge else " (no hedge)"
        if other is not None and ref.claim is not None:
            words += f" (claim {escape_inline(ref.claim)})"
        printed.append(words)
    closing = _CLOSING.get(kind, _CLOSING["value"])
    if other is not None:
        closing += " The two claims may be of one moment: their documents' dates overlap."
    subject = escape_inline(subject_label(case.subject_names[claim.subject_id]))
    return f"- **{escape_inline(origin)}**, on {subject}: " + "; ".join(printed) + f". {closing}"


def source_lines(
    case: BriefCase, notes: Footnotes, keys: list[str], grouped: dict[str, list[Row]]
) -> Iterator[str]:
    """Each independence group: its grade, who speaks for it, which outlets carried it,
    and what it said (key subjects first; the annex has the rest)."""
    yield from ("## Sources", "")
    key_set = set(keys)
    speakers: dict[str, set[int]] = {}
    outlets: dict[str, set[int]] = {}
    said: dict[str, list[Row]] = {}
    for claims in grouped.values():
        for claim in claims:
            seen: set[str] = set()
            for a in case.attributions.get(claim.id, []):
                group = case.group_of.get(a.source_id, "")
                speakers.setdefault(group, set()).add(a.source_id)
                document = case.documents.get(a.document_id)
                if document is not None and document.outlet_id is not None:
                    outlets.setdefault(group, set()).add(document.outlet_id)
                if group not in seen:
                    seen.add(group)
                    said.setdefault(group, []).append(claim)
    if not speakers:
        yield from ("No sources in scope.", "")
        return
    for group in sorted(speakers):
        who = sorted(
            (case.sources[i] for i in speakers[group] if i in case.sources), key=lambda s: s.name
        )
        members = "; ".join(
            f"{escape_inline(s.name)} ("
            + (f"{escape_inline(s.short)}; " if s.short else "")
            + f"{escape_inline(s.kind)}, {escape_inline(s.reliability)})"
            for s in who
        )
        carried = sorted(
            (case.sources[i] for i in outlets.get(group, ()) if i in case.sources),
            key=lambda s: s.name,
        )
        outlet_words = [
            f"{escape_inline(s.name)} ({escape_inline(s.reliability)})"
            for s in carried[:OUTLETS_SHOWN]
        ]
        if len(carried) > OUTLETS_SHOWN:
            outlet_words.append(plural(len(carried) - OUTLETS_SHOWN, "more outlet"))
        claims = sorted(
            said.get(group, []),
            key=lambda c: (
                case.subject_names[c.subject_id] not in key_set,
                case.subject_names[c.subject_id],
                c.id,
            ),
        )
        grade = escape_inline(case.group_grade.get(group, "F"))
        yield (
            f"- **{escape_inline(group)}**, graded {grade}: {members}. "
            f"Carried by {listed(outlet_words) or 'no outlet in scope'}."
        )
        for claim in claims[:SAID_SHOWN]:
            first = next(
                (
                    a
                    for a in case.attributions.get(claim.id, [])
                    if case.group_of.get(a.source_id) == group
                ),
                None,
            )
            source = case.sources.get(first.source_id) if first is not None else None
            plain = said_plainly(claim, first.quote if first else None, names_of(source, group))
            ref = notes.ref(first) if first is not None else ""
            subject = escape_inline(subject_label(case.subject_names[claim.subject_id]))
            yield f"  - On {subject}: {plain}.{ref}"
        if len(claims) > SAID_SHOWN:
            yield f"  - {plural(len(claims) - SAID_SHOWN, 'more claim')} in the annex."
    yield ""


def scope_lines(
    case: BriefCase,
    grouped: dict[str, list[Row]],
    standing: dict[str, Standing],
    keys: list[str],
    min_credibility: int | None,
    key_only: bool,
) -> list[str]:
    docs = sorted(case.documents.values(), key=lambda d: d.id)
    days: list[date] = [d.published_first for d in docs if d.published_first] + [
        d.published_last for d in docs if d.published_last
    ]
    outlets = sorted({case.sources[d.outlet_id].name for d in docs if d.outlet_id in case.sources})
    lines = ["## Scope and method", ""]
    lines.append(
        f"- {plural(len(grouped), 'subject')}, {plural(len(case.claims), 'claim')}, "
        f"{plural(len(docs), 'document')}"
        + (f" from {listed([escape_inline(o) for o in outlets])}" if outlets else "")
        + (f", published {human_span(min(days), max(days))}" if days else "")
        + "."
    )
    vague = sum(1 for d in docs if d.published_precision in ("interval", "month", "year"))
    if vague:
        lines.append(
            f"- {plural(vague, 'document')} {'is' if vague == 1 else 'are'} dated only to a "
            "month, a year or an interval; their dates are given no more precisely."
        )
    pinned = sum(1 for s in standing.values() if s.mark is True)
    dropped = sum(1 for s in standing.values() if s.mark is False)
    lines.append(
        f"- Key judgments ({len(keys)}): subjects that two or more independent origins speak "
        "to, or that hold a contradiction or a reporting discrepancy, ranked by the origins "
        "they rest on (weighted by grade) and how contested they are; at most seven. "
        + (
            f"The analyst pinned {pinned} and dropped {dropped}."
            if pinned or dropped
            else "The analyst pinned and dropped none."
        )
        + (" Only the key judgments' subjects are briefed." if key_only else "")
    )
    lines.append(
        "- Likelihood is stated in ICD 203 terms and rests on the independent origins that "
        "agree with or contradict a claim; confidence rests on how many independent origins "
        "stand behind it, their Admiralty grades, and how much it is contradicted."
    )
    if min_credibility is not None:
        lines.append(
            f"- Only claims rated {min_credibility} "
            f"({CREDIBILITY_WORDS.get(min_credibility, '?')}) or better on the Admiralty scale."
        )
    return [*lines, ""]


def annex_lines(case: BriefCase, notes: Footnotes, grouped: dict[str, list[Row]]) -> Iterator[str]:
    yield from ("## Annex: every claim", "")
    header = (
        "| Claim | Value | Period | Origins | Corroboration | Contradiction "
        "| Credibility; likelihood | Id |",
        "| --- | --- | --- | --- | ---: | ---: | --- | --- |",
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
                f"{escape_cell(claim.text)}{stance}{refs}",
                escape_cell(claim.quantity_text),
                escape_cell(claim.period_text),
                origins,
                f"{s.corroboration:.2f}",
                f"{s.contradiction:.2f}",
                f"{s.credibility} ({CREDIBILITY_WORDS.get(s.credibility, '?')}); {s.estimative}",
                escape_cell(claim.id),
            ]
            yield "| " + " | ".join(cells) + " |"
        yield ""


def notes_lines(notes: Footnotes) -> Iterator[str]:
    definitions = notes.definitions()
    first = next(definitions, None)
    if first is None:
        return
    yield from ("## Notes", "", first, "")
    for line in definitions:
        yield line
        yield ""
