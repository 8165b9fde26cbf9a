"""The forms of signing in, passwords and the own contact details, each parsed once."""

from __future__ import annotations

from pydantic import model_validator

from harzportal.core.errors import ValidationFailed
from harzportal.core.forms import FormModel
from harzportal.core.i18n import N_


class SignInForm(FormModel):
    # What is no text at all (a forged event) reads as a failed sign-in, like a wrong password.
    field_messages = {"email": N_("auth.login_failed"), "password": N_("auth.login_failed")}

    email: str = ""
    password: str = ""


class ForgotPasswordForm(FormModel):
    field_messages = {"email": N_("email.invalid")}

    email: str = ""


def _same_twice(password: str, repeated: str, field: str) -> None:
    if password != repeated:
        raise ValidationFailed("password.mismatch", field=field)


class NewPasswordForm(FormModel):
    """The reset and invitation pages: the new password, typed twice."""

    password: str = ""
    password_repeat: str = ""

    @model_validator(mode="after")
    def _repeated(self) -> NewPasswordForm:
        _same_twice(self.password, self.password_repeat, "password_repeat")
        return self


class ChangePasswordForm(FormModel):
    current_password: str = ""
    new_password: str = ""
    new_password_repeat: str = ""

    @model_validator(mode="after")
    def _repeated(self) -> ChangePasswordForm:
        _same_twice(self.new_password, self.new_password_repeat, "new_password_repeat")
        return self


class AccountDetailsForm(FormModel):
    """The own contact details; organizations.contacts checks the values themselves."""

    field_messages = {"full_name": N_("name.invalid")}

    full_name: str = ""
    job_title: str = ""
    phone: str = ""
    listed_in_directory: bool = False
