"""A small case written through the models, shared by the TUI tests (no tests here).

Figures are typed in by hand from the seed articles (DOMAIN §1), so a test that
reads them back checks the screen, not the importer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine

from tracker.db import open_database, session_scope
from tracker.models import Attribution, Claim, Document, Source, Subject

BLOOMBERG_TEXT = (
    "North Korea has sent about 10 shipments of munitions to Russia since August, "
    "South Korea's National Intelligence Service told lawmakers. "
    "The shipments carried more than 1 million artillery rounds, the agency said."
)
MARKUP_TEXT = "A claim with [bold red]x[/] and \x1b[31mred\x1b[0m in it"


def build_case(path: Path) -> Engine:
    engine = open_database(path)
    with session_scope(engine) as s:
        gov = Source(name="Government of South Korea", kind="government", reliability="B")
        s.add(gov)
        s.flush()
        nis = Source(
            name="National Intelligence Service",
            short="NIS",
            kind="agency",
            parent_id=gov.id,
            reliability="B",
            aliases=["South Korean intelligence"],
        )
        rusi = Source(
            name="Royal United Services Institute", short="RUSI", kind="think_tank", reliability="C"
        )
        bloomberg = Source(name="Bloomberg", kind="outlet", reliability="B")
        wh = Source(name="White House", kind="government", reliability="A")
        s.add_all([nis, rusi, bloomberg, wh])
        s.flush()
        doc = Document(
            id="bloomberg-2023-12-27",
            outlet_id=bloomberg.id,
            title="N. Korea sent munitions",
            published_text="2023-12-27",
            published_first=date(2023, 12, 27),
            published_last=date(2023, 12, 27),
            published_precision="day",
            text=BLOOMBERG_TEXT,
            content_hash="h1",
        )
        doc2 = Document(
            id="odd-[markup]",
            outlet_id=bloomberg.id,
            title="[bold]Odd[/bold]",
            published_text="2023-10-16",
            published_first=date(2023, 10, 16),
            published_last=date(2023, 10, 16),
            published_precision="day",
            text="Body with [red]markup[/red] and \x1b[31mescape",
            content_hash="h2",
        )
        s.add_all([doc, doc2])
        shipments = Subject(
            name="Maritime munitions shipments, DPRK to Russia (count)", cumulative=True
        )
        rounds = Subject(name="Artillery rounds shipped, DPRK to Russia")
        containers = Subject(name="Containers shipped, DPRK to Russia")
        s.add_all([shipments, rounds, containers])
        s.flush()
        claims = [
            Claim(
                id="nis-shipments-10",
                subject_id=shipments.id,
                text="About 10 shipments of munitions from North Korea to Russia since August",
                quantity_text="about 10 shipments",
                qty_value=10,
                qty_low=9,
                qty_high=11,
                qty_qualifier="approx",
                qty_item="shipments",
                period_text="since August",
                period_first=date(2023, 8, 1),
                period_last=date(2023, 12, 27),
                period_qualifier="since",
            ),
            Claim(
                id="nis-rounds-1m",
                subject_id=rounds.id,
                text="More than 1 million artillery rounds shipped",
                quantity_text="more than 1 million artillery rounds",
                qty_value=1_000_000,
                qty_low=1_000_000,
                qty_low_open=True,
                qty_qualifier="more_than",
                qty_item="artillery rounds",
            ),
            Claim(
                id="rusi-rounds",
                subject_id=rounds.id,
                text="RUSI counts hundreds of thousands of shells",
                quantity_text="hundreds of thousands of shells",
                qty_low=200_000,
                qty_high=999_999,
                qty_qualifier="vague",
                qty_item="shells",
            ),
            Claim(
                id="wh-containers",
                subject_id=containers.id,
                text="More than 1,000 containers of equipment and munitions",
                quantity_text="more than 1,000 containers",
                qty_value=1000,
                qty_low=1000,
                qty_low_open=True,
                qty_qualifier="more_than",
                qty_item="containers",
            ),
            Claim(id="markup-claim", subject_id=containers.id, text=MARKUP_TEXT),
        ]
        s.add_all(claims)
        s.flush()
        s.add_all(
            [
                Attribution(
                    claim_id="nis-shipments-10",
                    source_id=nis.id,
                    document_id="bloomberg-2023-12-27",
                    quote="about 10 shipments of munitions to Russia since August",
                    start=23,
                    end=77,
                ),
                Attribution(
                    claim_id="nis-rounds-1m",
                    source_id=nis.id,
                    document_id="bloomberg-2023-12-27",
                    quote="more than 1 million artillery rounds",
                    start=157,
                    end=193,
                ),
                Attribution(
                    claim_id="rusi-rounds",
                    source_id=rusi.id,
                    document_id="bloomberg-2023-12-27",
                    quote="shells",
                    start=0,
                    end=5,
                ),
                Attribution(
                    claim_id="wh-containers",
                    source_id=wh.id,
                    document_id="bloomberg-2023-12-27",
                    quote="containers",
                    start=0,
                    end=5,
                ),
                Attribution(
                    claim_id="markup-claim",
                    source_id=wh.id,
                    document_id="odd-[markup]",
                    quote="[red]markup[/red]",
                    start=10,
                    end=27,
                ),
            ]
        )
    return engine
