"""Reporting discrepancies: one origin, carried differently by different outlets.

Two attributions of one claim with the same origin whose own figures cannot both be
true, or whose hedges differ ("likely more than 1 million" vs "over 1 million"), are
a fault of reporting between outlets: listed on the claim, never counted as a
contradiction between sources (DOMAIN §4 property 5).
"""

from __future__ import annotations

from itertools import combinations

from tracker.provenance import AttributedOrigin
from tracker.scoring.compat import overlap
from tracker.scoring.context import Context, Prepared
from tracker.scoring.inputs import Figure
from tracker.scoring.results import AttributionRef, Discrepancy


def _hedge(text: str | None) -> str | None:
    cleaned = " ".join((text or "").casefold().split())
    return cleaned or None


def attribution_ref(
    a: AttributedOrigin, ctx: Context, claim: str, figure: str | None
) -> AttributionRef:
    """How a discrepancy points at one appearance of ``claim``. ``figure``: what it
    carried, in the caller's words (here its own figure; between claims, ``same_origin``
    falls back to its claim's)."""
    at = a.attribution
    doc = ctx.documents.get(at.document_id)
    return AttributionRef(
        attribution=at.id,
        source=ctx.source_name(at.source_id),
        document=at.document_id,
        outlet=doc.outlet if doc is not None else None,
        quote=at.quote,
        hedge=at.hedge,
        figure=figure,
        claim=claim,
    )


def _described(f: Figure | None) -> str | None:
    return f.describe() if f is not None else None


def discrepancies(p: Prepared, ctx: Context) -> tuple[Discrepancy, ...]:
    if len(p.attributed) < 2:
        return ()
    by_origin: dict[str, list[AttributedOrigin]] = {}
    for a in p.attributed:
        by_origin.setdefault(a.origin, []).append(a)
    found: list[Discrepancy] = []
    for origin, group in by_origin.items():
        for x, y in combinations(group, 2):
            ax, ay = x.attribution, y.attribution
            if ax.document_id == ay.document_id:
                continue
            if (
                ax.figure is not None
                and ay.figure is not None
                and not overlap(ax.figure, ay.figure)
            ):
                found.append(
                    Discrepancy(
                        p.claim.id,
                        origin,
                        "value",
                        attribution_ref(x, ctx, p.claim.id, _described(ax.figure)),
                        attribution_ref(y, ctx, p.claim.id, _described(ay.figure)),
                        f"{origin}'s figure is carried as {ax.figure.describe()} in "
                        f"{ax.document_id} and as {ay.figure.describe()} in {ay.document_id}",
                    )
                )
            hx, hy = _hedge(ax.hedge), _hedge(ay.hedge)
            if hx != hy:
                found.append(
                    Discrepancy(
                        p.claim.id,
                        origin,
                        "hedge",
                        attribution_ref(x, ctx, p.claim.id, _described(ax.figure)),
                        attribution_ref(y, ctx, p.claim.id, _described(ay.figure)),
                        f"hedge {hx or 'none'!r} in {ax.document_id} but {hy or 'none'!r} "
                        f"in {ay.document_id}",
                    )
                )
    return tuple(found)
