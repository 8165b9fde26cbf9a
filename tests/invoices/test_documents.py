"""The invoice documents as a finance office and its tools check them: PDF/A-3b essentials,
the GiroCode a banking app reads from the rendered page, the CII XML against its XSD and the
EN 16931 totals rules (BR-CO-10 .. BR-CO-16), for every kind of document the portal issues."""

from __future__ import annotations

import dataclasses
import itertools
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from harzportal import db, settings
from harzportal.core import clock, private_files
from harzportal.core.errors import Conflict, NotFound
from harzportal.core.formatting import money
from harzportal.core.roles import Role
from harzportal.invoices import collection, issuing, refunds, service
from harzportal.invoices.einvoice import NS
from harzportal.invoices.girocode import epc_payload
from harzportal.invoices.issuing import PDF_AREA
from harzportal.invoices.models import Reminder
from harzportal.organizations.models import Organization
from harzportal.settings import get as get_settings
from tests.invoices.conftest import TODAY
from tests.invoices.documents import (
    embedded_xml,
    girocodes,
    lines_of_words,
    page_texts,
    pdf_text,
    pdfa_facts,
    valid_cii,
    words,
)
from tests.invoices.helpers import billing_contact, issue_manual, line, load, member, outbox, run

pytestmark = pytest.mark.service

SRGB_COMPONENTS = 3
AFTER_DUE = TODAY + timedelta(days=31)  # due 14.02.2027; this is 15.02.2027


def organization_of(invoice) -> Organization:
    return load(Organization, invoice.organization_id)


def stored(invoice, invoice_store) -> bytes:
    return (invoice_store / invoice.pdf_file).read_bytes()


def values(root, path: str) -> list[str]:
    return [element.text for element in root.xpath(path, namespaces=NS)]


def cents(text: str) -> int:
    return int(Decimal(text) * 100)


def assert_pdfa3b(content: bytes) -> None:
    facts = pdfa_facts(content)
    assert facts.output_intents == (("/GTS_PDFA1", SRGB_COMPONENTS),)
    assert facts.fonts_unembedded == ()
    assert (facts.part, facts.conformance) == ("3", "B")
    assert len(facts.associated_files) >= 1
    assert facts.associated_files[0][0] in ("factur-x.xml", "xrechnung.xml")


def assert_totals_rules(root) -> None:
    """BR-CO-10 .. BR-CO-16 on the header totals and the VAT breakdown."""
    summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    line_total = sum(cents(v) for v in values(root, "//ram:SpecifiedLineTradeSettlement/"
                     "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"))
    assert cents(values(root, f"{summation}/ram:LineTotalAmount")[0]) == line_total  # BR-CO-10
    basis = cents(values(root, f"{summation}/ram:TaxBasisTotalAmount")[0])
    assert basis == line_total  # BR-CO-13 (no document allowances or charges)
    breakdown_vat = sum(cents(v) for v in values(
        root, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/"
              "ram:CalculatedAmount"))
    tax_total = cents(values(root, f"{summation}/ram:TaxTotalAmount")[0])
    assert tax_total == breakdown_vat  # BR-CO-14
    grand = cents(values(root, f"{summation}/ram:GrandTotalAmount")[0])
    assert grand == basis + tax_total  # BR-CO-15
    paid = sum(cents(v) for v in values(root, f"{summation}/ram:TotalPrepaidAmount"))
    assert cents(values(root, f"{summation}/ram:DuePayableAmount")[0]) == grand - paid  # BR-CO-16


@pytest.fixture
def invoice(factories, staff_actor):
    """1.200,00 € plus 19 % VAT = 1.428,00 €."""
    return issue_manual(staff_actor, member(factories, name="Harzer Chemiewerke GmbH"))


# PDF/A-3b ----------------------------------------------------------------------------------

def test_an_invoice_is_pdfa3b_with_an_srgb_output_intent_and_its_xml_attached(invoice,
                                                                              invoice_store):
    content = stored(invoice, invoice_store)

    assert_pdfa3b(content)
    filename, xml = embedded_xml(content)
    assert filename == "factur-x.xml"
    assert_totals_rules(valid_cii(xml))


def test_a_credit_note_is_pdfa3b(invoice, invoice_store, staff_actor):
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    content = stored(credit_note, invoice_store)
    assert_pdfa3b(content)
    assert_totals_rules(valid_cii(embedded_xml(content)[1]))


# GiroCode ----------------------------------------------------------------------------------

def test_the_invoice_girocode_read_from_the_rendered_page_asks_for_the_gross_amount(
        invoice, invoice_store):
    assert girocodes(stored(invoice, invoice_store)) == [
        epc_payload(get_settings().seller, 142800, invoice.number)]


def test_the_girocode_name_has_no_trailing_blank_where_it_is_cut(engine):
    seller = dataclasses.replace(get_settings().seller, legal_name="A" * 69 + " Verein e. V.")

    name = epc_payload(seller, 100, "R").split("\n")[5]

    assert name == "A" * 69


def test_a_zero_euro_invoice_asks_for_no_payment_and_carries_no_girocode(factories, staff_actor,
                                                                         invoice_store):
    invoice = issue_manual(staff_actor, member(factories),
                           [line("Freiplatz Seminar", 1000, 0, 1900)])

    content = stored(invoice, invoice_store)
    text = pdf_text(content)
    assert "Bitte überweisen Sie" not in text
    assert "Es ist keine Zahlung zu leisten." in text
    assert girocodes(content) == []


# Credit notes ------------------------------------------------------------------------------

def test_a_credit_note_is_a_rechnungskorrektur_that_asks_for_no_payment(invoice, invoice_store,
                                                                       staff_actor):
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    content = stored(credit_note, invoice_store)
    text = pdf_text(content)
    assert f"Rechnungskorrektur {credit_note.number}" in text
    assert "Gutschrift" not in text
    assert f"Rechnung {invoice.number} vom 15.01.2027" in text  # number and date of the original
    assert "-1.428,00 €" in text and "-1.200,00 €" in text and "-228,00 €" in text
    assert "Bitte überweisen Sie" not in text and "Fällig am" not in text
    assert girocodes(content) == []
    root = valid_cii(embedded_xml(content)[1])
    assert values(root, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    reference = "//ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument"
    assert values(root, f"{reference}/ram:IssuerAssignedID") == [invoice.number]  # BT-25
    assert values(root, f"{reference}/ram:FormattedIssueDateTime/qdt:DateTimeString") == [
        "20270115"]  # BT-26
    assert values(root, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime") == []
    assert values(root, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == []



def test_the_credit_note_of_a_paid_invoice_says_how_the_payment_is_refunded(
        invoice, invoice_store, staff_actor):
    """Fully paid, then cancelled with a refund by transfer: the credit note states amount,
    deadline and the masked account, asks for no payment and carries no GiroCode."""
    run(collection.record_payment, staff_actor, invoice.id, date(2027, 1, 15), 142800, "SEPA")
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id, refunds.RefundRequest(
        "transfer", 142800, "Harzer Chemiewerke GmbH", "DE89370400440532013000"))

    content = stored(credit_note, invoice_store)
    assert_pdfa3b(content)
    text = pdf_text(content)
    assert ("Den bereits gezahlten Betrag von 1.428,00 € überweisen wir bis zum 29.01.2027 auf "
            "Ihr Konto DE…3000 (Harzer Chemiewerke GmbH).") in text
    assert "DE89370400440532013000" not in text and "0532 0130" not in text
    assert "Es ist keine Zahlung zu leisten." in text and "noch nicht bezahlt" not in text
    assert "Bitte überweisen Sie" not in text and "Fällig am" not in text
    assert get_settings().seller.iban not in text  # no account to pay to, not even the footer
    assert girocodes(content) == []
    root = valid_cii(embedded_xml(content)[1])
    assert_totals_rules(root)
    assert values(root, "//ram:SpecifiedTradeSettlementPaymentMeans") == []  # no BG-16
    assert values(root, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime") == []
    [terms] = values(root, "//ram:SpecifiedTradePaymentTerms/ram:Description")
    assert "überweisen wir bis zum 29.01.2027 auf Ihr Konto DE…3000" in terms


def test_the_credit_note_of_a_partly_paid_invoice_sets_off_only_what_was_paid(
        invoice, invoice_store, staff_actor):
    run(collection.record_payment, staff_actor, invoice.id, date(2027, 1, 15), 50000, "Teil")
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id,
                      refunds.RefundRequest("set_off", 50000))

    content = stored(credit_note, invoice_store)
    text = pdf_text(content)
    assert ("Den bereits gezahlten Betrag von 500,00 € verrechnen wir mit Ihrer nächsten "
            "Rechnung.") in text
    assert "-1.428,00 €" in text  # the credit note still corrects the full invoice
    assert girocodes(content) == []
    assert_totals_rules(valid_cii(embedded_xml(content)[1]))




# Reminders ---------------------------------------------------------------------------------

def assert_pdfa3b_letter(content: bytes) -> None:
    """A reminder carries no XML: PDF/A-3b without associated files."""
    facts = pdfa_facts(content)
    assert facts.output_intents == (("/GTS_PDFA1", SRGB_COMPONENTS),)
    assert facts.fonts_unembedded == ()
    assert (facts.part, facts.conformance) == ("3", "B")


@pytest.fixture
def overdue_partly_paid(factories, staff_actor):
    """1.428,00 € invoiced on 15.01.2027, due 14.02.2027, 1.000,00 € paid."""
    from harzportal.invoices import collection
    organization = member(factories, name="Harzer Chemiewerke GmbH")
    billing_contact(factories, organization, email="buchhaltung@harzer-chemie.example")
    invoice = issue_manual(staff_actor, organization)
    run(collection.record_payment, staff_actor, invoice.id, date(2027, 1, 15), 100000, "Teil")
    return invoice


def rendered(reminder):
    """The reminder as its job left it (the PDF is rendered after the send committed)."""
    with db.unit_of_work() as session:
        return session.get(Reminder, reminder.id)


def test_each_reminder_level_is_a_pdf_of_its_own_asking_for_exactly_the_open_amount(
        overdue_partly_paid, staff_actor, invoice_store):
    invoice = overdue_partly_paid
    with clock.fixed_at(AFTER_DUE):
        reminders = [rendered(run(collection.send_reminder, staff_actor, invoice.id))
                     for _ in range(3)]

    expected_payload = epc_payload(get_settings().seller, 42800, invoice.number)
    for reminder, title in zip(reminders, ("Zahlungserinnerung", "1. Mahnung", "2. Mahnung"),
                               strict=True):
        content = private_files.read_verified(PDF_AREA, reminder.pdf_file, reminder.pdf_sha256)
        assert content is not None
        assert_pdfa3b_letter(content)
        text = pdf_text(content)
        assert f"{title} zur Rechnung {invoice.number} vom 15.01.2027" in text
        assert "Rechnungsbetrag 1.428,00 €" in text
        assert "Bereits gezahlt 1.000,00 €" in text
        assert "Offener Betrag 428,00 €" in text
        assert "bis zum 01.03.2027" in text  # 15.02.2027 + 14 days
        assert "1.428,00 € bis zum" not in text
        assert girocodes(content) == [expected_payload]
        assert (reminder.title, reminder.open_cents, reminder.new_due_date) == (
            title, 42800, date(2027, 3, 1))
    mails = outbox("payment_reminder")
    assert [mail.attachments for mail in mails] == [[{
        "area": "invoices", "name": reminder.pdf_file, "sha256": reminder.pdf_sha256,
        "filename": f"{invoice.number}-mahnstufe-{reminder.level}.pdf",
        "mime": "application/pdf"}] for reminder in reminders]
    assert all("428,00\xa0€" in mail.body_text and "01.03.2027" in mail.body_text
               for mail in mails)
    with clock.fixed_at(AFTER_DUE), pytest.raises(Conflict) as raised:
        run(collection.send_reminder, staff_actor, invoice.id)
    assert raised.value.message_key == "reminder.max_level"


def test_the_reminder_fee_is_stated_from_the_second_level_on_and_not_in_the_girocode(
        overdue_partly_paid, staff_actor, monkeypatch):
    monkeypatch.setenv("HARZPORTAL_REMINDER_FEE_CENTS", "500")
    settings.reload()
    invoice = overdue_partly_paid
    with clock.fixed_at(AFTER_DUE):
        first = rendered(run(collection.send_reminder, staff_actor, invoice.id))
        second = rendered(run(collection.send_reminder, staff_actor, invoice.id))

    def text_and_codes(reminder):
        content = private_files.read_verified(PDF_AREA, reminder.pdf_file, reminder.pdf_sha256)
        return pdf_text(content), girocodes(content)

    first_text, first_codes = text_and_codes(first)
    second_text, second_codes = text_and_codes(second)
    assert "Mahngebühr" not in first_text and first.fee_cents == 0
    assert "Mahngebühr 5,00 €" in second_text and second.fee_cents == 500
    payload = epc_payload(get_settings().seller, 42800, invoice.number)
    assert first_codes == second_codes == [payload]


def test_a_later_reminders_letter_is_a_grammatical_sentence(overdue_partly_paid, staff_actor):
    """Seen in the rendered 1. Mahnung: "trotz unserer Erinnerung Unsere Rechnung … war"."""
    invoice = overdue_partly_paid
    with clock.fixed_at(AFTER_DUE):
        first = run(collection.send_reminder, staff_actor, invoice.id)
        second = run(collection.send_reminder, staff_actor, invoice.id)

    def text(reminder):
        stored = load(Reminder, reminder.id)  # its PDF is rendered by a job after the commit
        return pdf_text(private_files.read_verified(PDF_AREA, stored.pdf_file,
                                                    stored.pdf_sha256))

    assert (f"sicher ist es Ihrer Aufmerksamkeit entgangen: Unsere Rechnung {invoice.number} "
            "vom 15.01.2027 war am 14.02.2027 fällig und ist noch nicht vollständig bezahlt."
            ) in text(first)
    assert (f"unsere Rechnung {invoice.number} vom 15.01.2027 war am 14.02.2027 fällig und ist "
            "trotz unserer Erinnerung noch nicht vollständig bezahlt.") in text(second)
    assert "Erinnerung Unsere" not in text(second)


def test_a_reminder_pdf_is_for_the_member_and_staff_only(overdue_partly_paid, staff_actor,
                                                        factories):
    invoice = overdue_partly_paid
    with clock.fixed_at(AFTER_DUE):
        reminder = run(collection.send_reminder, staff_actor, invoice.id)
    own = factories.actor(factories.user(organization_of(invoice), role=Role.ORG_MANAGER))
    stranger = factories.actor(factories.user(member(factories), role=Role.ORG_MANAGER))

    content, filename = run(service.reminder_pdf, own, reminder.id)
    assert content.startswith(b"%PDF") and filename == f"{invoice.number}-mahnstufe-1.pdf"
    assert run(service.reminder_pdf, staff_actor, reminder.id)[0] == content
    with pytest.raises(NotFound):
        run(service.reminder_pdf, stranger, reminder.id)


# Layout ------------------------------------------------------------------------------------

A4_WIDTH_PT, MARGIN_PT = 595.28, 20 / 25.4 * 72


def euro(cents: int) -> str:
    return money(cents, "de").replace("\xa0", " ")


def assert_nothing_overlaps_or_runs_off(content: bytes) -> None:
    for row in lines_of_words(words(content)):
        for word in row:
            assert MARGIN_PT - 1 <= word.left and word.right <= A4_WIDTH_PT - MARGIN_PT + 1, word
        for left, right in itertools.pairwise(row):
            assert left.right <= right.left + 0.1, (left, right)


def test_the_address_is_set_flush_left_not_justified(factories, staff_actor, invoice_store):
    organization = member(factories, name="Müller & Söhne Großhandel für Laborbedarf und "
                                           "Industriechemikalien GmbH")
    invoice = issue_manual(staff_actor, organization)

    found = [w for w in words(stored(invoice, invoice_store)) if w.page == 1]
    address_rows = [row for row in lines_of_words(found)
                    if row[0].text in ("Müller", "Industriechemikalien")]
    assert address_rows
    for row in address_rows:
        for left, right in itertools.pairwise(row):
            assert right.left - left.right < 5, f"a wide gap: {left.text} … {right.text}"


def test_a_long_seller_name_wraps_within_the_page(factories, staff_actor, invoice_store,
                                                  monkeypatch):
    monkeypatch.setenv("HARZPORTAL_SELLER_NAME", "Verband der chemischen Industrie im Harz und "
                                                 "im nördlichen Thüringen e. V.")
    settings.reload()
    invoice = issue_manual(staff_actor, member(factories))

    content = stored(invoice, invoice_store)
    assert_nothing_overlaps_or_runs_off(content)
    assert "Thüringen" in pdf_text(content)


def test_the_largest_amount_fits_its_columns(factories, staff_actor, invoice_store):
    """9.999.999,99 € gross: 8.403.361,34 € net plus 19 % VAT, quantity 1."""
    invoice = issue_manual(staff_actor, member(factories),
                           [line("Großprojekt", 1000, 840336134, 1900)])

    content = stored(invoice, invoice_store)
    assert invoice.gross_cents == 999999999
    assert_nothing_overlaps_or_runs_off(content)
    row = next(row for row in lines_of_words(words(content))
               if len(row) > 1 and row[1].text == "Großprojekt")
    assert [w.text for w in row] == ["1", "Großprojekt", "1", "8.403.361,34", "€", "19", "%",
                                     "8.403.361,34", "€"]
    quantity, price, rate, amount = row[2], row[3], row[5], row[7]
    for left, right in ((quantity, price), (row[4], rate), (row[6], amount)):
        assert right.left - left.right >= 6, f"columns run together: {left.text} {right.text}"
    text = pdf_text(content)
    assert "1 8.403.361,34 € 19 % 8.403.361,34 €" in text
    assert "9.999.999,99 €" in text
    assert girocodes(content) == [epc_payload(get_settings().seller, 999999999, invoice.number)]


def test_a_30_line_invoice_repeats_header_number_page_and_carried_total(factories, staff_actor,
                                                                        invoice_store):
    lines = [line(f"Seminar {n}: Gefahrstoffe, Lagerung und Transport nach ADR, Teil {n}",
                  1000, 10000, 1900) for n in range(1, 31)]
    invoice = issue_manual(staff_actor, member(factories), lines)

    content = stored(invoice, invoice_store)
    pages = page_texts(content)
    assert len(pages) >= 2
    carried = 0
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in text
        if number > 1:
            assert f"Rechnung {invoice.number}" in text
        if 1 < number and carried < 300000:
            assert "Pos. Beschreibung Menge Einzelpreis USt Betrag" in text
            assert f"Übertrag {euro(carried)}" in text
        positions = set(re.findall(r"Teil (\d+)\b", text))
        carried += 10000 * len(positions)
        if number < len(pages) and "Übertrag" in pages[number]:  # the lines go on
            assert f"Übertrag auf die nächste Seite {euro(carried)}" in text
    assert carried == 300000
    assert_nothing_overlaps_or_runs_off(content)
    assert girocodes(content) == [epc_payload(get_settings().seller, 357000, invoice.number)]
    assert_totals_rules(valid_cii(embedded_xml(content)[1]))


def test_the_page_count_of_a_continuation_header_stands_flush_right(factories, staff_actor,
                                                                    invoice_store):
    """Seen in the rendered 30-line invoice: "Seite 2 von 4" stood about 4 mm left of the
    title line above it (fpdf2 aligned the {nb} alias before putting in the number)."""
    lines = [line(f"Seminar {n}: Gefahrstoffe, Lagerung und Transport nach ADR, Teil {n}",
                  1000, 10000, 1900) for n in range(1, 31)]
    invoice = issue_manual(staff_actor, member(factories), lines)

    found = words(stored(invoice, invoice_store))
    pages = max(word.page for word in found)
    for page in range(2, pages + 1):
        rows = lines_of_words([word for word in found if word.page == page])
        title = next(row for row in rows if row[-1].text == invoice.number)
        count = next(row for row in rows if [w.text for w in row[-4:]] == [
            "Seite", str(page), "von", str(pages)])
        assert abs(title[-1].right - count[-1].right) < 0.5, (title[-1], count[-1])
    # Seen there too: the totals closed page 3 and the payment text stood alone on page 4.
    [page] = [text for text in page_texts(stored(invoice, invoice_store))
              if "Bitte überweisen Sie" in text]
    assert "Gesamtbetrag 3.570,00 €" in page


# Tax categories ----------------------------------------------------------------------------

def breakdown(root) -> list[tuple]:
    return [(tax.findtext("ram:CategoryCode", namespaces=NS),
             tax.findtext("ram:RateApplicablePercent", namespaces=NS),
             tax.findtext("ram:BasisAmount", namespaces=NS),
             tax.findtext("ram:CalculatedAmount", namespaces=NS),
             tax.findtext("ram:ExemptionReasonCode", namespaces=NS),
             tax.findtext("ram:ExemptionReason", namespaces=NS))
            for tax in root.xpath("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax",
                                  namespaces=NS)]


NOT_TAXABLE = "Echter Mitgliedsbeitrag, nicht umsatzsteuerbar (Abschn. 1.4 Abs. 1 UStAE)"
EXEMPT = "Steuerfrei nach § 4 Nr. 22 Buchst. a UStG"


def test_a_not_taxable_invoice_is_category_o_without_rate_and_seller_vat_id(
        factories, staff_actor, invoice_store):
    invoice = issue_manual(staff_actor, member(factories), [
        line("Mitgliedsbeitrag 2027", 1000, 60000, 0, vat_exempt=True, vat_category="O",
             exemption_note=NOT_TAXABLE)])

    content = stored(invoice, invoice_store)
    assert_pdfa3b(content)
    root = valid_cii(embedded_xml(content)[1])
    assert_totals_rules(root)
    assert breakdown(root) == [("O", None, "600.00", "0.00", "VATEX-EU-O", NOT_TAXABLE)]
    line_tax = "//ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax"
    assert values(root, f"{line_tax}/ram:CategoryCode") == ["O"]
    assert values(root, f"{line_tax}/ram:RateApplicablePercent") == []  # BR-O-5
    assert values(root, "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/"
                        "ram:ID[@schemeID='VA']") == []  # BR-O-2
    assert values(root, "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/"
                        "ram:ID[@schemeID='FC']") == [get_settings().seller.tax_number]
    # BR-CO-26 without a VAT id: the seller's legal registration (BT-30) identifies it
    assert values(root, "//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID") == [
        get_settings().seller.register]
    text = pdf_text(content)
    assert "nicht steuerbar" in text.lower() and NOT_TAXABLE in text
    assert girocodes(content) == [epc_payload(get_settings().seller, 60000, invoice.number)]


def test_a_mixed_invoice_has_s_and_e_with_its_vatex_code(factories, staff_actor, invoice_store):
    invoice = issue_manual(staff_actor, member(factories), [
        line("Seminar", 1000, 10000, 1900), line("Tagungsband", 2000, 1500, 700),
        line("Lehrgang", 1000, 60000, 0, vat_exempt=True, vat_category="E",
             exemption_note=EXEMPT)])

    content = stored(invoice, invoice_store)
    assert_pdfa3b(content)
    root = valid_cii(embedded_xml(content)[1])
    assert_totals_rules(root)
    assert breakdown(root) == [("S", "19.00", "100.00", "19.00", None, None),
                               ("S", "7.00", "30.00", "2.10", None, None),
                               ("E", "0.00", "600.00", "0.00", "VATEX-EU-132", EXEMPT)]
    assert f"Hinweis zur Steuerbefreiung: {EXEMPT}" in pdf_text(content)
    assert girocodes(content) == [epc_payload(get_settings().seller, 75110, invoice.number)]


def test_not_taxable_lines_stand_alone_on_an_invoice(factories, staff_actor):
    from harzportal.core.errors import ValidationFailed
    with pytest.raises(ValidationFailed) as raised:
        issue_manual(staff_actor, member(factories), [
            line("Seminar", 1000, 10000, 1900),
            line("Mitgliedsbeitrag", 1000, 60000, 0, vat_exempt=True, vat_category="O",
                 exemption_note=NOT_TAXABLE)])
    assert raised.value.message_key == "invoice.not_taxable_alone"
