"""The bank tests share the invoice tests' fixtures: a temporary data folder, "today" fixed."""

from tests.invoices.conftest import (  # noqa: F401 - fixtures
    TODAY,
    fixed_today,
    invoice_store,
    staff,
    staff_actor,
)
