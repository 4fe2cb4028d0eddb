"""Bad input: one line naming file and line or field, nothing written, good files still import."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.conftest import snapshot
from tracker.db import open_database
from tracker.importers import import_paths

PREREQUISITES = ["sources.yaml", "bloomberg.md", "euromaidan.md"]


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """Every bad input here is tried on SQLite and on a real PostgreSQL server."""
    engine = open_database(db_url)
    yield engine
    engine.dispose()


def _case_with(small_case: Path, name: str, content: str | bytes) -> Path:
    path = small_case / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _claim(quote: str = "about 10 shipments", source: str = "NIS", **fields: str) -> str:
    lines = [
        "- id: c1",
        "  subject: Shipments",
        "  text: About 10 shipments",
    ]
    lines += [f"  {k}: {v}" for k, v in fields.items()]
    lines += [
        "  attributions:",
        f"    - source: {source}",
        f"      document: {fields.get('document_override', 'bloomberg-2023-12-27')}",
        f'      quote: "{quote}"',
    ]
    return "\n".join(lines) + "\n"


BAD = {
    "malformed sources yaml": (
        "sources.yaml",
        "- name: A\n  kind: agency\n- name: [unclosed\n",
        r"sources\.yaml:4: malformed YAML: .*",
    ),
    "malformed front matter": (
        "broken.md",
        "---\ntitle: T\noutlet: [Bloomberg\n---\nText.\n",
        r"broken\.md:4: malformed YAML: .*",
    ),
    "no front matter": (
        "plain.md",
        "Just some text without a header.\n",
        r"plain\.md:1: no YAML front matter: the file must start with a '---' line",
    ),
    "front matter missing title": (
        "untitled.md",
        "---\noutlet: Bloomberg\n---\nText.\n",
        r"untitled\.md:2: front matter: missing required field 'title'",
    ),
    "front matter unknown field": (
        "extra.md",
        "---\ntitle: T\noutlet: Bloomberg\npublisehd: 2023\n---\nText.\n",
        r"extra\.md:2: front matter: unknown field 'publisehd' \(expected one of: .*\)",
    ),
    "bad publication date": (
        "baddate.md",
        "---\ntitle: T\noutlet: Bloomberg\npublished: 27/12/2023\n---\nText.\n",
        r"baddate\.md:2: front matter: published '27/12/2023': not a date .*",
    ),
    "impossible day": (
        "feb30.md",
        "---\ntitle: T\noutlet: Bloomberg\npublished: 2023-02-30\n---\nText.\n",
        r"feb30\.md:2: front matter: published: no such date: '2023-02-30' "
        r"\(February 2023 has 28 days\)",
    ),
    "impossible month": (
        "month13.md",
        "---\ntitle: T\noutlet: Bloomberg\npublished: 2023-13-45\n---\nText.\n",
        r"month13\.md:2: front matter: published: no such date: '2023-13-45' "
        r"\(there is no month 13\)",
    ),
    "outlet close to a known one but not certain": (
        "outlet.md",
        "---\ntitle: T\noutlet: Bloomberg Newz\n---\nText.\n",
        r"outlet\.md:2: front matter: outlet 'Bloomberg Newz' is not a known source; "
        r"closest: Bloomberg \(\d+\).*",
    ),
    "derived from an unknown document": (
        "derived.md",
        "---\ntitle: T\noutlet: Bloomberg\nderived_from: [nowhere]\n---\nText.\n",
        r"derived\.md:2: front matter: derived_from: unknown document 'nowhere' "
        r"\(import it first\)",
    ),
    "empty file": ("claims.yaml", "", r"claims\.yaml: file is empty"),
    "whitespace-only file": ("claims.yaml", "  \n\n", r"claims\.yaml: file is empty"),
    "binary file": (
        "image.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        r"image\.md: binary file, not text",
    ),
    "non-UTF-8 file": (
        "latin.md",
        "---\ntitle: Caf\xe9\noutlet: Bloomberg\n---\nText.\n".encode("latin-1"),
        r"latin\.md:2: not UTF-8 text \(byte 0xe9 cannot be decoded\)",
    ),
    "claim missing its text": (
        "claims.yaml",
        "- id: c1\n  subject: S\n  attributions: []\n",
        r"claims\.yaml:1: claim 'c1': missing required field 'text'",
    ),
    "claim without attributions": (
        "claims.yaml",
        "- id: c1\n  subject: S\n  text: T\n",
        r"claims\.yaml:1: claim 'c1': missing required field 'attributions'",
    ),
    "claim with a bad stance": (
        "claims.yaml",
        _claim(stance="maybe"),
        r"claims\.yaml:1: claim 'c1': stance 'maybe' is not one of .*",
    ),
    "unknown source": (
        "claims.yaml",
        _claim(source="Korea Herald"),
        r"claims\.yaml:5: claim 'c1': attribution: unknown source 'Korea Herald'; closest: .*",
    ),
    "quote not in its document": (
        "claims.yaml",
        _claim(quote="about 12 shipments of weapons from North Korea"),
        r"claims\.yaml:5: claim 'c1': quote not found in document 'bloomberg-2023-12-27'; "
        r"closest passage: 'about 10 shipments of weapons from North Korea.*'",
    ),
    "unknown document": (
        "claims.yaml",
        _claim().replace("bloomberg-2023-12-27", "bloomberg-2024"),
        r"claims\.yaml:5: claim 'c1': attribution: unknown document 'bloomberg-2024' "
        r"\(known: bloomberg-2023-12-27, euromaidan-2023-12\)",
    ),
    "claims json malformed": (
        "claims.json",
        '[{"id": "c1",\n  "subject": }]',
        r"claims\.json:2: malformed JSON: Expecting value",
    ),
    "claims csv without header": (
        "claims.csv",
        "c1,Shipments,text\n",
        r"claims\.csv:1: CSV needs a header row with at least: id, subject, text, source",
    ),
    "source with an unknown kind": (
        "more-sources.yaml",
        "- name: RUSI\n  kind: thinktank\n",
        r"more-sources\.yaml:1: source 'RUSI': unknown kind 'thinktank' \(.*think_tank.*\)",
    ),
    "source with a bad grade": (
        "more-sources.yaml",
        "- name: RUSI\n  kind: think_tank\n  reliability: G\n",
        r"more-sources\.yaml:1: source 'RUSI': reliability 'G' is not a grade A-F",
    ),
    "near-duplicate source": (
        "more-sources.yaml",
        "- name: Natonal Intelligence Service\n  kind: agency\n",
        r"more-sources\.yaml:1: source 'Natonal Intelligence Service' is nearly the same as "
        r"existing source 'National Intelligence Service' \(match \d+\); use that name, or add "
        r"it as an alias",
    ),
    "alias already naming another source": (
        "more-sources.yaml",
        "- name: Korea Herald\n  aliases: [NIS]\n  kind: outlet\n",
        r"more-sources\.yaml:1: source 'Korea Herald': 'NIS' already names "
        r"'National Intelligence Service'",
    ),
    "unknown parent": (
        "more-sources.yaml",
        "- name: RUSI\n  kind: think_tank\n  parent: Ministry of Defense\n",
        r"more-sources\.yaml:1: source 'RUSI': unknown parent 'Ministry of Defense'; closest: .*",
    ),
    "not a case file": ("notes.docx", "text", r"notes\.docx: not a case file .*"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_file_fails_with_one_line_and_writes_nothing(engine, small_case, name) -> None:
    file_name, content, expected = BAD[name]
    (small_case / "claims.yaml").unlink()
    assert import_paths(engine, [small_case / p for p in PREREQUISITES]).ok
    before = snapshot(engine)
    bad = _case_with(small_case, file_name, content)

    report = import_paths(engine, [bad])

    (failed,) = report.failed
    assert failed.error is not None and "\n" not in failed.error
    assert failed.error.startswith(str(bad)), failed.error
    message = failed.error[len(str(bad.parent)) + 1 :]
    assert re.fullmatch(expected, message), message
    assert snapshot(engine) == before


def test_one_bad_file_in_a_folder_does_not_stop_the_good_ones(engine, small_case) -> None:
    _case_with(small_case, "broken.md", "---\ntitle: [\n---\nText\n")
    report = import_paths(engine, [small_case])
    assert [f.path.name for f in report.failed] == ["broken.md"]
    assert sorted(f.path.name for f in report.added) == [
        "bloomberg.md",
        "claims.yaml",
        "euromaidan.md",
        "sources.yaml",
    ]


def test_a_failed_claims_file_leaves_no_claim_behind(engine, small_case) -> None:
    """The first claim is fine, the second is bad: the whole file is rolled back."""
    claims = small_case / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("1,000 containers", "2,000 containers"),
        encoding="utf-8",
    )
    report = import_paths(engine, [small_case])
    (failed,) = report.failed
    assert "claim 'wh-containers': quote not found" in (failed.error or "")
    tables = snapshot(engine)
    assert tables["claim"] == [] and tables["attribution"] == [] and tables["subject"] == []
    assert not [e for e in tables["auditentry"] if e["table_name"] in ("claim", "attribution")]


def test_a_name_equally_close_to_two_sources_is_ambiguous_not_guessed(engine, small_case) -> None:
    more = _case_with(
        small_case,
        "more-sources.yaml",
        "- name: US Mission to the UN\n  kind: government\n"
        "- name: UK Mission to the UN\n  kind: government\n",
    )
    (small_case / "claims.yaml").unlink()
    report = import_paths(engine, [small_case / p for p in PREREQUISITES] + [more])
    assert report.ok, [f.error for f in report.failed]
    assert report.notes == [
        f"{more}: sources 'UK Mission to the UN' and 'US Mission to the UN' are listed as "
        "different sources though their names are close (match 95)"
    ]
    before = snapshot(engine)
    bad = _case_with(small_case, "claims.yaml", _claim(source="U Mission to the UN"))
    (failed,) = import_paths(engine, [bad]).failed
    # "u mission to the un" is one insertion away from each (2*19/39 = 97%).
    assert failed.error is not None and failed.error.startswith(
        f"{bad}:5: claim 'c1': attribution: ambiguous source 'U Mission to the UN'; "
        "closest: US Mission to the UN (97), UK Mission to the UN (97), "
    )
    assert snapshot(engine) == before
