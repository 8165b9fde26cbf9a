"""The kinds of value a setting takes (harzportal/settings.py): each a typed pydantic field with
its check and the words that tell an operator what is allowed ("a whole number from 1 to 30",
"five crontab fields …"). settings.py names the variables; this module says what they accept."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, AnyHttpUrl, BeforeValidator, Field, TypeAdapter, ValidationError


# The accent colours Radix offers (reflex_components_radix LiteralAccentColor; a test compares).
ACCENT_COLORS = ("gray", "gold", "bronze", "brown", "yellow", "amber", "orange", "tomato", "red",
                 "ruby", "crimson", "pink", "plum", "purple", "violet", "iris", "indigo", "blue",
                 "cyan", "teal", "jade", "green", "grass", "lime", "mint", "sky")
FLAG_WORDS = {"true": True, "1": True, "yes": True, "on": True,
              "false": False, "0": False, "no": False, "off": False}
FLAG_ALLOWED = "true/false, 1/0, yes/no, on/off"


@dataclass(frozen=True)
class Allowed:
    """What a variable of this type accepts, in the words of the start-up error and README."""

    text: str


def _checked(allowed: str, check: Callable[[str], str | None]) -> tuple[Allowed, AfterValidator]:
    """Metadata of a text type: `check` gives the value as the code reads it, or None."""
    def validate(value: str) -> str:
        checked = check(value)
        if checked is None:
            raise ValueError(allowed)
        return checked
    return Allowed(allowed), AfterValidator(validate)


def _pattern(regex: str, normalize: Callable[[str], str] = str) -> Callable[[str], str | None]:
    compiled = re.compile(regex)
    return lambda value: normalize(value) if compiled.fullmatch(value) else None


def _flag(value: Any) -> Any:
    if isinstance(value, str):
        if value.lower() not in FLAG_WORDS:
            raise ValueError(FLAG_ALLOWED)
        return FLAG_WORDS[value.lower()]
    return value


def _whole_number(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]+", value):
        raise ValueError("not a whole number")
    return value


def whole_number(low: int, high: int) -> Any:
    """A whole number from `low` to `high` (a field's type: `whole_number(1, 30)`)."""
    return Annotated[int, BeforeValidator(_whole_number), Field(ge=low, le=high)]


def lower_case(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


_HTTP_URL = TypeAdapter(AnyHttpUrl)


def _origin(value: str) -> str | None:
    """The origin as browsers send it: lower-case host, no default port, no path."""
    try:
        url = _HTTP_URL.validate_python(value)
    except ValidationError:
        return None
    if url.path not in (None, "/") or url.query or url.fragment or url.username:
        return None
    return str(url).rstrip("/")


def _redis_url(value: str) -> str | None:
    parts = urlsplit(value)
    if (parts.scheme in ("redis", "rediss") and parts.hostname) or (
            parts.scheme == "unix" and parts.path):
        return value
    return None


def _iban(value: str) -> str | None:
    iban = value.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        return None
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    return iban if int(digits) % 97 == 1 else None


_MAIL_ADDRESS = r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+"


def _mailbox(value: str) -> str | None:
    return value if re.fullmatch(_MAIL_ADDRESS, parseaddr(value)[1]) else None


Text = Annotated[str, Allowed("any text")]
Port = whole_number(1, 65535)
Flag = Annotated[bool, BeforeValidator(_flag)]
Origin = Annotated[str, *_checked("an http:// or https:// address without a path, e.g. "
                                  "https://portal.example.org", _origin)]
DatabaseUrl = Annotated[str, *_checked(
    "sqlite:///path/to/file.db or postgresql+psycopg://user:password@host/database",
    _pattern(r"sqlite:///.+|postgresql\+psycopg://[^/]+/[^/]+"))]
RedisUrl = Annotated[str, *_checked("redis://host:port/db, rediss://… or unix:///path",
                                    _redis_url)]
HostName = Annotated[str, *_checked("a host name or IP address, without scheme or port",
                                    _pattern(r"[A-Za-z0-9.-]+|\[?[0-9A-Fa-f:.]+\]?"))]
Mailbox = Annotated[str, *_checked("an address such as Name <name@example.org>", _mailbox)]
MailAddress = Annotated[str, *_checked("an e-mail address such as name@example.org",
                                       _pattern(_MAIL_ADDRESS))]
HexColor = Annotated[str, *_checked("a colour #rgb or #rrggbb",
                                    _pattern(r"#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?"))]
InvoicePrefix = Annotated[str, *_checked("1 to 16 letters, digits or hyphens",
                                         _pattern(r"[A-Za-z0-9][A-Za-z0-9-]{0,15}"))]
CountryCode = Annotated[str, *_checked("a two-letter ISO 3166 country code, e.g. DE",
                                       _pattern(r"[A-Za-z]{2}", str.upper))]
SignatoryLine = Annotated[str, *_checked("one line of 1 to 80 characters",
                                         _pattern(r"[^\x00-\x1f\x7f]{1,80}"))]
Iban = Annotated[str, *_checked("an IBAN with a valid check sum", _iban)]
# The roles whose accounts must have a second factor; network_admin always among them.
MFA_ROLES = ("network_admin", "org_manager")


def _mfa_roles(value: str) -> str | None:
    roles = {part.strip().lower() for part in value.split(",") if part.strip()}
    if not roles or not roles <= set(MFA_ROLES) or "network_admin" not in roles:
        return None
    return ",".join(role for role in MFA_ROLES if role in roles)


MfaRoles = Annotated[str, *_checked("network_admin or network_admin,org_manager", _mfa_roles)]
def _creditor_id(value: str) -> str | None:
    from stdnum.eu import at_02  # the SEPA creditor identifier (AT-02), check digits included

    return at_02.compact(value) if at_02.is_valid(value) else None


CreditorId = Annotated[str, *_checked(
    "a SEPA creditor identifier with valid check digits, e.g. DE98ZZZ09999999999", _creditor_id)]
Bic = Annotated[str, *_checked("a BIC of 8 or 11 letters and digits",
                               _pattern(r"[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?", str.upper))]


def _reminder_levels(value: str) -> str | None:
    names = [name.strip() for name in value.split(";")]
    if not 1 <= len(names) <= 5 or not all(0 < len(name) <= 40 for name in names):
        return None
    return ";".join(names)


ReminderLevels = Annotated[str, *_checked("1 to 5 names of up to 40 characters, separated by ;",
                                          _reminder_levels)]


# The accountant's export (issue 18): account numbers of the DATEV Buchungsstapel.
DATEV_ACCOUNT_KEYS = ("bank", "revenue", "fees", "debtors")
DATEV_ACCOUNTS_DEFAULT = "bank=0945;revenue=2110;fees=2450;debtors=10000"


def _datev_accounts(value: str) -> str | None:
    pairs = [part.split("=", 1) for part in value.split(";") if part.strip()]
    if any(len(pair) != 2 for pair in pairs):
        return None
    given = {key.strip(): number.strip() for key, number in pairs}
    if set(given) - set(DATEV_ACCOUNT_KEYS) or not all(
            re.fullmatch(r"\d{4,9}", number) for number in given.values()):
        return None
    merged = dict(pair.split("=") for pair in DATEV_ACCOUNTS_DEFAULT.split(";")) | given
    return ";".join(f"{key}={merged[key]}" for key in DATEV_ACCOUNT_KEYS)


DatevAccounts = Annotated[str, *_checked(
    "key=number pairs separated by ; with the keys bank, revenue, fees, debtors "
    "(4 to 9 digits each), e.g. bank=0945;revenue=2110", _datev_accounts)]
def _schedule(value: str) -> str | None:
    """Five crontab fields (minute hour day month weekday) as Huey reads them, or off."""
    fields = value.split()
    if [field.lower() for field in fields] == ["off"]:
        return "off"
    if len(fields) != 5:
        return None
    from huey import crontab

    try:
        crontab(*fields)
    except ValueError:
        return None
    return " ".join(fields)


Schedule = Annotated[str, *_checked(
    "five crontab fields (minute hour day month weekday) in Europe/Berlin time, e.g. "
    "15 3 * * *, or off", _schedule)]


QueueName = Annotated[str, *_checked("1 to 40 letters, digits, hyphens or dots",
                                     _pattern(r"[A-Za-z0-9.-]{1,40}"))]
