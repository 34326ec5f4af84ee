"""The versioned rate card: time bands with their spot prices, adjustments and
volume discount tiers. Prices are integers of FCFA, VAT included, exactly as the
station publishes them (at the card's VAT rate); the pricing engine derives the
amounts excluding VAT (docs/decisions/0012-published-prices-incl-vat.md)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

WEEKDAY_CHOICES = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]
ALL_WEEKDAYS = "0123456"


def validate_weekdays(value: str) -> None:
    if not value or any(ch not in ALL_WEEKDAYS for ch in value) or len(set(value)) != len(value):
        raise ValidationError(_("Choose at least one day of the week."))


class RateCardQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def valid_on(self, day):
        return self.published().filter(
            Q(valid_from__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class RateCard(ClusterableModel):
    name = models.CharField(_("name"), max_length=120)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty for no end date.")
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("18.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published cards price quotes; two published cards may not overlap."),
    )
    notes = models.TextField(_("internal notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RateCardQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("rate card")
        verbose_name_plural = _("rate cards")

    def __str__(self) -> str:
        return self.name

    def overlapping_published(self):
        qs = RateCard.objects.published().exclude(pk=self.pk)
        if self.valid_until:
            qs = qs.filter(valid_from__lte=self.valid_until)
        return qs.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from))

    def clean(self):
        super().clean()
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of validity must be after its start.")}
            )
        if self.published and self.valid_from:
            other = self.overlapping_published().first()
            if other is not None:
                raise ValidationError(
                    {
                        "published": _(
                            "The published card “%(other)s” already covers part of this "
                            "period. Change the dates or unpublish one of them."
                        )
                        % {"other": other.name}
                    }
                )


class TimeBand(models.Model):
    """A daypart with its spot prices (VAT included, as published) per length tier."""

    rate_card = ParentalKey(RateCard, on_delete=models.CASCADE, related_name="bands")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(
        _("end time"), help_text=_("May be earlier than the start: the band then crosses midnight.")
    )
    weekdays = models.CharField(
        _("days"), max_length=7, default=ALL_WEEKDAYS, validators=[validate_weekdays]
    )
    is_prime = models.BooleanField(_("prime time"), default=False)
    is_active = models.BooleanField(_("offered"), default=True)
    teaching_text = models.TextField(
        _("teaching text"), blank=True, help_text=_("Shown in the simulator to explain this band.")
    )
    price_up_to_30 = models.PositiveIntegerField(
        _("price up to 30 s (FCFA incl. VAT)"), validators=[MinValueValidator(1)]
    )
    price_31_to_60 = models.PositiveIntegerField(
        _("price 31–60 s (FCFA incl. VAT)"), validators=[MinValueValidator(1)]
    )
    price_per_extra_second = models.PositiveIntegerField(
        _("price per second beyond 60 s (FCFA incl. VAT)")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Rows are reordered by drag and drop in the card's admin form.
    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "start_time", "pk"]
        verbose_name = _("time band")
        verbose_name_plural = _("time bands")
        constraints = [
            models.UniqueConstraint(fields=["rate_card", "code"], name="simulator_band_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_time:%H:%M}–{self.end_time:%H:%M})"

    def clean(self):
        super().clean()
        if self.start_time is not None and self.start_time == self.end_time:
            raise ValidationError({"end_time": _("The band must last: end differs from start.")})
        if (
            self.price_up_to_30 is not None
            and self.price_31_to_60 is not None
            and self.price_31_to_60 < self.price_up_to_30
        ):
            raise ValidationError(
                {"price_31_to_60": _("A 31–60 s spot cannot cost less than a 30 s spot.")}
            )

    @property
    def weekday_set(self) -> frozenset[int]:
        return frozenset(int(ch) for ch in self.weekdays)


class Adjustment(ClusterableModel):
    """A named change of price: a surcharge on request (fixed position), or a
    reduction for a category of advertiser (cultural rate), as a percentage or
    as a fixed price per airing.

    A ClusterableModel so that its ParentalManyToManyField (`bands`) is written
    when the adjustment is saved, be it by `adjustment.save()` or by the admin's
    inline form of the card."""

    class Applies(models.TextChoices):
        ON_REQUEST = "on_request", _("on request (option)")
        CATEGORY = "category", _("advertiser category")

    rate_card = ParentalKey(RateCard, on_delete=models.CASCADE, related_name="adjustments")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    applies = models.CharField(
        _("applies"), max_length=12, choices=Applies.choices, default=Applies.ON_REQUEST
    )
    percent = models.DecimalField(
        _("percentage"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("-100")), MaxValueValidator(Decimal("300"))],
        help_text=_("Positive: surcharge; negative: reduction."),
    )
    fixed_unit_price = models.PositiveIntegerField(
        _("fixed price per airing (FCFA incl. VAT)"),
        null=True,
        blank=True,
        help_text=_("Replaces the base price of the length tier (e.g. the cultural rate)."),
    )
    bands = ParentalManyToManyField(
        TimeBand,
        verbose_name=_("time bands"),
        blank=True,
        help_text=_("Leave empty to apply to every band."),
    )
    explanation = models.TextField(_("explanation"), blank=True)
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Tick once the commercial team has confirmed this option: only published "
            "options are shown on the rate page and its PDF and offered by the simulator."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        constraints = [
            models.UniqueConstraint(
                fields=["rate_card", "code"], name="simulator_adjustment_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        has_percent = self.percent not in (None, Decimal("0"))
        if has_percent == (self.fixed_unit_price is not None):
            raise ValidationError(
                _("Give either a percentage or a fixed price per airing (one of the two).")
            )


class VolumeTier(models.Model):
    rate_card = ParentalKey(RateCard, on_delete=models.CASCADE, related_name="volume_tiers")
    min_airings = models.PositiveIntegerField(
        _("from (airings)"), validators=[MinValueValidator(2)]
    )
    percent = models.DecimalField(
        _("discount (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("90"))],
    )

    class Meta:
        ordering = ["min_airings"]
        verbose_name = _("volume discount tier")
        verbose_name_plural = _("volume discount tiers")
        constraints = [
            models.UniqueConstraint(
                fields=["rate_card", "min_airings"], name="simulator_tier_unique"
            )
        ]

    def __str__(self) -> str:
        return f"≥ {self.min_airings} : −{self.percent} %"
