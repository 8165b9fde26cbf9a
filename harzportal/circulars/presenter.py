"""Circulars for their pages: frozen views in the reader's language. The previews are the mail's
own text (circulars.mails) turned into its HTML part (mail.markup), so staff see what recipients
get."""

from __future__ import annotations

from harzportal.accounts.labels import ROLE_LABELS
from harzportal.circulars import mails
from harzportal.circulars.audience import MEMBER_ROLES, Audience
from harzportal.circulars.labels import DELIVERY_LABELS, STATUS_LABELS, category_label
from harzportal.circulars.models import (
    MANDATORY_CATEGORIES,
    OPTIONAL_CATEGORIES,
    Circular,
    CircularCategory,
    CircularStatus,
)
from harzportal.circulars.service import (
    Addressee,
    CircularDetail,
    CircularSummary,
    ComposeChoices,
    Deliveries,
    ReceivedCircular,
)
from harzportal.circulars.views import (
    CircularRowView,
    CircularView,
    DeliveryCountView,
    DocumentLinkView,
    OptionView,
    ReceivedRowView,
    ReceivedView,
    RecipientRowView,
)
from harzportal.core.formatting import moment, number
from harzportal.core.i18n import label, translate, translate_plural
from harzportal.core.paging import Page
from harzportal.documents.labels import language_name
from harzportal.mail import markup
from harzportal.organizations.labels import FEDERAL_STATE_LABELS, FUNCTION_LABELS, KIND_LABELS
from harzportal.organizations.models import ContactFunction, FederalState, OrganizationKind


def _sent(circular: Circular, language: str) -> str:
    return moment(circular.sent_at, language) if circular.sent_at else ""


def circular_rows(found: Page[CircularSummary], language: str) -> Page[CircularRowView]:
    return found.map(lambda entry: CircularRowView(
        id=entry.circular.id, href=f"/admin/circulars/{entry.circular.id}",
        subject=entry.circular.subject_de,
        category=category_label(entry.circular.category, language),
        status=entry.circular.status,
        status_label=label(STATUS_LABELS, entry.circular.status, language),
        sent=_sent(entry.circular, language),
        recipients=number(entry.recipients, language)
        if entry.circular.status == CircularStatus.SENT.value else ""))


def _preview(detail: CircularDetail, language: str) -> str:
    link = translate("circular.preview_own_link", language)
    text = mails.mail_text(detail.circular, language, list(detail.documents), link)
    return markup.html_fragment(text)


def circular(detail: CircularDetail, language: str) -> CircularView:
    circular = detail.circular
    return CircularView(
        id=circular.id, category=circular.category,
        category_label=category_label(circular.category, language),
        is_draft=circular.status == CircularStatus.DRAFT.value, sent=_sent(circular, language),
        subject_de=circular.subject_de, subject_en=circular.subject_en,
        body_de=circular.body_de, body_en=circular.body_en,
        preview_de=_preview(detail, "de"), preview_en=_preview(detail, "en"),
        documents=", ".join(document.title for document in detail.documents))


def _options(prefix: str, table, members, chosen: tuple, language: str) -> list[OptionView]:
    return [OptionView(name=f"{prefix}{member.value}", label=label(table, member, language),
                       checked=member.value in chosen) for member in members]


def audience_options(audience: Audience, document_ids: list[int], choices: ComposeChoices,
                     language: str) -> dict[str, list[OptionView]]:
    """The form's checkboxes, ticked as the circular has them."""
    return {
        "kinds": _options("kind_", KIND_LABELS, OrganizationKind, audience.kinds, language),
        "states": _options("state_", FEDERAL_STATE_LABELS, FederalState, audience.states,
                           language),
        "functions": _options("function_", FUNCTION_LABELS, ContactFunction,
                              audience.functions, language),
        "roles": _options("role_", ROLE_LABELS, MEMBER_ROLES, audience.roles, language),
        "organizations": [OptionView(name=f"org_{choice.id}", label=choice.name,
                                     checked=choice.id in audience.organization_ids)
                          for choice in choices.organizations],
        "documents": [OptionView(name=f"doc_{choice.id}", label=choice.name,
                                 checked=choice.id in document_ids)
                      for choice in choices.documents],
    }


def addressees(found: Page[Addressee], language: str) -> Page[RecipientRowView]:
    return found.map(lambda entry: RecipientRowView(
        id=entry.user.id, name=entry.user.full_name, email=entry.user.email,
        organization=entry.organization.name,
        language=language_name(mails.language_of(entry.user), language),
        status="", status_label="", resent=""))


def deliveries(found: Deliveries, language: str) -> tuple[Page[RecipientRowView],
                                                         list[DeliveryCountView]]:
    rows = found.page.map(lambda entry: RecipientRowView(
        id=entry.recipient.id, name=entry.name, email=entry.recipient.email,
        organization=entry.organization,
        language=language_name(entry.recipient.language, language),
        status=entry.status.value, status_label=label(DELIVERY_LABELS, entry.status, language),
        resent=number(entry.recipient.resent_count, language)
        if entry.recipient.resent_count else ""))
    counts = [DeliveryCountView(status=status.value, label=label(DELIVERY_LABELS, status,
                                                                 language),
                                count=number(count, language))
              for status, count in found.counts.items() if count]
    return rows, counts


def received_rows(found: Page[Circular], language: str) -> Page[ReceivedRowView]:
    return found.map(lambda circular: ReceivedRowView(
        id=circular.id, href=f"/circulars/{circular.id}",
        subject=mails.subject_and_body(circular, language)[0],
        category=category_label(circular.category, language), sent=_sent(circular, language)))


def received(found: ReceivedCircular,
             language: str) -> tuple[ReceivedView, list[DocumentLinkView]]:
    subject, body = mails.subject_and_body(found.circular, language)
    view = ReceivedView(subject=subject,
                        category=category_label(found.circular.category, language),
                        sent=_sent(found.circular, language),
                        body=markup.html_fragment(markup.plain_text(body)))
    links = [DocumentLinkView(title=document.title, href=f"/documents/{document.id}")
             for document in found.documents]
    return view, links


def mandatory_categories(language: str) -> str:
    """"Mitgliederversammlung, Rechtliches": the categories nobody can unsubscribe from."""
    return ", ".join(category_label(category, language) for category in CircularCategory
                     if category in MANDATORY_CATEGORIES)


def category_choices(opted_out: frozenset[str], language: str) -> list[OptionView]:
    """Mein Konto: one checkbox per optional category, ticked while the person gets it."""
    return [OptionView(name=f"want_{category.value}", label=category_label(category, language),
                       checked=category.value not in opted_out)
            for category in OPTIONAL_CATEGORIES]


def sent_message(count: int, language: str) -> str:
    return translate_plural("circular.sent_one", "circular.sent_other", count, language,
                            shown=number(count, language))


def resent_message(count: int, language: str) -> str:
    return translate_plural("circular.resent_one", "circular.resent_other", count, language,
                            shown=number(count, language))
