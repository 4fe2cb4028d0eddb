"""audit operations: one id per analyst edit or import run, and the kind of each

Every audit entry names the operation it belongs to (one transaction of an
analyst's edit, or every file of one import run) and whether it was an ``edit``
or an ``import``, so undo can revert an edit whole and never take an import
apart. Entries written before this revision have neither and are not undone.

Revision ID: 0004
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("operation", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.add_column(sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_index(batch_op.f("ix_auditentry_operation"), ["operation"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditentry_operation"))
        batch_op.drop_column("kind")
        batch_op.drop_column("operation")
