"""A big claims file reports its progress by rows written, not only once it is done."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, func, select

from tracker.importers import import_paths
from tracker.models import Claim


def test_a_claims_file_of_many_rows_reports_each_batch(engine, small_case: Path) -> None:
    assert import_paths(engine, [small_case]).ok
    big = small_case.parent / "many-claims.yaml"
    big.write_text(
        "".join(
            f"- id: c{n:04d}\n  subject: Containers\n  text: Claim {n}\n  attributions:\n"
            f"    - source: White House\n      document: bloomberg-2023-12-27\n"
            f"      quote: more than 1,000 containers\n"
            for n in range(1200)
        ),
        encoding="utf-8",
    )
    told: list[tuple[str, int, int]] = []
    report = import_paths(
        engine, [big], rows=lambda p, done, total: told.append((p.name, done, total))
    )
    assert report.ok, [f.error for f in report.failed]
    # Batches of 500 rows, then the rest: 500, 1000, 1200 of 1200.
    assert told == [
        ("many-claims.yaml", 500, 1200),
        ("many-claims.yaml", 1000, 1200),
        ("many-claims.yaml", 1200, 1200),
    ]
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Claim)).one() == 1202
