"""Citation lookup on a real SQLite file: paraphrases, number formats, aliases, ranking.

The case is a slice of the bundled Najin case (the NIS artillery figure and
its copies, Bloomberg's own "one million shells" arithmetic, the Najin port
imagery, the Dunay round trips) with the articles' own quotes.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tracker.cite import cite, cite_by_scan
from tracker.cite.candidates import named_sources
from tracker.db import open_database, session_scope
from tracker.models import Attribution, Claim, Document, Source, Subject
from tracker.normalize import normalize

BLOOMBERG, EUROMAIDAN, SYNDICATION = "bloomberg-2023-12", "euromaidan-ghost-ships", "synd-12-28"


def _claim(subject: Subject, cid: str, text: str, quantity: str | None, anchor: str) -> Claim:
    claim = Claim(id=cid, subject_id=subject.id, text=text, quantity_text=quantity)
    if quantity:
        q = normalize(quantity, anchor).quantities[0]
        claim.qty_value, claim.qty_low, claim.qty_high = q.value, q.low, q.high
        claim.qty_qualifier, claim.qty_item, claim.qty_per = q.qualifier, q.item, q.per
    return claim


@pytest.fixture
def case_engine(tmp_path):  # type: ignore[no-untyped-def]
    return _build_case(tmp_path / "cite.sqlite")


def _build_case(url):  # type: ignore[no-untyped-def]
    engine = open_database(url)
    with session_scope(engine) as s:
        rok = Source(name="South Korea", kind="government", reliability="B")
        s.add(rok)
        s.flush()
        nis = Source(
            name="National Intelligence Service",
            short="NIS",
            aliases=["South Korean intelligence", "South Korea's National Intelligence Service"],
            kind="agency",
            parent_id=rok.id,
            reliability="B",
        )
        bloomberg = Source(name="Bloomberg", kind="outlet", reliability="B")
        euromaidan = Source(name="Euromaidan Press", kind="outlet", reliability="C")
        syndication = Source(name="Syndication", kind="outlet", reliability="F")
        rusi = Source(name="RUSI", kind="think_tank", reliability="B")
        s.add_all([nis, bloomberg, euromaidan, syndication, rusi])
        s.flush()
        for doc_id, outlet, day in (
            (BLOOMBERG, bloomberg, date(2023, 12, 27)),
            (EUROMAIDAN, euromaidan, date(2023, 12, 27)),
            (SYNDICATION, syndication, date(2023, 12, 28)),
        ):
            s.add(
                Document(
                    id=doc_id,
                    outlet_id=outlet.id,
                    title=f"Title of {doc_id}",
                    url=f"https://example.org/{doc_id}",
                    authors=["Ann Writer"],
                    published_text=day.isoformat(),
                    published_first=day,
                    published_last=day,
                    content_hash=doc_id,
                )
            )
        rounds = Subject(name="Artillery rounds shipped (count)", cumulative=True)
        rate = Subject(name="Extra Russian fire (rounds per day)")
        port = Subject(name="Containers handled at Najin port (count)")
        trips = Subject(name="Round trips (count)")
        s.add_all([rounds, rate, port, trips])
        s.flush()
        anchor = "2023-12-27"
        s.add_all(
            [
                _claim(
                    rounds,
                    "nis-rounds-over-1-million",
                    "The shipments since August likely amount to more than 1 million "
                    "artillery rounds (NIS)",
                    "more than 1 million rounds of artillery",
                    anchor,
                ),
                # The same figure, written up later by an outlet as its own claim: a copy.
                _claim(
                    rounds,
                    "syndication-over-million",
                    "Over a million artillery rounds went to Russia, the syndication says",
                    "over a million artillery rounds",
                    "2023-12-28",
                ),
                _claim(
                    rate,
                    "extra-million-shells-2700-rounds-per-day",
                    "An extra one million shells would let Russia fire about 2,700 more rounds "
                    "per day at Ukraine",
                    "about 2,700 rounds more per day",
                    anchor,
                ),
                _claim(
                    port,
                    "bloomberg-najin-hundreds-of-containers",
                    "Satellite imagery of Najin from October to December shows a steady stream "
                    "of ships and hundreds of shipping containers loaded and unloaded",
                    "hundreds of shipping containers",
                    anchor,
                ),
                _claim(
                    trips,
                    "rusi-dunay-trips",
                    "Two Russian ships made at least five round trips to Dunay",
                    "at least five round trips",
                    anchor,
                ),
            ]
        )
        s.flush()
        quotes = [
            (
                "nis-rounds-over-1-million",
                nis,
                EUROMAIDAN,
                "there have been about 10 shipments of North Korean weapons to Russia since "
                "August, totaling over 1 million artillery rounds",
            ),
            (
                "nis-rounds-over-1-million",
                nis,
                BLOOMBERG,
                "since August, likely encompassing more than 1 million rounds of artillery",
            ),
            (
                "syndication-over-million",
                syndication,
                SYNDICATION,
                "over a million artillery rounds have gone to Russia",
            ),
            (
                "extra-million-shells-2700-rounds-per-day",
                bloomberg,
                BLOOMBERG,
                "An extra one million shells mean about 2,700 rounds more per day Russia "
                "could fire at Ukraine",
            ),
            (
                "bloomberg-najin-hundreds-of-containers",
                bloomberg,
                BLOOMBERG,
                "Satellite imagery of the Najin port taken from October to December shows a "
                "steady stream of ships at the facility",
            ),
            (
                "rusi-dunay-trips",
                rusi,
                EUROMAIDAN,
                "at least five round trips between the port and Dunay",
            ),
        ]
        for claim_id, source, doc_id, quote in quotes:
            s.add(
                Attribution(
                    claim_id=claim_id,
                    source_id=source.id,
                    document_id=doc_id,
                    quote=quote,
                    start=0,
                    end=len(quote),
                )
            )
    return engine


@pytest.mark.parametrize(
    "query",
    ["1 million rounds", "1,000,000 shells", "over a million artillery rounds", "a million shells"],
)
def test_number_formats_and_synonyms_find_the_nis_figure_first(case_engine, query: str) -> None:
    with session_scope(case_engine) as s:
        matches = cite(s, query)
    ids = [m.claim for m in matches]
    # The originating claim first; the later outlet's copy of the figure after it.
    assert ids[:2] == ["nis-rounds-over-1-million", "syndication-over-million"]
    # Bloomberg's arithmetic mentions "one million shells" but its figure is 2,700 a day.
    assert "extra-million-shells-2700-rounds-per-day" not in ids[:2]


def test_a_different_figure_is_not_the_nis_figure(case_engine) -> None:
    with session_scope(case_engine) as s:
        top = cite(s, "2,700 rounds per day")[0]
    assert top.claim == "extra-million-shells-2700-rounds-per-day"


def test_rajin_finds_najin_through_the_place_alias(case_engine) -> None:
    with session_scope(case_engine) as s:
        matches = cite(s, "Rajin")
    assert matches[0].claim == "bloomberg-najin-hundreds-of-containers"


def test_danube_is_a_misreport_not_an_alias_of_dunay(case_engine) -> None:
    with session_scope(case_engine) as s:
        assert "rusi-dunay-trips" not in [m.claim for m in cite(s, "Danube")]
        assert cite(s, "Dunay")[0].claim == "rusi-dunay-trips"


def test_source_alias_finds_the_claims_of_that_source(case_engine) -> None:
    with session_scope(case_engine) as s:
        matches = cite(s, "South Korean intelligence")
    assert matches[0].claim == "nis-rounds-over-1-million"


def test_match_shows_origin_first_appearance_and_every_appearance(case_engine) -> None:
    with session_scope(case_engine) as s:
        match = cite(s, "1,000,000 shells")[0]
    data = match.to_json()
    assert data["claim"] == "nis-rounds-over-1-million"
    # NIS counts with its parent government: the origin is South Korea.
    assert data["origin"] == "South Korea"
    # Same day, two outlets: ties go by document id, so Bloomberg is first.
    assert data["first_appearance"] == {
        "document": BLOOMBERG,
        "outlet": "Bloomberg",
        "published": "2023-12-27",
    }
    assert [a["document"] for a in data["appearances"]] == [BLOOMBERG, EUROMAIDAN]
    assert data["appearances"][1]["quote"].endswith("totaling over 1 million artillery rounds")
    assert match.citation.startswith(
        'National Intelligence Service, via Bloomberg, "Title of bloomberg-2023-12", 27 Dec 2023'
    )


def test_index_follows_edits_and_deletes(case_engine) -> None:
    with session_scope(case_engine) as s:
        claim = s.get(Claim, "rusi-dunay-trips")
        assert claim is not None
        claim.text = "Two Russian ships made at least five round trips to Vostochny"
        s.add(claim)
    with session_scope(case_engine) as s:
        for a in s.exec(select(Attribution).where(Attribution.claim_id == "rusi-dunay-trips")):
            s.delete(a)
    with session_scope(case_engine) as s:
        assert "rusi-dunay-trips" not in [m.claim for m in cite(s, "Dunay")]
        assert cite(s, "Vostochny")[0].claim == "rusi-dunay-trips"


def test_indexed_lookup_agrees_with_the_full_scan(case_engine) -> None:
    with session_scope(case_engine) as s:
        for query in ("1 million rounds", "Najin port imagery", "round trips"):
            assert cite(s, query)[0].claim == cite_by_scan(s, query)[0].claim


def test_cite_command_prints_article_text_literally(case_engine, tmp_path) -> None:
    from typer.testing import CliRunner

    from tracker.cli import app

    with session_scope(case_engine) as s:
        claim = s.get(Claim, "rusi-dunay-trips")
        assert claim is not None
        claim.text = "Ships to Dunay [bold red]flagged[/bold red] \x1b[31m"
        s.add(claim)
    db = str(case_engine.url.database)
    result = CliRunner().invoke(app, ["--db", db, "cite", "Dunay"])
    assert result.exit_code == 0, result.output
    assert "[bold red]flagged[/bold red]" in result.output
    assert "\x1b[31m" not in result.output


HOSTILE_QUERIES = [
    '"',
    "NEAR(a b)",
    "a AND OR NOT",
    "* ^ : -",
    'Najin\'s "port"',
    "",
    "   ",
    "ü 1e309 ∞",
    "shells & !rounds | (port:*)",
    "don't <-> won't",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_text_is_data_for_the_index(case_engine, query: str) -> None:
    # FTS5 operators, quotes and odd numerals in a query never reach the index as syntax.
    with session_scope(case_engine) as s:
        assert isinstance(cite(s, query), list)


def test_same_answers_on_postgresql(pg_database_url: str) -> None:
    # PostgreSQL narrows with to_tsvector indexes (migration 0002) instead of FTS5.
    engine = _build_case(pg_database_url)
    try:
        with session_scope(engine) as s:
            for query in ("1,000,000 shells", "over a million artillery rounds"):
                assert cite(s, query)[0].claim == "nis-rounds-over-1-million"
            assert cite(s, "Rajin")[0].claim == "bloomberg-najin-hundreds-of-containers"
            assert cite(s, "South Korean intelligence")[0].claim == "nis-rounds-over-1-million"
            assert "rusi-dunay-trips" not in [m.claim for m in cite(s, "Danube")]
            # tsquery operators in a query are data there too.
            for query in HOSTILE_QUERIES:
                assert isinstance(cite(s, query), list)
            assert cite(s, "shells & !rounds | (port:*)")[0].claim == "nis-rounds-over-1-million"
    finally:
        engine.dispose()


def test_a_query_names_a_source_by_whole_words_only() -> None:
    nis = Source(id=1, name="National Intelligence Service", short="NIS")
    white_house = Source(id=2, name="The White House", aliases=["U.S. President's office"])
    sources = [nis, white_house]
    assert named_sources(sources, "what NIS said") == [nis]
    assert named_sources(sources, "nis, in March") == [nis]  # case and punctuation aside
    assert named_sources(sources, "shipments from Tunisia") == []  # not inside a word
    assert named_sources(sources, "the white   house on Najin") == [white_house]
    assert named_sources(sources, "U.S. President's office") == [white_house]
    assert named_sources(sources, "white housing") == []
