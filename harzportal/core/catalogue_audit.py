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
    # Dashboards
    "dashboard.attention": {"de": "Was ansteht", "en": "Needs your attention"},
    "dashboard.intro_staff": {"de": "Was auf die Geschäftsstelle wartet und wie es dem Netzwerk "
                                    "geht.",
                              "en": "What waits for the network's office and how the network "
                                    "is doing."},
    "dashboard.no_data": {"de": "Noch keine Daten.", "en": "No data yet."},
    "dashboard.nothing_to_do": {"de": "Gerade steht nichts an.", "en": "Nothing needs you now."},
    "dashboard.open_approvals": {"de": "offene Freigaben", "en": "open approvals"},
    "dashboard.oldest_days": {"de": "älteste seit {days} Tagen", "en": "oldest {days} days"},
    "dashboard.outstanding_fees": {"de": "offene Beiträge", "en": "outstanding fees"},
    "dashboard.overdue_invoices": {"de": "überfällige Rechnungen", "en": "overdue invoices"},
    "dashboard.seminar_fill": {"de": "Auslastung der nächsten Seminare (%)",
                               "en": "Fill rate of the next seminars (%)"},
    "dashboard.fill_percent": {"de": "Belegt", "en": "Taken"},
    "dashboard.downloads": {"de": "Dokument-Downloads je Monat",
                            "en": "Document downloads per month"},
    "dashboard.month": {"de": "Monat", "en": "Month"},
    "dashboard.members_by_kind": {"de": "Mitglieder nach Branche", "en": "Members by sector"},
    "dashboard.members_by_state": {"de": "Mitglieder nach Bundesland",
                                   "en": "Members by federal state"},
    "attention.invoices": {
        "de": "{count} offene Rechnung(en), davon {overdue} überfällig – zusammen {amount}",
        "en": "{count} open invoice(s), {overdue} of them overdue – {amount} in total"},
    "attention.seminar_confirmed": {"de": "Angemeldet: {title} ({when})",
                                    "en": "Registered: {title} ({when})"},
    "attention.seminar_waitlisted": {"de": "Warteliste: {title} ({when})",
                                     "en": "Waitlist: {title} ({when})"},
    "attention.documents": {"de": "{count} neue oder aktualisierte Dokumente seit Ihrem letzten "
                                  "Besuch",
                            "en": "{count} new or updated documents since your last visit"},
    "attention.change_open": {"de": "Die Profiländerung vom {date} ist in Prüfung",
                              "en": "The profile change of {date} is in review"},
    "attention.change_decided": {"de": "Über Ihre Profiländerung wurde am {date} entschieden",
                                 "en": "Your profile change was decided on {date}"},
}
