"""Articles: ``.md``/``.txt`` with YAML front matter (and, via ``html``, web pages).

An article becomes one Document. Its outlet is resolved through the source
registry; an outlet nobody has heard of (no near match either) is created as a
``kind=outlet`` source and reported. Re-importing a changed article with the
same id updates the document and re-anchors its quotes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from tracker.anchoring import find_quote
from tracker.errors import located
from tracker.importers.reading import (
    fields,
    list_field,
    load_yaml,
    text_field,
    unknown_fields,
)
from tracker.models import Attribution, Derivation, Document, Source
from tracker.normalize.types import Anchor
from tracker.registry import SourceRegistry

FRONT_MATTER_FIELDS = {"id", "title", "outlet", "url", "published", "authors", "derived_from"}
# Below this rapidfuzz score an unknown outlet is taken to be new, not a misspelling.
NEW_OUTLET_BELOW = 75.0


@dataclass
class Article:
    path: Path | str  # a file, or the URL or feed it came from
    id: str
    title: str
    # None: the page names no outlet; it is then looked up by ``domain``.
    outlet: str | None
    text: str
    url: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    derived_from: list[str] = field(default_factory=list)
    line: int | None = None  # where the front matter starts, for errors about its fields
    # Web pages and PDFs: never refused for missing metadata (see tracker.importers.html).
    domain: str | None = None  # the URL's registered domain, e.g. washingtonpost.com
    language: str | None = None
    needs_review: list[str] = field(default_factory=list)
    anchor: Anchor | None = None  # the date already read (free-form dates), else parsed
    page_starts: list[int] | None = None

    @property
    def lenient(self) -> bool:
        """Found metadata (a web page, a PDF) rather than typed front matter: what is
        missing or doubtful is marked for review instead of refused."""
        return self.line is None


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """The front matter mapping, the body, and the line the front matter starts on."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise located(path, "no YAML front matter: the file must start with a '---' line", 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            header = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            meta = load_yaml(path, header, first_line=2)
            if meta is None:
                meta = {}
            if not isinstance(meta, dict):
                raise located(path, "front matter must be a mapping of fields", 2)
            return meta, body, 2
    raise located(path, "front matter is not closed by a '---' line", 1)


def parse_markdown(path: Path, text: str) -> Article:
    meta, body, line = split_front_matter(path, text)
    unknown_fields(path, meta, FRONT_MATTER_FIELDS, "front matter: ")
    body = body.strip("\n").rstrip()
    if not body.strip():
        raise located(path, "article has no text after the front matter")
    return Article(
        path=path,
        id=text_field(path, meta, "id") or path.stem,
        title=text_field(path, meta, "title", required=True, what="front matter: "),
        outlet=text_field(path, meta, "outlet", required=True, what="front matter: "),
        url=text_field(path, meta, "url") or None,
        published=text_field(path, meta, "published") or None,
        authors=[str(a).strip() for a in list_field(path, meta, "authors", what="front matter: ")],
        derived_from=[str(d) for d in list_field(path, meta, "derived_from")],
        text=body,
        line=line,
    )


def front_matter_peek(path: Path, text: str) -> dict:
    """Only the front matter (for ordering a folder by ``derived_from``); {} if unreadable."""
    try:
        meta, _, _ = split_front_matter(path, text)
    except Exception:
        return {}
    return fields(meta)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_article(
    session: Session, article: Article, outlets: dict[str, tuple[int, str]] | None = None
) -> tuple[str, dict[str, int], list[str]]:
    """Insert or update the document; returns (added|updated|unchanged, counts, notes).

    ``outlets`` remembers, across the files of one import, which source an outlet
    name resolved to exactly, so that a thousand articles don't each load the registry.
    """
    path = article.path
    notes: list[str] = []
    anchor = article.anchor
    if anchor is None and article.published:
        try:
            anchor = Anchor.parse(article.published)
        except ValueError as error:
            # The error quotes the text it could not read; when that is only a part of
            # the field (one end of an interval), the whole field is quoted too.
            said = str(error)
            field = (
                "published"
                if repr(article.published) in said
                else (f"published {article.published!r}")
            )
            raise located(path, f"front matter: {field}: {said}", article.line) from None
    review = list(article.needs_review)
    outlet, created_note = _outlet(session, article, {} if outlets is None else outlets, review)
    if created_note:
        notes.append(created_note)
    if review:
        notes.append(f"{path}: imported, needs review: {', '.join(review)}")

    document = session.get(Document, article.id)
    status = "updated" if document is not None else "added"
    if document is None:
        document = Document(id=article.id, content_hash="")
    new_hash = text_hash(article.text)
    text_changed = document.text != article.text
    document.outlet_id = outlet.id if outlet is not None else None
    document.needs_review = review
    document.language = article.language
    document.page_starts = article.page_starts
    document.title = article.title
    document.url = article.url
    document.authors = article.authors
    document.published_text = article.published
    document.published_first = anchor.first if anchor else None
    document.published_last = anchor.last if anchor else None
    document.published_precision = anchor.precision if anchor else None
    document.text = article.text
    document.content_hash = new_hash
    document.path = str(path)
    session.add(document)
    if status == "updated" and not session.is_modified(document):
        status = "unchanged"  # the same article again, e.g. just committed by a racing importer
    session.flush()
    _derivations(session, article)
    if status == "updated" and text_changed:
        notes.extend(_reanchor(session, document))
    return status, {"documents": 1}, notes


def _outlet(
    session: Session, article: Article, known: dict[str, tuple[int, str]], review: list[str]
) -> tuple[Source | None, str | None]:
    """The outlet source: by name, else (found metadata only) by the URL's domain.

    A domain is an alias of a source (``washingtonpost.com``); a registered domain also
    wins over a page's site name nobody has heard of (the registry is the analyst's word,
    a page's og:site_name may be "Experience"). A doubtful or missing outlet of a web page
    is marked in ``review``, never refused."""
    if article.outlet is None:
        return _outlet_by_domain(session, article, review)
    if article.lenient and article.domain and article.outlet not in known:
        registry = SourceRegistry.from_session(session)
        by_domain = registry.exact(article.domain)
        if by_domain is not None and registry.resolve(article.outlet).source is None:
            return by_domain, (
                f"{article.path}: outlet '{article.outlet}' read as '{by_domain.name}' "
                f"(domain {article.domain})"
            )
    return _outlet_by_name(session, article, article.outlet, known, review)


def _outlet_by_domain(
    session: Session, article: Article, review: list[str]
) -> tuple[Source | None, str | None]:
    from tracker.importers.html import NO_OUTLET, OUTLET_FROM_DOMAIN

    if not article.domain:
        if NO_OUTLET not in review:
            review.append(NO_OUTLET)
        return None, None
    source = SourceRegistry.from_session(session).exact(article.domain)
    if source is not None:
        # The registry knows the domain: nothing left to review about the outlet.
        review[:] = [r for r in review if r != OUTLET_FROM_DOMAIN]
        return source, None
    if OUTLET_FROM_DOMAIN not in review:
        review.append(OUTLET_FROM_DOMAIN)
    return _outlet_by_name(session, article, article.domain, {}, review)


def _outlet_by_name(
    session: Session,
    article: Article,
    name: str,
    known: dict[str, tuple[int, str]],
    review: list[str],
) -> tuple[Source | None, str | None]:
    if name in known:
        source_id, known_name = known[name]
        source = session.get(Source, source_id)
        if source is not None and source.name == known_name:  # not renamed or deleted since
            return source, None
    registry = SourceRegistry.from_session(session)
    match = registry.resolve(name)
    if match.source is not None:
        note = None
        if match.exact and match.source.id is not None:
            known[name] = (match.source.id, match.source.name)
        if not match.exact:
            note = (
                f"{article.path}: outlet '{name}' read as '{match.source.name}' "
                f"(match {match.score:.0f})"
            )
        return match.source, note
    if match.exact or (match.candidates and match.candidates[0][1] >= NEW_OUTLET_BELOW):
        message = f"outlet '{name}' is not a known source; {match.describe_candidates()}"
        if article.lenient:
            review.append(message)
            return None, None
        raise located(article.path, f"front matter: {message}", article.line)
    source = Source(name=name, kind="outlet")
    session.add(source)
    session.flush()
    return source, f"{article.path}: new outlet source '{name}' created (grade F)"


def _derivations(session: Session, article: Article) -> None:
    wanted = set(article.derived_from)
    existing = session.exec(select(Derivation).where(Derivation.document_id == article.id)).all()
    for row in existing:
        if row.derived_from_id not in wanted:
            session.delete(row)
    have = {row.derived_from_id for row in existing}
    for other in article.derived_from:
        if other == article.id:
            raise located(article.path, "front matter: derived_from names the article itself")
        if session.get(Document, other) is None:
            raise located(
                article.path,
                f"front matter: derived_from: unknown document '{other}' (import it first)",
                article.line,
            )
        if other not in have:
            session.add(Derivation(document_id=article.id, derived_from_id=other))
    session.flush()


def _reanchor(session: Session, document: Document) -> list[str]:
    """Quotes keep pointing at the right place when the text changed; lost ones are reported."""
    notes = []
    for attribution in session.exec(
        select(Attribution).where(Attribution.document_id == document.id)
    ).all():
        anchor = find_quote(document.text, attribution.quote)
        if anchor is None:
            notes.append(
                f"{document.path}: quote of claim '{attribution.claim_id}' no longer found in "
                f"document '{document.id}'"
            )
            continue
        attribution.start, attribution.end = anchor.start, anchor.end
        attribution.prefix, attribution.suffix = anchor.prefix, anchor.suffix
        session.add(attribution)
    return notes
