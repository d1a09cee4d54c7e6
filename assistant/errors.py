"""Domain errors. Each carries its context and the name of the response that explains it.

Actions turn these into ``dispatcher.utter_message(response=error.response, **error.params)``
so the officer always gets a clear message, never a stack trace or silence.
"""

from __future__ import annotations

from typing import Any


class QuanzuError(Exception):
    """Base class of every error the assistant reports to the officer."""

    response = "utter_internal_error"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.params: dict[str, Any] = params


class MalformedCaseId(QuanzuError):
    """The text given as a case id does not have the case id format."""

    response = "utter_case_id_malformed"

    def __init__(self, case_id: str) -> None:
        super().__init__(f"malformed case id: {case_id!r}", case_id=case_id)
        self.case_id = case_id


class CaseNotFound(QuanzuError):
    """No alert with this case id is on record."""

    response = "utter_case_not_found"

    def __init__(self, case_id: str) -> None:
        super().__init__(f"case not found: {case_id}", case_id=case_id)
        self.case_id = case_id


class InvalidField(QuanzuError):
    """A form field failed validation; ``reason`` says why in the officer's language."""

    response = "utter_invalid_field"

    def __init__(self, field: str, value: Any, reason: str) -> None:
        super().__init__(f"invalid {field} ({reason})", field=field, reason=reason)
        self.field = field
        self.value = value
        self.reason = reason


class MissingOutcome(QuanzuError):
    """An outcome report did not say how the intervention ended."""

    response = "utter_outcome_missing"

    def __init__(self) -> None:
        super().__init__("outcome report without an outcome")


class NoCaseOpen(QuanzuError):
    """An operation that needs an open case was asked for without one."""

    response = "utter_no_case_open"

    def __init__(self, operation: str) -> None:
        super().__init__(f"{operation} needs an open case", operation=operation)
        self.operation = operation


class InvalidFields(QuanzuError):
    """Several form fields failed validation at once; ``errors`` maps each field to its reason."""

    response = "utter_invalid_field"

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(f"invalid fields: {', '.join(sorted(errors))}", errors=errors)
        self.errors = dict(errors)

    @classmethod
    def collect(cls, *failures: InvalidField) -> InvalidFields:
        """Combine single-field failures (the first reason per field wins)."""
        errors: dict[str, str] = {}
        for failure in failures:
            errors.setdefault(failure.field, failure.reason)
        return cls(errors)


class AssistantUnavailable(QuanzuError):
    """The Rasa server could not be reached, timed out or failed (5xx)."""

    response = "utter_internal_error"

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"assistant unavailable at {url}: {reason}", url=url, reason=reason)
        self.url = url
        self.reason = reason


class NotSignedIn(QuanzuError):
    """A record was asked for in a conversation whose speaker is not verified (no valid chat token)."""

    response = "utter_not_signed_in"

    def __init__(self, operation: str) -> None:
        super().__init__(f"{operation} without a verified speaker", operation=operation)
        self.operation = operation


class RecordsNotAllowed(QuanzuError):
    """A trainee's conversation asked to write a real record (stop-payment, escalation, outcome)."""

    response = "utter_trainee_no_records"

    def __init__(self, operation: str) -> None:
        super().__init__(f"{operation} refused for a trainee", operation=operation)
        self.operation = operation


class OtherCaseConversation(QuanzuError):
    """A case other than the one this conversation belongs to was asked for."""

    response = "utter_case_other_conversation"

    def __init__(self, bound_case_id: str, case_id: str) -> None:
        super().__init__(f"conversation of {bound_case_id} asked for {case_id}", bound_case_id=bound_case_id, case_id=case_id)
        self.bound_case_id = bound_case_id
        self.case_id = case_id


class AssistantNoReply(AssistantUnavailable):
    """The assistant took the message but produced no reply: an action or the database failed.

    ``message`` is the channel's own explanation for the officer.
    """

    def __init__(self, url: str, message: str) -> None:
        super().__init__(url, "no reply")
        self.message = message


class NoLifeSafetyAlert(QuanzuError):
    """A dispatch was asked for a conversation that is not on the life-safety path."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"no life-safety alert in the conversation of {case_id}", case_id=case_id)
        self.case_id = case_id


class InvalidPeriod(QuanzuError):
    """A report period that cannot be read: a bad day, an unknown name, a range ending before it starts.

    ``reason`` says why in the officer's language (the API's answer); the message is the command line's.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message, reason=reason)
        self.reason = reason
