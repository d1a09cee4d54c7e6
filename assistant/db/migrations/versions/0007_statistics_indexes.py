"""statistics indexes (the supervisors' report and dashboard filter every table by time)

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 01:00:00.000000
"""
from alembic import op


revision = '0007'
# lead: rechain to 0006 at merge
down_revision = '0005'
branch_labels = None
depends_on = None

# (table, index name, columns): every figure of a period starts from one of these ranges. The
# extra columns make them covering indexes for the report's queries (SQLite then never reads
# the table rows themselves, which is most of the time a range of a million rows takes).
INDEXES = (
    ('alerts', 'ix_alerts_received_at', ['received_at', 'person_id', 'fraud_type', 'police_station']),
    # Repeat victims: an earlier alert of the same person.
    ('alerts', 'ix_alerts_person_received', ['person_id', 'received_at']),
    ('interventions', 'ix_interventions_started_at',
     ['started_at', 'ended_at', 'alert_id', 'officer', 'outcome', 'amount_saved', 'accounts_frozen', 'amount_frozen']),
    # The first and the latest intervention of an alert.
    ('interventions', 'ix_interventions_alert_started', ['alert_id', 'started_at', 'officer', 'outcome']),
    ('stop_payment_requests', 'ix_stop_payment_requests_created_at',
     ['created_at', 'transfer_time', 'amount', 'alert_id', 'officer']),
    ('escalations', 'ix_escalations_created_at', ['created_at']),
    ('follow_ups', 'ix_follow_ups_due_at', ['due_at']),
)


def upgrade() -> None:
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
