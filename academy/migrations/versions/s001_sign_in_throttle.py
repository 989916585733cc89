"""sign-in throttle: failures per account and client

Revision ID: s001
Revises: 0001
Create Date: 2026-12-05 19:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import academy.models

revision = 's001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_in_throttle',
    sa.Column('account', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('client', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('blocked_until', academy.models.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('account', 'client')
    )
    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_throttle_blocked_until'), ['blocked_until'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_throttle_blocked_until'))
    op.drop_table('sign_in_throttle')
