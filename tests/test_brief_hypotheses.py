"""The brief's competing hypotheses (issue 17): the bundled case's section read against
hypotheses.yaml and `tracker ach`, no section without hypotheses, a hostile title and
claim that cannot break the table, and the wording of non-diagnostic and sensitive claims.

Figures checked by hand (weights from the annex's credibility and corroboration, as
tracker/ach/case.py weighs them: CREDIBILITY_WEIGHT x (0.5 + 0.5 x corroboration)):
the two DPRK denials, credibility 5, uncorroborated: 0.1 x 0.5 = 0.05 each;
us-munitions-delivered-to-tikhoretsk and bloomberg-ais-off, credibility 1, corroboration
0.60: 0.80; rusi-round-trips-at-least-5, credibility 2, corroboration 0.84: 0.74;
rusi-vessels-carry-arms, credibility 2, corroboration 0.40: 0.56. Against the sea route
only the two denials (0.10); against rail 0.80 + 0.74 + 0.56 + 0.25 + 0.25 + 0.05 + 0.05
= 2.70; against ordinary trade 2 x 0.80 + 2 x 0.56 + 0.80 + 0.74 + 0.25 + 0.25 = 4.76.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from cli_helpers import run_tracker
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from test_brief_language import HEDGE, sentences

from tracker.ach.case import add_hypothesis, rate, remove_hypothesis
from tracker.brief import write_brief
from tracker.db import open_database, session_scope
from tracker.models import Claim

TODAY = date(2024, 1, 15)
HEADING = "## Competing hypotheses"


@pytest.fixture(scope="module")
def najin_db(tmp_path_factory: pytest.TempPathFactory, bundled_case: Path) -> Path:
    db = tmp_path_factory.mktemp("najin") / "najin.sqlite"
    result = run_tracker("--db", str(db), "import", str(bundled_case))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def copy_db(najin_db: Path, tmp_path: Path) -> Path:
    """The imported case, copied: each test edits its own."""
    db = tmp_path / "copy.sqlite"
    shutil.copyfile(najin_db, db)
    return db


def _brief(db: Path, **options: object) -> str:
    engine = open_database(str(db))
    try:
        with session_scope(engine) as session:
            return write_brief(session, today=TODAY, **options)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def _section(brief: str) -> str:
    return brief.split(f"{HEADING}\n", 1)[1].split("\n## ", 1)[0]


def _footnote_claims(brief: str) -> dict[str, str]:
    """Footnote number -> the claim id its definition names."""
    return dict(re.findall(r"^\[\^(\d+)\]: .*?\(.*?claim (\S+?)[);]", brief, flags=re.M))


def _rows(section: str) -> list[list[str]]:
    lines = [line for line in section.splitlines() if line.startswith("|")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]


def test_the_bundled_case_section_agrees_with_tracker_ach_and_the_ratings_file(
    najin_db: Path, bundled_case: Path
) -> None:
    brief = _brief(najin_db)
    section = _section(brief)
    # The three titles, ranked: H1 the sea route, H2 rail, H3 ordinary trade.
    assert "- **H1.** North Korean munitions go to Russia by sea through Najin. Russian" in section
    assert "- **H2.** The munitions go mostly by rail across the Tumen, not by sea. " in section
    assert "- **H3.** The Najin-Dunay traffic is ordinary trade, not munitions. " in section
    assert (
        "The evidence most favours H1 (North Korean munitions go to Russia by sea through "
        "Najin): weighted inconsistency 0.10, against 2.70 for H2 and 4.76 for H3." in section
    )
    assert "not one it proves" in section
    # The bundled ratings leave no claim rated alike and no single claim decisive.
    assert "Every rated claim is rated differently under at least two hypotheses" in section
    assert "No single claim's removal or reversal changes which hypothesis leads." in section

    rows = _rows(section)
    assert rows[0] == ["Claim", "Weight", "H1", "H2", "H3"]
    assert rows[-1] == ["**Weighted inconsistency**", "", "**0.10**", "**2.70**", "**4.76**"]
    body = rows[2:-1]
    # Each row is the claim its footnotes name, rated as hypotheses.yaml rates it.
    spec = yaml.safe_load((bundled_case / "hypotheses.yaml").read_text(encoding="utf-8"))
    rated = {h["id"]: {r["claim"]: r["rating"] for r in h["ratings"]} for h in spec}
    notes = _footnote_claims(brief)
    order = ["sea-through-najin", "mostly-rail", "ordinary-trade"]
    seen = {}
    for cells in body:
        ids = {notes[n] for n in re.findall(r"\[\^(\d+)\]", cells[0])}
        assert len(ids) == 1, cells[0]
        claim = ids.pop()
        assert cells[2:] == [rated[h][claim] for h in order], claim
        seen[claim] = float(cells[1])
    assert set(seen) == set(rated["sea-through-najin"])
    # The weights are `tracker ach`'s, heaviest first.
    ach = run_tracker("--db", str(najin_db), "ach", "--json")
    assert ach.returncode == 0, ach.stderr
    data = json.loads(ach.stdout)
    assert data["ranking"] == order
    assert seen == {c["id"]: round(c["weight"], 2) for c in data["claims"]}
    assert list(seen.values()) == sorted(seen.values(), reverse=True)
    assert seen["dprk-denies-shipments"] == 0.05 and seen["rusi-vessels-carry-arms"] == 0.56
    # Neither claim nor hypothesis ids in the prose: the footnotes carry the claims'.
    prose = "\n".join(line for line in section.splitlines() if not line.startswith("|"))
    assert not [i for i in [*seen, *order] if i in prose]


def test_the_section_sits_after_what_is_contested(najin_db: Path) -> None:
    headings = re.findall(r"^## (.+)$", _brief(najin_db), flags=re.M)
    assert headings.index("Competing hypotheses") == headings.index("What is contested") + 1


def test_no_section_without_hypotheses(copy_db: Path) -> None:
    engine = open_database(str(copy_db))
    with session_scope(engine) as session:
        for h in ("sea-through-najin", "mostly-rail", "ordinary-trade"):
            remove_hypothesis(session, h)
    engine.dispose()
    brief = _brief(copy_db)
    assert "Competing hypotheses" not in brief and "inconsistency" not in brief
    assert "## What is contested" in brief and "## Reporting discrepancies" in brief


def _hostile_case(db: Path, title: str, claim_text: str) -> None:
    engine = open_database(str(db))
    with session_scope(engine) as session:
        for h in ("sea-through-najin", "mostly-rail", "ordinary-trade"):
            remove_hypothesis(session, h)
        claim = session.get(Claim, "bloomberg-ais-off")
        assert claim is not None
        claim.text = claim_text
        session.add(claim)
        add_hypothesis(session, "evil", title, description="`desc` | [^3]\n## heading")
        add_hypothesis(session, "plain", "Plain explanation")
        rate(session, "evil", "bloomberg-ais-off", "CC")
        rate(session, "plain", "bloomberg-ais-off", "I")
        rate(session, "evil", "rusi-vessels-carry-arms", "II")
    engine.dispose()


def test_a_hostile_title_and_claim_stay_text(copy_db: Path) -> None:
    title = "Ships | carry `arms` [^1] [link](http://evil.example) <b>bold</b>\n# not a heading"
    claim_text = "One | two `three` [^2]\n| --- | --- |\n> quote"
    _hostile_case(copy_db, title, claim_text)
    brief = _brief(copy_db)
    section = _section(brief)
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    tokens = md.parse(f"{HEADING}\n{section}")
    # One table: a header of four cells and three rows of four (two claims and the totals).
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            rows[-1].append(token.content)
    assert [len(r) for r in rows] == [4, 4, 4, 4]
    assert rows[0] == ["Claim", "Weight", "H1", "H2"]
    rendered = md.render(section)
    # The claim reads as written, newlines folded to spaces; nothing became markup.
    assert "One | two `three` [^2] | --- | --- | &gt; quote" in rendered
    assert "<code>" not in rendered and "<a href" not in rendered and "<b>" not in rendered
    assert "<h1>" not in rendered and "<h2>" not in rendered and "<blockquote>" not in rendered
    # The title in the list and in the ranking, as written on one line.
    assert (
        "Ships | carry `arms` [^1] [link](http://evil.example) &lt;b&gt;bold&lt;/b&gt; "
        "# not a heading" in rendered
    )
    # Every footnote reference in the section is one the brief defines (none forged).
    defined = set(re.findall(r"^\[\^(\d+)\]:", brief, flags=re.M))
    assert set(re.findall(r"(?<!\\)\[\^(\d+)\]", section)) <= defined
    # "evil": CC on ais-off, II on RUSI (2 x 0.56); "plain": I on ais-off (0.80).
    assert "weighted inconsistency 0.80, against 1.12 for H2." in section


def test_non_diagnostic_and_sensitive_claims_are_named_with_their_origin(copy_db: Path) -> None:
    engine = open_database(str(copy_db))
    with session_scope(engine) as session:
        for h in ("sea-through-najin", "mostly-rail", "ordinary-trade"):
            remove_hypothesis(session, h)
        add_hypothesis(session, "a", "The first explanation")
        add_hypothesis(session, "b", "The second explanation")
        # Against a: the US finding (0.80). Against b: two RUSI claims (0.74 + 0.56 =
        # 1.30). Without either RUSI claim, b's 0.74 or 0.56 falls below a's 0.80 and b
        # leads: the ranking rests on RUSI alone. The US claim's removal or reversal
        # leaves a first (it is rated N under b). Bloomberg's claim is C under both.
        for claim, under_a, under_b in (
            ("us-munitions-delivered-to-tikhoretsk", "I", "N"),
            ("rusi-round-trips-at-least-5", "C", "I"),
            ("rusi-vessels-carry-arms", "C", "I"),
            ("bloomberg-ais-off", "C", "C"),
        ):
            rate(session, "a", claim, under_a)
            rate(session, "b", claim, under_b)
    engine.dispose()
    brief = _brief(copy_db)
    section = _section(brief)
    notes = _footnote_claims(brief)

    def cited(sentence: str) -> list[str]:
        return [notes[n] for n in re.findall(r"\[\^(\d+)\]", sentence)]

    assert (
        "The evidence most favours H1 (The first explanation): weighted inconsistency 0.80, "
        "against 1.30 for H2." in section
    )
    flat = next(line for line in section.splitlines() if "not diagnostic" in line)
    assert flat.startswith(
        "One claim is rated alike under every hypothesis, so it helps choose none of them "
        "(not diagnostic): The vessels docking at Najin have turned off their maritime "
        "transponders"
    )
    assert cited(flat) == ["bloomberg-ais-off"]
    rests = next(line for line in section.splitlines() if "rests on" in line)
    assert rests.startswith(
        "Removing or reversing any one of these two claims changes which hypothesis leads, "
        "so the ranking rests on them: Two Russian ships made at least five round trips"
    )
    assert rests.endswith("Both come from one origin: Royal United Services Institute.")
    assert cited(rests) == ["rusi-round-trips-at-least-5", "rusi-vessels-carry-arms"]
    # The sentences an analyst signs: no claim id, never two hedges in one sentence.
    assert not [i for i in notes.values() if i in section.replace("claim ", "")]
    for sentence in sentences(f"{HEADING}\n\n{section}"):
        assert len(HEDGE.findall(sentence)) < 2, sentence


def test_a_tie_names_only_the_claims_that_bring_another_hypothesis_into_the_lead(
    copy_db: Path,
) -> None:
    engine = open_database(str(copy_db))
    with session_scope(engine) as session:
        for h in ("sea-through-najin", "mostly-rail", "ordinary-trade"):
            remove_hypothesis(session, h)
        for h in ("a", "b", "c"):
            add_hypothesis(session, h, f"Explanation {h}")
        # a = b = 0.80 (the US finding, I under both); c = 0.74 + 0.56 = 1.30 (RUSI).
        # Reversing Bloomberg's claim (C under a) puts b alone in front: a tie broken
        # inside the lead, which the brief named as sensitive before. Without either
        # RUSI claim, c (0.56 or 0.74) comes in front of 0.80: those two are.
        for claim, ratings in (
            ("us-munitions-delivered-to-tikhoretsk", ("I", "I", "N")),
            ("bloomberg-ais-off", ("C", "N", "N")),
            ("rusi-round-trips-at-least-5", ("N", "N", "I")),
            ("rusi-vessels-carry-arms", ("N", "N", "I")),
        ):
            for h, rating in zip("abc", ratings, strict=True):
                rate(session, h, claim, rating)
    engine.dispose()
    brief = _brief(copy_db)
    section = _section(brief)
    assert (
        "The evidence does not tell H1 (Explanation a) and H2 (Explanation b) apart: "
        "weighted inconsistency 0.80 each, against 1.30 for H3." in section
    )
    rests = next(line for line in section.splitlines() if "rests on" in line)
    assert rests.startswith(
        "Removing or reversing any one of these two claims brings another hypothesis into "
        "the shared lead, so the ranking rests on them: Two Russian ships"
    )
    notes = _footnote_claims(brief)
    assert [notes[n] for n in re.findall(r"\[\^(\d+)\]", rests)] == [
        "rusi-round-trips-at-least-5",
        "rusi-vessels-carry-arms",
    ]


def test_a_narrower_brief_scores_only_the_claims_it_holds(najin_db: Path) -> None:
    # --min-credibility 2 keeps credibility 1 and 2: the two denials (5) and the three
    # uncorroborated claims (6) leave; 7 of the 12 rated claims stay. Against the sea
    # route nothing is left; against rail 0.80 + 0.74 + 0.56 = 2.10; against ordinary
    # trade 1.60 + 1.12 + 0.80 + 0.74 = 4.26. Reversed, the US finding (CC under the sea
    # route, I under rail) puts 1.60 against the sea route and leaves rail 1.30: rail
    # would lead. No other claim's reversal or removal brings the sea route above 1.30.
    brief = _brief(najin_db, min_credibility=2)
    section = _section(brief)
    assert "Three hypotheses are weighed against seven claims" in section
    assert "Five rated claims outside this brief's scope are left out of the scores." in section
    assert "weighted inconsistency 0.00, against 2.10 for H2 and 4.26 for H3." in section
    rests = next(line for line in section.splitlines() if "rests on" in line)
    assert rests.startswith(
        "Removing or reversing this claim changes which hypothesis leads, so the ranking "
        "rests on it: North Korean munitions shipped via Najin were delivered by rail"
    )
    assert rests.endswith("It comes from one origin: United States government.")
    notes = _footnote_claims(brief)
    assert {notes[n] for n in re.findall(r"\[\^(\d+)\]", rests)} == {
        "us-munitions-delivered-to-tikhoretsk"
    }


def test_a_hypothesis_nothing_is_rated_against_is_not_called_favoured_by_evidence(
    copy_db: Path,
) -> None:
    engine = open_database(str(copy_db))
    with session_scope(engine) as session:
        add_hypothesis(session, "untested", "An explanation nobody has rated")
    engine.dispose()
    section = _section(_brief(copy_db))
    # Unrated, it has no inconsistency (0.00) and leads Heuer's ranking by arithmetic.
    assert (
        "The evidence most favours H1 (An explanation nobody has rated): weighted "
        "inconsistency 0.00, against 0.10 for H2, 2.70 for H3 and 4.76 for H4." in section
    )
    assert (
        "No claim is rated consistent or inconsistent with H1: its score is an absence of "
        "evidence, not evidence in its favour." in section
    )


def test_a_brief_whose_scope_holds_no_rated_claim_says_so(najin_db: Path) -> None:
    section = _section(_brief(najin_db, subjects=["Distance between Najin and Dunay (km)"]))
    assert "Three hypotheses are weighed against no claims" in section
    assert "12 rated claims outside this brief's scope are left out of the scores." in section
    assert "No claim in scope is rated against them: the evidence favours none." in section
    assert "|" not in section and "most favours" not in section
