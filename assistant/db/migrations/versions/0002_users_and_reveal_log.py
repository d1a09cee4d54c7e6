"""users and reveal log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 23:40:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('reveal_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('case_id', sa.String(length=32), nullable=False),
    sa.Column('field', sa.String(length=16), nullable=False),
    sa.Column('revealed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reveal_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reveal_log_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reveal_log_username'), ['username'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('reveal_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reveal_log_username'))
        batch_op.drop_index(batch_op.f('ix_reveal_log_case_id'))

    op.drop_table('reveal_log')
    op.drop_table('users')
