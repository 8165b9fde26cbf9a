"""Texts of the document library: upload checks, audiences, the lists, the notice mails, and the
labels of the library pages."""

from __future__ import annotations

DOCUMENT_TEXTS: dict[str, dict[str, str]] = {
    "nav.library": {"de": "Dokumente", "en": "Documents"},
    "nav.admin_documents": {"de": "Dokumente verwalten", "en": "Manage documents"},
    # Upload checks (storage.py)
    "document.type_refused": {
        "de": "Dieser Dateityp ist nicht erlaubt. Erlaubt sind: {allowed}.",
        "en": "This file type is not allowed. Allowed are: {allowed}."},
    "document.content_mismatch": {
        "de": "Der Inhalt der Datei ist keine gültige {type}-Datei. Bitte prüfen Sie die Datei.",
        "en": "The file's content is not a valid {type} file. Please check the file."},
    "document.too_large": {
        "de": "Die Datei ist zu groß. Erlaubt sind höchstens {limit_mb} MB.",
        "en": "The file is too large. The limit is {limit_mb} MB."},
    "document.empty": {"de": "Die Datei ist leer.", "en": "The file is empty."},
    "document.upload_interrupted": {
        "de": "Das Hochladen wurde unterbrochen. Bitte versuchen Sie es erneut.",
        "en": "The upload was interrupted. Please try again."},
    "document.file_required": {"de": "Bitte wählen Sie zuerst eine Datei aus.",
                               "en": "Please choose a file first."},
    "document.file_unavailable": {
        "de": "Diese Datei ist zurzeit nicht verfügbar. Bitte wenden Sie sich an die "
              "Geschäftsstelle.",
        "en": "This file is currently not available. Please contact the network's office."},
    # Form checks (service.py)
    "document.title_invalid": {"de": "Bitte einen Titel mit höchstens 200 Zeichen angeben.",
                               "en": "Please enter a title of at most 200 characters."},
    "document.category_invalid": {"de": "Bitte eine Kategorie aus der Liste wählen.",
                                  "en": "Please choose a category from the list."},
    "document.description_too_long": {
        "de": "Die Beschreibung darf höchstens 4000 Zeichen lang sein.",
        "en": "The description may be at most 4000 characters long."},
    "document.tag_too_long": {"de": "Ein Schlagwort darf höchstens {limit} Zeichen lang sein.",
                              "en": "A tag may be at most {limit} characters long."},
    "document.tags_too_long": {"de": "Die Schlagwörter dürfen zusammen höchstens 500 Zeichen "
                                     "lang sein.",
                               "en": "The tags may be at most 500 characters long in total."},
    "document.language_invalid": {"de": "Bitte Deutsch oder Englisch wählen.",
                                  "en": "Please choose German or English."},
    "document.audience_invalid": {"de": "Bitte eine Zielgruppe wählen.",
                                  "en": "Please choose an audience."},
    "document.audience_kinds_invalid": {
        "de": "Bitte mindestens eine Branche für die Zielgruppe wählen.",
        "en": "Please choose at least one sector for the audience."},
    "document.audience_function_invalid": {
        "de": "Bitte eine Funktion für die Zielgruppe wählen.",
        "en": "Please choose a function for the audience."},
    "document.review_date_invalid": {"de": "Bitte ein gültiges Datum angeben.",
                                     "en": "Please enter a valid date."},
    "document.change_note_required": {
        "de": "Bitte beschreiben Sie kurz, was sich in dieser Version geändert hat.",
        "en": "Please describe briefly what changed in this version."},
    "document.change_note_too_long": {
        "de": "Der Änderungshinweis darf höchstens 500 Zeichen lang sein.",
        "en": "The change note may be at most 500 characters long."},
    "document.category_name_invalid": {
        "de": "Bitte einen Namen mit höchstens 100 Zeichen angeben (Deutsch und Englisch).",
        "en": "Please enter a name of at most 100 characters (German and English)."},
    "document.category_exists": {"de": "Diese Kategorie gibt es bereits.",
                                 "en": "This category already exists."},
    # Audiences and reasons (library.py)
    "document.audience.all": {"de": "Alle Mitglieder", "en": "All members"},
    "document.audience.kinds": {"de": "Nur bestimmte Branchen", "en": "Only certain sectors"},
    "document.audience.function": {"de": "Nur Ansprechpartner mit einer Funktion",
                                   "en": "Only contacts with a function"},
    "document.reason.kinds": {"de": "Für Mitglieder der Branchen: {kinds}",
                              "en": "For members in the sectors: {kinds}"},
    "document.reason.function": {"de": "Für: {function}", "en": "For: {function}"},
    "document.reason.function.hse": {"de": "Für HSE-Ansprechpartner",
                                     "en": "For HSE contacts"},
    "document.reason.function.data_protection": {"de": "Für Datenschutzbeauftragte",
                                                 "en": "For data protection officers"},
    "document.reason.function.billing": {"de": "Für Rechnungsempfänger",
                                         "en": "For billing contacts"},
    "document.reason.function.profile_editor": {"de": "Für die Profilpflege",
                                                "en": "For profile editors"},
    "document.language.de": {"de": "Deutsch", "en": "German"},
    "document.language.en": {"de": "Englisch", "en": "English"},
    # Notice mails (service.py)
    "mail.document_new.subject": {"de": "Neues Dokument in der Bibliothek: {title}",
                                  "en": "New document in the library: {title}"},
    "mail.document_new.body": {
        "de": "Guten Tag {name},\n\nin der Dokumentenbibliothek des {network} gibt es ein neues "
              "Dokument für Sie:\n\n{title}\nKategorie: {category}\n\nSie finden es nach der "
              "Anmeldung hier:\n{link}\n\nMit freundlichen Grüßen\nIhre Geschäftsstelle",
        "en": "Hello {name},\n\nthere is a new document for you in the document library of "
              "{network}:\n\n{title}\nCategory: {category}\n\nAfter signing in you find it "
              "here:\n{link}\n\nKind regards\nThe network's office"},
    "mail.document_version.subject": {"de": "Neue Version: {title}",
                                      "en": "New version: {title}"},
    "mail.document_version.body": {
        "de": "Guten Tag {name},\n\nvom Dokument „{title}“ ({category}) gibt es die neue "
              "Version {version}.\nÄnderung: {note}\n\nSie finden es nach der Anmeldung hier:\n"
              "{link}\n\nMit freundlichen Grüßen\nIhre Geschäftsstelle",
        "en": "Hello {name},\n\nthere is a new version {version} of the document “{title}” "
              "({category}).\nChange: {note}\n\nAfter signing in you find it here:\n{link}\n\n"
              "Kind regards\nThe network's office"},
    # Labels of the library pages (documents/pages.py, admin_pages.py, the states)
    "library.title": {"de": "Dokumente", "en": "Documents"},
    "library.staff_title": {"de": "Dokumentenbibliothek", "en": "Document library"},
    "library.intro": {
        "de": "Arbeitshilfen, Vorlagen und Protokolle des Netzwerks zum Herunterladen.",
        "en": "Guides, templates and minutes of the network to download."},
    "library.search_placeholder": {"de": "Titel, Beschreibung oder Schlagwort",
                                   "en": "Title, description or tag"},
    "library.all_categories": {"de": "Alle Kategorien", "en": "All categories"},
    "library.category": {"de": "Kategorie", "en": "Category"},
    "library.sort": {"de": "Sortierung", "en": "Sort by"},
    "library.sort_date": {"de": "Neueste zuerst", "en": "Newest first"},
    "library.sort_title": {"de": "Titel (A–Z)", "en": "Title (A–Z)"},
    "library.new": {"de": "Neu", "en": "New"},
    "library.empty": {"de": "Keine Dokumente gefunden.", "en": "No documents found."},
    "library.count": {"de": "Dokumente", "en": "documents"},
    "library.download": {"de": "Herunterladen", "en": "Download"},
    "library.download_latest": {"de": "Aktuelle Version herunterladen",
                                "en": "Download the current version"},
    "library.back": {"de": "Zurück zur Bibliothek", "en": "Back to the library"},
    "library.language": {"de": "Sprache", "en": "Language"},
    "library.tags": {"de": "Schlagwörter", "en": "Tags"},
    "library.review_date": {"de": "Nächste Überprüfung", "en": "Next review"},
    "library.audience": {"de": "Zielgruppe", "en": "Audience"},
    "library.versions": {"de": "Versionen", "en": "Versions"},
    "library.version": {"de": "Version", "en": "Version"},
    "library.uploaded": {"de": "Hochgeladen", "en": "Uploaded"},
    "library.change_note": {"de": "Änderungshinweis", "en": "Change note"},
    "library.size": {"de": "Größe", "en": "Size"},
    "library.downloads": {"de": "Downloads", "en": "Downloads"},
    "library.updated": {"de": "Aktualisiert", "en": "Updated"},
    "library.withdrawn": {"de": "Zurückgezogen", "en": "Withdrawn"},
    "document.new": {"de": "Neues Dokument", "en": "New document"},
    "document.new_version": {"de": "Neue Version hochladen", "en": "Upload a new version"},
    "document.add_version": {"de": "Version hinzufügen", "en": "Add version"},
    "document.choose_file": {"de": "Datei auswählen", "en": "Choose file"},
    "document.upload_hint": {
        "de": "PDF, DOCX, XLSX, PPTX, ODT, ODS oder TXT.",
        "en": "PDF, DOCX, XLSX, PPTX, ODT, ODS or TXT."},
    "document.field.title": {"de": "Titel", "en": "Title"},
    "document.field.description": {"de": "Beschreibung", "en": "Description"},
    "document.field.audience_function": {"de": "Funktion", "en": "Function"},
    "document.notify": {"de": "Zielgruppe per E-Mail benachrichtigen",
                        "en": "Notify the audience by email"},
    "document.publish": {"de": "Veröffentlichen", "en": "Publish"},
    "document.withdraw": {"de": "Zurückziehen", "en": "Withdraw"},
    "document.version_added": {"de": "Die neue Version ist veröffentlicht.",
                               "en": "The new version has been published."},
    "document.version_withdrawn": {"de": "Die Version wurde zurückgezogen.",
                                   "en": "The version has been withdrawn."},
}
