"""The mandate as a PDF/A-3b letter (the invoice letters' frame, invoices/letter.py): creditor
and creditor identifier, mandate reference, the debtor's account (the IBAN masked but for its
last four characters, as everywhere it is shown), the mandate text in German and English, the
date and the person who granted it, and, once revoked, when."""

from __future__ import annotations

from harzportal.core.formatting import day
from harzportal.debits.models import SepaMandate
from harzportal.debits.wording import TITLE, mandate_text
from harzportal.invoices.debit_terms import masked_iban
from harzportal.invoices.letter import LANGUAGE, Letter
from harzportal.organizations.models import Organization
from harzportal.settings import get as get_settings


def filename(mandate: SepaMandate) -> str:
    return f"SEPA-Mandat-{mandate.reference}.pdf"


def render(mandate: SepaMandate, organization: Organization) -> bytes:
    settings = get_settings()
    seller = settings.seller
    days = settings.sepa_prenotification_days
    pdf = Letter(seller, TITLE["de"][mandate.scheme], mandate.reference, show_bank=False)
    pdf.add_page()
    pdf.letterhead((organization.name, organization.street,
                    f"{organization.postal_code} {organization.city}".strip()))
    pdf.heading()
    facts = [("Zahlungsempfänger", f"{seller.legal_name}, {seller.street}, "
                                   f"{seller.postal_code} {seller.city}"),
             ("Gläubiger-ID", mandate.creditor_id),
             ("Mandatsreferenz", mandate.reference),
             ("Kontoinhaber", mandate.account_holder),
             ("IBAN", masked_iban(mandate.iban))]
    if mandate.bic:
        facts.append(("BIC", mandate.bic + (f" ({mandate.bank_name})" if mandate.bank_name
                                            else "")))
    facts.append(("Erteilt", f"am {day(mandate.signed_on, LANGUAGE)} von "
                             f"{mandate.granted_by_name or '—'} (elektronisch im "
                             "Mitgliederportal)"))
    if mandate.revoked_at is not None:
        facts.append(("Widerrufen am", day(mandate.revoked_at.date(), LANGUAGE)))
    pdf.facts(facts)
    for paragraph in mandate_text(mandate.scheme, seller.legal_name, "de", days):
        pdf.paragraph(paragraph, size=9)
        pdf.ln(1)
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 6, TITLE["en"][mandate.scheme], align="L", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(1)
    for paragraph in mandate_text(mandate.scheme, seller.legal_name, "en", days):
        pdf.paragraph(paragraph, size=8)
        pdf.ln(0.5)
    return bytes(pdf.output())
