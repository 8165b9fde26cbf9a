"""The mails of the accounts (password reset, invitation), in the recipient's language: a
presenter of its medium, so it formats with the catalogue and names the settings' values."""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Session

from harzportal.accounts.models import User
from harzportal.accounts.presenter import invitation_validity, reset_link_validity
from harzportal.core.i18n import N_, translate
from harzportal.mail import service as mail
from harzportal.organizations.models import Organization
from harzportal.settings import get as get_settings

EXISTING_ACCOUNT_MAIL = "invitation_existing_account"  # the kind of the note below


def enqueue_reset_mail(session: Session, user: User, link: str) -> None:
    language = user.preferred_language
    mail.enqueue(
        session,
        recipient=user.email,
        kind="password_reset",
        subject=translate("mail.reset.subject", language, network=get_settings().network_name),
        body=translate("mail.reset.body", language, name=user.full_name, link=link,
                       minutes=reset_link_validity(language)),
    )


def enqueue_invitation_mail(session: Session, user: User, inviter: User,
                            organization: Organization, link: str) -> None:
    language = user.preferred_language
    mail.enqueue(
        session,
        recipient=user.email,
        kind="invitation",
        subject=translate("mail.invitation.subject", language,
                          network=get_settings().network_name),
        body=translate("mail.invitation.body", language, name=user.full_name,
                       inviter=inviter.full_name, organization=organization.name, link=link,
                       days=invitation_validity(language)),
    )


def enqueue_existing_account_mail(session: Session, user: User, inviter: User,
                                  organization: Organization) -> None:
    """Someone tried to invite an address that has an account already: no link, only a note,
    so the owner knows and can turn to the network office if they are to change organization."""
    language = user.preferred_language
    mail.enqueue(
        session,
        recipient=user.email,
        kind=EXISTING_ACCOUNT_MAIL,
        subject=translate("mail.invitation_existing.subject", language,
                          network=get_settings().network_name),
        body=translate("mail.invitation_existing.body", language, name=user.full_name,
                       inviter=inviter.full_name, organization=organization.name,
                       network=get_settings().network_name),
    )


class FactorMail(StrEnum):
    """A change of the person's second factor they are told of (a stranger's change shows)."""

    ADDED = "factor_added"
    REMOVED = "factor_removed"
    RESET = "factor_reset"  # by the network office


_FACTOR_MAIL_TEXTS = {  # (subject, body)
    FactorMail.ADDED: (N_("mail.factor_added.subject"), N_("mail.factor_added.body")),
    FactorMail.REMOVED: (N_("mail.factor_removed.subject"), N_("mail.factor_removed.body")),
    FactorMail.RESET: (N_("mail.factor_reset.subject"), N_("mail.factor_reset.body")),
}


def enqueue_factor_mail(session: Session, user: User, change: FactorMail) -> None:
    language = user.preferred_language
    subject, body = _FACTOR_MAIL_TEXTS[change]
    network = get_settings().network_name
    mail.enqueue(
        session,
        recipient=user.email,
        kind=change.value,
        subject=translate(subject, language, network=network),
        body=translate(body, language, name=user.full_name,
                       network=network, link=f"{get_settings().public_origin}/account/security"),
    )
