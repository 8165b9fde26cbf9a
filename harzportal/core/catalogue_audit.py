"""Texts of the audit log."""

from __future__ import annotations

AUDIT_TEXTS: dict[str, dict[str, str]] = {
    "nav.audit": {"de": "Protokoll", "en": "Audit log"},
    "audit.title": {"de": "Änderungsprotokoll", "en": "Audit log"},
    "audit.intro": {"de": "Jede Änderung mit Person, Zeitpunkt und Vorher/Nachher.",
                    "en": "Every change with person, time and before/after."},
    "audit.all": {"de": "Alle", "en": "All"},
    "audit.all_kinds": {"de": "Alle Bereiche", "en": "All areas"},
    "audit.actor": {"de": "Person", "en": "Person"},
    "audit.organization": {"de": "Organisation", "en": "Organization"},
    "audit.kind": {"de": "Bereich", "en": "Area"},
    "audit.since": {"de": "Von", "en": "From"},
    "audit.until": {"de": "Bis", "en": "To"},
    "audit.apply": {"de": "Filtern", "en": "Filter"},
    "audit.when": {"de": "Zeitpunkt", "en": "When"},
    "audit.action": {"de": "Aktion", "en": "Action"},
    "audit.object": {"de": "Objekt", "en": "Object"},
    "audit.change": {"de": "Vorher → Nachher", "en": "Before → after"},
    "audit.ip": {"de": "IP", "en": "IP"},
    "audit.export": {"de": "CSV-Export", "en": "CSV export"},
    "audit.count": {"de": "Einträge", "en": "entries"},
    "audit.kind.user": {"de": "Benutzerkonten", "en": "User accounts"},
    "audit.kind.contact": {"de": "Ansprechpartner", "en": "Contacts"},
    "audit.kind.profile": {"de": "Profile", "en": "Profiles"},
    "audit.kind.invoice": {"de": "Rechnungen", "en": "Invoices"},
    "audit.kind.credit_note": {"de": "Gutschriften", "en": "Credit notes"},
    "audit.kind.fees": {"de": "Beitragsordnung", "en": "Fee schedule"},
    "audit.kind.registration": {"de": "Seminaranmeldungen", "en": "Seminar registrations"},
    "audit.kind.seminar": {"de": "Seminare", "en": "Seminars"},
    "audit.kind.document": {"de": "Dokumente", "en": "Documents"},
    "audit.kind.calendar_feed": {"de": "Kalender-Abos", "en": "Calendar feeds"},
    "audit.kind.demo": {"de": "Demodaten", "en": "Demo data"},
    "gdpr.title": {"de": "Meine Daten", "en": "My data"},
    "gdpr.intro": {
        "de": "Alles, was das Portal über Sie speichert (Profil, Anmeldungen, Sitzungen, "
              "Downloads, Protokolleinträge), als JSON-Datei.",
        "en": "Everything the portal holds about you (profile, registrations, sessions, "
              "downloads, audit entries) as a JSON file."},
    "gdpr.download_mine": {"de": "Meine Daten herunterladen", "en": "Download my data"},
    "gdpr.export_organization": {"de": "Daten der Organisation (ZIP)",
                                 "en": "Organization data (ZIP)"},
    "gdpr.anonymize": {"de": "Anonymisieren", "en": "Anonymize"},
    "gdpr.anonymize_text": {
        "de": "Name, E-Mail, Telefon und Funktion werden unwiderruflich ersetzt, alle Sitzungen "
              "beendet; Rechnungen und Protokoll bleiben erhalten:",
        "en": "Name, email, phone and job title are replaced for good and all sessions end; "
              "invoices and the audit trail stay:"},
    "gdpr.anonymized": {"de": "Der Kontakt wurde anonymisiert.",
                        "en": "The contact has been anonymized."},
}
