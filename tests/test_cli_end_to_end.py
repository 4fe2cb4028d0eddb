"""The command line as a user runs it: `python -m tracker` in a subprocess on a temp SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from tracker.importers.reading import decode


def tracker(*args: str, stdin: str | None = None, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "TRACKER_DB": "", **(env or {})},
        timeout=120,
    )


def test_bundled_case_imports_lists_every_claim_and_reimports_nothing(
    tmp_path: Path, bundled_case: Path
) -> None:
    db = str(tmp_path / "t.sqlite")
    first = tracker("--db", db, "import", str(bundled_case))
    assert first.returncode == 0, first.stderr
    # Counted by hand in imports/najin-2023: sources.yaml lists 49 sources, five
    # articles, claims.yaml 71 claims with 140 attributions between them, hypotheses.yaml
    # three hypotheses with 36 ratings between them.
    assert first.stdout.strip() == (
        "8 files (8 new, 0 changed, 0 unchanged, 0 failed): "
        "49 sources, 5 documents, 71 claims, 140 attributions, 3 hypotheses and 36 ratings added"
    )

    listed = tracker("--db", db, "claims", "--json")
    assert listed.returncode == 0, listed.stderr
    claims = json.loads(listed.stdout)
    curated = yaml.safe_load(
        decode(bundled_case / "claims.yaml", (bundled_case / "claims.yaml").read_bytes())
    )
    assert len(curated) >= 25
    assert sorted(c["id"] for c in claims) == sorted(c["id"] for c in curated)
    by_id = {c["id"]: c for c in claims}
    for claim in curated:
        got = by_id[claim["id"]]
        assert [a["quote"] for a in got["attributions"]] == [
            a["quote"] for a in claim["attributions"]
        ]
        assert got["subject"] == claim["subject"] and got["text"] == claim["text"]

    again = tracker("--db", db, "import", str(bundled_case))
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == (
        "8 files (0 new, 0 changed, 8 unchanged, 0 failed): nothing added or updated"
    )
    assert json.loads(tracker("--db", db, "claims", "--json").stdout) == claims


def test_bad_file_exits_1_with_one_line_and_good_files_still_import(
    tmp_path: Path, small_case: Path
) -> None:
    (small_case / "zz-broken.md").write_bytes(b"---\ntitle: \xff\n---\ntext\n")
    db = str(tmp_path / "t.sqlite")
    result = tracker("--db", db, "import", str(small_case))
    assert result.returncode == 1
    assert result.stderr == (
        f"tracker: {small_case / 'zz-broken.md'}:2: not UTF-8 text (byte 0xff cannot be decoded)\n"
    )
    assert "5 files (4 new, 0 changed, 0 unchanged, 1 failed): " in result.stdout
    assert len(json.loads(tracker("--db", db, "claims", "--json").stdout)) == 2


def test_missing_path_and_unknown_document_are_one_line_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "t.sqlite")
    missing = tracker("--db", db, "import", str(tmp_path / "nope.md"))
    assert missing.returncode == 1
    assert missing.stderr == f"tracker: {tmp_path / 'nope.md'}: no such file\n"
    unknown = tracker("--db", db, "documents", "nope")
    assert (unknown.returncode, unknown.stderr) == (1, "tracker: no document 'nope'\n")


def test_article_text_is_printed_as_data_not_markup(tmp_path: Path) -> None:
    article = tmp_path / "tricky.md"
    article.write_text(
        "---\ntitle: Tricky\noutlet: Bloomberg\n---\nSee [bold red]this[/bold red] and [link].\n",
        encoding="utf-8",
    )
    env = {"TRACKER_DB": str(tmp_path / "t.sqlite")}
    assert tracker("import", str(article), env=env).returncode == 0
    shown = tracker("documents", "tricky", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "See [bold red]this[/bold red] and [link]." in shown.stdout
    sources = json.loads(tracker("sources", "--json", env=env).stdout)
    assert sources == [
        {
            "name": "Bloomberg",
            "short": None,
            "aliases": [],
            "kind": "outlet",
            "parent": None,
            "group": "Bloomberg",
            "reliability": "F",
        }
    ]


def test_export_then_import_restores_the_case(tmp_path: Path, small_case: Path) -> None:
    source_db, target_db = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    assert tracker("--db", source_db, "import", str(small_case)).returncode == 0
    backup = tmp_path / "backup.json"
    exported = tracker("--db", source_db, "export", "-o", str(backup))
    assert exported.returncode == 0, exported.stderr
    restored = tracker("--db", target_db, "import", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert tracker("--db", target_db, "export").stdout == backup.read_text(encoding="utf-8")


def test_normalize_json_and_jsonl(tmp_path: Path) -> None:
    text = "NIS told lawmakers there had been about 10 shipments since August."
    one = tracker("normalize", text, "--anchor", "2023-12-27", "--json")
    assert one.returncode == 0, one.stderr
    result = json.loads(one.stdout)
    assert result["anchor"] == "2023-12-27"
    (quantity,) = result["quantities"]
    assert {k: quantity[k] for k in ("text", "start", "end", "value", "low", "high")} == {
        "text": "about 10 shipments",
        "start": 34,
        "end": 52,
        "value": 10,
        "low": 9,
        "high": 11,
    }
    (period,) = result["times"]
    assert (period["text"], period["first"], period["last"]) == (
        "since August",
        "2023-08-01",
        "2023-12-27",
    )

    lines = "\n".join(
        [
            json.dumps({"text": text, "anchor": "2023-12-27"}),
            "{not json",
            json.dumps({"text": "in November", "anchor": "2023-12"}),
        ]
    )
    batch = tracker("normalize", "--jsonl", stdin=lines + "\n")
    assert batch.returncode == 1
    assert batch.stderr.startswith("tracker: stdin:2: malformed JSON")
    assert len(batch.stderr.splitlines()) == 1
    results = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [r["anchor"] for r in results] == ["2023-12-27", "2023-12"]
    assert results[0] == result

    bad_anchor = tracker("normalize", text, "--anchor", "yesterday")
    assert bad_anchor.returncode == 1
    assert bad_anchor.stderr.startswith("tracker: --anchor: not a date")


def test_db_upgrade_and_demo_into_a_given_database(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite")
    upgraded = tracker("--db", db, "db", "upgrade")
    assert upgraded.returncode == 0 and upgraded.stdout.startswith("schema at revision ")
    demo = tracker("--db", db, "demo")
    assert demo.returncode == 0, demo.stderr
    assert "0 failed" in demo.stdout and "documents" in demo.stdout
    again = tracker("--db", db, "demo")
    assert again.returncode == 1
    assert (
        again.stderr == f"tracker: {db}: demo builds into a fresh database; this one holds a case\n"
    )


def test_demo_without_db_rebuilds_its_own_file_in_the_user_data_dir(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    for _ in range(2):  # the second run replaces the first demo instead of refusing
        demo = tracker("demo", env=env)
        assert demo.returncode == 0, demo.stderr
    demo_db = tmp_path / "data" / "tracker" / "demo.sqlite"
    assert f"demo case in sqlite:///{demo_db}:" in demo.stdout
    claims = json.loads(tracker("--db", str(demo_db), "claims", "--json").stdout)
    assert len(claims) >= 25


def test_a_restored_backup_counts_its_hypotheses_in_words(
    tmp_path: Path, bundled_case: Path
) -> None:
    # The backup counts by table: "hypothesis" was printed as "3 hypothesis".
    source_db, target_db = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    assert tracker("--db", source_db, "import", str(bundled_case)).returncode == 0
    backup = tmp_path / "backup.json"
    assert tracker("--db", source_db, "export", "-o", str(backup)).returncode == 0
    restored = tracker("--db", target_db, "import", str(backup))
    assert restored.returncode == 0, restored.stderr
    # hypotheses.yaml of the bundled case: three hypotheses, 36 ratings.
    assert "3 hypotheses and 36 ratings added" in restored.stdout


def test_one_hypothesis_is_counted_in_the_singular() -> None:
    from tracker.importers.report import _counted

    assert _counted(1, "hypotheses") == "1 hypothesis"
    assert _counted(1, "imported file records") == "1 imported file record"
