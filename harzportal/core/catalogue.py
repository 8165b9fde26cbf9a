"""Every user-visible text, German first, English complete. Keys are `area.name`.

A test checks that every key has both languages and that every key the code uses exists.
"""

from __future__ import annotations

from harzportal.core.catalogue_audit import AUDIT_TEXTS
from harzportal.core.catalogue_documents import DOCUMENT_TEXTS
from harzportal.core.catalogue_invoices import INVOICE_TEXTS
from harzportal.core.catalogue_organizations import ORGANIZATION_TEXTS
from harzportal.core.catalogue_seminars import SEMINAR_TEXTS

CATALOGUE: dict[str, dict[str, str]] = {
    # Navigation and shell
    "nav.dashboard": {"de": "Übersicht", "en": "Dashboard"},
    "nav.skip_to_content": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "nav.account": {"de": "Mein Konto", "en": "My account"},
    "nav.logout": {"de": "Abmelden", "en": "Sign out"},
    "nav.admin_section": {"de": "Verwaltung", "en": "Administration"},
    "nav.admin_users": {"de": "Benutzerkonten", "en": "User accounts"},
    "nav.aria_main": {"de": "Hauptnavigation", "en": "Main navigation"},
    "nav.menu": {"de": "Menü", "en": "Menu"},
    "common.cancel": {"de": "Abbrechen", "en": "Cancel"},
    "common.next": {"de": "Weiter", "en": "Next"},
    "common.previous": {"de": "Zurück", "en": "Previous"},
    "common.page": {"de": "Seite", "en": "Page"},
    "common.search": {"de": "Suchen", "en": "Search"},
    "service.unavailable": {
        "de": "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es in einer Minute "
              "erneut.",
        "en": "The service is not available at the moment. Please try again in a minute.",
    },
    # Sign-in pages
    "auth.login_title": {"de": "Anmelden", "en": "Sign in"},
    "auth.email": {"de": "E-Mail-Adresse", "en": "Email address"},
    "auth.password": {"de": "Passwort", "en": "Password"},
    "auth.login_button": {"de": "Anmelden", "en": "Sign in"},
    "auth.forgot_link": {"de": "Passwort vergessen?", "en": "Forgot your password?"},
    "auth.login_failed": {
        "de": "E-Mail-Adresse oder Passwort ist falsch.",
        "en": "The email address or password is incorrect.",
    },
    "auth.locked": {
        "de": "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in 15 Minuten "
              "erneut oder setzen Sie Ihr Passwort zurück.",
        "en": "Too many failed sign-in attempts. Please try again in 15 minutes or reset your "
              "password.",
    },
    "auth.back_to_login": {"de": "Zurück zur Anmeldung", "en": "Back to sign-in"},
    "auth.forgot_title": {"de": "Passwort vergessen", "en": "Forgot password"},
    "auth.forgot_intro": {
        "de": "Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link, mit dem Sie ein "
              "neues Passwort festlegen.",
        "en": "Enter your email address. We will send you a link to set a new password.",
    },
    "auth.forgot_button": {"de": "Link anfordern", "en": "Send link"},
    "auth.forgot_sent": {
        "de": "Wenn ein Konto zu dieser Adresse besteht, haben wir eine E-Mail mit einem Link "
              "gesendet. Der Link ist 60 Minuten gültig.",
        "en": "If an account exists for this address, we have sent an email with a link. "
              "The link is valid for 60 minutes.",
    },
    "auth.new_password": {"de": "Neues Passwort", "en": "New password"},
    "auth.new_password_repeat": {"de": "Neues Passwort wiederholen", "en": "Repeat new password"},
    "auth.password_rules": {
        "de": "12 bis 128 Zeichen. Ein langer Satz ist sicherer als Sonderzeichen; häufig "
              "verwendete Passwörter werden abgelehnt.",
        "en": "12 to 128 characters. A long phrase is safer than special characters; commonly "
              "used passwords are refused.",
    },
    "auth.reset_title": {"de": "Neues Passwort festlegen", "en": "Set a new password"},
    "auth.reset_intro": {
        "de": "Wählen Sie ein neues Passwort für Ihr Konto.",
        "en": "Choose a new password for your account.",
    },
    "auth.reset_button": {"de": "Passwort speichern", "en": "Save password"},
    "auth.reset_done": {
        "de": "Ihr Passwort wurde geändert. Sie können sich jetzt anmelden.",
        "en": "Your password has been changed. You can sign in now.",
    },
    "auth.invitation_title": {"de": "Einladung annehmen", "en": "Accept invitation"},
    "auth.invitation_hello": {"de": "Willkommen,", "en": "Welcome,"},
    "auth.invitation_intro": {
        "de": "Sie wurden zum Mitgliederportal eingeladen für",
        "en": "You have been invited to the member portal for",
    },
    "auth.invitation_button": {"de": "Passwort festlegen", "en": "Set password"},
    "auth.invitation_done": {
        "de": "Ihr Konto ist eingerichtet. Sie können sich jetzt anmelden.",
        "en": "Your account is ready. You can sign in now.",
    },
    # Passwords, tokens, addresses
    "password.too_short": {
        "de": "Das Passwort muss mindestens {min} Zeichen lang sein.",
        "en": "The password must be at least {min} characters long.",
    },
    "password.too_long": {
        "de": "Das Passwort darf höchstens {max} Zeichen lang sein.",
        "en": "The password must be at most {max} characters long.",
    },
    "password.too_common": {
        "de": "Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.",
        "en": "This password is too common. Please choose another one.",
    },
    "password.is_email": {
        "de": "Das Passwort darf nicht Ihre E-Mail-Adresse sein.",
        "en": "The password must not be your email address.",
    },
    "password.mismatch": {
        "de": "Die beiden neuen Passwörter stimmen nicht überein.",
        "en": "The two new passwords do not match.",
    },
    "password.current_wrong": {
        "de": "Das aktuelle Passwort ist falsch.",
        "en": "The current password is incorrect.",
    },
    "token.invalid": {
        "de": "Dieser Link ist ungültig oder wurde bereits verwendet.",
        "en": "This link is invalid or has already been used.",
    },
    "token.expired": {
        "de": "Dieser Link ist abgelaufen. Bitte fordern Sie einen neuen an.",
        "en": "This link has expired. Please request a new one.",
    },
    "email.invalid": {
        "de": "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
        "en": "Please enter a valid email address.",
    },
    "email.taken": {
        "de": "Zu dieser E-Mail-Adresse gibt es bereits ein Konto.",
        "en": "An account with this email address exists already.",
    },
    "name.invalid": {
        "de": "Bitte geben Sie einen Namen mit 2 bis 200 Zeichen ein.",
        "en": "Please enter a name of 2 to 200 characters.",
    },
    "role.invalid": {"de": "Bitte wählen Sie eine gültige Rolle.", "en": "Please choose a valid role."},
    "organization.required": {
        "de": "Bitte wählen Sie eine Organisation.",
        "en": "Please choose an organization.",
    },
    "language.unknown": {"de": "Unbekannte Sprache.", "en": "Unknown language."},
    "user.cannot_deactivate_self": {
        "de": "Sie können Ihr eigenes Konto nicht deaktivieren.",
        "en": "You cannot deactivate your own account.",
    },
    "seed.refused_non_demo_data": {
        "de": "Die Datenbank enthält bereits echte Daten; die Demodaten werden nicht angelegt.",
        "en": "The database already holds real data; the demo network was not created.",
    },
    # Generic errors
    "error.generic": {
        "de": "Das hat leider nicht geklappt. Bitte versuchen Sie es erneut.",
        "en": "Sorry, that did not work. Please try again.",
    },
    "error.not_found": {"de": "Nicht gefunden.", "en": "Not found."},
    "error.permission_denied": {
        "de": "Dafür fehlt Ihnen die Berechtigung.",
        "en": "You do not have permission to do that.",
    },
    "error.invalid_input": {"de": "Bitte prüfen Sie Ihre Eingaben.", "en": "Please check your input."},
    "error.conflict": {
        "de": "Das wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
        "en": "This was changed in the meantime. Please reload the page.",
    },
    "error.not_signed_in": {"de": "Bitte melden Sie sich an.", "en": "Please sign in."},
    # Roles, statuses and kinds
    "role.contact": {"de": "Ansprechpartner/in", "en": "Contact"},
    "role.org_manager": {"de": "Organisationsverwaltung", "en": "Organization manager"},
    "role.network_admin": {"de": "Netzwerkbüro", "en": "Network office"},
    "user_status.active": {"de": "Aktiv", "en": "Active"},
    "user_status.invited": {"de": "Eingeladen", "en": "Invited"},
    "user_status.inactive": {"de": "Deaktiviert", "en": "Deactivated"},
    "org_kind.chemical": {"de": "Chemische Industrie", "en": "Chemical industry"},
    "org_kind.metallurgical": {"de": "Metallurgie", "en": "Metallurgy"},
    "org_kind.recycling": {"de": "Recycling", "en": "Recycling"},
    "org_kind.logistics": {"de": "Logistik", "en": "Logistics"},
    "org_kind.university": {"de": "Hochschule", "en": "University"},
    "org_kind.business_development": {"de": "Wirtschaftsförderung", "en": "Business development"},
    "org_kind.other": {"de": "Sonstige", "en": "Other"},
    "federal_state.NI": {"de": "Niedersachsen", "en": "Lower Saxony"},
    "federal_state.ST": {"de": "Sachsen-Anhalt", "en": "Saxony-Anhalt"},
    "federal_state.TH": {"de": "Thüringen", "en": "Thuringia"},
    "federal_state.other": {"de": "Anderes Bundesland", "en": "Other federal state"},
    # Organization fields
    "org.kind": {"de": "Branche", "en": "Sector"},
    "org.location": {"de": "Standort", "en": "Location"},
    "org.federal_state": {"de": "Bundesland", "en": "Federal state"},
    "org.employees": {"de": "Beschäftigte", "en": "Employees"},
    "org.member_since": {"de": "Mitglied seit", "en": "Member since"},
    # Dashboard
    "dashboard.greeting": {"de": "Guten Tag,", "en": "Hello,"},
    "dashboard.intro": {
        "de": "Hier sehen Sie auf einen Blick Ihre Organisation und Ihr Konto.",
        "en": "Your organization and your account at a glance.",
    },
    "dashboard.organization": {"de": "Ihre Organisation", "en": "Your organization"},
    "dashboard.account": {"de": "Ihr Konto", "en": "Your account"},
    "dashboard.to_account": {"de": "Konto verwalten", "en": "Manage account"},
    "dashboard.network": {"de": "Das Netzwerk", "en": "The network"},
    "dashboard.member_organizations": {"de": "Mitgliedsorganisationen", "en": "Member organizations"},
    "dashboard.active_users": {"de": "aktive Konten", "en": "active accounts"},
    "dashboard.count": {"de": "Anzahl", "en": "Count"},
    "dashboard.to_users": {"de": "Alle Benutzerkonten", "en": "All user accounts"},
    # Account page
    "account.title": {"de": "Mein Konto", "en": "My account"},
    "account.profile_title": {"de": "Ihre Angaben", "en": "Your details"},
    "account.name": {"de": "Name", "en": "Name"},
    "account.email": {"de": "E-Mail", "en": "Email"},
    "account.organization": {"de": "Organisation", "en": "Organization"},
    "account.role": {"de": "Rolle", "en": "Role"},
    "account.last_login": {"de": "Letzte Anmeldung", "en": "Last sign-in"},
    "account.password_title": {"de": "Passwort ändern", "en": "Change password"},
    "account.current_password": {"de": "Aktuelles Passwort", "en": "Current password"},
    "account.password_button": {"de": "Passwort ändern", "en": "Change password"},
    "account.password_changed": {
        "de": "Ihr Passwort wurde geändert. Alle anderen Anmeldungen wurden beendet.",
        "en": "Your password has been changed. All your other sessions have been ended.",
    },
    "account.language_title": {"de": "Sprache", "en": "Language"},
    "account.language_intro": {
        "de": "Das Portal und seine E-Mails erscheinen in dieser Sprache.",
        "en": "The portal and its emails appear in this language.",
    },
    # Admin: user accounts
    "admin.users_title": {"de": "Benutzerkonten", "en": "User accounts"},
    "admin.search_placeholder": {"de": "Name oder E-Mail suchen", "en": "Search name or email"},
    "admin.status": {"de": "Status", "en": "Status"},
    "admin.actions": {"de": "Aktionen", "en": "Actions"},
    "admin.accounts": {"de": "Konten", "en": "accounts"},
    "admin.deactivate": {"de": "Deaktivieren", "en": "Deactivate"},
    "admin.deactivate_title": {"de": "Konto deaktivieren?", "en": "Deactivate account?"},
    "admin.deactivate_text": {
        "de": "Alle Anmeldungen werden sofort beendet. Betroffen:",
        "en": "All sessions end immediately. Account:",
    },
    "admin.user_deactivated": {"de": "Das Konto wurde deaktiviert.", "en": "The account was deactivated."},
    "admin.invite": {"de": "Person einladen", "en": "Invite a person"},
    "admin.invite_title": {"de": "Person einladen", "en": "Invite a person"},
    "admin.invite_send": {"de": "Einladung senden", "en": "Send invitation"},
    "admin.invitation_sent": {
        "de": "Die Einladung wurde versendet (gültig 7 Tage).",
        "en": "The invitation has been sent (valid for 7 days).",
    },
    # Mails
    "mail.reset.subject": {
        "de": "{network}: Passwort zurücksetzen",
        "en": "{network}: reset your password",
    },
    "mail.reset.body": {
        "de": "Guten Tag {name},\n\nSie haben ein neues Passwort für das Mitgliederportal "
              "angefordert. Über diesen Link legen Sie es fest (gültig {minutes} Minuten, nur "
              "einmal verwendbar):\n\n{link}\n\nWenn Sie das nicht waren, können Sie diese E-Mail "
              "ignorieren; Ihr Passwort bleibt unverändert.\n",
        "en": "Hello {name},\n\nYou asked for a new password for the member portal. Use this "
              "link to set it (valid for {minutes} minutes, usable once):\n\n{link}\n\nIf this "
              "was not you, you can ignore this email; your password stays unchanged.\n",
    },
    "mail.invitation.subject": {
        "de": "{network}: Einladung zum Mitgliederportal",
        "en": "{network}: invitation to the member portal",
    },
    "mail.invitation.body": {
        "de": "Guten Tag {name},\n\n{inviter} hat Sie als Ansprechpartner/in von {organization} "
              "in das Mitgliederportal eingeladen. Über diesen Link legen Sie Ihr Passwort fest "
              "(gültig {days} Tage):\n\n{link}\n",
        "en": "Hello {name},\n\n{inviter} has invited you to the member portal as a contact of "
              "{organization}. Use this link to set your password (valid for {days} days):"
              "\n\n{link}\n",
    },
}
CATALOGUE |= ORGANIZATION_TEXTS
CATALOGUE |= INVOICE_TEXTS
CATALOGUE |= SEMINAR_TEXTS
CATALOGUE |= DOCUMENT_TEXTS
CATALOGUE |= AUDIT_TEXTS
