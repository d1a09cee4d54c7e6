"""The supervisors' statistics API (docs/panel-api.md): the dashboard, the report as JSON and as CSV.

Supervisors only: anyone else signed in gets 403, nobody signed in 401. The figures are those
of ``quanzu report`` (:mod:`assistant.services.statistics`), for a period given as
``period=today|week|month|<N>d`` or ``since``/``until`` days.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response

from assistant.domain.roles import Role
from assistant.services.statistics import build_dashboard, build_report
from assistant.services.users import Account
from assistant.stats import periods
from assistant.stats.formats import to_csv
from assistant.stats.queries import Grouping
from assistant.web.auth import ApiUser
from assistant.web.context import PanelDep

router = APIRouter(prefix="/api/stats")

STATS_FORBIDDEN = "只有主管可以查看统计"
BAD_GROUPING = "分组应为 " + "、".join(grouping.value for grouping in Grouping)
DASHBOARD_DEFAULT_PERIOD = "30d"
# Excel reads a CSV file as UTF-8 (the Chinese labels) only when it starts with a byte-order mark.
UTF8_BOM = "\ufeff"


def statistics_user(user: ApiUser) -> Account:
    """FastAPI dependency: a signed-in supervisor, or 403 for officers and trainees."""
    if user.role != Role.SUPERVISOR.value:
        raise HTTPException(status_code=403, detail=STATS_FORBIDDEN)
    return user


StatisticsUser = Annotated[Account, Depends(statistics_user)]


def _grouping(raw: str | None) -> Grouping | None:
    if not raw:
        return None
    try:
        return Grouping(raw)
    except ValueError:
        raise HTTPException(status_code=422, detail=BAD_GROUPING) from None


@router.get("/dashboard")
def dashboard(
    user: StatisticsUser,
    context: PanelDep,
    period: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """Headline figures for today, this week and this month; the period (default the last 30 days) in detail."""
    now = datetime.now()
    chosen = periods.resolve(now, name=period or (None if since or until else DASHBOARD_DEFAULT_PERIOD), since=since, until=until)
    return build_dashboard(context.uow, chosen, now).as_dict()


@router.get("/report")
def report(
    user: StatisticsUser,
    context: PanelDep,
    by: str | None = None,
    period: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """The report of a period (default this month), in total and by ``by``, as ``quanzu report --format json``."""
    now = datetime.now()
    chosen = periods.resolve(now, name=period, since=since, until=until)
    return build_report(context.uow, chosen, _grouping(by), now).as_dict()


@router.get("/report.csv")
def report_csv(
    user: StatisticsUser,
    context: PanelDep,
    by: str | None = None,
    period: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    """The same report as a CSV download (``quanzu report --format csv``, with a byte-order mark for Excel)."""
    now = datetime.now()
    chosen = periods.resolve(now, name=period, since=since, until=until)
    grouping = _grouping(by)
    built = build_report(context.uow, chosen, grouping, now)
    name = f"quanzu-stats-{grouping.value if grouping else 'total'}-{chosen.first_day}-{chosen.last_day}.csv"
    return Response(
        UTF8_BOM + to_csv(built),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
