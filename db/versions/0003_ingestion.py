"""real material in: documents needing review, snapshots of what was read, feeds

``document`` gains ``needs_review`` (what the importer could not find),
``language`` and ``page_starts`` (a PDF's page offsets); ``snapshot`` keeps the
compressed original bytes of every web page and PDF imported; ``feed`` lists the
feeds a case has pulled. Columns are added in place (no batch rebuild), so the
triggers of 0002 are untouched.

Revision ID: 0003
Revises: 0004 (chained after 0009, 0005 and 0004 at merge; written on 0002)
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "document", sa.Column("needs_review", sa.JSON(), nullable=False, server_default="[]")
    )
    op.add_column(
        "document", sa.Column("language", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
    )
    op.add_column("document", sa.Column("page_starts", sa.JSON(), nullable=True))
    op.create_table(
        "snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("redirects", sa.JSON(), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id", "sha256"),
    )
    with op.batch_alter_table("snapshot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_snapshot_document_id"), ["document_id"], unique=False)
    op.create_table(
        "feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("location", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("pulled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_location"), ["location"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("feed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_location"))
    op.drop_table("feed")
    with op.batch_alter_table("snapshot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_snapshot_document_id"))
    op.drop_table("snapshot")
    op.drop_column("document", "page_starts")
    op.drop_column("document", "language")
    op.drop_column("document", "needs_review")
