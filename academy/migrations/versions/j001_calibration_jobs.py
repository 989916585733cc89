"""calibration runs become jobs any server's worker can claim

Revision ID: j001
Revises: w001
Create Date: 2026-12-05 22:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import academy.models

revision = 'j001'
down_revision = 'w001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('calibration_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('batches', sa.JSON(), nullable=False,
                                      server_default='[]'))
        batch_op.add_column(sa.Column('worker', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('lease_until', academy.models.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column('claims', sa.Integer(), nullable=False,
                                      server_default='0'))
    # a run still "running" was played by a thread of a server that has stopped (the
    # batches it played are not recorded, so it cannot be resumed): say so
    op.execute("UPDATE calibration_run SET status = 'failed', error = 'interrupted' "
               "WHERE status = 'running'")


def downgrade() -> None:
    with op.batch_alter_table('calibration_run', schema=None) as batch_op:
        batch_op.drop_column('claims')
        batch_op.drop_column('lease_until')
        batch_op.drop_column('worker')
        batch_op.drop_column('batches')
