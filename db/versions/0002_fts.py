"""full-text index for the citation lookup

SQLite: an FTS5 table ``cite_fts`` holding one row per claim (its wording,
quantity and period text) and one row per attribution (its quote), kept in
sync by triggers. PostgreSQL: GIN indexes on ``to_tsvector('simple', ...)``
of the same columns, so the lookup can narrow candidates without a scan.

Owned by the BRIEF engineer (tracker.cite). A later migration that rebuilds
``claim`` or ``attribution`` in batch mode drops these triggers; recreate them
with this file's ``SQLITE_STATEMENTS`` there.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The claim row's body: wording, figure and period as the analyst wrote them.
_CLAIM_BODY = (
    "{r}.text || ' ' || coalesce({r}.quantity_text, '') || ' ' || coalesce({r}.period_text, '')"
)

# Attribution rows take rowid = -attribution.id (found again by rowid, fast);
# claim rows take automatic rowids, which are then always >= 0 and never collide.
SQLITE_STATEMENTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS cite_fts USING fts5("
    "claim_id UNINDEXED, attribution_id UNINDEXED, body, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
    "INSERT INTO cite_fts(claim_id, attribution_id, body) "
    f"SELECT c.id, NULL, {_CLAIM_BODY.format(r='c')} FROM claim AS c",
    "INSERT INTO cite_fts(rowid, claim_id, attribution_id, body) "
    "SELECT -a.id, a.claim_id, a.id, a.quote FROM attribution AS a",
    # Claims
    "CREATE TRIGGER IF NOT EXISTS cite_fts_claim_ai AFTER INSERT ON claim BEGIN "
    "INSERT INTO cite_fts(claim_id, attribution_id, body) "
    f"VALUES (new.id, NULL, {_CLAIM_BODY.format(r='new')}); END",
    "CREATE TRIGGER IF NOT EXISTS cite_fts_claim_ad AFTER DELETE ON claim BEGIN "
    "DELETE FROM cite_fts WHERE claim_id = old.id AND attribution_id IS NULL; END",
    "CREATE TRIGGER IF NOT EXISTS cite_fts_claim_au AFTER UPDATE ON claim BEGIN "
    "DELETE FROM cite_fts WHERE claim_id = old.id AND attribution_id IS NULL; "
    "INSERT INTO cite_fts(claim_id, attribution_id, body) "
    f"VALUES (new.id, NULL, {_CLAIM_BODY.format(r='new')}); END",
    # Attributions
    "CREATE TRIGGER IF NOT EXISTS cite_fts_attribution_ai AFTER INSERT ON attribution BEGIN "
    "INSERT INTO cite_fts(rowid, claim_id, attribution_id, body) "
    "VALUES (-new.id, new.claim_id, new.id, new.quote); END",
    "CREATE TRIGGER IF NOT EXISTS cite_fts_attribution_ad AFTER DELETE ON attribution BEGIN "
    "DELETE FROM cite_fts WHERE rowid = -old.id; END",
    "CREATE TRIGGER IF NOT EXISTS cite_fts_attribution_au AFTER UPDATE ON attribution BEGIN "
    "DELETE FROM cite_fts WHERE rowid = -old.id; "
    "INSERT INTO cite_fts(rowid, claim_id, attribution_id, body) "
    "VALUES (-new.id, new.claim_id, new.id, new.quote); END",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS cite_fts_claim_ai",
    "DROP TRIGGER IF EXISTS cite_fts_claim_ad",
    "DROP TRIGGER IF EXISTS cite_fts_claim_au",
    "DROP TRIGGER IF EXISTS cite_fts_attribution_ai",
    "DROP TRIGGER IF EXISTS cite_fts_attribution_ad",
    "DROP TRIGGER IF EXISTS cite_fts_attribution_au",
    "DROP TABLE IF EXISTS cite_fts",
]

# 'simple' keeps numbers and names as written; the lookup builds its tsquery the same way.
POSTGRES_STATEMENTS = [
    "CREATE INDEX IF NOT EXISTS ix_claim_text_tsv ON claim USING gin "
    "(to_tsvector('simple', text || ' ' || coalesce(quantity_text, '') || ' ' "
    "|| coalesce(period_text, '')))",
    "CREATE INDEX IF NOT EXISTS ix_attribution_quote_tsv ON attribution USING gin "
    "(to_tsvector('simple', quote))",
]

POSTGRES_DROP = [
    "DROP INDEX IF EXISTS ix_claim_text_tsv",
    "DROP INDEX IF EXISTS ix_attribution_quote_tsv",
]


def _dialect() -> str:
    return op.get_bind().dialect.name


def upgrade() -> None:
    statements = {"sqlite": SQLITE_STATEMENTS, "postgresql": POSTGRES_STATEMENTS}
    for statement in statements.get(_dialect(), []):
        op.execute(statement)


def downgrade() -> None:
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}
    for statement in statements.get(_dialect(), []):
        op.execute(statement)
