"""Forms of the "Diffusion" admin menu. Each one checks only what a form can
check (a value is given, in range, exists); the rules of the running order are
the services', whose `BroadcastError` the views show on the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput

from core.numbers import is_id

from ..models import Break, BreakGridSlot
from ..models.grid import DEFAULT_CAPACITY
from ..selectors import admin as selectors
from ..services.placement_admin import MAX_PRIORITY, MIN_PRIORITY

REASON_MAX = 300


class BreakGridSlotForm(WagtailAdminModelForm):
    """A break of the weekly grid. The band is one of the current rate card's
    offered bands, and the time must fall within its hours."""

    band_code = forms.ChoiceField(label=_("Time band"))

    class Meta:
        model = BreakGridSlot
        fields = ["weekday", "time", "band_code", "capacity", "label", "is_active"]
        widgets = {"time": AdminTimeInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bands = selectors.current_bands()
        field = self.fields["band_code"]
        field.choices = [("", "---------"), *selectors.band_choices()]
        field.help_text = _("A time band of the rate card valid today.")

    def clean_band_code(self):
        code = self.cleaned_data["band_code"]
        if code not in self.bands:
            raise forms.ValidationError(_("Choose a time band of the current rate card."))
        return code

    def clean(self):
        cleaned = super().clean()
        band = self.bands.get(cleaned.get("band_code"))
        time = cleaned.get("time")
        weekday = cleaned.get("weekday")
        if band is not None and time is not None and not selectors.time_in_band(band, time):
            self.add_error(
                "time",
                _("%(time)s is outside the hours of the band “%(band)s” (%(start)s–%(end)s).")
                % {
                    "time": f"{time:%H:%M}",
                    "band": band.name,
                    "start": f"{band.start_time:%H:%M}",
                    "end": f"{band.end_time:%H:%M}",
                },
            )
        if band is not None and weekday is not None and str(weekday) not in band.weekdays:
            self.add_error(
                "weekday",
                _("The band “%(band)s” is not offered on this day.") % {"band": band.name},
            )
        if weekday is not None and time is not None:
            # Said here, on the field, in French; the field in error then keeps the
            # model's own (generic) constraint check from repeating it.
            others = BreakGridSlot.objects.filter(weekday=weekday, time=time)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "time",
                    _("The grid already has a break on this day at %(time)s.")
                    % {"time": f"{time:%H:%M}"},
                )
        return cleaned


class ApplyGridForm(forms.Form):
    weeks = forms.IntegerField(
        label=_("Weeks ahead"),
        min_value=1,
        max_value=104,
        help_text=_("Breaks are created (or updated, when empty) from today for this many weeks."),
    )


class ExceptionalBreakForm(forms.Form):
    day = forms.DateField(label=_("Broadcast day"), widget=AdminDateInput)
    time = forms.TimeField(
        label=_("Time"),
        widget=AdminTimeInput,
        help_text=_("A time before 05:00 belongs to the night after this broadcast day."),
    )
    band_code = forms.ChoiceField(label=_("Time band"))
    capacity = forms.IntegerField(
        label=_("Capacity (s)"), min_value=10, max_value=1800, initial=DEFAULT_CAPACITY
    )
    label = forms.CharField(label=_("Label"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["band_code"].choices = [("", "---------"), *selectors.band_choices()]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason.")},
    )

    def __init__(self, *args, reason_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_label:
            self.fields["reason"].label = reason_label

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason


class ReleaseForm(forms.Form):
    note = forms.CharField(
        label=_("Why this airing is given up"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why this airing is given up.")},
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Say why this airing is given up."))
        return note


class ConfirmForm(forms.Form):
    """No field to fill in: the POST confirms the action."""


class DayForm(forms.Form):
    """Narrow the breaks offered to one broadcast day (GET)."""

    day = forms.DateField(label=_("Broadcast day"), required=False, widget=AdminDateInput)


class BreakChoiceForm(forms.Form):
    """Choose a target break among the candidates (with their fill); the
    capacity override is explicit and logged."""

    target = forms.TypedChoiceField(
        label=_("Break"),
        coerce=int,
        error_messages={"required": _("Choose a break.")},
    )
    override_capacity = forms.BooleanField(
        label=_("Exceed the capacity (logged)"),
        required=False,
        help_text=_("Only when the break is full: the overfill is recorded in the journal."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        field.choices = [("", "---------"), *candidates]
        # A break no longer offered (filled or passed since the page was shown) is
        # still looked up, so that the service says exactly which rule it breaks.
        field.valid_value = lambda value: is_id(str(value))

    def clean_target(self):
        pk = self.cleaned_data["target"]
        brk = Break.objects.filter(pk=pk).first()
        if brk is None:
            raise forms.ValidationError(_("This break no longer exists."))
        return brk


class PriorityForm(forms.Form):
    priority = forms.IntegerField(
        label=_("Priority"),
        min_value=MIN_PRIORITY,
        max_value=MAX_PRIORITY,
        help_text=_(
            "From −10 to 10: the scheduler places higher priorities first; equal "
            "priority: first approved, first served."
        ),
    )
