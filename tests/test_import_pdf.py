"""PDF reports made here (tests/pdfs.py): text in column order with page boundaries,
metadata, a scanned page, and truncated or encrypted files refused in one line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from tests.conftest import snapshot
from tests.pdfs import FOOTNOTE, report
from tracker.anchoring import page_of
from tracker.importers import import_paths
from tracker.models import Document, Snapshot


def test_a_two_column_report_keeps_its_columns_and_knows_its_pages(engine, tmp_path: Path) -> None:
    pdf = tmp_path / "najin-report.pdf"
    pdf.write_bytes(report())
    result = import_paths(engine, [pdf])
    assert result.ok, [f.error for f in result.failed]
    with Session(engine) as session:
        document = session.get(Document, "najin-report")
        assert document is not None
        text = document.text
        assert document.title == "Munitions through Najin"
        assert document.authors == ["Jane Park", "Min-jun Lee"]
        assert (str(document.published_first), document.published_text) == (
            "2023-10-16",
            "16 October 2023",
        )
        assert document.needs_review == ["no outlet"]  # a PDF file names no outlet
        starts = document.page_starts
        (kept,) = session.exec(select(Snapshot)).all()
        assert kept.content_type == "application/pdf"
    assert starts is not None and len(starts) == 2 and starts[0] == 0
    # The left column's paragraphs come before the right column's, whole, on each page.
    left = text.index("North Korea has shipped about ten loads of munitions to Russia since")
    right = text.index("Officials in Washington said more than one thousand containers had")
    assert left < right < starts[1]
    # A footnote is kept as text of its page.
    assert text.index(FOOTNOTE) < starts[1] < text.rindex(FOOTNOTE)
    # Where a quote is tells its page.
    assert page_of(starts, text.index("(page 2)")) == 2
    assert page_of(starts, text.index("(page 1)")) == 1


def test_a_scanned_page_is_a_note_not_a_failure(engine, tmp_path: Path) -> None:
    pdf = tmp_path / "with-scan.pdf"
    pdf.write_bytes(report(scanned_page=True))
    result = import_paths(engine, [pdf])
    assert result.ok, [f.error for f in result.failed]
    assert any("page(s) 3 have no text (scanned?)" in note for note in result.notes)
    with Session(engine) as session:
        document = session.get(Document, "with-scan")
        assert document is not None and document.page_starts is not None
        assert len(document.page_starts) == 3


def test_a_report_without_metadata_takes_title_and_date_from_its_first_page(
    engine, tmp_path: Path
) -> None:
    pdf = tmp_path / "bare.pdf"
    pdf.write_bytes(
        report(title=None, author=None, created=None, dateline="Published 3 November 2023")
    )
    assert import_paths(engine, [pdf]).ok
    with Session(engine) as session:
        document = session.get(Document, "bare")
        assert document is not None
        assert document.title == "Munitions through Najin"
        assert str(document.published_first) == "2023-11-03"
        assert document.authors == []


def test_truncated_encrypted_and_textless_pdfs_fail_in_one_line(
    engine, small_case: Path, tmp_path: Path
) -> None:
    assert import_paths(engine, [small_case]).ok
    before = snapshot(engine)
    whole = report()
    cases = {
        "truncated.pdf": (whole[: len(whole) // 3], "PDF is damaged or truncated"),
        "locked.pdf": (report(password="secret"), "PDF is encrypted: it needs a password"),
        "not-a.pdf": (b"<html>no</html>", "not a PDF"),
    }
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    result = import_paths(engine, [tmp_path / name for name in cases])
    assert len(result.failed) == 3
    for failed in result.failed:
        name = failed.path.name
        assert failed.error is not None and failed.error.startswith(f"{tmp_path / name}: ")
        assert cases[name][1] in failed.error
        assert "\n" not in failed.error
    assert snapshot(engine) == before


def test_a_pdf_of_scans_only_is_refused_with_a_reason(engine, tmp_path: Path) -> None:
    import io

    from fpdf import FPDF

    from tests.pdfs import _png

    writer = FPDF()
    writer.add_page()
    writer.image(io.BytesIO(_png()), x=10, y=10, w=190)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(bytes(writer.output()))
    (failed,) = import_paths(engine, [pdf]).failed
    assert failed.error == f"{pdf}: PDF has no text on any of its 1 page(s): a scan? OCR it first"


def test_the_brief_cites_the_page_a_pdf_quote_is_on(engine, tmp_path: Path) -> None:
    from tracker.brief.writer import write_brief

    (tmp_path / "sources.yaml").write_text(
        "- name: National Intelligence Service\n  short: NIS\n  kind: agency\n", encoding="utf-8"
    )
    (tmp_path / "najin-report.pdf").write_bytes(report())
    (tmp_path / "claims.yaml").write_text(
        """\
- id: wh-containers
  subject: "Containers delivered, DPRK to Russia (count)"
  text: "More than one thousand containers delivered"
  quantity: "more than one thousand containers"
  attributions:
    - source: NIS
      document: najin-report
      quote: "a figure that could not be verified independently. (page 2)"
""",
        encoding="utf-8",
    )
    result = import_paths(engine, [tmp_path])
    assert result.ok, [f.error for f in result.failed]
    with Session(engine) as session:
        brief = write_brief(session, today=date(2024, 1, 1))
    (footnote,) = [line for line in brief.splitlines() if line.startswith("[^1]:")]
    assert "“Munitions through Najin”" in footnote and ", p. 2." in footnote
