"""CSL-JSON of the cited documents (Zotero import) and the claims CSV, on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from typer.testing import CliRunner

from tracker.cite.csl import csl_items
from tracker.cli import app
from tracker.db import open_database, session_scope
from tracker.models import Attribution, Claim, Document, Source, Subject

REQUIRED = ("id", "type", "title", "issued")


def _case(path):  # type: ignore[no-untyped-def]
    engine = open_database(path)
    with session_scope(engine) as s:
        outlet = Source(name="Bloomberg", kind="outlet", reliability="B")
        tank = Source(name="CSIS", kind="think_tank", reliability="B")
        s.add_all([outlet, tank])
        s.flush()
        docs = [
            ("day", outlet, "2023-12-27", date(2023, 12, 27), date(2023, 12, 27), "day"),
            ("month", tank, "2023-10", date(2023, 10, 1), date(2023, 10, 31), "month"),
            (
                "span",
                outlet,
                "2023-10-13/2023-10-16",
                date(2023, 10, 13),
                date(2023, 10, 16),
                "interval",
            ),
            ("undated", None, None, None, None, None),
            ("uncited", outlet, "2023-01-01", date(2023, 1, 1), date(2023, 1, 1), "day"),
        ]
        for doc_id, src, text, first, last, precision in docs:
            s.add(
                Document(
                    id=doc_id,
                    outlet_id=src.id if src else None,
                    title="" if doc_id == "undated" else f"Title {doc_id}",
                    url=f"https://example.org/{doc_id}",
                    authors=["Jane Q. Doe", "Reuters"],
                    published_text=text,
                    published_first=first,
                    published_last=last,
                    published_precision=precision,
                    content_hash=doc_id,
                )
            )
        subject = Subject(name="Shipments")
        s.add(subject)
        s.flush()
        s.add(Claim(id="c1", subject_id=subject.id, text='=HYPERLINK("http://evil") ten shipments'))
        s.flush()
        for doc_id in ("day", "month", "span", "undated"):
            s.add(
                Attribution(
                    claim_id="c1",
                    source_id=tank.id,
                    document_id=doc_id,
                    quote=doc_id,
                    start=0,
                    end=1,
                )
            )
    return engine


def test_every_cited_document_has_the_required_csl_fields(tmp_path) -> None:
    engine = _case(tmp_path / "csl.sqlite")
    with session_scope(engine) as s:
        items = {item["id"]: item for item in csl_items(s)}
    # Only documents some claim cites.
    assert sorted(items) == ["day", "month", "span", "undated"]
    for item in items.values():
        assert all(item.get(key) for key in REQUIRED), item
    assert items["day"]["issued"] == {"date-parts": [[2023, 12, 27]]}
    # Known only to the month: no invented day.
    assert items["month"]["issued"] == {"date-parts": [[2023, 10]]}
    assert items["span"]["issued"] == {"date-parts": [[2023, 10, 13], [2023, 10, 16]]}
    assert items["undated"]["issued"] == {"literal": "n.d."}
    assert items["undated"]["title"] == "undated"  # falls back to the id, never empty
    assert items["day"]["type"] == "article-newspaper"
    assert items["month"]["type"] == "report"
    assert items["day"]["author"] == [{"family": "Doe", "given": "Jane Q."}, {"literal": "Reuters"}]
    assert items["day"]["container-title"] == "Bloomberg"


def test_export_command_writes_citations_and_csv(tmp_path) -> None:
    db = tmp_path / "cli.sqlite"
    _case(db)
    runner = CliRunner()
    out = tmp_path / "cited.json"
    result = runner.invoke(app, ["--db", str(db), "export", "--format", "csl-json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [i["id"] for i in json.loads(out.read_text())] == ["day", "month", "span", "undated"]

    out_csv = tmp_path / "claims.csv"
    result = runner.invoke(app, ["--db", str(db), "export", "-o", str(out_csv), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text())))
    assert [r["claim"] for r in rows] == ["c1"]
    # A spreadsheet must not run article text as a formula.
    assert rows[0]["text"].startswith("'=HYPERLINK")
    assert rows[0]["appearances"] == "4"
    # Known only to October 2023, it may predate the 13-16 October document: earliest first.
    assert rows[0]["first_document"] == "month"


def test_unknown_format_is_one_line_error(tmp_path) -> None:
    db = tmp_path / "cli.sqlite"
    _case(db)
    out = tmp_path / "x.out"
    result = CliRunner().invoke(
        app, ["--db", str(db), "export", "-o", str(out), "--format", "bibtex"]
    )
    assert result.exit_code != 0
    assert "--format" in result.output and "Traceback" not in result.output
    assert not out.exists()
