"""memory parameters: each candidate's fitted FSRS weights; minutes per day

Revision ID: f5a7e1c0d921
Revises: 994f000969eb
Create Date: 2026-12-06 18:35:00

"""
from alembic import op
import sqlalchemy as sa

import studyapp.models.types


# revision identifiers, used by Alembic.
revision = 'f5a7e1c0d921'
down_revision = '994f000969eb'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('memory_parameters',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('parameters', sa.JSON(), nullable=True),
    sa.Column('used', sa.Boolean(), nullable=False),
    sa.Column('n_reviews', sa.Integer(), nullable=False),
    sa.Column('n_heldout', sa.Integer(), nullable=False),
    sa.Column('log_loss_fitted', sa.Double(), nullable=True),
    sa.Column('log_loss_default', sa.Double(), nullable=True),
    sa.Column('rmse_fitted', sa.Double(), nullable=True),
    sa.Column('rmse_default', sa.Double(), nullable=True),
    sa.Column('fitted_at', studyapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('used_since', studyapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('claimed_at', studyapp.models.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_memory_parameters_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_memory_parameters'))
    )
    with op.batch_alter_table('study_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('minutes_per_day', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('study_settings', schema=None) as batch_op:
        batch_op.drop_column('minutes_per_day')
    op.drop_table('memory_parameters')
