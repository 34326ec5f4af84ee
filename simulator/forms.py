"""Public forms of the simulator app. Single-line fields refuse line breaks
(core.forms.SingleLineFieldsMixin): the name and company end up in e-mails."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.forms.fields import PhoneField
from core.forms import SingleLineFieldsMixin

HONEYPOT_FIELD = "website"
MESSAGE_MAX_LENGTH = 5000


class QuoteRequestForm(SingleLineFieldsMixin, forms.Form):
    """“Demander un devis” about one offer of the catalogue."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    company = forms.CharField(
        label=_("Company"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneField(label=_("Phone"))
    message = forms.CharField(
        label=_("Your request"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Dates, number of airings, place of the event… anything that helps us quote."),
    )
    # Hidden from people by the template; robots that fill every input fill it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.pop(HONEYPOT_FIELD, ""):
            raise ValidationError(_("Your message could not be sent."), code="honeypot")
        return cleaned_data

    def visible_form_fields(self):
        return [field for field in self if field.name != HONEYPOT_FIELD]

    @staticmethod
    def initial_for(user) -> dict:
        """What we already know about a signed-in visitor."""
        if user is None or not user.is_authenticated:
            return {}
        advertiser = getattr(user, "advertiser", None)
        return {
            "name": user.get_full_name(),
            "company": advertiser.name if advertiser is not None else "",
            "email": user.email,
            "phone": user.phone,
        }
