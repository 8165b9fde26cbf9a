"""The audit log's results as the page shows them, in the reader's language (Babel formats)."""

from __future__ import annotations

import json

from harzportal.audit.log import Choice, LoggedEvent
from harzportal.audit.views import AuditRowView, ChoiceView
from harzportal.core.formatting import moment
from harzportal.core.i18n import N_
from harzportal.core.paging import Page

NOBODY = "—"
# The filter's areas (forms.ACTION_KINDS) as the page names them.
ACTION_KIND_NAMES = {
    "auth": N_("audit.kind.auth"), "user": N_("audit.kind.user"),
    "contact": N_("audit.kind.contact"), "organization": N_("audit.kind.organization"),
    "profile": N_("audit.kind.profile"), "invoice": N_("audit.kind.invoice"),
    "credit_note": N_("audit.kind.credit_note"), "invoice_run": N_("audit.kind.invoice_run"),
    "fees": N_("audit.kind.fees"), "registration": N_("audit.kind.registration"),
    "seminar": N_("audit.kind.seminar"), "document": N_("audit.kind.document"),
    "document_category": N_("audit.kind.document_category"),
    "calendar_feed": N_("audit.kind.calendar_feed"),
    "certificate": N_("audit.kind.certificate"), "circular": N_("audit.kind.circular"),
    "exchange": N_("audit.kind.exchange"), "demo": N_("audit.kind.demo"),
    "bank": N_("audit.kind.bank"),
    "sepa_mandate": N_("audit.kind.sepa_mandate"), "debit_run": N_("audit.kind.debit_run"),
}


def readable_change(before: dict | None, after: dict | None) -> str:
    """'phone: +49 1 → +49 2' per line; values without a counterpart shown on their own."""
    before, after = before or {}, after or {}
    lines = []
    for key in list(dict.fromkeys([*before, *after])):
        old = json.dumps(before[key], ensure_ascii=False) if key in before else None
        new = json.dumps(after[key], ensure_ascii=False) if key in after else None
        if old is not None and new is not None:
            lines.append(f"{key}: {old} → {new}")
        else:
            lines.append(f"{key}: {old if old is not None else new}")
    return "\n".join(lines)


def event_row(logged: LoggedEvent, language: object) -> AuditRowView:
    event = logged.event
    return AuditRowView(
        id=event.id, when=moment(event.occurred_at, language),
        actor=logged.actor_name or event.actor_label or NOBODY,
        organization=logged.organization_name or NOBODY, action=event.action,
        object=f"{event.object_type} {event.object_id}".strip(),
        change=readable_change(event.before, event.after), client_ip=event.client_ip)


def events_page(page: Page[LoggedEvent], language: object) -> Page[AuditRowView]:
    return page.map(lambda logged: event_row(logged, language))


def choices(found: tuple[Choice, ...]) -> list[ChoiceView]:
    return [ChoiceView(value=str(choice.id), name=choice.name) for choice in found]
