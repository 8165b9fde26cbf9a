"""Reflex configuration: everything comes from harzportal.settings (the environment)."""

import reflex as rx
from reflex.constants import StateManagerMode

from harzportal.settings import settings
from harzportal.ui.stylesheet import RadixPurgePlugin
from harzportal.ui.theme import portal_theme

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
    # The exported frontend's text assets are precompressed at build time (brotli preferred,
    # gzip for the rest) and served by Accept-Encoding (harzportal/serve.py).
    frontend_compression_formats=["brotli", "gzip"],
    # A tab's state leaves the server's memory (and its disk copy, or its Redis keys) once the
    # tab has sent nothing for this long (default: the session idle timeout's 30 minutes), so
    # memory returns after clients leave. Reflex's name; it applies to every state manager.
    redis_token_expiration=settings.client_state_seconds,
    # Without Redis (one worker) a tab's state stays in memory: Reflex's disk manager pickled
    # and wrote every touched state inside the event loop, which doubled the p95 of a page open
    # at 50 clients. The state is a cache of the page (the sign-in is the database session).
    state_manager_mode=(StateManagerMode.REDIS if settings.redis_url else StateManagerMode.MEMORY),
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=portal_theme(settings.accent_color)
        ),
        RadixPurgePlugin(),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
