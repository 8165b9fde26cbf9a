"""The circulars tests deliver to a real SMTP server."""

from tests.smtp import smtp_environment, smtp_server  # noqa: F401 - fixtures
