"""The demo logins (also listed in the README). Every demo address ends in `.example`."""

from __future__ import annotations

DEMO_EMAIL_DOMAIN_SUFFIX = ".example"
DEMO_ADMIN_PASSWORD = "demo-office-pass-2026"
DEMO_MEMBER_PASSWORD = "demo-member-pass-2026"

ADMIN_EMAIL = "admin@demo.harzportal.example"
HARZER_MANAGER_EMAIL = "manager@harzer-chemie.example"
HARZER_CONTACT_EMAIL = "contact@harzer-chemie.example"
OKER_MANAGER_EMAIL = "manager@oker-recycling.example"

# (email, password, role, organization name or None for the network office)
DEMO_LOGINS = (
    (ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, "network_admin", None),
    (HARZER_MANAGER_EMAIL, DEMO_MEMBER_PASSWORD, "org_manager", "Harzer Chemiewerke GmbH"),
    (HARZER_CONTACT_EMAIL, DEMO_MEMBER_PASSWORD, "contact", "Harzer Chemiewerke GmbH"),
    (OKER_MANAGER_EMAIL, DEMO_MEMBER_PASSWORD, "org_manager", "Oker Recycling GmbH"),
)
