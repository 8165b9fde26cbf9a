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


def _typed_twice(field: str):
    """The check of a new password typed twice: `field` and `<field>_repeat` must match."""

    def check(form: FormModel) -> FormModel:
        if getattr(form, field) != getattr(form, f"{field}_repeat"):
            raise ValidationFailed("password.mismatch", field=f"{field}_repeat")
        return form

    return model_validator(mode="after")(check)


class NewPasswordForm(FormModel):
    """The reset and invitation pages: the new password, typed twice."""

    password: str = ""
    password_repeat: str = ""
    typed_twice = _typed_twice("password")


class ChangePasswordForm(FormModel):
    current_password: str = ""
    new_password: str = ""
    new_password_repeat: str = ""
    typed_twice = _typed_twice("new_password")


class AccountDetailsForm(FormModel):
    """The own contact details; organizations.contacts checks the values themselves."""

    field_messages = {"full_name": N_("name.invalid")}

    full_name: str = ""
    job_title: str = ""
    phone: str = ""
    listed_in_directory: bool = False



class CodeForm(FormModel):
    """A code of the authenticator app, or a recovery code; the service judges it."""

    field_messages = {"code": N_("auth.code_wrong")}

    code: str = ""


class PasskeyForm(FormModel):
    """What the browser's script submits: the passkey's name (when adding one) and the
    credential as JSON; passkeys.py checks both."""

    name: str = ""
    credential: str = ""


class PasskeyChangeForm(FormModel):
    """Renaming (`name`) or removing (`secret`: the password or a current code) one passkey."""

    field_messages = {"passkey_id": N_("error.not_found")}

    passkey_id: str = ""
    name: str = ""
    secret: str = ""
