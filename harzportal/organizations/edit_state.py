"""State of the profile edit form: a manager proposes, staff save directly; logo upload.

No `from __future__ import annotations` here: Reflex reads the upload handler's annotation
(`list[rx.UploadFile]`) at runtime.
"""

import asyncio
import base64
import dataclasses

import reflex as rx

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.forms import parse_form
from harzportal.organizations import changes, logos, presenter, service
from harzportal.organizations.forms import ProfileForm
from harzportal.organizations.profile import PROFILE_FIELDS, ProfileInvalid
from harzportal.organizations.views import ProfileFieldTexts
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState
from harzportal.shell.uploads import accepts_upload

LOGO_UPLOAD_ID = "logo_upload"
NO_ERRORS = ProfileFieldTexts()


class ProfileEditState(PortalState):
    values: ProfileFieldTexts = ProfileFieldTexts()
    errors: ProfileFieldTexts = NO_ERRORS
    error: str = ""
    organization_name: str = ""
    organization_id: int = 0
    has_pending: bool = False
    direct: bool = False  # staff save at once instead of proposing
    logo_preview: str = ""  # data URL of a freshly uploaded logo, or the stored logo's URL
    logo_note: str = ""
    form_key: int = 0
    loaded: bool = False
    vocabulary: list[str] = []  # the competences members list, for the competence field
    _logo_choice: str | None = None  # None: keep; "": remove; else the uploaded logo's name
    _revision: int = 0  # of the open request the form's values were laid over (0: none)

    @requires_session
    async def load(self, actor: Actor):
        self.logo_note = ""
        self.errors = NO_ERRORS
        self._logo_choice = None
        with self._refusal_shown_in("error") as outcome:
            form = await db.run_in_unit_of_work(service.get_edit_form, actor, self._route_id())
        if outcome.refused:
            self.loaded = False
            return
        self.values = presenter.edit_form_view(form)
        self.vocabulary = await db.run_in_unit_of_work(service.competence_vocabulary, actor)
        self.has_pending = form.has_pending
        self._revision = form.revision
        self.organization_name = form.organization_name
        self.organization_id = self._route_id()
        self.direct = actor.is_staff
        self.logo_preview = logos.logo_url(self.values.logo)
        self.loaded = True
        self.form_key += 1

    @accepts_upload(logos.MAX_BYTES)
    @requires_session
    async def upload_logo(self, actor: Actor, files: list[rx.UploadFile]):
        """Only someone who may change this organization's profile gets a byte of the upload
        read: the permission is checked first, then the bytes, the header, and only then is
        the image decoded (`logos.store_logo`)."""
        self.errors = dataclasses.replace(self.errors, logo="")
        self.logo_note = ""
        if not isinstance(files, list) or len(files) != 1:
            return
        try:
            await db.run_in_unit_of_work(service.profile_to_change, actor, self._route_id())
            data = await files[0].read(logos.MAX_BYTES + 1)
            name = await asyncio.to_thread(logos.store_logo, data)
        except DomainError as error:
            self.errors = dataclasses.replace(self.errors, logo=self._error_text(error))
            return
        content = await asyncio.to_thread(logos.logo_path(name).read_bytes)
        self._logo_choice = name
        self.logo_preview = "data:image/png;base64," + base64.b64encode(content).decode()
        self.logo_note = self._text("logo.uploaded")

    @requires_session
    async def remove_logo(self, actor: Actor):
        self._logo_choice = ""
        self.logo_preview = ""
        self.logo_note = self._text("logo.removed")

    def _show_errors(self, error: DomainError) -> None:
        """Each refused field's message next to it; several at once for ProfileInvalid."""
        if isinstance(error, ProfileInvalid):
            self.errors = ProfileFieldTexts(**{name: self._error_text(problem)
                                               for name, problem in error.errors.items()})
            self.error = self._text("profile.form_has_errors")
        elif error.field in PROFILE_FIELDS:
            self.errors = ProfileFieldTexts(**{error.field: self.error})

    @requires_session
    async def submit(self, actor: Actor, form_data: dict):
        self.errors = NO_ERRORS
        organization_id = self._route_id()
        logo = self.values.logo if self._logo_choice is None else self._logo_choice
        seen = dataclasses.asdict(self.values)  # what the form showed: only edits count
        with self._refusal_shown_in("error") as outcome:
            values = parse_form(ProfileForm, form_data).model_dump() | {"logo": logo}
            if actor.is_staff:
                await db.run_in_unit_of_work(changes.edit_profile_directly, actor,
                                             organization_id, values, seen=seen)
                notice = "saved_directly"
            else:
                _request, updated = await db.run_in_unit_of_work(
                    changes.propose_change, actor, organization_id, values, seen=seen,
                    seen_revision=self._revision)
                notice = "updated" if updated else "submitted"
        if outcome.refused:
            self._show_errors(outcome.error)
            return
        return rx.redirect(f"/organizations/{organization_id}?notice={notice}")
