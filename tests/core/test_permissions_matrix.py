"""Who may do what: every service that takes an actor, for every role, on an object of the
actor's own organization and of another organization.

The expected outcome of every cell is written out below, so a change to the permission table or
to a service's check shows up here as a failing cell.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlmodel import select

from harzportal import db
from harzportal.accounts import service as auth_service
from harzportal.accounts.models import User
from harzportal.admin import service as admin_service
from harzportal.core import clock, private_files
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.errors import NotFound, PermissionDenied
from harzportal.core.permissions import PERMISSIONS, Action, Scope, is_allowed, require
from harzportal.core.roles import Role
from harzportal.dashboard import service as dashboard_service
from harzportal.invoices import collection, export, fees, issuing, refunds
from harzportal.invoices import service as invoice_service
from harzportal.invoices.amounts import LineInput
from harzportal.invoices.models import FeeScheduleItem, Invoice, InvoiceLine, Payment, Refund
from harzportal.mail.models import OutboxEmail
from harzportal.organizations import changes, contacts, directory
from harzportal.organizations import service as organizations_service
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    ContactFunctionAssignment,
    Organization,
)
from harzportal.seminars import participation
from harzportal.seminars import registrations as seminar_registrations
from harzportal.seminars import service as seminar_service
from harzportal.seminars.models import Registration, Seminar
from tests.organizations.helpers import live_form

pytestmark = pytest.mark.service

ALLOW, DENY = "allow", "deny"  # DENY: PermissionDenied
HIDE = "hide"  # NotFound, as for a missing id: the object is another organization's
OWN, OTHER = "own", "other"

#                              contact         org_manager     network_admin
#                              own    other    own    other    own    other
EXPECTED = {
    "invite_contact":            (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "deactivate_contact":        (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "get_organization":          (ALLOW, HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "list_users":                (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "list_organization_choices": (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "get_dashboard":             (ALLOW, ALLOW,  ALLOW, ALLOW,  ALLOW, ALLOW),
    "propose_change":            (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "withdraw_change":           (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "decide_change":             (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "edit_profile_directly":     (DENY,  HIDE,   DENY,  HIDE,   ALLOW, ALLOW),
    "get_profile_page":          (ALLOW, HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "get_edit_form":             (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "list_open_requests":        (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "get_request_for_decision":  (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "list_organizations":        (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "list_contacts":             (ALLOW, HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "change_role":               (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "assign_function":           (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "search_directory":          (ALLOW, ALLOW,  ALLOW, ALLOW,  ALLOW, ALLOW),
    "get_directory_entry":       (ALLOW, ALLOW,  ALLOW, ALLOW,  ALLOW, ALLOW),
    # Seminars: everyone browses and registers themself; an org_manager registers and cancels
    # for colleagues of the own organization; certificates are the participant's (or staff's);
    # running seminars is for staff.
    "list_catalogue":            (ALLOW, ALLOW,  ALLOW, ALLOW,  ALLOW, ALLOW),
    "get_seminar_page":          (ALLOW, ALLOW,  ALLOW, ALLOW,  ALLOW, ALLOW),
    "list_my_seminars":          (ALLOW, ALLOW,  ALLOW, ALLOW,  ALLOW, ALLOW),
    "register":                  (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "cancel_registration":       (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "certificate_data":          (DENY,  HIDE,   DENY,  HIDE,   ALLOW, ALLOW),
    "save_seminar":              (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "publish_seminar":           (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "cancel_seminar":            (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "get_seminar_form":          (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "list_staff_seminars":       (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "list_participants":         (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "set_attendance":            (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "participants_csv":          (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    # Invoices: a plain contact sees none (only contacts with the billing function do, see
    # tests/invoices/test_access.py); everything else is for staff.
    "list_member_invoices":      (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "get_invoice":               (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "invoice_pdf":               (DENY,  HIDE,   ALLOW, HIDE,   ALLOW, ALLOW),
    "list_staff_invoices":       (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "issue_manual_invoice":      (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "cancel_invoice":            (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "mark_refund_made":          (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "record_payment":            (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "send_reminder":             (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "preview_annual_run":        (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "issue_annual_run":          (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "export_invoices_csv":       (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "list_fee_schedule":         (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "save_fee_item":             (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
    "delete_fee_item":           (DENY,  DENY,   DENY,  DENY,   ALLOW, ALLOW),
}
ROLES = (Role.CONTACT, Role.ORG_MANAGER, Role.NETWORK_ADMIN)
TARGETS = (OWN, OTHER)


def _cells():
    for function, outcomes in EXPECTED.items():
        for (role, target), expected in zip(itertools.product(ROLES, TARGETS), outcomes,
                                            strict=True):
            yield pytest.param(function, role, target, expected,
                               id=f"{function}-{role.value}-{target}-{expected}")


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_folder(private_data_dir):
    """Invoice PDFs of the invoice cells go to the test's own data folder."""


@pytest.fixture
def world(factories):
    """Two member organizations, each with a contact; the acting person works for the first."""
    own = factories.organization(name="Harzer Chemiewerke GmbH", street="Industriestraße 5")
    other = factories.organization(name="Oker Recycling GmbH", kind="recycling",
                                   street="Am Bahnhof 2")
    return {
        OWN: (own, factories.user(own, role=Role.CONTACT)),
        OTHER: (other, factories.user(other, role=Role.CONTACT)),
    }


def _acting(factories, world, role: Role) -> Actor:
    own_organization, _ = world[OWN]
    return factories.actor(factories.user(own_organization, role=role))


def _user(user_id: int) -> User:
    with db.unit_of_work() as session:
        return session.get(User, user_id)


# Each check calls the service for one cell; when the call is allowed it also checks that the
# result is the thing the person asked for, and when denied that nothing changed.

def _check_invite_contact(actor, organization, _target_user):
    email = f"neu.{organization.id}.{actor.role.value}@harzer-chemie.example"
    with db.unit_of_work() as session:
        invited = auth_service.invite_contact(session, actor, organization_id=organization.id,
                                              raw_email=email, full_name="Neue Kollegin")
    assert invited.organization_id == organization.id
    return email


def _after_invite_denied(organization, _target_user):
    with db.unit_of_work() as session:
        assert session.exec(select(User).where(User.email.like("neu.%"))).all() == []
        assert session.exec(select(OutboxEmail)).all() == []


def _check_deactivate_contact(actor, _organization, target_user):
    with db.unit_of_work() as session:
        contacts.deactivate_contact(session, actor, target_user.id)
    assert _user(target_user.id).is_active is False


def _after_deactivate_denied(_organization, target_user):
    assert _user(target_user.id).is_active is True


def _check_get_organization(actor, organization, _target_user):
    with db.unit_of_work() as session:
        shown = organizations_service.get_organization(session, actor, organization.id)
    assert shown.name == organization.name


def _check_list_users(actor, _organization, target_user):
    with db.unit_of_work() as session:
        view = admin_service.list_users(session, actor, search=target_user.email)
    assert [listing.user.email for listing in view.items] == [target_user.email]


def _check_list_organization_choices(actor, organization, _target_user):
    with db.unit_of_work() as session:
        choices = admin_service.list_organization_choices(session, actor)
    assert Choice(organization.id, organization.name) in choices


def _check_get_dashboard(actor, organization, _target_user):
    """Everyone has a dashboard; it shows the own organization and never another one's."""
    with db.unit_of_work() as session:
        view = dashboard_service.get_dashboard(session, actor)
    if organization.id == actor.organization_id:
        assert view.organization.name == organization.name
    else:
        assert organization.name not in repr(view)
    assert (view.network is not None) == (actor.role == Role.NETWORK_ADMIN)


NEW_CITY = "Wernigerode"


def _organization(organization_id: int) -> Organization:
    with db.unit_of_work() as session:
        return session.get(Organization, organization_id)


def _requests(organization) -> list[ChangeRequest]:
    with db.unit_of_work() as session:
        return list(session.exec(select(ChangeRequest)
                                 .where(ChangeRequest.organization_id == organization.id)))


def _open_request(organization, author) -> ChangeRequest:
    """An open request to move the organization to NEW_CITY, stored directly."""
    with db.unit_of_work() as session:
        request = ChangeRequest(organization_id=organization.id, author_user_id=author.id)
        session.add(request)
        session.flush()
        session.add(ChangeRequestField(request_id=request.id, field_name="city",
                                       old_value=organization.city, new_value=NEW_CITY))
    return request


def _check_propose_change(actor, organization, _target_user):
    form = live_form(organization.id) | {"city": NEW_CITY}
    with db.unit_of_work() as session:
        request, updated = changes.propose_change(session, actor, organization.id, form)
    assert (request.organization_id, updated) == (organization.id, False)


def _after_no_request_and_no_change(organization, _target_user):
    assert _requests(organization) == []
    assert _organization(organization.id).city == organization.city


def _check_withdraw_change(actor, organization, target_user):
    request = _open_request(organization, target_user)
    with db.unit_of_work() as session:
        changes.withdraw_change(session, actor, request.id)
    assert [r.status for r in _requests(organization)] == ["withdrawn"]


def _after_request_still_open(organization, _target_user):
    assert [r.status for r in _requests(organization)] == ["open"]
    assert _organization(organization.id).city == organization.city


def _check_decide_change(actor, organization, target_user):
    request = _open_request(organization, target_user)
    with db.unit_of_work() as session:
        changes.decide_change(session, actor, request.id, request.revision,
                              {"city": {"decision": "approve"}})
    assert _organization(organization.id).city == NEW_CITY


def _after_decide_denied(organization, target_user):
    _after_request_still_open(organization, target_user)
    with db.unit_of_work() as session:
        assert session.exec(select(OutboxEmail)).all() == []


def _check_edit_profile_directly(actor, organization, _target_user):
    form = live_form(organization.id) | {"city": NEW_CITY}
    with db.unit_of_work() as session:
        changes.edit_profile_directly(session, actor, organization.id, form)
    assert _organization(organization.id).city == NEW_CITY


def _check_get_profile_page(actor, organization, _target_user):
    with db.unit_of_work() as session:
        page = organizations_service.get_profile_page(session, actor, organization.id)
    assert page.organization.name == organization.name


def _check_get_edit_form(actor, organization, _target_user):
    with db.unit_of_work() as session:
        form = organizations_service.get_edit_form(session, actor, organization.id)
    assert form.values["name"] == organization.name


def _check_list_open_requests(actor, organization, target_user):
    _open_request(organization, target_user)
    with db.unit_of_work() as session:
        entries = organizations_service.list_open_requests(session, actor)
    assert [entry.organization_name for entry in entries] == [organization.name]


def _check_get_request_for_decision(actor, organization, target_user):
    request = _open_request(organization, target_user)
    with db.unit_of_work() as session:
        page = organizations_service.get_request_for_decision(session, actor, request.id)
    assert page.organization.id == organization.id


def _check_list_organizations(actor, organization, _target_user):
    with db.unit_of_work() as session:
        shown = organizations_service.list_organizations(session, actor)
    assert organization.name in [entry.organization.name for entry in shown.items]


def _check_list_contacts(actor, organization, target_user):
    with db.unit_of_work() as session:
        listing = contacts.list_contacts(session, actor, organization.id)
    assert target_user.email in [entry.user.email for entry in listing.contacts]


def _check_change_role(actor, _organization, target_user):
    with db.unit_of_work() as session:
        contacts.change_role(session, actor, target_user.id, Role.ORG_MANAGER.value)
    assert _user(target_user.id).role == Role.ORG_MANAGER.value


def _after_change_role_denied(_organization, target_user):
    assert _user(target_user.id).role == Role.CONTACT.value


def _functions(user_id: int) -> tuple[str, ...]:
    with db.unit_of_work() as session:
        return contacts.functions_of(session, [user_id])[user_id]


def _check_assign_function(actor, _organization, target_user):
    with db.unit_of_work() as session:
        contacts.assign_function(session, actor, target_user.id, "billing", True)
    assert _functions(target_user.id) == ("billing",)


def _after_assign_function_denied(_organization, target_user):
    assert _functions(target_user.id) == ()


def _check_search_directory(actor, organization, _target_user):
    with db.unit_of_work() as session:
        shown = directory.search_directory(session, actor, kind=organization.kind)
    assert [row.name for row in shown.items] == [organization.name]


def _check_get_directory_entry(actor, organization, _target_user):
    with db.unit_of_work() as session:
        entry = directory.get_directory_entry(session, actor, organization.id)
    assert entry.organization.name == organization.name


# Seminars

def _seminar(title: str = "Matrix-Seminar", status: str = "published",
             started: bool = False) -> Seminar:
    """A seminar open for registration (or one that began two hours ago), written directly."""
    now = clock.now()
    starts = now - timedelta(hours=2) if started else now + timedelta(days=30)
    with db.unit_of_work() as session:
        seminar = Seminar(title=title, topic="hse", venue="Goslar", capacity=10, status=status,
                          starts_at=starts, ends_at=starts + timedelta(hours=1),
                          registration_opens_at=now - timedelta(days=3),
                          registration_deadline=min(starts, now + timedelta(days=20)),
                          search_text=title.casefold())
        session.add(seminar)
    return seminar


def _seat(seminar: Seminar, user_id: int, organization_id: int,
          attended: bool = False) -> Registration:
    """A confirmed registration (and its taken seat), written directly."""
    with db.unit_of_work() as session:
        registration = Registration(seminar_id=seminar.id, user_id=user_id,
                                    organization_id=organization_id, status="confirmed",
                                    registered_by_user_id=user_id, attended=attended)
        session.add(registration)
        row = session.get(Seminar, seminar.id)
        row.seats_taken += 1
        session.add(row)
    return registration


def _registrations() -> list[Registration]:
    with db.unit_of_work() as session:
        return list(session.exec(select(Registration).order_by(Registration.id)))


def _seminars() -> list[Seminar]:
    with db.unit_of_work() as session:
        return list(session.exec(select(Seminar).order_by(Seminar.id)))


def _check_list_catalogue(actor, organization, _target_user):
    seminar = _seminar(title=f"Katalog {organization.name}")
    _seminar(title="Entwurf", status="draft")
    with db.unit_of_work() as session:
        found = seminar_service.list_catalogue(session, actor)
    assert [row.title for row in found.items] == [seminar.title]


def _check_get_seminar_page(actor, _organization, target_user):
    seminar = _seminar()
    _seat(seminar, target_user.id, target_user.organization_id)
    with db.unit_of_work() as session:
        found = participation.get_seminar_page(session, actor, seminar.id)
    assert found.seminar.id == seminar.id
    assert found.own is None  # the actor's own: none
    assert target_user.id not in [colleague.id for colleague in found.colleagues]


def _check_list_my_seminars(actor, _organization, target_user):
    theirs, mine = _seminar(title="Fremdes Seminar"), _seminar(title="Eigenes Seminar")
    _seat(theirs, target_user.id, target_user.organization_id)
    _seat(mine, actor.user_id, actor.organization_id)
    with db.unit_of_work() as session:
        found = participation.list_my_seminars(session, actor)
    assert ([entry.seminar.title for entry in found.upcoming], found.past) == (
        ["Eigenes Seminar"], ())


def _check_register(actor, organization, target_user):
    seminar = _seminar()
    with db.unit_of_work() as session:
        registration = seminar_registrations.register(session, actor, seminar.id, target_user.id)
    assert (registration.user_id, registration.organization_id, registration.status) == (
        target_user.id, organization.id, "confirmed")


def _after_no_registration(_organization, _target_user):
    assert _registrations() == []
    assert [seminar.seats_taken for seminar in _seminars()] == [0]


def _check_cancel_registration(actor, _organization, target_user):
    registration = _seat(_seminar(), target_user.id, target_user.organization_id)
    with db.unit_of_work() as session:
        seminar_registrations.cancel_registration(session, actor, registration.id)
    assert [row.status for row in _registrations()] == ["cancelled"]


def _after_registration_kept(_organization, _target_user):
    assert [row.status for row in _registrations()] == ["confirmed"]
    assert [seminar.seats_taken for seminar in _seminars()] == [1]


def _check_certificate_data(actor, _organization, target_user):
    registration = _seat(_seminar(started=True), target_user.id, target_user.organization_id,
                         attended=True)
    with db.unit_of_work() as session:
        data = participation.certificate_data(session, actor, registration.id)
    assert data.name == _user(target_user.id).full_name


SEMINAR_FORM = {"title": "Neues Matrix-Seminar", "topic": "hse", "venue": "Goslar",
                "starts_at": "2030-03-10T09:30", "ends_at": "2030-03-10T16:00",
                "registration_opens_at": "2030-01-15T08:00",
                "registration_deadline": "2030-03-03T18:00", "capacity": "20"}


def _check_save_seminar(actor, _organization, _target_user):
    with db.unit_of_work() as session:
        seminar = seminar_service.save_seminar(session, actor, None, SEMINAR_FORM)
    assert [(row.id, row.title) for row in _seminars()] == [(seminar.id, SEMINAR_FORM["title"])]


def _after_no_seminar(_organization, _target_user):
    assert _seminars() == []


def _check_publish_seminar(actor, _organization, _target_user):
    seminar = _seminar(status="draft")
    with db.unit_of_work() as session:
        seminar_service.publish_seminar(session, actor, seminar.id)
    assert [row.status for row in _seminars()] == ["published"]


def _after_still_draft(_organization, _target_user):
    assert [row.status for row in _seminars()] == ["draft"]


def _check_cancel_seminar(actor, _organization, target_user):
    seminar = _seminar()
    _seat(seminar, target_user.id, target_user.organization_id)
    with db.unit_of_work() as session:
        assert seminar_service.cancel_seminar(session, actor, seminar.id) == 1
    assert [row.status for row in _seminars()] == ["cancelled"]


def _after_seminar_not_cancelled(_organization, _target_user):
    assert [row.status for row in _seminars()] == ["published"]
    with db.unit_of_work() as session:
        assert session.exec(select(OutboxEmail)).all() == []


def _check_get_seminar_form(actor, _organization, _target_user):
    seminar = _seminar(title="Formular-Seminar")
    with db.unit_of_work() as session:
        form = seminar_service.get_seminar_form(session, actor, seminar.id)
    assert form.title == "Formular-Seminar"


def _check_list_staff_seminars(actor, _organization, _target_user):
    seminar = _seminar(title="Entwurf der Geschäftsstelle", status="draft")
    with db.unit_of_work() as session:
        found = seminar_service.list_staff_seminars(session, actor)
    assert [row.title for row in found.items] == [seminar.title]


def _check_list_participants(actor, _organization, target_user):
    seminar = _seminar()
    _seat(seminar, target_user.id, target_user.organization_id)
    with db.unit_of_work() as session:
        found = participation.list_participants(session, actor, seminar.id)
    assert [entry.email for entry in found.confirmed] == [target_user.email]


def _check_set_attendance(actor, _organization, target_user):
    registration = _seat(_seminar(started=True), target_user.id, target_user.organization_id)
    with db.unit_of_work() as session:
        participation.set_attendance(session, actor, registration.id, True)
    assert [row.attended for row in _registrations()] == [True]


def _after_not_attended(_organization, _target_user):
    assert [row.attended for row in _registrations()] == [False]


def _check_participants_csv(actor, _organization, target_user):
    seminar = _seminar()
    _seat(seminar, target_user.id, target_user.organization_id)
    with db.unit_of_work() as session:
        text, _filename = participation.participants_csv(session, actor, seminar.id)
    assert f";{target_user.email};" in text


# Invoices

def _invoice(organization) -> Invoice:
    """An overdue invoice of the organization, stored directly with a stand-in PDF file."""
    pdf_file, sha256 = private_files.store(issuing.PDF_AREA, b"%PDF-1.7\n% stand-in\n", "pdf")
    issued = clock.today() - timedelta(days=60)
    with db.unit_of_work() as session:
        invoice = Invoice(number=f"CNH-TEST-{organization.id}", organization_id=organization.id,
                          recipient_name=organization.name, issue_date=issued,
                          service_from=issued, service_to=issued,
                          due_date=issued + timedelta(days=30), net_cents=60000, vat_cents=0,
                          gross_cents=60000, pdf_file=pdf_file, pdf_sha256=sha256,
                          document_state="ready")
        session.add(invoice)
        session.flush()
        session.add(InvoiceLine(invoice_id=invoice.id, position=1, description="Beitrag",
                                quantity_milli=1000, unit_price_cents=60000, vat_rate_bp=0,
                                vat_exempt=True, exemption_note="Echter Mitgliedsbeitrag",
                                net_cents=60000))
    return invoice


def _invoices(organization) -> list[Invoice]:
    with db.unit_of_work() as session:
        return list(session.exec(select(Invoice)
                                 .where(Invoice.organization_id == organization.id)))


def _check_list_member_invoices(actor, organization, _target_user):
    invoice = _invoice(organization)
    with db.unit_of_work() as session:
        invoices = invoice_service.list_member_invoices(session, actor, organization.id)
    assert [listing.invoice.number for listing in invoices.page.items] == [invoice.number]


def _check_get_invoice(actor, organization, _target_user):
    invoice = _invoice(organization)
    with db.unit_of_work() as session:
        detail = invoice_service.get_invoice(session, actor, invoice.id)
    assert detail.listing.invoice.organization_id == organization.id


def _check_invoice_pdf(actor, organization, _target_user):
    invoice = _invoice(organization)
    with db.unit_of_work() as session:
        _content, filename = invoice_service.invoice_pdf(session, actor, invoice.id)
    assert filename == f"{invoice.number}.pdf"


def _check_list_staff_invoices(actor, organization, _target_user):
    invoice = _invoice(organization)
    with db.unit_of_work() as session:
        page = invoice_service.list_staff_invoices(session, actor, search=invoice.number)
    assert [listing.organization_name for listing in page.items] == [organization.name]


def _check_issue_manual_invoice(actor, organization, _target_user):
    line = LineInput(description="Seminar", quantity_milli=1000, unit_price_cents=10000,
                     vat_rate_bp=1900)
    today = clock.today()
    with db.unit_of_work() as session:
        invoice = issuing.issue_manual_invoice(session, actor, organization.id, [line], today,
                                               today)
    assert invoice.organization_id == organization.id


def _after_nothing_issued(organization, _target_user):
    assert _invoices(organization) == []


def _check_cancel_invoice(actor, organization, _target_user):
    invoice = _invoice(organization)
    with db.unit_of_work() as session:
        credit_note = issuing.cancel_invoice(session, actor, invoice.id)
    assert credit_note.cancels_invoice_id == invoice.id


def _after_invoice_untouched(organization, _target_user):
    [invoice] = _invoices(organization)
    assert (invoice.status, invoice.paid_cents, invoice.reminder_level) == ("issued", 0, 0)
    with db.unit_of_work() as session:
        assert session.exec(select(Payment)).all() == []
        assert session.exec(select(OutboxEmail)).all() == []


def _refund(organization) -> Refund:
    """A cancelled paid invoice's pending refund by transfer, stored directly."""
    invoice = _invoice(organization)
    today = clock.today()
    with db.unit_of_work() as session:
        credit_note = Invoice(number=f"CNH-TEST-K{organization.id}", kind="credit_note",
                              organization_id=organization.id,
                              recipient_name=organization.name, issue_date=today,
                              service_from=today, service_to=today, due_date=today,
                              net_cents=60000, vat_cents=0, gross_cents=60000,
                              cancels_invoice_id=invoice.id, document_state="ready")
        session.add(credit_note)
        session.flush()
        refund = Refund(invoice_id=invoice.id, credit_note_id=credit_note.id,
                        organization_id=organization.id, amount_cents=60000, method="transfer",
                        account_holder=organization.name, iban="DE89370400440532013000",
                        due_date=today)
        session.add(refund)
    return refund


def _check_mark_refund_made(actor, organization, _target_user):
    refund = _refund(organization)
    with db.unit_of_work() as session:
        made = refunds.mark_refund_made(session, actor, refund.id, clock.today(), "SEPA")
    assert made.status == "made"


def _after_refund_pending(_organization, _target_user):
    with db.unit_of_work() as session:
        assert [refund.status for refund in session.exec(select(Refund))] == ["pending"]


def _check_record_payment(actor, organization, _target_user):
    invoice = _invoice(organization)
    with db.unit_of_work() as session:
        payment = collection.record_payment(session, actor, invoice.id, invoice.issue_date,
                                            invoice.gross_cents, "Überweisung")
    assert payment.invoice_id == invoice.id


def _check_send_reminder(actor, organization, target_user):
    invoice = _invoice(organization)
    with db.unit_of_work() as session:
        session.add(ContactFunctionAssignment(user_id=target_user.id, function="billing"))
    with db.unit_of_work() as session:
        reminder = collection.send_reminder(session, actor, invoice.id)
    assert (reminder.invoice_id, reminder.recipients) == (invoice.id, target_user.email)


def _check_preview_annual_run(actor, organization, _target_user):
    with db.unit_of_work() as session:
        preview = issuing.preview_annual_run(session, actor, clock.today().year)
    assert organization.name in [candidate.organization.name
                                 for candidate in preview.candidates]


def _fee_for(organization) -> None:
    with db.unit_of_work() as session:
        session.add(FeeScheduleItem(kind=organization.kind, fee_cents=60000, vat_exempt=True,
                                    exemption_note="Echter Mitgliedsbeitrag"))


def _check_issue_annual_run(actor, organization, _target_user):
    _fee_for(organization)
    with db.unit_of_work() as session:
        assert issuing.issue_annual_run(session, actor, clock.today().year) == 1
    assert [invoice.fee_year for invoice in _invoices(organization)] == [clock.today().year]


def _check_export_invoices_csv(actor, organization, _target_user):
    invoice = _invoice(organization)
    with db.unit_of_work() as session:
        text = export.invoices_csv(session, actor)
    assert f";{invoice.number};" in text


def _check_list_fee_schedule(actor, organization, _target_user):
    _fee_for(organization)
    with db.unit_of_work() as session:
        items = fees.list_fee_schedule(session, actor)
    assert [item.kind for item in items] == [organization.kind]


def _fee_items() -> list[FeeScheduleItem]:
    with db.unit_of_work() as session:
        return list(session.exec(select(FeeScheduleItem)))


def _check_save_fee_item(actor, organization, _target_user):
    form = {"kind": organization.kind, "min_employees": "0", "max_employees": "",
            "fee": "600,00", "vat_rate": "exempt", "exemption_note": "Echter Mitgliedsbeitrag"}
    with db.unit_of_work() as session:
        fees.save_fee_item(session, actor, None, form)
    assert [item.kind for item in _fee_items()] == [organization.kind]


def _after_no_fee_item(_organization, _target_user):
    assert _fee_items() == []


def _check_delete_fee_item(actor, organization, _target_user):
    _fee_for(organization)
    [item] = _fee_items()
    with db.unit_of_work() as session:
        fees.delete_fee_item(session, actor, item.id)
    assert _fee_items() == []


def _after_fee_item_kept(organization, _target_user):
    assert [item.kind for item in _fee_items()] == [organization.kind]


CHECKS = {
    "invite_contact": (_check_invite_contact, _after_invite_denied),
    "deactivate_contact": (_check_deactivate_contact, _after_deactivate_denied),
    "get_organization": (_check_get_organization, None),
    "list_users": (_check_list_users, None),
    "list_organization_choices": (_check_list_organization_choices, None),
    "get_dashboard": (_check_get_dashboard, None),
    "propose_change": (_check_propose_change, _after_no_request_and_no_change),
    "withdraw_change": (_check_withdraw_change, _after_request_still_open),
    "decide_change": (_check_decide_change, _after_decide_denied),
    "edit_profile_directly": (_check_edit_profile_directly, _after_no_request_and_no_change),
    "get_profile_page": (_check_get_profile_page, None),
    "get_edit_form": (_check_get_edit_form, None),
    "list_open_requests": (_check_list_open_requests, None),
    "get_request_for_decision": (_check_get_request_for_decision, None),
    "list_organizations": (_check_list_organizations, None),
    "list_contacts": (_check_list_contacts, None),
    "change_role": (_check_change_role, _after_change_role_denied),
    "assign_function": (_check_assign_function, _after_assign_function_denied),
    "search_directory": (_check_search_directory, None),
    "get_directory_entry": (_check_get_directory_entry, None),
    "list_catalogue": (_check_list_catalogue, None),
    "get_seminar_page": (_check_get_seminar_page, None),
    "list_my_seminars": (_check_list_my_seminars, None),
    "register": (_check_register, _after_no_registration),
    "cancel_registration": (_check_cancel_registration, _after_registration_kept),
    "certificate_data": (_check_certificate_data, None),
    "save_seminar": (_check_save_seminar, _after_no_seminar),
    "publish_seminar": (_check_publish_seminar, _after_still_draft),
    "cancel_seminar": (_check_cancel_seminar, _after_seminar_not_cancelled),
    "get_seminar_form": (_check_get_seminar_form, None),
    "list_staff_seminars": (_check_list_staff_seminars, None),
    "list_participants": (_check_list_participants, None),
    "set_attendance": (_check_set_attendance, _after_not_attended),
    "participants_csv": (_check_participants_csv, None),
    "list_member_invoices": (_check_list_member_invoices, None),
    "get_invoice": (_check_get_invoice, None),
    "invoice_pdf": (_check_invoice_pdf, None),
    "list_staff_invoices": (_check_list_staff_invoices, None),
    "issue_manual_invoice": (_check_issue_manual_invoice, _after_nothing_issued),
    "cancel_invoice": (_check_cancel_invoice, _after_invoice_untouched),
    "mark_refund_made": (_check_mark_refund_made, _after_refund_pending),
    "record_payment": (_check_record_payment, _after_invoice_untouched),
    "send_reminder": (_check_send_reminder, _after_invoice_untouched),
    "preview_annual_run": (_check_preview_annual_run, None),
    "issue_annual_run": (_check_issue_annual_run, _after_nothing_issued),
    "export_invoices_csv": (_check_export_invoices_csv, None),
    "list_fee_schedule": (_check_list_fee_schedule, None),
    "save_fee_item": (_check_save_fee_item, _after_no_fee_item),
    "delete_fee_item": (_check_delete_fee_item, _after_fee_item_kept),
}


def test_every_service_with_an_actor_is_in_the_matrix():
    assert set(CHECKS) == set(EXPECTED)


@pytest.mark.parametrize(("function", "role", "target", "expected"), list(_cells()))
def test_permission_matrix(factories, world, function, role, target, expected):
    actor = _acting(factories, world, role)
    organization, target_user = world[target]
    check, after_denied = CHECKS[function]
    if expected == ALLOW:
        check(actor, organization, target_user)
        return
    with pytest.raises(NotFound if expected == HIDE else PermissionDenied) as raised:
        check(actor, organization, target_user)
    assert type(raised.value) is (NotFound if expected == HIDE else PermissionDenied)
    if after_denied is not None:
        after_denied(organization, target_user)


def test_org_manager_cannot_deactivate_a_network_admin(factories):
    organization = factories.organization()
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    staff = factories.user(organization, role=Role.NETWORK_ADMIN)
    with pytest.raises(PermissionDenied), db.unit_of_work() as session:
        contacts.deactivate_contact(session, factories.actor(manager), staff.id)
    assert _user(staff.id).is_active is True


def test_network_admin_without_organization_sees_the_network_dashboard(factories):
    factories.organization()
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    with db.unit_of_work() as session:
        view = dashboard_service.get_dashboard(session, factories.actor(staff))
    assert view.organization is None
    assert view.network.members == 1


# The permission table itself: the grants written out once more, and how each scope behaves.

EXPECTED_GRANTS = {
    Role.CONTACT: {
        Action.VIEW_ORGANIZATION: Scope.OWN,
        Action.LIST_CONTACTS: Scope.OWN,
        Action.VIEW_DIRECTORY: Scope.ANY,
        Action.VIEW_SEMINARS: Scope.ANY,
        Action.VIEW_LIBRARY: Scope.ANY,
        Action.VIEW_CIRCULARS: Scope.ANY,
        Action.VIEW_EXCHANGE: Scope.ANY,
    },
    Role.ORG_MANAGER: {
        Action.VIEW_ORGANIZATION: Scope.OWN,
        Action.LIST_CONTACTS: Scope.OWN,
        Action.INVITE_CONTACT: Scope.OWN,
        Action.DEACTIVATE_CONTACT: Scope.OWN,
        Action.MANAGE_CONTACTS: Scope.OWN,
        Action.PROPOSE_PROFILE_CHANGE: Scope.OWN,
        Action.VIEW_DIRECTORY: Scope.ANY,
        Action.VIEW_INVOICES: Scope.OWN,
        Action.VIEW_SEMINARS: Scope.ANY,
        Action.REGISTER_COLLEAGUES: Scope.OWN,
        Action.VIEW_LIBRARY: Scope.ANY,
        Action.EXPORT_ORGANIZATION_DATA: Scope.OWN,
        Action.VIEW_CIRCULARS: Scope.ANY,
        Action.VIEW_EXCHANGE: Scope.ANY,
        Action.POST_IN_EXCHANGE: Scope.OWN,
    },
    Role.NETWORK_ADMIN: {
        Action.VIEW_ORGANIZATION: Scope.ANY,
        Action.LIST_CONTACTS: Scope.ANY,
        Action.INVITE_CONTACT: Scope.ANY,
        Action.DEACTIVATE_CONTACT: Scope.ANY,
        Action.MANAGE_CONTACTS: Scope.ANY,
        Action.PROPOSE_PROFILE_CHANGE: Scope.ANY,
        Action.EDIT_PROFILE_DIRECTLY: Scope.ANY,
        Action.DECIDE_PROFILE_CHANGE: Scope.ANY,
        Action.VIEW_DIRECTORY: Scope.ANY,
        Action.VIEW_INVOICES: Scope.ANY,
        Action.MANAGE_INVOICES: Scope.ANY,
        Action.VIEW_SEMINARS: Scope.ANY,
        Action.REGISTER_COLLEAGUES: Scope.ANY,
        Action.MANAGE_SEMINARS: Scope.ANY,
        Action.VIEW_LIBRARY: Scope.ANY,
        Action.MANAGE_DOCUMENTS: Scope.ANY,
        Action.LIST_ALL_USERS: Scope.ANY,
        Action.VIEW_NETWORK_STATISTICS: Scope.ANY,
        Action.VIEW_AUDIT_LOG: Scope.ANY,
        Action.EXPORT_ORGANIZATION_DATA: Scope.ANY,
        Action.ANONYMIZE_CONTACT: Scope.ANY,
        Action.RESET_SECOND_FACTOR: Scope.ANY,
        Action.VIEW_CIRCULARS: Scope.ANY,
        Action.MANAGE_CIRCULARS: Scope.ANY,
        Action.VIEW_EXCHANGE: Scope.ANY,
        Action.POST_IN_EXCHANGE: Scope.ANY,
        Action.MODERATE_EXCHANGE: Scope.ANY,
        Action.VIEW_ACTIVITY_REPORT: Scope.ANY,
        Action.VIEW_JOB_RUNS: Scope.ANY,
    },
}


def test_permission_table_grants_exactly_what_is_expected():
    assert PERMISSIONS == EXPECTED_GRANTS


OWN_ORGANIZATION_ID, OTHER_ORGANIZATION_ID = 10, 20


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value)
@pytest.mark.parametrize("action", list(Action), ids=lambda action: action.value)
def test_every_action_follows_its_scope(role, action):
    actor = Actor(user_id=1, organization_id=OWN_ORGANIZATION_ID, role=role)
    scope = PERMISSIONS[role].get(action)
    expected = {
        OWN_ORGANIZATION_ID: scope in (Scope.OWN, Scope.ANY),
        OTHER_ORGANIZATION_ID: scope == Scope.ANY,
        None: scope == Scope.ANY,  # an object of no organization: only network-wide grants
    }
    for organization_id, allowed in expected.items():
        assert is_allowed(actor, action, organization_id) is allowed, organization_id
        if allowed:
            require(actor, action, organization_id)
        else:  # on the own organization's object: no right; on any other: as if missing
            refused = PermissionDenied if organization_id == OWN_ORGANIZATION_ID else NotFound
            with pytest.raises(refused) as raised:
                require(actor, action, organization_id)
            assert type(raised.value) is refused
    if not is_allowed(actor, action):  # a check on no object says only "no right"
        with pytest.raises(PermissionDenied) as raised:
            require(actor, action)
        assert type(raised.value) is PermissionDenied


OWN_SCOPED = [action for action, scope in PERMISSIONS[Role.ORG_MANAGER].items() if scope == Scope.OWN]


@pytest.mark.parametrize("action", OWN_SCOPED, ids=lambda action: action.value)
def test_own_scope_needs_an_organization_on_both_sides(action):
    """A person without organization never matches an object without organization."""
    actor = Actor(user_id=1, organization_id=None, role=Role.ORG_MANAGER)
    assert is_allowed(actor, action, None) is False
