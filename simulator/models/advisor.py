"""The advisor's editor-managed rules and its public page.

A rule says, for an objective and an audience (or every audience of the
objective when left empty), which spot length to advise, how many airings a week
the objective needs (and the fewest that still serve it), and how to weigh the
time bands, each with the sentence that explains the choice to the advertiser.
Bands are named by their code, which stays the same from one rate card to the
next."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from simulator.advisor.choices import AUDIENCE_CHOICES, OBJECTIVE_CHOICES
from simulator.pricing import MAX_SPOT_LENGTH, MIN_SPOT_LENGTH

from .pages import _HANDLERS


class AdvisorRule(ClusterableModel):
    objective = models.CharField(_("objective"), max_length=20, choices=OBJECTIVE_CHOICES)
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=AUDIENCE_CHOICES,
        blank=True,
        help_text=_("Leave empty for a rule that serves every audience of this objective."),
    )
    spot_length = models.PositiveSmallIntegerField(
        _("advised spot length (s)"),
        default=30,
        validators=[MinValueValidator(MIN_SPOT_LENGTH), MaxValueValidator(MAX_SPOT_LENGTH)],
    )
    airings_per_week = models.PositiveSmallIntegerField(
        _("airings per week"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(70)],
        help_text=_("How often the spot should air for this objective."),
    )
    min_airings = models.PositiveSmallIntegerField(
        _("fewest useful airings"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Below this, the budget is said to be too small for the objective."),
    )
    explanation = models.TextField(
        _("why this length and this rhythm"),
        blank=True,
        help_text=_("Shown to the advertiser with the recommendation."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["objective", "audience"]
        verbose_name = _("advisor rule")
        verbose_name_plural = _("advisor rules")
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "audience"], name="simulator_advisor_rule_unique"
            )
        ]

    def __str__(self) -> str:
        audience = self.get_audience_display() if self.audience else _("every audience")
        return f"{self.get_objective_display()} · {audience}"


class AdvisorRuleBand(models.Model):
    rule = ParentalKey(AdvisorRule, on_delete=models.CASCADE, related_name="bands")
    band_code = models.SlugField(_("time band (code)"), max_length=40)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("Share of the airings, from 0 (never) to 10."),
    )
    reason = models.TextField(
        _("why this band"), blank=True, help_text=_("E.g. “the 1 pm news reaches families”.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("band of an advisor rule")
        verbose_name_plural = _("bands of an advisor rule")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "band_code"], name="simulator_advisor_rule_band_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.band_code} × {self.weight}"


class AdvisorPage(Page):
    """“Conseiller”: four questions, one per screen, then a recommendation priced
    by the engine. The work is done in `simulator.views.advisor`."""

    introduction = models.TextField(_("introduction"), blank=True)
    result_note = models.TextField(
        _("note under the recommendation"),
        blank=True,
        help_text=_("E.g. that the commercial team confirms the placement when booking."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("result_note")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("advisor page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(_HANDLERS["advisor_context"](request, self))
        return context
