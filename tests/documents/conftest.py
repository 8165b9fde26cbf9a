"""Fixtures of the library tests: files go to a temporary data directory, the clock is a fake
one that tests can advance, the four base categories exist, and people of every audience."""

from __future__ import annotations

import pytest
from sqlmodel import select

from harzportal import db
from harzportal.core import private_files
from harzportal.core.roles import Role
from harzportal.documents import storage
from harzportal.documents.models import DocumentCategory
from harzportal.organizations.models import ContactFunctionAssignment

CATEGORIES = (("hse", "Arbeits- und Umweltschutz (HSE)", "Health, safety and environment"),
              ("data_protection", "Datenschutz", "Data protection"),
              ("templates", "Vorlagen", "Templates"), ("minutes", "Protokolle", "Minutes"))


@pytest.fixture(autouse=True)
def document_store(private_data_dir):
    """Every test here stores its files in its own data folder."""
    directory = private_files.directory(storage.AREA)
    assert directory.is_relative_to(private_data_dir)
    return directory


@pytest.fixture(autouse=True)
def clock_now(fake_clock):
    return fake_clock


@pytest.fixture(autouse=True)
def categories(engine):
    """The base categories (the migration seeds them, but every test empties all tables)."""
    with db.unit_of_work() as session:
        present = set(session.exec(select(DocumentCategory.key)))
        for position, (key, name_de, name_en) in enumerate(CATEGORIES, start=1):
            if key not in present:
                session.add(DocumentCategory(key=key, name_de=name_de, name_en=name_en,
                                             position=position))
    with db.unit_of_work() as session:
        return {c.key: c for c in session.exec(select(DocumentCategory))}


def give_function(user, function: str) -> None:
    with db.unit_of_work() as session:
        session.add(ContactFunctionAssignment(user_id=user.id, function=function))


@pytest.fixture
def staff(factories):
    return factories.user(None, role=Role.NETWORK_ADMIN, full_name="Greta Geschäftsstelle")


@pytest.fixture
def staff_actor(factories, staff):
    return factories.actor(staff)


@pytest.fixture
def people(factories, staff):
    """A chemical company (an HSE contact, a plain contact), a logistics company (a manager) and
    a university (its data protection officer, who reads English)."""
    chemical = factories.organization(name="Harzer Chemiewerke GmbH", kind="chemical")
    logistics = factories.organization(name="Nordharz Logistik GmbH", kind="logistics")
    university = factories.organization(name="Hochschule Harz", kind="university")
    hse = factories.user(chemical, role=Role.CONTACT, full_name="Hanna HSE")
    give_function(hse, "hse")
    dpo = factories.user(university, role=Role.CONTACT, full_name="Dana Datenschutz",
                         preferred_language="en")
    give_function(dpo, "data_protection")
    return {"staff": staff, "hse": hse, "dpo": dpo,
            "plain": factories.user(chemical, role=Role.CONTACT, full_name="Paul Plain"),
            "logistics_manager": factories.user(logistics, role=Role.ORG_MANAGER,
                                                full_name="Lars Logistik"),
            "chemical": chemical, "logistics": logistics, "university": university}


@pytest.fixture
def actors(factories, people):
    return {name: factories.actor(people[name])
            for name in ("staff", "hse", "dpo", "plain", "logistics_manager")}
