"""Web pages: the article's main text, without navigation, cookie or donation boilerplate.

Metadata comes from the usual ``<meta>`` tags (Open Graph, article:*, author)
and ``<title>``; the id is the file's stem.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from tracker.errors import located
from tracker.importers.articles import Article

# Elements that never hold the article's own words.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "figure",
)
# id/class fragments of page furniture.
_BOILERPLATE = re.compile(
    r"cookie|consent|gdpr|donat|newsletter|subscri|paywall|share|social|promo|advert|"
    r"banner|related|recommend|comment|breadcrumb|menu|sidebar|popup|modal|signup",
    re.IGNORECASE,
)
# A short paragraph about cookies or donations is furniture even without a telling class.
_BOILERPLATE_TEXT = re.compile(
    r"\b(cookies?|donate|donation|support our (journalism|work)|subscribe|sign up)\b",
    re.IGNORECASE,
)
_SHORT = 300
# Real pages nest a few dozen elements deep (unclosed <p>s of old pages count too);
# parsing and reading the main text cost time growing with depth times size, so a page
# nested deeper than this is refused at once instead of read for minutes.
MAX_DEPTH = 1000
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip


class _DepthProbe(HTMLParser):
    """Measures how deep the elements nest, in one linear pass, before the real parse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in _VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)


def _depth(text: str) -> int:
    probe = _DepthProbe()
    probe.feed(text)
    probe.close()
    return probe.deepest


_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if isinstance(tag, Tag):
            content = tag.get("content")
            if isinstance(content, str) and content.strip():
                return content.strip()
    return None


def _is_furniture(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    labels = " ".join(
        [str(tag.get("id") or ""), " ".join(tag.get("class") or []), str(tag.get("role") or "")]
    )
    return bool(_BOILERPLATE.search(labels)) or tag.get("role") in ("navigation", "banner")


def main_text(soup: BeautifulSoup) -> str:
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if isinstance(tag, Tag) and not tag.decomposed and _is_furniture(tag):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    paragraphs: list[str] = []
    for block in root.find_all(_BLOCKS):
        # Nested blocks (a <p> inside an <li>) would be read twice.
        if block.find_parent(_BLOCKS) is not None:
            continue
        text = " ".join(block.get_text(" ").split())
        if not text:
            continue
        if len(text) < _SHORT and _BOILERPLATE_TEXT.search(text):
            continue
        paragraphs.append(text)
    if not paragraphs:
        text = " ".join(root.get_text(" ").split())
        return text
    return "\n\n".join(paragraphs)


def parse_html(path: Path, text: str) -> Article:
    try:
        return _parse_html(path, text)
    except RecursionError:
        raise located(path, "page is nested too deeply to read") from None


def _parse_html(path: Path, text: str) -> Article:
    if (depth := _depth(text)) > MAX_DEPTH:
        raise located(path, f"page is nested {depth} elements deep (limit {MAX_DEPTH})")
    soup = BeautifulSoup(text, "html.parser")
    title = _meta(soup, "og:title", "twitter:title")
    if not title and soup.title is not None:
        title = " ".join(soup.title.get_text().split())
    outlet = _meta(soup, "og:site_name", "publisher", "article:publisher", "application-name")
    if not outlet:
        raise located(path, "no outlet: the page has no og:site_name or publisher <meta>")
    published = _meta(soup, "article:published_time", "date", "pubdate", "dc.date")
    author = _meta(soup, "author", "article:author")
    canonical = soup.find("link", attrs={"rel": "canonical"})
    url = _meta(soup, "og:url")
    if not url and isinstance(canonical, Tag) and isinstance(canonical.get("href"), str):
        url = str(canonical.get("href"))
    body = main_text(soup)
    if not body.strip():
        raise located(path, "page has no article text")
    return Article(
        path=path,
        id=path.stem,
        title=title or path.stem,
        outlet=outlet,
        text=body,
        url=url,
        published=published,
        authors=[a.strip() for a in author.split(",")] if author else [],
    )
