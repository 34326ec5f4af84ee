"""User forms of the Wagtail admin, with the portal's own fields."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from accounts.models import Advertiser

from .fields import PhoneField


class _PortalFieldsMixin(forms.Form):
    phone = PhoneField(label=_("Phone"), required=False)
    advertiser = forms.ModelChoiceField(
        label=_("Advertiser"),
        queryset=Advertiser.objects.all(),
        required=False,
        help_text=_("The company this user books for (advertisers only)."),
    )


class WagtailUserEditForm(_PortalFieldsMixin, UserEditForm):
    pass


class WagtailUserCreationForm(_PortalFieldsMixin, UserCreationForm):
    pass
