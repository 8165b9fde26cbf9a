"""Change requests: an org_manager proposes, staff decide field by field, the profile changes.

Concurrency: a decision first claims the request with a conditional UPDATE (still open, still the
revision the deciding person saw). Of two staff deciding at once exactly one claim succeeds; the
other gets a Conflict and nothing is applied twice. A partial unique index keeps at most one open
request per organization, also when two managers submit at the same moment.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, delete, select

from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, ValidationFailed
from harzportal.core.ids import parse_id
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.core.text import single_line
from harzportal.organizations import logos, mails
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    ChangeRequestStatus,
    FieldDecision,
    Organization,
)
from harzportal.organizations.profile import (
    PROFILE_FIELDS,
    apply_values,
    live_values,
    validate_profile,
)

MAX_REASON_LENGTH = 1000
DECISIONS = ("approve", "reject", "override")  # override: approve a field in conflict


def open_request(session: Session, organization_id: int) -> ChangeRequest | None:
    return session.exec(select(ChangeRequest).where(
        ChangeRequest.organization_id == organization_id,
        ChangeRequest.status == ChangeRequestStatus.OPEN.value)).first()


def request_fields(session: Session, request_ids: list[int]) -> list[ChangeRequestField]:
    if not request_ids:
        return []
    return list(session.exec(select(ChangeRequestField)
                             .where(ChangeRequestField.request_id.in_(request_ids))
                             .order_by(ChangeRequestField.id)))


def _changed_values(organization: Organization, form: object, seen: object = None,
                    proposal: dict | None = None) -> dict[str, tuple]:
    """Validated form values that differ from the live profile: {field: (old, new)}.

    With `seen` (the values the form showed when it was loaded) only the fields the person
    changed count: a field someone else changed since stays as they left it (it is not set back
    to what the form showed), and a field both changed is refused with Conflict, never silently
    overwritten. `proposal` holds the open request's values the form showed over the live ones."""
    proposed = validate_profile(form)
    live = live_values(organization)
    wanted = proposed
    shown = _values_shown(seen)
    if shown is not None:
        now_shown = live | (proposal or {})
        touched = [name for name in PROFILE_FIELDS if proposed[name] != shown[name]]
        for name in touched:
            if now_shown[name] != shown[name]:
                raise Conflict("change.changed_meanwhile", field=name)
        wanted = now_shown | {name: proposed[name] for name in touched}
    changes = {name: (live[name], value) for name, value in wanted.items()
               if value != live[name]}
    new_logo = changes.get("logo", (None, ""))[1]
    if new_logo and logos.logo_path(new_logo) is None:
        raise ValidationFailed("logo.invalid", field="logo")
    return changes


def _values_shown(seen: object) -> dict[str, object] | None:
    """The form's initial values, normalized like the submitted ones; None when the form sent
    none (or they no longer pass today's rules: then the whole form counts, as it reads)."""
    if seen is None:
        return None
    try:
        return validate_profile(seen)
    except ValidationFailed:
        return None


def propose_change(session: Session, actor: Actor, organization_id: object, form: object, *,
                   seen: object = None, seen_revision: object = None
                   ) -> tuple[ChangeRequest, bool]:
    """Create the organization's change request, or update the open one.
    Returns the request and whether an open request was updated.

    `seen`/`seen_revision`: the values the edit form showed and the revision of the open request
    they were laid over (0: none was open). When the request was opened, changed, withdrawn or
    decided since, the proposal is refused (Conflict) so nobody's proposal is silently replaced."""
    organization = get_or_not_found(session, Organization, organization_id)
    require(actor, Action.PROPOSE_PROFILE_CHANGE, organization.id)
    request = open_request(session, organization.id)
    if seen_revision is not None and (request.revision if request else 0) != seen_revision:
        raise Conflict("change.already_open")
    proposal = ({row.field_name: row.new_value for row in request_fields(session, [request.id])}
                if request else None)
    changes = _changed_values(organization, form, seen, proposal)
    if not changes:
        raise ValidationFailed("change.nothing_changed")
    now = clock.now()
    updated = request is not None
    if updated:
        claimed = session.exec(
            update(ChangeRequest)
            .where(ChangeRequest.id == request.id,
                   ChangeRequest.status == ChangeRequestStatus.OPEN.value,
                   ChangeRequest.revision == request.revision)
            .values(revision=ChangeRequest.revision + 1, updated_at=now,
                    author_user_id=actor.user_id))
        if claimed.rowcount != 1:
            raise Conflict("change.decided_meanwhile")
        session.exec(delete(ChangeRequestField).where(ChangeRequestField.request_id == request.id))
    else:
        request = ChangeRequest(organization_id=organization.id, author_user_id=actor.user_id,
                                created_at=now, updated_at=now)
        session.add(request)
        try:
            session.flush()
        except IntegrityError:
            raise Conflict("change.already_open") from None
    for name, (old, new) in changes.items():
        session.add(ChangeRequestField(request_id=request.id, field_name=name,
                                       old_value=old, new_value=new))
    audit.record(session, action="profile.change_updated" if updated else "profile.change_proposed",
                 object_type="change_request", object_id=request.id,
                 actor_user_id=actor.user_id, organization_id=organization.id,
                 before={name: old for name, (old, _new) in changes.items()},
                 after={name: new for name, (_old, new) in changes.items()},
                 client_ip=actor.client_ip)
    return request, updated


def withdraw_change(session: Session, actor: Actor, request_id: object) -> None:
    request = get_or_not_found(session, ChangeRequest, request_id)
    require(actor, Action.PROPOSE_PROFILE_CHANGE, request.organization_id)
    withdrawn = session.exec(
        update(ChangeRequest)
        .where(ChangeRequest.id == request.id,
               ChangeRequest.status == ChangeRequestStatus.OPEN.value)
        .values(status=ChangeRequestStatus.WITHDRAWN.value, updated_at=clock.now()))
    if withdrawn.rowcount != 1:
        raise Conflict("change.decided_meanwhile")
    audit.record(session, action="profile.change_withdrawn", object_type="change_request",
                 object_id=request.id, actor_user_id=actor.user_id,
                 organization_id=request.organization_id, client_ip=actor.client_ip)


def _parse_decisions(decisions: object, rows: list[ChangeRequestField],
                     live: dict) -> dict[str, tuple[str, str]]:
    """{field: (approved|rejected, reason)} for every field, or ValidationFailed naming one."""
    given = decisions if isinstance(decisions, dict) else {}
    parsed: dict[str, tuple[str, str]] = {}
    for row in rows:
        entry = given.get(row.field_name)
        entry = entry if isinstance(entry, dict) else {}
        choice, reason = entry.get("decision"), entry.get("reason")
        reason = single_line(reason)  # no control characters (PostgreSQL refuses NUL)
        if choice not in DECISIONS:
            raise ValidationFailed("change.decision_missing", field=row.field_name)
        if choice == "reject":
            if not reason:
                raise ValidationFailed("change.reason_required", field=row.field_name)
            if len(reason) > MAX_REASON_LENGTH:
                raise ValidationFailed("change.reason_too_long", field=row.field_name,
                                       limit=MAX_REASON_LENGTH)
            parsed[row.field_name] = (FieldDecision.REJECTED.value, reason)
            continue
        in_conflict = live[row.field_name] != row.old_value
        if in_conflict and choice != "override":
            raise ValidationFailed("change.conflict_needs_choice", field=row.field_name)
        parsed[row.field_name] = (FieldDecision.APPROVED.value, "")
    return parsed


def decide_change(session: Session, actor: Actor, request_id: object, revision: object,
                  decisions: object) -> ChangeRequest:
    """Apply the approved fields of a request in one transaction and record the decision."""
    require(actor, Action.DECIDE_PROFILE_CHANGE)
    request = get_or_not_found(session, ChangeRequest, request_id)
    revision = parse_id(revision)
    if request.status != ChangeRequestStatus.OPEN.value or request.revision != revision:
        raise Conflict("change.decided_meanwhile")
    rows = request_fields(session, [request.id])
    organization = get_or_not_found(session, Organization, request.organization_id)
    _parse_decisions(decisions, rows, live_values(organization))
    now = clock.now()
    claimed = session.exec(
        update(ChangeRequest)
        .where(ChangeRequest.id == request.id,
               ChangeRequest.status == ChangeRequestStatus.OPEN.value,
               ChangeRequest.revision == revision)
        .values(status=ChangeRequestStatus.DECIDED.value, decided_at=now,
                decided_by_user_id=actor.user_id, updated_at=now))
    if claimed.rowcount != 1:
        raise Conflict("change.decided_meanwhile")
    session.refresh(organization)  # the live values inside this transaction
    parsed = _parse_decisions(decisions, rows, live_values(organization))
    approved = {row.field_name: row.new_value for row in rows
                if parsed[row.field_name][0] == FieldDecision.APPROVED.value}
    before = {name: value for name, value in live_values(organization).items() if name in approved}
    for row in rows:
        row.decision, row.reason = parsed[row.field_name]
        session.add(row)
    if approved:
        apply_values(organization, approved)
        session.add(organization)
        audit.record(session, action="profile.changed", object_type="organization",
                     object_id=organization.id, actor_user_id=actor.user_id,
                     organization_id=organization.id, before=before, after=approved,
                     client_ip=actor.client_ip)
    audit.record(session, action="profile.change_decided", object_type="change_request",
                 object_id=request.id, actor_user_id=actor.user_id,
                 organization_id=organization.id,
                 after={name: {"decision": decision, "reason": reason}
                        for name, (decision, reason) in parsed.items()},
                 client_ip=actor.client_ip)
    mails.send_decision(session, request, organization, rows)
    session.refresh(request)
    return request


def edit_profile_directly(session: Session, actor: Actor, organization_id: object,
                          form: object, *, seen: object = None) -> ChangeRequest:
    """Staff change a profile at once. It is recorded like a decided request (author and decider
    are the staff member, every field approved), so it shows in the organization's history.
    `seen`: the values the form showed (see `_changed_values`)."""
    organization = get_or_not_found(session, Organization, organization_id)
    require(actor, Action.EDIT_PROFILE_DIRECTLY, organization.id)
    changes = _changed_values(organization, form, seen)
    if not changes:
        raise ValidationFailed("change.nothing_changed")
    now = clock.now()
    record = ChangeRequest(organization_id=organization.id, author_user_id=actor.user_id,
                           status=ChangeRequestStatus.DECIDED.value, created_at=now,
                           updated_at=now, decided_at=now, decided_by_user_id=actor.user_id)
    session.add(record)
    session.flush()
    for name, (old, new) in changes.items():
        session.add(ChangeRequestField(request_id=record.id, field_name=name, old_value=old,
                                       new_value=new, decision=FieldDecision.APPROVED.value))
    after = {name: new for name, (_old, new) in changes.items()}
    apply_values(organization, after)
    session.add(organization)
    audit.record(session, action="profile.edited_by_staff", object_type="organization",
                 object_id=organization.id, actor_user_id=actor.user_id,
                 organization_id=organization.id,
                 before={name: old for name, (old, _new) in changes.items()}, after=after,
                 client_ip=actor.client_ip)
    return record
