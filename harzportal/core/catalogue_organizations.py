"""Texts of organization profiles, change requests, contacts and the directory."""

from __future__ import annotations

ORGANIZATION_TEXTS: dict[str, dict[str, str]] = {
    "nav.organization": {"de": "Unsere Organisation", "en": "Our organization"},
    "nav.directory": {"de": "Mitgliederverzeichnis", "en": "Member directory"},
    "nav.approvals": {"de": "Freigaben", "en": "Approvals"},
    "nav.organizations": {"de": "Organisationen", "en": "Organizations"},
    # Profile fields
    "profile.field.name": {"de": "Name", "en": "Name"},
    "profile.field.legal_form": {"de": "Rechtsform", "en": "Legal form"},
    "profile.field.kind": {"de": "Branche", "en": "Sector"},
    "profile.field.street": {"de": "Straße und Hausnummer", "en": "Street and number"},
    "profile.field.postal_code": {"de": "Postleitzahl", "en": "Postal code"},
    "profile.field.city": {"de": "Ort", "en": "City"},
    "profile.field.federal_state": {"de": "Bundesland", "en": "Federal state"},
    "profile.field.website": {"de": "Website", "en": "Website"},
    "profile.field.phone": {"de": "Telefon", "en": "Phone"},
    "profile.field.email": {"de": "Allgemeine E-Mail-Adresse", "en": "General email address"},
    "profile.field.description": {"de": "Beschreibung", "en": "Description"},
    "profile.field.employees": {"de": "Beschäftigte", "en": "Employees"},
    "profile.field.competences": {"de": "Kompetenzen", "en": "Competences"},
    "profile.field.logo": {"de": "Logo", "en": "Logo"},
    "profile.field.address": {"de": "Anschrift", "en": "Address"},
    "profile.logo_present": {"de": "Logo vorhanden", "en": "Logo present"},
    "profile.competences_hint": {"de": "Mit Komma trennen, höchstens 15",
                                 "en": "Separate with commas, at most 15"},
    # Profile validation
    "profile.required": {"de": "Bitte füllen Sie dieses Feld aus.",
                         "en": "Please fill in this field."},
    "profile.too_long": {"de": "Höchstens {limit} Zeichen.", "en": "At most {limit} characters."},
    "profile.kind_invalid": {"de": "Bitte wählen Sie eine Branche aus der Liste.",
                             "en": "Please choose a sector from the list."},
    "profile.federal_state_invalid": {"de": "Bitte wählen Sie ein Bundesland aus der Liste.",
                                      "en": "Please choose a federal state from the list."},
    "profile.postal_code_invalid": {
        "de": "Eine deutsche Postleitzahl hat genau 5 Ziffern.",
        "en": "A German postal code has exactly 5 digits."},
    "profile.website_invalid": {
        "de": "Bitte geben Sie eine Web-Adresse mit http:// oder https:// an, "
              "z. B. https://www.beispiel.de.",
        "en": "Please enter a web address starting with http:// or https://, "
              "e.g. https://www.example.com."},
    "profile.phone_invalid": {
        "de": "Bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden, mindestens 6 Ziffern.",
        "en": "Please use only digits, spaces and + ( ) / -, at least 6 digits."},
    "profile.employees_invalid": {
        "de": "Bitte eine ganze Zahl zwischen 0 und 1.000.000 angeben.",
        "en": "Please enter a whole number between 0 and 1,000,000."},
    "profile.competence_invalid": {
        "de": "Jede Kompetenz hat 2 bis 40 Zeichen.",
        "en": "Each competence has 2 to 40 characters."},
    "profile.competences_too_many": {"de": "Höchstens 15 Kompetenzen.",
                                     "en": "At most 15 competences."},
    "profile.form_has_errors": {
        "de": "Bitte prüfen Sie die markierten Felder.",
        "en": "Please check the marked fields."},
    # Logo
    "logo.wrong_type": {
        "de": "Das Logo muss ein PNG-, JPEG- oder WebP-Bild sein (SVG und andere Formate "
              "werden nicht angenommen).",
        "en": "The logo must be a PNG, JPEG or WebP image (SVG and other formats are not "
              "accepted)."},
    "logo.too_large": {"de": "Das Logo darf höchstens 2 MB groß sein.",
                       "en": "The logo may be at most 2 MB."},
    "logo.too_many_pixels": {"de": "Das Bild ist zu groß (höchstens 40 Megapixel).",
                             "en": "The image is too large (at most 40 megapixels)."},
    "logo.empty": {"de": "Die Datei ist leer.", "en": "The file is empty."},
    "logo.invalid": {"de": "Dieses Logo ist ungültig. Bitte laden Sie es erneut hoch.",
                     "en": "This logo is invalid. Please upload it again."},
    "logo.upload_hint": {
        "de": "PNG, JPEG oder WebP, höchstens 2 MB. Das Bild wird auf 400 × 400 Pixel "
              "verkleinert.",
        "en": "PNG, JPEG or WebP, at most 2 MB. The image is scaled to 400 × 400 pixels."},
    "logo.choose": {"de": "Bild auswählen oder hierher ziehen",
                    "en": "Choose an image or drop it here"},
    "logo.remove": {"de": "Logo entfernen", "en": "Remove logo"},
    "logo.uploaded": {"de": "Neues Logo hochgeladen – es wird mit dem Absenden übernommen.",
                      "en": "New logo uploaded – it is included when you submit."},
    "logo.removed": {"de": "Das Logo wird mit dem Absenden entfernt.",
                     "en": "The logo is removed when you submit."},
    "logo.none": {"de": "Kein Logo", "en": "No logo"},
    "logo.alt": {"de": "Logo von", "en": "Logo of"},
    # Profile page and change requests
    "organization.title": {"de": "Unsere Organisation", "en": "Our organization"},
    "organization.title_staff": {"de": "Organisationsprofil", "en": "Organization profile"},
    "organization.propose": {"de": "Änderung vorschlagen", "en": "Propose a change"},
    "organization.edit_pending": {"de": "Vorschlag bearbeiten", "en": "Edit the proposal"},
    "organization.edit_directly": {"de": "Profil direkt bearbeiten", "en": "Edit profile directly"},
    "organization.contacts": {"de": "Ansprechpartner", "en": "Contacts"},
    "organization.no_organization": {
        "de": "Ihr Konto gehört zu keiner Mitgliedsorganisation.",
        "en": "Your account does not belong to a member organization."},
    "change.pending_title": {"de": "Änderung in Prüfung", "en": "Change in review"},
    "change.pending_intro": {
        "de": "Eingereicht von {author} am {created}. Die Geschäftsstelle prüft die Änderung; "
              "bis dahin gilt das Profil oben.",
        "en": "Submitted by {author} on {created}. The network's office is reviewing it; until "
              "then the profile above applies."},
    "change.withdraw": {"de": "Vorschlag zurückziehen", "en": "Withdraw the proposal"},
    "change.withdraw_confirm": {
        "de": "Möchten Sie den Änderungsvorschlag wirklich zurückziehen?",
        "en": "Do you really want to withdraw the proposed change?"},
    "change.withdrawn": {"de": "Der Vorschlag wurde zurückgezogen.",
                         "en": "The proposal has been withdrawn."},
    "change.submitted": {
        "de": "Ihre Änderung wurde zur Prüfung eingereicht.",
        "en": "Your change has been submitted for review."},
    "change.updated": {
        "de": "Ihr offener Änderungsvorschlag wurde aktualisiert.",
        "en": "Your open change request has been updated."},
    "change.saved_directly": {"de": "Das Profil wurde gespeichert.",
                              "en": "The profile has been saved."},
    "change.history": {"de": "Verlauf der Änderungen", "en": "History of changes"},
    "change.history_empty": {"de": "Noch keine abgeschlossenen Änderungen.",
                             "en": "No completed changes yet."},
    "change.field": {"de": "Feld", "en": "Field"},
    "change.old": {"de": "Bisher", "en": "Before"},
    "change.new": {"de": "Neu", "en": "New"},
    "change.current": {"de": "Aktuell live", "en": "Live now"},
    "change.decision": {"de": "Entscheidung", "en": "Decision"},
    "change.reason": {"de": "Begründung", "en": "Reason"},
    "change.requested": {"de": "Beantragt", "en": "Requested"},
    "change.decided_by": {"de": "Entschieden", "en": "Decided"},
    "change.status.open": {"de": "In Prüfung", "en": "In review"},
    "change.status.withdrawn": {"de": "Zurückgezogen", "en": "Withdrawn"},
    "change.status.decided": {"de": "Entschieden", "en": "Decided"},
    "change.decision.pending": {"de": "Offen", "en": "Pending"},
    "change.decision.approved": {"de": "Übernommen", "en": "Approved"},
    "change.decision.rejected": {"de": "Abgelehnt", "en": "Rejected"},
    "change.nothing_changed": {
        "de": "Sie haben nichts gegenüber dem aktuellen Profil geändert.",
        "en": "You have not changed anything compared with the current profile."},
    "change.already_open": {
        "de": "Für diese Organisation ist gerade ein anderer Vorschlag eingegangen. Bitte laden "
              "Sie die Seite neu.",
        "en": "Another proposal for this organization has just arrived. Please reload the page."},
    "change.decided_meanwhile": {
        "de": "Dieser Vorschlag wurde inzwischen entschieden oder geändert. Bitte laden Sie die "
              "Seite neu.",
        "en": "This proposal has been decided or changed in the meantime. Please reload the "
              "page."},
    "change.decision_missing": {"de": "Bitte entscheiden Sie über dieses Feld.",
                                "en": "Please decide on this field."},
    "change.reason_required": {"de": "Eine Ablehnung braucht eine Begründung.",
                               "en": "A rejection needs a reason."},
    "change.reason_too_long": {"de": "Höchstens {limit} Zeichen.",
                               "en": "At most {limit} characters."},
    "change.conflict_needs_choice": {
        "de": "Der Live-Wert wurde seit dem Antrag geändert. Wählen Sie ausdrücklich "
              "„Trotzdem übernehmen“ oder „Ablehnen“.",
        "en": "The live value changed after the request was made. Choose \"Approve anyway\" "
              "or \"Reject\" explicitly."},
    "change.age_days": {"de": "{days} Tage", "en": "{days} days"},
    "change.submit_proposal": {"de": "Zur Prüfung einreichen", "en": "Submit for review"},
    "change.update_proposal": {"de": "Vorschlag aktualisieren", "en": "Update the proposal"},
    "change.save_directly": {"de": "Speichern", "en": "Save"},
    "change.edit_title": {"de": "Profil bearbeiten", "en": "Edit profile"},
    "change.edit_intro": {
        "de": "Ihre Änderungen gehen erst live, wenn die Geschäftsstelle sie freigibt.",
        "en": "Your changes go live once the network's office approves them."},
    "change.edit_pending_note": {
        "de": "Es gibt bereits einen offenen Vorschlag. Wenn Sie absenden, wird er aktualisiert.",
        "en": "There is already an open proposal. Submitting updates it."},
    "change.edit_direct_intro": {
        "de": "Als Geschäftsstelle speichern Sie direkt; die Änderung erscheint im Verlauf der "
              "Organisation.",
        "en": "As network staff you save directly; the change appears in the organization's "
              "history."},
    "change.back_to_profile": {"de": "Zurück zum Profil", "en": "Back to the profile"},
    # Approvals
    "approvals.title": {"de": "Freigaben", "en": "Approvals"},
    "approvals.intro": {"de": "Offene Änderungsvorschläge, die ältesten zuerst.",
                        "en": "Open change requests, oldest first."},
    "approvals.empty": {"de": "Keine offenen Vorschläge.", "en": "No open requests."},
    "approvals.organization": {"de": "Organisation", "en": "Organization"},
    "approvals.author": {"de": "Eingereicht von", "en": "Submitted by"},
    "approvals.age": {"de": "Alter", "en": "Age"},
    "approvals.fields": {"de": "Felder", "en": "Fields"},
    "approvals.open": {"de": "Prüfen", "en": "Review"},
    "approvals.detail_title": {"de": "Änderung prüfen", "en": "Review change"},
    "approvals.approve": {"de": "Übernehmen", "en": "Approve"},
    "approvals.reject": {"de": "Ablehnen", "en": "Reject"},
    "approvals.override": {"de": "Trotzdem übernehmen", "en": "Approve anyway"},
    "approvals.approve_all": {"de": "Alle übernehmen", "en": "Approve all"},
    "approvals.submit": {"de": "Entscheidung speichern", "en": "Save decision"},
    "approvals.conflict": {"de": "Konflikt: Live-Wert geändert",
                           "en": "Conflict: live value changed"},
    "approvals.reason_placeholder": {"de": "Begründung (Pflicht bei Ablehnung)",
                                     "en": "Reason (required for a rejection)"},
    "approvals.decided": {"de": "Die Entscheidung wurde gespeichert und der Antragsteller "
                                "benachrichtigt.",
                          "en": "The decision has been saved and the author notified."},
    "approvals.not_open": {"de": "Dieser Vorschlag ist bereits abgeschlossen.",
                           "en": "This request is already closed."},
    "approvals.back": {"de": "Zurück zu den Freigaben", "en": "Back to approvals"},
    # Staff organization list
    "organizations.title": {"de": "Organisationen", "en": "Organizations"},
    "organizations.search_placeholder": {"de": "Name, Ort oder Kompetenz",
                                         "en": "Name, city or competence"},
    "organizations.count": {"de": "Organisationen", "en": "organizations"},
    "organizations.has_request": {"de": "Vorschlag offen", "en": "Request open"},
    "organizations.status": {"de": "Status", "en": "Status"},
    "membership.active": {"de": "Mitglied", "en": "Member"},
    "membership.left": {"de": "Ausgetreten", "en": "Left"},
    # Contacts
    "contacts.title": {"de": "Ansprechpartner", "en": "Contacts"},
    "contacts.functions": {"de": "Funktionen", "en": "Functions"},
    "contacts.job_title": {"de": "Funktion im Unternehmen", "en": "Job title"},
    "contacts.phone": {"de": "Telefon", "en": "Phone"},
    "contacts.listed": {"de": "Im Verzeichnis", "en": "In directory"},
    "contacts.edit_functions": {"de": "Funktionen festlegen", "en": "Set functions"},
    "contacts.role_changed": {"de": "Die Rolle wurde geändert.", "en": "The role has been changed."},
    "contacts.functions_changed": {"de": "Die Funktionen wurden gespeichert.",
                                   "en": "The functions have been saved."},
    "contacts.last_manager": {
        "de": "Eine Organisation braucht immer mindestens eine aktive Person mit der Rolle "
              "„Organisationsverwaltung“.",
        "en": "An organization always needs at least one active organization manager."},
    "contacts.function_invalid": {"de": "Unbekannte Funktion.", "en": "Unknown function."},
    "contacts.deactivate_text": {
        "de": "Das Konto wird gesperrt und alle Anmeldungen werden beendet:",
        "en": "The account is locked and all its sessions end:"},
    "contacts.you": {"de": "Sie", "en": "You"},
    "function.billing": {"de": "Rechnungsempfang", "en": "Billing contact"},
    "function.hse": {"de": "HSE-Ansprechpartner", "en": "HSE contact"},
    "function.data_protection": {"de": "Datenschutzbeauftragte/r",
                                 "en": "Data protection officer"},
    "function.profile_editor": {"de": "Profilpflege", "en": "Profile editor"},
    # Own contact details (account page)
    "details.title": {"de": "Meine Kontaktdaten", "en": "My contact details"},
    "details.listed": {
        "de": "Im Mitgliederverzeichnis mit Name, Funktion, E-Mail und Telefon erscheinen",
        "en": "Appear in the member directory with name, job title, email and phone"},
    "details.save": {"de": "Kontaktdaten speichern", "en": "Save contact details"},
    "details.saved": {"de": "Ihre Kontaktdaten wurden gespeichert.",
                      "en": "Your contact details have been saved."},
    # Directory
    "directory.title": {"de": "Mitgliederverzeichnis", "en": "Member directory"},
    "directory.intro": {"de": "Die Mitglieder des Netzwerks und ihre Ansprechpartner.",
                        "en": "The network's members and their contacts."},
    "directory.search_placeholder": {"de": "Name, Ort oder Kompetenz suchen",
                                     "en": "Search name, city or competence"},
    "directory.all_kinds": {"de": "Alle Branchen", "en": "All sectors"},
    "directory.all_states": {"de": "Alle Bundesländer", "en": "All federal states"},
    "directory.results": {"de": "Mitglieder", "en": "members"},
    "directory.empty": {"de": "Keine Mitglieder gefunden. Ändern Sie die Suche oder die Filter.",
                        "en": "No members found. Change the search or the filters."},
    "directory.contacts": {"de": "Ansprechpartner", "en": "Contacts"},
    "directory.no_contacts": {
        "de": "Niemand aus dieser Organisation ist im Verzeichnis eingetragen.",
        "en": "Nobody from this organization is listed in the directory."},
    "directory.back": {"de": "Zurück zum Verzeichnis", "en": "Back to the directory"},
    "directory.filter_kind": {"de": "Branche filtern", "en": "Filter by sector"},
    "directory.filter_state": {"de": "Bundesland filtern", "en": "Filter by federal state"},
    # Mails
    "mail.change_decided.subject": {
        "de": "Ihre Profiländerung für {organization} wurde entschieden",
        "en": "Your profile change for {organization} has been decided"},
    "mail.change_decided.body": {
        "de": "Guten Tag {name},\n\ndie Geschäftsstelle hat über Ihren Änderungsvorschlag für "
              "{organization} entschieden:\n\n{lines}\n\nDas Profil und den Verlauf sehen Sie "
              "hier:\n{link}\n",
        "en": "Hello {name},\n\nthe network's office has decided on your proposed change for "
              "{organization}:\n\n{lines}\n\nSee the profile and its history here:\n{link}\n"},
    "mail.change_decided.approved_line": {"de": "- {field}: übernommen ({value})",
                                          "en": "- {field}: approved ({value})"},
    "mail.change_decided.rejected_line": {
        "de": "- {field}: abgelehnt. Begründung: {reason}",
        "en": "- {field}: rejected. Reason: {reason}"},
}
