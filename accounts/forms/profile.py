from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Advertiser, AdvertiserCategory, BusinessSector, User
from accounts.uploads import check_category_document, check_photo
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


class CategoryRequestForm(SingleLineFieldsMixin, forms.Form):
    """The advertiser asks for a category (cultural organisation), with a
    document the commercial team checks before confirming it."""

    category = forms.ChoiceField(
        label=_("Category requested"),
        choices=[
            (value, label)
            for value, label in AdvertiserCategory.choices
            if value != AdvertiserCategory.STANDARD
        ],
    )
    document = forms.FileField(
        label=_("Supporting document"),
        help_text=_(
            "Statutes, receipt of declaration or approval of the ministry of culture: "
            "PDF, JPEG or PNG, 10 MB at most."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            extension = check_category_document(document)
            document.name = f"document.{extension}"
        return document
