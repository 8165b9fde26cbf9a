"""`seed-scale` (demo/scale.py): seminars with registrations, documents with versions."""

from __future__ import annotations

import io
import random
from datetime import timedelta

from sqlmodel import Session, select

from harzportal.core import clock
from harzportal.demo import documents as demo_documents
from harzportal.demo.scale_people import CITIES, REGIONS
from harzportal.demo.scale_rows import at_hour, insert_rows, slug
from harzportal.documents import service as document_service
from harzportal.documents import storage
from harzportal.documents.models import Document, DocumentCategory, DocumentVersion
from harzportal.seminars import service as seminar_service
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar, SeminarStatus

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


def insert_seminars(session: Session, rng: random.Random, count: int, user_ids: list[int],
              user_organizations: list[int], admin_id: int) -> tuple[int, int]:
    today = clock.today()
    rows, planned = [], []
    for _ in range(count):
        topic = rng.choice(tuple(SEMINAR_TOPICS))
        title = f"{rng.choice(SEMINAR_TOPICS[topic])} ({rng.choice(CITIES)[0]})"
        day = today + timedelta(days=rng.randint(-3 * 365, 365))
        starts = at_hour(day, rng.choice((8, 9, 10, 13)))
        online = rng.random() < 0.3
        place = (f"https://meet.example/{slug(title)}" if online
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
    seminar_ids = insert_rows(session, Seminar, rows, returning=True)
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
    insert_rows(session, Registration, registrations)
    return len(seminar_ids), len(registrations)


def _stored_files(rng: random.Random) -> list[storage.StoredFile]:
    """A pool of real small PDF and DOCX files (rendering one per version takes too long)."""
    pool = []
    for number in range(24):
        subject = DOCUMENT_SUBJECTS[number % len(DOCUMENT_SUBJECTS)]
        name = f"{subject}_{number + 1}.{'pdf' if number % 2 else 'docx'}"
        content = demo_documents.document_content(name, subject, f"Arbeitsstand {number + 1}.")
        pool.append(storage.store_upload(io.BytesIO(content), name))
    return pool


def insert_documents(session: Session, rng: random.Random, count: int, admin_id: int
               ) -> tuple[int, int]:
    demo_documents.ensure_categories(session)
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
    ids = insert_rows(session, Document, documents, returning=True)
    insert_rows(session, DocumentVersion, [values | {"document_id": ids[number]}
                                       for number, values in versions])
    return len(ids), len(versions)
