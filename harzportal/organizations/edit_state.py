"""State of the profile edit form: a manager proposes, staff save directly; logo upload.

No `from __future__ import annotations` here: Reflex reads the upload handler's annotation
(`list[rx.UploadFile]`) at runtime.
"""

import asyncio
import base64

import reflex as rx

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.organizations import changes, logos, service
from harzportal.organizations.profile import PROFILE_FIELDS, ProfileInvalid
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState

LOGO_UPLOAD_ID = "logo_upload"
_NO_ERRORS = {name: "" for name in PROFILE_FIELDS}


class ProfileEditState(PortalState):
    values: dict[str, str] = {}
    errors: dict[str, str] = dict(_NO_ERRORS)
    error: str = ""
    organization_name: str = ""
    organization_id: str = ""
    has_pending: bool = False
    direct: bool = False  # staff save at once instead of proposing
    logo_preview: str = ""  # data URL of a freshly uploaded logo, or the stored logo's URL
    logo_note: str = ""
    form_key: int = 0
    loaded: bool = False
    _logo_choice: str | None = None  # None: keep; "": remove; else the uploaded logo's name

    @requires_session
    async def load(self, actor: Actor):
        self.error = self.logo_note = ""
        self.errors = dict(_NO_ERRORS)
        self._logo_choice = None
        try:
            view = await db.run_in_unit_of_work(service.get_edit_form, actor, self._route_id())
        except DomainError as error:
            self.loaded = False
            self.error = self._error_text(error)
            return
        self.values = view["values"]
        self.has_pending = view["has_pending"]
        self.organization_name = view["organization_name"]
        self.organization_id = str(self._route_id())
        self.direct = actor.is_staff
        self.logo_preview = logos.logo_url(self.values.get("logo", ""))
        self.loaded = True
        self.form_key += 1

    @requires_session
    async def upload_logo(self, actor: Actor, files: list[rx.UploadFile]):
        self.errors = {**self.errors, "logo": ""}
        self.logo_note = ""
        if not isinstance(files, list) or len(files) != 1:
            return
        data = await files[0].read(logos.MAX_BYTES + 1)
        try:
            name = await asyncio.to_thread(logos.store_logo, data)
        except DomainError as error:
            self.errors = {**self.errors, "logo": self._error_text(error)}
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

    @requires_session
    async def submit(self, actor: Actor, form_data: dict):
        form = {name: value for name, value in (form_data or {}).items()
                if name in PROFILE_FIELDS and name != "logo"} \
            if isinstance(form_data, dict) else {}
        form["logo"] = self.values.get("logo", "") if self._logo_choice is None \
            else self._logo_choice
        self.errors = dict(_NO_ERRORS)
        self.error = ""
        organization_id = self._route_id()
        try:
            if actor.is_staff:
                await db.run_in_unit_of_work(changes.edit_profile_directly, actor,
                                             organization_id, form)
                notice = "saved_directly"
            else:
                _request, updated = await db.run_in_unit_of_work(
                    changes.propose_change, actor, organization_id, form)
                notice = "updated" if updated else "submitted"
        except ProfileInvalid as invalid:
            self.errors = {**_NO_ERRORS, **{name: self._error_text(error)
                                            for name, error in invalid.errors.items()}}
            self.error = self._text("profile.form_has_errors")
            return
        except DomainError as error:
            if error.field in _NO_ERRORS:
                self.errors = {**_NO_ERRORS, error.field: self._error_text(error)}
            self.error = self._error_text(error)
            return
        return rx.redirect(f"/organizations/{organization_id}?notice={notice}")
