from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from core.forms import SingleLineFieldsMixin

# The longest address an account can have (User.email); a longer one is refused
# by the form, before the login (and its lockout table) ever sees it.
EMAIL_MAX_LENGTH = 254
EMAIL_TOO_LONG = _("An e-mail address has at most %(limit_value)d characters.")


class EmailAuthenticationForm(SingleLineFieldsMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={"max_length": EMAIL_TOO_LONG},
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "Wrong e-mail address or password. Both are case-sensitive except the e-mail."
        ),
        "inactive": _("This account is inactive."),
    }


class ResendConfirmationForm(SingleLineFieldsMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={"max_length": EMAIL_TOO_LONG},
    )


class EmailPasswordResetForm(SingleLineFieldsMixin, PasswordResetForm):
    """Django's reset form (the same answer whether the address has an account
    or not), refusing line breaks like every form of the portal."""
