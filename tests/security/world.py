"""The data of the isolation matrix: two member organizations with people in every part the
matrix needs, and one object of every type, each carrying a "secret" text that appears in what
its rightful owner is shown and must appear nowhere else.

Harzer Chemiewerke (chemical) owns the objects: its manager (also billing contact), an HSE
contact, a plain contact without any function, and Jonas Lehmann, whose registration,
certificate and calendar feed are tested. Oker Recycling is the *other organization*: its
manager holds the billing function too, so a refusal is never only about a missing function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import select

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.core import private_files
from harzportal.core.roles import Role
from harzportal.documents.models import DocumentCategory, DocumentVersion
from harzportal.invoices.models import Invoice, Payment, Reminder
from harzportal.organizations import logos
from harzportal.organizations.models import ChangeRequest, ChangeRequestField
from harzportal.seminars import calendars
from harzportal.seminars.models import Registration, Seminar
from tests.documents import helpers as documents
from tests.documents.conftest import CATEGORIES, give_function
from tests.factories import actor_for
from tests.invoices.helpers import invoice_row
from tests.organizations.helpers import image_bytes
from tests.seminars.helpers import ENDS, NOW, STARTS, insert_seminar

OTHER_ORG, PLAIN_CONTACT, ANONYMOUS = "other_org", "plain_contact", "anonymous"
ACTORS = (OTHER_ORG, PLAIN_CONTACT, ANONYMOUS)

SECRETS = {
    "organization": "Am Rammelsberg 12",
    "change_request": "+49 30 7654321",
    "contact": "Jonas Lehmann",
    "invoice": "CNH-2027-0042",
    "payment": "Zahlung 7Q4X-Harzer",
    "registration": "Gefahrstoffmanagement kompakt",
    "document": "Explosionsschutz Harzer Werk",
    "calendar": "Online-Raum 5R2T",
    "gdpr": "+49 5321 4001",
    "post": "Pilotanlage Lithium 9K3V",
    "interest": "Notiz 4W8Z der Bode Analytik",
}


@dataclass
class World:
    harzer: object
    oker: object
    people: dict[str, User]
    ids: dict[str, object] = field(default_factory=dict)

    def person(self, who: str) -> User | None:
        """The acting person of a matrix column (None: anonymous)."""
        return None if who == ANONYMOUS else self.people[who]

    @staticmethod
    def make_member(name: str) -> User:
        """A manager of a third member organization."""
        from tests.factories import make_organization, make_user
        return make_user(make_organization(name=name), role=Role.ORG_MANAGER,
                         full_name="Bernd Bode")

    def token(self, who: str) -> str:
        person = self.person(who)
        if person is None:
            return ""
        with db.unit_of_work() as session:
            return sessions.start_session(session, person)


def _categories() -> None:
    with db.unit_of_work() as session:
        present = set(session.exec(select(DocumentCategory.key)))
        for position, (key, name_de, name_en) in enumerate(CATEGORIES, start=1):
            if key not in present:
                session.add(DocumentCategory(key=key, name_de=name_de, name_en=name_en,
                                             position=position))


def build(factories) -> World:
    address = {"postal_code": "38640", "city": "Goslar"}
    harzer = factories.organization(name="Harzer Chemiewerke GmbH", kind="chemical",
                                    street=SECRETS["organization"], phone="+49 5321 4000",
                                    **address)
    oker = factories.organization(name="Oker Recycling GmbH", kind="recycling",
                                  street="Hüttenstraße 4", **address)
    people = {
        "manager": factories.user(harzer, role=Role.ORG_MANAGER, full_name="Anna Krüger"),
        "hse": factories.user(harzer, role=Role.CONTACT, full_name="Hanna HSE"),
        PLAIN_CONTACT: factories.user(harzer, role=Role.CONTACT, full_name="Paul Plain"),
        "jonas": factories.user(harzer, role=Role.CONTACT, full_name=SECRETS["contact"],
                                phone=SECRETS["gdpr"]),
        OTHER_ORG: factories.user(oker, role=Role.ORG_MANAGER, full_name="Otto Oker"),
        "staff": factories.user(None, role=Role.NETWORK_ADMIN, full_name="Greta Geschäftsstelle"),
    }
    for who, function in (("manager", "billing"), (OTHER_ORG, "billing"), ("hse", "hse")):
        give_function(people[who], function)
    return World(harzer, oker, people)


def add_change_request(world: World) -> None:
    """An open proposal of Harzer's manager: a new phone number and a new logo."""
    logo = logos.store_logo(image_bytes("PNG"))
    with db.unit_of_work() as session:
        request = ChangeRequest(organization_id=world.harzer.id,
                                author_user_id=world.people["manager"].id)
        session.add(request)
        session.flush()
        session.add(ChangeRequestField(request_id=request.id, field_name="phone",
                                       old_value="+49 5321 4000",
                                       new_value=SECRETS["change_request"]))
        session.add(ChangeRequestField(request_id=request.id, field_name="logo",
                                       old_value="", new_value=logo))
    world.ids.update(request=request.id, logo=logo)


def add_invoice(world: World) -> None:
    """An invoice of Harzer with its PDF and one partial payment."""
    invoice = invoice_row(world.harzer, SECRETS["invoice"], issue_date=NOW.date(),
                          pdf=b"%PDF-1.7\n% Rechnung " + SECRETS["invoice"].encode() + b"\n")
    with db.unit_of_work() as session:
        session.add(Payment(invoice_id=invoice.id, paid_on=NOW.date(), amount_cents=10000,
                            reference=SECRETS["payment"],
                            recorded_by_user_id=world.people["staff"].id))
    world.ids["invoice"] = invoice.id


def add_overdue_invoice(world: World) -> None:
    """An invoice of Harzer a month overdue, so it is among the payment reminder proposals."""
    invoice = invoice_row(world.harzer, SECRETS["invoice"],
                          issue_date=NOW.date() - timedelta(days=60))
    world.ids["invoice"] = invoice.id


def add_reminder(world: World) -> None:
    """Harzer's invoice with a reminder whose stored PDF names the invoice's secret."""
    add_invoice(world)
    pdf_file, pdf_sha256 = private_files.store(
        "invoices", b"%PDF-1.7\n% Mahnung " + SECRETS["invoice"].encode() + b"\n", "pdf")
    with db.unit_of_work() as session:
        reminder = Reminder(invoice_id=world.ids["invoice"], level=1, title="Zahlungserinnerung",
                            open_cents=10000, pdf_file=pdf_file, pdf_sha256=pdf_sha256,
                            sent_by_user_id=world.people["staff"].id, document_state="ready")
        session.add(reminder)
        session.flush()
        world.ids["reminder"] = reminder.id


def add_xrechnung(world: World) -> None:
    """Harzer as a public-sector buyer: its invoice with a stored XRechnung XML that names the
    invoice's secret."""
    add_invoice(world)
    xml_file, xml_sha256 = private_files.store(
        "invoices", b"<?xml version='1.0'?><Rechnung>" + SECRETS["invoice"].encode()
        + b"</Rechnung>", "xml")
    with db.unit_of_work() as session:
        invoice = session.get(Invoice, world.ids["invoice"])
        invoice.buyer_reference = "991-33333TEST-33"
        invoice.xml_file, invoice.xml_sha256 = xml_file, xml_sha256
        session.add(invoice)


def add_registrations(world: World) -> None:
    """Jonas is registered for an upcoming seminar (with an online link) and attended a past
    one (certificate); he has a calendar feed, and an older feed token he revoked."""
    upcoming = insert_seminar(title=SECRETS["registration"], online_link="https://meet.example/"
                              + SECRETS["calendar"].replace(" ", "-"))
    past = insert_seminar(title="Datenschutz im Betrieb " + SECRETS["registration"],
                          starts_at=STARTS - timedelta(days=60), ends_at=ENDS - timedelta(days=60),
                          registration_opens_at=NOW - timedelta(days=90),
                          registration_deadline=NOW - timedelta(days=61))
    jonas = world.people["jonas"]
    with db.unit_of_work() as session:
        registration = Registration(seminar_id=upcoming.id, user_id=jonas.id,
                                    organization_id=world.harzer.id, status="confirmed",
                                    registered_by_user_id=jonas.id, confirmed_at=NOW)
        attended = Registration(seminar_id=past.id, user_id=jonas.id,
                                organization_id=world.harzer.id, status="confirmed",
                                registered_by_user_id=jonas.id, confirmed_at=NOW, attended=True)
        session.add_all([registration, attended])
    with db.unit_of_work() as session:  # seats taken in line with the rows
        for seminar_id in (upcoming.id, past.id):
            row = session.get(Seminar, seminar_id)
            row.seats_taken = 1
            session.add(row)
    actor = _actor(jonas)
    with db.unit_of_work() as session:
        revoked = calendars.create_feed(session, actor)
    with db.unit_of_work() as session:
        feed = calendars.create_feed(session, actor)
    world.ids.update(seminar=upcoming.id, past_seminar=past.id, registration=registration.id,
                     attended=attended.id, feed=feed, revoked_feed=revoked)


def add_documents(world: World) -> None:
    """Two documents: one only for chemical companies (Oker is not one), one only for HSE
    contacts (the plain contact is none); the HSE contact of Harzer sees both."""
    _categories()
    staff = _actor(world.people["staff"])
    by_sector = documents.publish(staff, title=SECRETS["document"] + " (Branche)",
                                  audience="kinds", audience_kinds=["chemical"])
    by_function = documents.publish(staff, title=SECRETS["document"] + " (HSE)",
                                    audience="function", audience_function="hse")
    world.ids.update(document={"sector": by_sector.id, "function": by_function.id},
                     version={"sector": _version(by_sector.id),
                              "function": _version(by_function.id)})


def add_posts(world: World) -> None:
    """Two published posts of Harzer's manager: a confidential one (only the Netzwerkbüro and
    Harzer see it) titled with the secret, and one for all members in which a third member,
    Bode Analytik, expressed interest with a secret note (only Harzer and staff see it)."""
    from harzportal.exchange import posts, service
    form = {"kind": "request", "title": SECRETS["post"], "competences": "Batterierecycling",
            "description": "Wir suchen einen Partner für eine Pilotanlage im Harz.",
            "visibility": "office"}
    manager, staff = _actor(world.people["manager"]), _actor(world.people["staff"])
    ids = {}
    for key, visibility, title in (("post", "office", SECRETS["post"]),
                                   ("public_post", "members", "Offene Anfrage Batterierecycling")):
        with db.unit_of_work() as session:
            post = posts.create_post(session, manager, form | {"visibility": visibility,
                                                               "title": title})
        with db.unit_of_work() as session:
            posts.decide_post(session, staff, post.id, post.revision, True)
        ids[key] = post.id
    bode = World.make_member("Bode Analytik GmbH")
    with db.unit_of_work() as session:
        service.express_interest(session, _actor(bode), ids["public_post"], SECRETS["interest"])
    world.ids.update(ids)


def _version(document_id: int) -> int:
    with db.unit_of_work() as session:
        return session.exec(select(DocumentVersion.id).where(
            DocumentVersion.document_id == document_id)).one()


def download_counts() -> list[int]:
    with db.unit_of_work() as session:
        return sorted(session.exec(select(DocumentVersion.download_count)))


def _actor(user: User):
    return actor_for(user)
