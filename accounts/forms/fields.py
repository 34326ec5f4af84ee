from django import forms
from django.core.exceptions import ValidationError

from accounts.validators import normalize_phone


class PhoneField(forms.CharField):
    """A phone number, returned in E.164 form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 25)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "tel")
        self.widget.attrs.setdefault("autocomplete", "tel")
        self.widget.attrs.setdefault("placeholder", "+226 70 12 34 56")

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return normalize_phone(value)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
