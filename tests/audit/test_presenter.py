"""The audit log's row in German and English (the moment in Babel's format of the reader's
language, Europe/Berlin time), its filter form, and the page's State holding typed views."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from harzportal import db
from harzportal.audit import log, presenter
from harzportal.audit import service as audit
from harzportal.audit.forms import AuditFilterForm
from harzportal.audit.state import AuditLogState
from harzportal.audit.views import AuditRowView
from harzportal.core import clock
from harzportal.core.errors import ValidationFailed
from harzportal.core.forms import parse_form
from harzportal.core.roles import Role
from tests.handler_calls import call_handler, signed_in_state

pytestmark = pytest.mark.service


@pytest.fixture
def staff(factories):
    staff = factories.user(None, role=Role.NETWORK_ADMIN, full_name="Katrin Vogel")
    with db.unit_of_work() as session, clock.fixed_at(datetime(2027, 7, 1, 8, 5, tzinfo=UTC)):
        audit.record(session, action="document.download", object_type="document_version",
                     object_id=12, actor_user_id=staff.id, client_ip="192.0.2.1",
                     after={"document_id": 3, "version": 2})
    return staff


@pytest.mark.parametrize(("language", "when"), [("de", "01.07.2027, 10:05:00"),
                                                ("en", "1 Jul 2027, 10:05:00")])
def test_an_audit_row_in_the_reader_s_language(factories, staff, language, when):
    with db.unit_of_work() as session:
        found = log.list_events(session, factories.actor(staff), AuditFilterForm())

    row = presenter.event_row(found.items[0], language)
    assert row == AuditRowView(id=found.items[0].event.id, when=when, actor="Katrin Vogel",
                               organization="—", action="document.download",
                               object="document_version 12",
                               change='document_id: 3\nversion: 2', client_ip="192.0.2.1")


@pytest.mark.parametrize(("values", "field"), [
    ({"since": "0001-01-01"}, "since"),  # no local midnight before it in UTC
    ({"until": "9999-12-31"}, "until"),  # no next day
    ({"since": "2027-02-30"}, "since"), ({"until": "gestern"}, "until"),
])
def test_dates_that_cannot_be_filtered_by_are_refused_with_their_field(values, field):
    with pytest.raises(ValidationFailed) as caught:
        parse_form(AuditFilterForm, values)
    assert (caught.value.message_key, caught.value.field) == ("invoice.date_invalid", field)


def test_the_filter_form_reads_ids_areas_and_dates():
    form = parse_form(AuditFilterForm, {"actor_user_id": "7", "organization_id": "x",
                                        "kind": "nonsense", "since": "0001-01-02",
                                        "until": "9999-12-30", "extra": "ignored"})
    assert form == AuditFilterForm(actor_user_id=7, since=date(1, 1, 2),
                                   until=date(9999, 12, 30))
    assert form.export_url(log.EXPORT_URL) == (
        f"{log.EXPORT_URL}?actor_user_id=7&since=0001-01-02&until=9999-12-30")
    assert parse_form(AuditFilterForm, "no form") == AuditFilterForm()
    assert AuditFilterForm().export_url(log.EXPORT_URL) == log.EXPORT_URL


async def test_the_page_state_filters_and_holds_typed_rows(staff, monkeypatch):
    state = signed_in_state(AuditLogState, staff, monkeypatch)
    await call_handler(state, "load")
    assert len(state.rows) == 1 and isinstance(state.rows[0], AuditRowView)
    assert [(choice.value, choice.name) for choice in state.actors] == [
        (str(staff.id), "Katrin Vogel")]

    await call_handler(state, "apply_filter", {"kind": "invoice", "since": ""})
    assert (state.total, state.error) == (0, "")
    assert state.export_href == f"{log.EXPORT_URL}?kind=invoice"

    await call_handler(state, "apply_filter", {"since": "9999-12-31"})
    assert state.error == "Bitte ein gültiges Datum angeben."
    assert state.export_href == f"{log.EXPORT_URL}?kind=invoice"  # the refused filter is not used
