"""sent drafts: a channel message or an inject sent twice with one draft token is one

A double click on "Send the message" or "Send the inject" reaches the server twice, the
second time with the text still in the box; the page's token for the draft, stored here
once per operation, makes the second one a refusal instead of a copy.

Revision ID: o002
Revises: o001
Create Date: 2026-12-08 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import academy.models

revision = 'o002'
down_revision = 'o001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sent_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operation_id', sa.Integer(), nullable=False),
    sa.Column('token', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', academy.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['operation_id'], ['joint_operation.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('operation_id', 'token')
    )


def downgrade() -> None:
    op.drop_table('sent_draft')
