"""The forms of the "Paiements en ligne" screens: the filters of the attempts
list and the hand reconciliation of one attempt."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from accounts.models import Advertiser

from ..models import IntentState
from ..providers.registry import PROVIDERS

PROVIDER_LABELS = {"sandbox": _("Sandbox"), "ligdicash": "LigdiCash", "cinetpay": "CinetPay"}


class AttemptFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All"))] + IntentState.choices
    )
    provider = forms.ChoiceField(
        label=_("Provider"),
        required=False,
        choices=[("", _("All"))] + [(name, PROVIDER_LABELS.get(name, name)) for name in PROVIDERS],
    )
    company = forms.ModelChoiceField(
        label=_("Company"),
        required=False,
        queryset=Advertiser.objects.order_by("name"),
        empty_label=_("All"),
    )
    started_from = forms.DateField(label=_("Started from"), required=False, widget=AdminDateInput)
    started_to = forms.DateField(label=_("Started until"), required=False, widget=AdminDateInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("started_from"), data.get("started_to")
        if start and end and start > end:
            self.add_error("started_to", _("The end of the period is before its start."))
        return data


class ReconcileForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("succeeded", _("Paid: record the payment in billing")),
            ("failed", _("Failed")),
            ("cancelled", _("Cancelled")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,  # the service refuses an empty reason with its own message
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Logged with your name: what you checked, with whom."),
    )
    provider_reference = forms.CharField(
        label=_("Provider's transaction reference"),
        max_length=100,
        required=False,
        help_text=_("For a payment: the operator's or aggregator's transaction number."),
    )
