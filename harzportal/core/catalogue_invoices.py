"""Texts of invoices, payments, reminders, the fee schedule and the annual invoice run."""

from __future__ import annotations

INVOICE_TEXTS: dict[str, dict[str, str]] = {
    "nav.invoices": {"de": "Rechnungen", "en": "Invoices"},
    "nav.admin_invoices": {"de": "Rechnungen", "en": "Invoices"},
    "nav.fees": {"de": "Beitragsordnung", "en": "Fee schedule"},
    # States and kinds
    "invoice.state.open": {"de": "Offen", "en": "Open"},
    "invoice.state.overdue": {"de": "Überfällig", "en": "Overdue"},
    "invoice.state.paid": {"de": "Bezahlt", "en": "Paid"},
    "invoice.state.cancelled": {"de": "Storniert", "en": "Cancelled"},
    "invoice.state.credit_note": {"de": "Gutschrift", "en": "Credit note"},
    "invoice.kind.invoice": {"de": "Rechnung", "en": "Invoice"},
    "invoice.kind.credit_note": {"de": "Gutschrift (Rechnungskorrektur)",
                                 "en": "Credit note (correction)"},
    # Errors
    "invoice.line_description_invalid": {
        "de": "Bitte eine Beschreibung mit höchstens 300 Zeichen angeben.",
        "en": "Please enter a description of at most 300 characters."},
    "invoice.quantity_invalid": {"de": "Die Menge muss größer als 0 sein.",
                                 "en": "The quantity must be greater than 0."},
    "invoice.amount_invalid": {
        "de": "Bitte einen Betrag in Euro angeben, z. B. 1.200,00.",
        "en": "Please enter an amount in euros, e.g. 1,200.00 as 1200.00."},
    "invoice.vat_rate_invalid": {"de": "Bitte einen gültigen Umsatzsteuersatz wählen.",
                                 "en": "Please choose a valid VAT rate."},
    "invoice.no_lines": {"de": "Eine Rechnung braucht mindestens eine Position.",
                         "en": "An invoice needs at least one line."},
    "invoice.date_invalid": {"de": "Bitte ein gültiges Datum angeben.",
                             "en": "Please enter a valid date."},
    "invoice.period_invalid": {"de": "Das Ende des Leistungszeitraums liegt vor seinem Beginn.",
                               "en": "The end of the service period is before its start."},
    "invoice.cannot_cancel": {
        "de": "Nur offene Rechnungen ohne Zahlungseingang können storniert werden.",
        "en": "Only open invoices without payments can be cancelled."},
    "invoice.pdf_missing": {
        "de": "Das PDF dieser Rechnung ist nicht verfügbar. Bitte wenden Sie sich an die "
              "Geschäftsstelle.",
        "en": "The PDF of this invoice is not available. Please contact the network's office."},
    "payment.not_open": {"de": "Diese Rechnung ist nicht mehr offen.",
                         "en": "This invoice is no longer open."},
    "payment.date_invalid": {
        "de": "Das Zahlungsdatum muss zwischen Rechnungsdatum und heute liegen.",
        "en": "The payment date must be between the invoice date and today."},
    "payment.amount_invalid": {
        "de": "Der Betrag muss größer als 0 und höchstens {outstanding} (offen) sein.",
        "en": "The amount must be greater than 0 and at most {outstanding} (outstanding)."},
    "payment.changed_meanwhile": {
        "de": "Die Rechnung wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
        "en": "The invoice has changed in the meantime. Please reload the page."},
    "reminder.not_overdue": {"de": "Diese Rechnung ist nicht überfällig.",
                             "en": "This invoice is not overdue."},
    "reminder.max_level": {"de": "Die zweite Mahnung wurde bereits verschickt.",
                           "en": "The second reminder has already been sent."},
    "reminder.no_recipient": {
        "de": "Die Organisation hat keinen aktiven Rechnungsempfänger.",
        "en": "The organization has no active billing contact."},
    # Fee schedule
    "fees.band": {"de": "{min}–{max} Beschäftigte", "en": "{min}–{max} employees"},
    "fees.band_open": {"de": "ab {min} Beschäftigten", "en": "{min} employees and more"},
    "fees.exempt": {"de": "steuerfrei", "en": "exempt"},
    "fees.employees_invalid": {"de": "Bitte eine ganze Zahl von Beschäftigten angeben.",
                               "en": "Please enter a whole number of employees."},
    "fees.band_invalid": {"de": "Die Obergrenze liegt unter der Untergrenze.",
                          "en": "The upper limit is below the lower limit."},
    "fees.note_required": {
        "de": "Eine Steuerbefreiung braucht den Hinweis, der auf der Rechnung steht.",
        "en": "A VAT exemption needs the note printed on the invoice."},
    "fees.band_overlaps": {
        "de": "Diese Größenklasse überschneidet sich mit einer anderen derselben Branche.",
        "en": "This size band overlaps another one of the same sector."},
    # Annual run
    "invoice_run.year_invalid": {"de": "Bitte ein Jahr zwischen 2000 und 2100 angeben.",
                                 "en": "Please enter a year between 2000 and 2100."},
    "invoice_run.running_elsewhere": {
        "de": "Für dieses Jahr wurden gerade anderswo Rechnungen gestellt. Bitte laden Sie die "
              "Vorschau neu.",
        "en": "Invoices for this year were just issued elsewhere. Please reload the preview."},
    "invoice_run.state.to_issue": {"de": "Wird gestellt", "en": "Will be issued"},
    "invoice_run.state.invoiced": {"de": "Bereits berechnet", "en": "Already invoiced"},
    "invoice_run.state.no_fee": {"de": "Kein Beitrag in der Beitragsordnung",
                                 "en": "No fee in the schedule"},
    # Mails
    "mail.invoice_issued.subject": {"de": "Neue Rechnung {number}",
                                    "en": "New invoice {number}"},
    "mail.invoice_issued.body": {
        "de": "Guten Tag {name},\n\nfür {organization} liegt die Rechnung {number} über {amount} "
              "vor, zahlbar bis {due}. Das PDF (mit E-Rechnung nach EN 16931) ist angehängt "
              "und im Portal abrufbar:\n{link}\n",
        "en": "Hello {name},\n\ninvoice {number} for {organization} over {amount} is "
              "available, payable by {due}. The PDF (with an EN 16931 e-invoice) is attached "
              "and in the portal:\n{link}\n"},
    "mail.credit_note_issued.subject": {"de": "Gutschrift {number}",
                                        "en": "Credit note {number}"},
    "mail.credit_note_issued.body": {
        "de": "Guten Tag {name},\n\nfür {organization} wurde die Gutschrift {number} über "
              "{amount} ausgestellt. Das PDF ist angehängt und im Portal abrufbar:\n{link}\n",
        "en": "Hello {name},\n\ncredit note {number} over {amount} has been issued for "
              "{organization}. The PDF is attached and in the portal:\n{link}\n"},
    "mail.reminder1.subject": {"de": "Zahlungserinnerung zur Rechnung {number}",
                               "en": "Payment reminder for invoice {number}"},
    "mail.reminder1.body": {
        "de": "Guten Tag {name},\n\nsicher ist es Ihrer Aufmerksamkeit entgangen: Die Rechnung "
              "{number} vom {issued} war am {due} fällig. Offen sind noch {outstanding}. Bitte "
              "überweisen Sie den Betrag auf das Konto {iban}. Die Rechnung ist angehängt:\n"
              "{link}\n",
        "en": "Hello {name},\n\nperhaps it escaped your attention: invoice {number} of {issued} "
              "was due on {due}. {outstanding} is still outstanding. Please transfer it to the "
              "account {iban}. The invoice is attached:\n{link}\n"},
    "mail.reminder2.subject": {"de": "Zweite Mahnung zur Rechnung {number}",
                               "en": "Second reminder for invoice {number}"},
    "mail.reminder2.body": {
        "de": "Guten Tag {name},\n\ntrotz unserer Erinnerung ist die Rechnung {number} vom "
              "{issued} (fällig am {due}) noch nicht beglichen. Offen sind {outstanding}. "
              "Bitte überweisen Sie den Betrag umgehend auf das Konto {iban}.\n{link}\n",
        "en": "Hello {name},\n\ndespite our reminder, invoice {number} of {issued} (due on "
              "{due}) has not been paid. {outstanding} is outstanding. Please transfer it to "
              "the account {iban} without delay.\n{link}\n"},
}
