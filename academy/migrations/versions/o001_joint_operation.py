"""joint operation: a workshop plays one exercise, each team a country, one clock

Four tables (``joint_operation``, ``operation_team``, ``operation_member``,
``channel_message``) and the actor of a joint log entry on ``exercise_action.by`` (JSON,
null for single-player exercises: their stored logs replay exactly as before).

Revision ID: o001
Revises: v001
Create Date: 2026-12-06 05:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import academy.models

revision = 'o001'
down_revision = 'v001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('joint_operation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('scenario_version_id', sa.Integer(), nullable=False),
    sa.Column('seed', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('exercise_id', sa.Integer(), nullable=False),
    sa.Column('phase', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('advance_when_ready', sa.Boolean(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', academy.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['exercise_id'], ['exercise.id'], ),
    sa.ForeignKeyConstraint(['scenario_version_id'], ['scenario_version.id'], ),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('exercise_id')
    )
    op.create_index(op.f('ix_joint_operation_workshop_id'), 'joint_operation', ['workshop_id'],
                    unique=False)
    op.create_table('operation_team',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operation_id', sa.Integer(), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('ready', sa.Boolean(), nullable=False),
    sa.Column('news', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
              server_default=''),
    sa.ForeignKeyConstraint(['operation_id'], ['joint_operation.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('operation_id', 'country'),
    sa.UniqueConstraint('operation_id', 'name')
    )
    op.create_index(op.f('ix_operation_team_operation_id'), 'operation_team', ['operation_id'],
                    unique=False)
    op.create_table('channel_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operation_id', sa.Integer(), nullable=False),
    sa.Column('from_user_id', sa.Integer(), nullable=False),
    sa.Column('from_team_id', sa.Integer(), nullable=True),
    sa.Column('to_team_id', sa.Integer(), nullable=True),
    sa.Column('to_role', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
    sa.Column('to_user_id', sa.Integer(), nullable=True),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('day', sa.Float(), nullable=False),
    sa.Column('created_at', academy.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['from_team_id'], ['operation_team.id'], ),
    sa.ForeignKeyConstraint(['from_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['operation_id'], ['joint_operation.id'], ),
    sa.ForeignKeyConstraint(['to_team_id'], ['operation_team.id'], ),
    sa.ForeignKeyConstraint(['to_user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_channel_message_created_at'), 'channel_message', ['created_at'],
                    unique=False)
    op.create_index(op.f('ix_channel_message_operation_id'), 'channel_message', ['operation_id'],
                    unique=False)
    op.create_table('operation_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operation_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
    sa.ForeignKeyConstraint(['operation_id'], ['joint_operation.id'], ),
    sa.ForeignKeyConstraint(['team_id'], ['operation_team.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('operation_id', 'user_id')
    )
    op.create_index(op.f('ix_operation_member_operation_id'), 'operation_member',
                    ['operation_id'], unique=False)
    op.create_index(op.f('ix_operation_member_team_id'), 'operation_member', ['team_id'],
                    unique=False)
    op.create_index(op.f('ix_operation_member_user_id'), 'operation_member', ['user_id'],
                    unique=False)
    # a nullable column: existing (single-player) log entries keep no actor
    op.add_column('exercise_action', sa.Column('by', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('exercise_action') as batch:
        batch.drop_column('by')
    op.drop_table('operation_member')
    op.drop_table('channel_message')
    op.drop_table('operation_team')
    op.drop_table('joint_operation')
