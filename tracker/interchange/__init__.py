"""Exports that other analysts' platforms read: STIX 2.1 bundles (``stix``) and
schema.org ClaimReview (``claimreview``), both built from one ``CaseView``."""

from __future__ import annotations

from sqlmodel import Session


def interchange_json(session: Session, fmt: str, author: str | None = None) -> str:
    """The case as ``stix`` (a STIX 2.1 bundle) or ``claimreview`` (JSON-LD), signed by
    ``author`` (an organization) or, without one, by the case's analyst."""
    from tracker.interchange.case_view import Author, read_case

    view = read_case(session)
    signer = Author.choose(author)
    if fmt == "stix":
        from tracker.interchange.stix import stix_json

        return stix_json(view, signer)
    from tracker.interchange.claimreview import claimreview_jsonld

    return claimreview_jsonld(view, signer)
