"""Limits: files far too large are refused by size, and a folder is never left.

A 200 MB file (sparse: it takes no disk and is created instantly) must be refused
from its size alone, before anything reads it. Symbolic links inside a case folder
that point outside it are not followed, and are reported.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import snapshot
from sqlmodel import Session, select

from tracker.importers import import_paths
from tracker.importers.reading import MAX_FILE_BYTES
from tracker.models import Document

HUGE = 200 * 1024 * 1024


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@pytest.mark.parametrize("name", ["claims.yaml", "huge-article.md", "page.html", "backup.json"])
def test_a_200_mb_file_is_refused_by_its_size_without_being_read(
    name: str, engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert MAX_FILE_BYTES < HUGE
    huge = _sparse(tmp_path / name, HUGE)
    before = snapshot(engine)
    started = time.perf_counter()
    report = import_paths(engine, [huge])
    # Reading (let alone parsing) 200 MB takes seconds; a stat() takes microseconds.
    assert time.perf_counter() - started < 1.0
    assert [f.error for f in report.failed] == [
        f"{huge}: file is 200 MB, above the limit of 50 MB for one case file; split it"
    ]
    assert snapshot(engine) == before


def test_a_huge_file_in_a_folder_fails_alone(engine, small_case: Path) -> None:  # type: ignore[no-untyped-def]
    _sparse(small_case / "zz-huge.md", HUGE)
    started = time.perf_counter()
    report = import_paths(engine, [small_case])
    assert time.perf_counter() - started < 5.0
    assert [f.path.name for f in report.failed] == ["zz-huge.md"]
    assert len(report.added) == 4  # sources, two articles, claims


def test_a_file_just_under_the_limit_is_not_refused_for_size(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "big.md"
    article.write_text("---\ntitle: Big\noutlet: Some Outlet\n---\nText.\n", encoding="utf-8")
    with article.open("ab") as handle:
        handle.truncate(MAX_FILE_BYTES)  # pads with NUL bytes: a binary file, not text
    report = import_paths(engine, [article])
    assert [f.error for f in report.failed] == [f"{article}: binary file, not text"]


ARTICLE = "---\ntitle: {title}\noutlet: Some Outlet\n---\nThe text of {title}.\n"


def test_symbolic_links_out_of_a_case_folder_are_not_followed(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case, outside = tmp_path / "case", tmp_path / "elsewhere"
    case.mkdir()
    outside.mkdir()
    (case / "inside.md").write_text(ARTICLE.format(title="inside"), encoding="utf-8")
    (outside / "secret.md").write_text(ARTICLE.format(title="secret"), encoding="utf-8")
    (outside / "nested").mkdir()
    (outside / "nested" / "deep.md").write_text(ARTICLE.format(title="deep"), encoding="utf-8")
    os.symlink("../elsewhere/secret.md", case / "dotdot.md")  # relative, through '..'
    os.symlink(outside / "secret.md", case / "absolute.md")
    os.symlink(outside / "nested", case / "linked-folder")
    os.symlink("inside.md", case / "alias.md")  # stays inside: fine to follow
    report = import_paths(engine, [case])
    assert report.ok
    with Session(engine) as session:
        assert sorted(session.exec(select(Document.id)).all()) == ["alias", "inside"]
    skipped = "\n".join(report.notes)
    for name in ("dotdot.md", "absolute.md", "linked-folder"):
        assert f"{case / name}: symbolic link to" in skipped
    assert "alias.md: symbolic link" not in skipped


def test_a_file_just_over_the_limit_says_by_how_much(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 200 bytes over 50 MB is 50.00019 MB: not "file is 50 MB, above the limit of 50 MB".
    over = _sparse(tmp_path / "claims.yaml", MAX_FILE_BYTES + 200)
    assert [f.error for f in import_paths(engine, [over]).failed] == [
        f"{over}: file is 50.0002 MB, above the limit of 50 MB for one case file; split it"
    ]
