"""RSS and Atom feeds (feedparser): one document per entry, idempotent by GUID or link.

An entry's document id is made from its link's domain and a hash of its GUID (else its
link), so pulling the same feed again finds the same documents: unchanged entries stay,
edited ones are updated, new ones added. Its text is the entry's content or summary;
with ``follow`` each entry's link is fetched and the full page imported in its place
(a link that fails leaves the summary, with a note). A feed longer than
MAX_FEED_ENTRIES is cut before it is parsed (feedparser takes 4 s for 10,000 entries),
and the cut is said.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, select

from tracker import snapshots
from tracker.errors import UserError, located
from tracker.importers.articles import Article, store_article
from tracker.importers.html import (
    NO_DATE,
    NO_OUTLET,
    OUTLET_FROM_DOMAIN,
    parse_html,
    registered_domain,
)
from tracker.models import Feed
from tracker.normalize.types import Anchor

MAX_FEED_ENTRIES = 500
_ENTRY_END = re.compile(rb"</(item|entry)\s*>", re.IGNORECASE)


@dataclass
class FeedEntry:
    guid: str
    link: str | None
    title: str
    text: str
    published: date | None
    authors: list[str] = field(default_factory=list)


@dataclass
class ParsedFeed:
    title: str
    entries: list[FeedEntry]
    total: int  # entries in the feed, before the cut


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def parse_feed(where: str, data: bytes) -> ParsedFeed:
    import feedparser

    if not looks_like_feed(data):
        raise located(where, "not an RSS or Atom feed (no <rss> or <feed> element)")
    total = len(_ENTRY_END.findall(data))
    if total > MAX_FEED_ENTRIES:
        cut = list(_ENTRY_END.finditer(data))[MAX_FEED_ENTRIES - 1].end()
        data = data[:cut]  # feedparser reads the unclosed rest leniently
    parsed = feedparser.parse(data)
    if not parsed.entries and parsed.get("bozo") and not parsed.feed:
        raise located(where, f"not a readable feed: {parsed.get('bozo_exception')}")
    entries = []
    for raw in parsed.entries[:MAX_FEED_ENTRIES]:
        link = raw.get("link") or None
        guid = raw.get("id") or link
        if not guid:
            continue  # nothing to know the entry by again: it could only be duplicated
        content = raw.get("content") or []
        body = (content[0].get("value") if content else None) or raw.get("summary") or ""
        title = " ".join(str(raw.get("title") or "").split())
        entries.append(
            FeedEntry(
                guid=str(guid),
                link=str(link) if link else None,
                title=title,
                text=_text(body) or title,
                published=_day(raw.get("published_parsed") or raw.get("updated_parsed")),
                authors=[a.get("name", "") for a in raw.get("authors") or [] if a.get("name")],
            )
        )
    title = " ".join(str(parsed.feed.get("title") or "").split())
    return ParsedFeed(title=title, entries=entries, total=max(total, len(parsed.entries)))


def _text(html: str) -> str:
    if "<" not in html:
        return "\n\n".join(p.strip() for p in html.split("\n\n") if p.strip())
    from lxml import html as lxml_html

    try:
        fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:  # a summary lxml cannot parse is kept as it was written
        return html.strip()
    for block in fragment.iter("p", "br", "li", "h1", "h2", "h3", "div"):
        block.tail = "\n\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in fragment.text_content().split("\n\n"))
    return "\n\n".join(line for line in lines if line)


def _day(parsed: Any) -> date | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date()
    except (TypeError, ValueError, OverflowError):
        return None


def entry_id(entry: FeedEntry) -> str:
    domain = registered_domain(entry.link) if entry.link else None
    digest = hashlib.sha256(entry.guid.encode("utf-8")).hexdigest()[:12]
    prefix = re.sub(r"[^a-z0-9]+", "-", (domain or "entry").lower()).strip("-")
    return f"{prefix}-{digest}"


def store_feed(
    session: Session,
    location: str,
    feed: ParsedFeed,
    outlets: dict[str, tuple[int, str]],
    follow: Callable[[str], Any] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Every entry as a document, the feed remembered; (counts, notes)."""
    counts = {"documents": 0, "documents updated": 0}
    notes: list[str] = []
    if feed.total > len(feed.entries) and feed.total > MAX_FEED_ENTRIES:
        notes.append(
            f"{location}: the feed has {feed.total:,} entries; the first "
            f"{MAX_FEED_ENTRIES:,} were imported (the limit for one pull)"
        )
    for entry in feed.entries:
        article = _entry_article(location, feed, entry)
        fetched = None
        if follow is not None and entry.link:
            try:
                fetched = follow(entry.link)
                article = _with_page(article, fetched, entry)
            except UserError as error:
                notes.append(f"{error.message} (kept the feed's summary)")
                fetched = None
        status, _, more = store_article(session, article, outlets)
        notes += more
        if status == "added":
            counts["documents"] += 1
        elif status == "updated":
            counts["documents updated"] += 1
        if fetched is not None:
            snapshots.keep(
                session,
                article.id,
                fetched.data,
                fetched.content_type or "text/html",
                url=fetched.final_url,
                redirects=fetched.redirects,
            )
    row = session.exec(select(Feed).where(Feed.location == location)).first()
    row = row or Feed(location=location, pulled_at=datetime.now(UTC))
    row.title, row.pulled_at, row.entries = feed.title, datetime.now(UTC), len(feed.entries)
    session.add(row)
    return counts, notes


def _entry_article(location: str, feed: ParsedFeed, entry: FeedEntry) -> Article:
    review = [] if entry.published else [NO_DATE]
    return Article(
        path=location,  # notes and errors name the feed
        id=entry_id(entry),
        title=entry.title or entry.guid,
        outlet=feed.title or None,
        text=entry.text or entry.guid,
        url=entry.link,
        published=entry.published.isoformat() if entry.published else None,
        authors=entry.authors,
        domain=registered_domain(entry.link) if entry.link else None,
        needs_review=review,
        anchor=Anchor.on(entry.published) if entry.published else None,
    )


def _with_page(article: Article, fetched: Any, entry: FeedEntry) -> Article:
    """The full page in place of the summary; what the page lacks, the feed entry gives."""
    from tracker.importers.reading import decode_page

    if fetched.kind != "html":
        raise UserError(f"{fetched.final_url}: not a web page ({fetched.content_type})")
    text = decode_page(fetched.final_url, fetched.data)
    page = parse_html(fetched.final_url, text, url=fetched.final_url, doc_id=article.id)
    page.path = article.path
    if not page.outlet:
        page.outlet = article.outlet
    if page.anchor is None and article.anchor is not None:
        page.anchor, page.published = article.anchor, article.published
    if entry.title and page.title == page.id:
        page.title = entry.title
    page.authors = page.authors or article.authors
    page.needs_review = [
        r
        for r in page.needs_review
        if not (r == NO_DATE and page.anchor is not None)
        and not (r in (NO_OUTLET, OUTLET_FROM_DOMAIN) and page.outlet)
    ]
    return page
