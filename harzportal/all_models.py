"""Imports every table so SQLModel.metadata is complete (Alembic, tests, CLI)."""

from sqlmodel import SQLModel

from harzportal.accounts.models import AccountToken, AuthSession, LoginFailure, User
from harzportal.audit.models import AuditEvent
from harzportal.circulars.models import (
    Circular,
    CircularOptOut,
    CircularRecipient,
    UnsubscribeLink,
)
from harzportal.documents.models import Document, DocumentCategory, DocumentVersion, LibraryVisit
from harzportal.invoices.models import (
    FeeScheduleItem,
    Invoice,
    InvoiceLine,
    NumberRange,
    Payment,
    Reminder,
)
from harzportal.mail.models import OutboxEmail
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    ContactFunctionAssignment,
    Organization,
)
from harzportal.seminars.models import CalendarFeed, Registration, Seminar

metadata = SQLModel.metadata

__all__ = ["AccountToken", "AuditEvent", "Circular", "CircularOptOut", "CircularRecipient",
           "UnsubscribeLink", "AuthSession", "ChangeRequest", "ChangeRequestField",
           "ContactFunctionAssignment", "Document", "DocumentCategory", "DocumentVersion",
           "FeeScheduleItem", "LibraryVisit", "Invoice", "InvoiceLine", "LoginFailure",
           "NumberRange", "Payment", "Reminder", "CalendarFeed", "Registration", "Seminar", "OutboxEmail", "Organization", "User",
           "metadata"]
