"""`tracker export --format stix`: a STIX 2.1 bundle a CTI platform can import, run as a
user runs it (the CLI in a subprocess) on the bundled case."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import stix2
from cli_helpers import run_tracker

from tracker.interchange.stix import STIX_NAMESPACE, stix_id

REF_KEYS = ("created_by_ref", "source_ref", "target_ref")


def _tracker(db: Path, *args: str) -> subprocess.CompletedProcess:
    return run_tracker("--db", str(db), *args)


@pytest.fixture(scope="module")
def case_db(tmp_path_factory: pytest.TempPathFactory, bundled_case: Path) -> Path:
    db = tmp_path_factory.mktemp("stix") / "case.sqlite"
    result = _tracker(db, "--analyst", "Ana Lyst", "import", str(bundled_case))
    assert result.returncode == 0, result.stderr
    return db


def _export(db: Path, out: Path, *extra: str) -> dict:
    result = _tracker(db, "export", "--format", "stix", "-o", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _by_type(bundle: dict) -> dict[str, list[dict]]:
    kinds: dict[str, list[dict]] = {}
    for obj in bundle["objects"]:
        kinds.setdefault(obj["type"], []).append(obj)
    return kinds


def test_the_bundle_parses_back_and_every_reference_resolves(case_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    bundle = _export(case_db, out)
    parsed = stix2.parse(out.read_text(encoding="utf-8"), allow_custom=True)
    assert parsed.type == "bundle"
    ids = {obj["id"] for obj in bundle["objects"]}
    assert len(ids) == len(bundle["objects"]), "an id is used twice"
    for obj in bundle["objects"]:
        assert obj["spec_version"] == "2.1"
        for key in REF_KEYS:
            if key in obj:
                assert obj[key] in ids, f"{obj['id']}: {key} {obj[key]} does not resolve"
        for ref in obj.get("object_refs", []):
            assert ref in ids, f"{obj['id']}: object_ref {ref} does not resolve"


def test_the_case_maps_onto_stix_objects(case_db: Path, tmp_path: Path) -> None:
    kinds = _by_type(_export(case_db, tmp_path / "bundle.json"))
    # The bundled case: 5 articles, 71 claims, 140 attributions (README, claims.yaml).
    assert len(kinds["report"]) == 5
    assert len(kinds["note"]) == 71
    relationships = kinds["relationship"]
    assert len(relationships) == 2 * 140
    assert {r["relationship_type"] for r in relationships} == {"states", "reported-in"}

    identities = {i["name"]: i for i in kinds["identity"]}
    assert identities["National Intelligence Service"]["identity_class"] == "organization"
    assert identities["National Intelligence Service"]["x_tracker_short"] == "NIS"
    assert identities["National Intelligence Service"]["sectors"] == ["government"]
    assert identities["Bloomberg"]["sectors"] == ["communications"]
    assert identities["John Kirby"]["identity_class"] == "individual"
    # The analyst who signs the export (the OS user unless --analyst or --author).
    assert any(i["description"] == "Who made this export of the case." for i in identities.values())

    # NIS's "about 10 shipments since August" as Bloomberg carried it (claims.yaml).
    note = next(n for n in kinds["note"] if n["x_tracker_claim"] == "nis-shipments-about-10")
    states = [r for r in relationships if r["target_ref"] == note["id"]]
    assert {r["source_ref"] for r in states} == {identities["National Intelligence Service"]["id"]}
    assert len(states) == 3  # Bloomberg once, Euromaidan Press twice
    bloomberg = next(r for r in kinds["report"] if r["x_tracker_document"] == "bloomberg-2023-12")
    # Front matter: published 2023-12-09/2023-12-27; STIX takes the earliest possible day.
    assert bloomberg["published"] == "2023-12-09T00:00:00Z"
    assert bloomberg["x_tracker_published"] == "2023-12-09/2023-12-27"
    assert note["id"] in bloomberg["object_refs"]
    assert identities["Bloomberg"]["id"] in bloomberg["object_refs"]
    carried = [
        r
        for r in relationships
        if r["relationship_type"] == "reported-in"
        and r["source_ref"] == note["id"]
        and r["target_ref"] == bloomberg["id"]
    ]
    assert [r["description"] for r in carried] == [
        "South Korea’s National Intelligence Service told lawmakers in November there had "
        "been about 10 shipments of weapons from North Korea to Russia since August"
    ]
    assert 1 <= note["x_tracker_credibility"] <= 6 and 0 <= note["confidence"] <= 100
    assert note["x_tracker_estimative"] in note["content"]


def test_independence_groups_are_groupings(case_db: Path, tmp_path: Path) -> None:
    kinds = _by_type(_export(case_db, tmp_path / "bundle.json"))
    names = {i["id"]: i["name"] for i in kinds["identity"]}
    groups = {g["name"]: {names[r] for r in g["object_refs"]} for g in kinds["grouping"]}
    us = groups["Independence group: United States government"]
    # sources.yaml: the White House, USUN and the Pentagon all sit under the US government.
    assert {"United States government", "White House", "Department of Defense"} <= us
    assert "National Intelligence Service" not in us


def test_exporting_twice_gives_the_same_bytes_and_an_edit_keeps_every_id(
    case_db: Path, tmp_path: Path, bundled_case: Path
) -> None:
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    before = _export(case_db, first)
    _export(case_db, second)
    assert first.read_bytes() == second.read_bytes()

    edited = tmp_path / "edited.sqlite"
    assert _tracker(edited, "import", str(bundled_case)).returncode == 0
    after_import = _export(edited, tmp_path / "3.json")
    edit = _tracker(edited, "edit", "nis-shipments-about-10", "--text", "About ten shipments")
    assert edit.returncode == 0, edit.stderr
    after_edit = _export(edited, tmp_path / "4.json")

    def ids(bundle: dict) -> set[str]:
        return {o["id"] for o in bundle["objects"]}

    def note(bundle: dict) -> dict:
        return next(
            o for o in bundle["objects"] if o.get("x_tracker_claim") == "nis-shipments-about-10"
        )

    # Another database built from the same files has the same ids: a platform updates.
    assert ids(after_import) == ids(before) == ids(after_edit)
    assert note(after_edit)["abstract"] == "About ten shipments"
    assert note(after_edit)["modified"] > note(after_import)["modified"]


def test_ids_are_uuid5_under_the_stix_namespace() -> None:
    import uuid

    value = stix_id("note", "nis-shipments-about-10")
    kind, _, tail = value.partition("--")
    assert kind == "note"
    parsed = uuid.UUID(tail)
    assert parsed.version == 5
    assert parsed == uuid.uuid5(STIX_NAMESPACE, "tracker:note:nis-shipments-about-10")


def test_an_unknown_format_is_one_line(case_db: Path) -> None:
    result = _tracker(case_db, "export", "--format", "stixx")
    assert result.returncode != 0
    assert "stix" in result.stderr and "Traceback" not in result.stderr


def test_a_snapshot_gives_the_report_its_sha256(tmp_path: Path) -> None:
    import hashlib

    page = tmp_path / "najin-port.html"
    page.write_bytes(
        b"<html><head><title>Najin port traffic</title>"
        b'<link rel="canonical" href="https://www.example.org/najin-port"></head><body>'
        b"<article><p>The port of Najin handled more container traffic in October than in "
        b"any month since 2019, according to satellite images reviewed by analysts.</p>"
        b"<p>Rail cars loaded with containers were seen leaving the port on three days.</p>"
        b"</article></body></html>"
    )
    db = tmp_path / "case.sqlite"
    assert _tracker(db, "import", str(page)).returncode == 0
    kinds = _by_type(_export(db, tmp_path / "bundle.json"))
    (report,) = kinds["report"]
    web = [r for r in report["external_references"] if "url" in r]
    assert web[0]["url"] == "https://www.example.org/najin-port"
    # The bytes as they were read: the file's own sha256.
    assert web[0]["hashes"] == {"SHA-256": hashlib.sha256(page.read_bytes()).hexdigest()}
