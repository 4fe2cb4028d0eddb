"""One id, one definition: a second file defining a document or claim id in one run is
refused naming both files and lines; a later run's changed definition is a reported update."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from tests.conftest import SMALL_BLOOMBERG, snapshot
from tracker.importers import import_paths
from tracker.models import Claim, Document

OTHER_CLAIMS = """\
- id: wh-containers
  subject: "Containers delivered, DPRK to Russia (count)"
  text: "Rewritten by a second file"
  attributions:
    - source: White House
      document: bloomberg-2023-12-27
      quote: '"more than 1,000 containers" of equipment'
"""


def test_two_articles_with_one_id_in_one_run_refuse_the_second_naming_both(
    engine, small_case: Path
) -> None:
    copy = small_case / "zz-bloomberg-copy.md"
    copy.write_text(SMALL_BLOOMBERG.replace("A dormant", "Another"), encoding="utf-8")
    report = import_paths(engine, [small_case])
    # Five files, five results: none dropped without a word.
    assert len(report.files) == 5
    (failed,) = report.failed
    assert failed.error == (
        f"{copy}:2: document 'bloomberg-2023-12-27' is defined twice in this import: here and "
        f"in {small_case / 'bloomberg.md'}:2; rename one of them or leave one file out"
    )
    with Session(engine) as session:
        document = session.get(Document, "bloomberg-2023-12-27")
        assert document is not None and document.title.startswith("A dormant")


def test_two_claims_files_with_one_claim_id_in_one_run_leave_the_curated_claim(
    engine, small_case: Path
) -> None:
    other = small_case / "more-claims.yaml"
    other.write_text(OTHER_CLAIMS, encoding="utf-8")
    report = import_paths(engine, [small_case])
    (failed,) = report.failed
    # wh-containers starts on line 15 of SMALL_CLAIMS (counted by hand), line 1 of the other.
    assert failed.error == (
        f"{other}:1: claim 'wh-containers' is defined twice in this import: here and in "
        f"{small_case / 'claims.yaml'}:15; rename one of them or leave one file out"
    )
    with Session(engine) as session:
        claim = session.get(Claim, "wh-containers")
        assert claim is not None and claim.text == "More than 1,000 containers delivered"


def test_a_changed_definition_in_a_later_run_is_reported_as_an_update(
    engine, small_case: Path, tmp_path: Path
) -> None:
    assert import_paths(engine, [small_case]).ok
    later = tmp_path / "later.yaml"
    later.write_text(OTHER_CLAIMS, encoding="utf-8")
    report = import_paths(engine, [later])
    assert [f.status for f in report.files] == ["updated"]
    assert report.notes == [f"updated claim 'wh-containers' from {later}"]
    article = tmp_path / "bloomberg-again.md"
    article.write_text(SMALL_BLOOMBERG.replace("A dormant", "Another"), encoding="utf-8")
    report = import_paths(engine, [article])
    assert report.notes == [f"updated document 'bloomberg-2023-12-27' from {article}"]
    with Session(engine) as session:
        titles = session.exec(select(Document.title)).all()
    assert "Another North Korean port has sprung back to life" in titles


def test_one_file_named_twice_in_a_run_is_not_a_second_definition(engine, small_case: Path) -> None:
    report = import_paths(engine, [small_case, small_case / "claims.yaml"])
    assert report.ok, [f.error for f in report.failed]
    assert [f.status for f in report.files][-1] == "unchanged"
    before = snapshot(engine)
    assert import_paths(engine, [small_case]).ok
    assert snapshot(engine) == before
