"""Forms of the booking wizard and the campaign list.

Single-line fields refuse line breaks (core.forms.SingleLineFieldsMixin): a
title or a tone ends up in e-mail subjects and document headers. The forms only
shape the input; the business rules live in `campaigns.services`,
whose `CampaignError.field_errors` are put back on the fields with
`core.errors.add_domain_errors`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import BusinessSector
from core.forms import SingleLineFieldsMixin

from .models import CreativeMode, Language, Objective, Status
from .services.entitlement import refused_options

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
INPUT = "w-full rounded-lg border border-slate-300 px-3 py-2"


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(
            widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput
        ):
            continue
        widget.attrs.setdefault("class", INPUT)


class SectorSelect(forms.Select):
    """The sector list; each option says whether its sector is subject to
    authorisation (`data-requires-authorization`), for the page's script."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-requires-authorization"] = (
                "true" if instance.requires_authorization else "false"
            )
        return option


class CampaignInfoForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Campaign title"), max_length=200)
    product = forms.CharField(label=_("Product or brand"), max_length=200, required=False)
    sector = forms.ModelChoiceField(
        label=_("Business sector"),
        queryset=BusinessSector.objects.none(),
        required=False,
        empty_label=_("Choose…"),
        widget=SectorSelect,
    )
    objective = forms.ChoiceField(
        label=_("Objective"), required=False, choices=[("", _("Choose…")), *Objective.choices]
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    target_audience = forms.CharField(
        label=_("Target audience"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    key_message = forms.CharField(
        label=_("Key message"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    authorization_document = forms.FileField(
        label=_("Authorisation document"),
        required=False,
        help_text=_(
            "PDF, JPEG or PNG, 10 MB at most; required for a sector subject to authorisation."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = BusinessSector.objects.filter(is_active=True).order_by(
            "name"
        )
        _style(self)

    def needs_authorization(self) -> bool:
        """Whether the sector chosen (sent, or saved on the draft) is subject to
        authorisation: the page then shows the document field from the start."""
        value = self["sector"].value()
        if value in (None, ""):
            return False
        return any(
            str(sector.pk) == str(value) and sector.requires_authorization
            for sector in self.fields["sector"].queryset
        )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        sector = data.pop("sector")
        data["sector"] = sector.pk if sector else ""
        if not data.get("authorization_document"):
            data.pop("authorization_document", None)
        return data


class OptionCheckboxes(forms.CheckboxSelectMultiple):
    """The rate card's options; those the advertiser may not book (the cultural
    rate outside a confirmed cultural organisation) are shown disabled, the
    reason beside the field (`AirtimeForm.option_refusals`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.disabled_values: set[str] = set()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.disabled_values:
            option["attrs"]["disabled"] = True
            option["attrs"]["aria-describedby"] = f"option-refusal-{value}"
            option["selected"] = False
            option["attrs"].pop("checked", None)
        return option


class AirtimeForm(SingleLineFieldsMixin, forms.Form):
    """Dates, length and options; the bands come as checkboxes `band` (codes)
    with `airings_<code>` numbers, read in `bands()`.

    Every option of the card is listed; one reserved for a category of
    advertiser the advertiser is not in is disabled and `option_refusals` says
    why (the services refuse it too, should it be sent anyway)."""

    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET, required=False)
    end_date = forms.DateField(label=_("End date"), widget=DATE_WIDGET, required=False)
    spot_length = forms.IntegerField(label=_("Spot length (seconds)"), required=False)
    options = forms.MultipleChoiceField(label=_("Options"), required=False, widget=OptionCheckboxes)
    bands = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, card=None, advertiser=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        self.option_refusals: dict[str, str] = {}
        if card is not None:
            choices = [(a.code, a.name) for a in card.adjustments]
            self.option_refusals = refused_options(
                advertiser, card, [a.code for a in card.adjustments]
            )
        self.fields["options"].choices = choices
        self.fields["options"].widget.disabled_values = set(self.option_refusals)
        _style(self)

    def refused_initial_options(self) -> list[str]:
        """The reasons for options asked for (by the simulator's "Book" or an
        earlier draft) that this advertiser may not book: said, never dropped
        silently."""
        wanted = self.initial.get("options") or []
        return [self.option_refusals[code] for code in wanted if code in self.option_refusals]

    def band_lines(self) -> list[dict]:
        lines = []
        for code in self.data.getlist("band"):
            code = code.strip()
            if code:
                lines.append({"band": code, "airings": self.data.get(f"airings_{code}", "")})
        return lines

    def service_data(self) -> dict:
        data = {
            key: self.cleaned_data.get(key)
            for key in ("start_date", "end_date", "spot_length", "options")
        }
        data["options"] = list(data["options"] or [])
        data["bands"] = self.band_lines()
        return data


class CreativeForm(SingleLineFieldsMixin, forms.Form):
    creative_mode = forms.ChoiceField(
        label=_("Your spot"), choices=CreativeMode.choices, widget=forms.RadioSelect
    )
    spot = forms.ModelChoiceField(
        label=_("Approved spot to reuse"), queryset=None, required=False, empty_label=_("Choose…")
    )
    brief_message = forms.CharField(
        label=_("Message of the spot"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    brief_tone = forms.CharField(label=_("Tone"), max_length=200, required=False)
    brief_languages = forms.MultipleChoiceField(
        label=_("Languages of the spot"),
        required=False,
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    brief_contacts = forms.CharField(
        label=_("Contacts"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    brief_delivery_date = forms.DateField(
        label=_("Wished delivery date"), required=False, widget=DATE_WIDGET
    )
    brief_material = forms.FileField(label=_("Material to attach"), required=False)

    def __init__(self, *args, spots=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spot"].queryset = spots
        self.fields["spot"].label_from_instance = lambda s: f"{s.campaign.title} · {s}"
        _style(self)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("spot", None)
        if data.get("creative_mode") != CreativeMode.MAKE:
            for key in list(data):
                if key.startswith("brief_"):
                    data.pop(key)
        elif not data.get("brief_material"):
            data.pop("brief_material", None)
        return data


class ReviewForm(SingleLineFieldsMixin, forms.Form):
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of sale of BF1's advertising airtime."), required=False
    )


class CampaignFilterForm(SingleLineFieldsMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, archived: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from .models.campaign import CLOSED_STATUSES

        statuses = [
            (value, label)
            for value, label in Status.choices
            if (value in CLOSED_STATUSES) == archived
        ]
        self.fields["status"].choices = [("", _("All statuses")), *statuses]
        _style(self)
