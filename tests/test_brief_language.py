"""The brief reads as a brief (issue 19): a few ranked key judgments, sentences an analyst
would sign, the DPRK denial listed once, no claim ids in the prose, dates in one layout.

Every generated sentence of the bundled Najin case and of a synthetic case is scanned
for two hedges and for "the figure is" before something that is not a figure. The hedge
list here is written out independently of the brief's own (tracker/brief/language.py).
Verbatim quotes (“...”) are the sources' words, not ours, and are left out of the scan.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from tracker.brief import write_brief
from tracker.cli import app
from tracker.db import open_database, session_scope
from tracker.importers import import_paths
from tracker.models import Claim, Subject

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import write_case  # noqa: E402

CASE = Path(__file__).resolve().parent.parent / "imports" / "najin-2023"
TODAY = date(2024, 1, 15)

# ICD 203's terms and the common hedges of news and analysis. "may", "might" and "could"
# only in lower case ("May" is a month).
HEDGE = re.compile(
    r"\b(?:almost no chance|roughly even chance|reasonable chance|very unlikely|very likely|"
    r"almost certain(?:ly)?|unlikely|likely|probabl[ey]|possibl[ey]|perhaps|potentially|"
    r"presumably|allegedly|alleged|reportedly|apparent(?:ly)?|suggest(?:s|ing)?|appears?|"
    r"seems?|(?-i:may|might|could))\b",
    re.IGNORECASE,
)
# What may follow "the figure is": a number, perhaps after a qualifier.
A_FIGURE = re.compile(
    r"^(?:about|more than|at least|at most|less than|nearly|as many as|between|"
    r"hundreds|thousands|tens|dozens|some)?\s*\d"
)


@pytest.fixture(scope="module")
def najin_brief(tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("najin") / "najin.sqlite"
    result = CliRunner().invoke(app, ["--db", str(db), "import", str(CASE)])
    assert result.exit_code == 0, result.output
    with session_scope(open_database(db)) as session:
        return write_brief(session, today=TODAY)


@pytest.fixture(scope="module")
def najin_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("najin-keys") / "najin.sqlite"
    result = CliRunner().invoke(app, ["--db", str(db), "import", str(CASE)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def synthetic_brief(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("synthetic")
    write_case(folder / "case", articles=12, claims=360, agencies=30, subjects=3, chunk=200)
    engine = open_database(str(folder / "case.sqlite"))
    case = folder / "case"
    import_paths(engine, [case / "sources.yaml", *sorted(case.glob("*.md"))])
    assert not import_paths(engine, sorted(case.glob("claims-*"))).failed
    with session_scope(engine) as session:
        return write_brief(session, today=TODAY)


def prose(brief: str) -> list[str]:
    """The lines the brief writes as prose: everything before the annex but headings."""
    body = brief.split("## Annex", 1)[0]
    return [line for line in body.splitlines() if line.strip() and not line.startswith(("#", "|"))]


def sentences(brief: str) -> list[str]:
    found = []
    for line in prose(brief):
        line = re.sub(r"“[^”]*”", "“”", line)  # the sources' own words
        line = re.sub(r"\[\^\d+\]", "", line).replace("**", "")
        line = re.sub(r"^\s*(?:-|\d+\.)\s+", "", line)
        found += [s for s in re.split(r"(?<=[.;!?])\s+(?=[A-Z\d])", line) if s.strip()]
    return found


def section(brief: str, heading: str) -> str:
    return brief.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("which", ["najin_brief", "synthetic_brief"])
def test_no_sentence_has_two_hedges_or_calls_a_statement_a_figure(
    which: str, request: pytest.FixtureRequest
) -> None:
    brief = request.getfixturevalue(which)
    scanned = sentences(brief)
    assert len(scanned) > 60
    doubled = [s for s in scanned if len(HEDGE.findall(s)) >= 2]
    assert doubled == []
    for s in scanned:
        for m in re.finditer(r"\bthe figure is\b\s*(.*)", s, flags=re.IGNORECASE):
            assert A_FIGURE.match(m.group(1)), s


def test_the_key_judgments_are_few_ranked_and_the_million_rounds_among_them(
    najin_brief: str,
) -> None:
    judgments = re.findall(
        r"^(\d+)\. \*\*(.+?)\.\*\* (.*)$", section(najin_brief, "Key judgments"), flags=re.M
    )
    assert 1 <= len(judgments) <= 7
    subjects = [s for _, s, _ in judgments]
    # Both disputed subjects (the DPRK's denial against four independent origins) lead.
    assert subjects[:2] == [
        "DPRK munitions transfers to Russia (occurrence)",
        "Maritime munitions shipments, DPRK to Russia (count)",
    ]
    assert "Artillery rounds shipped, DPRK to Russia (count)" in subjects
    # One voice alone, uncontested, is evidence, not a key judgment.
    assert "Distance between Najin and Dunay (km)" not in subjects
    assert (
        "- **Distance between Najin and Dunay (km).** Bloomberg reports about 180 km."
        in najin_brief
    )
    rounds = next(text for _, s, text in judgments if s.startswith("Artillery rounds"))
    # NIS hedged its figure ("likely encompassing"): reported as its estimate, as a figure.
    assert rounds.startswith(
        "NIS estimates more than 1 million rounds between Aug 2023 and Dec 2023.[^"
    )
    # Three origins report shipment counts (NIS about 10, RUSI at least 5, CSIS at least
    # 6): the judgment is the subject's estimate, where they all meet.
    shipments = next(text for _, s, text in judgments if s.startswith("Maritime"))
    assert "Taken together, the figures of 3 independent origins meet at 9 to 11 trips" in shipments
    for _, _, text in judgments:
        # Likelihood and confidence are separate sentences, each saying what it rests on.
        assert re.search(
            r"We judge (it (very likely|likely|unlikely|very unlikely|almost certain)|"
            r"there is (almost no chance|a roughly even chance)) \(\d\d–\d\d%\)"
            r"( that the figure lies there)?: ",
            text,
        ), text
        confidence = text.split("We have ", 1)[1]
        assert re.match(r"(high|moderate|low) confidence in this judgment, based on \d", confidence)
        assert not HEDGE.search(confidence)


def test_a_hedged_claim_is_its_source_assessment_not_wrapped_in_ours(najin_brief: str) -> None:
    assert (
        "CSIS assesses that there is a reasonable chance North Korea and Russia will try to "
        "obscure the sea transfers by changing ports or ships." in najin_brief
    )
    assert (
        "Soo Kim assesses that cooperation between North Korea and Russia is likely to "
        "continue into 2024." in najin_brief
    )
    assert "likely that cooperation" not in najin_brief
    assert "It is likely that there is" not in najin_brief
    # Figures as figures; "two of the types" and "multiple resolutions" as statements.
    assert "the figure is" not in najin_brief
    assert (
        "CSIS reports that the Najin transfers directly violate multiple UN Security "
        "Council resolutions." in najin_brief
    )


def test_the_dprk_denial_is_listed_once_with_all_it_contradicts(najin_brief: str) -> None:
    contested = section(najin_brief, "What is contested")
    items = [line for line in contested.splitlines() if line.startswith("- ")]
    denial = [
        line
        for line in items
        if "has repeatedly rejected accusations" in line.split("Against it", 1)[0]
    ]
    assert len(denial) == 1
    assert "Against it, 4 independent origins (7 claims)" in denial[0]
    assert sum("has repeatedly rejected accusations" in line for line in items) == 1
    # The seven: CSIS twice, NIS once, RUSI three times, the US government once.
    against = denial[0].split("Against it", 1)[1]
    assert against.count("**Center for Strategic and International Studies**") == 2
    assert against.count("**National Intelligence Service**") == 1
    assert against.count("**Royal United Services Institute**") == 3
    assert against.count("**United States government**") == 1


def test_no_claim_id_in_the_prose_and_every_id_in_a_footnote(
    najin_db: Path, najin_brief: str
) -> None:
    with session_scope(open_database(najin_db)) as session:
        ids = list(session.exec(select(Claim.id)))
    text = "\n".join(prose(najin_brief))
    assert [i for i in ids if i in text] == []
    notes = najin_brief.split("## Notes", 1)[1]
    assert all(f"claim {i})" in notes or f"claim {i};" in notes for i in ids)


def test_dates_read_in_the_one_human_layout(najin_brief: str) -> None:
    assert "Written on 15 Jan 2024." in najin_brief
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", najin_brief)
    # Bloomberg's article is dated only to an interval: given as the interval, no finer.
    assert (
        "Bloomberg; “A dormant North Korean port near the border with Russia has sprung back "
        "to life (Bloomberg)”; 9 Dec 2023 – 27 Dec 2023." in najin_brief
    )
    assert "published 16 Oct 2023 – 31 Dec 2024" in najin_brief


def test_pinned_subjects_lead_and_dropped_ones_leave_the_key_judgments(najin_db: Path) -> None:
    engine = open_database(najin_db)
    with session_scope(engine) as session:
        for name, mark in (
            ("Distance between Najin and Dunay (km)", True),
            ("Artillery rounds shipped, DPRK to Russia (count)", False),
        ):
            subject = session.exec(select(Subject).where(Subject.name == name)).one()
            subject.key_judgment = mark
            session.add(subject)
    try:
        with session_scope(engine) as session:
            brief = write_brief(session, today=TODAY)
            key_only = write_brief(session, today=TODAY, key_only=True)
    finally:
        with session_scope(engine) as session:
            for subject in session.exec(select(Subject)):
                subject.key_judgment = None
                session.add(subject)
    judgments = re.findall(r"^\d+\. \*\*(.+?)\.\*\*", section(brief, "Key judgments"), flags=re.M)
    assert judgments[0] == "Distance between Najin and Dunay (km)"
    assert "Artillery rounds shipped, DPRK to Russia (count)" not in judgments
    assert len(judgments) == 7
    assert "The analyst pinned 1 and dropped 1." in brief
    # --key-only: the annex holds the key judgments' subjects and nothing else.
    annexed = re.findall(r"^### (.+)$", key_only.split("## Annex", 1)[1], flags=re.M)
    assert sorted(annexed) == sorted(judgments)
    assert "## Other evidence" not in key_only
