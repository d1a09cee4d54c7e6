"""panel sessions and access log (the reveal log folded in)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('panel_sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('panel_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_sessions_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_panel_sessions_username'), ['username'], unique=False)

    op.create_table('access_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('case_id', sa.String(length=32), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_log_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_log_username'), ['username'], unique=False)

    # Every reveal logged so far becomes an access record of the panel.
    op.execute(
        "INSERT INTO access_log (username, case_id, action, channel, at) "
        "SELECT username, case_id, 'reveal:' || field, 'panel', revealed_at FROM reveal_log ORDER BY id"
    )
    with op.batch_alter_table('reveal_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reveal_log_username'))
        batch_op.drop_index(batch_op.f('ix_reveal_log_case_id'))
    op.drop_table('reveal_log')


def downgrade() -> None:
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
    # The reveals go back to the reveal log; case views had no table before and are dropped.
    op.execute(
        "INSERT INTO reveal_log (username, case_id, field, revealed_at) "
        "SELECT username, case_id, substr(action, 8), at FROM access_log "
        "WHERE action LIKE 'reveal:%' ORDER BY id"
    )

    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_log_username'))
        batch_op.drop_index(batch_op.f('ix_access_log_case_id'))
        batch_op.drop_index(batch_op.f('ix_access_log_at'))
    op.drop_table('access_log')

    with op.batch_alter_table('panel_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_sessions_username'))
        batch_op.drop_index(batch_op.f('ix_panel_sessions_expires_at'))
    op.drop_table('panel_sessions')
