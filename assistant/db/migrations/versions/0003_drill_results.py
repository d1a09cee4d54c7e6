"""drill results

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 00:20:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('drill_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('drill_id', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('turns', sa.Integer(), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=False),
    sa.Column('transcript', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('drill_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drill_results_drill_id'), ['drill_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_drill_results_username'), ['username'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('drill_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drill_results_username'))
        batch_op.drop_index(batch_op.f('ix_drill_results_drill_id'))

    op.drop_table('drill_results')
