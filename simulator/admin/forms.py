"""Forms of the "Tarifs" admin: the rate card with its inline rows (time bands,
adjustments, volume tiers, offers), and the "duplicate for next period" form.

Names and codes refuse line breaks (core.forms.SingleLineFieldsMixin): they
are printed in quotes and documents. Every rule is checked before anything is
written: an invalid submission shows its messages and leaves the card as it was."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from core.forms import SingleLineFieldsMixin
from core.money import percent_text

from ..models import TimeBand
from ..models.rate_card import ALL_WEEKDAYS, WEEKDAY_CHOICES

# --- Inline panel that accepts its own child form and formset ------------------


class RowsInlinePanel(InlinePanel):
    """An InlinePanel whose rows use a given form class (custom fields) and
    formset class (rules across the rows, e.g. unique codes)."""

    def __init__(self, *args, form_class=None, formset_class=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_class = form_class
        self.formset_class = formset_class

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(form_class=self.form_class, formset_class=self.formset_class)
        return kwargs

    def get_form_options(self):
        options = super().get_form_options()
        formset_options = options["formsets"][self.relation_name]
        if self.form_class is not None:
            formset_options["form"] = self.form_class
        if self.formset_class is not None:
            formset_options["formset"] = self.formset_class
        return options


# --- Row forms -----------------------------------------------------------------


class TimeBandAdminForm(SingleLineFieldsMixin, WagtailAdminModelForm):
    """The band's days as seven checkboxes; the model keeps them as a string of
    digits ("0123456", 0 = Monday)."""

    weekdays = forms.MultipleChoiceField(
        label=_("Days"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day of the week.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.initial.get("weekdays")
        if isinstance(stored, str) or stored is None:
            self.initial["weekdays"] = list(stored if stored is not None else ALL_WEEKDAYS)

    def clean_weekdays(self) -> str:
        return "".join(sorted(set(self.cleaned_data["weekdays"])))


class AdjustmentAdminForm(SingleLineFieldsMixin, WagtailAdminModelForm):
    """The bands an adjustment applies to are chosen among the card's own bands
    (`band_queryset`, given by the card form; None while the card is new)."""

    def __init__(self, *args, band_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("bands")
        if field is None:
            return
        if band_queryset is None:
            field.queryset = TimeBand.objects.none()
            field.help_text = _(
                "Save the card with its time bands first, then choose the bands here. "
                "No band ticked: the adjustment applies to every band."
            )
        else:
            field.queryset = band_queryset


# --- Row formsets: rules across the rows of one card -----------------------------


def _live_forms(formset):
    """The rows that will be saved: valid and not marked for deletion."""
    deleted = set(formset.deleted_forms) if formset.can_delete else set()
    return [
        form
        for form in formset.forms
        if form not in deleted
        and form.is_valid()
        and (form.has_changed() or form.instance.pk is not None)
    ]


class _UniqueCodeFormSet(BaseChildFormSet):
    duplicate_message = _("Two rows have the code “%(code)s”: a code must be unique in the card.")

    def clean(self):
        codes = Counter(
            form.cleaned_data.get("code")
            for form in _live_forms(self)
            if form.cleaned_data.get("code")
        )
        duplicates = sorted(code for code, count in codes.items() if count > 1)
        if duplicates:
            raise ValidationError(
                [self.duplicate_message % {"code": code} for code in duplicates],
                code="duplicate_code",
            )
        super().clean()


class TimeBandFormSet(_UniqueCodeFormSet):
    duplicate_message = _(
        "Two time bands have the code “%(code)s”: a band code must be unique in the card."
    )


class AdjustmentFormSet(_UniqueCodeFormSet):
    duplicate_message = _(
        "Two adjustments have the code “%(code)s”: an adjustment code must be unique in the card."
    )


class OfferFormSet(_UniqueCodeFormSet):
    duplicate_message = _(
        "Two offers have the code “%(code)s”: an offer code must be unique in the card."
    )


class VolumeTierFormSet(BaseChildFormSet):
    """Tiers: one per number of airings, and a larger order never earns a smaller
    discount."""

    def clean(self):
        tiers = sorted(
            (form.cleaned_data["min_airings"], form.cleaned_data["percent"])
            for form in _live_forms(self)
            if form.cleaned_data.get("min_airings") is not None
            and form.cleaned_data.get("percent") is not None
        )
        errors = []
        seen = Counter(min_airings for min_airings, _percent in tiers)
        for min_airings in sorted(m for m, count in seen.items() if count > 1):
            errors.append(
                ValidationError(
                    _("Two tiers start at %(airings)s airings: keep only one."),
                    code="duplicate_tier",
                    params={"airings": min_airings},
                )
            )
        for (low_airings, low_percent), (high_airings, high_percent) in zip(
            tiers, tiers[1:], strict=False
        ):
            if high_airings > low_airings and high_percent < low_percent:
                errors.append(
                    ValidationError(
                        _(
                            "The discount cannot decrease when the number of airings "
                            "grows: %(high_percent)s from %(high_airings)s airings is "
                            "less than %(low_percent)s from %(low_airings)s airings."
                        ),
                        code="decreasing_discount",
                        params={
                            "high_percent": percent_text(high_percent),
                            "high_airings": high_airings,
                            "low_percent": percent_text(low_percent),
                            "low_airings": low_airings,
                        },
                    )
                )
        if errors:
            raise ValidationError(errors)
        super().clean()


# --- The card form -----------------------------------------------------------------


class RateCardAdminForm(SingleLineFieldsMixin, WagtailAdminModelForm):
    """The card and its rows; checks the rules that span several row lists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adjustments = self.formsets.get("adjustments")
        if adjustments is not None:
            adjustments.form_kwargs["band_queryset"] = (
                TimeBand.objects.filter(rate_card=self.instance).order_by(
                    "sort_order", "start_time", "pk"
                )
                if self.instance.pk
                else None
            )

    def is_valid(self):
        valid = super().is_valid()
        if valid:
            self._check_deleted_bands_unused()
            valid = not self.errors
        return valid

    def _check_deleted_bands_unused(self) -> None:
        bands = self.formsets.get("bands")
        adjustments = self.formsets.get("adjustments")
        if bands is None or adjustments is None:
            return
        deleted = {form.instance.pk for form in bands.deleted_forms if form.instance.pk}
        if not deleted:
            return
        for form in _live_forms(adjustments):
            for band in form.cleaned_data.get("bands") or []:
                if band.pk in deleted:
                    self.add_error(
                        None,
                        ValidationError(
                            _(
                                "The time band “%(band)s” is deleted but the adjustment "
                                "“%(adjustment)s” still applies to it: untick it there first."
                            ),
                            code="deleted_band_in_use",
                            params={
                                "band": band.name,
                                "adjustment": form.cleaned_data.get("name") or "",
                            },
                        ),
                    )


class DuplicateRateCardForm(SingleLineFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=120)
    valid_from = forms.DateField(
        label=_("Valid from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, source=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source

    def clean_valid_from(self):
        value = self.cleaned_data["valid_from"]
        if self.source is not None and value <= self.source.valid_from:
            raise ValidationError(
                _("The copy must start after the card it copies (from %(date)s)."),
                params={"date": f"{self.source.valid_from:%d/%m/%Y}"},
            )
        return value
