"""A small fixed data set for the report, and its figures worked out by hand (see the comments).

Now is Wednesday 2026-03-18 12:00. March holds alerts a1, a2, a4, a5, a6; February holds a3
(p3's earlier alert, which makes p3 a repeat victim in March) and its records.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from assistant.db.models import Alert, Escalation, FollowUp, Intervention, Person, StopPaymentRequest, User

NOW = datetime(2026, 3, 18, 12, 0)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


PEOPLE = [
    {"id": 1, "key": "p1", "name": "张某某", "address_form": "张女士", "district": "孝南区"},
    {"id": 2, "key": "p2", "name": "李某某", "address_form": "李先生", "district": "汉川市"},
    {"id": 3, "key": "p3", "name": "王某某", "address_form": "王女士", "district": "孝南区"},
    {"id": 4, "key": "p4", "name": "赵某某", "address_form": "赵先生", "district": None},
]
XN, HC = "孝南广场派出所", "汉川城关派出所"
ALERTS = [
    (1, 1, "impersonate_police", XN, "2026-03-16 09:00:00", "closed"),
    (2, 2, "investment", HC, "2026-03-16 10:00:00", "closed"),
    (3, 3, "investment", XN, "2026-02-20 08:00:00", "closed"),
    (4, 3, "task_rebate", XN, "2026-03-17 14:00:00", "closed"),
    (5, 4, "fake_loan", HC, "2026-03-18 08:00:00", "open"),
    (6, 1, "romance", HC, "2026-03-18 09:30:00", "closed"),
]
# (id, alert, officer, outcome, started, ended, saved, accounts frozen, amount frozen, conversation)
INTERVENTIONS = [
    (1, 1, "officer_li", "dissuaded", "2026-03-16 09:02:00", "2026-03-16 09:14:00", 50000, 0, 0, "c1"),  # 720 s
    (2, 2, "officer_zhou", "unreachable", "2026-03-16 10:05:00", "2026-03-16 10:06:00", 0, 0, 0, "c2"),  # 60 s
    (3, 2, "officer_li", "partly_dissuaded", "2026-03-16 10:30:00", "2026-03-16 11:10:00", 20000, 1, 30000, "c3"),  # 2400 s
    (4, 3, "officer_zhou", "dissuaded", "2026-02-20 08:10:00", "2026-02-20 08:20:00", 9000, 0, 0, "c4"),
    (5, 4, "officer_zhou", "failed", "2026-03-17 14:20:00", "2026-03-17 14:50:00", 0, 0, 0, "c5"),  # 1800 s
    (6, 6, "officer_li", "false_alarm", "2026-03-18 09:40:00", "2026-03-18 09:45:00", 0, 0, 0, "c6"),  # 300 s
]
# (id, alert, officer, conversation, amount, transfer time, filed)
STOP_PAYMENTS = [
    (1, 1, "officer_li", "c1", 80000, "2026-03-16 08:50:00", "2026-03-16 09:10:00"),  # 1200 s
    (2, 2, "officer_li", "c3", 30000, "2026-03-16 10:00:00", "2026-03-16 10:45:00"),  # 2700 s
    (3, None, "officer_zhou", "cx", 5000, "2026-03-18 11:00:00", "2026-03-18 11:03:00"),  # 180 s, no case
    (4, 3, "officer_zhou", "c4", 7000, "2026-02-20 08:05:00", "2026-02-20 08:15:00"),
]
# (id, alert, officer, conversation, filed)
ESCALATIONS = [
    (1, 4, "officer_zhou", "c5", "2026-03-17 14:55:00"),
    (2, 2, "officer_li", "c3", "2026-03-16 11:00:00"),
]
# (id, alert, intervention, due, status)
FOLLOW_UPS = [
    (1, 2, 3, "2026-03-19 11:10:00", "due"),  # due tomorrow: not overdue
    (2, 4, 5, "2026-03-17 18:00:00", "due"),  # overdue
    (3, 1, 1, "2026-03-17 09:14:00", "done"),  # done in time
    (4, 3, 4, "2026-02-23 08:20:00", "due"),  # February, overdue
]
USERS = [
    {"username": "officer_li", "display_name": "李警官", "role": "officer", "password_hash": "x"},
    {"username": "officer_zhou", "display_name": "周警官", "role": "officer", "password_hash": "x"},
]


def insert_fixture(connection: Connection) -> None:
    """Insert the data set (ids given, so the hand-computed figures can name the rows)."""
    connection.execute(Person.__table__.insert(), PEOPLE)
    connection.execute(User.__table__.insert(), [dict(user, created_at=NOW) for user in USERS])
    connection.execute(
        Alert.__table__.insert(),
        [
            {
                "id": id_, "case_id": f"YJ{received[:10].replace('-', '')}{id_:03d}", "person_id": person,
                "fraud_type": fraud_type, "risk_level": "high", "police_station": station,
                "received_at": at(received), "source": "platform", "status": status,
            }
            for id_, person, fraud_type, station, received, status in ALERTS
        ],
    )
    connection.execute(
        Intervention.__table__.insert(),
        [
            {
                "id": id_, "alert_id": alert, "officer": officer, "outcome": outcome, "started_at": at(started),
                "ended_at": at(ended), "amount_saved": saved, "accounts_frozen": accounts, "amount_frozen": frozen,
                "conversation_id": conversation, "created_at": at(ended), "updated_at": at(ended),
            }
            for id_, alert, officer, outcome, started, ended, saved, accounts, frozen, conversation in INTERVENTIONS
        ],
    )
    connection.execute(
        StopPaymentRequest.__table__.insert(),
        [
            {
                "id": id_, "alert_id": alert, "officer": officer, "conversation_id": conversation,
                "payee_account": "6222000000000000000", "payee_bank": "中国工商银行", "amount": amount,
                "transfer_time": at(transfer), "transfer_time_text": transfer, "status": "submitted",
                "created_at": at(filed),
            }
            for id_, alert, officer, conversation, amount, transfer, filed in STOP_PAYMENTS
        ],
    )
    connection.execute(
        Escalation.__table__.insert(),
        [
            {
                "id": id_, "alert_id": alert, "officer": officer, "conversation_id": conversation,
                "police_station": "某派出所", "reason": "见面劝阻", "briefing": "…", "created_at": at(filed),
            }
            for id_, alert, officer, conversation, filed in ESCALATIONS
        ],
    )
    connection.execute(
        FollowUp.__table__.insert(),
        [
            {
                "id": id_, "alert_id": alert, "intervention_id": intervention, "due_at": at(due), "reason": "回访",
                "status": status, "created_at": NOW,
            }
            for id_, alert, intervention, due, status in FOLLOW_UPS
        ],
    )


def timing(count: int, median: float | None, p90: float | None) -> dict[str, Any]:
    return {"count": count, "median": median, "p90": p90}


def outcomes(**counts: int) -> dict[str, int]:
    every = dict.fromkeys(("dissuaded", "partly_dissuaded", "failed", "unreachable", "escalated", "false_alarm"), 0)
    every.update(counts)
    return every


# March 2026, worked out by hand from the rows above.
MARCH_TOTAL = {
    "alerts_received": 5,  # a1 a2 a4 a5 a6
    "alerts_handled": 4,  # a5 has no intervention
    "repeat_victims": 2,  # p3 (a3 in February), p1 (a1 before a6)
    "interventions": 5,  # i1 i2 i3 i5 i6
    "outcomes": outcomes(dissuaded=1, partly_dissuaded=1, failed=1, unreachable=1, false_alarm=1),
    "dissuasion_rate": 2 / 3,  # (dissuaded + partly) / (dissuaded + partly + failed)
    "amount_saved": 70000,
    "accounts_frozen": 1,
    "amount_frozen": 30000,
    "stop_payments": 3,  # s1 s2 s3
    "stop_payment_amount": 115000,
    "escalations": 2,
    "follow_ups_due": 3,  # f1 f2 f3
    "follow_ups_overdue": 1,  # f2
    # first contacts 120 300 600 1200: median (300+600)/2; p90 at 2.7 → 600 + 0.7 × 600
    "first_contact_seconds": timing(4, 450.0, 1020.0),
    # transfer → filed 180 1200 2700: p90 at 1.8 → 1200 + 0.8 × 1500
    "stop_payment_seconds": timing(3, 1200.0, 2400.0),
    # calls 60 300 720 1800 2400: p90 at 3.6 → 1800 + 0.6 × 600
    "call_seconds": timing(5, 720.0, 2160.0),
}

MARCH_BY_OFFICER = {
    # a1 a2 a6 were last handled by officer_li (a2: i3 after i2)
    "officer_li": {
        "label": "李警官",
        "alerts_received": 3, "alerts_handled": 3, "repeat_victims": 1, "interventions": 3,
        "outcomes": outcomes(dissuaded=1, partly_dissuaded=1, false_alarm=1), "dissuasion_rate": 1.0,
        "amount_saved": 70000, "accounts_frozen": 1, "amount_frozen": 30000,
        "stop_payments": 2, "stop_payment_amount": 110000, "escalations": 1,
        "follow_ups_due": 2, "follow_ups_overdue": 0,
        "first_contact_seconds": timing(3, 300.0, 540.0),  # 120 300 600
        "stop_payment_seconds": timing(2, 1950.0, 2550.0),  # 1200 2700
        "call_seconds": timing(3, 720.0, 2064.0),  # 300 720 2400
    },
    "officer_zhou": {
        "label": "周警官",
        "alerts_received": 1, "alerts_handled": 1, "repeat_victims": 1, "interventions": 2,
        "outcomes": outcomes(unreachable=1, failed=1), "dissuasion_rate": 0.0,
        "amount_saved": 0, "accounts_frozen": 0, "amount_frozen": 0,
        "stop_payments": 1, "stop_payment_amount": 5000, "escalations": 1,
        "follow_ups_due": 1, "follow_ups_overdue": 1,
        "first_contact_seconds": timing(1, 1200.0, 1200.0),
        "stop_payment_seconds": timing(1, 180.0, 180.0),
        "call_seconds": timing(2, 930.0, 1626.0),  # 60 1800: 60 + 0.9 × 1740
    },
    None: {  # a5: nobody handled it yet
        "label": "未处置",
        "alerts_received": 1, "alerts_handled": 0, "repeat_victims": 0, "interventions": 0,
        "outcomes": outcomes(), "dissuasion_rate": None,
        "amount_saved": 0, "accounts_frozen": 0, "amount_frozen": 0,
        "stop_payments": 0, "stop_payment_amount": 0, "escalations": 0,
        "follow_ups_due": 0, "follow_ups_overdue": 0,
        "first_contact_seconds": timing(0, None, None),
        "stop_payment_seconds": timing(0, None, None),
        "call_seconds": timing(0, None, None),
    },
}

# Only the figures that differ between groups; the tests compare these keys.
MARCH_BY_FRAUD_TYPE = {
    "impersonate_police": {
        "label": "冒充公检法及政府机关", "alerts_received": 1, "alerts_handled": 1, "interventions": 1,
        "dissuasion_rate": 1.0, "amount_saved": 50000, "stop_payments": 1, "stop_payment_amount": 80000,
        "escalations": 0, "follow_ups_due": 1, "follow_ups_overdue": 0,
        "call_seconds": timing(1, 720.0, 720.0), "first_contact_seconds": timing(1, 120.0, 120.0),
    },
    "investment": {
        "label": "虚假网络投资理财", "alerts_received": 1, "alerts_handled": 1, "interventions": 2,
        "outcomes": outcomes(unreachable=1, partly_dissuaded=1), "dissuasion_rate": 1.0, "amount_saved": 20000,
        "accounts_frozen": 1, "amount_frozen": 30000, "stop_payments": 1, "stop_payment_amount": 30000,
        "escalations": 1, "follow_ups_due": 1, "follow_ups_overdue": 0,
        "call_seconds": timing(2, 1230.0, 2166.0), "stop_payment_seconds": timing(1, 2700.0, 2700.0),
    },
    "task_rebate": {
        "alerts_received": 1, "repeat_victims": 1, "interventions": 1, "dissuasion_rate": 0.0, "escalations": 1,
        "follow_ups_due": 1, "follow_ups_overdue": 1, "first_contact_seconds": timing(1, 1200.0, 1200.0),
    },
    "fake_loan": {"alerts_received": 1, "alerts_handled": 0, "interventions": 0, "dissuasion_rate": None},
    "romance": {
        "alerts_received": 1, "alerts_handled": 1, "repeat_victims": 1, "interventions": 1,
        "outcomes": outcomes(false_alarm=1), "dissuasion_rate": None,
    },
    None: {  # s3 was filed without a case
        "label": "未关联案件", "alerts_received": 0, "interventions": 0, "stop_payments": 1,
        "stop_payment_amount": 5000, "stop_payment_seconds": timing(1, 180.0, 180.0),
    },
}

MARCH_BY_OUTCOME = {
    "dissuaded": {"alerts_received": 1, "interventions": 1, "stop_payments": 1, "follow_ups_due": 1, "escalations": 0},
    "partly_dissuaded": {
        "alerts_received": 1, "interventions": 1, "stop_payments": 1, "stop_payment_amount": 30000, "escalations": 1,
        "follow_ups_due": 1, "amount_saved": 20000,
    },
    "unreachable": {"alerts_received": 0, "interventions": 1, "call_seconds": timing(1, 60.0, 60.0)},
    "failed": {"alerts_received": 1, "interventions": 1, "escalations": 1, "follow_ups_overdue": 1},
    "false_alarm": {"alerts_received": 1, "interventions": 1},
    None: {"label": "无结果记录", "alerts_received": 1, "alerts_handled": 0, "stop_payments": 1},
}

MARCH_BY_DISTRICT = {
    "孝南区": {"alerts_received": 3, "alerts_handled": 3, "repeat_victims": 2, "interventions": 3, "amount_saved": 50000},
    "汉川市": {"alerts_received": 1, "interventions": 2, "stop_payments": 1},
    None: {"label": "未知", "alerts_received": 1, "alerts_handled": 0, "stop_payments": 1},  # a5; s3 has no case
}

MARCH_BY_STATION = {
    XN: {"alerts_received": 2, "interventions": 2, "escalations": 1, "stop_payments": 1},  # a1 a4
    HC: {"alerts_received": 3, "alerts_handled": 2, "interventions": 3, "escalations": 1, "stop_payments": 1},
}

# By day, 31 rows; these are the days with records.
MARCH_BY_DAY = {
    "2026-03-16": {"alerts_received": 2, "interventions": 3, "stop_payments": 2, "escalations": 1, "follow_ups_due": 0},
    "2026-03-17": {"alerts_received": 1, "repeat_victims": 1, "interventions": 1, "escalations": 1,
                   "follow_ups_due": 2, "follow_ups_overdue": 1},
    "2026-03-18": {"alerts_received": 2, "alerts_handled": 1, "repeat_victims": 1, "interventions": 1,
                   "stop_payments": 1},
    "2026-03-19": {"alerts_received": 0, "follow_ups_due": 1, "follow_ups_overdue": 0},
    "2026-03-01": {"alerts_received": 0, "interventions": 0, "stop_payments": 0, "dissuasion_rate": None,
                   "call_seconds": timing(0, None, None)},
}

FEBRUARY_TOTAL = {
    "alerts_received": 1, "alerts_handled": 1, "repeat_victims": 0, "interventions": 1,
    "outcomes": outcomes(dissuaded=1), "dissuasion_rate": 1.0, "amount_saved": 9000,
    "stop_payments": 1, "stop_payment_amount": 7000, "escalations": 0,
    "follow_ups_due": 1, "follow_ups_overdue": 1,
    "first_contact_seconds": timing(1, 600.0, 600.0), "call_seconds": timing(1, 600.0, 600.0),
    "stop_payment_seconds": timing(1, 600.0, 600.0),
}

TODAY_TOTAL = {  # 2026-03-18: a5 a6, i6, s3; nothing falls due today
    "alerts_received": 2, "alerts_handled": 1, "repeat_victims": 1, "interventions": 1,
    "outcomes": outcomes(false_alarm=1), "dissuasion_rate": None, "stop_payments": 1, "stop_payment_amount": 5000,
    "escalations": 0, "follow_ups_due": 0, "first_contact_seconds": timing(1, 600.0, 600.0),
}
