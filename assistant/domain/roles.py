"""Side-panel roles and what each may see."""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    """The role of a panel account."""

    OFFICER = "officer"
    TRAINEE = "trainee"
    SUPERVISOR = "supervisor"


LABELS: dict[Role, str] = {
    Role.OFFICER: "民警",
    Role.TRAINEE: "学员",
    Role.SUPERVISOR: "主管",
}


def sees_personal_data(role: str) -> bool:
    """Whether an account of this role may see real personal data (trainees never do).

    An unknown role is treated like a trainee: it sees nothing it should not.
    """
    return role in (Role.OFFICER.value, Role.SUPERVISOR.value)
