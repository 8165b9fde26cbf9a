"""SEPA mandates: granting (IBAN check, BIC, scheme, reference, who and when), one active at a
time, the PDF, revoking; only members of the organization with invoice rights; audited; in the
organization's data export."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from schwifty import IBAN

from harzportal.audit.models import AuditEvent
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.debits import mandate_pdf, mandates
from harzportal.debits.models import SepaMandate
from harzportal.gdpr import service as gdpr
from tests.debits.helpers import (
    IBAN_COMPACT,
    billing_contact,
    grant,
    mandate_form,
    member,
    member_with_manager,
    run,
)
from tests.invoices.conftest import TODAY
from tests.invoices.helpers import at_once, rows

pytestmark = pytest.mark.service


def test_a_manager_grants_a_mandate_with_the_bic_derived_and_everything_recorded(factories):
    organization, manager = member_with_manager(factories)
    mandate = grant(factories.actor(manager), scheme="B2B")
    assert mandate.organization_id == organization.id
    assert mandate.iban == IBAN_COMPACT  # as given, without the spaces
    assert (mandate.bic, mandate.bank_name) == ("COBADEFFXXX", "Commerzbank")
    assert mandate.scheme == "B2B"
    assert mandate.creditor_id == "DE98ZZZ09999999999"
    assert mandate.reference == f"CNH-M{organization.id:05d}-1"
    assert mandate.signed_on == TODAY.date()
    assert (mandate.granted_by_user_id, mandate.granted_by_name) == (manager.id, "Maria Manager")
    event = rows(AuditEvent, AuditEvent.action == "sepa_mandate.granted")[0]
    assert event.organization_id == organization.id
    assert event.after["iban"] == "DE…3000"


def test_a_billing_contact_grants_one_too(factories):
    organization = member(factories)
    contact = billing_contact(factories, organization)
    assert grant(factories.actor(contact)).organization_id == organization.id


@pytest.mark.parametrize("fields, key", [
    ({"iban": "DE89 3704 0044 0532 0130 01"}, "debit.iban_invalid"),  # check digits wrong
    ({"iban": "DE8937040044053201300"}, "debit.iban_invalid"),  # one digit short
    ({"iban": "XX89370400440532013000"}, "debit.iban_invalid"),  # no such country
    ({"iban": "DE89<script>"}, "debit.iban_invalid"),
    ({"iban": "1" * 5000}, "debit.iban_invalid"),
    ({"iban": ""}, "debit.iban_missing"),
    ({"iban": ["DE89370400440532013000"]}, "debit.iban_missing"),
    ({"scheme": "COR1"}, "debit.scheme_invalid"),
    ({"scheme": None}, "debit.scheme_invalid"),
    ({"account_holder": "  \x00 "}, "debit.holder_missing"),
    ({"account_holder": "A" * 71}, "debit.holder_too_long"),
    ({"accepted": "off"}, "debit.accept_missing"),
])
def test_bad_input_is_refused_with_its_message(fields, key):
    with pytest.raises(ValidationFailed) as refused:
        mandate_form(**fields)
    assert refused.value.message_key == key


def test_one_active_mandate_at_a_time_and_a_new_one_after_revoking(factories):
    organization, manager = member_with_manager(factories)
    actor = factories.actor(manager)
    first = grant(actor)
    with pytest.raises(Conflict):
        grant(actor)
    run(mandates.revoke, actor, first.id)
    second = grant(actor, scheme="B2B")
    assert second.reference.endswith("-2")
    overview = run(mandates.overview, actor)
    assert overview.active.mandate.id == second.id
    assert [detail.mandate.id for detail in overview.revoked] == [first.id]
    assert overview.active.masked_iban == "DE…3000"
    with pytest.raises(Conflict):
        run(mandates.revoke, actor, first.id)


def test_two_grants_at_the_same_moment_leave_one_mandate(factories):
    organization, manager = member_with_manager(factories)
    actor = factories.actor(manager)
    form = mandate_form()
    outcomes = at_once(2, lambda _index, session: mandates.grant(session, actor, form))
    assert sum(isinstance(outcome, SepaMandate) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, Conflict) for outcome in outcomes) == 1
    assert len(rows(SepaMandate, SepaMandate.organization_id == organization.id)) == 1


def test_revoking_is_audited(factories):
    _, manager = member_with_manager(factories)
    actor = factories.actor(manager)
    mandate = grant(actor)
    revoked = run(mandates.revoke, actor, mandate.id)
    assert revoked.revoked_at is not None and revoked.revoked_by_user_id == manager.id
    assert len(rows(AuditEvent, AuditEvent.action == "sepa_mandate.revoked")) == 1


def test_a_plain_contact_sees_and_changes_nothing(factories):
    organization, manager = member_with_manager(factories)
    mandate = grant(factories.actor(manager))
    plain = factories.actor(factories.user(organization, role=Role.CONTACT))
    for work in (lambda: run(mandates.overview, plain),
                 lambda: grant(plain),
                 lambda: run(mandates.revoke, plain, mandate.id),
                 lambda: run(mandates.mandate_for_document, plain, mandate.id)):
        with pytest.raises(PermissionDenied):
            work()
    assert run(mandates.overview, factories.actor(manager)).active is not None


def test_another_organizations_manager_and_staff_get_not_found(factories, staff_actor):
    _, manager = member_with_manager(factories)
    mandate = grant(factories.actor(manager))
    _, stranger = member_with_manager(factories, name="Brocken Chemie GmbH")
    for actor in (factories.actor(stranger), staff_actor):
        for work in (lambda a=actor: run(mandates.revoke, a, mandate.id),
                     lambda a=actor: run(mandates.mandate_for_document, a, mandate.id)):
            with pytest.raises(NotFound):
                work()
    with pytest.raises(PermissionDenied):  # staff grant no mandate for a member
        grant(staff_actor)
    assert load_mandate(mandate.id).revoked_at is None


@pytest.mark.parametrize("forged", [0, -1, "1 OR 1=1", None, 10**12, "abc", 1.5, True])
def test_forged_ids_are_not_found(factories, forged):
    _, manager = member_with_manager(factories)
    with pytest.raises(NotFound):
        run(mandates.revoke, factories.actor(manager), forged)


def load_mandate(mandate_id):
    return rows(SepaMandate, SepaMandate.id == mandate_id)[0]


def test_the_pdf_is_a_pdf_a_with_both_texts_and_the_masked_iban(factories):
    organization, manager = member_with_manager(factories)
    actor = factories.actor(manager)
    mandate = grant(actor, scheme="B2B")
    stored, stored_organization = run(mandates.mandate_for_document, actor, mandate.id)
    content = mandate_pdf.render(stored, stored_organization)
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 1
    assert "SEPA-Firmenlastschriftmandat" in text and "Business-to-Business" in text
    assert "DE98ZZZ09999999999" in text and mandate.reference in text
    assert "DE…3000" in text and IBAN_COMPACT not in text
    assert "Maria Manager" in text
    assert b"pdfaid:part" in content  # the PDF/A identification of the letter frame
    assert mandate_pdf.filename(mandate) == f"SEPA-Mandat-{mandate.reference}.pdf"


def test_the_organization_export_holds_the_mandates_with_their_iban(factories):
    organization, manager = member_with_manager(factories)
    grant(factories.actor(manager))
    content = run(gdpr.organization_export, factories.actor(manager), organization.id)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        data = json.loads(archive.read("organization.json"))
        names = archive.namelist()
    assert [m["iban"] for m in data["sepa_mandates"]] == [IBAN_COMPACT]
    assert f"mandate/SEPA-Mandat-CNH-M{organization.id:05d}-1.pdf" in names
    person = run(gdpr.person_export, factories.actor(manager))
    assert [m["iban"] for m in person["sepa_mandates_granted"]] == [IBAN_COMPACT]


@settings(max_examples=60, deadline=None)
@given(raw=st.one_of(st.text(max_size=80), st.binary(max_size=40), st.integers(), st.none(),
                     st.lists(st.text(max_size=5), max_size=3)))
def test_any_typed_iban_is_either_a_valid_iban_or_one_clear_refusal(raw):
    try:
        form = mandate_form(iban=raw)
    except ValidationFailed as refused:
        assert refused.message_key in ("debit.iban_invalid", "debit.iban_missing")
        assert refused.field == "iban"
    else:
        assert IBAN(form.iban, validate_bban=True).compact == form.iban
