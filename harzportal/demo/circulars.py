"""A demo circular: the invitation to the general assembly, sent to every member contact three
weeks ago through the portal's own service (so "Mitteilungen" and the staff's delivery list have
something to show), with the library's minutes as a link."""

from __future__ import annotations

from sqlmodel import Session, select

from harzportal.circulars import service
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.demo.moments import local_moment
from harzportal.documents.models import Document

SENT_DAYS_AGO = 21

BODY_DE = """Liebe Mitglieder,

wir laden Sie herzlich zur ordentlichen Mitgliederversammlung ein.

- Ort: Kaiserpfalz Goslar, Kaisersaal
- Beginn: 10:00 Uhr, Ende gegen 15:00 Uhr
- Tagesordnung und Vollmacht: [im Portal](https://portal.chemienetzwerk-harz.example/circulars)

Mit freundlichen Grüßen
Ihr Netzwerkbüro"""

BODY_EN = """Dear members,

we cordially invite you to the ordinary general assembly.

- Venue: Kaiserpfalz Goslar, Imperial Hall
- Start: 10:00, end around 15:00
- Agenda and proxy: [in the portal](https://portal.chemienetzwerk-harz.example/circulars)

Kind regards
Your network office"""


def seed_circulars(session: Session, admin_id: int) -> None:
    staff = Actor(user_id=admin_id, organization_id=None, role=Role.NETWORK_ADMIN)
    minutes = session.exec(select(Document.id).where(Document.audience == "all")
                           .order_by(Document.id)).first()
    with clock.fixed_at(local_moment(-SENT_DAYS_AGO, 9)):
        draft = service.save_circular(session, staff, None, service.CircularInput(
            category="assembly", subject_de="Einladung zur Mitgliederversammlung",
            subject_en="Invitation to the general assembly", body_de=BODY_DE, body_en=BODY_EN,
            audience={}, document_ids=[minutes] if minutes else []))
        service.send_circular(session, staff, draft.id)
