"""Demo seminars across the topics, past and upcoming, registered through the real services.

"Gefahrstoffmanagement kompakt" is one seat from full, so the last seat and the waitlist can be
tried at once; the past seminars have attendance recorded, so certificates can be downloaded."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, delete, select

from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.demo import accounts
from harzportal.demo.moments import local_moment
from harzportal.mail.models import OutboxEmail
from harzportal.seminars import participation, registrations
from harzportal.seminars.models import Seminar, SeminarStatus

ALMOST_FULL = "Gefahrstoffmanagement kompakt"
# title, topic, days from today, start hour, hours, capacity, registrations, venue or link,
# speakers, fee in euros, seats per organization
SEMINARS = (
    ("Arbeitsschutz-Update 2026: neue TRGS im Überblick", "hse", -45, 9, 6, 20, 8,
     "TH Oberharz, Adolph-Roemer-Platz 3, 38678 Clausthal-Zellerfeld",
     "Dr. Petra Hartmann", 0, None),
    ("Datenschutz im Personalwesen", "data_protection", -12, 13, 3, 30, 6,
     "https://meet.example/datenschutz-personal", "Stefan Werner", 0, None),
    (ALMOST_FULL, "hse", 10, 9, 7, 12, 11,
     "Harzer Chemiewerke GmbH, Am Rammelsberg 12, 38640 Goslar",
     "Dr. Miriam Braun, Tobias Lange", 0, None),
    ("Einkauf von Energie und Rohstoffen 2027", "procurement", 17, 10, 4, 25, 5,
     "Entwicklungsagentur Südharz, Bahnhofsplatz 6, 99734 Nordhausen", "Claudia Neumann", 0,
     None),
    ("IoT in der Prozessindustrie: Sensorik und Datenplattformen", "iot", 24, 9, 8, 16, 4,
     "Hochschule Nordharz, Friedrichstraße 57, 38855 Wernigerode",
     "Prof. Dr. Florian Richter", 180, 3),
    ("Fachkräfte gewinnen und halten", "hr", 38, 13, 3, 40, 3,
     "https://meet.example/fachkraefte", "Nadine Köhler", 0, None),
    ("Förderprogramme für Forschung und Innovation", "innovation", 52, 10, 4, 30, 0,
     "https://meet.example/foerderung", "Matthias Schröder", 0, None),
    ("Gefahrgut-Beauftragte: Pflichtfortbildung", "hse", 66, 8, 8, 18, 2,
     "Harz Chemielogistik GmbH, Logistikpark 1, 38723 Seesen", "Daniel Becker", 0, 2),
)
DESCRIPTION = ("Praxisnahes Seminar des Netzwerks mit Zeit für Fragen und Austausch unter "
               "den Mitgliedern.\nBitte bringen Sie eigene Fragestellungen mit.")
MANAGERS_SEMINAR = "Einkauf von Energie und Rohstoffen 2027"
# Demo logins keep their seats free for trying the registration themselves (except the Harzer
# manager's seat in MANAGERS_SEMINAR).
KEEP_FREE = {accounts.HARZER_CONTACT_EMAIL, accounts.HARZER_MANAGER_EMAIL,
             accounts.OKER_MANAGER_EMAIL}


OPENS_DAYS_BEFORE = 90  # every demo seminar is open for registration already


# No registration of the demo is younger than a week: a fee invoice issued then (30 days net)
# is collected, even when a weekend moves its day, within the 30 days the debit page shows.
NEWEST_REGISTRATION = timedelta(days=7)


def _registered_at(starts: datetime, days_before: int) -> datetime:
    """Some days before the seminar, but never later than a week ago (no history in the future,
    and the demo's fee invoices are due for collection now)."""
    return min(starts - timedelta(days=days_before), clock.now() - NEWEST_REGISTRATION)


def seed_seminars(session: Session, admin_id: int) -> None:
    staff = Actor(user_id=admin_id, organization_id=None, role=Role.NETWORK_ADMIN)
    people = [user for user in session.exec(select(User).where(
        User.organization_id.is_not(None)).order_by(User.id)) if user.email not in KEEP_FREE]
    for (title, topic, days, hour, hours, capacity, taken, place, speakers, fee,
         per_org) in SEMINARS:
        starts = local_moment(days, hour)
        online = place.startswith("https://")
        seminar = Seminar(
            title=title, topic=topic, description=DESCRIPTION, speakers=speakers,
            starts_at=starts, ends_at=starts + timedelta(hours=hours),
            venue="" if online else place, online_link=place if online else "",
            capacity=capacity, registration_opens_at=starts - timedelta(days=OPENS_DAYS_BEFORE),
            registration_deadline=starts - timedelta(days=2), per_organization_limit=per_org,
            fee_cents=fee * 100, status=SeminarStatus.PUBLISHED.value,
            search_text=" ".join([title, speakers, place]).casefold())
        session.add(seminar)
        session.flush()
        chosen, organizations = [], {}
        for person in people:
            if len(chosen) == taken:
                break
            if per_org and organizations.get(person.organization_id, 0) >= per_org:
                continue
            organizations[person.organization_id] = organizations.get(person.organization_id, 0) + 1
            chosen.append(person)
        with clock.fixed_at(_registered_at(starts, days_before=20)):
            made = [registrations.register(session, staff, seminar.id, person.id)
                    for person in chosen]
        if days < 0:
            with clock.fixed_at(starts + timedelta(hours=1)):
                for registration in made[: max(len(made) - 2, 0)]:
                    participation.set_attendance(session, staff, registration.id, True)
        people = people[3:] + people[:3]  # other people in the next seminar
        if title == MANAGERS_SEMINAR:  # so the manager's dashboard has something coming up
            manager = session.exec(select(User).where(
                User.email == accounts.HARZER_MANAGER_EMAIL)).one()
            with clock.fixed_at(_registered_at(starts, days_before=15)):
                registrations.register(session, staff, seminar.id, manager.id)
    # Confirmation mails and fee invoices of the demo are history, not news.
    session.exec(delete(OutboxEmail).where(OutboxEmail.kind.like("seminar_%")))
    session.exec(delete(OutboxEmail).where(OutboxEmail.kind == "invoice"))
