"""The exchange's mails, each in its recipient's language, through the outbox. An expression of
interest goes to the post's author and names the interested person; the author's own address is
never shown to the interested person (they learn it only if the author answers)."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.accounts.models import User
from harzportal.core.i18n import translate
from harzportal.exchange.models import Interest, Post, PostStatus
from harzportal.mail import service as mail
from harzportal.organizations.models import Organization
from harzportal.settings import get as get_settings


def _link(post: Post) -> str:
    return f"{get_settings().public_origin}/exchange/{post.id}"


def send_decision(session: Session, post: Post) -> None:
    author = session.get(User, post.author_user_id)
    if author is None or not author.is_active:
        return
    lang = author.preferred_language
    if post.status == PostStatus.PUBLISHED.value:
        subject = translate("mail.exchange_approved.subject", lang, title=post.title)
        body = translate("mail.exchange_approved.body", lang, name=author.full_name,
                         title=post.title, link=_link(post))
    else:
        subject = translate("mail.exchange_rejected.subject", lang, title=post.title)
        body = translate("mail.exchange_rejected.body", lang, name=author.full_name,
                         title=post.title, reason=post.reason, link=_link(post))
    mail.enqueue(session, recipient=author.email, subject=subject, body=body,
                 kind="exchange_decided")


def send_interest(session: Session, post: Post, interest: Interest, person: User,
                  organization: Organization) -> bool:
    """Tell the author; False when the author's account is no longer active."""
    author = session.get(User, post.author_user_id)
    if author is None or not author.is_active:
        return False
    lang = author.preferred_language
    mail.enqueue(
        session, recipient=author.email, kind="exchange_interest",
        subject=translate("mail.exchange_interest.subject", lang, title=post.title),
        body=translate("mail.exchange_interest.body", lang, name=author.full_name,
                       title=post.title, person=person.full_name,
                       organization=organization.name, email=person.email,
                       note=interest.note or "-", link=_link(post)))
    return True


def send_digest(session: Session, person: User, posts: list[Post]) -> None:
    lang = person.preferred_language
    lines = "\n".join(f"- {post.title}: {_link(post)}" for post in posts)
    mail.enqueue(
        session, recipient=person.email, kind="exchange_digest",
        subject=translate("mail.exchange_digest.subject", lang),
        body=translate("mail.exchange_digest.body", lang, name=person.full_name, lines=lines,
                       link=f"{get_settings().public_origin}/exchange"))
