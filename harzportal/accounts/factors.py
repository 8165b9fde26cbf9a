"""Second factors: passkeys (accounts/passkeys.py), the authenticator app (TOTP, RFC 6238,
through pyotp) and its ten single-use recovery codes; who must have one
(HARZPORTAL_MFA_REQUIRED_ROLES); staff resetting a person's.

A code is accepted for the time step before, the current one and the one after (a clock
window of ±30 s), and only for a step newer than the last accepted one: no code works twice.
Recovery codes (about 119 random bits each) are stored as their SHA-256 only and claimed by one
conditional UPDATE.

Every wrong code counts as a failed login of the account (`throttle`): five lock the account,
and they slow the client address down, exactly like wrong passwords. Functions that check a
code therefore return an outcome instead of raising on a wrong one, so that the failure is
committed with the caller's unit of work.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import pyotp
from sqlalchemy import exists, or_
from sqlmodel import Session, delete, select, update

from harzportal.accounts import passkeys, passwords, sessions, throttle
from harzportal.accounts.mails import FactorMail, enqueue_factor_mail
from harzportal.accounts.models import Passkey, RecoveryCode, TotpFactor, User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.settings import get as get_settings

STEP_SECONDS = 30
CODE_DIGITS = 6
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
# 24 characters of 31: about 119 bits, so a plain SHA-256 is a sound way to store them
# (ASVS 5.0 6.5.2 asks for a salted password hash below 112 bits).
_RECOVERY_GROUPS, _RECOVERY_GROUP_LENGTH = 6, 4
MAX_CODE_LENGTH = 64  # anything longer is no code of ours


class FactorKind(StrEnum):
    """Which factor a code was accepted as (recorded in the audit trail)."""

    TOTP = "totp"
    RECOVERY_CODE = "recovery_code"


@dataclass(frozen=True)
class TotpEnrolment:
    """What the enrolment page shows: the secret for typing in and the URI for the QR code."""

    secret: str
    uri: str


@dataclass(frozen=True)
class FactorStatus:
    totp_enabled: bool
    enrolled_at: datetime | None
    recovery_codes_left: int
    required: bool  # the person's role must have a second factor
    passkeys: tuple[passkeys.PasskeyListing, ...] = ()


def _confirmed_totp(session: Session, user_id: int) -> TotpFactor | None:
    return session.exec(select(TotpFactor).where(TotpFactor.user_id == user_id,
                                                 TotpFactor.confirmed_at.is_not(None))).first()


def has_second_factor(session: Session, user_id: int) -> bool:
    """A passkey or a confirmed authenticator app (one statement: it runs with every event of
    a person whose role requires a factor, `must_enrol`)."""
    app = select(TotpFactor.id).where(TotpFactor.user_id == user_id,
                                      TotpFactor.confirmed_at.is_not(None))
    key = select(Passkey.id).where(Passkey.user_id == user_id)
    return bool(session.exec(select(or_(exists(app), exists(key)))).one())


def role_requires_factor(role: str) -> bool:
    return role in get_settings().roles_requiring_mfa


def must_enrol(session: Session, user: User) -> bool:
    """Whether the account is held at the enrolment of a second factor: its role requires one,
    the policy is enforced (settings.mfa_enforced) and it has none."""
    return (get_settings().mfa_enforced and role_requires_factor(user.role)
            and not has_second_factor(session, user.id))


def _user_of(session: Session, actor: Actor) -> User:
    user = session.get(User, actor.user_id)
    if user is None or not user.is_active:
        raise PermissionDenied()
    return user


def factor_status(session: Session, actor: Actor) -> FactorStatus:
    user = _user_of(session, actor)
    totp = _confirmed_totp(session, user.id)
    left = session.exec(select(RecoveryCode.id).where(RecoveryCode.user_id == user.id,
                                                      RecoveryCode.used_at.is_(None))).all()
    return FactorStatus(totp_enabled=totp is not None,
                        enrolled_at=totp.confirmed_at if totp else None,
                        recovery_codes_left=len(left) if totp else 0,
                        required=role_requires_factor(user.role),
                        passkeys=tuple(passkeys.list_passkeys(session, actor)))


def start_totp_enrolment(session: Session, actor: Actor) -> TotpEnrolment:
    """A new secret for the app (replacing one not yet confirmed); refused while one is active."""
    user = _user_of(session, actor)
    if _confirmed_totp(session, user.id) is not None:
        raise Conflict("totp.already_enabled")
    session.exec(delete(TotpFactor).where(TotpFactor.user_id == user.id))
    secret = pyotp.random_base32()
    session.add(TotpFactor(user_id=user.id, secret=secret, created_at=clock.now()))
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email,
                                              issuer_name=get_settings().network_short_name)
    return TotpEnrolment(secret=secret, uri=uri)


def _current_step() -> int:
    return int(clock.now().timestamp()) // STEP_SECONDS


def _digits(code: object) -> str | None:
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH:
        return None
    compact = code.replace(" ", "").strip()
    return compact if len(compact) == CODE_DIGITS and compact.isascii() and compact.isdigit() \
        else None


def _claim_totp_step(session: Session, factor: TotpFactor, code: object) -> bool:
    """True when `code` is the app's code of a step in the window newer than the last one used;
    that step is then the last used (one conditional UPDATE: two requests cannot both win)."""
    digits = _digits(code)
    if digits is None:
        return False
    totp = pyotp.TOTP(factor.secret)
    now = _current_step()
    for step in (now - 1, now, now + 1):
        if not hmac.compare_digest(totp.generate_otp(step), digits):
            continue
        if factor.last_used_step is not None and step <= factor.last_used_step:
            return False  # a replayed code
        newer = (TotpFactor.last_used_step.is_(None)) | (TotpFactor.last_used_step < step)
        claimed = session.exec(update(TotpFactor).where(TotpFactor.id == factor.id, newer)
                               .values(last_used_step=step)
                               .execution_options(synchronize_session=False)).rowcount
        session.refresh(factor)
        return claimed == 1
    return False


def _normalized_recovery_code(code: object) -> str | None:
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH:
        return None
    compact = "".join(char for char in code.lower() if char not in " -")
    length = _RECOVERY_GROUPS * _RECOVERY_GROUP_LENGTH
    return compact if len(compact) == length and set(compact) <= set(_RECOVERY_ALPHABET) \
        else None


def _recovery_hash(normalized: str) -> str:
    return hashlib.sha256(normalized.encode("ascii")).hexdigest()


def _claim_recovery_code(session: Session, user_id: int, code: object) -> bool:
    normalized = _normalized_recovery_code(code)
    if normalized is None:
        return False
    claimed = session.exec(update(RecoveryCode).where(
        RecoveryCode.user_id == user_id, RecoveryCode.code_hash == _recovery_hash(normalized),
        RecoveryCode.used_at.is_(None)).values(used_at=clock.now())
        .execution_options(synchronize_session=False)).rowcount
    return claimed == 1


def _new_recovery_codes(session: Session, user_id: int) -> list[str]:
    """Ten fresh codes (the old ones void), shown once: only their hashes are kept."""
    session.exec(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    codes = []
    now = clock.now()
    for _ in range(RECOVERY_CODES):
        groups = ["".join(secrets.choice(_RECOVERY_ALPHABET)
                          for _ in range(_RECOVERY_GROUP_LENGTH))
                  for _ in range(_RECOVERY_GROUPS)]
        code = "-".join(groups)
        codes.append(code)
        session.add(RecoveryCode(user_id=user_id, code_hash=_recovery_hash("".join(groups)),
                                 created_at=now))
    return codes


def redeem_code(session: Session, user: User, code: object, client_ip: str = "") -> FactorKind | None:
    """The kind of factor `code` is (a current app code, or an unused recovery code, then used
    up), or None. Every refusal counts as a failed login of the account; every use and every
    failure is audited. A locked account accepts no code."""
    factor = _confirmed_totp(session, user.id)
    kind = None
    if factor is not None and not throttle.is_locked(session, user.email):
        if _claim_totp_step(session, factor, code):
            kind = FactorKind.TOTP
        elif _claim_recovery_code(session, user.id, code):
            kind = FactorKind.RECOVERY_CODE
    if kind is None:
        throttle.record_failure(session, user.email, client_ip)
        audit.record(session, action="auth.second_factor_failed", object_type="user",
                     object_id=user.id, actor_user_id=user.id, actor_label=user.email,
                     organization_id=user.organization_id, client_ip=client_ip)
        return None
    action = "auth.recovery_code_used" if kind == FactorKind.RECOVERY_CODE \
        else "auth.second_factor_used"
    audit.record(session, action=action, object_type="user", object_id=user.id,
                 actor_user_id=user.id, actor_label=user.email,
                 organization_id=user.organization_id, after={"factor": kind.value},
                 client_ip=client_ip)
    return kind


def confirm_totp_enrolment(session: Session, actor: Actor, code: object) -> list[str]:
    """The first code from the app switches the factor on; the ten recovery codes are returned
    (to be shown once). A wrong code is refused (nothing changes)."""
    user = _user_of(session, actor)
    factor = session.exec(select(TotpFactor).where(TotpFactor.user_id == user.id)).first()
    if factor is None or factor.confirmed_at is not None:
        raise Conflict("totp.no_enrolment")
    if not _claim_totp_step(session, factor, code):
        raise ValidationFailed("totp.code_wrong", field="code")
    factor.confirmed_at = clock.now()
    session.add(factor)
    codes = _new_recovery_codes(session, user.id)
    audit.record(session, action="auth.factor_added", object_type="user", object_id=user.id,
                 actor_user_id=user.id, organization_id=user.organization_id,
                 after={"factor": FactorKind.TOTP.value}, client_ip=actor.client_ip)
    enqueue_factor_mail(session, user, FactorMail.ADDED)
    return codes


def disable_totp(session: Session, actor: Actor, code: object) -> bool:
    """Switches the app off with a current code of it or a recovery code: True when done,
    False for a wrong code (a failed login of the account, committed by the caller)."""
    user = _user_of(session, actor)
    if _confirmed_totp(session, user.id) is None:
        raise Conflict("totp.not_enabled")
    if redeem_code(session, user, code, actor.client_ip or "") is None:
        return False
    _remove_totp(session, user)
    audit.record(session, action="auth.factor_removed", object_type="user", object_id=user.id,
                 actor_user_id=user.id, organization_id=user.organization_id,
                 before={"factor": FactorKind.TOTP.value}, client_ip=actor.client_ip)
    enqueue_factor_mail(session, user, FactorMail.REMOVED)
    return True


def _remove_totp(session: Session, user: User) -> None:
    session.exec(delete(TotpFactor).where(TotpFactor.user_id == user.id))
    session.exec(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def add_passkey(session: Session, actor: Actor, name: object, credential_json: object) -> None:
    """Keeps the passkey the browser created (passkeys.register) and tells the person."""
    user = _user_of(session, actor)
    passkeys.register(session, actor, name, credential_json)
    enqueue_factor_mail(session, user, FactorMail.ADDED)


def remove_passkey(session: Session, actor: Actor, passkey_id: object, secret: object) -> bool:
    """Removes one of the actor's passkeys with the account's password or a current code of
    its app (or a recovery code): True when done, False for a wrong one (a failed login of the
    account, committed by the caller)."""
    user = _user_of(session, actor)
    passkeys.list_passkeys(session, actor)  # an inactive account is refused before any check
    password_ok = isinstance(secret, str) and len(secret) <= 1024 and \
        passwords.verify_password(secret, user.password_hash)
    if throttle.is_locked(session, user.email) or not (
            password_ok or redeem_code(session, user, secret, actor.client_ip or "")):
        if password_ok:  # right password, but locked: still no removal
            throttle.record_failure(session, user.email, actor.client_ip or "")
        return False
    passkeys.remove(session, actor, passkey_id)
    enqueue_factor_mail(session, user, FactorMail.REMOVED)
    return True


def reset_second_factor(session: Session, actor: Actor, user_id: object) -> None:
    """Staff remove a person's second factor (a lost phone): every session of that person ends,
    the person is mailed and must enrol again (if the role requires it) at the next sign-in."""
    require(actor, Action.RESET_SECOND_FACTOR)
    user = get_or_not_found(session, User, user_id)
    if user.id == actor.user_id:
        raise PermissionDenied("factor.reset_own")
    if not has_second_factor(session, user.id):
        raise NotFound("factor.none")
    had_app = _confirmed_totp(session, user.id) is not None
    _remove_totp(session, user)
    removed_passkeys = passkeys.remove_all(session, user.id)
    sessions.end_user_sessions(session, user.id)
    audit.record(session, action="auth.factor_reset", object_type="user", object_id=user.id,
                 actor_user_id=actor.user_id, organization_id=user.organization_id,
                 before={"authenticator_app": had_app, "passkeys": removed_passkeys},
                 client_ip=actor.client_ip)
    enqueue_factor_mail(session, user, FactorMail.RESET)
