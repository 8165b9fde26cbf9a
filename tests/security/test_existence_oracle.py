"""No existence oracle: for every State handler a member can reach that takes an id (from the
page's path or as an argument), an object of ANOTHER organization is answered exactly like an id
that does not exist: the same text on screen, the same state, the same answer, the same number of
database statements (the same timing class). The HTTP routes already answer 404 for both
(test_isolation_matrix.py).

The world is the isolation matrix's: Harzer Chemiewerke owns the objects, Otto Oker (manager of
Oker Recycling, with the billing function) asks for them. Every handler a member can reach is
either a case here or listed in TAKES_NO_OBJECT_ID with the reason, so a new handler must be
classified (test_every_member_handler_is_classified)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import reflex as rx
from sqlalchemy import event

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal import db
from harzportal.core import clock
from harzportal.core.i18n import translate
from harzportal.core.ids import MAX_ID
from harzportal.documents.state import DocumentState
from harzportal.exchange.state import PostFormState, PostState
from harzportal.invoices.state import InvoiceState
from harzportal.organizations.edit_state import ProfileEditState
from harzportal.organizations.state import ContactsState, OrganizationState
from harzportal.seminars.state import MySeminarsState, SeminarState
from harzportal.ui.paging import StaffPages
from tests.handler_calls import call_handler, signed_in_state
from tests.organizations.helpers import image_bytes
from tests.security.world import (
    OTHER_ORG,
    World,
    add_change_request,
    add_documents,
    add_invoice,
    add_posts,
    add_registrations,
    build,
)
from tests.seminars.helpers import NOW

pytestmark = pytest.mark.service

MISSING = MAX_ID


class Upload:
    def __init__(self, data: bytes):
        self.data = data

    async def read(self, size: int = -1) -> bytes:
        return self.data


@dataclass(frozen=True)
class Case:
    state: type
    handler: str
    route: Callable[[World, object], object] | None  # (world, the id asked for) -> the path's id
    arguments: Callable[[World, object], tuple] = lambda world, asked: ()
    target: Callable[[World], object] = lambda world: world.harzer.id  # another org's object
    before: tuple[str, ...] = ()  # handlers run first on the same page (e.g. "load")
    prepare: Callable[[World], None] | None = None

    @property
    def name(self) -> str:
        return f"{self.state.__name__}.{self.handler}"


def _asked(world: World, asked):
    return asked


def _own_organization(world: World, _asked):
    return world.oker.id


CASES = [
    Case(OrganizationState, "load", _asked),
    Case(OrganizationState, "withdraw", _asked, before=("load",), prepare=add_change_request),
    Case(ContactsState, "load", _asked),
    Case(ContactsState, "invite", _asked, lambda world, asked: (
        {"email": "neu@oker.example", "full_name": "Nina Neu", "role": "contact"},)),
    # On the own contacts page, with another organization's contact id as the argument:
    Case(ContactsState, "deactivate", _own_organization, lambda world, asked: (str(asked),),
         target=lambda world: world.people["jonas"].id, before=("load",)),
    Case(ContactsState, "change_role", _own_organization,
         lambda world, asked: (str(asked), "org_manager"),
         target=lambda world: world.people["jonas"].id, before=("load",)),
    Case(ContactsState, "toggle_function", _own_organization,
         lambda world, asked: (str(asked), "hse"),
         target=lambda world: world.people["jonas"].id, before=("load",)),
    Case(ProfileEditState, "load", _asked),
    Case(ProfileEditState, "submit", _asked, lambda world, asked: ({"name": "Übernahme"},)),
    Case(ProfileEditState, "upload_logo", _asked,
         lambda world, asked: ([Upload(image_bytes("PNG"))],)),
    Case(InvoiceState, "load", _asked, target=lambda world: world.ids["invoice"],
         prepare=add_invoice),
    Case(DocumentState, "load", _asked, target=lambda world: world.ids["document"]["sector"],
         prepare=add_documents),
    # A seminar is visible to every member; the colleague to register is Harzer's contact:
    Case(SeminarState, "register_colleague", lambda world, asked: world.ids["seminar"],
         lambda world, asked: ({"user_id": str(asked)},),
         target=lambda world: world.people["jonas"].id, before=("load",),
         prepare=add_registrations),
    # The exchange: Harzer's confidential post, which Oker may not read
    *[Case(PostState, handler, _asked, target=lambda world: world.ids["post"],
           before=before, prepare=add_posts)
      for handler, before in (("load", ()), ("withdraw", ("load",)), ("renew", ("load",)),
                              ("mark_started", ("load",)))],
    Case(PostState, "express_interest", _asked, lambda world, asked: ({"note": "Hallo"},),
         target=lambda world: world.ids["post"], before=("load",), prepare=add_posts),
    Case(PostFormState, "load", _asked, target=lambda world: world.ids["post"],
         prepare=add_posts),
    Case(PostFormState, "save", _asked, lambda world, asked: ({
        "kind": "request", "title": "Übernommener Titel", "description": "x" * 30},),
        target=lambda world: world.ids["post"], prepare=add_posts),
    Case(MySeminarsState, "cancel", None, lambda world, asked: (asked,),
         target=lambda world: world.ids["registration"], before=("load",),
         prepare=add_registrations),
]

# Every other handler a member can reach, and why it names no object of another organization.
TAKES_NO_OBJECT_ID = {
    "PortalState.check_session": "the own identity",
    "PortalState.switch_language": "a language",
    "PortalState.logout": "the own session",
    "AccountState.open_account": "the own account",
    "AccountState.save_details": "the own account",
    "AccountState.change_password": "the own account",
    "SecurityState.open_security": "the own factors",
    "SecurityState.start_totp": "the own account", "SecurityState.confirm_totp": "the own account",
    "SecurityState.disable_totp": "the own account",
    "SecurityState.add_passkey": "the own account",
    "SecurityState.rename_passkey": "a passkey id of the own passkeys only: anyone else's is "
                                    "NotFound like a missing id (tests/auth/test_passkeys.py)",
    "SecurityState.remove_passkey": "as rename_passkey",
    "ContactsState.toggle_invite": "opens a dialog",
    "DashboardState.load": "the own start page",
    "DirectoryEntryState.load": "the directory shows every listed member to every member; "
                                "one that is not listed is NotFound",
    "DirectoryState.load": "a list", "DirectoryState.go_to_page": "a page number",
    "DirectoryState.apply_filter": "a filter",
    "ExchangeState.load": "a list of the posts the reader may see",
    "ExchangeState.go_to_page": "a page number", "ExchangeState.apply_filter": "a filter",
    "ExchangeState.toggle_digest": "the own digest",
    "OwnPostsState.load": "the own organization's posts",
    "OwnPostsState.go_to_page": "a page number", "OwnPostsState.apply_filter": "a filter",
    "InvoicesState.load": "the own organization's list",
    "InvoicesState.go_to_page": "a page number", "InvoicesState.apply_filter": "a filter",
    "LibraryState.load": "a list", "LibraryState.go_to_page": "a page number",
    "LibraryState.apply_filter": "a filter",
    "MySeminarsState.load": "the own registrations",
    "MySeminarsState.create_feed": "the own feed", "MySeminarsState.revoke_feed": "the own feed",
    "OwnOrganizationState.open_own": "the own organization",
    "ProfileEditState.remove_logo": "changes only the form",
    "SeminarCatalogueState.load": "a list", "SeminarCatalogueState.go_to_page": "a page number",
    "SeminarCatalogueState.apply_filter": "a filter",
    "SeminarState.load": "seminars are visible to every member; a draft is NotFound",
    "SeminarState.register_myself": "oneself, on a seminar visible to every member",
    "SeminarState.cancel_mine": "the registration the page loaded for oneself",
    "CircularChoicesState.load": "the own choices", "CircularChoicesState.save_choices":
        "the own choices",
    "MyCircularsState.load": "the circulars addressed to oneself",
    "MyCircularsState.go_to_page": "a page number", "MyCircularsState.apply_filter": "a filter",
    "MyCircularState.load": "no organization owns a circular: one not addressed to the reader "
                            "is NotFound, as a missing id (tests/circulars/test_service.py)",
    "MandateState.load": "the own organization's SEPA mandate",
    "MandateState.choose_scheme": "changes only the form",
    "MandateState.grant": "a mandate for the own organization only",
    "MandateState.revoke": "the mandate the page loaded for the own organization; the service "
                           "refuses any other as NotFound (tests/debits/test_mandates.py)",
}


def _our_states(cls=rx.State):
    for substate in sorted(cls.get_substates(), key=lambda c: c.__name__):
        if substate.__module__.startswith("harzportal."):
            yield substate
        yield from _our_states(substate)


def _staff_only(cls, name: str) -> bool:
    """Whether the handler is declared `@requires_staff`: in the class itself or a mixin of ours
    it takes the handler from, or (the paging handlers of ui/paging.py) by mixing in
    StaffPages."""
    for declaring in cls.__mro__:
        if not declaring.__module__.startswith("harzportal.") or declaring is StaffPages:
            continue
        source = inspect.getsource(declaring)
        if re.search(rf"async def {name}\(", source):
            return re.search(rf"@requires_staff(?:_in_background)?\s+async def {name}\(",
                             source) is not None
    return issubclass(cls, StaffPages)


def _member_handlers() -> set[str]:
    return {f"{cls.__name__}.{name}" for cls in _our_states() for name in cls.event_handlers
            if name in cls.__dict__ and name != "setvar"
            and getattr(cls.event_handlers[name].fn, "requires_session", False)
            and not _staff_only(cls, name)}


def test_every_member_handler_is_classified():
    cases = {case.name for case in CASES}
    assert not cases & TAKES_NO_OBJECT_ID.keys()
    assert _member_handlers() == cases | TAKES_NO_OBJECT_ID.keys()


@pytest.fixture(autouse=True)
def _private_files(private_data_dir):
    """Stored files go to the test's own data folder."""


@pytest.fixture(autouse=True)
def _now():
    with clock.fixed_at(NOW):
        yield


class Statements:
    """Counts the SQL statements the engine runs."""

    def __init__(self):
        self.count = 0

    def __call__(self, *_args, **_kwargs):
        self.count += 1


async def _answer(case: Case, world: World, asked, monkeypatch) -> tuple[str, str, int]:
    """What Otto Oker is shown when he asks for `asked`: the state, the answer, the statements."""
    route = case.route(world, asked) if case.route else None
    state = signed_in_state(case.state, world.person(OTHER_ORG), monkeypatch, route)
    for name in case.before:
        await call_handler(state, name)
    statements = Statements()
    engine = db.get_engine()
    event.listen(engine, "before_cursor_execute", statements)
    try:
        result = await call_handler(state, case.handler, *case.arguments(world, asked))
    finally:
        event.remove(engine, "before_cursor_execute", statements)
    visible = {name: getattr(state, name) for name in state.base_vars
               if not name.startswith("_") and name != "session_token"}
    return repr(visible), repr(result), statements.count


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_another_organizations_object_is_answered_like_a_missing_one(
        factories, monkeypatch, case: Case):
    world = build(factories)
    if case.prepare:
        case.prepare(world)

    theirs = await _answer(case, world, case.target(world), monkeypatch)
    missing = await _answer(case, world, MISSING, monkeypatch)

    assert theirs[0] == missing[0], "the page shows something else"
    assert theirs[1] == missing[1], "the handler answers something else"
    assert theirs[2] == missing[2], "a different number of database statements"
    assert translate("error.permission_denied", "de") not in theirs[0]
