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
    "invoice.exemption_note_required": {
        "de": "Für steuerfreie Positionen bitte den Hinweis zur Steuerbefreiung angeben.",
        "en": "Please give the VAT exemption note for exempt lines."},
    "invoice.exemption_note": {"de": "Hinweis zur Steuerbefreiung (für steuerfreie Positionen)",
                               "en": "VAT exemption note (for exempt lines)"},
    "invoice.exemption_note_hint": {"de": "z. B. Steuerfrei nach § 4 Nr. 22 UStG",
                                    "en": "e.g. exempt under § 4 no. 22 UStG"},
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
    "fees.band_all": {"de": "alle Größen", "en": "all sizes"},
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
    # Pages
    "invoices.title": {"de": "Rechnungen", "en": "Invoices"},
    "invoices.staff_title": {"de": "Rechnungen", "en": "Invoices"},
    "invoices.outstanding_total": {"de": "Offener Betrag", "en": "Outstanding"},
    "invoices.empty": {"de": "Noch keine Rechnungen.", "en": "No invoices yet."},
    "invoices.count": {"de": "Rechnungen", "en": "invoices"},
    "invoices.export_csv": {"de": "CSV für die Buchhaltung", "en": "CSV for accounting"},
    "invoices.search_placeholder": {"de": "Rechnungsnummer oder Organisation",
                                    "en": "Invoice number or organization"},
    "invoices.filter.all": {"de": "Alle", "en": "All"},
    "invoices.filter.open": {"de": "Offen", "en": "Open"},
    "invoices.filter.overdue": {"de": "Überfällig", "en": "Overdue"},
    "invoices.filter.paid": {"de": "Bezahlt", "en": "Paid"},
    "invoices.filter.cancelled": {"de": "Storniert", "en": "Cancelled"},
    "invoice.title": {"de": "Rechnung", "en": "Invoice"},
    "invoice.number": {"de": "Nummer", "en": "Number"},
    "invoice.issued": {"de": "Rechnungsdatum", "en": "Invoice date"},
    "invoice.due": {"de": "Fällig am", "en": "Due on"},
    "invoice.amount": {"de": "Betrag", "en": "Amount"},
    "invoice.outstanding": {"de": "Offen", "en": "Outstanding"},
    "invoice.back": {"de": "Zurück zu den Rechnungen", "en": "Back to the invoices"},
    "invoice.download_pdf": {"de": "PDF herunterladen", "en": "Download PDF"},
    "invoice.recipient": {"de": "Empfänger", "en": "Recipient"},
    "invoice.period": {"de": "Leistungszeitraum", "en": "Service period"},
    "invoice.related": {"de": "Zugehörige Rechnung", "en": "Related document"},
    "invoice.position": {"de": "Pos.", "en": "No."},
    "invoice.description": {"de": "Beschreibung", "en": "Description"},
    "invoice.quantity": {"de": "Menge", "en": "Quantity"},
    "invoice.unit_price": {"de": "Einzelpreis (€)", "en": "Unit price (€)"},
    "invoice.vat_rate": {"de": "USt-Satz", "en": "VAT rate"},
    "invoice.vat_zero": {"de": "0 % (steuerfrei)", "en": "0 % (exempt)"},
    "invoice.line_amount": {"de": "Betrag", "en": "Amount"},
    "invoice.net": {"de": "Netto", "en": "Net"},
    "invoice.vat": {"de": "Umsatzsteuer", "en": "VAT"},
    "invoice.gross": {"de": "Gesamtbetrag", "en": "Total"},
    "invoice.payments": {"de": "Zahlungen", "en": "Payments"},
    "invoice.no_payments": {"de": "Noch keine Zahlung eingegangen.",
                            "en": "No payment received yet."},
    "invoice.reminders": {"de": "Mahnungen", "en": "Reminders"},
    "invoice.reminder_level": {"de": "Mahnstufe", "en": "Reminder level"},
    "invoice.staff_actions": {"de": "Zahlung und Mahnwesen", "en": "Payment and reminders"},
    "invoice.cancel": {"de": "Stornieren (Gutschrift)", "en": "Cancel (credit note)"},
    "invoice.cancel_confirm": {
        "de": "Die Rechnung bleibt unverändert erhalten; eine Gutschrift über den vollen Betrag "
              "wird erstellt und dem Rechnungsempfänger geschickt.",
        "en": "The invoice stays unchanged; a credit note over its full amount is issued and "
              "sent to the billing contacts."},
    "invoice.cancelled": {"de": "Die Rechnung wurde mit einer Gutschrift storniert.",
                          "en": "The invoice has been cancelled by a credit note."},
    "invoice.new": {"de": "Einzelrechnung", "en": "Single invoice"},
    "invoice.service_from": {"de": "Leistung vom", "en": "Service from"},
    "invoice.service_to": {"de": "Leistung bis", "en": "Service to"},
    "invoice.lines_hint": {
        "de": "Positionen: Beschreibung, Menge, Einzelpreis netto in Euro, USt-Satz. Leere "
              "Zeilen werden ignoriert.",
        "en": "Lines: description, quantity, net unit price in euros, VAT rate. Empty lines "
              "are ignored."},
    "invoice.issue": {"de": "Rechnung stellen", "en": "Issue invoice"},
    "payment.paid_on": {"de": "Zahlungseingang am", "en": "Paid on"},
    "payment.reference": {"de": "Verwendungszweck / Referenz", "en": "Reference"},
    "payment.record": {"de": "Zahlung buchen", "en": "Record payment"},
    "payment.recorded": {"de": "Die Zahlung wurde gebucht.", "en": "The payment has been recorded."},
    "reminder.send": {"de": "Mahnung senden", "en": "Send reminder"},
    "reminder.sent": {"de": "Die Mahnung wurde an die Rechnungsempfänger verschickt.",
                      "en": "The reminder has been sent to the billing contacts."},
    "invoice_run.title": {"de": "Jahresrechnungslauf", "en": "Annual invoice run"},
    "invoice_run.intro": {
        "de": "Stellt jedem aktiven Mitglied den Jahresbeitrag nach der Beitragsordnung in "
              "Rechnung. Bereits berechnete Mitglieder werden übersprungen.",
        "en": "Invoices every active member its annual fee according to the fee schedule. "
              "Members already invoiced are skipped."},
    "invoice_run.year": {"de": "Beitragsjahr", "en": "Fee year"},
    "invoice_run.preview": {"de": "Vorschau", "en": "Preview"},
    "invoice_run.band": {"de": "Größenklasse", "en": "Size band"},
    "invoice_run.summary_to_issue": {"de": "Zu stellen", "en": "To issue"},
    "invoice_run.summary_already": {"de": "Bereits berechnet", "en": "Already invoiced"},
    "invoice_run.issue_all": {"de": "Alle Rechnungen stellen", "en": "Issue all invoices"},
    "invoice_run.confirm": {"de": "Rechnungen und Gesamtbetrag:",
                            "en": "Invoices and total amount:"},
    "invoice_run.issued": {"de": "{count} Rechnungen für {year} wurden gestellt und verschickt.",
                           "en": "{count} invoices for {year} have been issued and sent."},
    "invoice_run.nothing_new": {
        "de": "Für {year} ist nichts mehr zu berechnen: alle Mitglieder haben ihre Rechnung "
              "bereits ({count} neue).",
        "en": "Nothing left to invoice for {year}: every member has its invoice already "
              "({count} new)."},
    "fees.title": {"de": "Beitragsordnung", "en": "Fee schedule"},
    "fees.intro": {"de": "Jahresbeiträge nach Branche und Größe (Beschäftigte).",
                   "en": "Annual fees by sector and size (employees)."},
    "fees.add": {"de": "Größenklasse hinzufügen", "en": "Add size band"},
    "fees.edit_title": {"de": "Beitrag bearbeiten", "en": "Edit fee"},
    "fees.delete": {"de": "Löschen", "en": "Delete"},
    "fees.deleted": {"de": "Der Eintrag wurde gelöscht.", "en": "The entry has been deleted."},
    "fees.save": {"de": "Speichern", "en": "Save"},
    "fees.saved": {"de": "Die Beitragsordnung wurde gespeichert.",
                   "en": "The fee schedule has been saved."},
    "fees.min_employees": {"de": "Beschäftigte ab", "en": "Employees from"},
    "fees.max_employees": {"de": "Beschäftigte bis (leer: unbegrenzt)",
                           "en": "Employees up to (empty: no limit)"},
    "fees.fee": {"de": "Jahresbeitrag (€)", "en": "Annual fee (€)"},
    "fees.exemption_note": {"de": "Hinweis zur Steuerbefreiung (auf der Rechnung)",
                            "en": "VAT exemption note (printed on the invoice)"},
}
