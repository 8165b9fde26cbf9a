"""The text of a SEPA direct debit mandate, in German and English (the wording of the German
banking industry's standard forms for the SEPA Core and the SEPA B2B scheme).

The mandate is a legal declaration: its text is fixed here in both languages, not in the UI
catalogues, and the PDF carries both (German first). The page shows it in the reader's language.
"""

from __future__ import annotations

from harzportal.debits.models import Scheme

TITLE = {"de": {Scheme.CORE.value: "SEPA-Basislastschriftmandat",
                Scheme.B2B.value: "SEPA-Firmenlastschriftmandat"},
         "en": {Scheme.CORE.value: "SEPA Core Direct Debit Mandate",
                Scheme.B2B.value: "SEPA Business-to-Business Direct Debit Mandate"}}

_AUTHORISATION = {
    "de": ("Wir ermächtigen {creditor}, wiederkehrende Zahlungen (Mitgliedsbeiträge und "
           "Rechnungen des Netzwerks) von unserem Konto mittels Lastschrift einzuziehen. "
           "Zugleich weisen wir unser Kreditinstitut an, die von {creditor} auf unser Konto "
           "gezogenen Lastschriften einzulösen."),
    "en": ("We authorise {creditor} to send instructions to our bank to debit our account, and "
           "our bank to debit our account in accordance with the instructions from {creditor}, "
           "for recurring payments (membership fees and invoices of the network)."),
}
_NOTE = {
    ("de", Scheme.CORE.value): (
        "Hinweis: Wir können innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die "
        "Erstattung des belasteten Betrages verlangen. Es gelten dabei die mit unserem "
        "Kreditinstitut vereinbarten Bedingungen."),
    ("en", Scheme.CORE.value): (
        "Note: As part of our rights, we are entitled to a refund from our bank under the terms "
        "and conditions of our agreement with our bank. A refund must be claimed within eight "
        "weeks starting from the date on which our account was debited."),
    ("de", Scheme.B2B.value): (
        "Hinweis: Dieses Lastschriftmandat dient nur dem Einzug von Lastschriften, die auf "
        "Konten von Unternehmen gezogen sind. Wir sind nicht berechtigt, nach der erfolgten "
        "Einlösung eine Erstattung des belasteten Betrages zu verlangen. Wir sind berechtigt, "
        "unser Kreditinstitut bis zum Fälligkeitstag anzuweisen, Lastschriften nicht "
        "einzulösen. Wir geben dieses Mandat auch unserem Kreditinstitut bekannt."),
    ("en", Scheme.B2B.value): (
        "Note: This mandate is only intended for business-to-business transactions. We are not "
        "entitled to a refund from our bank after our account has been debited, but we are "
        "entitled to request our bank not to debit our account up until the day on which the "
        "payment is due. We also inform our bank of this mandate."),
}
_NOTICE = {
    "de": ("Den Tag des Einzugs teilen wir Ihnen mit jeder Rechnung mit, mindestens {days} "
           "Bankarbeitstage vorher (Vorabankündigung)."),
    "en": ("We tell you the day of each collection on its invoice, at least {days} business "
           "days in advance (pre-notification)."),
}


def mandate_text(scheme: str, creditor: str, language: str, prenotification_days: int
                 ) -> tuple[str, ...]:
    """The mandate's paragraphs in `language` ("de" or "en")."""
    language = language if language in ("de", "en") else "de"
    return (_AUTHORISATION[language].format(creditor=creditor),
            _NOTE[(language, scheme)],
            _NOTICE[language].format(days=prenotification_days))
