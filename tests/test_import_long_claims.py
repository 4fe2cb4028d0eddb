"""A long claims file is read a claim at a time, never whole, and loses none of the
guarantees of a short one: a bad claim deep in it is named by its own line, and the
batches of claims written before it are rolled back with it.

The files are written here line by line, so every expected line number is counted
from how the file was built, not read back from the importer.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_helpers import one_line_error, run_tracker
from conftest import snapshot
from sqlmodel import Session, select

from tracker.db import open_database
from tracker.importers import import_paths
from tracker.models import Attribution

# Three batches of 500 claims are written before the bad one is reached.
ROWS = 1600
BAD = 1550
DOCUMENT = "bloomberg-2023-12-27"
QUOTE = "more than 1,000 containers"
NOT_QUOTED = "no such words in the article"


def _claim(k: int, quote: str = QUOTE) -> dict:
    return {
        "id": f"c{k:05d}",
        "subject": "Containers",
        "text": f"Claim {k}",
        "attributions": [{"source": "White House", "document": DOCUMENT, "quote": quote}],
    }


def _yaml(claims: list[dict]) -> tuple[str, int]:
    """Seven lines per claim; returns the text and the line of claim BAD's attribution."""
    lines: list[str] = []
    for c in claims:
        (a,) = c["attributions"]
        lines += [
            f"- id: {c['id']}",
            f"  subject: {c['subject']}",
            f"  text: {c['text']}",
            "  attributions:",
            f"    - source: {a['source']}",
            f"      document: {a['document']}",
            f"      quote: {json.dumps(a['quote'])}",
        ]
    # Claim k (from 0) starts on line 7k + 1; its attribution on line 7k + 5.
    return "\n".join(lines) + "\n", 7 * BAD + 5


def _json(claims: list[dict]) -> tuple[str, int]:
    """'[' on line 1, then one claim per line: claim k on line k + 2."""
    body = ",\n".join(json.dumps(c) for c in claims)
    return "[\n" + body + "\n]\n", BAD + 2


def _csv(claims: list[dict]) -> tuple[str, int]:
    """The header on line 1, then one row per claim: claim k on line k + 2."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "subject", "text", "source", "document", "quote"])
    for c in claims:
        (a,) = c["attributions"]
        writer.writerow([c["id"], c["subject"], c["text"], a["source"], a["document"], a["quote"]])
    return out.getvalue(), BAD + 2


WRITERS = {"yaml": _yaml, "json": _json, "csv": _csv}


def _imported_case(small_case: Path, tmp_path: Path) -> Path:
    database = tmp_path / "case.sqlite"
    assert run_tracker("--db", str(database), "import", str(small_case)).returncode == 0
    return database


def _unchanged_by(database: Path, claims: Path, *words: str) -> str:
    engine = open_database(str(database))
    before = snapshot(engine)
    line = one_line_error(run_tracker("--db", str(database), "import", str(claims)), *words)
    assert snapshot(engine) == before
    engine.dispose()
    return line


@pytest.mark.parametrize("form", ["yaml", "json", "csv"])
def test_a_bad_claim_deep_in_a_long_file_is_named_by_its_line_and_nothing_is_kept(
    form: str, small_case: Path, tmp_path: Path
) -> None:
    database = _imported_case(small_case, tmp_path)
    claims = [_claim(k, NOT_QUOTED if k == BAD else QUOTE) for k in range(ROWS)]
    text, line = WRITERS[form](claims)
    path = tmp_path / f"long-claims.{form}"
    path.write_text(text, encoding="utf-8")
    _unchanged_by(database, path, f"{path}:{line}: claim 'c{BAD:05d}': quote not found in document")


@pytest.mark.parametrize("form", ["yaml", "json"])
def test_malformed_text_deep_in_a_long_file_is_named_by_its_line(
    form: str, small_case: Path, tmp_path: Path
) -> None:
    database = _imported_case(small_case, tmp_path)
    text, _ = WRITERS[form]([_claim(k) for k in range(ROWS)])
    lines = text.splitlines()
    if form == "yaml":
        # Claim BAD's text (line 7 * BAD + 3) opens a flow list it never closes; the
        # parser finds out on the next line, where a plain key cannot be.
        lines[7 * BAD + 2] = "  text: [Claim"
        where, problem = 7 * BAD + 4, "malformed YAML"
    else:
        lines[BAD + 1] = lines[BAD + 1].removesuffix(",")  # claim BAD on line BAD + 2
        where, problem = BAD + 3, "malformed JSON: Expecting ',' delimiter"
    path = tmp_path / f"broken-claims.{form}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _unchanged_by(database, path, f"{path}:{where}: {problem}")


def test_a_claim_listed_twice_deep_in_a_long_file_names_both_lines(
    small_case: Path, tmp_path: Path
) -> None:
    database = _imported_case(small_case, tmp_path)
    claims = [_claim(k) for k in range(ROWS)]
    claims[BAD]["id"] = claims[3]["id"]
    text, _ = _yaml(claims)
    path = tmp_path / "twice.yaml"
    path.write_text(text, encoding="utf-8")
    # Claim 3 starts on line 7 * 3 + 1 = 22; claim BAD on line 7 * BAD + 1.
    _unchanged_by(
        database, path, f"{path}:{7 * BAD + 1}: claim 'c00003' is listed twice (first on line 22)"
    )


def test_csv_rows_of_one_claim_apart_from_each_other_still_make_one_claim(
    engine, small_case: Path
) -> None:
    assert import_paths(engine, [small_case]).ok
    rows = [
        ["id", "subject", "text", "source", "document", "quote"],
        ["apart", "Containers", "Apart", "White House", DOCUMENT, QUOTE],
        ["between", "Containers", "Between", "White House", DOCUMENT, QUOTE],
        ["apart", "", "", "NIS", DOCUMENT, "about 10 shipments of weapons"],
    ]
    path = small_case / "apart.csv"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    report = import_paths(engine, [path])
    assert report.ok, [f.error for f in report.failed]
    with Session(engine) as session:
        quotes = session.exec(
            select(Attribution.quote).where(Attribution.claim_id == "apart")
        ).all()
    assert sorted(quotes) == ["about 10 shipments of weapons", QUOTE]


def test_a_file_changed_while_it_is_imported_is_refused_and_nothing_is_kept(
    small_case: Path, tmp_path: Path
) -> None:
    # The file is read in passes (ids, then batches): an editor saving it between them
    # must not leave a mix of two versions in the case.
    database = _imported_case(small_case, tmp_path)
    text, _ = _yaml([_claim(k) for k in range(ROWS)])
    path = tmp_path / "edited-meanwhile.yaml"
    path.write_text(text, encoding="utf-8")
    engine = open_database(str(database))
    before = snapshot(engine)

    def save_once(where: Path, done: int, total: int) -> None:
        if done == 500:  # after the first batch is written
            where.write_text(text.replace("Claim 1599", "Claim 1599, edited"), encoding="utf-8")

    report = import_paths(engine, [path], rows=save_once)
    (failed,) = report.failed
    assert failed.error == f"{path}: changed while it was being imported; import it again"
    assert snapshot(engine) == before
    engine.dispose()
