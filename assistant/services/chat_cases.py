"""Opening a case in the chat, as the verified speaker may see it.

A trainee's conversation gets the case card with every personal value of the person masked
or pseudonymised (and the reporter's name left out), and a pseudonym as the form of
address the suggestions use.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.identifiers import validate_case_id
from assistant.errors import OtherCaseConversation
from assistant.services.audit import record_access
from assistant.services.cases import CaseSummary, format_case_card, load_case
from assistant.services.personal_data import load_personal_data, pseudonym


@dataclass(frozen=True)
class OpenedCase:
    """A case opened in a conversation: its summary, the card to show and the form of address to use."""

    case: CaseSummary
    card: str
    address_form: str


def check_case_binding(bound_case_id: str | None, requested: str) -> None:
    """Refuse a case other than the one the conversation belongs to.

    Raises:
        MalformedCaseId: when ``requested`` is not a case id.
        OtherCaseConversation: when the conversation is bound to another case.
    """
    case_id = validate_case_id(requested)
    if bound_case_id is not None and case_id != bound_case_id:
        raise OtherCaseConversation(bound_case_id, case_id)


def open_case(
    uow: UnitOfWork, case_id: str, *, sees_personal_data: bool, viewer: str | None, now: datetime | None = None
) -> OpenedCase:
    """Load a case and its card for the chat; the view is on the access log under ``viewer``.

    Args:
        uow: the unit of work on the case database.
        case_id: the case to open.
        sees_personal_data: whether the viewer may see real personal data (not a trainee).
        viewer: the verified user (``None``: unverified, logged as ``unverified``).
        now: when (default: now).

    Raises:
        MalformedCaseId: when the case id does not have the case id format.
        CaseNotFound: when the case does not exist.
    """
    case = load_case(uow, case_id)
    record_access(
        uow, username=viewer or "unverified", case_id=case.case_id, action="view", channel="chat",
        now=now or datetime.now(),
    )
    if sees_personal_data:
        return OpenedCase(case, format_case_card(case), case.address_form)
    personal = load_personal_data(uow, case.case_id)
    shown = replace(case, reporter="已隐藏" if case.reporter else None)
    return OpenedCase(case, personal.redact_text(format_case_card(shown)), pseudonym(case.address_form))
