"""Test PDFs made here with fpdf2 (test extra): two columns, a footnote, a page with no
text (an image only, as a scan), metadata, encryption. Each returns the PDF's bytes."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import UTC

from fpdf import FPDF

LEFT = [
    "North Korea has shipped about ten loads of munitions to Russia since August, "
    "according to the National Intelligence Service in Seoul.",
    "The shipments left from the port of Najin, where rail cars were seen beside "
    "the container berths on several days in October.",
]
RIGHT = [
    "Officials in Washington said more than one thousand containers had been "
    "delivered, a figure that could not be verified independently.",
    "Satellite images of the Tumangang rail crossing show trains moving in both "
    "directions during the same weeks.",
]
FOOTNOTE = "1 Figures as stated by the agency in a briefing to lawmakers."


def _png(width: int = 40, height: int = 40) -> bytes:
    """A grey PNG, the stand-in for a scanned page (an image, no text layer)."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def report(
    *,
    title: str | None = "Munitions through Najin",
    author: str | None = "Jane Park; Min-jun Lee",
    created: str | None = "2023-10-16",
    heading: str = "Munitions through Najin",
    dateline: str = "16 October 2023",
    scanned_page: bool = False,
    password: str | None = None,
    pages: int = 2,
) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if created:
        from datetime import datetime

        pdf.set_creation_date(datetime.fromisoformat(created).replace(tzinfo=UTC))
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.set_xy(15, 15)
        pdf.cell(180, 10, heading if number == 1 else f"{heading} (continued)")
        pdf.set_font("Helvetica", "", 10)
        pdf.set_xy(15, 27)
        pdf.cell(180, 6, dateline if number == 1 else f"Page {number}")
        for column, paragraphs in ((15, LEFT), (110, RIGHT)):
            pdf.set_xy(column, 40)
            for paragraph in paragraphs:
                pdf.set_x(column)
                pdf.multi_cell(85, 5, f"{paragraph} (page {number})")
                pdf.ln(4)
        pdf.set_font("Helvetica", "", 7)
        pdf.set_xy(15, 280)
        pdf.cell(180, 4, FOOTNOTE)
    if scanned_page:
        pdf.add_page()
        pdf.image(io.BytesIO(_png()), x=10, y=10, w=190)
    return bytes(pdf.output())


def interleaved_columns(pages: int = 1) -> tuple[bytes, str]:
    """Two columns written line by line across the page (left line, right line, ...), as
    some word processors do: an extractor that reads the content stream in order mixes
    the columns. Returns the PDF and its text in reading order (left column first)."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", "", 10)
    truth = []
    for _ in range(pages):
        pdf.add_page()
        left = _wrap(" ".join(LEFT * 6), 48)
        right = _wrap(" ".join(RIGHT * 6), 48)
        for row in range(max(len(left), len(right))):
            for x, lines in ((15, left), (110, right)):
                if row < len(lines):
                    pdf.set_xy(x, 20 + row * 5)
                    pdf.cell(85, 5, lines[row])
        truth.append(" ".join(left) + " " + " ".join(right))
    return bytes(pdf.output()), "\n".join(truth)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])
