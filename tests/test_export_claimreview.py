"""`tracker export --format claimreview`: one schema.org ClaimReview per claim, as JSON-LD,
run as a user runs it (the CLI in a subprocess) on the bundled case."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_helpers import run_tracker

from tracker.interchange.claimreview import rating_value

# What schema.org and the fact-check aggregators (Google's ClaimReview guidelines) require.
REQUIRED = ("@type", "claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished")


def _tracker(db: Path, *args: str) -> subprocess.CompletedProcess:
    return run_tracker("--db", str(db), *args)


@pytest.fixture(scope="module")
def reviews(tmp_path_factory: pytest.TempPathFactory, bundled_case: Path) -> dict:
    folder = tmp_path_factory.mktemp("claimreview")
    db = folder / "case.sqlite"
    assert _tracker(db, "import", str(bundled_case)).returncode == 0
    out = folder / "reviews.jsonld"
    result = _tracker(
        db, "export", "--format", "claimreview", "--author", "Open Desk", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    scores = json.loads(_tracker(db, "score", "--json").stdout)
    return {
        "doc": json.loads(out.read_text(encoding="utf-8")),
        "scores": {c["id"]: c for c in scores["claims"]},
    }


def test_one_review_per_claim_with_every_required_property(reviews: dict) -> None:
    doc = reviews["doc"]
    assert doc["@context"] == "https://schema.org"
    graph = doc["@graph"]
    assert len(graph) == 71  # the bundled case's claims
    assert len({r["@id"] for r in graph}) == 71
    for review in graph:
        for key in REQUIRED:
            assert key in review, f"{review['@id']}: no {key}"
        assert review["@type"] == "ClaimReview"
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["alternateName"]
        assert review["author"] == {"@type": "Organization", "name": "Open Desk"}
        assert len(review["datePublished"]) == 10  # an ISO day


def test_the_claim_names_its_author_and_first_appearance(reviews: dict) -> None:
    graph = {r["@id"]: r for r in reviews["doc"]["@graph"]}
    review = graph["urn:tracker:claim:nis-shipments-about-10"]
    assert review["claimReviewed"].startswith("About 10 shipments of weapons")
    item = review["itemReviewed"]
    # claims.yaml: NIS, read in Bloomberg (2023-12-09/27) and Euromaidan Press (later).
    assert item["author"] == {"@type": "Organization", "name": "National Intelligence Service"}
    assert item["firstAppearance"]["publisher"]["name"] == "Bloomberg"
    assert item["datePublished"] == "2023-12-09"
    assert len(item["appearance"]) == 2


def test_rating_follows_credibility(reviews: dict) -> None:
    for review in reviews["doc"]["@graph"]:
        claim = review["@id"].removeprefix("urn:tracker:claim:")
        credibility = reviews["scores"][claim]["credibility"]
        rating = review["reviewRating"]
        assert (rating.get("ratingValue"), rating["bestRating"], rating["worstRating"]) == (
            rating_value(credibility),
            5,
            1,
        )
        if credibility == 6:
            assert "on the source's grade alone" in rating["ratingExplanation"]


def test_the_admiralty_scale_maps_best_to_best() -> None:
    # 1 confirmed is the best rating, 5 improbable the worst; 6 has no number.
    assert [rating_value(c) for c in range(1, 7)] == [5, 4, 3, 2, 1, None]
