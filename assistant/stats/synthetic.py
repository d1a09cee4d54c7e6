"""Synthetic history of the centre: alerts and what was done about them, day by day, deterministic.

One generator for the demo seed's month of history (:mod:`assistant.seed.history`) and for the
benchmark database of a million interventions (:mod:`assistant.stats.generator`). A day's plan
depends only on the seed and the day, never on when it is generated, so the demo seed can be
loaded again on a later day: the days already there come out the same (and are skipped), the
new days are added. What has not happened yet (an alert later today) is left out.

The shapes are those of a city centre: most alerts by day and evening, a few minutes to the
first call, a few calls unanswered and tried again, about two in three calls dissuading the
person, stop-payments filed within the half hour after the transfer, relapse-prone cases called
again three days later. ALL PERSONAL DATA IS SYNTHETIC (names ``X某某``, phones 1370000xxxx).
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from assistant.domain.fraud_types import RELAPSE_PRONE, FraudType

# The stations of the demo's city, by district (as in assistant/seed/demo_cases.yml).
STATIONS: dict[str, tuple[str, ...]] = {
    "孝南区": ("孝南广场派出所", "孝南新华派出所", "孝南书院派出所", "孝南朋兴派出所", "孝南肖港派出所"),
    "汉川市": ("汉川马口派出所", "汉川韩集派出所", "汉川南河派出所", "汉川分水派出所"),
    "应城市": ("应城城中派出所", "应城郎君派出所", "应城长江埠派出所"),
    "安陆市": ("安陆府城派出所", "安陆烟店派出所", "安陆巡店派出所"),
    "孝昌县": ("孝昌花园派出所", "孝昌周巷派出所", "孝昌小河派出所"),
    "云梦县": ("云梦城关派出所", "云梦吴铺派出所", "云梦义堂派出所"),
    "大悟县": ("大悟城关派出所", "大悟宣化店派出所", "大悟芳畈派出所"),
}
DISTRICT_WEIGHTS = {"孝南区": 30, "汉川市": 18, "应城市": 14, "安陆市": 12, "孝昌县": 10, "云梦县": 9, "大悟县": 7}
FRAUD_TYPE_WEIGHTS: dict[FraudType, int] = {
    FraudType.TASK_REBATE: 24,
    FraudType.INVESTMENT: 18,
    FraudType.FAKE_CUSTOMER_SERVICE: 12,
    FraudType.IMPERSONATE_POLICE: 11,
    FraudType.FAKE_LOAN: 9,
    FraudType.ROMANCE: 7,
    FraudType.IMPERSONATE_ACQUAINTANCE: 7,
    FraudType.FAKE_CREDIT_REPAIR: 5,
    FraudType.FAKE_SHOPPING: 3,
    FraudType.GAME_TRADING: 2,
    FraudType.UNKNOWN: 2,
}
# The centre's officers and how quickly each picks up an alert (a factor on the delay).
OFFICERS: dict[str, float] = {
    "officer_li": 0.8, "officer_zhou": 1.0, "officer_chen": 0.9, "officer_sun": 1.2,
    "officer_ma": 1.1, "officer_he": 1.4, "officer_gao": 0.95, "officer_lin": 1.3,
}
# How a call that reached the person ended.
REACHED_OUTCOMES = (("dissuaded", 62), ("partly_dissuaded", 8), ("failed", 7), ("escalated", 10), ("false_alarm", 13))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
# Alerts by hour of the day (relative weights): quiet at night, busy mid-morning and evening.
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 9, 7, 7, 8, 8, 8, 7, 8, 9, 10, 8, 5, 2)
FOLLOW_UP_DAYS = 3
FOLLOW_UP_OUTCOMES = frozenset({"dissuaded", "partly_dissuaded", "failed", "escalated"})
REPEAT_SHARE = 0.05
# The day's case ids run from this sequence number on (the demo seed's own ids are below it).
DEMO_FIRST_SEQUENCE = 500


@dataclass
class History:
    """Rows ready to insert, with explicit ids (``person_key`` names an alert's person)."""

    people: list[dict[str, Any]] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    interventions: list[dict[str, Any]] = field(default_factory=list)
    stop_payments: list[dict[str, Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    follow_ups: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Ids:
    """The next id of each table (the bulk generator writes ids itself)."""

    alert: int = 1
    intervention: int = 1
    stop_payment: int = 1
    escalation: int = 1
    follow_up: int = 1


def _lognormal(rng: random.Random, median_seconds: float, spread: float) -> float:
    return median_seconds * math.exp(rng.gauss(0.0, spread))


class _Choice:
    """A weighted choice, its cumulative weights worked out once (it is drawn millions of times)."""

    def __init__(self, weights: dict[Any, int] | Sequence[tuple[Any, int]]) -> None:
        pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


def _pick(number: int, weights: _Choice) -> Any:
    """A weighted choice driven by a number (for what is derived from a key, without a generator)."""
    return weights.values[bisect.bisect_right(weights.cumulative, number % weights.total)]


DISTRICTS = _Choice(DISTRICT_WEIGHTS)
FRAUD_TYPES = _Choice(FRAUD_TYPE_WEIGHTS)
RISKS = _Choice((("high", 35), ("medium", 45), ("low", 20)))
OUTCOME_CHOICE = _Choice(REACHED_OUTCOMES)
OFFICER_NAMES = tuple(OFFICERS)
HONORIFICS = ("女士", "先生", "阿姨", "女士", "先生")


def person_key(day: date, number: int) -> str:
    """The key of the ``number``-th new person of ``day`` (``history-YYYYMMDD-NNN``)."""
    return f"history-{day:%Y%m%d}-{number:03d}"


def person_from_key(key: str) -> dict[str, Any]:
    """A synthetic person, the same for the same key whenever it is made (derived from a hash of the key)."""
    number = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")
    surname = SURNAMES[number % len(SURNAMES)]
    number //= len(SURNAMES)
    honorific = HONORIFICS[number % len(HONORIFICS)]
    number //= len(HONORIFICS)
    phone = number % 10_000
    number //= 10_000
    return {
        "key": key,
        "name": f"{surname}某某",
        "address_form": f"{surname}{honorific}",
        "phone": f"1370000{phone:04d}",
        "id_number": None,
        "district": _pick(number, DISTRICTS),
    }


def day_volume(day: date, per_day: float, rng: random.Random) -> int:
    """How many alerts a day brings: fewer at weekends, some noise."""
    base = per_day * (0.75 if day.weekday() >= 5 else 1.08)
    return max(0, round(rng.gauss(base, math.sqrt(base))))


class DayPlanner:
    """Plans the history of one day at a time; deterministic for a seed and a day."""

    def __init__(self, seed: str | int, *, first_sequence: int = 1, ids: Ids | None = None) -> None:
        self.seed = seed
        self.first_sequence = first_sequence
        self.ids = ids or Ids()

    def plan(self, day: date, alerts: int, now: datetime) -> History:
        """The alerts of ``day`` (at most ``999 - first_sequence + 1``) and their records, up to ``now``.

        The same seed and day give the same plan whenever it is made; only what happens after
        ``now`` is left out (and a follow-up due after ``now`` is still ``due``).
        """
        rng = random.Random(f"{self.seed}:{day.isoformat()}")
        alerts = min(alerts, 1000 - self.first_sequence)
        hours = rng.choices(range(24), HOUR_WEIGHTS, k=alerts)
        times = sorted(
            datetime.combine(day, time(hour)) + timedelta(seconds=rng.randrange(3600)) for hour in hours
        )
        history = History()
        for number, received_at in enumerate(times):
            plan = self._alert(rng, day, number, received_at)
            if plan["last_event"] > now:
                continue  # not happened yet: left out, whatever else it would have held
            self._emit(history, plan, f"YJ{day:%Y%m%d}{self.first_sequence + number:03d}", now)
        return history

    def _alert(self, rng: random.Random, day: date, number: int, received_at: datetime) -> dict[str, Any]:
        """Everything that happens to one alert, drawn in a fixed order (so a plan never depends on ``now``)."""
        repeat = rng.random() < REPEAT_SHARE and day.toordinal() > 1
        back = rng.randint(1, 25)
        repeat_key = person_key(day - timedelta(days=back), rng.randrange(8)) if repeat else None
        own_key = person_key(day, number)
        key = repeat_key or own_key
        person = person_from_key(key)
        fraud_type: FraudType = FRAUD_TYPES.draw(rng)
        risk = RISKS.draw(rng)
        amount_at_risk = int(round(_lognormal(rng, 40_000, 1.0), -2))
        station = rng.choice(STATIONS[person["district"]])
        officer = rng.choice(OFFICER_NAMES)
        calls: list[dict[str, Any]] = []
        contact = received_at + timedelta(seconds=30 + _lognormal(rng, 240 * OFFICERS[officer], 0.7))
        if rng.random() < 0.09:  # nobody answers: tried again later
            calls.append({"officer": officer, "outcome": "unreachable", "started_at": contact,
                          "ended_at": contact + timedelta(seconds=rng.randint(25, 70))})
            contact = calls[-1]["ended_at"] + timedelta(seconds=_lognormal(rng, 1500, 0.6))
            officer = rng.choice(OFFICER_NAMES) if rng.random() < 0.3 else officer
        outcome = OUTCOME_CHOICE.draw(rng)
        duration = _lognormal(rng, 420 if outcome != "false_alarm" else 180, 0.6)
        call = {"officer": officer, "outcome": outcome, "started_at": contact,
                "ended_at": contact + timedelta(seconds=duration)}
        calls.append(call)
        transferred = outcome in ("partly_dissuaded", "failed") or (outcome == "escalated" and rng.random() < 0.4)
        lost = int(round(amount_at_risk * rng.uniform(0.2, 0.8), -2)) if transferred else 0
        call["amount_saved"] = {"dissuaded": amount_at_risk, "partly_dissuaded": amount_at_risk - lost}.get(outcome, 0)
        stop_payment = None
        frozen = (0, 0)
        if transferred and lost:
            delay = min(_lognormal(rng, 1500, 0.8), 30 * 3600)
            filed = call["started_at"] + timedelta(seconds=min(duration * rng.uniform(0.3, 0.9), delay))
            transfer = filed - timedelta(seconds=delay)
            stop_payment = {"amount": lost, "transfer_time": transfer, "created_at": filed, "officer": officer}
            if rng.random() < 0.7:
                frozen = (rng.choice((1, 1, 1, 2)), int(round(lost * rng.uniform(0.5, 1.0), -2)))
        call["accounts_frozen"], call["amount_frozen"] = frozen
        escalation = None
        if outcome == "escalated" or (outcome == "failed" and rng.random() < 0.5):
            escalation = {"created_at": call["ended_at"] + timedelta(seconds=rng.randint(30, 600)), "officer": officer}
        follow_up = None
        if outcome in FOLLOW_UP_OUTCOMES and (repeat or fraud_type in RELAPSE_PRONE):
            due = call["ended_at"] + timedelta(days=FOLLOW_UP_DAYS)
            follow_up = {"due_at": due, "done": rng.random() < 0.85,
                         "reason": "重复受害人,防止再次被骗" if repeat else "该类诈骗易反复,回访确认未再转账"}
        events = [c["ended_at"] for c in calls]
        events += [record["created_at"] for record in (stop_payment, escalation) if record]
        return {
            "person": person, "repeat_key": repeat_key, "fraud_type": fraud_type.value, "risk_level": risk,
            "amount_at_risk": amount_at_risk, "police_station": station, "received_at": received_at,
            "calls": calls, "stop_payment": stop_payment, "escalation": escalation, "follow_up": follow_up,
            "status": "escalated" if outcome == "escalated" else "closed", "last_event": max(events),
        }

    def _emit(self, history: History, plan: dict[str, Any], case_id: str, now: datetime) -> None:
        ids = self.ids
        alert_id = ids.alert
        ids.alert += 1
        history.people.append(plan["person"])
        history.alerts.append({
            "id": alert_id, "case_id": case_id, "person_key": plan["person"]["key"], "fraud_type": plan["fraud_type"],
            "risk_level": plan["risk_level"], "amount_at_risk": plan["amount_at_risk"], "payee_account": None,
            "payee_bank": None, "police_station": plan["police_station"], "received_at": plan["received_at"],
            "source": "platform", "reporter": None, "summary": None, "status": plan["status"],
        })
        last_id = 0
        for number, call in enumerate(plan["calls"]):
            last_id = ids.intervention
            ids.intervention += 1
            history.interventions.append({
                "id": last_id, "alert_id": alert_id, "conversation_id": f"history-{case_id}-{number}",
                "officer": call["officer"], "outcome": call["outcome"], "amount_saved": call.get("amount_saved", 0),
                "accounts_frozen": call.get("accounts_frozen", 0), "amount_frozen": call.get("amount_frozen", 0),
                "started_at": call["started_at"], "ended_at": call["ended_at"], "note": None,
                "created_at": call["ended_at"], "updated_at": call["ended_at"],
            })
        conversation = f"history-{case_id}-{len(plan['calls']) - 1}"
        if plan["stop_payment"]:
            record = plan["stop_payment"]
            history.stop_payments.append({
                "id": ids.stop_payment, "alert_id": alert_id, "conversation_id": conversation,
                "officer": record["officer"], "payee_account": f"62220000{alert_id % 10**11:011d}",
                "payee_bank": "中国工商银行", "amount": record["amount"], "transfer_time": record["transfer_time"],
                "transfer_time_text": f"{record['transfer_time']:%H:%M}", "status": "submitted",
                "created_at": record["created_at"],
            })
            ids.stop_payment += 1
        if plan["escalation"]:
            record = plan["escalation"]
            history.escalations.append({
                "id": ids.escalation, "alert_id": alert_id, "conversation_id": conversation,
                "officer": record["officer"], "police_station": plan["police_station"],
                "reason": "电话劝阻未果,请上门见面劝阻", "briefing": f"【上报】{case_id} 需上门劝阻(合成数据)",
                "created_at": record["created_at"],
            })
            ids.escalation += 1
        if plan["follow_up"]:
            record = plan["follow_up"]
            history.follow_ups.append({
                "id": ids.follow_up, "alert_id": alert_id, "intervention_id": last_id, "due_at": record["due_at"],
                "reason": record["reason"], "status": "done" if record["done"] and record["due_at"] <= now else "due",
                "created_at": plan["calls"][-1]["ended_at"],
            })
            ids.follow_up += 1
