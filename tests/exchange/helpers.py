"""The exchange tests' small world: Harzer (chemical, posts), Oker (recycling, interested),
a third member and a former member with fitting competences, staff."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.audit.models import AuditEvent
from harzportal.core.roles import Role
from harzportal.exchange import posts
from harzportal.exchange.models import Post
from harzportal.mail.models import OutboxEmail
from harzportal.organizations.models import ContactFunctionAssignment
from harzportal.organizations.profile import apply_values
from tests.factories import actor_for
from tests.service_calls import load, run

REQUEST_FORM = {
    "kind": "request", "title": "Partner für Pilotanlage Lithium-Recycling",
    "description": "Wir suchen einen Partner mit Erfahrung in Hydrometallurgie für eine "
                   "Pilotanlage zur Rückgewinnung von Lithium aus Altbatterien.",
    "competences": "Batterierecycling, Hydrometallurgie", "sector": "recycling",
    "funding_programme": "zim", "visibility": "members", "show_organization": "on",
}


def organization(factories, name: str, competences: list[str], description: str = "",
                 **fields):
    made = factories.organization(name=name, **fields)
    with db.unit_of_work() as session:
        row = session.get(type(made), made.id)
        row.description = description
        apply_values(row, {"competences": competences})
        session.add(row)
    return load(type(made), made.id)


@dataclass
class Exchange:
    harzer: object
    oker: object
    bode: object
    former: object
    manager: User
    editor: User
    plain: User
    oker_manager: User
    oker_contact: User
    staff: User

    def actor(self, who: str):
        return actor_for(getattr(self, who))


def build(factories) -> Exchange:
    harzer = organization(factories, "Harzer Chemiewerke GmbH", ["Katalyse", "Chlorchemie"],
                          federal_state="NI")
    oker = organization(factories, "Oker Recycling GmbH",
                        ["Batterierecycling", "Hydrometallurgie"],
                        "Rückgewinnung von Metallen aus Altbatterien", kind="recycling",
                        federal_state="NI")
    bode = organization(factories, "Bode Analytik GmbH", ["Spurenanalytik"],
                        "Labor mit Pilotanlage für Hydrometallurgie", federal_state="ST")
    former = organization(factories, "Alt Hütte GmbH", ["Batterierecycling", "Hydrometallurgie"],
                          status="left")
    editor = factories.user(harzer, role=Role.CONTACT, full_name="Erik Editor")
    with db.unit_of_work() as session:
        session.add(ContactFunctionAssignment(user_id=editor.id, function="profile_editor"))
    return Exchange(
        harzer=harzer, oker=oker, bode=bode, former=former,
        manager=factories.user(harzer, role=Role.ORG_MANAGER, full_name="Anna Krüger"),
        editor=editor,
        plain=factories.user(harzer, role=Role.CONTACT, full_name="Paul Plain"),
        oker_manager=factories.user(oker, role=Role.ORG_MANAGER, full_name="Otto Oker",
                                    preferred_language="en"),
        oker_contact=factories.user(oker, role=Role.CONTACT, full_name="Olga Oker"),
        staff=factories.user(None, role=Role.NETWORK_ADMIN, full_name="Greta Geschäftsstelle"))


def post_of(world: Exchange, form: dict | None = None, who: str = "manager",
            approve: bool = True) -> Post:
    post = run(posts.create_post, world.actor(who), form or REQUEST_FORM)
    if approve:
        post = run(posts.decide_post, world.actor("staff"), post.id, post.revision, True)
    return post


def post_row(post_id: int) -> Post:
    return load(Post, post_id)


def outbox(kind: str) -> list[OutboxEmail]:
    with db.unit_of_work() as session:
        return list(session.exec(select(OutboxEmail).where(OutboxEmail.kind == kind)
                                 .order_by(OutboxEmail.id)))


def audit_actions(post_id: int) -> list[str]:
    with db.unit_of_work() as session:
        return list(session.exec(select(AuditEvent.action).where(
            AuditEvent.object_type == "post", AuditEvent.object_id == str(post_id))
            .order_by(AuditEvent.id)))
