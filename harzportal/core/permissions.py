"""Who may do what: one table of role x action, with the scope of each grant.

`OWN` means: only on objects of the actor's own organization. `ANY`: on every organization.
A role without an entry for an action may not do it at all. Services call `require()` with the
organization of the very object they touch, so a forged id from another organization fails here.

No existence oracle: an object the actor may not act on is refused as if it did not exist
(`NotFound`, the same answer as for a missing id) unless it belongs to the actor's own
organization, whose objects the actor knows of; only there does the refusal say that the right
is missing (`PermissionDenied`). A check without an object (`require(actor, action)`, e.g.
"may manage invoices at all") is `PermissionDenied`: it says nothing about any id.
"""

from __future__ import annotations

from enum import StrEnum

from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError, NotFound, PermissionDenied
from harzportal.core.roles import Role


class Scope(StrEnum):
    OWN = "own"
    ANY = "any"


class Action(StrEnum):
    VIEW_ORGANIZATION = "organization.view"
    LIST_CONTACTS = "contacts.list"
    INVITE_CONTACT = "contacts.invite"
    DEACTIVATE_CONTACT = "contacts.deactivate"
    MANAGE_CONTACTS = "contacts.manage"
    PROPOSE_PROFILE_CHANGE = "profile.propose"
    EDIT_PROFILE_DIRECTLY = "profile.edit_directly"
    DECIDE_PROFILE_CHANGE = "profile.decide"
    VIEW_DIRECTORY = "directory.view"
    VIEW_INVOICES = "invoices.view"  # contacts with the billing function too (invoices/access)
    MANAGE_INVOICES = "invoices.manage"
    VIEW_SEMINARS = "seminars.view"
    REGISTER_COLLEAGUES = "seminars.register_colleagues"
    MANAGE_SEMINARS = "seminars.manage"
    VIEW_LIBRARY = "documents.view"  # which documents: their audience decides (documents/)
    MANAGE_DOCUMENTS = "documents.manage"
    LIST_ALL_USERS = "users.list_all"
    VIEW_NETWORK_STATISTICS = "network.statistics"
    VIEW_AUDIT_LOG = "audit.view"
    EXPORT_ORGANIZATION_DATA = "gdpr.export_organization"
    ANONYMIZE_CONTACT = "gdpr.anonymize"
    RESET_SECOND_FACTOR = "users.reset_second_factor"  # a person's lost authenticator app
    VIEW_CIRCULARS = "circulars.view"  # which ones: those addressed to the person (circulars/)
    MANAGE_CIRCULARS = "circulars.manage"
    VIEW_EXCHANGE = "exchange.view"  # which posts: their status and visibility decide (exchange/)
    POST_IN_EXCHANGE = "exchange.post"  # contacts with the profile-editor function too
    MODERATE_EXCHANGE = "exchange.moderate"
    VIEW_ACTIVITY_REPORT = "exchange.activity_report"
    VIEW_JOB_RUNS = "jobs.view"  # the Aufträge page: runs staff started and their progress


PERMISSIONS: dict[Role, dict[Action, Scope]] = {
    Role.CONTACT: {
        Action.VIEW_ORGANIZATION: Scope.OWN,
        Action.LIST_CONTACTS: Scope.OWN,
        Action.VIEW_DIRECTORY: Scope.ANY,
        Action.VIEW_SEMINARS: Scope.ANY,
        Action.VIEW_LIBRARY: Scope.ANY,
        Action.VIEW_CIRCULARS: Scope.ANY,
        Action.VIEW_EXCHANGE: Scope.ANY,
    },
    Role.ORG_MANAGER: {
        Action.VIEW_ORGANIZATION: Scope.OWN,
        Action.LIST_CONTACTS: Scope.OWN,
        Action.INVITE_CONTACT: Scope.OWN,
        Action.DEACTIVATE_CONTACT: Scope.OWN,
        Action.MANAGE_CONTACTS: Scope.OWN,
        Action.PROPOSE_PROFILE_CHANGE: Scope.OWN,
        Action.VIEW_DIRECTORY: Scope.ANY,
        Action.VIEW_INVOICES: Scope.OWN,
        Action.VIEW_SEMINARS: Scope.ANY,
        Action.REGISTER_COLLEAGUES: Scope.OWN,
        Action.VIEW_LIBRARY: Scope.ANY,
        Action.EXPORT_ORGANIZATION_DATA: Scope.OWN,
        Action.VIEW_CIRCULARS: Scope.ANY,
        Action.VIEW_EXCHANGE: Scope.ANY,
        Action.POST_IN_EXCHANGE: Scope.OWN,
    },
    Role.NETWORK_ADMIN: {action: Scope.ANY for action in Action},
}


def is_allowed(actor: Actor, action: Action, organization_id: int | None = None) -> bool:
    scope = PERMISSIONS.get(actor.role, {}).get(action)
    if scope is None:
        return False
    if scope == Scope.ANY:
        return True
    return organization_id is not None and organization_id == actor.organization_id


def roles_allowed_everywhere(action: Action) -> tuple[Role, ...]:
    """The roles that may do `action` on every organization (whom a network-wide task, such as
    the payment reminder proposals, is for)."""
    return tuple(role for role, grants in PERMISSIONS.items() if grants.get(action) == Scope.ANY)


class _NoObject:
    """`require(actor, action)`: a check of the role alone, on no object."""


NO_OBJECT = _NoObject()


def refusal(actor: Actor, organization_id: int | None) -> DomainError:
    """The refusal of an object of `organization_id` (None: of no organization, e.g. a staff
    account) to an actor who may not act on it: PermissionDenied on an object of the actor's own
    organization, NotFound (as for a missing id) on every other."""
    if organization_id is not None and organization_id == actor.organization_id:
        return PermissionDenied()
    return NotFound()


def require(actor: Actor, action: Action,
            organization_id: int | None | _NoObject = NO_OBJECT) -> None:
    """Raise unless the actor may do `action` on an object of that organization (`refusal`), or,
    without an organization, may do `action` at all (PermissionDenied)."""
    if isinstance(organization_id, _NoObject):
        if not is_allowed(actor, action):
            raise PermissionDenied()
        return
    if not is_allowed(actor, action, organization_id):
        raise refusal(actor, organization_id)
