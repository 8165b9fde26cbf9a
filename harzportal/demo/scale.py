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
"""

from __future__ import annotations

import io
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, insert
from sqlmodel import Session, select

from harzportal.accounts import passwords
from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.errors import Conflict
from harzportal.demo import documents as demo_documents
from harzportal.demo import invoices as demo_invoices
from harzportal.demo.network import FIRST_NAMES, JOB_TITLES, LAST_NAMES
from harzportal.documents import service as document_service
from harzportal.documents import storage
from harzportal.documents.models import Document, DocumentCategory, DocumentVersion
from harzportal.invoices import fees
from harzportal.invoices.amounts import LineInput, compute_totals
from harzportal.invoices.models import (
    FeeScheduleItem,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    NumberRange,
    Payment,
    Reminder,
)
from harzportal.organizations.models import ContactFunctionAssignment, Organization
from harzportal.organizations.profile import apply_values
from harzportal.seminars import service as seminar_service
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar, SeminarStatus
from harzportal.settings import get as get_settings

ADMIN_EMAIL = "admin@scale.harzportal.example"
ADMIN_PASSWORD = "scale-admin-pass-2026"
MEMBER_PASSWORD = "scale-member-pass-2026"
BATCH = 5000

REGIONS = ("Harzer", "Goslarer", "Okertaler", "Brocken", "Bodetal", "Selketal", "Ilsetal",
           "Innerste", "Sösetal", "Nordhäuser", "Mansfelder", "Kyffhäuser", "Quedlinburger",
           "Halberstädter", "Wernigeröder", "Blankenburger", "Thalenser", "Osteroder",
           "Seesener", "Clausthaler", "Ilsenburger", "Südharz", "Oberharz", "Unterharz",
           "Eichsfelder", "Sangerhäuser", "Aschersleber", "Hettstedter", "Ellricher", "Vienenburger")
# core of the name, organization kind, competences to pick from
TRADES = (
    ("Chemiewerke", "chemical", ("Spezialchemikalien", "REACH-Registrierung", "Lackrohstoffe")),
    ("Feinchemie", "chemical", ("Feinchemikalien", "Lohnfertigung", "GMP")),
    ("Pigmente", "chemical", ("Pigmente", "Füllstoffe", "Bauchemie")),
    ("Agrochemie", "chemical", ("Düngemittel", "Agrarchemie", "Bodenhilfsstoffe")),
    ("Kunststofftechnik", "chemical", ("Kunststoffadditive", "Compoundierung", "Spritzguss")),
    ("Oberflächentechnik", "chemical", ("Galvanik", "Beschichtung", "Korrosionsschutz")),
    ("Metallhütte", "metallurgical", ("Bleiraffination", "Legierungen", "Schmelzmetallurgie")),
    ("Gießerei", "metallurgical", ("Aluminiumguss", "Eisenguss", "Kunstguss")),
    ("Kupferveredelung", "metallurgical", ("Kupferhalbzeuge", "Drahtziehen", "Elektrotechnik")),
    ("Zinkwerke", "metallurgical", ("Zinkoxid", "Pulvermetallurgie", "Keramik")),
    ("Recycling", "recycling", ("Metallrückgewinnung", "Elektronikschrott", "Kreislaufwirtschaft")),
    ("Kunststoffverwertung", "recycling", ("Kunststoffrecycling", "Regranulat", "Sortiertechnik")),
    ("Batterierecycling", "recycling", ("Batterierecycling", "Lithium-Ionen", "Demontage")),
    ("Lösemittel-Recycling", "recycling", ("Lösemittelrecycling", "Destillation")),
    ("Chemielogistik", "logistics", ("Gefahrstofflager", "Tankreinigung", "Gefahrgutberatung")),
    ("Gefahrgutspedition", "logistics", ("Gefahrgutlogistik", "Containerverkehr", "ADR")),
    ("Umwelttechnik", "other", ("Abwasserbehandlung", "Emissionsmessung", "Umweltgutachten")),
    ("Analytik", "other", ("Laboranalytik", "Qualitätsprüfung", "Akkreditierte Prüfungen")),
)
LEGAL_FORMS = ("GmbH", "GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.")
# city, postal code, federal state
CITIES = (
    ("Goslar", "38640", "NI"), ("Langelsheim", "38685", "NI"), ("Seesen", "38723", "NI"),
    ("Osterode am Harz", "37520", "NI"), ("Clausthal-Zellerfeld", "38678", "NI"),
    ("Bad Harzburg", "38667", "NI"), ("Herzberg am Harz", "37412", "NI"),
    ("Braunlage", "38700", "NI"), ("Bad Lauterberg", "37431", "NI"),
    ("Wernigerode", "38855", "ST"), ("Halberstadt", "38820", "ST"), ("Quedlinburg", "06484", "ST"),
    ("Thale", "06502", "ST"), ("Blankenburg (Harz)", "38889", "ST"), ("Ilsenburg", "38871", "ST"),
    ("Harzgerode", "06493", "ST"), ("Hettstedt", "06333", "ST"), ("Sangerhausen", "06526", "ST"),
    ("Aschersleben", "06449", "ST"), ("Ballenstedt", "06493", "ST"),
    ("Nordhausen", "99734", "TH"), ("Ellrich", "99755", "TH"), ("Bleicherode", "99752", "TH"),
    ("Bad Frankenhausen", "06567", "TH"), ("Sondershausen", "99706", "TH"),
    ("Heilbad Heiligenstadt", "37308", "TH"), ("Leinefelde-Worbis", "37327", "TH"),
    ("Hamburg", "20095", "other"), ("Leipzig", "04109", "other"), ("Hannover", "30159", "other"),
)
STREETS = ("Industriestraße", "Hüttenweg", "Am Bahnhof", "Gewerbepark", "Chemiepark",
           "Werkstraße", "Hauptstraße", "Rammelsberger Straße", "Mühlenweg", "Logistikring")
SEMINAR_TOPICS = {
    "hse": ("Gefahrstoffmanagement", "Explosionsschutz in der Praxis", "TRGS-Update",
            "Gefährdungsbeurteilung kompakt", "Gefahrgutbeauftragte: Fortbildung"),
    "hr": ("Fachkräfte gewinnen und halten", "Ausbildung in der Chemie", "Arbeitszeitmodelle"),
    "iot": ("IoT in der Prozessindustrie", "Predictive Maintenance", "Datenplattformen im Werk"),
    "procurement": ("Einkauf von Energie und Rohstoffen", "Lieferkettengesetz im Einkauf"),
    "data_protection": ("Datenschutz im Personalwesen", "Auftragsverarbeitung richtig regeln",
                        "Datenpannen melden"),
    "innovation": ("Förderprogramme für Forschung", "Kooperation mit Hochschulen"),
}
SPEAKERS = ("Dr. Petra Hartmann", "Stefan Werner", "Dr. Miriam Braun", "Tobias Lange",
            "Claudia Neumann", "Prof. Dr. Florian Richter", "Nadine Köhler", "Matthias Schröder",
            "Daniel Becker", "Dr. Julia Zimmermann")
DOCUMENT_SUBJECTS = ("Gefährdungsbeurteilung", "Betriebsanweisung", "Explosionsschutzdokument",
                     "Unfallmeldung", "Verarbeitungsverzeichnis", "Datenschutzleitfaden",
                     "Auftragsverarbeitungsvertrag", "Notfallplan", "Gefahrgutcheckliste",
                     "Protokoll Arbeitskreis", "Unterweisungsnachweis", "Lagerkonzept")
DOCUMENT_QUALIFIERS = ("Vorlage", "Muster", "Leitfaden", "Checkliste", "Arbeitshilfe", "Entwurf")
KINDS_AUDIENCE = ",".join(demo_documents.PRODUCING_KINDS)
SEMINAR_FEES = (("Seminargebühr", 19900), ("Workshopgebühr", 34900),
                ("Sonderumlage Arbeitskreis HSE", 25000), ("Teilnahme Exkursion", 8900))


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


def _insert(session: Session, model, rows: list[dict], returning: bool = False) -> list[int]:
    """Bulk insert: COPY on PostgreSQL (ids drawn from the table's sequence first), Core
    `insert` in batches elsewhere. Returns the new ids in the order of `rows` when asked for."""
    if not rows:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return _copy(session, model.__table__, rows, returning)
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start:start + BATCH]
        if returning:
            statement = insert(model).returning(model.id, sort_by_parameter_order=True)
            ids.extend(row[0] for row in session.execute(statement, chunk))
        else:
            session.execute(insert(model), chunk)
    return ids


def _column_value(row: dict, column):
    if column.name in row:
        return row[column.name]
    default = column.default
    if default is None:
        return None
    return default.arg(None) if default.is_callable else default.arg


def _copy(session: Session, table, rows: list[dict], with_ids: bool) -> list[int]:
    connection = session.connection().connection.driver_connection
    ids: list[int] = []
    if with_ids:
        ids = [row[0] for row in connection.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            (f'"{table.name}"', len(rows)))]
    columns = [column for column in table.columns if column.name != "id"]
    names = ", ".join(f'"{column.name}"' for column in columns)
    with connection.cursor() as cursor, cursor.copy(
            f'COPY "{table.name}" ({"id, " if with_ids else ""}{names}) FROM STDIN') as copy:
        for index, row in enumerate(rows):
            values = [_column_value(row, column) for column in columns]
            copy.write_row([ids[index], *values] if with_ids else values)
    return ids


def _slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=clock.LOCAL_ZONE).astimezone(UTC)


# Organizations and people ---------------------------------------------------------------------

def _organizations(rng: random.Random, count: int) -> list[dict]:
    names = [(region, trade, legal) for region in REGIONS for trade in TRADES
             for legal in dict.fromkeys(LEGAL_FORMS)]
    rng.shuffle(names)
    rows = []
    for index in range(count):
        region, (trade, kind, competences), legal = names[index % len(names)]
        suffix = f" {index // len(names) + 1}" if index >= len(names) else ""
        name = f"{region} {trade}{suffix} {legal}"
        city, postal_code, state = rng.choice(CITIES)
        organization = Organization(
            name=name, legal_form=legal, kind=kind, street=f"{rng.choice(STREETS)} "
            f"{rng.randint(1, 120)}", postal_code=postal_code, city=city, federal_state=state,
            website=f"https://www.{_slug(region + ' ' + trade)}.example",
            phone=f"+49 {rng.randint(3000, 5999)} {rng.randint(10000, 99999)}",
            email=f"info@{_slug(region + ' ' + trade)}.example",
            description=f"{trade} aus {city}: {', '.join(competences)}.",
            employees=rng.choice((12, 35, 80, 150, 240, 420, 800, 1500)),
            member_since=date(rng.randint(2012, clock.today().year - 1), 1, 1),
            status="active" if rng.random() > 0.02 else "left")
        apply_values(organization, {"competences": rng.sample(competences, rng.randint(1, len(competences)))})
        rows.append(organization.model_dump(exclude={"id"}))
    return rows


FUNCTIONS_BY_POSITION = (("billing", "profile_editor"), ("hse",), ("data_protection",))


def _people(rng: random.Random, organization_ids: list[int], organizations: list[dict],
            contacts: int, member_hash: str) -> tuple[list[dict], list[tuple[int, int]]]:
    """Users spread over the organizations (first one of each is its org_manager); returns the
    rows and (organization index, position) for each."""
    rows, places = [], []
    base, extra = divmod(contacts, len(organization_ids))
    for index, organization_id in enumerate(organization_ids):
        domain = organizations[index]["email"].split("@", 1)[1]
        size = base + (1 if index < extra else 0)
        for position in range(size):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            local = _slug(f"{first} {last}").replace("-", ".")
            rows.append({
                "email": f"{local}.{len(rows) + 1}@{domain}", "full_name": f"{first} {last}",
                "job_title": rng.choice(JOB_TITLES), "phone": organizations[index]["phone"],
                "organization_id": organization_id,
                "role": "org_manager" if position == 0 else "contact",
                "password_hash": member_hash, "preferred_language": "de" if rng.random() > 0.1
                else "en", "listed_in_directory": rng.random() < 0.8, "is_active": True})
            places.append((index, position))
    return rows, places


# Invoices -------------------------------------------------------------------------------------

@dataclass
class _Draft:
    organization: int  # index
    issue_date: date
    lines: list[LineInput]
    fee_year: int | None = None
    cancelled: bool = False


def _invoice_drafts(rng: random.Random, organizations: list[dict], count: int,
                    schedule: list[FeeScheduleItem]) -> list[_Draft]:
    today = clock.today()
    annual = []
    for index, organization in enumerate(organizations):
        item = fees.band_for(schedule, Organization(**organization))
        if item is None or item.fee_cents == 0:
            continue
        for year in range(max(organization["member_since"].year, today.year - 9), today.year + 1):
            if date(year, 1, 15) <= today:
                annual.append(_Draft(index, date(year, 1, 15), [LineInput(
                    f"Mitgliedsbeitrag {year} ({fees.band_label(item, 'de')})", 1000,
                    item.fee_cents, item.vat_rate_bp, item.vat_exempt, item.exemption_note)],
                    fee_year=year))
    rng.shuffle(annual)
    originals = count - count // 60  # about 1.6 % become credit notes
    drafts = annual[:originals]
    first_day = date(today.year - 9, 1, 1)
    span = (today - first_day).days
    for _ in range(originals - len(drafts)):
        label, cents = rng.choice(SEMINAR_FEES)
        quantity = rng.choice((1, 1, 1, 2, 3))
        drafts.append(_Draft(rng.randrange(len(organizations)),
                             first_day + timedelta(days=rng.randrange(span + 1)),
                             [LineInput(label, quantity * 1000, cents, 1900)]))
    old_enough = [d for d in drafts if d.issue_date < today - timedelta(days=40)]
    for draft in rng.sample(old_enough, min(count - originals, len(old_enough))):
        draft.cancelled = True
    drafts.sort(key=lambda d: (d.issue_date, d.organization))
    return drafts


def _numbers(drafts: list[_Draft], notes: dict[int, date], prefix: str
             ) -> tuple[dict[tuple[str, int], str], dict[int, int]]:
    """Gapless numbers per year in issue order, invoices and credit notes in one range."""
    events = sorted([(d.issue_date, 0, i) for i, d in enumerate(drafts)]
                    + [(day, 1, i) for i, day in notes.items()])
    counters: dict[int, int] = defaultdict(int)
    numbers = {}
    for day, is_note, index in events:
        counters[day.year] += 1
        kind = InvoiceKind.CREDIT_NOTE.value if is_note else InvoiceKind.INVOICE.value
        numbers[(kind, index)] = f"{prefix}-{day.year}-{counters[day.year]:04d}"
    return numbers, counters


def _invoices(session: Session, rng: random.Random, organization_ids: list[int],
              organizations: list[dict], drafts: list[_Draft], admin_id: int) -> tuple[int, int]:
    """Number, settle and insert every draft plus the credit notes, lines, payments, reminders."""
    today = clock.today()
    prefix, days = get_settings().invoice_prefix, get_settings().invoice_payment_days
    notes = {i: d.issue_date + timedelta(days=rng.randint(3, 30))
             for i, d in enumerate(drafts) if d.cancelled}
    numbers, counters = _numbers(drafts, notes, prefix)

    def row(index: int, issued: date, kind: str, cancels: int | None) -> dict:
        draft = drafts[index]
        totals = compute_totals(draft.lines)
        organization = organizations[draft.organization]
        return {
            "number": numbers[(kind, index)], "kind": kind,
            "organization_id": organization_ids[draft.organization],
            "status": InvoiceStatus.ISSUED.value, "recipient_name": organization["name"],
            "recipient_street": organization["street"],
            "recipient_postal_code": organization["postal_code"],
            "recipient_city": organization["city"], "recipient_country": "DE",
            "issue_date": issued, "service_from": date(issued.year, 1, 1),
            "service_to": date(issued.year, 12, 31), "due_date": issued + timedelta(days=days),
            "currency": "EUR", "net_cents": totals.net_cents, "vat_cents": totals.vat_cents,
            "gross_cents": totals.gross_cents, "paid_cents": 0,
            "fee_year": draft.fee_year if kind == InvoiceKind.INVOICE.value else None,
            "cancels_invoice_id": cancels, "reminder_level": 0, "pdf_file": "",
            "pdf_sha256": "", "created_by_user_id": admin_id, "created_at": _moment(issued, 9)}

    def line_rows(index: int) -> list[dict]:
        lines = drafts[index].lines
        totals = compute_totals(lines)
        return [{"position": position, "description": line.description,
                 "quantity_milli": line.quantity_milli, "unit": "C62",
                 "unit_price_cents": line.unit_price_cents, "vat_rate_bp": line.vat_rate_bp,
                 "vat_exempt": line.vat_exempt, "exemption_note": line.exemption_note,
                 "net_cents": net}
                for position, (line, net) in enumerate(zip(lines, totals.line_net_cents,
                                                           strict=True), start=1)]

    originals, payments, reminders = [], [], []
    for index, draft in enumerate(drafts):
        invoice = row(index, draft.issue_date, InvoiceKind.INVOICE.value, None)
        originals.append(invoice)
        if draft.cancelled:
            invoice["status"] = InvoiceStatus.CANCELLED.value
            continue
        overdue_for = (today - invoice["due_date"]).days
        if rng.random() < (0.97 if overdue_for > 60 else 0.5):
            invoice["paid_cents"], invoice["status"] = invoice["gross_cents"], "paid"
            paid_on = min(draft.issue_date + timedelta(days=rng.randint(3, 45)), today)
            payments.append((index, {"paid_on": paid_on, "amount_cents": invoice["gross_cents"],
                                     "reference": f"Überweisung {invoice['number']}",
                                     "recorded_by_user_id": admin_id,
                                     "created_at": _moment(paid_on, 10)}))
        elif overdue_for > 14:
            invoice["reminder_level"] = 1 if overdue_for < 45 else 2
            reminders.extend((index, {
                "level": level, "sent_by_user_id": admin_id,
                "sent_at": _moment(invoice["due_date"], 8) + timedelta(days=14 * level),
                "recipients": organizations[draft.organization]["email"]})
                for level in range(1, invoice["reminder_level"] + 1))
    ids = _insert(session, Invoice, originals, returning=True)
    cancelled = sorted(notes)
    note_ids = _insert(session, Invoice, [
        row(index, notes[index], InvoiceKind.CREDIT_NOTE.value, ids[index])
        for index in cancelled], returning=True)
    _insert(session, InvoiceLine, [line | {"invoice_id": invoice_id}
                                   for index, invoice_id in [*enumerate(ids),
                                                             *zip(cancelled, note_ids)]
                                   for line in line_rows(index)])
    _insert(session, Payment, [values | {"invoice_id": ids[i]} for i, values in payments])
    _insert(session, Reminder, [values | {"invoice_id": ids[i]} for i, values in reminders])
    _insert(session, NumberRange, [{"prefix": prefix, "year": year, "last_number": last}
                                   for year, last in sorted(counters.items())])
    return len(ids) + len(note_ids), len(payments)


# Seminars -------------------------------------------------------------------------------------

def _seminars(session: Session, rng: random.Random, count: int, user_ids: list[int],
              user_organizations: list[int], admin_id: int) -> tuple[int, int]:
    today = clock.today()
    rows, planned = [], []
    for _ in range(count):
        topic = rng.choice(tuple(SEMINAR_TOPICS))
        title = f"{rng.choice(SEMINAR_TOPICS[topic])} ({rng.choice(CITIES)[0]})"
        day = today + timedelta(days=rng.randint(-3 * 365, 365))
        starts = _moment(day, rng.choice((8, 9, 10, 13)))
        online = rng.random() < 0.3
        place = (f"https://meet.example/{_slug(title)}" if online
                 else f"{rng.choice(REGIONS)} Tagungszentrum, {rng.choice(CITIES)[0]}")
        values = {"title": title[:200], "speakers": rng.choice(SPEAKERS),
                  "venue": "" if online else place}
        capacity = rng.choice((10, 12, 16, 20, 25, 30, 40))
        status = rng.choices((SeminarStatus.PUBLISHED.value, SeminarStatus.DRAFT.value,
                              SeminarStatus.CANCELLED.value), (90, 5, 5))[0]
        wanted = 0 if status == SeminarStatus.DRAFT.value else min(
            rng.randint(0, capacity + 6), len(user_ids))
        rows.append(values | {
            "topic": topic, "description": "Praxisnahes Seminar des Netzwerks mit Zeit für "
            "Fragen und Austausch unter den Mitgliedern.", "online_link": place if online else "",
            "starts_at": starts, "ends_at": starts + timedelta(hours=rng.choice((3, 4, 6, 8))),
            "capacity": capacity, "seats_taken": min(wanted, capacity),
            "registration_opens_at": starts - timedelta(days=60),
            "registration_deadline": starts - timedelta(days=2), "per_organization_limit": None,
            "fee_cents": 0, "status": status, "lock_version": 0,
            "search_text": seminar_service._search_text(values),
            "created_at": starts - timedelta(days=75)})
        planned.append((wanted, capacity, day < today, starts))
    seminar_ids = _insert(session, Seminar, rows, returning=True)
    registrations = []
    for seminar_id, (wanted, capacity, past, starts) in zip(seminar_ids, planned, strict=True):
        for position, person in enumerate(rng.sample(range(len(user_ids)), wanted)):
            confirmed = position < capacity
            registered = starts - timedelta(days=40 - position % 30, hours=position)
            registrations.append({
                "seminar_id": seminar_id, "user_id": user_ids[person],
                "organization_id": user_organizations[person],
                "status": RegistrationStatus.CONFIRMED.value if confirmed
                else RegistrationStatus.WAITLISTED.value,
                "registered_by_user_id": user_ids[person], "created_at": registered,
                "confirmed_at": registered if confirmed else None,
                "attended": past and confirmed and rng.random() < 0.85})
    _insert(session, Registration, registrations)
    return len(seminar_ids), len(registrations)


# Documents ------------------------------------------------------------------------------------

def _stored_files(rng: random.Random) -> list[storage.StoredFile]:
    """A pool of real small PDF and DOCX files (rendering one per version takes too long)."""
    pool = []
    for number in range(24):
        subject = DOCUMENT_SUBJECTS[number % len(DOCUMENT_SUBJECTS)]
        name = f"{subject}_{number + 1}.{'pdf' if number % 2 else 'docx'}"
        content = demo_documents._content(name, subject, f"Arbeitsstand {number + 1}.")
        pool.append(storage.store_upload(io.BytesIO(content), name))
    return pool


def _documents(session: Session, rng: random.Random, count: int, admin_id: int
               ) -> tuple[int, int]:
    demo_documents._ensure_categories(session)
    categories = [c.id for c in session.exec(select(DocumentCategory))]
    pool = _stored_files(rng)
    now = clock.now()
    documents, versions = [], []
    for number in range(count):
        subject = rng.choice(DOCUMENT_SUBJECTS)
        title = f"{subject} – {rng.choice(DOCUMENT_QUALIFIERS)} {number + 1}"
        audience = rng.choices(("all", "kinds", "function"), (70, 15, 15))[0]
        fields = document_service._document_fields(session, {
            "title": title, "category_id": str(rng.choice(categories)),
            "description": f"{subject} für Mitgliedsunternehmen, Stand {2020 + number % 7}.",
            "tags": f"{subject}, {rng.choice(('HSE', 'DSGVO', 'Vorlage', 'Gefahrstoffe'))}",
            "language": "de" if rng.random() > 0.1 else "en", "audience": audience,
            "audience_kinds": demo_documents.PRODUCING_KINDS if audience == "kinds" else [],
            "audience_function": rng.choice(("hse", "data_protection")) if audience == "function"
            else "", "review_date": ""})
        first = now - timedelta(days=rng.randint(30, 5 * 365), minutes=number)
        count_versions = rng.choices((1, 2, 3), (60, 30, 10))[0]
        moments = [min(first + timedelta(days=20 * step), now - timedelta(minutes=step))
                   for step in range(count_versions)]
        moments.sort()
        documents.append(fields | {"created_by_user_id": admin_id, "created_at": first,
                                   "updated_at": moments[-1]})
        for step, moment in enumerate(moments, start=1):
            if step == count_versions and rng.random() < 0.5:
                text = f"{title}\n\nFassung {step} vom {moment:%d.%m.%Y}.\n".encode()
                stored = storage.store_upload(io.BytesIO(text), f"{subject}.txt")
            else:
                stored = rng.choice(pool)
            versions.append((number, {
                "number": step, "file_name": stored.file_name, "sha256": stored.sha256,
                "size_bytes": stored.size_bytes, "display_name": stored.display_name,
                "mime": stored.mime, "change_note": "Erstfassung" if step == 1
                else "Aktualisiert", "uploaded_by_user_id": admin_id, "uploaded_at": moment,
                "download_count": rng.randint(0, 300),
                "withdrawn_at": moment + timedelta(days=5)
                if step < count_versions and rng.random() < 0.1 else None,
                "withdrawn_by_user_id": None}))
    ids = _insert(session, Document, documents, returning=True)
    _insert(session, DocumentVersion, [values | {"document_id": ids[number]}
                                       for number, values in versions])
    return len(ids), len(versions)


# The command ----------------------------------------------------------------------------------

def _functions(user_ids: list[int], places: list[tuple[int, int]]) -> Iterable[dict]:
    for user_id, (_organization, position) in zip(user_ids, places, strict=True):
        if position < len(FUNCTIONS_BY_POSITION):
            for function in FUNCTIONS_BY_POSITION[position]:
                yield {"user_id": user_id, "function": function}


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
    admin_id = _insert(session, User, [{
        "email": ADMIN_EMAIL, "full_name": "Katrin Vogel", "job_title": "Netzwerkbüro",
        "role": "network_admin", "password_hash": passwords.hash_password(ADMIN_PASSWORD),
        "is_active": True, "preferred_language": "de", "listed_in_directory": False}],
        returning=True)[0]
    organizations = _organizations(rng, orgs)
    organization_ids = _insert(session, Organization, organizations, returning=True)
    people, places = _people(rng, organization_ids, organizations, contacts, member_hash)
    user_ids = _insert(session, User, people, returning=True)
    _insert(session, ContactFunctionAssignment, list(_functions(user_ids, places)))
    if not session.exec(select(FeeScheduleItem)).first():
        session.add_all(demo_invoices.fee_schedule())
        session.flush()
    schedule = list(session.exec(select(FeeScheduleItem)))
    drafts = _invoice_drafts(rng, organizations, invoices, schedule)
    report.invoices, report.payments = _invoices(session, rng, organization_ids, organizations,
                                                 drafts, admin_id)
    report.seminars, report.registrations = _seminars(
        session, rng, seminars, user_ids, [p["organization_id"] for p in people], admin_id)
    report.documents, report.versions = _documents(session, rng, documents, admin_id)
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
