"""The mails of the organization domain, written in the recipient's language."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.accounts.models import User
from harzportal.core.i18n import translate
from harzportal.mail import service as mail
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    FieldDecision,
    Organization,
)
from harzportal.organizations.presenter import display_value, field_label
from harzportal.settings import get as get_settings


def send_decision(session: Session, request: ChangeRequest, organization: Organization,
                  rows: list[ChangeRequestField]) -> None:
    """Tell the author, in their language, what was decided on each field."""
    author = session.get(User, request.author_user_id)
    if author is None or not author.is_active:
        return
    lang = author.preferred_language
    lines = []
    for row in rows:
        label = field_label(row.field_name, lang)
        value = display_value(row.field_name, row.new_value, lang)
        if row.decision == FieldDecision.APPROVED.value:
            lines.append(translate("mail.change_decided.approved_line", lang, field=label,
                                   value=value))
        else:
            lines.append(translate("mail.change_decided.rejected_line", lang, field=label,
                                   value=value, reason=row.reason))
    link = f"{get_settings().public_origin}/organizations/{organization.id}"
    mail.enqueue(
        session, recipient=author.email, kind="change_decided",
        subject=translate("mail.change_decided.subject", lang, organization=organization.name),
        body=translate("mail.change_decided.body", lang, name=author.full_name,
                       organization=organization.name, lines="\n".join(lines),
                       link=link),
    )
