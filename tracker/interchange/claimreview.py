"""One schema.org ClaimReview per claim, as JSON-LD (fact-check aggregators read it).

``reviewRating`` maps Admiralty credibility onto a 1-5 scale (5 best: 1 confirmed -> 5,
5 improbable -> 1); credibility 6 ("cannot be judged") has no number, only its name, as
schema.org allows. ``datePublished`` is the last time the analyst changed the claim, so the
same case exported twice gives the same bytes.
"""

from __future__ import annotations

import json

from tracker.interchange.case_view import Author, CaseView
from tracker.models import Claim, Document, Source
from tracker.scoring import ClaimScore
from tracker.scoring.scores import CREDIBILITY_WORDS

BEST_RATING, WORST_RATING = 5, 1
PERSON_KINDS = ("person",)


def rating_value(credibility: int) -> int | None:
    """Admiralty 1 (confirmed) .. 5 (improbable) as 5 .. 1; 6 (cannot be judged): none."""
    return BEST_RATING + 1 - credibility if 1 <= credibility <= 5 else None


def _party(name: str, person: bool) -> dict:
    return {"@type": "Person" if person else "Organization", "name": name}


def _source(source: Source) -> dict:
    return _party(source.name, source.kind in PERSON_KINDS)


def _day(document: Document) -> str | None:
    return document.published_first.isoformat() if document.published_first else None


def _work(view: CaseView, document: Document) -> dict:
    work: dict = {"@type": "CreativeWork", "headline": document.title or document.id}
    if document.url:
        work["url"] = document.url
    if (day := _day(document)) is not None:
        work["datePublished"] = day
    if (outlet := view.outlet_of(document)) is not None:
        work["publisher"] = _source(outlet)
    if document.authors:
        work["author"] = [_party(a, True) for a in document.authors]
    return work


def explanation(score: ClaimScore) -> str:
    origins = ", ".join(score.origins) or "none"
    if score.credibility == 6:
        # Nothing independent bears on it: the likelihood is the source's grade alone.
        return (
            f"Cannot be judged: uncorroborated; on the source's grade alone: "
            f"{score.estimative}. Origin: {origins}."
        )
    words = CREDIBILITY_WORDS[score.credibility]
    return (
        f"Admiralty credibility {score.credibility} ({words}); {score.estimative}. "
        f"Independent origins: {origins}."
    )


def claim_review(view: CaseView, claim: Claim, author: Author) -> dict:
    score = view.score(claim.id)
    appearances = view.attributions.get(claim.id, [])
    first_docs = view.first[claim.id].documents if claim.id in view.first else ()
    first_doc = view.documents.get(first_docs[0]) if first_docs else None
    # The claim's author is whoever made it in its first appearance (the originator).
    speakers = [
        view.sources[a.source_id]
        for a in appearances
        if first_doc and a.document_id == first_doc.id
    ]
    item: dict = {"@type": "Claim", "identifier": claim.id}
    if speakers:
        item["author"] = _source(speakers[0])
    if first_doc is not None:
        item["firstAppearance"] = _work(view, first_doc)
        if (day := _day(first_doc)) is not None:
            item["datePublished"] = day
    documents = sorted({a.document_id for a in appearances})
    item["appearance"] = [_work(view, view.documents[d]) for d in documents if d in view.documents]
    rating: dict = {"@type": "Rating", "bestRating": BEST_RATING, "worstRating": WORST_RATING}
    if score is not None:
        value = rating_value(score.credibility)
        if value is not None:
            rating["ratingValue"] = value
        rating["alternateName"] = CREDIBILITY_WORDS[score.credibility].capitalize()
        rating["ratingExplanation"] = explanation(score)
    else:
        rating["alternateName"] = CREDIBILITY_WORDS[6].capitalize()
    return {
        "@type": "ClaimReview",
        "@id": f"urn:tracker:claim:{claim.id}",
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": rating,
        "author": _party(author.name, not author.organization),
        "datePublished": view.last_written("claim", claim.id).date().isoformat(),
    }


def claimreview_jsonld(view: CaseView, author: Author) -> str:
    graph = [claim_review(view, claim, author) for claim in view.claims]
    document = {"@context": "https://schema.org", "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
