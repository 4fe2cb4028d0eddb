"""The case as a STIX 2.1 bundle, built with the ``stix2`` library.

- a Source is an ``identity`` (a person is an individual, anything else an organization;
  governments and agencies carry the government sector, outlets communications);
- a Document is a ``report`` with its URL as an external reference, and its claims in
  ``object_refs``;
- a Claim is a ``note`` whose ``confidence`` is our probability (0-100) and whose
  ``x_tracker_*`` properties carry the credibility, estimative phrase and scores;
- an Attribution is two ``relationship`` objects: the source ``states`` the claim, the
  claim is ``reported-in`` the document, both with the quote;
- an independence group is a ``grouping`` of the sources that speak with one voice.

Ids are UUIDv5 under the STIX 2.1 namespace, named by our own ids, so exporting twice
gives the same bundle and a platform re-importing it updates rather than duplicates.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from datetime import UTC, datetime, time

import stix2

from tracker.interchange.case_view import Author, CaseView
from tracker.models import Attribution, Claim, Document, Source
from tracker.scoring.scores import CREDIBILITY_WORDS

# STIX 2.1 §2.9: the namespace for deterministic (UUIDv5) identifiers.
STIX_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
SECTORS = {"government": ["government"], "agency": ["government"], "outlet": ["communications"]}


def stix_id(kind: str, *name: object) -> str:
    key = "tracker:" + kind + ":" + "\x1f".join(str(part) for part in name)
    return f"{kind}--{uuid.uuid5(STIX_NAMESPACE, key)}"


def _identity_id(source: Source) -> str:
    return stix_id("identity", source.name)


def _note_id(claim_id: str) -> str:
    return stix_id("note", claim_id)


def _report_id(document_id: str) -> str:
    return stix_id("report", document_id)


def _attribution_key(a: Attribution, source: Source) -> tuple:
    # The attribution's own unique key (claim, source, document, quote), not its row id,
    # so a case restored or rebuilt from its files keeps the same relationship ids.
    return (a.claim_id, source.name, a.document_id, a.quote)


class _Builder:
    def __init__(self, view: CaseView, author: Author) -> None:
        self.view = view
        self.modified = view.latest
        self.author_id = stix_id("identity", "author", author.name)
        self.objects: list = [
            stix2.Identity(
                id=self.author_id,
                name=author.name,
                identity_class="organization" if author.organization else "individual",
                description="Who made this export of the case.",
                created=self.modified,
                modified=self.modified,
            )
        ]

    def _times(self, table: str, row: object) -> dict:
        created = self.view.created(table, row)
        return {"created": created, "modified": max(created, self.modified)}

    def identity(self, source: Source) -> None:
        extra = {"sectors": SECTORS[source.kind]} if source.kind in SECTORS else {}
        self.objects.append(
            stix2.Identity(
                id=_identity_id(source),
                name=source.name,
                identity_class="individual" if source.kind == "person" else "organization",
                description=f"{source.kind}; reliability {source.reliability} (Admiralty A-F)",
                created_by_ref=self.author_id,
                allow_custom=True,
                x_tracker_kind=source.kind,
                x_tracker_reliability=source.reliability,
                x_tracker_group=self.view.groups.get(source.id or -1, source.name),
                **({"x_tracker_short": source.short} if source.short else {}),
                **extra,
                **self._times("source", source.id),
            )
        )

    def grouping(self, name: str, members: list[Source]) -> None:
        self.objects.append(
            stix2.Grouping(
                id=stix_id("grouping", name),
                name=f"Independence group: {name}",
                description="Sources that speak with one voice: they count once.",
                context="independence-group",
                object_refs=sorted(_identity_id(s) for s in members),
                created_by_ref=self.author_id,
                created=self.modified,
                modified=self.modified,
            )
        )

    def note(self, claim: Claim) -> None:
        view = self.view
        score = view.score(claim.id)
        subject = view.subjects.get(claim.subject_id)
        reports = sorted({_report_id(a.document_id) for a in view.attributions.get(claim.id, [])})
        custom: dict = {
            "x_tracker_claim": claim.id,
            "x_tracker_subject": subject.name if subject else None,
            "x_tracker_stance": claim.stance,
        }
        if claim.quantity_text:
            custom["x_tracker_quantity"] = claim.quantity_text
        if claim.period_text:
            custom["x_tracker_period"] = claim.period_text
        if score is not None:
            custom.update(
                x_tracker_credibility=score.credibility,
                x_tracker_credibility_words=CREDIBILITY_WORDS[score.credibility],
                x_tracker_estimative=score.estimative,
                x_tracker_corroboration=round(score.corroboration, 4),
                x_tracker_contradiction=round(score.contradiction, 4),
                x_tracker_origins=list(score.origins),
            )
        content = claim.text
        if score is not None:
            content += (
                f"\n\nCredibility {score.credibility} ({CREDIBILITY_WORDS[score.credibility]});"
                f" {score.estimative}."
            )
        self.objects.append(
            stix2.Note(
                id=_note_id(claim.id),
                abstract=claim.text[:250],
                content=content,
                object_refs=reports or [self.author_id],
                created_by_ref=self.author_id,
                confidence=round(score.probability * 100) if score is not None else None,
                allow_custom=True,
                **{k: v for k, v in custom.items() if v is not None},
                **self._times("claim", claim.id),
            )
        )

    def report(self, document: Document, notes: list[str]) -> None:
        outlet = self.view.outlet_of(document)
        references: list[dict] = [{"source_name": "tracker", "external_id": document.id}]
        snapshot = self.view.snapshots.get(document.id)
        url = document.url or (snapshot[1] if snapshot else None)
        if url:
            reference: dict = {"source_name": outlet.name if outlet else "web", "url": url}
            if snapshot is not None:  # the page or PDF as it was read, by its hash
                reference["hashes"] = {"SHA-256": snapshot[0]}
            references.append(reference)
        created = self.view.created("document", document.id)
        published = (
            datetime.combine(document.published_first, time(), tzinfo=UTC)
            if document.published_first
            else created
        )
        custom: dict = {
            "x_tracker_document": document.id,
            "x_tracker_published": document.published_text or "undated",
        }
        if document.authors:
            custom["x_tracker_authors"] = list(document.authors)
        self.objects.append(
            stix2.Report(
                id=_report_id(document.id),
                name=document.title or document.id,
                published=published,
                report_types=["threat-report"] if notes else ["unspecified"],
                # The outlet that published it is referenced beside the claims it carried.
                object_refs=notes + ([_identity_id(outlet)] if outlet else []) or [self.author_id],
                external_references=references,
                created_by_ref=self.author_id,
                allow_custom=True,
                **custom,
                **self._times("document", document.id),
            )
        )

    def relationships(self, a: Attribution) -> None:
        source = self.view.sources[a.source_id]
        key = _attribution_key(a, source)
        times = self._times("attribution", a.id)
        for kind, source_ref, target_ref in (
            ("states", _identity_id(source), _note_id(a.claim_id)),
            ("reported-in", _note_id(a.claim_id), _report_id(a.document_id)),
        ):
            self.objects.append(
                stix2.Relationship(
                    id=stix_id("relationship", kind, *key),
                    relationship_type=kind,
                    source_ref=source_ref,
                    target_ref=target_ref,
                    description=a.quote,
                    created_by_ref=self.author_id,
                    allow_custom=True,
                    **({"x_tracker_hedge": a.hedge} if a.hedge else {}),
                    **times,
                )
            )


def stix_bundle(view: CaseView, author: Author) -> stix2.Bundle:
    builder = _Builder(view, author)
    members: dict[str, list[Source]] = defaultdict(list)
    for source in sorted(view.sources.values(), key=lambda s: s.name):
        builder.identity(source)
        members[view.groups.get(source.id or -1, source.name)].append(source)
    for name, group in sorted(members.items()):
        if len(group) > 1:
            builder.grouping(name, group)
    notes_in: dict[str, set[str]] = defaultdict(set)
    for claim in view.claims:
        builder.note(claim)
        for a in view.attributions.get(claim.id, []):
            notes_in[a.document_id].add(_note_id(claim.id))
    for document_id in sorted(view.documents):
        builder.report(view.documents[document_id], sorted(notes_in.get(document_id, ())))
    for claim in view.claims:
        for a in view.attributions.get(claim.id, []):
            builder.relationships(a)
    return stix2.Bundle(
        objects=builder.objects, id=stix_id("bundle", "case", author.name), allow_custom=True
    )


def stix_json(view: CaseView, author: Author) -> str:
    bundle = stix_bundle(view, author)
    # stix2's own serializer, parsed back and written with sorted keys: stable bytes.
    text = json.dumps(json.loads(bundle.serialize()), ensure_ascii=False, indent=2, sort_keys=True)
    return text + "\n"
