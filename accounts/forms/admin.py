"""User forms of the Wagtail admin, with the portal's own fields (phone and the
advertiser company). Used by `accounts.admin.users.UserViewSet`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from accounts.models import Advertiser
from accounts.roles import GROUP_NAMES, Role
from core.forms import SingleLineFieldsMixin

from .fields import PhoneField

PORTAL_FIELDS = {"phone", "advertiser"}


class _PortalFieldsMixin(forms.Form):
    phone = PhoneField(label=_("Phone"), required=False)
    advertiser = forms.ModelChoiceField(
        label=_("Advertiser"),
        queryset=Advertiser.objects.all(),
        required=False,
        help_text=_("The company this user books for (advertisers only)."),
    )

    def clean(self):
        cleaned_data = super().clean()
        groups = cleaned_data.get("groups")
        if (
            groups is not None
            and any(group.name == GROUP_NAMES[Role.ADVERTISER] for group in groups)
            and not cleaned_data.get("advertiser")
        ):
            self.add_error(
                "advertiser",
                ValidationError(
                    _("An advertiser user must belong to an advertiser company."),
                    code="advertiser_required",
                ),
            )
        return cleaned_data


class WagtailUserEditForm(SingleLineFieldsMixin, _PortalFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | PORTAL_FIELDS


class WagtailUserCreationForm(SingleLineFieldsMixin, _PortalFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | PORTAL_FIELDS


class AdvertiserAdminForm(WagtailAdminModelForm):
    """The advertiser's admin form: the company and its billing terms (an agency
    that is an agency and not the advertiser itself; a reason for an override)."""

    BILLING_FIELDS = (
        "tax_regime",
        "withholds_vat",
        "is_agency",
        "agency",
        "agency_commission_percent",
        "payment_terms_days",
        "credit_limit",
        "billing_period",
        "requires_prepayment",
        "prepayment_percent",
        "credit_override",
        "credit_override_reason",
    )

    def clean(self):
        cleaned_data = super().clean()
        agency = cleaned_data.get("agency")
        if agency is not None and self.instance.pk and agency.pk == self.instance.pk:
            self.add_error("agency", _("An advertiser cannot be billed through itself."))
        elif agency is not None and not agency.is_agency:
            self.add_error("agency", _("Choose an advertiser marked as an advertising agency."))
        if (
            cleaned_data.get("credit_override")
            and not (cleaned_data.get("credit_override_reason") or "").strip()
        ):
            self.add_error(
                "credit_override_reason", _("State why this advertiser may book anyway.")
            )
        return cleaned_data
