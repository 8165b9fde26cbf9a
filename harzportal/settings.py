"""Every setting of HarzPortal, read from the environment, with safe defaults, in one place.

Reflex itself only reads variables with the REFLEX_ prefix (REFLEX_DB_URL, REFLEX_REDIS_URL);
our own settings use the HARZPORTAL_ prefix. Values are read once per process; tests that need
other values call `reload()`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"Setting {name} must be a whole number, got {raw!r}") from exc


def _count(name: str, default: int) -> int:
    value = _int(name, default)
    if value < 0:
        raise SystemExit(f"Setting {name} must be 0 or more, got {value}")
    return value


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in {"1", "true", "yes", "on"}


def _str(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


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


def _seller() -> Seller:
    return Seller(
        legal_name=_str("HARZPORTAL_SELLER_NAME", "ChemieNetzwerk Harz e. V."),
        street=_str("HARZPORTAL_SELLER_STREET", "Marktstraße 1"),
        postal_code=_str("HARZPORTAL_SELLER_POSTAL_CODE", "38640"),
        city=_str("HARZPORTAL_SELLER_CITY", "Goslar"),
        country=_str("HARZPORTAL_SELLER_COUNTRY", "DE"),
        vat_id=_str("HARZPORTAL_SELLER_VAT_ID", "DE999999999"),
        tax_number=_str("HARZPORTAL_SELLER_TAX_NUMBER", "21/270/00000"),
        iban=_str("HARZPORTAL_SELLER_IBAN", "DE02120300000000202051").replace(" ", ""),
        bic=_str("HARZPORTAL_SELLER_BIC", "BYLADEM1001"),
        bank_name=_str("HARZPORTAL_SELLER_BANK", "Deutsche Kreditbank AG"),
        email=_str("HARZPORTAL_SELLER_EMAIL", "buchhaltung@chemienetzwerk-harz.example"),
        phone=_str("HARZPORTAL_SELLER_PHONE", "+49 5321 000000"),
    )


@dataclass(frozen=True)
class Settings:
    environment: str
    port: int
    public_origin: str
    origin_is_explicit: bool
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
    smtp_password: str | None
    smtp_tls: str  # "none" | "starttls" | "tls"
    mail_from: str
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
    # How many reverse proxies in front append to X-Forwarded-For (core/client_address.py).
    trusted_proxy_hops: int = 0
    bench_routes: bool = False  # benchmarks/app.py loads only with it; refused in production
    worker_header: bool = False  # tests of several workers: which process answered

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

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
    port = _int("PORT", 3000)
    data_dir = Path(_str("HARZPORTAL_DATA_DIR", str(PROJECT_ROOT / "data"))).resolve()
    explicit_origin = os.environ.get("HARZPORTAL_PUBLIC_ORIGIN", "").strip().rstrip("/")
    return Settings(
        environment=_str("HARZPORTAL_ENV", "development"),
        port=port,
        public_origin=explicit_origin or f"http://localhost:{port}",
        origin_is_explicit=bool(explicit_origin),
        data_dir=data_dir,
        db_url=_str("REFLEX_DB_URL", f"sqlite:///{data_dir / 'harzportal.db'}"),
        redis_url=os.environ.get("REFLEX_REDIS_URL", "").strip() or None,
        session_idle_minutes=_int("HARZPORTAL_SESSION_IDLE_MINUTES", 30),
        session_absolute_hours=_int("HARZPORTAL_SESSION_ABSOLUTE_HOURS", 12),
        reset_link_minutes=_int("HARZPORTAL_RESET_LINK_MINUTES", 60),
        invitation_days=_int("HARZPORTAL_INVITATION_DAYS", 7),
        smtp_host=os.environ.get("HARZPORTAL_SMTP_HOST", "").strip() or None,
        smtp_port=_int("HARZPORTAL_SMTP_PORT", 587),
        smtp_user=os.environ.get("HARZPORTAL_SMTP_USER", "").strip() or None,
        smtp_password=os.environ.get("HARZPORTAL_SMTP_PASSWORD") or None,
        smtp_tls=_str("HARZPORTAL_SMTP_TLS", "starttls").lower(),
        mail_from=_str("HARZPORTAL_MAIL_FROM", "HarzPortal <portal@chemienetzwerk-harz.example>"),
        mail_max_attempts=_int("HARZPORTAL_MAIL_MAX_ATTEMPTS", 8),
        network_name=_str("HARZPORTAL_NETWORK_NAME", "ChemieNetzwerk Harz"),
        network_short_name=_str("HARZPORTAL_NETWORK_SHORT_NAME", "HarzPortal"),
        brand_color=_str("HARZPORTAL_BRAND_COLOR", "#0b5d56"),
        accent_color=_str("HARZPORTAL_ACCENT_COLOR", "teal"),
        seller=_seller(),
        invoice_prefix=_str("HARZPORTAL_INVOICE_PREFIX", "CNH"),
        invoice_payment_days=_int("HARZPORTAL_INVOICE_PAYMENT_DAYS", 30),
        max_upload_mb=_int("HARZPORTAL_MAX_UPLOAD_MB", 50),
        retention_session_days=_int("HARZPORTAL_RETENTION_SESSION_DAYS", 30),
        retention_login_failure_days=_int("HARZPORTAL_RETENTION_LOGIN_FAILURE_DAYS", 30),
        retention_mail_days=_int("HARZPORTAL_RETENTION_MAIL_DAYS", 90),
        trusted_proxy_hops=_count("HARZPORTAL_TRUSTED_PROXY_HOPS", 0),
        bench_routes=_bool("HARZPORTAL_BENCH_ROUTES", False),
        worker_header=_bool("HARZPORTAL_WORKER_HEADER", False),
    )


settings: Settings = _load()


def reload() -> Settings:
    """Read the environment again (tests and the CLI use this after changing it)."""
    global settings
    settings = _load()
    return settings


def get() -> Settings:
    return settings
