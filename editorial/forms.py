"""Forms of the public coverage request (4 steps) and of the requester's list.

The forms shape the input; the rules live in `editorial.services.intake_rules`,
whose step checks run in each form's `clean()` so that an error shows beside
its field at the step where it was typed. Single-line fields refuse line breaks
(core.forms.SingleLineFieldsMixin): the event title, names and addresses end up
in e-mail subjects, text messages and the request sheet."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.errors import add_domain_errors
from core.forms import SingleLineFieldsMixin

from .attachment_checks import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS
from .exceptions import EditorialError
from .models import CoverageStatus, CoverageType, EventType, Urgency
from .services import intake_rules

INPUT = "w-full rounded-lg border border-slate-300 px-3 py-2"
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
ACCEPTED_EXTENSIONS = ".pdf,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxInput | forms.FileInput):
            continue
        widget.attrs.setdefault("class", INPUT)


def as_session_value(value):
    """A cleaned value as the session keeps it (JSON): dates and times as text."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value


class _StepForm(SingleLineFieldsMixin, forms.Form):
    """A step whose answers go to the session once checked by `check`."""

    def check(self, cleaned: dict) -> dict:  # pragma: no cover - each step says
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            cleaned.update(self.check(cleaned))
        except EditorialError as error:
            add_domain_errors(self, error)
        return cleaned

    def session_data(self) -> dict:
        return {name: as_session_value(self.cleaned_data.get(name)) for name in self.fields}


class EventForm(_StepForm):
    event_title = forms.CharField(label=_("Event title"), max_length=200)
    event_type = forms.ChoiceField(
        label=_("Event type"), choices=[("", _("Choose…")), *EventType.choices]
    )
    event_type_other = forms.CharField(
        label=_("Other type: which one?"),
        max_length=200,
        required=False,
        help_text=_("Only for the type “other”."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=intake_rules.LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    event_date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET)
    end_time = forms.TimeField(
        label=_("End time"),
        widget=TIME_WIDGET,
        help_text=_("The same day; for an event that ends after midnight, enter 23:59."),
    )
    address = forms.CharField(label=_("Address"), max_length=300)
    meeting_point = forms.CharField(
        label=_("Meeting point for the crew"), max_length=300, required=False
    )

    def check(self, cleaned: dict) -> dict:
        return intake_rules.clean_event(cleaned)


class ContactsForm(_StepForm):
    contact_name = forms.CharField(label=_("Contact name"), max_length=150)
    contact_phone = forms.CharField(
        label=_("Phone"), max_length=30, help_text=_("e.g. +226 70 12 34 56")
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The acknowledgement and the answers are sent to this address."),
    )
    other_contacts = forms.CharField(
        label=_("Other contacts"),
        required=False,
        max_length=intake_rules.LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Names, roles and phone numbers of other people to call on the day."),
    )

    @staticmethod
    def initial_for(user) -> dict:
        """The signed-in user's own contact details."""
        if user is None or not user.is_authenticated:
            return {}
        advertiser = getattr(user, "advertiser", None)
        return {
            "contact_name": user.get_full_name() or getattr(advertiser, "name", ""),
            "contact_phone": user.phone or getattr(advertiser, "phone", ""),
            "contact_email": user.email,
        }

    def check(self, cleaned: dict) -> dict:
        return intake_rules.clean_contacts(cleaned)


class CoverageForm(_StepForm):
    coverage_type = forms.ChoiceField(
        label=_("Coverage wished"), choices=CoverageType.choices, widget=forms.RadioSelect
    )
    objective = forms.CharField(
        label=_("Objective"),
        required=False,
        max_length=intake_rules.LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you expect from the coverage: message, people to interview…"),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        help_text=_("“Urgent” is for an event that starts within 48 hours."),
    )
    answer_wished_by = forms.DateField(
        label=_("Answer wished by"), required=False, widget=DATE_WIDGET
    )

    def __init__(self, *args, event: dict | None = None, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    def check(self, cleaned: dict) -> dict:
        return intake_rules.clean_coverage(cleaned, event=self.event)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the service (by its
    content), so that every message names its file."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [item for item in data if item]
        return [data] if data else []


class AttachmentsForm(SingleLineFieldsMixin, forms.Form):
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
    )
    confirmed = forms.BooleanField(
        label=_(
            "I confirm that the information given is correct and that BF1 may contact "
            "the people named."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = gettext(
            "Invitation, programme, press kit…: PDF, JPEG, PNG or WebP pictures, "
            "Office documents; %(size)s MB each, %(count)s files at most."
        ) % {"size": MAX_ATTACHMENT_BYTES // (1024 * 1024), "count": MAX_ATTACHMENTS}
        self.fields["attachments"].widget.attrs.update(
            {"accept": ACCEPTED_EXTENSIONS, "multiple": True}
        )


class RequestFilterForm(SingleLineFieldsMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *CoverageStatus.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
