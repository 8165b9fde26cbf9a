"""GDPR self-service: a person's data as JSON, an organization's data as a ZIP (JSON plus its
invoice PDFs). Anonymizing a contact who has left is an operation on contacts
(`organizations.contacts.anonymize_contact`).
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import Session, select

from harzportal.accounts.models import AuthSession, Passkey, RecoveryCode, TotpFactor, User
from harzportal.audit import service as audit
from harzportal.audit.models import AuditEvent
from harzportal.circulars.models import CircularOptOut, CircularRecipient
from harzportal.core import clock, private_files
from harzportal.core.actor import Actor
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.debits import mandate_pdf
from harzportal.debits.models import SepaMandate
from harzportal.invoices.issuing import PDF_AREA, xrechnung_filename
from harzportal.invoices.models import Invoice, InvoiceLine, Payment, Refund
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    ContactFunctionAssignment,
    Organization,
)
from harzportal.seminars.models import CalendarFeed, Certificate, Registration, Seminar

MAX_EVENTS = 10_000
PERSONAL_FIELDS = ("email", "full_name", "job_title", "phone", "preferred_language",
                   "listed_in_directory", "role", "is_active", "created_at", "last_login_at")


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return clock.as_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(model, exclude: tuple[str, ...] = ()) -> dict:
    return {key: _plain(value) for key, value in model.model_dump().items() if key not in exclude}


def _own_event_row(event: AuditEvent, user_id: int) -> dict:
    """An audit event in a person's export. What they did to another person (invited, changed a
    colleague's role) stays listed, but without that person's details."""
    row = _row(event)
    about_someone_else = (
        (event.object_type == "user" and event.object_id != str(user_id))
        or any(isinstance(details, dict) and details.get("user_id") not in (None, user_id)
               for details in (event.before, event.after)))
    if about_someone_else:
        row |= {"object_id": None, "before": None, "after": None,
                "note": "details of another person left out"}
    return row


def _second_factor(session: Session, user_id: int) -> dict:
    """The passkeys (names, when added and last used) and when the authenticator app was set up
    and the recovery codes used: never a key, the app's secret or a code (or its hash)."""
    app = session.exec(select(TotpFactor).where(TotpFactor.user_id == user_id)).first()
    codes = session.exec(select(RecoveryCode).where(RecoveryCode.user_id == user_id)
                         .order_by(RecoveryCode.id)).all()
    keys = session.exec(select(Passkey).where(Passkey.user_id == user_id).order_by(Passkey.id)).all()
    return {
        "passkeys": [_row(key, exclude=("credential_id", "public_key", "user_handle"))
                     for key in keys],
        "authenticator_app": _row(app, exclude=("secret", "last_used_step")) if app else None,
        "recovery_codes": [_row(code, exclude=("code_hash",)) for code in codes],
    }


def person_export(session: Session, actor: Actor) -> dict:
    """Everything held about the signed-in person."""
    user = get_or_not_found(session, User, actor.user_id)
    organization = session.get(Organization, user.organization_id) if user.organization_id \
        else None
    registrations = session.exec(
        select(Registration, Seminar.title, Seminar.starts_at, Certificate.number)
        .join(Seminar, Seminar.id == Registration.seminar_id)
        .outerjoin(Certificate, Certificate.registration_id == Registration.id)
        .where(Registration.user_id == user.id).order_by(Registration.id)).all()
    events = session.exec(select(AuditEvent).where(or_(
        AuditEvent.actor_user_id == user.id,
        (AuditEvent.object_type == "user") & (AuditEvent.object_id == str(user.id))))
        .order_by(AuditEvent.id).limit(MAX_EVENTS)).all()
    return {
        "exported_at": clock.now().isoformat(),
        "profile": {field: _plain(getattr(user, field)) for field in PERSONAL_FIELDS},
        "organization": organization.name if organization else None,
        "functions": list(session.exec(select(ContactFunctionAssignment.function)
                                       .where(ContactFunctionAssignment.user_id == user.id))),
        "sessions": [_row(s, exclude=("token_hash",)) for s in session.exec(
            select(AuthSession).where(AuthSession.user_id == user.id))],
        "seminar_registrations": [
            _row(registration) | {"seminar": title, "seminar_starts_at": _plain(starts),
                                  "certificate_number": number}
            for registration, title, starts, number in registrations],
        "calendar_feeds": [_row(feed, exclude=("token_hash",)) for feed in session.exec(
            select(CalendarFeed).where(CalendarFeed.user_id == user.id))],
        "second_factor": _second_factor(session, user.id),
        "sepa_mandates_granted": [_row(m) for m in session.exec(
            select(SepaMandate).where(SepaMandate.granted_by_user_id == user.id)
            .order_by(SepaMandate.id))],
        "circulars_received": [_row(r) for r in session.exec(
            select(CircularRecipient).where(CircularRecipient.user_id == user.id))],
        "circular_opt_outs": [_row(o) for o in session.exec(
            select(CircularOptOut).where(CircularOptOut.user_id == user.id))],
        "downloads": [_row(e) for e in events if e.action == "document.download"],
        "audit_events": [_own_event_row(e, user.id) for e in events],
    }


def organization_export(session: Session, actor: Actor, organization_id: object) -> bytes:
    """A ZIP with organization.json (profile, contacts, change requests, invoices, payments,
    refunds, seminar registrations, SEPA mandates), every invoice PDF and every mandate's PDF."""
    organization = get_or_not_found(session, Organization, organization_id)
    require(actor, Action.EXPORT_ORGANIZATION_DATA, organization.id)
    requests = list(session.exec(select(ChangeRequest)
                                 .where(ChangeRequest.organization_id == organization.id)))
    invoices = list(session.exec(select(Invoice)
                                 .where(Invoice.organization_id == organization.id)
                                 .order_by(Invoice.id)))
    invoice_ids = [invoice.id for invoice in invoices]
    sepa_mandates = list(session.exec(select(SepaMandate)
                                      .where(SepaMandate.organization_id == organization.id)
                                      .order_by(SepaMandate.id)))
    data = {
        "exported_at": clock.now().isoformat(),
        "organization": _row(organization, exclude=("search_text",)),
        "contacts": [{field: _plain(getattr(u, field)) for field in PERSONAL_FIELDS}
                     for u in session.exec(select(User)
                                           .where(User.organization_id == organization.id))],
        "change_requests": [_row(r) | {"fields": [_row(f) for f in session.exec(
            select(ChangeRequestField).where(ChangeRequestField.request_id == r.id))]}
            for r in requests],
        "invoices": [_row(i) for i in invoices],
        "invoice_lines": [_row(line) for line in session.exec(
            select(InvoiceLine).where(InvoiceLine.invoice_id.in_(invoice_ids)))]
        if invoice_ids else [],
        "payments": [_row(p) for p in session.exec(
            select(Payment).where(Payment.invoice_id.in_(invoice_ids)))] if invoice_ids else [],
        "refunds": [_row(r) for r in session.exec(  # the account the organization gave for it
            select(Refund).where(Refund.organization_id == organization.id))],
        "seminar_registrations": [_row(r) for r in session.exec(
            select(Registration).where(Registration.organization_id == organization.id))],
        "sepa_mandates": [_row(m) for m in sepa_mandates],  # the IBAN in full, as given
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organization.json", json.dumps(data, ensure_ascii=False, indent=2))
        for invoice in invoices:
            content = private_files.read_verified(PDF_AREA, invoice.pdf_file, invoice.pdf_sha256)
            if content is not None:
                archive.writestr(f"rechnungen/{invoice.number}.pdf", content)
            xml = private_files.read_verified(PDF_AREA, invoice.xml_file, invoice.xml_sha256)
            if xml is not None:  # a public-sector buyer's XRechnung
                archive.writestr(f"rechnungen/{xrechnung_filename(invoice)}", xml)
        for mandate in sepa_mandates:
            archive.writestr(f"mandate/{mandate_pdf.filename(mandate)}",
                             mandate_pdf.render(mandate, organization))
    audit.record(session, action="organization.data_exported", object_type="organization",
                 object_id=organization.id, actor_user_id=actor.user_id,
                 organization_id=organization.id, client_ip=actor.client_ip)
    return buffer.getvalue()
