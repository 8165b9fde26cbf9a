"""Texts of seminars, registrations, the waitlist, calendars and certificates."""

from __future__ import annotations

SEMINAR_TEXTS: dict[str, dict[str, str]] = {
    "nav.seminars": {"de": "Seminare", "en": "Seminars"},
    "nav.my_seminars": {"de": "Meine Seminare", "en": "My seminars"},
    "nav.admin_seminars": {"de": "Seminare verwalten", "en": "Manage seminars"},
    "topic.hr": {"de": "Personal", "en": "HR"},
    "topic.hse": {"de": "Arbeits- und Umweltschutz (HSE)", "en": "Health, safety, environment"},
    "topic.iot": {"de": "IoT und Digitalisierung", "en": "IoT and digitalization"},
    "topic.procurement": {"de": "Einkauf", "en": "Procurement"},
    "topic.data_protection": {"de": "Datenschutz", "en": "Data protection"},
    "topic.innovation": {"de": "Innovation und Forschung", "en": "Innovation and research"},
    "topic.other": {"de": "Sonstiges", "en": "Other"},
    "seminar.status.draft": {"de": "Entwurf", "en": "Draft"},
    "seminar.status.published": {"de": "Veröffentlicht", "en": "Published"},
    "seminar.status.cancelled": {"de": "Abgesagt", "en": "Cancelled"},
    "registration.status.confirmed": {"de": "Angemeldet", "en": "Registered"},
    "registration.status.waitlisted": {"de": "Warteliste", "en": "Waitlist"},
    "registration.status.cancelled": {"de": "Storniert", "en": "Cancelled"},
    "seminar.online": {"de": "Online", "en": "Online"},
    "seminar.free_seats": {"de": "{free} von {capacity} Plätzen frei",
                           "en": "{free} of {capacity} seats free"},
    "seminar.full": {"de": "Ausgebucht – Warteliste", "en": "Fully booked – waitlist"},
    "seminar.free_of_charge": {"de": "kostenfrei", "en": "free of charge"},
    # Validation and refusals
    "seminar.moment_invalid": {"de": "Bitte Datum und Uhrzeit angeben.",
                               "en": "Please enter a date and time."},
    "seminar.required": {"de": "Bitte mindestens 3 Zeichen angeben.",
                         "en": "Please enter at least 3 characters."},
    "seminar.topic_invalid": {"de": "Bitte ein Thema aus der Liste wählen.",
                              "en": "Please choose a topic from the list."},
    "seminar.place_required": {"de": "Bitte einen Veranstaltungsort oder einen Online-Link angeben.",
                               "en": "Please enter a venue or an online link."},
    "seminar.ends_before_start": {"de": "Das Ende liegt vor dem Beginn.",
                                  "en": "The end is before the start."},
    "seminar.deadline_after_start": {"de": "Der Anmeldeschluss liegt nach dem Beginn.",
                                     "en": "The registration deadline is after the start."},
    "seminar.opens_after_deadline": {"de": "Die Anmeldung öffnet erst nach dem Anmeldeschluss.",
                                     "en": "Registration opens after the deadline."},
    "seminar.capacity_invalid": {"de": "Bitte eine Platzzahl zwischen 1 und 10.000 angeben.",
                                 "en": "Please enter between 1 and 10,000 seats."},
    "seminar.limit_invalid": {
        "de": "Die Plätze je Organisation müssen zwischen 1 und der Platzzahl liegen.",
        "en": "Seats per organization must be between 1 and the number of seats."},
    "seminar.capacity_below_taken": {
        "de": "Es sind bereits {taken} Plätze vergeben; weniger geht nicht.",
        "en": "{taken} seats are taken already; it cannot be fewer."},
    "seminar.is_cancelled": {"de": "Dieses Seminar ist abgesagt.",
                             "en": "This seminar has been cancelled."},
    "seminar.already_started": {"de": "Ein begonnenes Seminar kann nicht mehr abgesagt werden.",
                                "en": "A seminar that has begun can no longer be cancelled."},
    "seminar.not_draft": {"de": "Das Seminar ist bereits veröffentlicht.",
                          "en": "The seminar is published already."},
    "seminar.not_open": {"de": "Für dieses Seminar ist keine Anmeldung möglich.",
                         "en": "Registration is not possible for this seminar."},
    "registration.not_yet_open": {"de": "Die Anmeldung ist noch nicht geöffnet.",
                                  "en": "Registration is not open yet."},
    "registration.closed": {"de": "Der Anmeldeschluss ist vorbei.",
                            "en": "The registration deadline has passed."},
    "registration.already": {"de": "Diese Person ist bereits angemeldet oder auf der Warteliste.",
                             "en": "This person is registered or waitlisted already."},
    "registration.organization_limit": {
        "de": "Ihre Organisation hat bereits die erlaubten {limit} Plätze.",
        "en": "Your organization already has the {limit} seats allowed."},
    "registration.not_active": {"de": "Diese Anmeldung ist nicht mehr aktiv.",
                                "en": "This registration is no longer active."},
    "registration.cancel_closed": {
        "de": "Nach dem Anmeldeschluss ist eine Stornierung nur über die Geschäftsstelle "
              "möglich.",
        "en": "After the deadline only the network's office can cancel."},
    "attendance.not_started": {
        "de": "Die Teilnahme kann erst ab Beginn des Seminars erfasst werden.",
        "en": "Attendance can be recorded once the seminar has begun."},
    # Pages
    "seminars.title": {"de": "Seminare und Workshops", "en": "Seminars and workshops"},
    "seminars.intro": {"de": "Kommende Veranstaltungen des Netzwerks.",
                       "en": "The network's upcoming events."},
    "seminars.all_topics": {"de": "Alle Themen", "en": "All topics"},
    "seminars.month": {"de": "Monat", "en": "Month"},
    "seminars.search_placeholder": {"de": "Titel, Referent oder Ort", "en": "Title, speaker or place"},
    "seminars.empty": {"de": "Keine Seminare gefunden.", "en": "No seminars found."},
    "seminars.count": {"de": "Seminare", "en": "seminars"},
    "seminar.back": {"de": "Zurück zu den Seminaren", "en": "Back to the seminars"},
    "seminar.when": {"de": "Termin", "en": "When"},
    "seminar.venue": {"de": "Ort", "en": "Venue"},
    "seminar.speakers": {"de": "Referierende", "en": "Speakers"},
    "seminar.deadline": {"de": "Anmeldeschluss", "en": "Registration deadline"},
    "seminar.fee": {"de": "Teilnahmegebühr", "en": "Fee"},
    "seminar.seats": {"de": "Plätze", "en": "Seats"},
    "seminar.online_link": {"de": "Online-Zugang", "en": "Online access"},
    "seminar.link_after_registration": {
        "de": "Der Zugangslink erscheint hier nach bestätigter Anmeldung.",
        "en": "The access link appears here once your seat is confirmed."},
    "seminar.registration_title": {"de": "Anmeldung", "en": "Registration"},
    "seminar.register": {"de": "Jetzt anmelden", "en": "Register now"},
    "seminar.join_waitlist": {"de": "Auf die Warteliste", "en": "Join the waitlist"},
    "seminar.cancel_registration": {"de": "Anmeldung stornieren", "en": "Cancel registration"},
    "seminar.cancel_confirm": {
        "de": "Ihr Platz geht an die nächste Person auf der Warteliste.",
        "en": "Your seat goes to the next person on the waitlist."},
    "seminar.you_are_registered": {"de": "Sie sind angemeldet.", "en": "You are registered."},
    "seminar.you_are_waitlisted": {"de": "Sie stehen auf der Warteliste, Position",
                                   "en": "You are on the waitlist, position"},
    "seminar.registered": {"de": "Die Anmeldung ist bestätigt. Eine E-Mail mit Kalendereintrag "
                                 "ist unterwegs.",
                           "en": "The registration is confirmed. An email with a calendar entry "
                                 "is on its way."},
    "seminar.waitlisted": {"de": "Das Seminar ist ausgebucht: Die Person steht auf der "
                                 "Warteliste.",
                           "en": "The seminar is full: the person is on the waitlist."},
    "seminar.cancelled_registration": {"de": "Die Anmeldung wurde storniert.",
                                       "en": "The registration has been cancelled."},
    "seminar.register_colleague": {"de": "Kollegin oder Kollegen anmelden",
                                   "en": "Register a colleague"},
    "seminar.calendar_file": {"de": "In den Kalender (.ics)", "en": "Add to calendar (.ics)"},
    "seminar.closed_note": {"de": "Die Anmeldung ist geschlossen.",
                            "en": "Registration is closed."},
    "my_seminars.title": {"de": "Meine Seminare", "en": "My seminars"},
    "my_seminars.upcoming": {"de": "Kommende", "en": "Upcoming"},
    "my_seminars.past": {"de": "Vergangene", "en": "Past"},
    "my_seminars.empty": {"de": "Keine Anmeldungen.", "en": "No registrations."},
    "my_seminars.certificate": {"de": "Teilnahmebescheinigung", "en": "Certificate"},
    "my_seminars.position": {"de": "Position", "en": "Position"},
    "feed.title": {"de": "Kalender-Abo", "en": "Calendar subscription"},
    "feed.intro": {
        "de": "Abonnieren Sie Ihre Seminare in Outlook, Google oder Apple Kalender über eine "
              "geheime Adresse. Wer die Adresse kennt, sieht Ihre Termine – erzeugen Sie bei "
              "Bedarf eine neue, dann gilt die alte nicht mehr.",
        "en": "Subscribe to your seminars in Outlook, Google or Apple Calendar with a secret "
              "address. Anyone who knows it sees your dates – create a new one when needed and "
              "the old one stops working."},
    "feed.create": {"de": "Abo-Adresse erzeugen", "en": "Create subscription address"},
    "feed.renew": {"de": "Neue Adresse erzeugen", "en": "Create a new address"},
    "feed.revoke": {"de": "Abo beenden", "en": "End subscription"},
    "feed.copy_now": {
        "de": "Kopieren Sie die Adresse jetzt; sie wird aus Sicherheitsgründen nur einmal "
              "angezeigt:",
        "en": "Copy the address now; for security it is shown only once:"},
    "feed.active": {"de": "Ein Kalender-Abo ist aktiv.", "en": "A calendar subscription is active."},
    "feed.none": {"de": "Kein Kalender-Abo aktiv.", "en": "No calendar subscription active."},
    "feed.revoked": {"de": "Das Kalender-Abo wurde beendet.",
                     "en": "The calendar subscription has been ended."},
    # Staff
    "seminars.staff_title": {"de": "Seminare verwalten", "en": "Manage seminars"},
    "seminar.new": {"de": "Neues Seminar", "en": "New seminar"},
    "seminar.edit": {"de": "Seminar bearbeiten", "en": "Edit seminar"},
    "seminar.publish": {"de": "Veröffentlichen", "en": "Publish"},
    "seminar.published": {"de": "Das Seminar ist veröffentlicht.",
                          "en": "The seminar is published."},
    "seminar.cancel": {"de": "Seminar absagen", "en": "Cancel seminar"},
    "seminar.cancel_seminar_confirm": {
        "de": "Alle Angemeldeten und Wartenden werden per E-Mail informiert.",
        "en": "Everyone registered or waitlisted is told by email."},
    "seminar.cancelled": {"de": "Das Seminar wurde abgesagt; {count} Personen wurden informiert.",
                          "en": "The seminar has been cancelled; {count} people were told."},
    "seminar.saved": {"de": "Das Seminar wurde gespeichert.", "en": "The seminar has been saved."},
    "seminar.participants": {"de": "Teilnehmende", "en": "Participants"},
    "seminar.waitlist": {"de": "Warteliste", "en": "Waitlist"},
    "seminar.attended": {"de": "Teilgenommen", "en": "Attended"},
    "seminar.export_csv": {"de": "CSV-Liste", "en": "CSV list"},
    "seminar.field.title": {"de": "Titel", "en": "Title"},
    "seminar.field.topic": {"de": "Thema", "en": "Topic"},
    "seminar.field.description": {"de": "Beschreibung", "en": "Description"},
    "seminar.field.speakers": {"de": "Referierende", "en": "Speakers"},
    "seminar.field.starts_at": {"de": "Beginn", "en": "Start"},
    "seminar.field.ends_at": {"de": "Ende", "en": "End"},
    "seminar.field.venue": {"de": "Veranstaltungsort (Adresse)", "en": "Venue (address)"},
    "seminar.field.online_link": {"de": "Online-Link (nur für Angemeldete sichtbar)",
                                  "en": "Online link (shown to registered people only)"},
    "seminar.field.capacity": {"de": "Plätze", "en": "Seats"},
    "seminar.field.per_organization_limit": {"de": "Plätze je Organisation (leer: keine Grenze)",
                                             "en": "Seats per organization (empty: no limit)"},
    "seminar.field.registration_opens_at": {"de": "Anmeldung ab", "en": "Registration opens"},
    "seminar.field.registration_deadline": {"de": "Anmeldeschluss",
                                            "en": "Registration deadline"},
    "seminar.field.fee": {"de": "Gebühr netto in € (leer: kostenfrei)",
                          "en": "Net fee in € (empty: free)"},
    "seminar.save": {"de": "Speichern", "en": "Save"},
    # Mails
    "mail.seminar_confirmed.subject": {"de": "Anmeldung bestätigt: {title}",
                                       "en": "Registration confirmed: {title}"},
    "mail.seminar_confirmed.body": {
        "de": "Guten Tag {name},\n\nSie sind für „{title}“ angemeldet.\nTermin: {when}\nOrt: "
              "{place}\n\nDer Kalendereintrag ist angehängt. Details und Stornierung:\n{link}\n",
        "en": "Hello {name},\n\nyou are registered for \"{title}\".\nWhen: {when}\nWhere: "
              "{place}\n\nThe calendar entry is attached. Details and cancellation:\n{link}\n"},
    "mail.seminar_waitlisted.subject": {"de": "Warteliste: {title}", "en": "Waitlist: {title}"},
    "mail.seminar_waitlisted.body": {
        "de": "Guten Tag {name},\n\n„{title}“ ({when}) ist ausgebucht. Sie stehen auf Position "
              "{position} der Warteliste. Wird ein Platz frei, rücken Sie automatisch nach und "
              "erhalten eine E-Mail.\n{link}\n",
        "en": "Hello {name},\n\n\"{title}\" ({when}) is fully booked. You are number {position} "
              "on the waitlist. When a seat is freed you move up automatically and get an "
              "email.\n{link}\n"},
    "mail.seminar_promoted.subject": {"de": "Platz frei geworden: {title}",
                                      "en": "A seat is yours: {title}"},
    "mail.seminar_promoted.body": {
        "de": "Guten Tag {name},\n\nein Platz ist frei geworden: Sie sind jetzt für „{title}“ "
              "angemeldet.\nTermin: {when}\nOrt: {place}\n\nDer Kalendereintrag ist "
              "angehängt.\n{link}\n",
        "en": "Hello {name},\n\na seat has been freed: you are now registered for \"{title}\"."
              "\nWhen: {when}\nWhere: {place}\n\nThe calendar entry is attached.\n{link}\n"},
    "mail.seminar_cancelled.subject": {"de": "Abgesagt: {title}", "en": "Cancelled: {title}"},
    "mail.seminar_cancelled.body": {
        "de": "Guten Tag {name},\n\nleider müssen wir „{title}“ ({when}) absagen. Ihre Anmeldung "
              "entfällt; Sie müssen nichts weiter tun.\n{link}\n",
        "en": "Hello {name},\n\nunfortunately \"{title}\" ({when}) has been cancelled. Your "
              "registration lapses; there is nothing else to do.\n{link}\n"},
    "mail.seminar_reminder.subject": {"de": "Erinnerung: {title}", "en": "Reminder: {title}"},
    "mail.seminar_reminder.body": {
        "de": "Guten Tag {name},\n\nzur Erinnerung: „{title}“ findet am {when} statt.\nOrt: "
              "{place}\n{link}\n",
        "en": "Hello {name},\n\na reminder: \"{title}\" takes place on {when}.\nWhere: {place}"
              "\n{link}\n"},
}
