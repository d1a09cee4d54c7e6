"""life-safety events (the life-safety path on the intervention record)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 22:30:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('life_safety_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alert_id', sa.Integer(), nullable=True),
    sa.Column('conversation_id', sa.String(length=128), nullable=False),
    sa.Column('officer', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('located_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('life_safety_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_life_safety_events_alert_id'), ['alert_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_life_safety_events_conversation_id'), ['conversation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('life_safety_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_life_safety_events_conversation_id'))
        batch_op.drop_index(batch_op.f('ix_life_safety_events_alert_id'))
    op.drop_table('life_safety_events')
