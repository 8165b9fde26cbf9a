"""Isolation matrix: every object type × every way to reach it × every actor who must not.

Objects: organization profile, change request, contact, invoice (and its PDF), payment, seminar
registration (and certificate), document (restricted audience, version download), calendar
(feed and seminar file), GDPR (person JSON, organization ZIP, anonymizing).
Ways: the service call, the State handler (called as a client's event would, with a valid
session and forged ids) and the HTTP route (our Starlette routes, wrapped in the security
headers as in production).
Actors: a person of ANOTHER organization (with manager role and billing function), a PLAIN
CONTACT of the owning organization (where the object needs a manager, billing or other
function) and ANONYMOUS (no session; services are never called without an actor, so that
column starts at the handler). A cell exists only where the way exists and the actor must be
refused: a plain contact reads the own profile and contacts by design, so there is no such cell.

Expected in every cell: service → PermissionDenied or NotFound; handler → the object's secret
appears nowhere in what the browser receives, nothing changed; HTTP → the same status and body
as for an id that does not exist (404 "Not Found"; the library answers 401 without a session,
as documented), the secret not in it. Every way has a positive control: its rightful owner gets
the object (the secret is shown, the change is made), so a broken fixture cannot pass the matrix.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import reflex as rx
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal import db
from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.errors import NotFound, PermissionDenied
from harzportal.core.ids import MAX_ID
from harzportal.core.security_headers import with_security_headers
from harzportal.documents import library
from harzportal.documents.state import DocumentState, LibraryState
from harzportal.exchange import posts as exchange_posts
from harzportal.exchange import service as exchange
from harzportal.exchange.models import Post
from harzportal.exchange.state import PostFormState, PostState
from harzportal.gdpr import service as gdpr
from harzportal.harzportal import ROUTES
from harzportal.invoices import collection
from harzportal.invoices import service as invoices
from harzportal.invoices import proposals
from harzportal.invoices.models import Payment, Reminder
from harzportal.invoices.proposal_state import ReminderProposalsState
from harzportal.invoices.state import InvoicesState, InvoiceState
from harzportal.organizations import changes, contacts
from harzportal.organizations import service as organizations
from harzportal.organizations.approval_state import ApprovalState
from harzportal.organizations.edit_state import ProfileEditState
from harzportal.organizations.models import ChangeRequest
from harzportal.organizations.state import ContactsState, OrganizationState
from harzportal.organizations.views import PendingView
from harzportal.seminars import calendars, participation, registrations
from harzportal.seminars.models import Registration
from harzportal.seminars.state import MySeminarsState, SeminarState
from harzportal.seminars.views import RegistrationView
from harzportal.shell.state import PortalState
from tests.factories import actor_for
from tests.handler_calls import call_handler, shown, signed_in_state
from tests.organizations.helpers import live_form, organization_row, requests_of, user_row
from tests.security.world import (
    ANONYMOUS,
    OTHER_ORG,
    PLAIN_CONTACT,
    SECRETS,
    World,
    add_change_request,
    add_documents,
    add_invoice,
    add_overdue_invoice,
    add_posts,
    add_registrations,
    add_reminder,
    add_xrechnung,
    build,
    download_counts,
)
from tests.seminars.helpers import NOW

pytestmark = pytest.mark.service

OWNER = "owner"
REFUSED = (PermissionDenied, NotFound)
OTHER, PLAIN, ANON = OTHER_ORG, PLAIN_CONTACT, ANONYMOUS


@dataclass(frozen=True)
class Way:
    object: str
    reach: str  # service | handler | http
    what: str
    owner: str  # the person in World.people who rightfully gets the object
    actors: tuple[str, ...]
    secret: str
    attempt: Callable  # (world, who, monkeypatch) -> result, (state, result) or response
    granted: Callable | None = None  # extra check of the owner's result
    unchanged: Callable | None = None  # after a refusal: nothing changed
    prepare: Callable | None = None
    missing: Callable | None = None  # http: (world) -> URL of an id that does not exist
    answers_anyway: bool = False  # the way answers everyone, just never with the secret
    # Reads: the owner is shown the secret (not where the answer is binary: a PDF, a ZIP).
    # Changes (with `unchanged`): `granted` checks that the owner's change was made.
    owner_sees_secret: bool = True


# Reaching an object

def service(function, *args_of):
    """Call `function(session, actor, *args)` as the person `who`."""
    def attempt(world: World, who: str, _monkeypatch):
        with db.unit_of_work() as session:
            return function(session, actor_for(world.person(who)),
                            *[arg(world) if callable(arg) else arg for arg in args_of])
    return attempt


def handler(state_class, route_of, *steps):
    """Build the State as `who` on a page whose path names `route_of(world)`, then run the
    steps: ("handler name", args...) or a callable(state, world) that forges state."""
    async def attempt(world: World, who: str, monkeypatch):
        route_id = route_of(world) if route_of else None
        if who == ANONYMOUS:
            monkeypatch.setattr(PortalState, "_route_id", lambda self: route_id)
            state = rx.State().get_substate(state_class.get_full_name().split("."))
        else:
            state = signed_in_state(state_class, world.person(who), monkeypatch, route_id)
        result = None
        for step in steps:
            if callable(step):
                step(state, world)
                continue
            name, *arguments = step
            outcome = await call_handler(state, name, *[a(world) if callable(a) else a
                                                        for a in arguments])
            result = result or outcome
        return state, result
    return attempt


def http(url_of):
    def attempt(world: World, who: str, _monkeypatch):
        return _client(world.token(who)).get(url_of(world, who))
    return attempt


def _client(token: str) -> TestClient:
    client = TestClient(with_security_headers(Starlette(routes=ROUTES)))
    if token:
        client.cookies.set("hp_session", token)
    return client


# Small readers for the checks

def _ids(key):
    return lambda world: world.ids[key]


def _request_status(world) -> str:
    with db.unit_of_work() as session:
        return session.get(ChangeRequest, world.ids["request"]).status


def _registration(world, key="registration") -> Registration:
    with db.unit_of_work() as session:
        return session.get(Registration, world.ids[key])


def _payments(world) -> list[Payment]:
    with db.unit_of_work() as session:
        return list(session.exec(select(Payment).where(Payment.invoice_id == world.ids["invoice"])))


def _registrations_of(user: User) -> list[Registration]:
    with db.unit_of_work() as session:
        return list(session.exec(select(Registration).where(Registration.user_id == user.id)))


def _feed_works(world) -> bool:
    with db.unit_of_work() as session:
        return calendars.feed_ics(session, world.ids["feed"]) is not None


def _own_feed(world: World, who: str, _monkeypatch):
    """The calendar of whoever asks: the owner's feed token, everyone else a feed of their own."""
    with db.unit_of_work() as session:
        if who == "jonas":
            return calendars.feed_ics(session, world.ids["feed"])
        token = calendars.create_feed(session, actor_for(world.person(who)))
    with db.unit_of_work() as session:
        return calendars.feed_ics(session, token)


def _no_request(world):
    assert requests_of(world.harzer.id) == []


def _request_open(world):
    assert _request_status(world) == "open"
    assert organization_row(world.harzer.id).phone == "+49 5321 4000"


def _jonas(world) -> User:
    return user_row(world.people["jonas"].id)


def _jonas_untouched(world):
    jonas = _jonas(world)
    assert (jonas.is_active, jonas.role, jonas.full_name) == (True, "contact", SECRETS["contact"])


def _registration_confirmed(world):
    assert _registration(world).status == "confirmed"


def _payments_unchanged(world):
    assert [p.reference for p in _payments(world)] == [SECRETS["payment"]]


def _reminder_levels(world) -> list[int]:
    with db.unit_of_work() as session:
        return list(session.exec(select(Reminder.level).where(
            Reminder.invoice_id == world.ids["invoice"])))


def _not_reminded(world):
    assert _reminder_levels(world) == []


def _nothing_downloaded(_world):
    assert set(download_counts()) == {0}


def _feed_still_works(world):
    assert _feed_works(world)


def _hse_not_registered(world):
    assert _registrations_of(world.people["hse"]) == []


def _pdf(response_or_bytes) -> bool:
    content = getattr(response_or_bytes, "content", response_or_bytes)
    return content.startswith(b"%PDF")


DOCUMENT_TITLES = {"sector": SECRETS["document"] + " (Branche)",
                   "function": SECRETS["document"] + " (HSE)"}


def _document_ways(variant: str, actors: tuple[str, ...], service_actors: tuple[str, ...]):
    """A document only for chemical companies ("sector": Oker is none) or only for HSE contacts
    ("function": Oker's manager and the plain contact are none)."""
    def document(world):
        return world.ids["document"][variant]

    def version(world):
        return world.ids["version"][variant]

    title = DOCUMENT_TITLES[variant]
    what = f"{variant}-restricted"
    return [
        Way("document", "service", f"{what}-details", "hse", service_actors, title,
            service(library.get_document, document), prepare=add_documents),
        Way("document", "service", f"{what}-version-download", "hse", service_actors, title,
            service(library.open_download, document, version), prepare=add_documents,
            granted=lambda world, result: result.path.exists() and download_counts().count(1) == 1,
            unchanged=_nothing_downloaded, owner_sees_secret=False),
        Way("document", "handler", f"{what}-page", "hse", actors, title,
            handler(DocumentState, document, ("load",)), prepare=add_documents),
        Way("document", "handler", f"{what}-in-library-list", "hse", actors, title,
            handler(LibraryState, None, ("load",)), prepare=add_documents),
        Way("document", "http", f"{what}-version-download", "hse", actors, title,
            http(lambda world, who: f"/files/documents/{document(world)}/{version(world)}"),
            prepare=add_documents, unchanged=_nothing_downloaded, owner_sees_secret=False,
            granted=lambda world, response: _pdf(response),
            missing=lambda world: f"/files/documents/{MAX_ID}/{MAX_ID}"),
    ]


def _zip_has_jonas(response_or_bytes) -> bool:
    content = getattr(response_or_bytes, "content", response_or_bytes)
    data = json.loads(zipfile.ZipFile(io.BytesIO(content)).read("organization.json"))
    return SECRETS["contact"] in json.dumps(data, ensure_ascii=False)


PAYMENT_FORM = {"paid_on": "2027-02-01", "amount": "5,00", "reference": "Fremdbuchung"}
PROPOSAL = {"phone": "+49 5321 999999"}


def _proposal(world):
    return live_form(world.harzer.id) | PROPOSAL


def _forge_pending(state, world):
    state.pending = PendingView(id=world.ids["request"], revision=1, intro="")


def _forge_registration(state, world):
    state.registration = RegistrationView(world.ids["registration"], "confirmed", "", "")


def _harzer(world):
    return world.harzer.id


def _post(world) -> Post:
    with db.unit_of_work() as session:
        return session.get(Post, world.ids["post"])


def _post_published(world):
    post = _post(world)
    assert (post.status, post.title) == ("published", SECRETS["post"])


POST_EDIT = {"kind": "request", "title": "Übernommener Titel der Anfrage",
             "description": "Ein fremder Text, der den Beitrag übernehmen will.",
             "visibility": "members"}


WAYS: list[Way] = [
    # Organization profile
    Way("organization", "service", "profile", "manager", (OTHER,), SECRETS["organization"],
        service(organizations.get_profile_page, _harzer)),
    Way("organization", "service", "propose-change", "manager", (OTHER, PLAIN), PROPOSAL["phone"],
        service(changes.propose_change, _harzer, _proposal), unchanged=_no_request,
        owner_sees_secret=False,
        granted=lambda world, result: len(requests_of(world.harzer.id)) == 1),
    Way("organization", "handler", "profile-page", "manager", (OTHER, ANON),
        SECRETS["organization"], handler(OrganizationState, _harzer, ("load",))),
    Way("organization", "handler", "propose-change", "manager", (OTHER, PLAIN, ANON),
        SECRETS["organization"],
        handler(ProfileEditState, _harzer, ("load",), ("submit", _proposal)),
        unchanged=_no_request, granted=lambda world, _: len(requests_of(world.harzer.id)) == 1),
    Way("organization", "http", "proposed-logo", "manager", (OTHER, ANON), "PNG",
        http(lambda world, who: f"/files/logos/{world.ids['logo']}"), prepare=add_change_request,
        granted=lambda world, response: response.content.startswith(b"\x89PNG"),
        missing=lambda world: "/files/logos/" + "0" * 64 + ".png"),

    # Change request
    Way("change_request", "service", "withdraw", "manager", (OTHER, PLAIN),
        SECRETS["change_request"], service(changes.withdraw_change, _ids("request")),
        prepare=add_change_request, unchanged=_request_open,
        granted=lambda world, _: _request_status(world) == "withdrawn"),
    Way("change_request", "service", "decision-view", "staff", (OTHER, PLAIN),
        SECRETS["change_request"],
        service(organizations.get_request_for_decision, _ids("request")),
        prepare=add_change_request),
    Way("change_request", "handler", "approval-decide", "staff", (OTHER, PLAIN, ANON),
        SECRETS["change_request"],
        handler(ApprovalState, _ids("request"), ("load",), ("approve_all",), ("decide", {})),
        prepare=add_change_request, unchanged=_request_open,
        granted=lambda world, _: organization_row(world.harzer.id).phone
        == SECRETS["change_request"]),
    # The organization's own contacts see its pending change: no secret for this way.
    Way("change_request", "handler", "withdraw-forged-id", "manager", (OTHER, PLAIN, ANON), "",
        handler(OrganizationState, _harzer, ("load",), _forge_pending, ("withdraw",)),
        prepare=add_change_request, unchanged=_request_open,
        granted=lambda world, _: _request_status(world) == "withdrawn"),

    # Contact
    Way("contact", "service", "list", "manager", (OTHER,), SECRETS["contact"],
        service(contacts.list_contacts, _harzer)),
    Way("contact", "service", "deactivate", "manager", (OTHER, PLAIN), SECRETS["contact"],
        service(contacts.deactivate_contact, lambda world: world.people["jonas"].id),
        unchanged=_jonas_untouched, granted=lambda world, _: not _jonas(world).is_active),
    Way("contact", "service", "change-role", "manager", (OTHER, PLAIN), SECRETS["contact"],
        service(contacts.change_role, lambda world: world.people["jonas"].id, "org_manager"),
        unchanged=_jonas_untouched, granted=lambda world, _: _jonas(world).role == "org_manager"),
    Way("contact", "handler", "contacts-page", "manager", (OTHER, ANON), SECRETS["contact"],
        handler(ContactsState, _harzer, ("load",))),
    # The plain contact sees the own colleagues: no secret for this way.
    Way("contact", "handler", "deactivate", "manager", (OTHER, PLAIN, ANON), "",
        handler(ContactsState, _harzer, ("deactivate", lambda world: str(world.people["jonas"].id))),
        unchanged=_jonas_untouched, granted=lambda world, _: not _jonas(world).is_active),

    # Invoice and its PDF
    Way("invoice", "service", "detail", "manager", (OTHER, PLAIN), SECRETS["invoice"],
        service(invoices.get_invoice, _ids("invoice")), prepare=add_invoice),
    Way("invoice", "service", "pdf", "manager", (OTHER, PLAIN), SECRETS["invoice"],
        service(invoices.invoice_pdf, _ids("invoice")), prepare=add_invoice,
        granted=lambda world, result: _pdf(result[0])),
    Way("invoice", "handler", "invoice-page", "manager", (OTHER, PLAIN, ANON), SECRETS["invoice"],
        handler(InvoiceState, _ids("invoice"), ("load",)), prepare=add_invoice),
    Way("invoice", "handler", "invoice-list", "manager", (OTHER, PLAIN, ANON), SECRETS["invoice"],
        handler(InvoicesState, None, ("load",)), prepare=add_invoice),
    Way("invoice", "http", "pdf", "manager", (OTHER, PLAIN, ANON), SECRETS["invoice"],
        http(lambda world, who: f"/files/invoices/{world.ids['invoice']}/x.pdf"),
        prepare=add_invoice, granted=lambda world, response: _pdf(response),
        missing=lambda world: f"/files/invoices/{MAX_ID}/x.pdf"),
    Way("invoice", "service", "reminder-pdf", "manager", (OTHER, PLAIN), SECRETS["invoice"],
        service(invoices.reminder_pdf, _ids("reminder")), prepare=add_reminder,
        granted=lambda world, result: _pdf(result[0])),
    Way("invoice", "http", "reminder-pdf", "manager", (OTHER, PLAIN, ANON), SECRETS["invoice"],
        http(lambda world, who: f"/files/reminders/{world.ids['reminder']}/x.pdf"),
        prepare=add_reminder, granted=lambda world, response: _pdf(response),
        missing=lambda world: f"/files/reminders/{MAX_ID}/x.pdf"),
    Way("invoice", "service", "xrechnung", "manager", (OTHER, PLAIN), SECRETS["invoice"],
        service(invoices.xrechnung_xml, _ids("invoice")), prepare=add_xrechnung,
        granted=lambda world, result: SECRETS["invoice"].encode() in result[0],
        owner_sees_secret=False),
    Way("invoice", "http", "xrechnung", "manager", (OTHER, PLAIN, ANON), SECRETS["invoice"],
        http(lambda world, who: f"/files/xrechnung/{world.ids['invoice']}/x.xml"),
        prepare=add_xrechnung,
        granted=lambda world, response: SECRETS["invoice"].encode() in response.content,
        missing=lambda world: f"/files/xrechnung/{MAX_ID}/x.xml", owner_sees_secret=False),

    Way("invoice", "service", "reminder-proposals", "staff", ("manager", OTHER, PLAIN),
        SECRETS["invoice"], service(proposals.list_proposals), prepare=add_overdue_invoice),
    Way("invoice", "handler", "reminder-proposals", "staff", ("manager", OTHER, PLAIN, ANON),
        SECRETS["invoice"], handler(ReminderProposalsState, None, ("load",)),
        prepare=add_overdue_invoice),
    Way("invoice", "handler", "reminder-proposal-send", "staff", ("manager", OTHER, PLAIN, ANON),
        SECRETS["invoice"],
        handler(ReminderProposalsState, None, ("send", _ids("invoice"), 1), ("send_page",)),
        prepare=add_overdue_invoice, unchanged=_not_reminded,
        granted=lambda world, _: _reminder_levels(world) == [1]),

    # Payment
    Way("payment", "service", "record", "staff", (OTHER, PLAIN), SECRETS["payment"],
        service(collection.record_payment, _ids("invoice"), NOW.date(), 500, "Fremdbuchung"),
        prepare=add_invoice, unchanged=_payments_unchanged,
        granted=lambda world, _: len(_payments(world)) == 2),
    Way("payment", "handler", "record", "staff", (OTHER, PLAIN, ANON), SECRETS["payment"],
        handler(InvoiceState, _ids("invoice"), ("record_payment", PAYMENT_FORM)),
        prepare=add_invoice, unchanged=_payments_unchanged,
        granted=lambda world, _: len(_payments(world)) == 2),
    Way("payment", "handler", "shown-on-invoice-page", "manager", (OTHER, PLAIN, ANON),
        SECRETS["payment"], handler(InvoiceState, _ids("invoice"), ("load",)),
        prepare=add_invoice),

    # Seminar registration and certificate
    Way("registration", "service", "cancel", "jonas", (OTHER, PLAIN), SECRETS["registration"],
        service(registrations.cancel_registration, _ids("registration")),
        prepare=add_registrations, unchanged=_registration_confirmed,
        granted=lambda world, _: _registration(world).status == "cancelled"),
    Way("registration", "service", "register-colleague", "manager", (OTHER, PLAIN),
        SECRETS["registration"],
        service(registrations.register, _ids("seminar"), lambda world: world.people["hse"].id),
        prepare=add_registrations, unchanged=_hse_not_registered,
        granted=lambda world, _: len(_registrations_of(world.people["hse"])) == 1),
    Way("registration", "service", "certificate", "jonas", (OTHER, PLAIN), SECRETS["registration"],
        service(participation.certificate_data, _ids("attended")), prepare=add_registrations,
        owner_sees_secret=False,
        granted=lambda world, result: result.name == SECRETS["contact"]),
    Way("registration", "handler", "my-seminars-cancel", "jonas", (OTHER, PLAIN, ANON),
        SECRETS["registration"],
        handler(MySeminarsState, None, ("cancel", lambda world: str(world.ids["registration"]))),
        prepare=add_registrations, unchanged=_registration_confirmed, owner_sees_secret=False,
        granted=lambda world, _: _registration(world).status == "cancelled"),
    Way("registration", "handler", "seminar-page-cancel-forged", "jonas", (OTHER, PLAIN, ANON),
        "", handler(SeminarState, _ids("seminar"), _forge_registration, ("cancel_mine",)),
        prepare=add_registrations, unchanged=_registration_confirmed,
        granted=lambda world, _: _registration(world).status == "cancelled"),
    Way("registration", "handler", "register-colleague", "manager", (OTHER, PLAIN, ANON), "",
        handler(SeminarState, _ids("seminar"),
                ("register_colleague", lambda world: {"user_id": str(world.people["hse"].id)})),
        prepare=add_registrations, unchanged=_hse_not_registered,
        granted=lambda world, _: len(_registrations_of(world.people["hse"])) == 1),
    Way("registration", "http", "certificate", "jonas", (OTHER, PLAIN, ANON), "Lehmann",
        http(lambda world, who: f"/files/certificates/{world.ids['attended']}.pdf"),
        prepare=add_registrations, granted=lambda world, response: _pdf(response),
        missing=lambda world: f"/files/certificates/{MAX_ID}.pdf", owner_sees_secret=False),

    # Documents with a restricted audience and their version downloads
    *_document_ways("sector", (OTHER, ANON), (OTHER,)),
    *_document_ways("function", (OTHER, PLAIN, ANON), (OTHER, PLAIN)),

    # Calendar: the personal feed (a secret URL) and the seminar's calendar file
    Way("calendar", "service", "feed-content", "jonas", (OTHER, PLAIN), SECRETS["registration"],
        _own_feed, prepare=add_registrations, unchanged=_feed_still_works, answers_anyway=True),
    Way("calendar", "service", "revoke", "jonas", (OTHER, PLAIN), SECRETS["registration"],
        service(calendars.revoke_feed), prepare=add_registrations, unchanged=_feed_still_works,
        answers_anyway=True, granted=lambda world, _: not _feed_works(world)),
    Way("calendar", "handler", "my-seminars-feed", "jonas", (OTHER, PLAIN, ANON),
        SECRETS["registration"], handler(MySeminarsState, None, ("load",), ("create_feed",)),
        prepare=add_registrations,
        unchanged=_feed_still_works, granted=lambda world, _: not _feed_works(world)),
    Way("calendar", "http", "revoked-feed-token", "jonas", (OTHER, PLAIN, ANON),
        SECRETS["registration"],
        http(lambda world, who: calendars.FEED_PREFIX + world.ids[
            "feed" if who == "jonas" else "revoked_feed"] + ".ics"),
        prepare=add_registrations,
        missing=lambda world: calendars.FEED_PREFIX + "x" * 43 + ".ics"),
    # The seminar itself is public to members; only its online link is the participants'.
    Way("calendar", "http", "seminar-file-online-link", "jonas", (OTHER, PLAIN),
        SECRETS["calendar"].replace(" ", "-"),
        http(lambda world, who: f"/files/seminars/{world.ids['seminar']}.ics"),
        prepare=add_registrations, answers_anyway=True),
    Way("calendar", "http", "seminar-file", "jonas", (ANON,), SECRETS["registration"],
        http(lambda world, who: f"/files/seminars/{world.ids['seminar']}.ics"),
        prepare=add_registrations, missing=lambda world: f"/files/seminars/{MAX_ID}.ics"),

    # Exchange: a confidential post (only Harzer and staff) and the interest in a public one
    Way("post", "service", "confidential-post", "manager", (OTHER,), SECRETS["post"],
        service(exchange.get_post, _ids("post")), prepare=add_posts),
    Way("post", "service", "list", "manager", (OTHER,), SECRETS["post"],
        service(exchange.search_posts), prepare=add_posts, answers_anyway=True),
    Way("post", "service", "withdraw", "manager", (OTHER, PLAIN), "",
        service(exchange_posts.withdraw_post, _ids("post")), prepare=add_posts,
        unchanged=_post_published, granted=lambda world, _: _post(world).status == "withdrawn"),
    Way("post", "handler", "page", "manager", (OTHER, ANON), SECRETS["post"],
        handler(PostState, _ids("post"), ("load",)), prepare=add_posts),
    Way("post", "handler", "withdraw", "manager", (OTHER, PLAIN, ANON), "",
        handler(PostState, _ids("post"), ("withdraw",)), prepare=add_posts,
        unchanged=_post_published, granted=lambda world, _: _post(world).status == "withdrawn"),
    Way("post", "handler", "edit-form", "manager", (OTHER, ANON), SECRETS["post"],
        handler(PostFormState, _ids("post"), ("load",)), prepare=add_posts),
    Way("post", "handler", "edit-save", "manager", (OTHER, PLAIN, ANON), "",
        handler(PostFormState, _ids("post"), ("save", lambda world: POST_EDIT)),
        prepare=add_posts, unchanged=_post_published,
        granted=lambda world, _: _post(world).title == POST_EDIT["title"]),
    Way("interest", "service", "interested-members", "manager", (OTHER,), SECRETS["interest"],
        service(exchange.get_post, _ids("public_post")), prepare=add_posts, answers_anyway=True),
    Way("interest", "handler", "post-page", "manager", (OTHER, ANON), SECRETS["interest"],
        handler(PostState, _ids("public_post"), ("load",)), prepare=add_posts,
        answers_anyway=True),

    # GDPR: the person's JSON, the organization's ZIP, anonymizing
    Way("gdpr", "service", "person-json", "jonas", (OTHER, PLAIN), SECRETS["gdpr"],
        service(gdpr.person_export), answers_anyway=True),
    Way("gdpr", "service", "organization-zip", "manager", (OTHER, PLAIN), SECRETS["contact"],
        service(gdpr.organization_export, _harzer),
        granted=lambda world, result: _zip_has_jonas(result)),
    Way("gdpr", "http", "person-json", "jonas", (OTHER, PLAIN), SECRETS["gdpr"],
        http(lambda world, who: "/files/my-data.json"), answers_anyway=True),
    Way("gdpr", "http", "person-json-without-session", "jonas", (ANON,), SECRETS["gdpr"],
        http(lambda world, who: "/files/my-data.json"),
        missing=lambda world: "/files/my-data.json"),
    Way("gdpr", "http", "organization-zip", "manager", (OTHER, PLAIN, ANON), SECRETS["contact"],
        http(lambda world, who: f"/files/organization-data/{world.harzer.id}.zip"),
        granted=lambda world, response: _zip_has_jonas(response), owner_sees_secret=False,
        missing=lambda world: f"/files/organization-data/{MAX_ID}.zip"),
    Way("gdpr", "handler", "anonymize-contact", "staff", (OTHER, PLAIN, ANON), "",
        handler(ContactsState, _harzer,
                ("anonymize", lambda world: str(world.people["jonas"].id))),
        unchanged=_jonas_untouched,
        granted=lambda world, _: _jonas(world).full_name != SECRETS["contact"]),
]


def _way_id(way: Way) -> str:
    return f"{way.object}-{way.reach}-{way.what}"


def _cells():
    for way in WAYS:
        for who in (*way.actors, OWNER):
            yield pytest.param(way, who, id=f"{_way_id(way)}-{who}")


CELLS = list(_cells())
REFUSAL_CELLS = [cell for cell in CELLS if cell.values[1] != OWNER]


@pytest.fixture(autouse=True)
def _private_files(private_data_dir):
    """Stored files of every cell go to the test's own data folder."""


@pytest.fixture(autouse=True)
def _now():
    """1 February 2027: the upcoming seminar's registration is open, the past one is over."""
    with clock.fixed_at(NOW):
        yield


async def _outcome(way: Way, world: World, who: str, monkeypatch):
    result = way.attempt(world, who, monkeypatch)
    if hasattr(result, "__await__"):
        result = await result
    return result


def _visible(way: Way, outcome) -> str:
    """Everything the acting person received, as text."""
    if way.reach == "handler":
        state, result = outcome
        return shown(state) + repr(result)
    if way.reach == "http":
        return outcome.content.decode("utf-8", "replace") + repr(dict(outcome.headers))
    if isinstance(outcome, bytes):
        if outcome.startswith(b"PK"):
            return "".join(zipfile.ZipFile(io.BytesIO(outcome)).read(name).decode("utf-8", "replace")
                           for name in zipfile.ZipFile(io.BytesIO(outcome)).namelist())
        return outcome.decode("utf-8", "replace")
    return repr(outcome)


def _assert_refused_http(way: Way, world: World, who: str, response) -> None:
    missing = _client(world.token(who) if who != ANONYMOUS else "").get(way.missing(world))
    assert (response.status_code, response.content) == (missing.status_code, missing.content)
    expected = 401 if (way.object, who) == ("document", ANONYMOUS) else 404
    assert response.status_code == expected
    assert response.content == (b"" if expected == 401 else b"Not Found")
    assert "content-disposition" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(("way", "who"), CELLS)
async def test_isolation(factories, monkeypatch, way: Way, who: str):
    world = build(factories)
    if way.prepare:
        way.prepare(world)
    actor = way.owner if who == OWNER else who

    if who == OWNER:  # the positive control: the rightful person gets the object
        outcome = await _outcome(way, world, actor, monkeypatch)
        if way.reach == "http":
            assert outcome.status_code == 200, outcome.content[:200]
        if way.secret and way.owner_sees_secret and way.unchanged is None:  # a read
            assert way.secret in _visible(way, outcome)
        if way.granted:
            assert way.granted(world, outcome)
        return

    if way.reach == "service" and not way.answers_anyway:
        with pytest.raises(REFUSED):
            await _outcome(way, world, actor, monkeypatch)
    else:
        outcome = await _outcome(way, world, actor, monkeypatch)
        if way.secret:
            assert way.secret not in _visible(way, outcome)
        if way.reach == "handler" and who == ANONYMOUS:
            assert "/login" in str(outcome[1])
        if way.reach == "http" and not way.answers_anyway:
            _assert_refused_http(way, world, actor, outcome)
    if way.unchanged:
        way.unchanged(world)


def test_the_matrix_covers_every_object_reach_and_actor():
    objects = {way.object for way in WAYS}
    assert objects == {"organization", "change_request", "contact", "invoice", "payment",
                       "registration", "document", "calendar", "gdpr", "post", "interest"}
    reaches = {(way.object, way.reach) for way in WAYS}
    # No HTTP route serves change requests, contacts or payments; the GDPR exports are only
    # reached over HTTP and the service (their handler cells are the anonymizing).
    assert reaches == {(name, reach) for name in objects for reach in ("service", "handler", "http")
                       } - {("change_request", "http"), ("contact", "http"), ("payment", "http"),
                            ("post", "http"), ("interest", "http")}
    for actor in (OTHER, PLAIN, ANON):
        assert any(actor in way.actors for way in WAYS)
    assert len({_way_id(way) for way in WAYS}) == len(WAYS)
    print(f"\nisolation matrix: {len(REFUSAL_CELLS)} refusal cells + {len(WAYS)} positive "
          f"controls = {len(CELLS)} cells over {len(objects)} object types")
