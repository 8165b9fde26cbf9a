"""Reflex configuration: everything comes from harzportal.settings (the environment)."""

import reflex as rx

from harzportal.settings import settings
from harzportal.ui.stylesheet import RadixPurgePlugin

config = rx.Config(
    app_name="harzportal",
    db_url=settings.db_url,
    redis_url=settings.redis_url,
    frontend_port=settings.port,
    backend_port=settings.port,
    deploy_url=settings.public_origin,
    api_url=settings.public_origin,
    cors_allowed_origins=settings.allowed_origins,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # The root does not import all of Radix Themes (and every other bundled library) for
    # dynamic components the portal never evaluates (issue 22/23: bytes of every page).
    frontend_lazy_bundled_libraries=True,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color=settings.accent_color, radius="medium")
        ),
        RadixPurgePlugin(),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
