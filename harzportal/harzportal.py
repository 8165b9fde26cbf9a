"""The Reflex app: theme, pages, lifespan tasks. Nothing else lives here."""

import reflex as rx

from harzportal import startup_checks
from harzportal.admin import pages as admin_pages  # noqa: F401 - registers pages
from harzportal.auth import pages as auth_pages  # noqa: F401
from harzportal.dashboard import pages as dashboard_pages  # noqa: F401
from harzportal.mail.sender import run_sender_loop
from harzportal.settings import settings

if settings.is_production:
    startup_checks.refuse_unsafe_production(settings)

app = rx.App(html_lang="de")
app.register_lifespan_task(run_sender_loop)
