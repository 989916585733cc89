"""quiz attempts record the questions drawn

Revision ID: c002
Revises: c001
Create Date: 2026-12-05 19:10:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = 'c002'
down_revision = 'c001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # attempts stored before draws asked the whole bank; "[]" says "not recorded"
    with op.batch_alter_table('quizattempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('questions', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('quizattempt', schema=None) as batch_op:
        batch_op.drop_column('questions')
