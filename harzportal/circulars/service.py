"""Circulars: staff compose (German and English), see the exact recipients, send through the
outbox, follow each recipient's delivery and resend the failed ones; members read the circulars
addressed to them and choose which optional categories they get."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.circulars import mails, unsubscribe
from harzportal.circulars.audience import Audience, audience_of, recipients, recipients_query
from harzportal.circulars.models import (
    MANDATORY_CATEGORIES,
    OPTIONAL_CATEGORIES,
    Circular,
    CircularCategory,
    CircularOptOut,
    CircularRecipient,
    CircularStatus,
    DeliveryStatus,
)
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.ids import is_id
from harzportal.core.locking import lock_row
from harzportal.core.lookup import get_or_not_found
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.core.summaries import select_summaries, summary_of
from harzportal.core.text import plain_text, single_line
from harzportal.documents.library import Viewer, may_see
from harzportal.documents.models import Document
from harzportal.mail.models import OutboxEmail, OutboxStatus
from harzportal.organizations.models import (
    ContactFunctionAssignment,
    MembershipStatus,
    Organization,
)

PAGE_SIZE = 25
MAX_SUBJECT = 200
MAX_BODY = 20000
MAX_DOCUMENTS = 20
OUTBOX_DELIVERY = {OutboxStatus.PENDING.value: DeliveryStatus.QUEUED,
                   OutboxStatus.SENDING.value: DeliveryStatus.QUEUED,
                   OutboxStatus.HELD.value: DeliveryStatus.HELD,
                   OutboxStatus.SENT.value: DeliveryStatus.SENT,
                   OutboxStatus.FAILED.value: DeliveryStatus.FAILED}


@dataclass(frozen=True)
class CircularInput:
    category: object = ""
    subject_de: object = ""
    subject_en: object = ""
    body_de: object = ""
    body_en: object = ""
    audience: object = None
    document_ids: object = ()


# Staff: compose ------------------------------------------------------------------------------

def _category(value: object) -> str:
    if value not in {category.value for category in CircularCategory}:
        raise ValidationFailed("circular.category_missing", field="category")
    return str(value)


def _subject(value: object, field: str) -> str:
    subject = single_line(value)
    if not subject:
        raise ValidationFailed("circular.subject_missing", field=field)
    if len(subject) > MAX_SUBJECT:
        raise ValidationFailed("circular.subject_too_long", field=field, limit=MAX_SUBJECT)
    return subject


def _body(value: object, field: str) -> str:
    body = plain_text(value)
    if not body:
        raise ValidationFailed("circular.body_missing", field=field)
    if len(body) > MAX_BODY:
        raise ValidationFailed("circular.body_too_long", field=field, limit=MAX_BODY)
    return body


def _document_ids(session: Session, values: object) -> list[int]:
    if not isinstance(values, list | tuple) or len(values) > MAX_DOCUMENTS \
            or not all(is_id(value) for value in values):
        raise ValidationFailed("circular.document_unknown", field="documents")
    ids = sorted(set(values))
    found = set(session.exec(select(Document.id).where(Document.id.in_(ids))).all()) if ids \
        else set()
    if found != set(ids):
        raise ValidationFailed("circular.document_unknown", field="documents")
    return ids


def _organization_ids(session: Session, audience: Audience) -> None:
    ids = audience.organization_ids
    found = session.exec(select(func.count()).select_from(Organization).where(
        Organization.id.in_(ids))).one() if ids else 0
    if found != len(ids):
        raise ValidationFailed("circular.audience_invalid", field="organizations")


def _draft(session: Session, circular_id: object) -> Circular:
    circular = get_or_not_found(session, Circular, circular_id)
    if circular.status != CircularStatus.DRAFT.value:
        raise Conflict("circular.already_sent")
    return circular


def save_circular(session: Session, actor: Actor, circular_id: object | None,
                  given: CircularInput) -> Circular:
    """Create a draft (without an id) or change one; a sent circular is never changed."""
    require(actor, Action.MANAGE_CIRCULARS)
    audience = audience_of(given.audience if given.audience is not None else {})
    _organization_ids(session, audience)
    values = {"category": _category(given.category),
              "subject_de": _subject(given.subject_de, "subject_de"),
              "subject_en": _subject(given.subject_en, "subject_en"),
              "body_de": _body(given.body_de, "body_de"),
              "body_en": _body(given.body_en, "body_en"),
              "audience": audience.as_json(),
              "document_ids": _document_ids(session, given.document_ids)}
    if circular_id is None:
        circular = Circular(created_by_user_id=actor.user_id, **values)
    else:
        circular = _draft(session, circular_id)
        for name, value in values.items():
            setattr(circular, name, value)
        circular.updated_at = clock.now()
    session.add(circular)
    session.flush()
    audit.record(session, action="circular.saved", object_type="circular",
                 object_id=circular.id, actor_user_id=actor.user_id,
                 after={"category": circular.category, "subject": circular.subject_de,
                        "audience": circular.audience, "documents": circular.document_ids},
                 client_ip=actor.client_ip)
    return circular


# What the staff's list of circulars shows: these columns, not the texts.
CircularColumns = summary_of(
    "CircularColumns", Circular.id, Circular.subject_de, Circular.category, Circular.status,
    Circular.sent_at)


@dataclass(frozen=True)
class CircularSummary:
    circular: CircularColumns
    recipients: int  # 0 for a draft


def list_circulars(session: Session, actor: Actor, page: object = 1) -> Page[CircularSummary]:
    require(actor, Action.MANAGE_CIRCULARS)
    found = paginate(session, select_summaries(CircularColumns).order_by(
        Circular.sent_at.is_(None).desc(), Circular.sent_at.desc(), Circular.id.desc()),
        page, PAGE_SIZE).map(CircularColumns.of)
    ids = [circular.id for circular in found.items]
    counts = dict(session.exec(select(CircularRecipient.circular_id, func.count())
                               .where(CircularRecipient.circular_id.in_(ids))
                               .group_by(CircularRecipient.circular_id)).all()) if ids else {}
    return found.map(lambda circular: CircularSummary(circular, counts.get(circular.id, 0)))


@dataclass(frozen=True)
class CircularDetail:
    circular: Circular
    audience: Audience
    documents: tuple[Document, ...]


def _documents(session: Session, circular: Circular) -> tuple[Document, ...]:
    ids = list(circular.document_ids or [])
    if not ids:
        return ()
    return tuple(session.exec(select(Document).where(Document.id.in_(ids))
                              .order_by(Document.title, Document.id)).all())


def get_circular(session: Session, actor: Actor, circular_id: object) -> CircularDetail:
    require(actor, Action.MANAGE_CIRCULARS)
    circular = get_or_not_found(session, Circular, circular_id)
    return CircularDetail(circular, audience_of(circular.audience), _documents(session, circular))


@dataclass(frozen=True)
class Addressee:
    """One person the circular would go to (before sending) or went to."""

    user: User
    organization: Organization


def preview_recipients(session: Session, actor: Actor, circular_id: object,
                       page: object = 1) -> Page[Addressee]:
    """Exactly the people `send_circular` would write to now, one page of them and the count."""
    require(actor, Action.MANAGE_CIRCULARS)
    circular = get_or_not_found(session, Circular, circular_id)
    query = recipients_query(audience_of(circular.audience), circular.category)
    found = paginate(session, query, page, PAGE_SIZE)
    organizations = {o.id: o for o in session.exec(select(Organization).where(
        Organization.id.in_({user.organization_id for user in found.items})))} \
        if found.items else {}
    return found.map(lambda user: Addressee(user, organizations[user.organization_id]))


def _viewers(session: Session, users: list[User]) -> dict[int, Viewer]:
    """Each person as the library sees them (their organization's kind, their functions)."""
    if not users:
        return {}
    kinds = dict(session.exec(select(Organization.id, Organization.kind).where(
        Organization.id.in_({user.organization_id for user in users}))).all())
    functions: dict[int, set[str]] = defaultdict(set)
    for user_id, function in session.exec(select(
            ContactFunctionAssignment.user_id, ContactFunctionAssignment.function).where(
            ContactFunctionAssignment.user_id.in_([user.id for user in users]))):
        functions[user_id].add(function)
    return {user.id: Viewer(is_staff=False, kind=kinds.get(user.organization_id),
                            functions=frozenset(functions[user.id])) for user in users}


def _visible(documents: tuple[Document, ...], viewer: Viewer) -> list[Document]:
    return [document for document in documents
            if document.has_active_version and may_see(viewer, document)]


def _write(session: Session, circular: Circular, user: User, viewer: Viewer,
           documents: tuple[Document, ...]) -> OutboxEmail:
    optional = CircularCategory(circular.category) not in MANDATORY_CATEGORIES
    token = unsubscribe.new_link(session, user.id, circular) if optional else None
    return mails.enqueue(session, circular, user, _visible(documents, viewer), token)


def send_circular(session: Session, actor: Actor, circular_id: object) -> int:
    """Write the circular to every recipient (each in their language) through the outbox, once;
    returns how many. The recipients are those the preview showed at this moment."""
    require(actor, Action.MANAGE_CIRCULARS)
    circular = get_or_not_found(session, Circular, circular_id)
    lock_row(session, Circular, circular.id)
    session.refresh(circular)
    if circular.status != CircularStatus.DRAFT.value:
        raise Conflict("circular.already_sent")
    people = recipients(session, audience_of(circular.audience), circular.category)
    if not people:
        raise ValidationFailed("circular.no_recipients")
    documents = _documents(session, circular)
    viewers = _viewers(session, people)
    for user in people:
        email = _write(session, circular, user, viewers[user.id], documents)
        session.add(CircularRecipient(circular_id=circular.id, user_id=user.id, email=user.email,
                                      language=mails.language_of(user), outbox_id=email.id))
    circular.status = CircularStatus.SENT.value
    circular.sent_at = clock.now()
    circular.sent_by_user_id = actor.user_id
    session.add(circular)
    audit.record(session, action="circular.sent", object_type="circular", object_id=circular.id,
                 actor_user_id=actor.user_id, after={"recipients": len(people)},
                 client_ip=actor.client_ip)
    return len(people)


@dataclass(frozen=True)
class Delivery:
    recipient: CircularRecipient
    name: str
    organization: str
    status: DeliveryStatus


@dataclass(frozen=True)
class Deliveries:
    page: Page[Delivery]
    counts: dict[DeliveryStatus, int]  # every status, 0 where none


def _status_of(outbox_status: str | None) -> DeliveryStatus:
    return OUTBOX_DELIVERY.get(outbox_status, DeliveryStatus.PURGED)


def deliveries(session: Session, actor: Actor, circular_id: object,
               page: object = 1) -> Deliveries:
    """Each recipient of a sent circular with the state of their mail, and the totals."""
    require(actor, Action.MANAGE_CIRCULARS)
    circular = get_or_not_found(session, Circular, circular_id)
    statuses = session.exec(
        select(OutboxEmail.status, func.count()).select_from(CircularRecipient)
        .outerjoin(OutboxEmail, OutboxEmail.id == CircularRecipient.outbox_id)
        .where(CircularRecipient.circular_id == circular.id)
        .group_by(OutboxEmail.status)).all()
    counts = dict.fromkeys(DeliveryStatus, 0)
    for outbox_status, count in statuses:
        counts[_status_of(outbox_status)] += count
    query = (select(CircularRecipient, User.full_name, Organization.name, OutboxEmail.status)
             .join(User, User.id == CircularRecipient.user_id)
             .outerjoin(Organization, Organization.id == User.organization_id)
             .outerjoin(OutboxEmail, OutboxEmail.id == CircularRecipient.outbox_id)
             .where(CircularRecipient.circular_id == circular.id)
             .order_by(Organization.name, User.full_name, CircularRecipient.id))
    found = paginate(session, query, page, PAGE_SIZE, total=sum(counts.values()))
    return Deliveries(page=found.map(lambda row: Delivery(
        recipient=row[0], name=row[1], organization=row[2] or "", status=_status_of(row[3]))),
        counts=counts)


def resend_failed(session: Session, actor: Actor, circular_id: object) -> int:
    """A new mail to every recipient whose mail the sender gave up on; returns how many."""
    require(actor, Action.MANAGE_CIRCULARS)
    circular = get_or_not_found(session, Circular, circular_id)
    lock_row(session, Circular, circular.id)
    failed = session.exec(
        select(CircularRecipient).join(OutboxEmail, OutboxEmail.id == CircularRecipient.outbox_id)
        .where(CircularRecipient.circular_id == circular.id,
               OutboxEmail.status == OutboxStatus.FAILED.value)
        .order_by(CircularRecipient.id)).all()
    people = {user.id: user for user in session.exec(select(User).where(
        User.id.in_([row.user_id for row in failed]))).all()} if failed else {}
    # Someone deactivated or anonymized since is not written to again.
    resendable = [row for row in failed if people[row.user_id].is_active]
    if not resendable:
        raise ValidationFailed("circular.nothing_to_resend")
    documents = _documents(session, circular)
    viewers = _viewers(session, [people[row.user_id] for row in resendable])
    for row in resendable:
        user = people[row.user_id]
        email = _write(session, circular, user, viewers[user.id], documents)
        row.outbox_id, row.email, row.resent_count = email.id, user.email, row.resent_count + 1
        session.add(row)
    audit.record(session, action="circular.resent", object_type="circular",
                 object_id=circular.id, actor_user_id=actor.user_id,
                 after={"recipients": len(resendable)}, client_ip=actor.client_ip)
    return len(resendable)


# Members: the circulars addressed to them, their choices --------------------------------------

def my_circulars(session: Session, actor: Actor, page: object = 1) -> Page[Circular]:
    require(actor, Action.VIEW_CIRCULARS)
    query = (select(Circular).join(CircularRecipient,
                                   CircularRecipient.circular_id == Circular.id)
             .where(CircularRecipient.user_id == actor.user_id)
             .order_by(Circular.sent_at.desc(), Circular.id.desc()))
    return paginate(session, query, page, PAGE_SIZE)


@dataclass(frozen=True)
class ReceivedCircular:
    circular: Circular
    documents: tuple[Document, ...]  # those the reader may see in the library


def my_circular(session: Session, actor: Actor, circular_id: object) -> ReceivedCircular:
    """A circular addressed to the reader; any other is NotFound, as a missing id."""
    require(actor, Action.VIEW_CIRCULARS)
    circular = get_or_not_found(session, Circular, circular_id)
    addressed = session.exec(select(CircularRecipient.id).where(
        CircularRecipient.circular_id == circular.id,
        CircularRecipient.user_id == actor.user_id)).first()
    if addressed is None:
        raise NotFound()
    user = session.get(User, actor.user_id)
    viewer = _viewers(session, [user])[user.id]
    return ReceivedCircular(circular, tuple(_visible(_documents(session, circular), viewer)))


def opted_out(session: Session, actor: Actor) -> frozenset[str]:
    """The optional categories the reader does not get."""
    require(actor, Action.VIEW_CIRCULARS)
    return frozenset(session.exec(select(CircularOptOut.category).where(
        CircularOptOut.user_id == actor.user_id)).all())


def choose_categories(session: Session, actor: Actor, wanted: object) -> None:
    """The reader gets the optional categories in `wanted` and none of the others (Mein Konto).
    Mandatory categories are no choice: they are not accepted here."""
    require(actor, Action.VIEW_CIRCULARS)
    optional = {category.value for category in OPTIONAL_CATEGORIES}
    if not isinstance(wanted, list | tuple | set | frozenset) or not set(wanted) <= optional:
        raise ValidationFailed("circular.category_unknown", field="categories")
    current = {row.category: row for row in session.exec(select(CircularOptOut).where(
        CircularOptOut.user_id == actor.user_id)).all()}
    out = optional - set(wanted)
    for category in sorted(out - set(current)):
        session.add(CircularOptOut(user_id=actor.user_id, category=category, via="account"))
    for category in sorted(set(current) - out):
        session.delete(current[category])
    if out != set(current):
        audit.record(session, action="circular.choices_changed", object_type="user",
                     object_id=actor.user_id, actor_user_id=actor.user_id,
                     organization_id=actor.organization_id,
                     before={"opted_out": sorted(current)}, after={"opted_out": sorted(out)},
                     client_ip=actor.client_ip)


@dataclass(frozen=True)
class ComposeChoices:
    """What a circular's form offers: the member organizations and the library's documents."""

    organizations: tuple[Choice, ...]
    documents: tuple[Choice, ...]


def compose_choices(session: Session, actor: Actor) -> ComposeChoices:
    require(actor, Action.MANAGE_CIRCULARS)
    organizations = session.exec(select(Organization.id, Organization.name).where(
        Organization.status == MembershipStatus.ACTIVE.value).order_by(
        Organization.name, Organization.id)).all()
    documents = session.exec(select(Document.id, Document.title).where(
        Document.has_active_version).order_by(Document.title, Document.id)).all()
    return ComposeChoices(tuple(Choice(*row) for row in organizations),
                          tuple(Choice(*row) for row in documents))
