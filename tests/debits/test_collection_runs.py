"""Collection runs: which invoices are due, totals per scheme and date, FRST then RCUR, the
pain.008.001.08 file (valid against its XSD, EndToEndId = invoice number), submission, never an
invoice twice (also when two runs are created at the same moment), staff only, audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from lxml import etree

from harzportal.audit.models import AuditEvent
from harzportal.core import clock
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.debits import collection, mandates, presenter
from harzportal.debits.models import DebitRun, DebitRunItem
from harzportal.invoices import collection as payments
from harzportal.invoices import issuing, service
from harzportal.invoices import presenter as invoice_presenter
from tests.debits.helpers import IBAN_COMPACT, grant, member_with_manager, run
from tests.invoices.helpers import at_once, issue_manual, rows

pytestmark = pytest.mark.service

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.008.001.08.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"}
UNTIL = date(2027, 3, 1)  # after the collection date of invoices issued today (15.02.2027)


@pytest.fixture
def debtors(factories, staff_actor):
    """Two members under CORE, one under B2B, one without mandate; an invoice each."""
    made = {}
    for name, scheme in (("Aller Chemie GmbH", "CORE"), ("Brocken Chemie GmbH", "CORE"),
                         ("Clausthal Metall GmbH", "B2B"), ("Dorf Logistik GmbH", None)):
        organization, manager = member_with_manager(factories, name=name)
        if scheme:
            grant(factories.actor(manager), scheme=scheme, account_holder=name)
        made[name] = (organization, manager, issue_manual(staff_actor, organization))
    return made


def test_the_preview_lists_the_due_invoices_with_totals_per_scheme_and_date(debtors,
                                                                           staff_actor):
    preview = run(collection.preview, staff_actor, UNTIL)
    numbers = sorted(debit.invoice.number for debit in preview.debits)
    assert numbers == sorted(debtors[name][2].number for name in (
        "Aller Chemie GmbH", "Brocken Chemie GmbH", "Clausthal Metall GmbH"))
    assert [(g.scheme.value, g.collection_date, g.sequence_type.value, g.count, g.total_cents)
            for g in preview.groups] == [("B2B", date(2027, 2, 15), "FRST", 1, 142800),
                                         ("CORE", date(2027, 2, 15), "FRST", 2, 285600)]
    assert {debit.sequence_type.value for debit in preview.debits} == {"FRST"}


def test_an_invoice_whose_date_is_beyond_the_horizon_waits(debtors, staff_actor):
    assert run(collection.preview, staff_actor, date(2027, 2, 1)).debits == ()


@pytest.mark.parametrize("until", [date(2027, 1, 14), date(2028, 2, 1), "2027-02-01", 5])
def test_a_horizon_in_the_past_or_too_far_or_no_date_is_refused(staff_actor, until):
    with pytest.raises(ValidationFailed):
        run(collection.preview, staff_actor, until)


def test_the_run_file_is_valid_pain_008_001_08_with_the_invoice_numbers(debtors, staff_actor):
    created = run(collection.create_run, staff_actor, "CORE", UNTIL)
    xml = created.file_xml.encode()
    xmlschema.XMLSchema(str(XSD)).validate(xml)  # raises on any violation
    root = etree.fromstring(xml)
    assert root.tag == "{urn:iso:std:iso:20022:tech:xsd:pain.008.001.08}Document"
    assert root.xpath("//p:PmtTpInf/p:LclInstrm/p:Cd/text()", namespaces=NS) == ["CORE"]
    assert root.xpath("//p:PmtTpInf/p:SeqTp/text()", namespaces=NS) == ["FRST"]
    assert root.xpath("//p:ReqdColltnDt/text()", namespaces=NS) == ["2027-02-15"]
    assert root.xpath("//p:CdtrSchmeId//p:Othr/p:Id/text()", namespaces=NS) == [
        "DE98ZZZ09999999999"]
    expected = sorted(debtors[name][2].number for name in ("Aller Chemie GmbH",
                                                          "Brocken Chemie GmbH"))
    assert sorted(root.xpath("//p:EndToEndId/text()", namespaces=NS)) == expected
    assert root.xpath("//p:GrpHdr/p:CtrlSum/text()", namespaces=NS) == ["2856.00"]
    assert IBAN_COMPACT in root.xpath("//p:DbtrAcct//p:IBAN/text()", namespaces=NS)
    assert created.item_count == 2 and created.total_cents == 285600
    assert created.schema_version == "pain.008.001.08"


def test_a_run_never_takes_an_invoice_twice(debtors, staff_actor):
    run(collection.create_run, staff_actor, "CORE", UNTIL)
    with pytest.raises(Conflict):
        run(collection.create_run, staff_actor, "CORE", UNTIL)
    assert len(rows(DebitRunItem)) == 2
    b2b = run(collection.create_run, staff_actor, "B2B", UNTIL)
    assert b2b.item_count == 1
    assert run(collection.preview, staff_actor, UNTIL).debits == ()


def test_the_database_refuses_a_second_item_of_the_same_invoice(debtors, staff_actor):
    from sqlalchemy.exc import IntegrityError

    from harzportal import db

    created = run(collection.create_run, staff_actor, "B2B", UNTIL)
    item = rows(DebitRunItem)[0]
    with pytest.raises(IntegrityError), db.unit_of_work() as session:
        session.add(DebitRunItem(run_id=created.id, invoice_id=item.invoice_id,
                                 mandate_id=item.mandate_id, sequence_type="RCUR",
                                 collection_date=item.collection_date, amount_cents=1,
                                 end_to_end_id="again"))


def test_two_runs_created_at_the_same_moment_take_each_invoice_once(debtors, staff_actor):
    outcomes = at_once(2, lambda _index, session: collection.create_run(
        session, staff_actor, "CORE", UNTIL))
    assert sum(isinstance(outcome, DebitRun) for outcome in outcomes) == 1
    assert all(isinstance(outcome, DebitRun | Conflict) for outcome in outcomes), outcomes
    items = rows(DebitRunItem)
    assert len(items) == len({item.invoice_id for item in items}) == 2


def test_the_second_collection_under_a_mandate_is_recurring(debtors, staff_actor):
    run(collection.create_run, staff_actor, "B2B", UNTIL)
    organization = debtors["Clausthal Metall GmbH"][0]
    later = issue_manual(staff_actor, organization)
    [debit] = [d for d in run(collection.preview, staff_actor, UNTIL).debits
               if d.mandate.scheme == "B2B"]
    assert (debit.invoice.id, debit.sequence_type.value) == (later.id, "RCUR")


def test_a_past_collection_date_moves_to_the_next_business_day(debtors, staff_actor):
    with clock.fixed_at(clock.now().replace(month=2, day=19)):  # Friday 19 February 2027
        debits = run(collection.preview, staff_actor, date(2027, 3, 1)).debits
    assert {debit.collection_date for debit in debits} == {date(2027, 2, 22)}


def test_revoked_mandates_paid_and_cancelled_invoices_are_not_collected(debtors, factories,
                                                                        staff_actor):
    _, aller_manager, _ = debtors["Aller Chemie GmbH"]
    mandate = run(mandates.overview, factories.actor(aller_manager)).active.mandate
    run(mandates.revoke, factories.actor(aller_manager), mandate.id)
    brocken_invoice = debtors["Brocken Chemie GmbH"][2]
    run(payments.record_payment, staff_actor, brocken_invoice.id, date(2027, 1, 15), 142800,
        "Überweisung")
    run(issuing.cancel_invoice, staff_actor, debtors["Clausthal Metall GmbH"][2].id)
    assert run(collection.preview, staff_actor, UNTIL).debits == ()


def test_a_partly_paid_invoice_is_collected_for_what_is_open(debtors, staff_actor):
    invoice = debtors["Aller Chemie GmbH"][2]
    run(payments.record_payment, staff_actor, invoice.id, date(2027, 1, 15), 42800, "Teil")
    [debit] = [d for d in run(collection.preview, staff_actor, UNTIL).debits
               if d.invoice.id == invoice.id]
    assert debit.open_cents == 100000


def test_submitting_marks_the_run_once_and_the_invoice_says_so(debtors, factories,
                                                                staff_actor):
    created = run(collection.create_run, staff_actor, "CORE", UNTIL)
    organization, manager, invoice = debtors["Aller Chemie GmbH"]
    detail = run(service.get_invoice, factories.actor(manager), invoice.id)
    assert detail.listing.debit == service.DebitState.IN_RUN
    submitted = run(collection.submit_run, staff_actor, created.id)
    assert submitted.status == "submitted" and submitted.submitted_by_user_id is not None
    with pytest.raises(Conflict):
        run(collection.submit_run, staff_actor, created.id)
    detail = run(service.get_invoice, factories.actor(manager), invoice.id)
    assert detail.listing.debit == service.DebitState.SUBMITTED
    note = invoice_presenter.invoice_detail(detail, "de").invoice.debit_note
    assert note == "Lastschrift eingereicht am 15.01.2027, Einzug am 15.02.2027 von DE…3000"
    assert detail.listing.state == service.DisplayState.OPEN  # booked by the bank import later
    actions = [event.action for event in rows(AuditEvent)]
    assert "debit_run.created" in actions and "debit_run.submitted" in actions


def test_the_file_downloads_as_created(debtors, staff_actor):
    created = run(collection.create_run, staff_actor, "CORE", UNTIL)
    content, filename = run(collection.run_file, staff_actor, created.id)
    assert content == created.file_xml.encode()
    assert filename == f"lastschriften-{created.id}-core.xml"
    view = presenter.run_row(created, "de")
    assert view.file_href.endswith(filename) and view.submittable


def test_members_may_not_preview_create_submit_or_download(debtors, factories, staff_actor):
    created = run(collection.create_run, staff_actor, "CORE", UNTIL)
    _, manager, _ = debtors["Aller Chemie GmbH"]
    for actor in (factories.actor(manager),
                  factories.actor(factories.user(debtors["Aller Chemie GmbH"][0],
                                                 role=Role.CONTACT))):
        for work in (lambda a=actor: run(collection.preview, a, UNTIL),
                     lambda a=actor: run(collection.create_run, a, "B2B", UNTIL),
                     lambda a=actor: run(collection.submit_run, a, created.id),
                     lambda a=actor: run(collection.run_file, a, created.id)):
            with pytest.raises(PermissionDenied):
                work()


@pytest.mark.parametrize("scheme", ["core", "SEPA", "", None, ["CORE"]])
def test_an_unknown_scheme_is_refused(staff_actor, scheme):
    with pytest.raises(ValidationFailed):
        run(collection.create_run, staff_actor, scheme, UNTIL)


@pytest.mark.parametrize("forged", [0, -3, "x", None, 10**12])
def test_forged_run_ids_are_not_found(staff_actor, forged):
    with pytest.raises(NotFound):
        run(collection.submit_run, staff_actor, forged)
