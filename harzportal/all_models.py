"""Imports every table so SQLModel.metadata is complete (Alembic, tests, CLI)."""

from sqlmodel import SQLModel

from harzportal.accounts.models import AccountToken, AuthSession, LoginFailure, User
from harzportal.audit.models import AuditEvent
from harzportal.exchange.models import DigestSubscription, Interest, Post
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

__all__ = ["AccountToken", "AuditEvent", "AuthSession", "ChangeRequest", "ChangeRequestField",
           "ContactFunctionAssignment", "Document", "DocumentCategory", "DocumentVersion",
           "FeeScheduleItem", "LibraryVisit", "Invoice", "InvoiceLine", "LoginFailure",
           "NumberRange", "Payment", "Reminder", "CalendarFeed", "Registration", "Seminar", "OutboxEmail", "Organization", "User",
           "DigestSubscription", "Interest", "Post", "metadata"]
