"""The advertiser's "Payer par Mobile Money" form. It only reads what was typed;
the rules (minimum, what remains due, the per-payment ceiling, the provider's
step) are payments.services.start's, shown beside their field."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Operator

INPUT = "w-full rounded-lg border border-slate-300 px-3 py-2"
_SPACES = re.compile(r"[\s\u00a0\u202f.]")


class PayForm(forms.Form):
    amount = forms.CharField(
        label=_("Amount to pay (FCFA)"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": INPUT, "inputmode": "numeric"}),
    )
    operator = forms.ChoiceField(
        label=_("Operator"),
        choices=Operator.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose an operator."),
            "invalid_choice": _("Choose an operator."),
        },
    )
    phone = forms.CharField(
        label=_("Mobile money number"),
        max_length=20,
        help_text=_("The number that will pay, e.g. 70 12 34 56."),
        widget=forms.TextInput(attrs={"class": INPUT, "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Enter a phone number.")},
    )

    def clean_amount(self) -> int:
        raw = _SPACES.sub("", self.cleaned_data["amount"] or "")
        if not raw.isdigit():
            raise forms.ValidationError(_("Enter a whole number of francs."))
        return int(raw)
