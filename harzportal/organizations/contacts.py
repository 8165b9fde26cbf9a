"""The contacts of an organization: list, roles, functions, deactivation, own details.

An org_manager manages the contacts of their own organization, staff those of every organization.
An organization always keeps at least one active org_manager: a change that would leave none is
refused. On PostgreSQL the organization row is locked first, so two managers demoting each other
at once cannot both succeed; SQLite serializes the writes itself.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, delete, select

from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound, PermissionDenied, ValidationFailed
from harzportal.core.formatting import moment
from harzportal.core.i18n import translate
from harzportal.core.ids import is_id
from harzportal.core.permissions import Action, is_allowed, require
from harzportal.core.roles import Role
from harzportal.core.text import single_line
from harzportal.organizations.models import (
    ContactFunction,
    ContactFunctionAssignment,
    Organization,
)
from harzportal.organizations.profile import TEXT_LIMITS, check_phone

FUNCTIONS = tuple(function.value for function in ContactFunction)
MEMBER_ROLES = (Role.CONTACT.value, Role.ORG_MANAGER.value)
MAX_CONTACTS_SHOWN = 500


def user_status(user: User) -> str:
    if not user.is_active:
        return "inactive"
    return "active" if user.password_hash else "invited"


def functions_of(session: Session, user_ids: list[int]) -> dict[int, list[str]]:
    assigned: dict[int, list[str]] = {user_id: [] for user_id in user_ids}
    if user_ids:
        for user_id, function in session.exec(
                select(ContactFunctionAssignment.user_id, ContactFunctionAssignment.function)
                .where(ContactFunctionAssignment.user_id.in_(user_ids))):
            assigned[user_id].append(function)
    return {user_id: [f for f in FUNCTIONS if f in names] for user_id, names in assigned.items()}


def list_contacts(session: Session, actor: Actor, organization_id: object) -> dict:
    if not is_id(organization_id):
        raise NotFound()
    require(actor, Action.LIST_CONTACTS, organization_id)
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise NotFound()
    users = list(session.exec(select(User).where(User.organization_id == organization.id)
                              .order_by(User.is_active.desc(), User.full_name)
                              .limit(MAX_CONTACTS_SHOWN)))
    functions = functions_of(session, [user.id for user in users])
    may_manage = is_allowed(actor, Action.MANAGE_CONTACTS, organization.id)
    language = actor.language
    rows = []
    for user in users:
        status = user_status(user)
        manageable = (may_manage and user.role in MEMBER_ROLES and user.id != actor.user_id
                      and status != "inactive")
        rows.append({
            "id": str(user.id), "name": user.full_name, "email": user.email,
            "job_title": user.job_title, "phone": user.phone, "role": user.role,
            "role_label": translate(f"role.{user.role}", language),
            "status": status, "status_label": translate(f"user_status.{status}", language),
            "functions": ",".join(functions[user.id]),
            "function_labels": ", ".join(translate(f"function.{f}", language)
                                         for f in functions[user.id]) or "—",
            "listed": "yes" if user.listed_in_directory else "no",
            "last_login": moment(user.last_login_at, language) if user.last_login_at else "—",
            "manageable": "yes" if manageable else "no",
            "may_set_functions": "yes" if may_manage and status != "inactive" else "no",
        })
    return {"organization": organization.name, "organization_id": str(organization.id),
            "rows": rows, "may_manage": may_manage,
            "may_invite": is_allowed(actor, Action.INVITE_CONTACT, organization.id)}


def _contact(session: Session, actor: Actor, user_id: object, action: Action) -> User:
    """The contact the actor acts on, checked against the contact's own organization."""
    user = session.get(User, user_id) if is_id(user_id) else None
    if user is None or user.organization_id is None:
        raise NotFound()
    require(actor, action, user.organization_id)
    if user.role not in MEMBER_ROLES:
        raise PermissionDenied()
    return user


def _lock_organization(session: Session, organization_id: int) -> None:
    session.exec(select(Organization.id).where(Organization.id == organization_id)
                 .with_for_update()).first()


def _ensure_a_manager_remains(session: Session, organization_id: int) -> None:
    session.flush()
    managers = session.exec(select(func.count()).select_from(User).where(
        User.organization_id == organization_id, User.role == Role.ORG_MANAGER.value,
        User.is_active.is_(True))).one()
    if managers == 0:
        raise ValidationFailed("contacts.last_manager")


def change_role(session: Session, actor: Actor, user_id: object, role: object) -> None:
    user = _contact(session, actor, user_id, Action.MANAGE_CONTACTS)
    if role not in MEMBER_ROLES:
        raise ValidationFailed("role.invalid", field="role")
    if user.role == role:
        return
    _lock_organization(session, user.organization_id)
    before = user.role
    user.role = role
    session.add(user)
    _ensure_a_manager_remains(session, user.organization_id)
    audit.record(session, action="contact.role_changed", object_type="user", object_id=user.id,
                 actor_user_id=actor.user_id, organization_id=user.organization_id,
                 before={"role": before}, after={"role": role}, client_ip=actor.client_ip)


def set_functions(session: Session, actor: Actor, user_id: object, functions: object) -> None:
    user = _contact(session, actor, user_id, Action.MANAGE_CONTACTS)
    if not isinstance(functions, list) or any(f not in FUNCTIONS for f in functions):
        raise ValidationFailed("contacts.function_invalid")
    chosen = [f for f in FUNCTIONS if f in functions]
    before = functions_of(session, [user.id])[user.id]
    if chosen == before:
        return
    session.exec(delete(ContactFunctionAssignment)
                 .where(ContactFunctionAssignment.user_id == user.id))
    for function in chosen:
        session.add(ContactFunctionAssignment(user_id=user.id, function=function))
    audit.record(session, action="contact.functions_changed", object_type="user",
                 object_id=user.id, actor_user_id=actor.user_id,
                 organization_id=user.organization_id, before={"functions": before},
                 after={"functions": chosen}, client_ip=actor.client_ip)


def deactivate_contact(session: Session, actor: Actor, user_id: object) -> None:
    """Ends every session of the contact at once."""
    user = session.get(User, user_id) if is_id(user_id) else None
    if user is None:
        raise NotFound()
    require(actor, Action.DEACTIVATE_CONTACT, user.organization_id)
    if user.id == actor.user_id:
        raise ValidationFailed("user.cannot_deactivate_self")
    if user.role == Role.NETWORK_ADMIN.value and not actor.is_staff:
        raise PermissionDenied()
    if not user.is_active:
        return
    if user.organization_id is not None:
        _lock_organization(session, user.organization_id)
    user.is_active = False
    session.add(user)
    if user.organization_id is not None and user.role == Role.ORG_MANAGER.value:
        _ensure_a_manager_remains(session, user.organization_id)
    ended = sessions.end_user_sessions(session, user.id)
    audit.record(session, action="user.deactivated", object_type="user", object_id=user.id,
                 actor_user_id=actor.user_id, organization_id=user.organization_id,
                 before={"is_active": True}, after={"is_active": False, "sessions_ended": ended},
                 client_ip=actor.client_ip)


def get_own_details(session: Session, actor: Actor) -> dict[str, str]:
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound()
    return {"full_name": user.full_name, "job_title": user.job_title, "phone": user.phone,
            "listed": "yes" if user.listed_in_directory else "no"}


def update_own_details(session: Session, actor: Actor, form: object) -> None:
    """A person edits their own name, job title and phone and opts in or out of the directory."""
    values = form if isinstance(form, dict) else {}
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound()
    name = single_line(values.get("full_name"))
    if not 2 <= len(name) <= 200:
        raise ValidationFailed("name.invalid", field="full_name")
    job_title = single_line(values.get("job_title"))
    if len(job_title) > 200:
        raise ValidationFailed("profile.too_long", field="job_title", limit=200)
    phone = check_phone(single_line(values.get("phone")))
    if len(phone) > TEXT_LIMITS["phone"]:
        raise ValidationFailed("profile.too_long", field="phone", limit=TEXT_LIMITS["phone"])
    listed = values.get("listed_in_directory") in (True, "on", "yes", "true")
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
