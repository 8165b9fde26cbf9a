"""Domain errors. Services raise them; states turn them into a message on screen.

Each carries a catalogue key (`message_key`) so the message is shown in the user's language,
plus optional values for placeholders and the form field it belongs to.
"""

from __future__ import annotations

from harzportal.core.i18n import N_


class DomainError(Exception):
    default_key = N_("error.generic")

    def __init__(self, message_key: str | None = None, field: str | None = None, **values):
        self.message_key = message_key or self.default_key
        self.field = field
        self.values = values
        super().__init__(self.message_key)


class NotFound(DomainError):
    default_key = N_("error.not_found")


class PermissionDenied(DomainError):
    default_key = N_("error.permission_denied")


class ValidationFailed(DomainError):
    default_key = N_("error.invalid_input")


class Conflict(DomainError):
    default_key = N_("error.conflict")


class NotAuthenticated(DomainError):
    default_key = N_("error.not_signed_in")
