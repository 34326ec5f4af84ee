"""The contact form built in the Wagtail admin: a phone field type, browser hints
on each input, a honeypot that turns away the simplest spam robots, and no line
break in a single-line field (it would end up in the team's e-mail)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from accounts.forms.fields import PhoneField
from core.forms import SingleLineFieldsMixin

HONEYPOT_FIELD = "company_website"
MESSAGE_MAX_LENGTH = 5000


class ContactBaseForm(SingleLineFieldsMixin, BaseForm):
    # Hidden from people by the template; robots that fill every input fill it.
    company_website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_company_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise ValidationError(_("Your message could not be sent."), code="honeypot")
        return ""

    def clean(self):
        cleaned_data = super().clean()
        # Never stored nor e-mailed.
        cleaned_data.pop(HONEYPOT_FIELD, None)
        return cleaned_data

    def visible_form_fields(self):
        return [field for field in self if field.name != HONEYPOT_FIELD]


class ContactFormBuilder(FormBuilder):
    def create_phone_field(self, field, options):
        return PhoneField(**options)

    def create_email_field(self, field, options):
        formfield = super().create_email_field(field, options)
        formfield.widget.attrs.setdefault("autocomplete", "email")
        return formfield

    def create_dropdown_field(self, field, options):
        formfield = super().create_dropdown_field(field, options)
        # An explicit first choice, so that nobody sends the first subject by mistake.
        formfield.choices = [("", _("Choose…")), *formfield.choices]
        return formfield

    def create_multiline_field(self, field, options):
        options.setdefault("max_length", MESSAGE_MAX_LENGTH)
        return super().create_multiline_field(field, options)

    def get_form_class(self):
        return type("ContactForm", (ContactBaseForm,), self.formfields)


class ContactPageAdminForm(SingleLineFieldsMixin, WagtailAdminFormPageForm):
    """The contact page as edited in the admin: its form must keep an e-mail
    field, which the team's e-mail uses as Reply-To to answer the visitor."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is None:
            return cleaned_data
        kept = [
            form.cleaned_data
            for form in formset.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not any(data.get("field_type") == "email" for data in kept):
            raise ValidationError(
                _("Keep an e-mail field in the form, so that the team can answer the visitor."),
                code="email_field_required",
            )
        return cleaned_data


class ContactSettingsForm(SingleLineFieldsMixin, WagtailAdminModelForm):
    """The site's contact details as edited in the admin: one line each (the
    address aside), as they are shown in the footer and the WhatsApp link; the
    working days as boxes to tick (the model checks that one at least is)."""

    business_days = forms.TypedMultipleChoiceField(
        label=_("working days"),
        choices=sorted(WEEKDAYS.items()),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_business_days(self):
        return sorted(set(self.cleaned_data.get("business_days") or []))
