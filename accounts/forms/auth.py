from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "Wrong e-mail address or password. Both are case-sensitive except the e-mail."
        ),
        "inactive": _("This account is inactive."),
    }


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
