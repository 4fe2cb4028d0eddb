"""Web pages: the article's main text and metadata, read by trafilatura.

trafilatura (with htmldate and courlan) finds the body, title, authors, site
name, date, canonical URL; we add what it leaves out: the page's language from
``<html lang>``, a JSON-LD publisher when there is no site name, and free-form
dates ("November 19, 2019, 07:47 PM EST") read by our own normalizer. A page
is never refused for missing metadata: what cannot be found is listed in
``Article.needs_review`` and the page is imported anyway. The id is the file's stem.

The hand-written boilerplate remover this replaced scored body F1 0.60 on the
benchmark pages; its furniture filters, tried in front of trafilatura, lowered
its F1 (0.962 -> 0.855) or changed nothing (0.962 -> 0.962), so none was kept
(figures: ``bench/bench_ingest.py``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tracker.errors import located
from tracker.importers.articles import Article
from tracker.normalize.times import find_times
from tracker.normalize.types import Anchor

# Real pages nest a few dozen elements deep (unclosed <p>s of old pages count too);
# parsing and reading the main text cost time growing with depth times size, so a page
# nested deeper than this is refused at once instead of read for minutes.
MAX_DEPTH = 1000
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip

# trafilatura, htmldate and readability log a line for every odd page; the analyst gets
# one note per page from us instead, so none of theirs reaches the terminal.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False
# C0 control characters are not HTML (and lxml refuses them): dropped before parsing.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

NO_OUTLET = "no outlet"
OUTLET_FROM_DOMAIN = "outlet named after its domain"
NO_DATE = "no publication date"
NO_TITLE = "no title"


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
_RAW = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def _depth(text: str) -> int:
    """How deep the elements nest, in one linear pass of a regular expression before the
    real parse (html.parser's Python loop did the same at 70 ms a page, a third of the
    import); script and style bodies are skipped, their '<' is not markup."""
    depth = deepest = 0
    for closing, tag, self_closing in _TAG.findall(_RAW.sub("", text)):
        if tag.lower() in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parse_html(
    path: Path | str, text: str, url: str | None = None, doc_id: str | None = None
) -> Article:
    """The article in a web page; ``url`` is where it was fetched from, if it was, and
    ``path`` names it in errors (a file, or that URL); its id is ``doc_id`` or the stem."""
    try:
        return _parse_html(path, text, url, doc_id or Path(path).stem)
    except RecursionError:
        raise located(path, "page is nested too deeply to read") from None


def _parse_html(path: Path | str, text: str, fetched_from: str | None, doc_id: str) -> Article:
    if (depth := _depth(text)) > MAX_DEPTH:
        raise located(path, f"page is nested {depth} elements deep (limit {MAX_DEPTH})")
    # A trafilatura Document (typed as Document | dict; with_metadata gives the Document).
    # It parses the text itself: its own parser settings score better (recall 0.957 ->
    # 0.974 on the benchmark pages) than a tree of ours handed in.
    # Imported here: trafilatura and lxml take most of a second to load, and every
    # command (tracker claims, tracker sources) loads this module.
    import trafilatura
    from lxml.etree import LxmlError

    text = _CONTROL.sub("", text)
    try:
        found: Any = trafilatura.bare_extraction(
            text,
            url=fetched_from,
            include_comments=False,
            with_metadata=True,
            # htmldate's extensive search guesses from any date in the text ("Copyright
            # 2023" -> 2023-01-01): a made-up date is worse than one marked for review.
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": datetime.now(UTC).strftime("%Y-%m-%d"),
            },
        )
    except (ValueError, TypeError, LxmlError, RecursionError):
        found = None  # a page lxml cannot hold: its visible text below, or a clear error
    tree = _tree(text)
    body = _paragraphs(found.text if found is not None else None)
    if not body and tree is not None:
        # trafilatura keeps nothing of a page too short or odd to look like an article:
        # the page's visible text is still better than refusing it.
        body = _paragraphs(_visible_text(tree))
    if not body:
        raise located(path, "page has no article text")
    review: list[str] = []
    url = (found.url if found is not None else None) or fetched_from
    domain = registered_domain(url) if url else None
    outlet = _site_name(found.sitename if found is not None else None, url)
    if not outlet and tree is not None:
        outlet = _json_ld_publisher(tree)
    if not outlet:
        review.append(OUTLET_FROM_DOMAIN if domain else NO_OUTLET)
    title = (found.title if found is not None else None) or ""
    if not title.strip():
        review.append(NO_TITLE)
    published, anchor = _published(found.date if found is not None else None, tree)
    if anchor is None:
        review.append(NO_DATE)
    authors = found.author if found is not None else None
    return Article(
        path=path,
        id=doc_id,
        title=" ".join(title.split()) or doc_id,
        outlet=outlet,
        text=body,
        url=url,
        published=published,
        authors=[a.strip() for a in authors.split(";") if a.strip()] if authors else [],
        domain=domain,
        language=_language(tree),
        needs_review=review,
        anchor=anchor,
    )


def _tree(text: str) -> Any:
    from lxml import html as lxml_html
    from lxml.etree import LxmlError, ParserError

    try:
        return lxml_html.document_fromstring(text)
    except (ParserError, ValueError, LxmlError):
        return None


def _paragraphs(text: str | None) -> str:
    """One paragraph per line from trafilatura; a blank line between paragraphs here,
    as in the case's markdown articles (sentences and suggestions read paragraphs so)."""
    if not text:
        return ""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _visible_text(tree: Any) -> str:
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    body = tree.find("body")
    return (body if body is not None else tree).text_content()


def registered_domain(url: str) -> str | None:
    """``https://www.washingtonpost.com/world/...`` -> ``washingtonpost.com`` (public
    suffix list, so ``bbc.co.uk`` and ``detroit.cbslocal.com`` come out right)."""
    from tld import get_fld

    try:
        found = get_fld(url, fail_silently=True)
    except Exception:  # a URL tld cannot even split
        return None
    return str(found).lower() if found else None


def _site_name(name: str | None, url: str | None) -> str | None:
    """trafilatura's site name, unless it is only the URL's host (its own fallback, in the
    host's lower case; "CBSSports.com" is a name the site gave itself)."""
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    if url and " " not in name and "." in name:
        host = re.sub(r"^https?://(www\d*\.)?", "", url.lower()).split("/")[0]
        if name in (host, host.split(":")[0]):
            return None
    return name


def _json_ld_publisher(tree: Any) -> str | None:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except (ValueError, RecursionError):
            continue
        for item in _json_ld_items(data):
            publisher = item.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            if isinstance(publisher, dict):
                publisher = publisher.get("name")
            if isinstance(publisher, str) and publisher.strip():
                return " ".join(publisher.split())
    return None


def _json_ld_items(data: Any, depth: int = 0) -> Iterator[dict]:
    if depth > 5:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_items(data["@graph"], depth + 1)


def _language(tree: Any) -> str | None:
    if tree is None:
        return None
    for value in (
        tree.get("lang"),
        *tree.xpath('//meta[@http-equiv="content-language"]/@content'),
        *tree.xpath('//meta[@property="og:locale"]/@content'),
    ):
        if value and value.strip():
            return value.strip().replace("_", "-").split(",")[0]
    return None


# Where a page states its date in words when no machine-readable date is there.
_DATE_PLACES = (
    "//meta[contains(@name, 'date') or contains(@property, 'date') or "
    "contains(@name, 'published') or contains(@property, 'published') or "
    "contains(@itemprop, 'date')]/@content",
    "//time/@datetime",
    "//time",
    "//*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'byline')"
    " or contains(@class, 'published') or contains(@id, 'date')]",
)
_FOUR_DIGIT_YEAR = re.compile(r"\b(1[89]|2[01])\d\d\b")


def _published(found: str | None, tree: Any) -> tuple[str | None, Anchor | None]:
    """The date as the page writes it and as a day; (None, None) when there is none."""
    if found:
        try:
            return found, Anchor.parse(found)
        except ValueError:
            pass
    if tree is None:
        return None, None
    for place in _DATE_PLACES:
        for node in tree.xpath(place)[:20]:
            written = node if isinstance(node, str) else node.text_content()
            written = " ".join(str(written).split())[:200]
            if written and (anchor := read_date(written)) is not None:
                return written, anchor
    return None, None


def read_date(written: str) -> Anchor | None:
    """An ISO date or a free-form one with its year ("November 19, 2019, 07:47 PM EST").

    A relative date ("yesterday") is not a publication date: it says nothing without
    the date it was written on, which is what is being looked for."""
    try:
        return Anchor.parse(written)
    except ValueError:
        pass
    today = datetime.now(UTC).date()
    for span in find_times(written, Anchor.on(today)):
        if span.first is None or span.vague or span.granularity != "day":
            continue
        if span.first == span.last:
            if _FOUR_DIGIT_YEAR.search(span.text) and span.first <= today:
                return Anchor.on(span.first)
    return None
