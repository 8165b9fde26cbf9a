"""The state of the staff's payment reminder proposals (Mahnvorschläge): one page of the
invoices whose next level is due, a send button per row and one for the page."""

from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.i18n import translate_plural
from harzportal.core.ids import parse_id
from harzportal.core.paging import Page
from harzportal.invoices import presenter, proposals
from harzportal.invoices.views import ReminderProposalView
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages


class ReminderProposalsState(StaffPages, PortalState):
    rows: list[ReminderProposalView] = []
    error: str = ""
    message: str = ""

    async def _fetch_page(self, actor: Actor) -> Page[ReminderProposalView]:
        shown = await db.run_in_unit_of_work(proposals.list_proposals, actor, self.page)
        return presenter.reminder_proposal_rows(shown, self.lang)

    @requires_staff
    async def load(self, actor: Actor):
        self.error = self.message = ""
        await self._first_page(actor)

    @requires_staff
    async def send(self, actor: Actor, invoice_id: int, level: int):
        """The proposed level of one invoice, if it is still due (a second click is refused)."""
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            reminder = await db.run_in_unit_of_work(proposals.send_proposed, actor,
                                                    parse_id(invoice_id), parse_id(level))
        if not outcome.refused:
            wake_sender()
            self.message = self._text("reminder_proposal.sent", document=reminder.title)
        await self._reload(actor)

    @requires_staff
    async def send_page(self, actor: Actor):
        """Every proposal of the page, each in its own transaction: one that is refused (sent
        meanwhile, no billing contact) is named, the others are sent."""
        sent, refused = 0, []
        for row in list(self.rows):
            try:
                await db.run_in_unit_of_work(proposals.send_proposed, actor, row.invoice_id,
                                             row.level)
            except DomainError as error:
                refused.append(f"{row.number}: {self._error_text(error)}")
            else:
                sent += 1
        if sent:
            wake_sender()
        self.message = translate_plural("reminder_proposal.sent_all_one",
                                        "reminder_proposal.sent_all_other", sent, self.lang)
        self.error = "; ".join(refused)
        await self._reload(actor)
