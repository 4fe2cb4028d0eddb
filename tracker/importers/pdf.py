"""PDFs (think-tank reports): text with page boundaries, metadata, and what is missing.

Read with pypdfium2, chosen by measurement (``bench/bench_pdf.py``): on two-column
pages it keeps the columns in order as pypdf does (F1 1.000; pdfplumber, which sorts
by position, 0.699), at 0.26 CPU ms a page against pypdf's 2.1 and pdfplumber's 28.
None of the three reorders columns written line by line across the page (F1 0.589).

The pages' texts are joined with a blank line; ``Article.page_starts`` holds where each
page begins in the document's text, so a quote's offset tells its page. Title, authors
and date come from the PDF's metadata, else from its first page; the outlet, which a
PDF does not state, from where it was fetched, else it is marked for review.
"""

from __future__ import annotations

import re
from pathlib import Path

from tracker.errors import located
from tracker.importers.articles import Article
from tracker.importers.html import NO_DATE, NO_OUTLET, NO_TITLE, read_date, registered_domain
from tracker.normalize.types import Anchor

# A wrapped line ends a paragraph when it ends a sentence and is clearly short of the
# page's usual line length.
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")


def parse_pdf(
    path: Path | str, data: bytes, url: str | None = None, doc_id: str | None = None
) -> tuple[Article, list[str]]:
    """The article in a PDF, and notes (pages without text)."""
    import pypdfium2 as pdfium

    if not data.startswith(b"%PDF"):
        raise located(path, "not a PDF (it does not start with %PDF)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise located(path, "PDF is encrypted: it needs a password to be read") from None
        raise located(path, "PDF is damaged or truncated: it cannot be opened") from None
    try:
        raws = []
        for page in document:
            try:
                raws.append(page.get_textpage().get_text_range())
            finally:
                page.close()
        metadata = document.get_metadata_dict()
    finally:
        document.close()
    pages = [_paragraphs(raw) for raw in raws]
    notes: list[str] = []
    empty = [n for n, text in enumerate(pages, start=1) if not text]
    if len(empty) == len(pages):
        raise located(
            path, f"PDF has no text on any of its {len(pages)} page(s): a scan? OCR it first"
        )
    if empty:
        notes.append(
            f"{path}: page(s) {', '.join(map(str, empty))} have no text (scanned?): "
            "not searchable, quotes there cannot be anchored"
        )
    text, starts = "", []
    for page_text in pages:
        if text:
            text += "\n\n"
        starts.append(len(text))
        text += page_text
    first_page = [" ".join(line.split()) for line in next(r for r in raws if r.strip()).split("\n")]
    first_page = [line for line in first_page if line]
    title = (metadata.get("Title") or "").strip() or (first_page[0][:200] if first_page else "")
    authors = [a.strip() for a in re.split(r";|,| and ", metadata.get("Author") or "")]
    written, anchor = _date(metadata.get("CreationDate") or "", first_page)
    review = []
    domain = registered_domain(url) if url else None
    if not domain:
        review.append(NO_OUTLET)
    if not title:
        review.append(NO_TITLE)
    if anchor is None:
        review.append(NO_DATE)
    article = Article(
        path=path,
        id=doc_id or Path(path).stem,
        title=title or doc_id or Path(path).stem,
        outlet=None,
        text=text,
        url=url,
        published=written,
        authors=[a for a in authors if a],
        domain=domain,
        needs_review=review,
        anchor=anchor,
        page_starts=starts,
    )
    return article, notes


def _paragraphs(raw: str) -> str:
    lines = [" ".join(line.split()) for line in raw.replace("\r\n", "\n").split("\n")]
    longest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and not current.endswith(" -"):
            current = current[:-1] + line  # a word hyphenated across lines
        else:
            current = f"{current} {line}".strip()
        short = len(line) < 0.8 * longest
        # A short line ending a sentence ends its paragraph; a much shorter one without
        # a full stop is a heading or a dateline.
        if short and (_SENTENCE_END.search(line) or len(line) < 0.6 * longest):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _date(created: str, first_page: list[str]) -> tuple[str | None, Anchor | None]:
    """A date printed on the first page's first lines is the publication's; the file's
    creation date (metadata) is the fallback."""
    for line in first_page[:12]:
        if len(line) < 120 and (anchor := read_date(line)) is not None:
            return line, anchor
    if m := _PDF_DATE.match(created.strip()):
        written = "-".join(part for part in m.groups() if part)
        try:
            return written, Anchor.parse(written)
        except ValueError:
            pass
    return None, None
