"""`tracker brief`: the file it writes, its filters, and its one-line errors."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from tracker.brief import write_brief
from tracker.cli import app
from tracker.db import open_database, session_scope
from tracker.models import Attribution, Claim, Document, Source, Subject


def _case(path: Path) -> None:
    engine = open_database(path)
    with session_scope(engine) as s:
        agency = Source(name="Agency", kind="agency", reliability="B")
        tank = Source(name="Tank", kind="think_tank", reliability="B")
        denier = Source(name="Denier", kind="government", reliability="E")
        outlet = Source(name="Daily", kind="outlet", reliability="B")
        s.add_all([agency, tank, denier, outlet])
        s.flush()
        s.add(
            Document(
                id="d1",
                outlet_id=outlet.id,
                title="Ships",
                published_text="2023-10-16",
                published_first=date(2023, 10, 16),
                published_last=date(2023, 10, 16),
                content_hash="d1",
            )
        )
        shipments = Subject(name="Shipments", cumulative=True)
        ports = Subject(name="Ports")
        s.add_all([shipments, ports])
        s.flush()
        claims = [
            ("agency-10", shipments, "About 10 shipments", "asserts", 10.0, agency),
            ("tank-10", shipments, "Roughly ten shipments", "asserts", 10.0, tank),
            ("denial", shipments, "No shipments took place", "denies", None, denier),
            ("port", ports, "Najin port is busy", "asserts", None, agency),
        ]
        for cid, subject, text, stance, value, source in claims:
            claim = Claim(id=cid, subject_id=subject.id, text=text, stance=stance)
            if value is not None:
                claim.quantity_text = "about 10 shipments"
                claim.qty_value, claim.qty_low, claim.qty_high = value, value * 0.9, value * 1.1
                claim.qty_qualifier, claim.qty_item = "approx", "shipments"
            s.add(claim)
            s.flush()
            s.add(
                Attribution(
                    claim_id=cid, source_id=source.id, document_id="d1", quote=text, start=0, end=1
                )
            )


def test_brief_command_writes_the_file(tmp_path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(
        app, ["--db", str(db), "brief", "-o", str(out), "--title", "Weekly <b>brief</b>"]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Weekly \\<b\\>brief\\</b\\>\n")
    # Two independent B sources agree, the E denial contradicts: both sides are quoted.
    contradictions = text.split("## What is contested", 1)[1].split("## Reporting", 1)[0]
    assert "“No shipments took place”" in contradictions
    assert "“About 10 shipments”" in contradictions or "“Roughly ten shipments”" in contradictions


def test_subject_filter_keeps_only_that_subject(tmp_path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    with session_scope(open_database(db)) as s:
        text = write_brief(s, subjects=["Ports"], today=date(2024, 1, 1))
    assert "### Ports" in text and "### Shipments" not in text
    assert "- 1 subject, 1 claim, 1 document from Daily, published 16 Oct 2023." in text


def test_min_credibility_drops_weaker_claims(tmp_path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    with session_scope(open_database(db)) as s:
        everything = write_brief(s, today=date(2024, 1, 1))
        strong = write_brief(s, min_credibility=2, today=date(2024, 1, 1))
    # The contradicted E denial is no better than "doubtful"; corroborated claims stay.
    assert "(denial)" in everything and "(denial)" not in strong
    assert "| agency-10 |" in strong


def test_unknown_subject_is_a_one_line_error_and_no_file(tmp_path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(
        app, ["--db", str(db), "brief", "-o", str(out), "--subject", "Nope"]
    )
    assert result.exit_code != 0
    assert "no such subject: Nope" in result.output
    assert "Traceback" not in result.output and not out.exists()
    assert not list(tmp_path.glob("*.partial"))  # nothing half-written is left behind


def test_bad_min_credibility_is_refused(tmp_path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(
        app, ["--db", str(db), "brief", "-o", str(out), "--min-credibility", "9"]
    )
    assert result.exit_code != 0 and "--min-credibility" in result.output
    assert not out.exists()


def test_brief_to_stdout_is_the_brief_written_to_a_file(tmp_path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    out = tmp_path / "brief.md"
    to_file = CliRunner().invoke(app, ["--db", str(db), "brief", "-o", str(out)])
    to_stdout = CliRunner().invoke(app, ["--db", str(db), "brief", "-o", "-"])
    assert to_file.exit_code == 0 and to_stdout.exit_code == 0, to_file.output + to_stdout.output
    text = out.read_text(encoding="utf-8")
    assert to_stdout.output == text
    assert text.startswith("# Claims brief\n")
    # The last footnote, once: the port claim, first cited under Other evidence.
    assert text.endswith("Agency (claim port): “Najin port is busy”\n")
    assert "\n\n\n" not in text


def test_a_template_of_ones_own_lays_out_the_same_parts(tmp_path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    layout = tmp_path / "ours.md.j2"
    layout.write_text(
        "# {{ title }} ({{ written }})\n\n"
        "{% for j in judgments %}* {{ j.subject }}: {{ j.statement }}.{{ j.refs }}\n"
        "{% endfor %}\n\n"
        "{% for text in sections.notes %}{{ text }}{% endfor %}",
        encoding="utf-8",
    )
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(
        app, ["--db", str(db), "brief", "-o", str(out), "--template", str(layout)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    # Two independent B sources say about 10 shipments: the one key judgment. Its one
    # footnote is the only one defined, and it is used.
    first, rest = text.split("\n", 1)
    assert re.fullmatch(r"# Claims brief \(\d{1,2} [A-Z][a-z]{2} \d{4}\)", first)
    assert rest == (
        "\n* Shipments: Agency reports about 10 shipments.[^1]\n\n"
        "## Notes\n\n"
        "[^1]: Daily; “Ships”; 16 Oct 2023. Agency (claim agency-10): “About 10 shipments”\n"
    )


def test_a_broken_template_is_one_line_naming_it_and_no_file(tmp_path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    layout = tmp_path / "broken.md.j2"
    layout.write_text("# {{ title }}\n\n{% for j in judgments %}\n", encoding="utf-8")
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(
        app, ["--db", str(db), "brief", "-o", str(out), "--template", str(layout)]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"tracker: {layout}:3: ")
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not out.exists() and not list(tmp_path.glob("*.partial"))
    unknown = tmp_path / "unknown.md.j2"
    unknown.write_text("{{ no_such_part }}\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--db", str(db), "brief", "-o", str(out), "--template", str(unknown)]
    )
    assert result.exit_code == 1 and "'no_such_part' is undefined" in result.output
    assert not out.exists()


def test_key_only_briefs_the_key_judgments_subjects_alone(tmp_path) -> None:
    db = tmp_path / "case.sqlite"
    _case(db)
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(app, ["--db", str(db), "brief", "-o", str(out), "--key-only"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "### Shipments" in text and "### Ports" not in text
    assert "Najin port is busy" not in text
