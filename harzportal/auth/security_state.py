"""The security page: passkeys (add, rename, remove) and the authenticator app as second factor
(enrol, recovery codes, switch off). A person whose role requires a second factor and who has none is held here (shell/guard),
so its handlers work for them too."""

from __future__ import annotations

from harzportal import db
from harzportal.accounts import factors, passkeys
from harzportal.auth.forms import CodeForm, PasskeyChangeForm, PasskeyForm
from harzportal.auth.presenter import passkey_row_view, second_factor_view, totp_enrolment_view
from harzportal.auth.views import (
    NO_ENROLMENT,
    NO_SECOND_FACTOR,
    PasskeyRowView,
    SecondFactorView,
    TotpEnrolmentView,
)
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.i18n import N_
from harzportal.core.ids import parse_id
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import requires_session_while_enrolling
from harzportal.shell.state import PortalState


class SecurityState(PortalState):
    factor: SecondFactorView = NO_SECOND_FACTOR
    enrolment: TotpEnrolmentView = NO_ENROLMENT  # shown while the app is being enrolled
    recovery_codes: list[str] = []  # shown once, right after enrolment
    passkeys: list[PasskeyRowView] = []
    must_enrol: bool = False  # held here until a second factor is enrolled
    error: str = ""
    message: str = ""
    form_key: int = 0

    async def _reload(self, actor: Actor) -> None:
        status = await db.run_in_unit_of_work(factors.factor_status, actor)
        self.factor = second_factor_view(status, self.lang)
        self.passkeys = [passkey_row_view(passkey, self.lang) for passkey in status.passkeys]
        self.must_enrol = (status.required and not status.totp_enabled and not status.passkeys
                           and actor.must_enrol)

    async def _changed(self, actor: Actor, message_key: str, *, mailed: bool = False) -> None:
        """After a factor changed: a fresh form, the confirmation, the mail (the person is told
        of every change to their sign-in) on its way, the page shown anew."""
        self.form_key += 1
        self.message = self._text(message_key)
        if mailed:
            wake_sender()
        await self._reload(actor)

    @requires_session_while_enrolling
    async def open_security(self, actor: Actor):
        self.error = self.message = ""
        self.enrolment = NO_ENROLMENT
        self.recovery_codes = []
        await self._reload(actor)

    @requires_session_while_enrolling
    async def start_totp(self, actor: Actor):
        self.message = ""
        loaded = await self._run_shown(factors.start_totp_enrolment, actor)
        if loaded.refused:
            return
        self.enrolment = totp_enrolment_view(loaded.result)
        self.form_key += 1

    @requires_session_while_enrolling
    async def confirm_totp(self, actor: Actor, form_data: dict):
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(CodeForm, form_data)
            codes = await db.run_in_unit_of_work(factors.confirm_totp_enrolment, actor, form.code)
        if outcome.refused:
            return
        self.enrolment = NO_ENROLMENT
        self.recovery_codes = codes
        await self._changed(actor, N_("factor.totp_enabled"), mailed=True)

    @requires_session_while_enrolling
    async def disable_totp(self, actor: Actor, form_data: dict):
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(CodeForm, form_data)
            removed = await db.run_in_unit_of_work(factors.disable_totp, actor, form.code)
        if outcome.refused:
            return
        if not removed:
            self.form_key += 1
            self.error = self._text("auth.code_wrong")
            return
        self.recovery_codes = []
        await self._changed(actor, N_("factor.totp_disabled"), mailed=True)

    @requires_session_while_enrolling
    async def add_passkey(self, actor: Actor, form_data: dict):
        """The passkey the browser created (assets/passkeys.js submits it)."""
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(PasskeyForm, form_data)
            await db.run_in_unit_of_work(factors.add_passkey, actor, form.name, form.credential)
        if outcome.refused:
            return
        await self._changed(actor, N_("passkey.added"), mailed=True)

    @requires_session_while_enrolling
    async def rename_passkey(self, actor: Actor, form_data: dict):
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(PasskeyChangeForm, form_data)
            await db.run_in_unit_of_work(passkeys.rename, actor, parse_id(form.passkey_id), form.name)
        if outcome.refused:
            return
        await self._changed(actor, N_("passkey.renamed"))

    @requires_session_while_enrolling
    async def remove_passkey(self, actor: Actor, form_data: dict):
        """Needs the password or a current code of the app."""
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(PasskeyChangeForm, form_data)
            removed = await db.run_in_unit_of_work(factors.remove_passkey, actor,
                                                   parse_id(form.passkey_id), form.secret)
        if outcome.refused:
            return
        if not removed:
            self.form_key += 1
            self.error = self._text("passkey.secret_wrong")
            return
        await self._changed(actor, N_("passkey.removed"), mailed=True)
