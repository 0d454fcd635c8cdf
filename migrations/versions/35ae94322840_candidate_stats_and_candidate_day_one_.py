"""candidate_stats and candidate_day: one name for a candidate

Revision ID: 35ae94322840
Revises: 7aff1985d30d
Create Date: 2026-12-06 16:10:04.710200

"""
from alembic import op
import sqlalchemy as sa

import studyapp.models.types
from sqlalchemy.dialects import sqlite

# revision identifiers, used by Alembic.
revision = '35ae94322840'
down_revision = '7aff1985d30d'
branch_labels = None
depends_on = None


# Constraint and index names follow the naming convention of studyapp/extensions.py.
RENAMES = {
    "trainee_stats": "candidate_stats",
    "trainee_day": "candidate_day",
}
NAMES = {
    "pk_trainee_stats": "pk_candidate_stats",
    "fk_trainee_stats_user_id_user_account": "fk_candidate_stats_user_id_user_account",
    "pk_trainee_day": "pk_candidate_day",
    "fk_trainee_day_user_id_user_account": "fk_candidate_day_user_id_user_account",
}


def _rename(tables: dict, names: dict) -> None:
    """Tables keep their rows; on PostgreSQL the constraint and index names follow (SQLite keeps
    no separate names for them that anything depends on)."""
    for old, new in tables.items():
        op.rename_table(old, new)
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in tables.values():
        rows = op.get_bind().execute(sa.text(
            "SELECT conname FROM pg_constraint WHERE conrelid = CAST(:t AS regclass)"
        ), {"t": table}).fetchall()
        for (name,) in rows:
            if name in names:
                op.execute(f'ALTER TABLE {table} RENAME CONSTRAINT "{name}" TO "{names[name]}"')
        indexes = op.get_bind().execute(sa.text(
            "SELECT indexname FROM pg_indexes WHERE tablename = :t AND indexname LIKE 'ix_trainee%'"
        ), {"t": table}).fetchall()
        for (name,) in indexes:
            op.execute(f'ALTER INDEX "{name}" RENAME TO "{name.replace("ix_trainee", "ix_candidate")}"')


def upgrade():
    _rename(RENAMES, NAMES)


def downgrade():
    _rename({new: old for old, new in RENAMES.items()}, {new: old for old, new in NAMES.items()})
