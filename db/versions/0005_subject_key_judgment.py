"""subject.key_judgment: the analyst pins (true) or drops (false) a subject as a key
judgment of the brief; null leaves it to the brief's default rule (issue 19).

Revision ID: 0005
Revises: 0009 (was 0002; chained after main's 0009 on rebase so the branch has one head)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN (nullable, no default) on both SQLite and PostgreSQL: no table
    # rebuild, so the full-text triggers of 0002 are untouched.
    op.add_column("subject", sa.Column("key_judgment", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("subject", schema=None) as batch_op:
        batch_op.drop_column("key_judgment")
