"""Every setting of HarzPortal, read from the environment, with safe defaults, in one place.

Reflex itself only reads variables with the REFLEX_ prefix (REFLEX_DB_URL, REFLEX_REDIS_URL);
our own settings use the HARZPORTAL_ prefix. `Variables` is what operators type: one typed
pydantic-settings field per variable, with its bounds or its allowed values. A wrong value
never falls back to a guess: the process stops with one line per wrong variable (name, value
given, what is allowed), all wrong ones at once. An unknown HARZPORTAL_* variable is most likely
a typo and is warned about once, with the closest known name. `Settings` is what the code reads
(`settings.smtp_port`, `get().seller`). Values are read once per process; tests that need other
values set the environment and call `reload()`.
"""

import difflib
import logging
import os
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import (
    BeforeValidator,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, SettingsConfigDict

from harzportal.setting_values import (
    ACCENT_COLORS,
    Allowed,
    Bic,
    CountryCode,
    CreditorId,
    DatabaseUrl,
    DATEV_ACCOUNTS_DEFAULT,
    DatevAccounts,
    Flag,
    FLAG_ALLOWED,
    HexColor,
    HostName,
    Iban,
    InvoicePrefix,
    lower_case,
    MailAddress,
    Mailbox,
    MfaRoles,
    Origin,
    Port,
    QueueName,
    RedisUrl,
    ReminderLevels,
    Schedule,
    SignatoryLine,
    Text,
    whole_number,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PREFIX = "HARZPORTAL_"
log = logging.getLogger("harzportal.settings")

# Read by the test and benchmark tools, never by the portal: not a typo.
TOOLING_VARIABLES = frozenset({
    "HARZPORTAL_TEST_DB_URL",  # tests/conftest.py, .ci/run: the test database
    "HARZPORTAL_TEST_PG_SERVER",  # tests/e2e/test_scale_out.py
    "HARZPORTAL_TEST_REDIS_SERVER",  # tests/e2e/test_scale_out.py
    "HARZPORTAL_SCALED_WEB_DIR",  # tests/e2e/test_scale_out.py
    "HARZPORTAL_E2E_WEB_DIR",  # tests/e2e/conftest.py
    "HARZPORTAL_PROXY_WEB_DIR",  # tests/e2e/test_reverse_proxy.py
})


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class SmtpTls(StrEnum):
    """What harzportal/mail/sender.py hands to aiosmtplib."""

    NONE = "none"  # plain SMTP (a relay on the same host)
    STARTTLS = "starttls"  # upgrade after connecting, refused if the server cannot (port 587)
    TLS = "tls"  # TLS from the first byte (port 465)


class Variables(BaseSettings):
    """One field per environment variable (the alias), with its default and what it accepts."""

    model_config = SettingsConfigDict(case_sensitive=True, env_ignore_empty=True, extra="ignore",
                                      frozen=True)

    port: Port = Field(3000, validation_alias="PORT")
    environment: Annotated[Environment, BeforeValidator(lower_case)] = Field(
        Environment.DEVELOPMENT, validation_alias="HARZPORTAL_ENV")
    public_origin: Origin | None = Field(None, validation_alias="HARZPORTAL_PUBLIC_ORIGIN")
    trusted_proxy_hops: whole_number(0, 10) = Field(0, validation_alias="HARZPORTAL_TRUSTED_PROXY_HOPS")
    data_dir: Annotated[Path, Allowed("a folder path")] = Field(
        PROJECT_ROOT / "data", validation_alias="HARZPORTAL_DATA_DIR")
    db_url: DatabaseUrl | None = Field(None, validation_alias="REFLEX_DB_URL")
    redis_url: RedisUrl | None = Field(None, validation_alias="REFLEX_REDIS_URL")
    session_idle_minutes: whole_number(1, 1440) = Field(
        30, validation_alias="HARZPORTAL_SESSION_IDLE_MINUTES")
    session_absolute_hours: whole_number(1, 720) = Field(
        12, validation_alias="HARZPORTAL_SESSION_ABSOLUTE_HOURS")
    # How long a tab's Reflex state stays on the server after its last event (issue 23).
    client_state_seconds: whole_number(30, 86400) = Field(
        1800, validation_alias="HARZPORTAL_CLIENT_STATE_SECONDS")
    reset_link_minutes: whole_number(1, 1440) = Field(60, validation_alias="HARZPORTAL_RESET_LINK_MINUTES")
    invitation_days: whole_number(1, 90) = Field(7, validation_alias="HARZPORTAL_INVITATION_DAYS")
    smtp_host: HostName | None = Field(None, validation_alias="HARZPORTAL_SMTP_HOST")
    smtp_port: Port = Field(587, validation_alias="HARZPORTAL_SMTP_PORT")
    smtp_user: Text | None = Field(None, validation_alias="HARZPORTAL_SMTP_USER")
    smtp_password: Text | None = Field(None, validation_alias="HARZPORTAL_SMTP_PASSWORD",
                                       repr=False)
    smtp_tls: Annotated[SmtpTls, BeforeValidator(lower_case)] = Field(
        SmtpTls.STARTTLS, validation_alias="HARZPORTAL_SMTP_TLS")
    mail_from: Mailbox = Field("HarzPortal <portal@chemienetzwerk-harz.example>",
                               validation_alias="HARZPORTAL_MAIL_FROM")
    mail_max_attempts: whole_number(1, 100) = Field(8, validation_alias="HARZPORTAL_MAIL_MAX_ATTEMPTS")
    network_name: Text = Field("ChemieNetzwerk Harz", validation_alias="HARZPORTAL_NETWORK_NAME")
    network_short_name: Text = Field("HarzPortal", validation_alias="HARZPORTAL_NETWORK_SHORT_NAME")
    brand_color: HexColor = Field("#0b5d56", validation_alias="HARZPORTAL_BRAND_COLOR")
    accent_color: Annotated[Literal[ACCENT_COLORS], BeforeValidator(lower_case)] = Field(
        "teal", validation_alias="HARZPORTAL_ACCENT_COLOR")
    invoice_prefix: InvoicePrefix = Field("CNH", validation_alias="HARZPORTAL_INVOICE_PREFIX")
    invoice_payment_days: whole_number(0, 365) = Field(
        30, validation_alias="HARZPORTAL_INVOICE_PAYMENT_DAYS")
    max_upload_mb: whole_number(1, 1024) = Field(50, validation_alias="HARZPORTAL_MAX_UPLOAD_MB")
    retention_session_days: whole_number(1, 3650) = Field(
        30, validation_alias="HARZPORTAL_RETENTION_SESSION_DAYS")
    retention_login_failure_days: whole_number(1, 3650) = Field(
        30, validation_alias="HARZPORTAL_RETENTION_LOGIN_FAILURE_DAYS")
    retention_mail_days: whole_number(1, 3650) = Field(
        90, validation_alias="HARZPORTAL_RETENTION_MAIL_DAYS")
    bench_routes: Flag = Field(False, validation_alias="HARZPORTAL_BENCH_ROUTES")
    worker_header: Flag = Field(False, validation_alias="HARZPORTAL_WORKER_HEADER")
    seller_name: Text = Field("ChemieNetzwerk Harz e. V.", validation_alias="HARZPORTAL_SELLER_NAME")
    seller_street: Text = Field("Marktstraße 1", validation_alias="HARZPORTAL_SELLER_STREET")
    seller_postal_code: Text = Field("38640", validation_alias="HARZPORTAL_SELLER_POSTAL_CODE")
    seller_city: Text = Field("Goslar", validation_alias="HARZPORTAL_SELLER_CITY")
    seller_country: CountryCode = Field("DE", validation_alias="HARZPORTAL_SELLER_COUNTRY")
    seller_vat_id: Text = Field("DE999999999", validation_alias="HARZPORTAL_SELLER_VAT_ID")
    seller_tax_number: Text = Field("21/270/00000", validation_alias="HARZPORTAL_SELLER_TAX_NUMBER")
    seller_iban: Iban = Field("DE02120300000000202051", validation_alias="HARZPORTAL_SELLER_IBAN")
    seller_bic: Bic = Field("BYLADEM1001", validation_alias="HARZPORTAL_SELLER_BIC")
    seller_bank: Text = Field("Deutsche Kreditbank AG", validation_alias="HARZPORTAL_SELLER_BANK")
    seller_email: MailAddress = Field("buchhaltung@chemienetzwerk-harz.example",
                                      validation_alias="HARZPORTAL_SELLER_EMAIL")
    seller_phone: Text = Field("+49 5321 000000", validation_alias="HARZPORTAL_SELLER_PHONE")
    # Attendance certificates (seminars/certificates.py): who signs them for the network.
    certificate_signatory_name: SignatoryLine = Field(
        "Dr. Johanna Harzer", validation_alias="HARZPORTAL_CERTIFICATE_SIGNATORY_NAME")
    certificate_signatory_role: SignatoryLine = Field(
        "Geschäftsführerin", validation_alias="HARZPORTAL_CERTIFICATE_SIGNATORY_ROLE")
    # Invoice documents (issue 17): the seller's legal registration (BT-30, identifies it in
    # the e-invoice where no VAT id may stand, BR-CO-26); payment reminders: one PDF per
    # level, titled as named here, in this order.
    seller_register: Text = Field("VR 200001, Amtsgericht Braunschweig",
                                  validation_alias="HARZPORTAL_SELLER_REGISTER")
    reminder_levels: ReminderLevels = Field(
        "Zahlungserinnerung;1. Mahnung;2. Mahnung", validation_alias="HARZPORTAL_REMINDER_LEVELS")
    reminder_payment_days: whole_number(1, 60) = Field(
        14, validation_alias="HARZPORTAL_REMINDER_PAYMENT_DAYS")
    reminder_fee_cents: whole_number(0, 10000) = Field(
        0, validation_alias="HARZPORTAL_REMINDER_FEE_CENTS")
    # Payment reminder proposals (issue 19): a level is proposed once its deadline (the due
    # date, then the previous reminder's new deadline) is this many days past.
    reminder_wait_days: whole_number(1, 60) = Field(
        7, validation_alias="HARZPORTAL_REMINDER_WAIT_DAYS")
    # Credit notes of paid invoices (issue 17): the refund by transfer is due this many days
    # after the credit note.
    refund_days: whole_number(1, 90) = Field(14, validation_alias="HARZPORTAL_REFUND_DAYS")
    # Second factors: the roles that must enrol one before they can do anything (staff always),
    # and whether staff without one may work (unset: yes in development for the demo, no in
    # production, which then also refuses to start while a staff account has none).
    mfa_required_roles: MfaRoles = Field("network_admin",
                                         validation_alias="HARZPORTAL_MFA_REQUIRED_ROLES")
    allow_staff_without_mfa: Flag | None = Field(
        None, validation_alias="HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA")
    # Mails and circulars (issue 20): where a member's answer to any mail goes
    mail_reply_to: Mailbox = Field(
        "Netzwerkbüro ChemieNetzwerk Harz <buero@chemienetzwerk-harz.example>",
        validation_alias="HARZPORTAL_MAIL_REPLY_TO")
    # XRechnung for public-sector buyers (issue 17): the seller contact (BG-6: this name with
    # HARZPORTAL_SELLER_PHONE and HARZPORTAL_SELLER_EMAIL) and the seller's electronic address
    # (BT-34, an e-mail address, scheme EM).
    seller_contact_name: Text = Field("Buchhaltung",
                                      validation_alias="HARZPORTAL_SELLER_CONTACT_NAME")
    seller_einvoice_address: MailAddress = Field(
        "rechnung@chemienetzwerk-harz.example",
        validation_alias="HARZPORTAL_SELLER_EINVOICE_ADDRESS")
    # Jobs (issue 19): consumer threads each server process runs for the task queue (0: none,
    # jobs then run only in `harzportal worker` processes)
    job_threads: whole_number(0, 16) = Field(2, validation_alias="HARZPORTAL_JOB_THREADS")
    # The accountant's export (issue 18): DATEV consultant and client numbers, SKR 49 accounts
    datev_consultant: whole_number(1001, 9999999) = Field(
        1001, validation_alias="HARZPORTAL_DATEV_CONSULTANT")
    datev_client: whole_number(1, 99999) = Field(1, validation_alias="HARZPORTAL_DATEV_CLIENT")
    datev_accounts: DatevAccounts = Field(DATEV_ACCOUNTS_DEFAULT,
                                          validation_alias="HARZPORTAL_DATEV_ACCOUNTS")
    # The queue's name (its Redis keys start with huey.redis.<name>): two portals, or a test,
    # can share one Redis
    job_queue_name: QueueName = Field("harzportal-jobs",
                                      validation_alias="HARZPORTAL_JOB_QUEUE_NAME")
    # The portal's own schedule (issue 19): when each periodic job runs, Europe/Berlin time
    schedule_seminar_reminders: Schedule = Field(
        "5 * * * *", validation_alias="HARZPORTAL_SCHEDULE_SEMINAR_REMINDERS")
    schedule_exchange_digests: Schedule = Field(
        "30 6 * * *", validation_alias="HARZPORTAL_SCHEDULE_EXCHANGE_DIGESTS")
    schedule_purge: Schedule = Field("15 3 * * *", validation_alias="HARZPORTAL_SCHEDULE_PURGE")
    schedule_clean_files: Schedule = Field(
        "45 3 * * *", validation_alias="HARZPORTAL_SCHEDULE_CLEAN_FILES")
    schedule_mail_outbox: Schedule = Field(
        "* * * * *", validation_alias="HARZPORTAL_SCHEDULE_MAIL_OUTBOX")
    schedule_payment_reminder_proposals: Schedule = Field(
        "0 7 * * 1-5", validation_alias="HARZPORTAL_SCHEDULE_PAYMENT_REMINDER_PROPOSALS")
    # SEPA direct debit (issue 18): the network's creditor identifier (printed in every mandate
    # and pre-notification, BT-90 of the e-invoice, the pain.008 file) and the pre-notification
    # period in business days (collection date = max(due date, issue date + this)).
    sepa_creditor_id: CreditorId = Field("DE98ZZZ09999999999",
                                         validation_alias="HARZPORTAL_SEPA_CREDITOR_ID")
    sepa_prenotification_days: whole_number(1, 30) = Field(
        5, validation_alias="HARZPORTAL_SEPA_PRENOTIFICATION_DAYS")

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings,
                                   dotenv_settings, file_secret_settings):
        """The environment only: no .env file, no secrets folder, no keyword arguments."""
        return (env_settings,)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any, info) -> Any:
        """Surrounding blanks are dropped (not from the password); a blank value is unset."""
        if isinstance(value, str):
            if info.field_name != "smtp_password":
                value = value.strip()
            if not value.strip():
                raise PydanticUseDefault()
        return value


def variable_names() -> dict[str, str]:
    """Every variable the portal reads, by field name."""
    return {name: field.validation_alias for name, field in Variables.model_fields.items()}


def _allowed_in(annotation: Any, metadata: list[Any]) -> str | None:
    for item in metadata:
        if isinstance(item, Allowed):
            return item.text
    if get_origin(annotation) is Annotated:
        inner, *extra = get_args(annotation)
        return _allowed_in(inner, [*extra, *metadata])
    if get_origin(annotation) in (Union, types.UnionType):
        [inner] = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _allowed_in(inner, metadata)
    if get_origin(annotation) is Literal:
        return ", ".join(get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ", ".join(member.value for member in annotation)
    if annotation is bool:
        return FLAG_ALLOWED
    if annotation is int:
        low = next(item.ge for item in metadata if isinstance(item, Ge))
        high = next(item.le for item in metadata if isinstance(item, Le))
        return f"a whole number from {low} to {high}"
    return None


def allowed_values(variable: str) -> str:
    """What `variable` accepts, as the start-up error and the README's settings table say it."""
    [field] = [field for field in Variables.model_fields.values()
               if field.validation_alias == variable]
    allowed = _allowed_in(field.annotation, field.metadata)
    if allowed is None:
        raise TypeError(f"{variable}: its type must say what it accepts (Allowed(...))")
    return allowed


def _shown(value: Any) -> str:
    """The value as given, a password in a URL hidden."""
    return repr(re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", str(value)))


class SettingsError(SystemExit):
    """The settings refused at start-up: printed without a traceback, the process exits with 1."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("HarzPortal refuses to start: "
                         f"{'a setting is' if len(problems) == 1 else 'settings are'} wrong:\n- "
                         + "\n- ".join(problems))


def _problems(error: ValidationError, environ: Mapping[str, str]) -> list[str]:
    problems: dict[str, str] = {}
    for item in error.errors():
        variable = str(item["loc"][0])
        problems.setdefault(variable, f"{variable}={_shown(environ.get(variable, item['input']))}"
                                      f" is not allowed; allowed: {allowed_values(variable)}")
    return list(problems.values())


_warned: set[str] = set()


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """A warning for each HARZPORTAL_* variable the portal does not read (likely a typo)."""
    known = set(variable_names().values())
    by_stem = {name.removeprefix(PREFIX).removeprefix("REFLEX_"): name for name in known}
    warnings = []
    for name in sorted(environ):
        if not name.upper().startswith(PREFIX) or name in known or name in TOOLING_VARIABLES:
            continue
        closest = difflib.get_close_matches(name.upper().removeprefix(PREFIX), by_stem, n=1)
        hint = f"; did you mean {by_stem[closest[0]]}?" if closest else ""
        warnings.append(f"{name} is not a HarzPortal setting and is ignored{hint}")
    return warnings


@dataclass(frozen=True)
class Seller:
    """The network as the seller on invoices: printed on every PDF and in the e-invoice XML."""

    legal_name: str
    street: str
    postal_code: str
    city: str
    country: str  # ISO 3166-1 alpha-2
    vat_id: str
    tax_number: str
    iban: str
    bic: str
    bank_name: str
    email: str
    phone: str
    register: str = ""  # the legal registration (BT-30), e.g. the Vereinsregister entry
    contact_name: str = ""  # the seller contact point (BT-41) of an XRechnung
    einvoice_address: str = ""  # the seller's electronic address (BT-34, scheme EM)


@dataclass(frozen=True)
class Settings:
    environment: Environment
    port: int
    public_origin: str
    origin_is_explicit: bool
    trusted_proxy_hops: int  # reverse proxies in front whose X-Forwarded-For is trusted
    data_dir: Path
    db_url: str
    redis_url: str | None
    session_idle_minutes: int
    session_absolute_hours: int
    reset_link_minutes: int
    invitation_days: int
    smtp_host: str | None
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None = field(repr=False)
    smtp_tls: SmtpTls
    mail_from: str
    mail_reply_to: str
    mail_max_attempts: int
    network_name: str
    network_short_name: str
    brand_color: str
    accent_color: str
    seller: Seller
    invoice_prefix: str
    invoice_payment_days: int
    max_upload_mb: int
    retention_session_days: int
    retention_login_failure_days: int
    retention_mail_days: int
    certificate_signatory_name: str
    certificate_signatory_role: str
    bench_routes: bool = False  # benchmarks/app.py loads only with it; refused in production
    worker_header: bool = False  # tests of several workers: which process answered
    client_state_seconds: int = 1800  # a tab's Reflex state is dropped after this idle time
    reminder_levels: str = "Zahlungserinnerung;1. Mahnung;2. Mahnung"
    reminder_payment_days: int = 14
    reminder_fee_cents: int = 0  # charged from the second level on (not on a first reminder)
    reminder_wait_days: int = 7  # a level is proposed this long after the deadline before it
    refund_days: int = 14  # a credit note's refund by transfer is due this long after it

    @property
    def reminder_level_names(self) -> tuple[str, ...]:
        return tuple(self.reminder_levels.split(";"))
    mfa_required_roles: str = "network_admin"  # comma-separated roles (MFA_ROLES)
    allow_staff_without_mfa: bool | None = None  # None: the environment decides
    job_threads: int = 2  # consumer threads per server process (0: only `harzportal worker`)
    datev_consultant: int = 1001  # DATEV Beraternummer
    datev_client: int = 1  # DATEV Mandantennummer
    datev_accounts: str = DATEV_ACCOUNTS_DEFAULT
    job_queue_name: str = "harzportal-jobs"
    # Periodic jobs (schedule.py): five crontab fields in Europe/Berlin time, or "off"
    schedule_seminar_reminders: str = "5 * * * *"
    schedule_exchange_digests: str = "30 6 * * *"
    schedule_purge: str = "15 3 * * *"
    schedule_clean_files: str = "45 3 * * *"
    schedule_mail_outbox: str = "* * * * *"
    schedule_payment_reminder_proposals: str = "0 7 * * 1-5"  # weekdays 07:00
    sepa_creditor_id: str = "DE98ZZZ09999999999"  # SEPA creditor identifier (AT-02), compact
    sepa_prenotification_days: int = 5  # business days between invoice and debit at the least

    @property
    def datev_account_numbers(self) -> dict[str, str]:
        """bank, revenue, fees, debtors (the first debtor number: + organization id)."""
        return dict(pair.split("=") for pair in self.datev_accounts.split(";"))

    @property
    def roles_requiring_mfa(self) -> frozenset[str]:
        return frozenset(self.mfa_required_roles.split(","))

    @property
    def mfa_enforced(self) -> bool:
        """Whether an account of a role requiring a second factor is held at its enrolment:
        always in production unless HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA=1, in development only
        with HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA=0 (so the demo admin signs in with a password)."""
        if self.allow_staff_without_mfa is None:
            return self.is_production
        return not self.allow_staff_without_mfa

    @property
    def is_production(self) -> bool:
        return self.environment == Environment.PRODUCTION

    @property
    def allowed_origins(self) -> list[str]:
        """CORS and websocket origins: the public origin only, never `*`.

        Without an explicit origin (local use) both spellings of the loopback host are allowed.
        """
        if self.origin_is_explicit:
            return [self.public_origin]
        return [f"http://localhost:{self.port}", f"http://127.0.0.1:{self.port}"]

    @property
    def cookies_secure(self) -> bool:
        return self.public_origin.startswith("https://")


def _load() -> Settings:
    environ = dict(os.environ)
    for warning in unknown_variables(environ):
        if warning not in _warned:
            _warned.add(warning)
            log.warning(warning)
    try:
        given = Variables()
    except ValidationError as error:
        raise SettingsError(_problems(error, environ)) from None
    data_dir = given.data_dir.resolve()
    values = {name: getattr(given, name) for name in Variables.model_fields
              if not name.startswith("seller_")}
    return Settings(**values | {
        "public_origin": given.public_origin or f"http://localhost:{given.port}",
        "origin_is_explicit": given.public_origin is not None,
        "data_dir": data_dir,
        "db_url": given.db_url or f"sqlite:///{data_dir / 'harzportal.db'}",
        "seller": Seller(legal_name=given.seller_name, street=given.seller_street,
                         postal_code=given.seller_postal_code, city=given.seller_city,
                         country=given.seller_country, vat_id=given.seller_vat_id,
                         tax_number=given.seller_tax_number, iban=given.seller_iban,
                         bic=given.seller_bic, bank_name=given.seller_bank,
                         email=given.seller_email, phone=given.seller_phone,
                         register=given.seller_register,
                         contact_name=given.seller_contact_name,
                         einvoice_address=given.seller_einvoice_address),
    })


settings: Settings = _load()


def reload() -> Settings:
    """Read the environment again (tests and the CLI use this after changing it)."""
    global settings
    settings = _load()
    return settings


def get() -> Settings:
    return settings
