"""the loop from readiness to training and back: training requests, workshops for a
country team, AAR/IP items on indicators tracked to closure, regional opt-in

Revision ID: l001
Revises: g001, w001
Create Date: 2026-12-05 22:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import academy.models

revision = 'l001'
down_revision = ('g001', 'w001')
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('training_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('plan', sa.JSON(), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=False),
    sa.Column('requested_at', academy.models.UTCDateTime(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['readinessassessment.id'], ),
    sa.ForeignKeyConstraint(['requested_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['team_id'], ['countryteam.id'], ),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('training_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_request_team_id'), ['team_id'], unique=False)
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('country_team_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_workshop_country_team_id'), ['country_team_id'],
                              unique=False)
        batch_op.create_foreign_key('fk_workshop_country_team_id', 'countryteam',
                                    ['country_team_id'], ['id'])
    with op.batch_alter_table('facilitator_note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('indicator_id', sqlmodel.sql.sqltypes.AutoString(length=80),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=120),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12),
                                      nullable=False, server_default='open'))
        batch_op.add_column(sa.Column('status_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('status_at', academy.models.UTCDateTime(), nullable=True))
        batch_op.create_foreign_key('fk_facilitator_note_status_by', 'user', ['status_by'], ['id'])
    with op.batch_alter_table('countryteam', schema=None) as batch_op:
        batch_op.add_column(sa.Column('regional_opt_in', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('countryteam', schema=None) as batch_op:
        batch_op.drop_column('regional_opt_in')
    with op.batch_alter_table('facilitator_note', schema=None) as batch_op:
        batch_op.drop_constraint('fk_facilitator_note_status_by', type_='foreignkey')
        for column in ('status_at', 'status_by', 'status', 'due_on', 'owner', 'indicator_id'):
            batch_op.drop_column(column)
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_constraint('fk_workshop_country_team_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_workshop_country_team_id'))
        batch_op.drop_column('country_team_id')
    with op.batch_alter_table('training_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_request_team_id'))
    op.drop_table('training_request')
