"""Signing in and out, passwords, password reset and invitations.

Functions take an open database session and never commit: the caller's unit of work does.
`sign_in` returns a result instead of raising on a failed attempt, because the failure itself
must be committed (throttling and audit).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from harzportal.accounts import factors, passkeys, passwords, second_step, sessions, throttle
from harzportal.accounts.emails import normalize_email
from harzportal.accounts.mails import (
    EXISTING_ACCOUNT_MAIL,
    enqueue_existing_account_mail,
    enqueue_invitation_mail,
    enqueue_reset_mail,
)
from harzportal.accounts.models import AccountToken, TokenPurpose, User
from harzportal.accounts.tokens import new_token, token_hash, void_open_links
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.i18n import LANGUAGES, N_
from harzportal.core.ids import is_id
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.core.roles import Role
from harzportal.core.text import single_line
from harzportal.mail.models import OutboxEmail
from harzportal.organizations.models import Organization
from harzportal.settings import get as get_settings


@dataclass(frozen=True)
class SignInResult:
    token: str | None = None
    user_id: int | None = None
    language: str = "de"
    error_key: str | None = None  # shown with accounts.presenter.sign_in_refusal
    ticket: str | None = None  # sign_in_for_browser: what the browser redeems for its cookie
    pending: str | None = None  # the password was right, the second factor is to come


@dataclass(frozen=True)
class Invitation:
    """Who an invitation is for, as the invitation page shows it before the password is set."""

    full_name: str
    email: str
    organization: str  # "" for a person without an organization


def _typed_email(raw_email: object) -> str:
    """The address as typed, normalized, for look-up, throttling and audit. Something that is no
    address at all (say, a password typed into the wrong field) is never stored: it becomes ""."""
    try:
        return normalize_email(raw_email)
    except ValidationFailed:
        return ""


def sign_in(session: Session, raw_email: object, password: object, client_ip: str = "",
            previous_token: object = None) -> SignInResult:
    """Check the credentials, honour the account's lock, start a session with a new token.
    The caller has waited `throttle.address_delay` for the client address before.

    An account with a second factor gets no session yet: a pending sign-in (`second_step`)
    that `complete_sign_in` finishes with a code. A session the browser still held
    (`previous_token`) ends in the same transaction as the new one starts."""
    email = _typed_email(raw_email)
    password = password if isinstance(password, str) else ""
    if throttle.is_locked(session, email):
        audit.record(session, action="auth.login_refused_locked", object_type="user",
                     actor_label=email, client_ip=client_ip)
        return SignInResult(error_key=N_("auth.locked"))
    user = session.exec(select(User).where(User.email == email)).first() if email else None
    password_ok = passwords.verify_password(password, user.password_hash if user else None)
    if user is None or not user.is_active or not password_ok:
        throttle.record_failure(session, email, client_ip)
        audit.record(session, action="auth.login_failed", object_type="user",
                     object_id=user.id if user else "", actor_label=email, client_ip=client_ip)
        return SignInResult(error_key=N_("auth.login_failed"))
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
        session.add(user)
    if factors.has_second_factor(session, user.id):
        # The failures of the account stay counted until the second factor is right too.
        return SignInResult(pending=second_step.begin(session, user, client_ip),
                            user_id=user.id, language=user.preferred_language)
    return _signed_in(session, user, client_ip, previous_token, factor_count=1)


def _signed_in(session: Session, user: User, client_ip: str, previous_token: object, *,
               factor_count: int) -> SignInResult:
    throttle.clear_account(session, user.email)
    sessions.end_session(session, previous_token)
    user.last_login_at = clock.now()
    session.add(user)
    token = sessions.start_session(session, user, client_ip)
    audit.record(session, action="auth.login", object_type="user", object_id=user.id,
                 actor_user_id=user.id, actor_label=user.email,
                 organization_id=user.organization_id, after={"factors": factor_count},
                 client_ip=client_ip)
    return SignInResult(token=token, user_id=user.id, language=user.preferred_language)


def complete_sign_in(session: Session, pending_token: object, code: object, client_ip: str = "",
                     previous_token: object = None) -> SignInResult:
    """The second step: a code of the account's authenticator app or one of its recovery codes
    for the pending sign-in `pending_token` of this client address. A wrong code counts as a
    failed login; after `second_step.MAX_CODE_FAILURES` the password is asked again."""
    pending = second_step.find(session, pending_token, client_ip)
    user = session.get(User, pending.user_id) if pending is not None else None
    if pending is None or user is None or not user.is_active:
        return SignInResult(error_key=N_("auth.second_step_expired"))
    if throttle.is_locked(session, user.email):
        second_step.end_for_user(session, user.id)
        audit.record(session, action="auth.login_refused_locked", object_type="user",
                     object_id=user.id, actor_label=user.email, client_ip=client_ip)
        return SignInResult(error_key=N_("auth.locked"))
    if factors.redeem_code(session, user, code, client_ip) is None:
        ended = second_step.count_failure(session, pending)
        return SignInResult(error_key=N_("auth.second_step_expired") if ended
                            else N_("auth.code_wrong"), pending=None if ended else pending_token)
    session.delete(pending)
    return _signed_in(session, user, client_ip, previous_token, factor_count=2)


def sign_in_with_passkey(session: Session, credential_json: object, client_ip: str = "",
                         previous_token: object = None) -> SignInResult:
    """A sign-in with a passkey alone (discoverable, user verification required: two factors).
    A refused one slows the client address down like a wrong password. An account locked by
    wrong passwords still signs in with its passkey: nobody guesses one."""
    try:
        user = passkeys.verify_sign_in(session, credential_json, client_ip)
    except ValidationFailed:
        throttle.record_failure(session, "", client_ip)
        audit.record(session, action="auth.passkey_failed", object_type="user",
                     client_ip=client_ip)
        return SignInResult(error_key=N_("passkey.failed"))
    audit.record(session, action="auth.passkey_used", object_type="user", object_id=user.id,
                 actor_user_id=user.id, actor_label=user.email,
                 organization_id=user.organization_id, after={"factor": "passkey"},
                 client_ip=client_ip)
    return _signed_in(session, user, client_ip, previous_token, factor_count=2)


def sign_in_with_passkey_for_browser(session: Session, credential_json: object,
                                     client_ip: str = "", previous_token: object = None
                                     ) -> SignInResult:
    """`sign_in_with_passkey` for a browser (`_for_browser`)."""
    return _for_browser(session, sign_in_with_passkey(session, credential_json, client_ip,
                                                      previous_token))


def _for_browser(session: Session, result: SignInResult) -> SignInResult:
    """Instead of the session's token, a single-use ticket that the browser redeems over HTTP
    (shell/session_routes) for a fresh token in its cookie."""
    if result.token is None:
        return result
    return dataclasses.replace(result, token=None,
                               ticket=sessions.issue_ticket(session, result.token))


def sign_in_for_browser(session: Session, raw_email: object, password: object,
                        client_ip: str = "", previous_token: object = None) -> SignInResult:
    """`sign_in` for a browser (`_for_browser`)."""
    return _for_browser(session, sign_in(session, raw_email, password, client_ip,
                                         previous_token))


def complete_sign_in_for_browser(session: Session, pending_token: object, code: object,
                                 client_ip: str = "", previous_token: object = None
                                 ) -> SignInResult:
    """`complete_sign_in` for a browser (`_for_browser`)."""
    return _for_browser(session, complete_sign_in(session, pending_token, code, client_ip,
                                                  previous_token))


def sign_out(session: Session, token: object, actor: Actor | None = None) -> None:
    sessions.end_session(session, token)
    if actor is not None:
        audit.record(session, action="auth.logout", object_type="user", object_id=actor.user_id,
                     actor_user_id=actor.user_id, organization_id=actor.organization_id,
                     client_ip=actor.client_ip)


def own_account(session: Session, actor: Actor) -> User:
    """The signed-in person's own (active) account."""
    user = session.get(User, actor.user_id)
    if user is None or not user.is_active:
        raise PermissionDenied()
    return user


def _check_new_password(session: Session, user: User, password: object) -> None:
    """The one strength check of every password set, with the person's own name, email
    address and organization as words an attacker knows."""
    organization = session.get(Organization, user.organization_id) if user.organization_id else None
    names = (user.full_name, organization.name if organization else "")
    passwords.validate_new_password(password, email=user.email, names=names)


def change_password(session: Session, actor: Actor, current: object, new: object) -> None:
    """Needs the current password; ends every other session of the user."""
    user = own_account(session, actor)
    if not passwords.verify_password(current if isinstance(current, str) else "", user.password_hash):
        raise ValidationFailed("password.current_wrong", field="current_password")
    _check_new_password(session, user, new)
    user.password_hash = passwords.hash_password(new)
    session.add(user)
    void_open_links(session, user.id)
    ended = sessions.end_user_sessions(session, user.id, keep_session_id=actor.session_id)
    audit.record(session, action="auth.password_changed", object_type="user", object_id=user.id,
                 actor_user_id=user.id, organization_id=user.organization_id,
                 after={"other_sessions_ended": ended}, client_ip=actor.client_ip)


def set_language(session: Session, actor: Actor, language: object) -> str:
    if language not in LANGUAGES:
        raise ValidationFailed("language.unknown", field="language")
    user = own_account(session, actor)
    before = user.preferred_language
    user.preferred_language = language
    session.add(user)
    audit.record(session, action="user.language_changed", object_type="user", object_id=user.id,
                 actor_user_id=user.id, organization_id=user.organization_id,
                 before={"preferred_language": before}, after={"preferred_language": language},
                 client_ip=actor.client_ip)
    return language


def _issue_account_token(session: Session, user: User, purpose: TokenPurpose, valid_for: timedelta) -> str:
    token = new_token()
    now = clock.now()
    session.add(AccountToken(token_hash=token_hash(token), user_id=user.id, purpose=purpose.value,
                             created_at=now, expires_at=now + valid_for))
    return token


def _link(path: str, token: str) -> str:
    return f"{get_settings().public_origin}{path}?token={token}"


def request_password_reset(session: Session, raw_email: object, client_ip: str = "") -> None:
    """Sends a single-use link when an active account exists; a new link voids the older open
    ones. At most 3 requests per address and 10 per client address within 15 minutes are served
    (accounts.throttle). The caller answers the same either way."""
    try:
        email = normalize_email(raw_email)
    except ValidationFailed:
        return
    user = session.exec(select(User).where(User.email == email)).first()
    allowed = throttle.reset_request_allowed(session, email, client_ip)
    audit.record(session, action=throttle.RESET_REQUESTED if allowed else throttle.RESET_THROTTLED,
                 object_type="user", object_id=user.id if user else "", actor_label=email,
                 client_ip=client_ip)
    if not allowed or user is None or not user.is_active or user.password_hash is None:
        return
    void_open_links(session, user.id, TokenPurpose.PASSWORD_RESET.value)  # the newest link only
    minutes = get_settings().reset_link_minutes
    token = _issue_account_token(session, user, TokenPurpose.PASSWORD_RESET, timedelta(minutes=minutes))
    enqueue_reset_mail(session, user, _link("/reset-password", token))


def _valid_account_token(session: Session, token: object, purpose: TokenPurpose) -> AccountToken:
    if not isinstance(token, str) or not token or len(token) > 200:
        raise NotFound("token.invalid")
    row = session.exec(select(AccountToken).where(AccountToken.token_hash == token_hash(token))).first()
    if row is None or row.purpose != purpose.value or row.used_at is not None:
        raise NotFound("token.invalid")
    if clock.now() >= clock.as_utc(row.expires_at):
        raise NotFound("token.expired")
    return row


def describe_invitation(session: Session, token: object) -> Invitation:
    """What the invitation page shows before the password is set."""
    row = _valid_account_token(session, token, TokenPurpose.INVITATION)
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        raise NotFound("token.invalid")
    organization = session.get(Organization, user.organization_id) if user.organization_id else None
    return Invitation(full_name=user.full_name, email=user.email,
                      organization=organization.name if organization else "")


def _redeem(session: Session, token: object, purpose: TokenPurpose, new_password: object) -> User:
    row = _valid_account_token(session, token, purpose)
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        raise NotFound("token.invalid")
    _check_new_password(session, user, new_password)
    # Mark used with a conditional update, so two concurrent redemptions cannot both succeed.
    claimed = session.exec(
        AccountToken.__table__.update()
        .where(AccountToken.id == row.id, AccountToken.used_at.is_(None))
        .values(used_at=clock.now())
    ).rowcount
    if claimed != 1:
        raise NotFound("token.invalid")
    # Every other open link of this user (reset or invitation) is void now too.
    void_open_links(session, user.id)
    user.password_hash = passwords.hash_password(new_password)
    session.add(user)
    sessions.end_user_sessions(session, user.id)
    return user


def reset_password(session: Session, token: object, new_password: object, client_ip: str = "") -> None:
    user = _redeem(session, token, TokenPurpose.PASSWORD_RESET, new_password)
    throttle.clear_account(session, user.email)
    audit.record(session, action="auth.password_reset", object_type="user", object_id=user.id,
                 actor_user_id=user.id, organization_id=user.organization_id, client_ip=client_ip)


def accept_invitation(session: Session, token: object, new_password: object, client_ip: str = "") -> None:
    user = _redeem(session, token, TokenPurpose.INVITATION, new_password)
    audit.record(session, action="user.invitation_accepted", object_type="user", object_id=user.id,
                 actor_user_id=user.id, organization_id=user.organization_id, client_ip=client_ip)


def invite_contact(
    session: Session,
    actor: Actor,
    *,
    organization_id: object,
    raw_email: object,
    full_name: object,
    role: object = Role.CONTACT.value,
) -> User | None:
    """An org_manager invites into their own organization, staff into any. Staff accounts come
    from `harzportal create-admin`, never from an invitation.

    An address that already has an account is refused as taken only where the actor can see
    that account anyway: staff, or a manager whose own organization it belongs to. For an
    account elsewhere (another organization's, a staff account) the manager gets the answer of
    a sent invitation, so the form tells nobody which addresses have accounts: nothing is
    created or changed, the account's owner gets a note instead of a link (`None` is
    returned). Both ways do the same work: no password hashing, one mail, one audit event."""
    if not is_id(organization_id):
        raise ValidationFailed("organization.required", field="organization_id")
    require(actor, Action.INVITE_CONTACT, organization_id)
    organization = get_or_not_found(session, Organization, organization_id)
    if role not in (Role.CONTACT.value, Role.ORG_MANAGER.value):
        raise ValidationFailed("role.invalid", field="role")
    email = normalize_email(raw_email)
    name = single_line(full_name)  # no control characters (PostgreSQL refuses NUL)
    if not 2 <= len(name) <= 200:
        raise ValidationFailed("name.invalid", field="full_name")
    existing = session.exec(select(User).where(User.email == email)).first()
    if existing is not None and (actor.is_staff or existing.organization_id == organization.id):
        raise Conflict("email.taken", field="email")
    inviter = own_account(session, actor)
    if existing is not None:
        _note_invitation_of_existing_account(session, actor, existing, inviter, organization,
                                             name=name, role=role)
        return None
    user = User(email=email, full_name=name, organization_id=organization.id, role=role,
                preferred_language=inviter.preferred_language)
    session.add(user)
    session.flush()
    days = get_settings().invitation_days
    token = _issue_account_token(session, user, TokenPurpose.INVITATION, timedelta(days=days))
    enqueue_invitation_mail(session, user, inviter, organization, _link("/invitation", token))
    audit.record(session, action="user.invited", object_type="user", object_id=user.id,
                 actor_user_id=actor.user_id, organization_id=organization.id,
                 after={"email": email, "full_name": name, "role": role},
                 client_ip=actor.client_ip)
    return user


def _note_invitation_of_existing_account(session: Session, actor: Actor, existing: User,
                                         inviter: User, organization: Organization, *,
                                         name: str, role: str) -> None:
    """A manager invited an address whose account they may not know of. The owner (if still
    active) learns who tried, once a day at most (repeated tries send no more mail); the audit
    event is the invitation's, marked, so the manager's own data export shows the same row as
    for an invitation."""
    noted_today = session.exec(select(OutboxEmail.id).where(
        OutboxEmail.recipient == existing.email, OutboxEmail.kind == EXISTING_ACCOUNT_MAIL,
        OutboxEmail.created_at >= clock.now() - timedelta(days=1))).first()
    if existing.is_active and noted_today is None:
        enqueue_existing_account_mail(session, existing, inviter, organization)
    audit.record(session, action="user.invited", object_type="user", object_id=existing.id,
                 actor_user_id=actor.user_id, organization_id=organization.id,
                 after={"email": existing.email, "full_name": name, "role": role,
                        "existing_account": True},
                 client_ip=actor.client_ip)
