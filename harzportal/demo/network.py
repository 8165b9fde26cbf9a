"""The fictional demo network, shaped like ChemieNetzwerk Harz: 14 producing companies
(chemical, metallurgical, recycling), 2 logistics companies, 2 universities and 1 business
development agency in Lower Saxony (NI), Saxony-Anhalt (ST) and Thuringia (TH)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from harzportal.organizations.models import Organization
from harzportal.organizations.profile import apply_values


def read_organizations() -> list[Organization]:
    """The demo members from organizations.csv: a row each, its columns named like the fields
    of `Organization`, the competences separated by "; "."""
    with (Path(__file__).parent / "organizations.csv").open(encoding="utf-8", newline="") as rows:
        return [_organization(row) for row in csv.DictReader(rows)]


def _organization(row: dict[str, str]) -> Organization:
    competences = row.pop("competences").split("; ")
    organization = Organization(**row | {"employees": int(row["employees"]),
                                         "member_since": date.fromisoformat(row["member_since"])})
    apply_values(organization, {"competences": competences})
    return organization


FIRST_NAMES = ("Anna", "Jonas", "Katrin", "Lukas", "Miriam", "Stefan", "Julia", "Tobias",
               "Sabine", "Felix", "Claudia", "Matthias", "Nadine", "Florian", "Petra", "Daniel")
LAST_NAMES = ("Krüger", "Hoffmann", "Wagner", "Becker", "Schulz", "Lehmann", "Köhler", "Richter",
              "Neumann", "Schröder", "Zimmermann", "Braun", "Hartmann", "Lange", "Werner", "Vogel")
JOB_TITLES = ("Geschäftsführung", "Qualitätsmanagement", "HSE-Beauftragte", "Einkauf",
              "Personalleitung", "Datenschutzkoordination", "Buchhaltung", "Produktionsleitung")

# The functions of the contacts of each organization, by their position in it.
FUNCTIONS_BY_POSITION = (("billing", "profile_editor"), ("hse",), ("data_protection",), ())
