"""The contacts of an organization: list, roles, functions, deactivation, anonymizing, own
details.

An org_manager manages the contacts of their own organization, staff those of every organization.
An organization always keeps at least one active org_manager: a change that would leave none is
refused. Every change locks the organization row first (core.locking.lock_row), so two managers
demoting each other at once cannot both succeed.

Two managers may have the contacts page open at once. A change therefore names only what the
person changed on the row they saw (one function given or taken, the role they saw): a change that
someone else has made meanwhile is refused with Conflict, never silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, update
from sqlmodel import Session, delete, select

from harzportal.accounts import sessions
from harzportal.accounts.models import AccountToken, User
from harzportal.accounts.tokens import void_open_links
from harzportal.audit import service as audit
from harzportal.circulars.models import CircularRecipient, UnsubscribeLink
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.contact_details import check_phone
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.ids import is_id
from harzportal.core.locking import lock_row
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, is_allowed, require
from harzportal.core.roles import Role
from harzportal.core.text import single_line
from harzportal.organizations.models import ContactFunction, ContactFunctionAssignment, Organization
from harzportal.organizations.profile import TEXT_LIMITS
from harzportal.seminars.models import CalendarFeed

FUNCTIONS = tuple(function.value for function in ContactFunction)
MEMBER_ROLES = (Role.CONTACT.value, Role.ORG_MANAGER.value)
MAX_CONTACTS_SHOWN = 500
CHECKED = (True, "on", "true")  # what a checkbox sends when ticked


class ContactStatus(StrEnum):
    ACTIVE = "active"
    INVITED = "invited"  # no password set yet
    INACTIVE = "inactive"


def contact_status(user: User) -> ContactStatus:
    if not user.is_active:
        return ContactStatus.INACTIVE
    return ContactStatus.ACTIVE if user.password_hash else ContactStatus.INVITED


@dataclass(frozen=True)
class ContactEntry:
    user: User
    status: ContactStatus
    functions: tuple[str, ...]  # in the order of FUNCTIONS
    manageable: bool  # the actor may change this contact's role and deactivate them
    may_set_functions: bool


@dataclass(frozen=True)
class ContactList:
    organization: Organization
    contacts: tuple[ContactEntry, ...]
    may_manage: bool
    may_invite: bool


def functions_of(session: Session, user_ids: list[int]) -> dict[int, tuple[str, ...]]:
    assigned: dict[int, set[str]] = {user_id: set() for user_id in user_ids}
    if user_ids:
        for user_id, function in session.exec(
                select(ContactFunctionAssignment.user_id, ContactFunctionAssignment.function)
                .where(ContactFunctionAssignment.user_id.in_(user_ids))):
            assigned[user_id].add(function)
    return {user_id: tuple(f for f in FUNCTIONS if f in names)
            for user_id, names in assigned.items()}


def list_contacts(session: Session, actor: Actor, organization_id: object) -> ContactList:
    if not is_id(organization_id):
        raise NotFound()
    require(actor, Action.LIST_CONTACTS, organization_id)
    organization = get_or_not_found(session, Organization, organization_id)
    users = list(session.exec(select(User).where(User.organization_id == organization.id)
                              .order_by(User.is_active.desc(), User.full_name)
                              .limit(MAX_CONTACTS_SHOWN)))
    functions = functions_of(session, [user.id for user in users])
    may_manage = is_allowed(actor, Action.MANAGE_CONTACTS, organization.id)
    entries = []
    for user in users:
        status = contact_status(user)
        active = status != ContactStatus.INACTIVE
        entries.append(ContactEntry(
            user=user, status=status, functions=functions[user.id],
            manageable=(may_manage and user.role in MEMBER_ROLES
                        and user.id != actor.user_id and active),
            may_set_functions=may_manage and active))
    return ContactList(organization=organization, contacts=tuple(entries), may_manage=may_manage,
                       may_invite=is_allowed(actor, Action.INVITE_CONTACT, organization.id))


def _contact(session: Session, actor: Actor, user_id: object, action: Action) -> User:
    """The contact the actor acts on, checked against the contact's own organization."""
    user = get_or_not_found(session, User, user_id)
    if user.organization_id is None:
        raise NotFound()
    require(actor, action, user.organization_id)
    if user.role not in MEMBER_ROLES:
        raise PermissionDenied()
    return user


def _ensure_a_manager_remains(session: Session, organization_id: int) -> None:
    session.flush()
    managers = session.exec(select(func.count()).select_from(User).where(
        User.organization_id == organization_id, User.role == Role.ORG_MANAGER.value,
        User.is_active.is_(True))).one()
    if managers == 0:
        raise ValidationFailed("contacts.last_manager")


def change_role(session: Session, actor: Actor, user_id: object, role: object, *,
                seen_role: object = None) -> None:
    """`seen_role`, when given, is the role the actor's page showed: if the contact's role has
    changed since, the change is refused (Conflict) instead of overwriting someone else's."""
    user = _contact(session, actor, user_id, Action.MANAGE_CONTACTS)
    if role not in MEMBER_ROLES:
        raise ValidationFailed("role.invalid", field="role")
    lock_row(session, Organization, user.organization_id)
    session.refresh(user)
    if seen_role is not None and user.role != seen_role:
        raise Conflict("contacts.changed_meanwhile")
    if user.role == role:
        return
    before = user.role
    user.role = role
    session.add(user)
    _ensure_a_manager_remains(session, user.organization_id)
    audit.record(session, action="contact.role_changed", object_type="user", object_id=user.id,
                 actor_user_id=actor.user_id, organization_id=user.organization_id,
                 before={"role": before}, after={"role": role}, client_ip=actor.client_ip)


def assign_function(session: Session, actor: Actor, user_id: object, function: object,
                    assigned: object) -> None:
    """Give the contact one function (`assigned` True) or take it away (False). Only that one
    function changes, so two managers changing different functions at once both keep theirs.
    When the function already is as asked (someone else changed it after the actor's page was
    loaded), the change is refused with Conflict so the page shows the current state."""
    user = _contact(session, actor, user_id, Action.MANAGE_CONTACTS)
    if function not in FUNCTIONS or not isinstance(assigned, bool):
        raise ValidationFailed("contacts.function_invalid")
    lock_row(session, Organization, user.organization_id)
    before = functions_of(session, [user.id])[user.id]
    if (function in before) == assigned:
        raise Conflict("contacts.changed_meanwhile")
    if assigned:
        session.add(ContactFunctionAssignment(user_id=user.id, function=function))
    else:
        session.exec(delete(ContactFunctionAssignment).where(
            ContactFunctionAssignment.user_id == user.id,
            ContactFunctionAssignment.function == function))
    after = tuple(f for f in FUNCTIONS if (f == function and assigned)
                  or (f in before and f != function))
    audit.record(session, action="contact.functions_changed", object_type="user",
                 object_id=user.id, actor_user_id=actor.user_id,
                 organization_id=user.organization_id, before={"functions": list(before)},
                 after={"functions": list(after)}, client_ip=actor.client_ip)


def deactivate_contact(session: Session, actor: Actor, user_id: object) -> None:
    """Ends every session of the contact at once and voids their open reset and invitation
    links."""
    user = get_or_not_found(session, User, user_id)
    require(actor, Action.DEACTIVATE_CONTACT, user.organization_id)
    if user.id == actor.user_id:
        raise ValidationFailed("user.cannot_deactivate_self")
    if user.role == Role.NETWORK_ADMIN.value and not actor.is_staff:
        raise PermissionDenied()
    if not user.is_active:
        return
    if user.organization_id is not None:
        lock_row(session, Organization, user.organization_id)
    user.is_active = False
    session.add(user)
    if user.organization_id is not None and user.role == Role.ORG_MANAGER.value:
        _ensure_a_manager_remains(session, user.organization_id)
    ended = sessions.end_user_sessions(session, user.id)
    void_open_links(session, user.id)
    audit.record(session, action="user.deactivated", object_type="user", object_id=user.id,
                 actor_user_id=actor.user_id, organization_id=user.organization_id,
                 before={"is_active": True}, after={"is_active": False, "sessions_ended": ended},
                 client_ip=actor.client_ip)


def update_own_details(session: Session, actor: Actor, form: object) -> None:
    """A person edits their own name, job title and phone and opts in or out of the directory."""
    values = form if isinstance(form, dict) else {}
    user = get_or_not_found(session, User, actor.user_id)
    name = single_line(values.get("full_name"))
    if not 2 <= len(name) <= 200:
        raise ValidationFailed("name.invalid", field="full_name")
    job_title = single_line(values.get("job_title"))
    if len(job_title) > 200:
        raise ValidationFailed("profile.too_long", field="job_title", limit=200)
    phone = check_phone(single_line(values.get("phone")))
    if len(phone) > TEXT_LIMITS["phone"]:
        raise ValidationFailed("profile.too_long", field="phone", limit=TEXT_LIMITS["phone"])
    listed = values.get("listed_in_directory") in CHECKED
    before = {"full_name": user.full_name, "job_title": user.job_title, "phone": user.phone,
              "listed_in_directory": user.listed_in_directory}
    after = {"full_name": name, "job_title": job_title, "phone": phone,
             "listed_in_directory": listed}
    if before == after:
        return
    user.full_name, user.job_title, user.phone, user.listed_in_directory = (
        name, job_title, phone, listed)
    session.add(user)
    audit.record(session, action="user.details_changed", object_type="user", object_id=user.id,
                 actor_user_id=actor.user_id, organization_id=user.organization_id,
                 before=before, after=after, client_ip=actor.client_ip)


def anonymize_contact(session: Session, actor: Actor, user_id: object) -> None:
    """Staff replace the personal data of a contact who has left: the personal fields, every
    session and link, functions and calendar feeds. Invoices keep the billing address they were
    issued with (GoBD) and audit events are not touched (append-only)."""
    require(actor, Action.ANONYMIZE_CONTACT)
    user = get_or_not_found(session, User, user_id)
    if user.role == Role.NETWORK_ADMIN.value or user.id == actor.user_id:
        raise PermissionDenied()
    if user.organization_id is not None and user.is_active:
        deactivate_contact(session, actor, user.id)  # ends sessions; keeps the last-manager rule
    user.full_name = f"Ehemaliger Kontakt {user.id}"
    user.email = f"removed-{user.id}@anonymized.invalid"
    user.job_title = user.phone = ""
    user.listed_in_directory = False
    user.is_active = False
    user.password_hash = None
    session.add(user)
    sessions.end_user_sessions(session, user.id)
    session.exec(delete(AccountToken).where(AccountToken.user_id == user.id))
    session.exec(delete(ContactFunctionAssignment)
                 .where(ContactFunctionAssignment.user_id == user.id))
    # The circulars they got keep no address of theirs; their unsubscribe links are void.
    session.exec(update(CircularRecipient).where(CircularRecipient.user_id == user.id)
                 .values(email=user.email))
    session.exec(delete(UnsubscribeLink).where(UnsubscribeLink.user_id == user.id))
    session.exec(update(CalendarFeed).where(CalendarFeed.user_id == user.id,
                                            CalendarFeed.revoked_at.is_(None))
                 .values(revoked_at=clock.now()))
    audit.record(session, action="user.anonymized", object_type="user", object_id=user.id,
                 actor_user_id=actor.user_id, organization_id=user.organization_id,
                 client_ip=actor.client_ip)
