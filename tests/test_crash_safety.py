"""Crash safety: an import killed with SIGKILL at random moments leaves a sound database.

Each case file is imported in one transaction together with its content-hash row,
so whatever instant the process dies at, every file is either wholly in the
database or not at all, and running the import again completes it. Articles
and claims are separate files, so the honest invariant is per file: a document
is present with its full text or absent; a claims file's claims are all present,
each with all its attributions, or none of them are.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

OUTLETS = ["Wire One", "Daily Two", "Weekly Three"]
ORIGINATORS = ["Agency Alpha", "Ministry Beta", "Institute Gamma"]
ARTICLES_PER_CLAIMS_FILE = 10


def make_case(folder: Path, articles: int) -> dict[str, dict]:
    """A synthetic case: sources, ``articles`` documents, and one claims file per ten.

    Returns, per claims file name, its claim ids and each claim's attribution count.
    """
    folder.mkdir(parents=True, exist_ok=True)
    sources = [f"- name: {n}\n  kind: outlet\n  reliability: B\n" for n in OUTLETS]
    sources += [f"- name: {n}\n  kind: agency\n  reliability: C\n" for n in ORIGINATORS]
    (folder / "sources.yaml").write_text("".join(sources), encoding="utf-8")
    expected: dict[str, dict] = {}
    for start in range(0, articles, ARTICLES_PER_CLAIMS_FILE):
        claims = []
        for n in range(start, min(start + ARTICLES_PER_CLAIMS_FILE, articles)):
            origin = ORIGINATORS[n % len(ORIGINATORS)]
            sentence = f"{origin} said there had been about {n + 3} shipments since August."
            body = "\n\n".join([f"Paragraph {k} of story {n}, background." for k in range(6)])
            (folder / f"doc-{n:04d}.md").write_text(
                f"---\nid: doc-{n:04d}\ntitle: Story {n}\noutlet: {OUTLETS[n % 3]}\n"
                f"published: 2023-12-{1 + n % 28:02d}\n---\n{sentence}\n\n{body}\n",
                encoding="utf-8",
            )
            claims.append(
                f"- id: claim-{n:04d}\n  subject: Shipments {n % 7}\n"
                f"  text: About {n + 3} shipments\n  quantity: about {n + 3} shipments\n"
                f"  period: since August\n  attributions:\n"
                f"    - source: {origin}\n      document: doc-{n:04d}\n"
                f"      quote: there had been about {n + 3} shipments since August\n"
                f"    - source: {OUTLETS[n % 3]}\n      document: doc-{n:04d}\n"
                f"      quote: Paragraph 1 of story {n}\n"
            )
        name = f"claims-{start:04d}.yaml"
        (folder / name).write_text("".join(claims), encoding="utf-8")
        ids = [f"claim-{n:04d}" for n in range(start, min(start + 10, articles))]
        expected[name] = {claim_id: 2 for claim_id in ids}
    return expected


ARTICLES = 100
ROUNDS, KILLS_PER_ROUND = 4, 6  # 24 attempts, each on a fresh database


def _import(db: Path, case: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db), "import", str(case)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _check_sound(db: Path, expected: dict[str, dict]) -> tuple[int, int]:
    """Assert the per-file invariants; returns (documents, complete claims files)."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "importedfile" not in tables:
            return 0, 0  # killed before the schema was created: the next run makes it
        documents = dict(connection.execute("SELECT id, text FROM document").fetchall())
        attributions = dict(
            connection.execute(
                "SELECT claim.id, count(attribution.id) FROM claim "
                "LEFT JOIN attribution ON attribution.claim_id = claim.id GROUP BY claim.id"
            ).fetchall()
        )
        hashes = dict(
            connection.execute("SELECT kind, count(*) FROM importedfile GROUP BY kind").fetchall()
        )
    for doc_id, text in documents.items():
        number = int(doc_id.removeprefix("doc-"))
        assert text.startswith(f"{ORIGINATORS[number % 3]} said there had been")
        assert text.endswith(f"Paragraph 5 of story {number}, background."), doc_id
    complete = 0
    for name, claims in expected.items():
        present = {claim_id: attributions.get(claim_id) for claim_id in claims}
        if all(count is None for count in present.values()):
            continue
        assert present == claims, f"{name} is half imported: {present}"
        complete += 1
    # A file's hash row is written in the same transaction as its rows.
    assert hashes.get("article", 0) == len(documents)
    assert hashes.get("claims", 0) == complete
    return len(documents), complete


def _imported_files(db: Path) -> int:
    """How many files the running import has committed so far (0 before the schema exists)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as connection:
            return connection.execute("SELECT count(*) FROM importedfile").fetchone()[0]
    except sqlite3.Error:
        return 0


def _kill_after(process: subprocess.Popen, db: Path, files: int, delay: float) -> bool:
    """SIGKILL once ``files`` files are committed and ``delay`` more seconds have passed:
    a point chosen by progress, not by the clock, so it lands inside the import on a
    fast machine and a slow one alike. False if the import ended first."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if _imported_files(db) >= files:
            time.sleep(delay)
            break
        time.sleep(0.005)
    if process.poll() is not None:
        return False
    os.kill(process.pid, signal.SIGKILL)
    return True


def test_an_import_killed_at_random_moments_leaves_whole_files_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    case = tmp_path / "case"
    expected = make_case(case, ARTICLES)
    files = 1 + ARTICLES + len(expected)  # sources.yaml, the articles, the claims files
    rng = random.Random(8)
    kills = mid_import = 0
    for round_ in range(ROUNDS):
        for attempt in range(KILLS_PER_ROUND):
            db = tmp_path / f"kill-{round_}-{attempt}.sqlite"
            process = _import(db, case)
            # Anywhere from before the first commit to the last file, and within a file.
            if _kill_after(process, db, rng.randrange(files), rng.uniform(0, 0.05)):
                kills += 1
            process.wait(timeout=30)
            state = _check_sound(db, expected) if db.exists() else (0, 0)
            if state not in ((0, 0), (ARTICLES, len(expected))):
                mid_import += 1
        # The last database of the round: a plain re-run completes the import.
        finished = _import(db, case)
        _, stderr = finished.communicate(timeout=120)
        assert finished.returncode == 0, stderr.decode()
        assert _check_sound(db, expected) == (ARTICLES, len(expected))
    print(f"{kills} kills, {mid_import} mid-import")
    assert kills >= 20, f"only {kills} runs were still going when killed"
    # The kills must really land inside imports, or the test shows nothing.
    assert mid_import >= 8, f"only {mid_import} of {kills} kills interrupted an import"


def test_reimporting_an_unchanged_file_restores_what_was_deleted_since(
    engine, small_case: Path
) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import Session, select

    from tracker.importers import import_paths
    from tracker.models import Claim, Document

    assert import_paths(engine, [small_case]).ok
    with Session(engine) as session:
        session.delete(session.get(Claim, "wh-containers"))
        session.commit()
    report = import_paths(engine, [small_case])
    # The claims file's hash is known, but one of its claims is gone: imported again,
    # and reported as added since it created a row (updated is for changed rows only).
    assert [f.path.name for f in report.added] == ["claims.yaml"]
    assert len(report.unchanged) == 3
    with Session(engine) as session:
        assert session.get(Claim, "wh-containers") is not None
        session.delete(session.get(Claim, "nis-shipments"))
        session.delete(session.get(Claim, "wh-containers"))
        session.delete(session.get(Document, "euromaidan-2023-12"))
        session.commit()
    report = import_paths(engine, [small_case])
    assert sorted(f.path.name for f in report.added) == ["claims.yaml", "euromaidan.md"]
    with Session(engine) as session:
        assert session.get(Document, "euromaidan-2023-12") is not None
        assert session.get(Claim, "nis-shipments") is not None
        assert len(session.exec(select(Claim)).all()) == 2
