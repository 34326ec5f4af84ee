from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import BusinessSector, User
from accounts.validators import validate_ifu, validate_rccm
from core.forms import SingleLineFieldsMixin

from .auth import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG
from .fields import PhoneField


class RegistrationForm(SingleLineFieldsMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={"max_length": EMAIL_TOO_LONG},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneField(label=_("Phone"))
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        error_messages={"required": _("Enter the name of your company or organisation.")},
    )
    sector = forms.ModelChoiceField(
        label=_("Business sector"),
        queryset=BusinessSector.objects.filter(is_active=True),
        required=False,
    )
    ifu = forms.CharField(
        label=_("IFU number"), max_length=20, required=False, validators=[validate_ifu]
    )
    rccm = forms.CharField(
        label=_("RCCM number"), max_length=40, required=False, validators=[validate_rccm]
    )
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password confirmation"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use of BF1 Pub."),
        error_messages={"required": _("You must accept the terms of use.")},
    )

    def clean_email(self):
        # Whether an account already has this address is never said here: the
        # service answers as for a new address and warns the owner instead.
        return User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()

    def clean(self):
        cleaned = super().clean()
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            probe = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
