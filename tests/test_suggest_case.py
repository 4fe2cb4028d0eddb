"""Suggestions on the bundled case against the curated claims, and `tracker suggest` end to end.

The case's sources and articles are imported (not its claims, so nothing is
hidden as already attributed); the suggestions are then measured against
every attribution of ``imports/najin-2023/claims.yaml``:

- recall: the share of curated attributions that some suggestion matches: same
  document, same source (the curated source, or, when the curated source is a
  person the registry places under an organization, that organization: the
  issue asks for a person to be resolved to the affiliation the text gives),
  and quotes that overlap by at least half of the shorter one;
- precision: the share of suggestions that match a curated attribution, or that
  a reader would accept. "Would accept" is not computed by the code under
  test: it is the list ``READER_ACCEPTS`` below, which I wrote by reading each
  extra suggestion in the articles (a statement with its speaker and a figure
  or date a claim could be made of). An extra suggestion not on that list
  counts against precision.

Run with ``-s`` to see the figures and the misses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlmodel import select

from tracker.anchoring import find_quote
from tracker.db import open_database, session_scope
from tracker.importers.articles import parse_markdown, store_article
from tracker.importers.sources import import_sources
from tracker.models import Document, Source
from tracker.registry import SourceRegistry
from tracker.suggest import suggest

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "imports" / "najin-2023"

# Targets of issue 4, and the floors this implementation reaches (asserted).
RECALL_TARGET, PRECISION_TARGET = 0.90, 0.70
# Measured 2026-11-23 on 140 curated attributions: recall 126/140 (90.0%); precision
# 124/132 (93.9%) with READER_ACCEPTS, 94/132 (71.2%) matching claims.yaml alone.
RECALL_FLOOR, PRECISION_FLOOR, STRICT_PRECISION_FLOOR = 0.90, 0.90, 0.70
# Share of curated figures whose sentence is matched to the curated subject.
SUBJECT_FLOOR = 0.85  # measured 18/21

RUSI, CSIS = "Royal United Services Institute", "Center for Strategic and International Studies"
USG, WAPO = "United States government", "The Washington Post"
# Extra suggestions (matching no curated attribution) that a reader would accept as a
# claim of the suggested source: (source, the quote's opening words), each checked by
# reading the sentence in its article. Left out on purpose, so they count against
# precision: unknown generic speakers ("Experts say", "Analysts say"), sentences that
# say nothing on their own ("Analysis of the satellite data suggests otherwise.",
# "That's unlikely now"), a caption read as Bloomberg's, "allegedly" and "can't be
# confirmed" lines that the curators give to the White House and Jaewoo Shin, the White
# House as a voice of "... than the White House revealed", and Bloomberg as the voice of
# "This is when the United States accused ...".
READER_ACCEPTS: tuple[tuple[str, str], ...] = (
    ("Joseph Byrne", "That trade appears to have continued in the time since"),
    ("Joost Oliemans", "“The situation on the battlefield is impacted”"),
    ("Joost Oliemans", "“Rather than seeing a notable change in tactics"),
    ("Joost Oliemans", "“How much exactly North Korea will be able to deliver"),
    ("Joost Oliemans", "As Oliemans stated, these weapons"),
    ("Joost Oliemans", "However, Oliemans noted"),
    ("Joost Oliemans", "He expects the pace to eventually slow"),
    ("Soo Kim", "“The give-and-take between the two countries"),
    (CSIS, "• The imagery comes days after the U.S. government’s announcement"),
    ("NK News", "Subsequent reports by the Royal United Services Institute (RUSI) and NK News"),
    (RUSI, "The RUSI report identified Pier No. 3"),
    (CSIS, "The decrease in observed containers suggests the loading"),
    # The body repeats the key finding that claims.yaml quotes from the bullet list.
    (CSIS, "With the public exposure detailing these operations, there is a reasonable"),
    (CSIS, "The vessel is likely undergoing maintenance"),
    ("Bloomberg", "Recent satellite imagery indicates heightened activity"),
    ("Bloomberg", "Satellite imagery shows that a dormant North Korean port"),
    ("Bloomberg", "Analysis of satellite images suggests an ongoing exchange"),
    (RUSI, "But new satellite images, analyzed by the London-based"),
    (USG, "Although it is impossible to tell what is being transported"),
    ("Jack Watling", "“This will have a very serious effect"),
    (WAPO, "Around the time the shipments began, munition pits"),
    (USG, "Around the time the shipments began, munition pits"),
    # "U.S. officials" is an alias of the US government in sources.yaml.
    (USG, "This transfer was made between Sept. 7 and Oct. 1, U.S. officials said."),
    ("John Kirby", "“This expanding military partnership"),
    (WAPO, "North Korea is believed to have a large stockpile"),
    (RUSI, "The images show the two vessels making multiple trips"),
    (WAPO, "Military analysts recently spotted signs"),
    (WAPO, "The Angara is owned by M Leasing"),
    (RUSI, "Registration documents for the Maria show"),
)


def import_case(engine) -> None:  # type: ignore[no-untyped-def]
    """Sources, then the articles (originals before the documents derived from them)."""
    with session_scope(engine) as session:
        sources = CASE / "sources.yaml"
        import_sources(session, sources, sources.read_text(encoding="utf-8"))
        paths = sorted([*CASE.glob("*.md"), *CASE.glob("*.txt")])
        pending = {a.id: a for a in (parse_markdown(p, p.read_text("utf-8")) for p in paths)}
        while pending:
            ready = [a for a in pending.values() if not set(a.derived_from) & set(pending)]
            for article in ready or list(pending.values()):
                store_article(session, article)
                pending.pop(article.id)


@pytest.fixture(scope="module")
def case_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("case") / "case.sqlite"
    engine = open_database(path)
    import_case(engine)
    return path, engine


def _curated(session) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every curated attribution with its anchored span and acceptable source names."""
    registry = SourceRegistry.from_session(session)
    out = []
    for claim in yaml.safe_load((CASE / "claims.yaml").read_text(encoding="utf-8")):
        for a in claim["attributions"]:
            source = registry.exact(a["source"])
            assert source is not None, a["source"]
            names = {source.name}
            parent = registry.parent_of(source)
            if source.kind == "person" and parent is not None:
                names.add(parent.name)
            document = session.get(Document, a["document"])
            anchor = find_quote(document.text, a["quote"])
            assert anchor is not None, a["quote"]
            out.append(
                {
                    "claim": claim["id"],
                    "document": a["document"],
                    "sources": names,
                    "start": anchor.start,
                    "end": anchor.end,
                    "quote": a["quote"],
                }
            )
    return out


def _overlaps(s, c) -> bool:  # type: ignore[no-untyped-def]
    overlap = min(s.end, c["end"]) - max(s.start, c["start"])
    return overlap > 0 and overlap * 2 >= min(s.end - s.start, c["end"] - c["start"])


def measure(session):  # type: ignore[no-untyped-def]
    suggestions = suggest(session)
    curated = _curated(session)

    def matches(s, c) -> bool:  # type: ignore[no-untyped-def]
        return s.document == c["document"] and s.source in c["sources"] and _overlaps(s, c)

    found = [c for c in curated if any(matches(s, c) for s in suggestions)]
    missed = [c for c in curated if c not in found]
    matched = [s for s in suggestions if any(matches(s, c) for c in curated)]
    extra = [s for s in suggestions if s not in matched]
    accepted = [
        s
        for s in extra
        if any(s.source == who and s.quote.startswith(q) for who, q in READER_ACCEPTS)
    ]
    rejected = [s for s in extra if s not in accepted]
    recall = len(found) / len(curated)
    precision = (len(matched) + len(accepted)) / len(suggestions)
    print(
        f"\nmatching claims.yaml alone: {len(matched)}/{len(suggestions)}; "
        f"reader accepts {len(accepted)} more; recall {len(found)}/{len(curated)}"
    )
    strict = len(matched) / len(suggestions)
    return recall, precision, strict, missed, rejected, suggestions, curated


def test_recall_and_precision_on_the_bundled_case(case_db):
    _, engine = case_db
    with session_scope(engine) as session:
        recall, precision, strict, missed, rejected, suggestions, curated = measure(session)
    print(f"\nsuggestions: {len(suggestions)}, curated attributions: {len(curated)}")
    print(
        f"recall {recall:.1%} (target {RECALL_TARGET:.0%}), "
        f"precision {precision:.1%} (target {PRECISION_TARGET:.0%})"
    )
    for c in missed:
        print(f"  missed {c['claim']} [{c['document']}] {sorted(c['sources'])}: {c['quote'][:80]}")
    for s in rejected:
        print(f"  not accepted {s.id} [{s.document}] {s.source or s.speaker}: {s.quote[:80]}")
    assert recall >= RECALL_FLOOR
    assert precision >= PRECISION_FLOOR
    assert strict >= STRICT_PRECISION_FLOOR


def test_suggestions_quote_the_document_at_their_offsets(case_db):
    _, engine = case_db
    with session_scope(engine) as session:
        texts = {d.id: d.text for d in session.exec(select(Document)).all()}
        names = {s.name for s in session.exec(select(Source)).all()}
        for s in suggest(session):
            assert texts[s.document][s.start : s.end] == s.quote
            assert s.source is None or s.source in names


def test_tracker_suggest_json_end_to_end(case_db):
    path, _ = case_db
    env = {**os.environ, "TRACKER_DB": str(path)}
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "suggest", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows, "no suggestions for the bundled case"
    keys = {
        "id",
        "document",
        "quote",
        "start",
        "end",
        "source",
        "speaker",
        "hedge",
        "quantities",
        "times",
        "subject",
    }
    assert all(keys <= set(r) for r in rows)
    nis = [r for r in rows if "about 10 shipments" in r["quote"]]
    assert nis and all(r["source"] == "National Intelligence Service" for r in nis)
    one = subprocess.run(
        [sys.executable, "-m", "tracker", "suggest", nis[0]["document"], "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert {r["document"] for r in json.loads(one.stdout)} == {nis[0]["document"]}
    bad = subprocess.run(
        [sys.executable, "-m", "tracker", "suggest", "reject", "nonexistent"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert bad.returncode == 1
    assert bad.stderr.startswith("tracker: suggestion nonexistent: no such suggestion")
    assert "Traceback" not in bad.stderr


def _containing_sentence(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence(s) a quote lies in, and the offset of the first in the text."""
    from tracker.suggest.sentences import split_sentences

    hits = [s for s in split_sentences(text) if s.start < end and start < s.end]
    return text[hits[0].start : hits[-1].end], hits[0].start


def test_figures_land_in_the_curated_subject(tmp_path):
    """With the curated claims imported, each claim's figure (the one inside its first
    attribution's quote), read with the sentence around it, is matched to the subject the
    curators gave it. Which figure a whole-sentence suggestion leads with is another
    matter: it proposes one subject per sentence."""
    from tracker.importers import import_paths
    from tracker.models import Attribution, Claim, Subject
    from tracker.suggest.subjects import choose_subject
    from tracker.suggest.workflow import (
        CaseContext,
        document_anchor,
        normalized,
        principal_quantity,
    )

    engine = open_database(tmp_path / "full.sqlite")
    import_paths(engine, [CASE])
    right, wrong = 0, []
    with session_scope(engine) as session:
        case = CaseContext.load(session)
        names = {s.id: s.name for s in session.exec(select(Subject)).all()}
        for claim in session.exec(select(Claim)).all():
            if claim.qty_item is None and claim.qty_unit is None:
                continue
            a = session.exec(select(Attribution).where(Attribution.claim_id == claim.id)).first()
            document = session.get(Document, a.document_id)
            sentence, offset = _containing_sentence(document.text, a.start, a.end)
            reading = normalized(sentence, document_anchor(document))
            # The claim's own figure: the one inside its quote (a sentence may hold two).
            inside = [
                q
                for q in (reading.quantities if reading else [])
                if a.start <= offset + q.start and offset + q.end <= a.end
            ]
            quantity = principal_quantity(inside)
            choice = choose_subject(quantity, sentence, case.profiles)
            if choice.name == names[claim.subject_id]:
                right += 1
            else:
                wrong.append((claim.id, choice.name))
        km = next(
            c
            for c in session.exec(select(Claim)).all()
            if c.qty_unit == "km" and c.qty_value == 180
        )
        miles = next(
            c
            for c in session.exec(select(Claim)).all()
            if c.qty_unit == "mi" and c.qty_value == 180
        )
        # The trap: 180 km Najin-Dunay and 180 miles Tikhoretsk-border are two subjects.
        assert km.subject_id != miles.subject_id
    print(f"\nsubject matches {right}/{right + len(wrong)}; wrong: {wrong}")
    assert right >= SUBJECT_FLOOR * (right + len(wrong))
