"""The Reflex app: theme, pages, lifespan tasks. Nothing else lives here."""

import reflex as rx
from starlette.applications import Starlette

from harzportal import (
    startup_checks,
    tasks,  # noqa: F401 - the consumer threads know every job
)
from harzportal.admin import pages as admin_pages  # noqa: F401 - registers pages
from harzportal.audit import pages as audit_pages  # noqa: F401
from harzportal.audit.routes import ROUTES as AUDIT_ROUTES
from harzportal.auth import pages as auth_pages  # noqa: F401
from harzportal.auth import security_pages
from harzportal.auth.routes import ROUTES as PASSKEY_ROUTES
from harzportal.banking import pages as bank_pages  # noqa: F401
from harzportal.banking.routes import ROUTES as BANK_ROUTES
from harzportal.circulars import pages as circular_pages  # noqa: F401
from harzportal.circulars.routes import ROUTES as CIRCULAR_ROUTES
from harzportal.core.cache_headers import with_cache_headers
from harzportal.core.canonical_paths import with_canonical_paths
from harzportal.core.security_headers import with_security_headers
from harzportal.core.worker_header import with_worker_header
from harzportal.dashboard import pages as dashboard_pages  # noqa: F401
from harzportal.debits import pages as debit_pages  # noqa: F401
from harzportal.debits.routes import ROUTES as DEBIT_ROUTES
from harzportal.documents import admin_pages as document_admin_pages  # noqa: F401
from harzportal.documents import pages as document_pages  # noqa: F401
from harzportal.documents.routes import ROUTES as DOCUMENT_ROUTES
from harzportal.exchange import pages as exchange_pages  # noqa: F401
from harzportal.exchange.routes import ROUTES as EXCHANGE_ROUTES
from harzportal.gc_freeze import freeze_objects_of_startup
from harzportal.gdpr.routes import ROUTES as GDPR_ROUTES
from harzportal.invoices import admin_pages as invoice_admin_pages  # noqa: F401
from harzportal.invoices import pages as invoice_pages  # noqa: F401
from harzportal.invoices.routes import ROUTES as INVOICE_ROUTES
from harzportal.jobruns import pages as job_run_pages  # noqa: F401
from harzportal.job_child import run_consumer_in_server
from harzportal.mail.sender import run_sender_loop
from harzportal.organizations import admin_pages as organization_admin_pages  # noqa: F401
from harzportal.organizations import (
    contacts_pages,  # noqa: F401
    directory_pages,  # noqa: F401
)
from harzportal.organizations import pages as organization_pages  # noqa: F401
from harzportal.organizations.routes import ROUTES as ORGANIZATION_ROUTES
from harzportal.seminars import admin_pages as seminar_admin_pages  # noqa: F401
from harzportal.seminars import pages as seminar_pages  # noqa: F401
from harzportal.seminars.routes import ROUTES as SEMINAR_ROUTES
from harzportal.settings import settings
from harzportal.shell import connection, layout, session_routes, uploads

if settings.is_production:
    startup_checks.refuse_unsafe_production(settings)
connection.redact_tokens_in_every_log_record()  # no client token in any log line

# Our own HTTP routes (logos, invoice PDFs, calendars, certificates, documents, CSV exports);
# each checks who asks on its own.
ROUTES = [*ORGANIZATION_ROUTES, *INVOICE_ROUTES, *DEBIT_ROUTES, *SEMINAR_ROUTES, *DOCUMENT_ROUTES,
          *AUDIT_ROUTES, *GDPR_ROUTES, *CIRCULAR_ROUTES, *EXCHANGE_ROUTES, *PASSKEY_ROUTES,
          *BANK_ROUTES,
          *session_routes.ROUTES, *uploads.ROUTES]
# Our routes first (they take priority over Reflex's; our /_upload replaces its own), the
# upload guard around them (shell/uploads.py), then the security headers around all of it:
# pages, assets, our routes (see core/security_headers.py), and Cache-Control where an answer
# sets none (core/cache_headers.py); a page built as a folder answers at its slash-less address
# without a redirect (core/canonical_paths.py).
app = rx.App(html_lang="de", stylesheets=["/contrast.css"],
             head_components=[layout.form_guard_script(),
                                               security_pages.passkey_script()], api_transformer=[
    Starlette(routes=ROUTES), uploads.with_upload_guard, with_security_headers,
    with_cache_headers, with_canonical_paths])
# Reflex's English connection toast and pulser give way to our banner in the reader's language
# (shell/connection_banner.py, on every page).
app.app_wraps = {key: wrap for key, wrap in app.app_wraps.items() if key != (5, "Overlay")}
# Before every event: the tab's state belongs to the session of the event's own connection.
app.add_middleware(connection.SessionBinding())
app.register_lifespan_task(run_sender_loop)
# The objects of the app's start out of the full garbage collections (gc_freeze.py).
app.register_lifespan_task(freeze_objects_of_startup)
# The task queue's consumer: a `harzportal worker` child of every server process (job_child.py;
# HARZPORTAL_JOB_THREADS threads, 0: none).
app.register_lifespan_task(run_consumer_in_server)
if settings.worker_header and not settings.is_production:
    # Tests of several workers see which process answered (core/worker_header.py).
    app.api_transformer = [*app.api_transformer, with_worker_header]
