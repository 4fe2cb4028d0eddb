"""Accept, attach and reject on a real SQLite file; a rejected suggestion stays rejected.

The article is a trimmed Bloomberg passage from the seeds, imported with the
real importer functions (sources, then the article), and re-imported with
changed text to check that rejections and acceptances survive a re-import.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from tracker.db import open_database, session_scope
from tracker.errors import UserError
from tracker.importers.articles import parse_markdown, store_article
from tracker.importers.sources import import_sources
from tracker.models import Attribution, Claim, RejectedSuggestion, Subject
from tracker.suggest import accept, attach, reject, suggest, suggestion_id

SOURCES = """\
- name: National Intelligence Service
  short: NIS
  aliases: ["South Korea's National Intelligence Service"]
  kind: agency
- name: Royal United Services Institute
  short: RUSI
  kind: think_tank
- name: Bloomberg
  kind: outlet
"""

NIS = (
    "South Korea’s National Intelligence Service told lawmakers in November there had been "
    "about 10 shipments of weapons from North Korea to Russia since August, likely "
    "encompassing more than 1 million rounds of artillery."
)
BYRNE = (
    "Joseph Byrne, a research fellow at RUSI, said at least five round trips were made "
    "between Najin and Dunay since late August."
)
EXPERTS = "Experts say about 2,700 rounds more per day could be fired at Ukraine."
BODY = f"A dormant North Korean port has sprung back to life.\n{NIS}\n{BYRNE}\n{EXPERTS}\n"


def _article(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bloomberg-2023-12-27.md"
    path.write_text(
        "---\ntitle: Ghost ships\noutlet: Bloomberg\npublished: 2023-12-27\n---\n" + body,
        encoding="utf-8",
    )
    return path


def _import(engine, tmp_path: Path, body: str) -> None:
    path = _article(tmp_path, body)
    with session_scope(engine) as session:
        store_article(session, parse_markdown(path, path.read_text(encoding="utf-8")))


@pytest.fixture
def suggest_db(tmp_path):
    engine = open_database(tmp_path / "case.sqlite")
    sources = tmp_path / "sources.yaml"
    sources.write_text(SOURCES, encoding="utf-8")
    with session_scope(engine) as session:
        import_sources(session, sources, SOURCES)
    _import(engine, tmp_path, BODY)
    return engine


def _by_quote(engine) -> dict[str, object]:
    with session_scope(engine) as session:
        return {s.quote: s for s in suggest(session)}


def test_suggestions_carry_speaker_hedge_figures_and_offsets(suggest_db):
    found = _by_quote(suggest_db)
    # The opening line has neither a figure nor a date.
    assert set(found) == {NIS, BYRNE, EXPERTS}
    nis = found[NIS]
    assert nis.source == "National Intelligence Service"
    assert nis.hedge == "likely"
    assert [q.text for q in nis.quantities] == ["about 10 shipments", "more than 1 million rounds"]
    since = next(t for t in nis.times if t.text == "since August")
    assert (since.first, since.last) == (date(2023, 8, 1), date(2023, 12, 27))
    assert BODY[nis.start : nis.end] == NIS
    assert found[BYRNE].source == "Royal United Services Institute"
    assert found[EXPERTS].source is None and found[EXPERTS].speaker == "Experts"


def test_ids_are_stable_across_runs_and_follow_document_and_quote(suggest_db):
    first = [s.id for s in _by_quote(suggest_db).values()]
    second = [s.id for s in _by_quote(suggest_db).values()]
    assert first == second
    assert suggestion_id("bloomberg-2023-12-27", NIS) in first


def test_accept_makes_the_claim_with_subject_hedge_figures_and_attribution(suggest_db):
    sid = suggestion_id("bloomberg-2023-12-27", NIS)
    with session_scope(suggest_db) as session:
        claim = accept(session, sid, text="About 10 shipments since August", cumulative=True)
        claim_id = claim.id
    with session_scope(suggest_db) as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        assert claim.text == "About 10 shipments since August"
        assert claim.hedge == "likely"
        assert (claim.qty_low, claim.qty_high, claim.qty_item) == (9, 11, "shipments")
        assert (claim.period_first, claim.period_last) == (date(2023, 8, 1), date(2023, 12, 27))
        subject = session.get(Subject, claim.subject_id)
        assert subject is not None and subject.cumulative
        (attribution,) = session.exec(select(Attribution)).all()
        assert attribution.quote == NIS
        assert BODY[attribution.start : attribution.end] == NIS
        assert attribution.hedge == "likely"
    # Accepted: not suggested again.
    assert NIS not in _by_quote(suggest_db)


def test_accept_with_edited_figure_normalizes_it_at_the_publication_date(suggest_db):
    sid = suggestion_id("bloomberg-2023-12-27", NIS)
    with session_scope(suggest_db) as session:
        claim = accept(
            session,
            sid,
            quantity="more than 1 million rounds",
            period="since August",
            subject="Artillery rounds, DPRK to Russia (count)",
            hedge=None,
        )
        assert claim.qty_low == 1_000_000 and claim.qty_low_open and claim.qty_high is None
        assert claim.qty_item == "rounds"
        assert claim.hedge is None
        assert claim.period_last == date(2023, 12, 27)


def test_unknown_speaker_needs_a_known_source_and_nothing_is_created(suggest_db):
    sid = suggestion_id("bloomberg-2023-12-27", EXPERTS)
    with pytest.raises(UserError, match="Experts"), session_scope(suggest_db) as session:
        accept(session, sid)
    with pytest.raises(UserError, match="not in the registry"), session_scope(suggest_db) as s:
        accept(s, sid, source="Experts Anonymous")
    with session_scope(suggest_db) as session:
        assert session.exec(select(Claim)).all() == []
        claim = accept(session, sid, source="RUSI")
        assert claim.stance == "asserts"


def test_attach_adds_an_attribution_to_an_existing_claim(suggest_db):
    with session_scope(suggest_db) as session:
        claim = accept(session, suggestion_id("bloomberg-2023-12-27", NIS))
        claim_id = claim.id
    with session_scope(suggest_db) as session:
        attribution = attach(session, suggestion_id("bloomberg-2023-12-27", BYRNE), claim_id)
        assert attribution.claim_id == claim_id
        assert attribution.quote == BYRNE
    with session_scope(suggest_db) as session:
        assert len(session.exec(select(Attribution)).all()) == 2
        with pytest.raises(UserError, match="no claim"):
            attach(session, suggestion_id("bloomberg-2023-12-27", EXPERTS), "no-such-claim")


def test_rejected_suggestion_does_not_come_back_also_after_reimport(suggest_db, tmp_path):
    sid = suggestion_id("bloomberg-2023-12-27", BYRNE)
    with session_scope(suggest_db) as session:
        reject(session, sid)
    assert BYRNE not in _by_quote(suggest_db)
    # Re-import with a new first paragraph: every offset moves, the rejection holds.
    _import(suggest_db, tmp_path, "An editor's note was added on top.\n" + BODY)
    after = _by_quote(suggest_db)
    assert BYRNE not in after
    assert NIS in after
    with session_scope(suggest_db) as session:
        (row,) = session.exec(select(RejectedSuggestion)).all()
        assert row.quote == BYRNE
        with pytest.raises(UserError, match="no such suggestion"):
            reject(session, sid)


def test_unknown_suggestion_id_is_a_clear_error(suggest_db):
    with pytest.raises(UserError, match="no such suggestion"), session_scope(suggest_db) as s:
        accept(s, "0000000000")


CASE_SOURCES = """\
- name: United States government
  aliases: [U.S. government, US]
  kind: government
- name: U.S. Mission to the UN
  short: USUN
  kind: government
  parent: United States government
- name: Center for Strategic and International Studies
  short: CSIS
  kind: think_tank
- name: CSIS Beyond Parallel
  kind: outlet
  parent: CSIS
- name: Bloomberg
  kind: outlet
- name: Euromaidan Press
  kind: outlet
"""


def _store(engine, tmp_path: Path, name: str, front: str, body: str) -> None:
    path = tmp_path / f"{name}.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    with session_scope(engine) as session:
        store_article(session, parse_markdown(path, path.read_text(encoding="utf-8")))


@pytest.fixture
def voices_db(tmp_path):
    engine = open_database(tmp_path / "voices.sqlite")
    with session_scope(engine) as session:
        import_sources(session, tmp_path / "sources.yaml", CASE_SOURCES)
    _store(
        engine,
        tmp_path,
        "csis",
        "title: Najin\noutlet: CSIS Beyond Parallel\npublished: 2023-10",
        "On Friday, October 13, 2023, the U.S. government announced that North Korea had "
        "provided Russia with more than 1,000 containers.1\n"
        "At Pier No. 3 there is a notable increase in containers between October 13 and 16.\n"
        "References\n"
        "  1. U.S. Mission to the UN (@USUN), Twitter, October 13, 2023.\n",
    )
    _store(
        engine,
        tmp_path,
        "bloomberg",
        "title: Ghost ships\noutlet: Bloomberg\npublished: 2023-12-27",
        "Najin has seen steady ship traffic since early October.\n",
    )
    _store(
        engine,
        tmp_path,
        "euromaidan",
        "title: Ghost ships – Bloomberg\n"
        "outlet: Euromaidan Press\npublished: 2023-12-28\nderived_from: [bloomberg]",
        "The Najin port has seen steady ship traffic since October.\n",
    )
    return engine


def test_own_voice_footnotes_and_re_reports(voices_db):
    with session_scope(voices_db) as session:
        found = {(s.document, s.quote[:20]): s for s in suggest(session)}
    # A footnote narrows "the U.S. government" to the mission that tweeted it.
    assert found[("csis", "On Friday, October 1")].source == "U.S. Mission to the UN"
    # CSIS Beyond Parallel's own observations are CSIS's.
    assert found[("csis", "At Pier No. 3 there ")].source == (
        "Center for Strategic and International Studies"
    )
    # A re-report's unattributed line is its origin's reporting, read in the copy.
    copied = found[("euromaidan", "The Najin port has s")]
    assert copied.source == "Bloomberg" and copied.derived_from == "bloomberg"
    assert found[("bloomberg", "Najin has seen stead")].source == "Bloomberg"


def test_caption_is_the_copying_outlets_own_and_the_country_is_the_state_named_before(
    voices_db, tmp_path
):
    with session_scope(voices_db) as session:
        import_sources(
            session,
            tmp_path / "more.yaml",
            "- name: Democratic People's Republic of Korea\n  short: North Korea\n"
            "  kind: government\n",
        )
    _store(
        voices_db,
        tmp_path,
        "euromaidan",
        "title: Ghost ships – Bloomberg\noutlet: Euromaidan Press\npublished: 2023-12-28\n"
        "derived_from: [bloomberg]",
        "The Najin port has seen steady ship traffic since October.\n"
        "Vladimir Putin and Kim Jong Un during the summit on 13 September 2023. Credit: KCNA\n"
        "Importantly, North Korea has been prohibited from selling weapons for years.\n"
        "Therefore, the country consistently denies allegations of supplying Russia.\n",
    )
    with session_scope(voices_db) as session:
        found = {s.quote[:20]: s.source for s in suggest(session, "euromaidan")}
    assert found["The Najin port has s"] == "Bloomberg"
    assert found["Vladimir Putin and K"] == "Euromaidan Press"
    assert found["Therefore, the count"] == "Democratic People's Republic of Korea"


def test_a_unique_prefix_of_an_id_is_enough_to_accept(suggest_db):
    sid = suggestion_id("bloomberg-2023-12-27", NIS)
    with session_scope(suggest_db) as session:
        claim = accept(session, sid[:6])
        (attribution,) = session.exec(select(Attribution)).all()
        assert attribution.quote == NIS and attribution.claim_id == claim.id
