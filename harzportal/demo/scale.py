"""`harzportal seed-scale`: a large, realistic network for benchmarks and load tests.

    harzportal seed-scale --orgs 2000 --contacts 20000 --invoices 200000 --seminars 2000 \
        --documents 5000

Fills an empty (migrated) database by bulk inserts (SQLAlchemy Core `insert` with lists of
dicts, in batches; `RETURNING` gives the new ids) instead of the services, because the services
take milliseconds per row (argon2, PDF rendering, audit, mails). What the services would keep
consistent is kept here too:
- organizations get their `search_text` from `profile.apply_values`, seminars from the seminar
  service, documents from the library's own form validation;
- invoice numbers are gapless per year in issue order (`CNH-2027-0001`, ...) and the
  `numberrange` rows hold the last number, so invoices issued later continue the range;
  paid invoices have a payment over their amount, cancelled ones a credit note that names them,
  overdue ones may carry a reminder;
- `seats_taken` equals the confirmed registrations, at most the capacity; a full upcoming
  seminar may have a waitlist; one active registration per person and seminar;
- every document version is a real small file (PDF, DOCX or TXT) stored by the library's
  storage (content-addressed, SHA-256 recorded), the document's `updated_at` is its latest
  version.
Invoice PDFs are not rendered (about 50 ms each): the invoice pages show everything, the PDF
download of a seeded invoice answers "PDF missing".

Every person (and the administrator) gets the same password, hashed once: the logins are
printed. Refused on a database that has organizations or users already.

The parts: scale_people.py (organizations, people, their functions), scale_invoices.py,
scale_activities.py (seminars and registrations, documents and versions), scale_rows.py (the
bulk inserts).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.accounts import passwords
from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core.errors import Conflict
from harzportal.demo import invoices as demo_invoices
from harzportal.demo.scale_activities import insert_documents, insert_seminars
from harzportal.demo.scale_invoices import insert_invoices, invoice_drafts
from harzportal.demo.scale_people import function_rows, organization_rows, people_rows
from harzportal.demo.scale_rows import insert_rows
from harzportal.invoices.models import FeeScheduleItem
from harzportal.organizations.models import ContactFunctionAssignment, Organization

ADMIN_EMAIL = "admin@scale.harzportal.example"
ADMIN_PASSWORD = "scale-office-pass-2026"
MEMBER_PASSWORD = "scale-member-pass-2026"


@dataclass
class ScaleReport:
    organizations: int = 0
    users: int = 0
    invoices: int = 0
    payments: int = 0
    seminars: int = 0
    registrations: int = 0
    documents: int = 0
    versions: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def seed_scale(session: Session, *, orgs: int, contacts: int, invoices: int, seminars: int,
               documents: int, seed: int = 2026) -> ScaleReport:
    """Fill an empty database; see the module docstring for what is kept consistent."""
    if contacts < orgs:
        raise ValueError("every organization needs at least one contact: contacts >= orgs")
    present = session.exec(select(func.count()).select_from(Organization)).one() + session.exec(
        select(func.count()).select_from(User)).one()
    if present:
        raise Conflict("seed.refused_non_demo_data")
    rng = random.Random(seed)
    report = ScaleReport()
    member_hash = passwords.hash_password(MEMBER_PASSWORD)
    admin_id = insert_rows(session, User, [{
        "email": ADMIN_EMAIL, "full_name": "Katrin Vogel", "job_title": "Netzwerkbüro",
        "role": "network_admin", "password_hash": passwords.hash_password(ADMIN_PASSWORD),
        "is_active": True, "preferred_language": "de", "listed_in_directory": False}],
        returning=True)[0]
    organizations = organization_rows(rng, orgs)
    organization_ids = insert_rows(session, Organization, organizations, returning=True)
    people, places = people_rows(rng, organization_ids, organizations, contacts, member_hash)
    user_ids = insert_rows(session, User, people, returning=True)
    insert_rows(session, ContactFunctionAssignment, list(function_rows(user_ids, places)))
    if not session.exec(select(FeeScheduleItem)).first():
        session.add_all(demo_invoices.fee_schedule())
        session.flush()
    schedule = list(session.exec(select(FeeScheduleItem)))
    drafts = invoice_drafts(rng, organizations, invoices, schedule)
    report.invoices, report.payments = insert_invoices(session, rng, organization_ids,
                                                       organizations, drafts, admin_id)
    report.seminars, report.registrations = insert_seminars(
        session, rng, seminars, user_ids, [p["organization_id"] for p in people], admin_id)
    report.documents, report.versions = insert_documents(session, rng, documents, admin_id)
    report.organizations, report.users = len(organization_ids), len(user_ids) + 1
    audit.record(session, action="demo.scale_seeded", object_type="network", actor_label="system",
                 after={"organizations": orgs, "contacts": contacts, "invoices": report.invoices,
                        "seminars": seminars, "documents": documents})
    report.logins = [(ADMIN_EMAIL, ADMIN_PASSWORD, "network_admin"),
                     (people[0]["email"], MEMBER_PASSWORD, "org_manager")]
    return report


def analyze(engine) -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL's autovacuum would take a while;
    until then it plans for empty tables)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
