"""Every table of a case, in one module (SQLModel's own advice).

Vocabulary follows DOMAIN.md §2: a Source makes or carries statements, a
Document is one published item, a Claim is one proposition about a Subject,
and an Attribution is one appearance of a claim: who said it, where it was
read, and the verbatim quote.

Schema changes go through Alembic migrations in ``db/versions``; a change
here without a migration is caught by ``tests/test_migrations.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, Text, UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")
STANCES = ("asserts", "denies")


def _optimistic(cls: Any) -> dict:
    """Mapper args making ``version`` an optimistic lock (SQLAlchemy's version_id_col).

    Every ORM update runs ``... WHERE version = <the version this session read>`` and
    bumps it, so of two analysts who read the same version the second to write gets
    StaleDataError instead of silently overwriting the first (see tracker.editing).
    """
    return {"version_id_col": cls.__table__.c.version}


class Source(SQLModel, table=True):
    """An agency, think tank, person or outlet; graded A-F (F: cannot be judged)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    short: str | None = None
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    kind: str = "organization"
    parent_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    # Explicit independence group; when None the group is derived from the parent chain.
    group: str | None = None
    reliability: str = "F"
    version: int = 1

    @declared_attr  # type: ignore[misc, arg-type]
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return _optimistic(cls)


class Document(SQLModel, table=True):
    """One published item. ``id`` is the case's own identifier (front matter or file stem)."""

    id: str = Field(primary_key=True)
    outlet_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    title: str = ""
    url: str | None = None
    authors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The publication date as written, and as an inclusive interval of days.
    published_text: str | None = None
    published_first: date | None = None
    published_last: date | None = None
    # day, month, year, datetime or interval: how precise the evidence is.
    published_precision: str | None = None
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    content_hash: str = Field(index=True)
    path: str | None = None
    # What the importer could not find (no outlet, no date...): shown until the analyst fixes it.
    needs_review: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    language: str | None = None
    # A PDF's page starts as offsets into ``text`` (page 1 at 0); None for other documents.
    page_starts: list[int] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    version: int = 1

    @declared_attr  # type: ignore[misc, arg-type]
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return _optimistic(cls)


class Snapshot(SQLModel, table=True):
    """The bytes of a web page or PDF as read, so a quote can be checked against what was
    published even after the page changed. One row per distinct content of a document."""

    __table_args__ = (UniqueConstraint("document_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    sha256: str  # of the original (uncompressed) bytes
    read_at: datetime
    url: str | None = None
    # Every URL the fetch went through before the final one (redirects), in order.
    redirects: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    content_type: str
    size: int
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # zlib-compressed


class Feed(SQLModel, table=True):
    """An RSS or Atom feed the case has pulled (a URL or a file), and when."""

    id: int | None = Field(default=None, primary_key=True)
    location: str = Field(unique=True, index=True)
    title: str = ""
    pulled_at: datetime
    entries: int = 0


class Derivation(SQLModel, table=True):
    """``document_id`` re-reports ``derived_from_id`` (Euromaidan Press from Bloomberg)."""

    document_id: str = Field(foreign_key="document.id", primary_key=True, ondelete="CASCADE")
    derived_from_id: str = Field(foreign_key="document.id", primary_key=True, ondelete="CASCADE")


class Subject(SQLModel, table=True):
    """What a group of claims measures; claims are compared only inside a subject."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    cumulative: bool = False
    # The analyst's word on the brief's key judgments: True pins the subject as one,
    # False drops it, None leaves it to the default rule (tracker/brief/selection.py).
    key_judgment: bool | None = None


class Claim(SQLModel, table=True):
    """One proposition in the analyst's wording, with its normalized figure and period.

    The raw ``quantity_text`` and ``period_text`` are always kept beside the
    normalized columns; the normalized ones are anchored at the publication
    date of the claim's first attribution's document.
    """

    id: str = Field(primary_key=True)
    subject_id: int = Field(foreign_key="subject.id", index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    stance: str = "asserts"
    hedge: str | None = None

    quantity_text: str | None = None
    qty_value: float | None = None
    qty_low: float | None = None
    qty_high: float | None = None
    qty_low_open: bool = False
    qty_high_open: bool = False
    qty_qualifier: str | None = None
    qty_unit: str | None = None
    qty_item: str | None = None
    qty_per: str | None = None

    period_text: str | None = None
    period_first: date | None = None
    period_last: date | None = None
    period_qualifier: str | None = None
    period_granularity: str | None = None

    version: int = 1

    @declared_attr  # type: ignore[misc, arg-type]
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return _optimistic(cls)


class Attribution(SQLModel, table=True):
    """One appearance of a claim: originator, document read in, and anchored quote.

    ``prefix``/``suffix`` hold a little text around the quote so it can be
    found again when offsets drift after a document is re-imported.
    """

    __table_args__ = (UniqueConstraint("claim_id", "source_id", "document_id", "quote"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: str = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="source.id", index=True)
    document_id: str = Field(foreign_key="document.id", index=True)
    quote: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""
    # The hedge as this outlet printed it ("likely"); outlets may differ.
    hedge: str | None = None


RATINGS = ("CC", "C", "N", "I", "II")


class Hypothesis(SQLModel, table=True):
    """One explanation the evidence may favour (Analysis of Competing Hypotheses).

    ``supports`` and ``undermines`` name subjects whose assertions bear the hypothesis
    out or tell against it; they only let the tool propose ratings, never store them."""

    id: str = Field(primary_key=True)
    title: str
    description: str = Field(default="", sa_column=Column(Text, nullable=False))
    supports: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    undermines: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Rating(SQLModel, table=True):
    """How consistent one claim is with one hypothesis (CC, C, N, I, II), as rated."""

    hypothesis_id: str = Field(foreign_key="hypothesis.id", primary_key=True, ondelete="CASCADE")
    claim_id: str = Field(foreign_key="claim.id", primary_key=True, index=True, ondelete="CASCADE")
    rating: str
    note: str | None = None

    @declared_attr  # type: ignore[misc, arg-type]
    def __mapper_args__(cls) -> dict:  # noqa: N805
        # Removing a hypothesis deletes it and its ratings in one flush (one undo); the
        # database's ON DELETE CASCADE may remove the ratings first, which is no error.
        return {"confirm_deleted_rows": False}


class AuditEntry(SQLModel, table=True):
    """Every insert, update and delete of a claim, attribution, source or document."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    analyst: str
    action: str  # insert, update, delete
    table_name: str
    row_id: str
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # One id per analyst edit (a transaction) or per import run (every file of it), and
    # which of the two it was: undo reverts an edit whole and an import only as one unit.
    # Entries from before migration 0004 have neither.
    operation: str | None = Field(default=None, index=True)
    kind: str | None = None


class ImportedFile(SQLModel, table=True):
    """Content hashes of imported files, so importing the same file again changes nothing."""

    content_hash: str = Field(primary_key=True)
    path: str
    kind: str
    imported_at: datetime


class RejectedSuggestion(SQLModel, table=True):
    """A suggestion the analyst rejected; it does not come back on re-import."""

    __table_args__ = (UniqueConstraint("document_id", "quote"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    quote: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    analyst: str
    rejected_at: datetime
