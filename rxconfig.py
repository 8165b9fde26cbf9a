"""Reflex configuration: everything comes from harzportal.settings (the environment)."""

import reflex as rx

from harzportal.settings import settings

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
    # The exported frontend's text assets are precompressed at build time (brotli preferred,
    # gzip for the rest) and served by Accept-Encoding (harzportal/serve.py).
    frontend_compression_formats=["brotli", "gzip"],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color=settings.accent_color, radius="medium")
        )
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
