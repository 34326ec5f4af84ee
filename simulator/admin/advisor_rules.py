"""The advisor's rules in the Wagtail admin (“Règles du conseiller”, in the
“Tarifs” menu): for an objective and an audience, the spot length, the rhythm
and the weight of each time band, with the sentences that explain them to the
advertiser (read by `simulator.advisor_rules`).

Whoever manages the rate cards manages these rules: the viewset checks the
rate card's permissions (`RateCardPermissionPolicy`),
so the commercial administrators have them without a permission of their own."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .. import selectors
from ..models import AdvisorRule, AdvisorRuleBand, RateCard, TimeBand
from .forms import RowsInlinePanel


def band_choices(stored: str = "") -> list[tuple[str, str]]:
    """The codes of the current rate card's bands (“Name (code)”), and the code
    already stored when the card no longer has it, so that it stays visible."""
    card = selectors.current_rate_card()
    bands = (
        TimeBand.objects.filter(rate_card=card).order_by("sort_order", "start_time", "pk")
        if card is not None
        else TimeBand.objects.none()
    )
    choices = [(band.code, f"{band.name} ({band.code})") for band in bands]
    if stored and stored not in {code for code, _label in choices}:
        choices.append((stored, _("%(code)s (not in the current rate card)") % {"code": stored}))
    return [("", "---------"), *choices]


class AdvisorRuleBandForm(WagtailAdminModelForm):
    band_code = forms.ChoiceField(label=_("time band"), choices=())

    class Meta:
        model = AdvisorRuleBand
        fields = ["band_code", "weight", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.band_code if self.instance.pk else ""
        self.fields["band_code"].choices = band_choices(stored)


class AdvisorRuleBandFormSet(BaseChildFormSet):
    def clean(self):
        deleted = set(self.deleted_forms) if self.can_delete else set()
        codes = Counter(
            form.cleaned_data.get("band_code")
            for form in self.forms
            if form not in deleted and form.is_valid() and form.cleaned_data.get("band_code")
        )
        duplicates = sorted(code for code, count in codes.items() if count > 1)
        if duplicates:
            raise ValidationError(
                [
                    _("The time band “%(code)s” is listed twice: keep one row.") % {"code": code}
                    for code in duplicates
                ],
                code="duplicate_band",
            )
        super().clean()


ADVISOR_RULE_EDIT_HANDLER = ObjectList(
    [
        FieldRowPanel([FieldPanel("objective"), FieldPanel("audience")]),
        FieldRowPanel(
            [FieldPanel("spot_length"), FieldPanel("airings_per_week"), FieldPanel("min_airings")]
        ),
        FieldPanel("explanation"),
        RowsInlinePanel(
            "bands",
            heading=_("Time bands"),
            label=_("Time band"),
            help_text=_(
                "The airings are shared among the bands by weight (0: never, 10: the most). "
                "The sentence explains the choice to the advertiser, e.g. “the 1 pm news "
                "reaches families at lunchtime”."
            ),
            panels=[
                FieldRowPanel([FieldPanel("band_code"), FieldPanel("weight")]),
                FieldPanel("reason"),
            ],
            form_class=AdvisorRuleBandForm,
            formset_class=AdvisorRuleBandFormSet,
        ),
    ]
)


def _audience(rule: AdvisorRule) -> str:
    return rule.get_audience_display() if rule.audience else str(_("every audience"))


def _spot_length(rule: AdvisorRule) -> str:
    return f"{rule.spot_length} s"


def _bands_summary(rule: AdvisorRule) -> str:
    """“prime-time × 3, mi-journee × 2” (rows prefetched by the index view)."""
    return ", ".join(f"{band.band_code} × {band.weight}" for band in rule.bands.all()) or "—"


class AdvisorRuleIndexView(generic.IndexView):
    def get_base_queryset(self):
        # One query for the rules and one for their bands, however many rules.
        return (
            super()
            .get_base_queryset()
            .prefetch_related(
                Prefetch("bands", queryset=AdvisorRuleBand.objects.order_by("sort_order", "pk"))
            )
        )


class RateCardPermissionPolicy(ModelPermissionPolicy):
    """The permissions of the rate cards (add/change/delete/view_ratecard)
    checked for the advisor rules: Wagtail's `auth_model` picks the content
    type but keeps the model's own codenames, so both are taken from RateCard."""

    def __init__(self, model):
        super().__init__(model, auth_model=RateCard)

    def _get_permission_codenames(self, actions):
        return {get_permission_codename(action, RateCard._meta) for action in actions}

    def _get_permission_name(self, action):
        return f"{self.app_label}.{get_permission_codename(action, RateCard._meta)}"


class AdvisorRuleViewSet(ModelViewSet):
    model = AdvisorRule
    name = "advisor_rules"
    url_prefix = "advisor-rules"
    icon = "help"
    menu_label = _("Advisor rules")
    menu_order = 300
    index_view_class = AdvisorRuleIndexView
    copy_view_enabled = False
    ordering = ["objective", "audience"]
    list_per_page = 50
    list_display = [
        Column("objective", label=_("Objective"), accessor="get_objective_display"),
        Column("audience", label=_("Audience"), accessor=_audience),
        Column("spot_length", label=_("Length"), accessor=_spot_length),
        Column("airings_per_week", label=_("Airings a week")),
        Column("bands", label=_("Time bands (weight)"), accessor=_bands_summary),
    ]
    list_filter = ["objective", "audience"]
    search_backend_name = None
    edit_handler = ADVISOR_RULE_EDIT_HANDLER

    @cached_property
    def permission_policy(self):
        return RateCardPermissionPolicy(AdvisorRule)
