"""Importing a small case: sources, articles, claims, folders; idempotence; on both databases."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from tests.conftest import snapshot
from tracker.db import open_database
from tracker.importers import import_paths
from tracker.listing import list_claims, list_documents, list_sources
from tracker.models import Attribution, Source


def test_folder_imports_sources_articles_then_claims(db_url: str, small_case: Path) -> None:
    engine = open_database(db_url)
    report = import_paths(engine, [small_case])
    assert report.ok, [f.error for f in report.failed]
    assert [f.path.name for f in report.added] == [
        "sources.yaml",
        "bloomberg.md",
        "euromaidan.md",
        "claims.yaml",
    ]
    with Session(engine) as session:
        documents = {d["id"]: d for d in list_documents(session)}
        claims = {c["id"]: c for c in list_claims(session)}
        sources = {s["name"]: s for s in list_sources(session)}
    assert documents["euromaidan-2023-12"]["derived_from"] == ["bloomberg-2023-12-27"]
    assert documents["euromaidan-2023-12"]["published_first"] == "2023-12-01"
    assert documents["euromaidan-2023-12"]["published_last"] == "2023-12-31"
    assert documents["bloomberg-2023-12-27"]["outlet"] == "Bloomberg"
    assert sources["White House"]["group"] == "United States government"
    assert sources["NIS".replace("NIS", "National Intelligence Service")]["reliability"] == "B"
    shipments = claims["nis-shipments"]
    assert shipments["cumulative"] is True
    assert shipments["quantity"]["text"] == "about 10 shipments"
    assert [a["source"] for a in shipments["attributions"]] == [
        "National Intelligence Service",
        "National Intelligence Service",
    ]
    assert [a["document"] for a in shipments["attributions"]] == [
        "bloomberg-2023-12-27",
        "euromaidan-2023-12",
    ]
    engine.dispose()


def test_quote_offsets_point_at_the_quote_across_line_breaks(engine, small_case: Path) -> None:
    import_paths(engine, [small_case])
    with Session(engine) as session:
        attribution = session.exec(
            select(Attribution).where(Attribution.claim_id == "wh-containers")
        ).one()
        text = session.exec(select(Attribution)).first()
        assert text is not None
        from tracker.models import Document

        document = session.get(Document, attribution.document_id)
        assert document is not None
        found = document.text[attribution.start : attribution.end]
    # The file has typographic quotes; the claim was written with straight ones.
    assert found == "“more than 1,000 containers” of equipment"
    assert attribution.prefix.endswith("The White House said ")


def test_importing_again_changes_nothing(db_url: str, small_case: Path) -> None:
    engine = open_database(db_url)
    import_paths(engine, [small_case])
    before = snapshot(engine)
    report = import_paths(engine, [small_case])
    assert [f.status for f in report.files] == ["unchanged"] * 4
    assert snapshot(engine) == before
    engine.dispose()


def test_changed_article_with_same_id_updates_it_and_reanchors(engine, small_case: Path) -> None:
    import_paths(engine, [small_case])
    article = small_case / "bloomberg.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "South Korea’s National", "In a briefing, South Korea’s National"
        ),
        encoding="utf-8",
    )
    report = import_paths(engine, [article])
    assert [f.status for f in report.files] == ["updated"]
    with Session(engine) as session:
        from tracker.models import Document

        document = session.get(Document, "bloomberg-2023-12-27")
        assert document is not None and document.text.startswith("In a briefing")
        attribution = session.exec(
            select(Attribution).where(Attribution.document_id == "bloomberg-2023-12-27")
        ).first()
        assert attribution is not None
        found = document.text[attribution.start : attribution.end]
        assert " ".join(found.split()) == attribution.quote
        assert attribution.prefix.endswith("lawmakers in November ")
        assert len(session.exec(select(Source)).all()) == 5


def test_unknown_outlet_is_created_and_reported(engine, tmp_path: Path) -> None:
    article = tmp_path / "nknews.md"
    article.write_text("---\ntitle: T\noutlet: NK News\n---\nSome text.\n", encoding="utf-8")
    report = import_paths(engine, [article])
    assert report.ok
    assert any("new outlet source 'NK News'" in note for note in report.notes)
    with Session(engine) as session:
        source = session.exec(select(Source).where(Source.name == "NK News")).one()
    assert source.kind == "outlet" and source.reliability == "F"


def test_near_certain_source_spelling_is_used_and_reported(engine, small_case: Path) -> None:
    claims = small_case / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("source: White House", "source: White Houses"),
        encoding="utf-8",
    )
    report = import_paths(engine, [small_case])
    assert report.ok, [f.error for f in report.failed]
    assert any("'White Houses'" in n and "'White House'" in n for n in report.notes)


def test_html_keeps_the_article_and_drops_boilerplate(engine, tmp_path: Path) -> None:
    page = tmp_path / "wapo-2023-10-16.html"
    page.write_text(
        """<html><head><title>Page</title>
        <meta property="og:site_name" content="The Washington Post">
        <meta property="og:title" content="North Korea may be sending arms to Russia">
        <meta property="article:published_time" content="2023-10-16T05:00:00Z">
        <meta name="author" content="Ellen Nakashima, Joby Warrick"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <div class="cookie-banner"><p>We use cookies to improve your experience.</p></div>
        <article><h1>North Korea may be sending arms</h1>
        <p>The White House said more than 1,000 containers had been delivered.</p>
        <p>Satellite images show <b>rail cars</b> at Najin.</p></article>
        <aside id="donation-box"><p>Please donate to support our journalism.</p>
        <p>Give monthly and keep reporting free for all readers.</p></aside>
        <footer><p>Copyright 2023</p></footer></body></html>""",
        encoding="utf-8",
    )
    report = import_paths(engine, [page])
    assert report.ok, [f.error for f in report.failed]
    with Session(engine) as session:
        (document,) = list_documents(session, with_text=True)
    assert document["id"] == "wapo-2023-10-16"
    assert document["outlet"] == "The Washington Post"
    assert document["authors"] == ["Ellen Nakashima", "Joby Warrick"]
    assert document["published_first"] == "2023-10-16"
    assert document["text"] == (
        "North Korea may be sending arms\n\n"
        "The White House said more than 1,000 containers had been delivered.\n\n"
        "Satellite images show rail cars at Najin."
    )


def test_claims_as_json_and_csv_import_the_same_claims(engine, small_case: Path) -> None:
    import json

    import yaml

    import_paths(engine, [small_case / "sources.yaml", small_case / "bloomberg.md"])
    import_paths(engine, [small_case / "euromaidan.md"])
    data = yaml.safe_load((small_case / "claims.yaml").read_text(encoding="utf-8"))
    as_json = small_case.parent / "claims.json"
    as_json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert import_paths(engine, [as_json]).ok
    with Session(engine) as session:
        from_json = list_claims(session)

    engine2 = open_database(str(small_case.parent / "other.sqlite"))
    import_paths(engine2, [small_case / "sources.yaml", small_case / "bloomberg.md"])
    import_paths(engine2, [small_case / "euromaidan.md"])
    csv_file = small_case.parent / "claims.csv"
    rows = ["id,subject,cumulative,text,stance,quantity,period,source,document,quote"]
    for claim in data:
        for a in claim["attributions"]:
            cells = [
                claim["id"],
                claim["subject"],
                str(claim.get("cumulative", "")).lower() if "cumulative" in claim else "",
                claim["text"],
                claim.get("stance", ""),
                claim.get("quantity", ""),
                claim.get("period", ""),
                a["source"],
                a["document"],
                a["quote"],
            ]
            rows.append(",".join('"' + str(c).replace('"', '""') + '"' for c in cells))
    csv_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = import_paths(engine2, [csv_file])
    assert report.ok, [f.error for f in report.failed]
    with Session(engine2) as session:
        from_csv = list_claims(session)
    assert from_csv == from_json
    assert len(from_json) == 2 and len(from_json[0]["attributions"]) == 2


def test_changed_claims_file_updates_claims_with_the_same_id(engine, small_case: Path) -> None:
    assert import_paths(engine, [small_case]).ok
    claims = small_case / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            'text: "More than 1,000 containers delivered"',
            'text: "Over 1,000 containers delivered"\n  stance: denies',
        ),
        encoding="utf-8",
    )
    report = import_paths(engine, [claims])
    assert [(f.status, f.counts["claims"], f.counts["attributions"]) for f in report.files] == [
        ("updated", 0, 0)
    ]
    with Session(engine) as session:
        by_id = {c["id"]: c for c in list_claims(session)}
    assert (by_id["wh-containers"]["text"], by_id["wh-containers"]["stance"]) == (
        "Over 1,000 containers delivered",
        "denies",
    )
    assert len(by_id) == 2 and len(by_id["wh-containers"]["attributions"]) == 1


def test_a_claims_file_that_changes_nothing_is_unchanged_even_past_the_hash_check(
    engine, small_case
) -> None:  # type: ignore[no-untyped-def]
    # Two importers racing on one file both miss the hash row; the second then
    # writes the same values again. Forgetting the hash reproduces that path.
    from sqlmodel import Session, delete

    from tracker.models import ImportedFile

    assert import_paths(engine, [small_case]).ok
    with Session(engine) as session:
        session.exec(delete(ImportedFile))  # type: ignore[call-overload]
        session.commit()
    report = import_paths(engine, [small_case])
    assert report.added == [] and report.updated == []
    assert {f.path.name for f in report.unchanged} >= {"claims.yaml", "sources.yaml"}
