from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Advertiser, BusinessSector, User
from accounts.uploads import check_photo
from core.forms import SingleLineFieldsMixin

from .fields import PhoneField


class ProfileForm(SingleLineFieldsMixin, forms.ModelForm):
    phone = PhoneField(label=_("Phone"), required=False)
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, 5 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "photo"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):
            extension = check_photo(photo)
            # Store it under the extension of its real format, not the one it was sent with.
            photo.name = f"photo.{extension}"
        return photo


class CompanyForm(SingleLineFieldsMixin, forms.ModelForm):
    phone = PhoneField(label=_("Company phone"), required=False)
    sector = forms.ModelChoiceField(
        label=_("Business sector"),
        queryset=BusinessSector.objects.filter(is_active=True),
        required=False,
    )

    class Meta:
        model = Advertiser
        fields = ["name", "sector", "ifu", "rccm", "address", "phone"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}
