"""exercise seeds in 8 bytes

``cohort_seed`` takes 32 bits of a hash (up to 4,294,967,295), past the 4-byte ``integer``
PostgreSQL gives ``sa.Integer``: four of the five shipped scenarios could not start there.
SQLite already stores every integer in up to 8 bytes, so its table is left as it is (a
batch rebuild of ``exercise`` would also trip over the foreign keys of its actions).

Revision ID: db01
Revises: w001
Create Date: 2026-12-05 19:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'db01'
down_revision = 'w001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("exercise", "seed", existing_type=sa.Integer(), type_=sa.BigInteger(),
                    existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("exercise", "seed", existing_type=sa.BigInteger(), type_=sa.Integer(),
                    existing_nullable=False)
