"""the engine version each exercise was played on

Exercises stored before this column were played on engine version 1 (the server default
fills them in); the platform writes the current ``engine.version.ENGINE_VERSION`` on new
ones, and the desk and debrief say when a log now replays under newer rules.

Revision ID: v001
Revises: db01
Create Date: 2026-12-06 02:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'v001'
down_revision = 'db01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN with a default: SQLite and PostgreSQL both fill the existing rows with it
    op.add_column("exercise", sa.Column("engine_version", sa.Integer(), nullable=False,
                                        server_default=sa.text("1")))


def downgrade() -> None:
    with op.batch_alter_table("exercise") as batch:
        batch.drop_column("engine_version")
