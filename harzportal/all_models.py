"""Imports every table so SQLModel.metadata is complete (Alembic, tests, CLI)."""

from sqlmodel import SQLModel

from harzportal.accounts.models import (
    AccountToken,
    AuthSession,
    LoginFailure,
    Passkey,
    PasskeyChallenge,
    PendingSignIn,
    RecoveryCode,
    TotpFactor,
    User,
)
from harzportal.audit.models import AuditEvent
from harzportal.banking.models import BankEntry, BankStatement
from harzportal.circulars.models import (
    Circular,
    CircularOptOut,
    CircularRecipient,
    UnsubscribeLink,
)
from harzportal.debits.models import DebitRun, DebitRunItem, SepaMandate
from harzportal.documents.models import Document, DocumentCategory, DocumentVersion, LibraryVisit
from harzportal.exchange.models import DigestSubscription, Interest, Post
from harzportal.invoices.models import (
    FeeScheduleItem,
    Invoice,
    InvoiceLine,
    NumberRange,
    Payment,
    Refund,
    Reminder,
)
from harzportal.jobruns.models import JobPeriod, JobRun
from harzportal.mail.models import OutboxEmail
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    ContactFunctionAssignment,
    Organization,
)
from harzportal.seminars.models import CalendarFeed, Certificate, Registration, Seminar

metadata = SQLModel.metadata

__all__ = ["AccountToken", "AuditEvent", "AuthSession", "BankEntry", "BankStatement", "CalendarFeed", "Certificate",
           "ChangeRequest", "ChangeRequestField", "Circular", "CircularOptOut",
           "CircularRecipient", "ContactFunctionAssignment", "DebitRun", "DebitRunItem", "DigestSubscription",
           "Document", "DocumentCategory", "DocumentVersion", "FeeScheduleItem",
           "Interest", "Invoice", "InvoiceLine", "JobPeriod", "JobRun", "LibraryVisit", "LoginFailure",
           "NumberRange", "Organization", "OutboxEmail", "Passkey", "PasskeyChallenge",
           "Payment", "PendingSignIn", "Post", "RecoveryCode", "Refund", "Registration",
           "Reminder", "SepaMandate", "Seminar", "TotpFactor", "UnsubscribeLink", "User",
           "metadata"]
