"""The report as a table for the terminal, as CSV and as JSON.

- **table**: the total in full, then one line per group with the figures a supervisor reads
  first; Chinese labels, columns aligned by display width (a Chinese character is two columns).
- **csv**: one row per group and a last row ``合计`` (the total), every figure in its own
  column; times in minutes (one decimal), amounts in yuan, the dissuasion rate as a fraction.
- **json**: :meth:`Report.as_dict <assistant.services.statistics.Report.as_dict>` (times in seconds).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable
from typing import Any

from assistant.domain.amounts import format_yuan
from assistant.services.statistics import GROUPING_LABELS, OUTCOMES, Figures, Report, Timing

FORMATS = ("table", "csv", "json")
TOTAL_LABEL = "合计"

CSV_COLUMNS = (
    "since", "until", "by", "key", "label",
    "alerts_received", "alerts_handled", "repeat_victims", "interventions", *OUTCOMES, "dissuasion_rate",
    "amount_saved", "accounts_frozen", "amount_frozen", "stop_payments", "stop_payment_amount", "escalations",
    "follow_ups_due", "follow_ups_overdue",
    "first_contact_median_min", "first_contact_p90_min", "stop_payment_median_min", "stop_payment_p90_min",
    "call_median_min", "call_p90_min",
)


def _timing(timing: Timing | None) -> Timing:
    return timing or Timing()


def _minutes(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 60:.1f}"


def _csv_figures(figures: Figures) -> dict[str, Any]:
    timings = {"first_contact": _timing(figures.first_contact), "stop_payment": _timing(figures.stop_payment_delay),
               "call": _timing(figures.call_duration)}
    values: dict[str, Any] = {
        "alerts_received": figures.alerts_received,
        "alerts_handled": figures.alerts_handled,
        "repeat_victims": figures.repeat_victims,
        "interventions": figures.interventions,
        **figures.outcomes,
        "dissuasion_rate": "" if figures.dissuasion_rate is None else f"{figures.dissuasion_rate:.4f}",
        "amount_saved": figures.amount_saved,
        "accounts_frozen": figures.accounts_frozen,
        "amount_frozen": figures.amount_frozen,
        "stop_payments": figures.stop_payments,
        "stop_payment_amount": figures.stop_payment_amount,
        "escalations": figures.escalations,
        "follow_ups_due": figures.follow_ups_due,
        "follow_ups_overdue": figures.follow_ups_overdue,
    }
    for name, timing in timings.items():
        values[f"{name}_median_min"] = _minutes(timing.median)
        values[f"{name}_p90_min"] = _minutes(timing.p90)
    return values


def to_csv(report: Report) -> str:
    """The report as CSV (header row, the groups, then the total)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    common = {
        "since": report.period.first_day.isoformat(),
        "until": report.period.last_day.isoformat(),
        "by": report.grouping.value if report.grouping else "",
    }
    for row in report.rows:
        writer.writerow({**common, "key": row.key or "", "label": row.label, **_csv_figures(row.figures)})
    writer.writerow({**common, "key": "", "label": TOTAL_LABEL, **_csv_figures(report.total)})
    return out.getvalue()


def to_json(report: Report) -> str:
    """The report as JSON (indented, Chinese as it is)."""
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


def width(text: str) -> int:
    """How many terminal columns ``text`` takes (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, columns: int, right: bool) -> str:
    space = " " * max(0, columns - width(text))
    return space + text if right else text + space


def duration_text(seconds: float | None) -> str:
    """A duration as the table shows it: ``45秒``, ``12.5分钟``, ``2.3小时``, ``—`` for none."""
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{seconds:.0f}秒"
    if seconds < 3600:
        return f"{seconds / 60:.1f}分钟"
    return f"{seconds / 3600:.1f}小时"


def rate_text(rate: float | None) -> str:
    """The dissuasion rate as a percentage, ``—`` when no call was decided."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _timing_text(timing: Timing | None) -> str:
    if not timing or not timing.count:
        return "—"
    return f"中位 {duration_text(timing.median)} · P90 {duration_text(timing.p90)}(共{timing.count}次)"


def _total_lines(figures: Figures) -> list[str]:
    outcomes = figures.outcomes
    return [
        f"  预警    接收 {figures.alerts_received} · 已处置 {figures.alerts_handled} · 重复受害人 {figures.repeat_victims}",
        f"  劝阻    共 {figures.interventions} 次:成功 {outcomes['dissuaded']} · 部分 {outcomes['partly_dissuaded']}"
        f" · 失败 {outcomes['failed']} · 未接通 {outcomes['unreachable']} · 转派出所 {outcomes['escalated']}"
        f" · 误报 {outcomes['false_alarm']} · 劝阻成功率 {rate_text(figures.dissuasion_rate)}",
        f"  资金    挽损 {format_yuan(figures.amount_saved)} · 冻结账户 {figures.accounts_frozen} 个"
        f" · 冻结金额 {format_yuan(figures.amount_frozen)}",
        f"  止付    {figures.stop_payments} 笔 · 金额 {format_yuan(figures.stop_payment_amount)}",
        f"  上报    转派出所 {figures.escalations} 次",
        f"  回访    到期 {figures.follow_ups_due} · 逾期未回访 {figures.follow_ups_overdue}",
        f"  时效    预警→首次联系 {_timing_text(figures.first_contact)}",
        f"          转账→止付     {_timing_text(figures.stop_payment_delay)}",
        f"          通话时长      {_timing_text(figures.call_duration)}",
    ]


# The group table's columns: heading, value, right-aligned.
GROUP_COLUMNS: tuple[tuple[str, Callable[[Figures], str]], ...] = (
    ("预警", lambda f: str(f.alerts_received)),
    ("已处置", lambda f: str(f.alerts_handled)),
    ("劝阻次数", lambda f: str(f.interventions)),
    ("成功", lambda f: str(f.outcomes["dissuaded"] + f.outcomes["partly_dissuaded"])),
    ("成功率", lambda f: rate_text(f.dissuasion_rate)),
    ("挽损", lambda f: format_yuan(f.amount_saved) if f.amount_saved else "0"),
    ("止付", lambda f: str(f.stop_payments)),
    ("止付金额", lambda f: format_yuan(f.stop_payment_amount) if f.stop_payment_amount else "0"),
    ("上报", lambda f: str(f.escalations)),
    ("逾期回访", lambda f: str(f.follow_ups_overdue)),
    ("止付用时中位", lambda f: duration_text(_timing(f.stop_payment_delay).median)),
    ("首次联系中位", lambda f: duration_text(_timing(f.first_contact).median)),
)


def to_table(report: Report) -> str:
    """The report as a text table for the terminal."""
    period = report.period
    grouping = GROUPING_LABELS[report.grouping] if report.grouping else None
    days = f"{period.first_day.isoformat()} 至 {period.last_day.isoformat()}"
    title = f"全阻统计报表 · {days}" if period.name == "custom" else f"全阻统计报表 · {period.label}({days})"
    lines = [title + (f" · 按{grouping}" if grouping else ""), f"生成于 {report.generated_at:%Y-%m-%d %H:%M}", ""]
    lines.append(TOTAL_LABEL + ("(该时段没有记录)" if report.total.empty else ""))
    lines.extend(_total_lines(report.total))
    if report.grouping is None:
        return "\n".join(lines) + "\n"
    lines.append("")
    if not report.rows:
        lines.append(f"按{grouping}:该时段没有记录")
        return "\n".join(lines) + "\n"
    header = [grouping or "", *(heading for heading, _value in GROUP_COLUMNS)]
    body = [[row.label, *(value(row.figures) for _heading, value in GROUP_COLUMNS)] for row in report.rows]
    body.append([TOTAL_LABEL, *(value(report.total) for _heading, value in GROUP_COLUMNS)])
    widths = [max(width(cells[index]) for cells in [header, *body]) for index in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(_pad(cell, widths[index], right=index > 0) for index, cell in enumerate(cells)).rstrip()

    lines.append(line(header))
    lines.append("  ".join("-" * columns for columns in widths))
    lines.extend(line(cells) for cells in body[:-1])
    lines.append("  ".join("-" * columns for columns in widths))
    lines.append(line(body[-1]))
    return "\n".join(lines) + "\n"


def render(report: Report, output_format: str) -> str:
    """The report in ``table``, ``csv`` or ``json``."""
    renderers = {"table": to_table, "csv": to_csv, "json": to_json}
    return renderers[output_format](report)
