"""The weekly break grid, the dated breaks generated from it, and the knobs of
the scheduler (one settings row edited in the admin)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

DEFAULT_CAPACITY = 180


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class BreakGridSlot(models.Model):
    """One ad break of the weekly grid: every <weekday> at <time>."""

    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    time = models.TimeField(_("time"))
    band_code = models.SlugField(
        _("time band"), max_length=40, help_text=_("Code of the rate card's time band.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity (s)"),
        default=DEFAULT_CAPACITY,
        validators=[MinValueValidator(10), MaxValueValidator(1800)],
    )
    label = models.CharField(_("label"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["weekday", "time"]
        verbose_name = _("break of the grid")
        verbose_name_plural = _("break grid")
        constraints = [
            models.UniqueConstraint(fields=["weekday", "time"], name="grid_slot_weekday_time")
        ]

    def __str__(self) -> str:
        label = f" · {self.label}" if self.label else ""
        return f"{self.get_weekday_display()} {self.time:%H:%M}{label}"


class BreakStatus(models.TextChoices):
    OPEN = "open", _("open")
    CANCELLED = "cancelled", _("cancelled")


class Break(models.Model):
    """A dated ad break. `day` is the broadcast day it belongs to (a break at
    00:30 belongs to the previous day's schedule), `starts_at` its aware time."""

    day = models.DateField(_("broadcast day"), db_index=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    band_code = models.SlugField(_("time band"), max_length=40)
    capacity = models.PositiveIntegerField(_("capacity (s)"), default=DEFAULT_CAPACITY)
    label = models.CharField(_("label"), max_length=120, blank=True)
    grid_slot = models.ForeignKey(
        BreakGridSlot,
        verbose_name=_("grid break"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="breaks",
    )
    is_exceptional = models.BooleanField(_("exceptional"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=BreakStatus.choices, default=BreakStatus.OPEN
    )
    cancel_reason = models.CharField(_("cancellation reason"), max_length=300, blank=True)
    # Seconds of planned and aired airings, kept by the services under a row lock
    # so that the capacity check never needs to sum the airings.
    booked_seconds = models.PositiveIntegerField(_("booked seconds"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("ad break")
        verbose_name_plural = _("ad breaks")
        constraints = [
            models.UniqueConstraint(
                fields=["grid_slot", "day"],
                condition=models.Q(grid_slot__isnull=False),
                name="break_grid_slot_day",
            ),
        ]
        indexes = [models.Index(fields=["band_code", "day"], name="break_band_day")]

    def __str__(self) -> str:
        from django.utils import timezone

        local = timezone.localtime(self.starts_at)
        label = f" · {self.label}" if self.label else ""
        return f"{local:%d/%m/%Y %H:%M}{label}"

    @property
    def is_open(self) -> bool:
        return self.status == BreakStatus.OPEN

    @property
    def free_seconds(self) -> int:
        return max(self.capacity - self.booked_seconds, 0)


@register_setting(icon="time")
class BroadcastSettings(BaseGenericSetting):
    """The scheduler's knobs, edited in Settings › Broadcasting."""

    max_airings_per_day = models.PositiveSmallIntegerField(
        _("maximum airings of one campaign per day"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    make_good_days = models.PositiveSmallIntegerField(
        _("make-good window (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    undo_minutes = models.PositiveSmallIntegerField(
        _("minutes a broadcaster may undo a confirmation"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    weeks_ahead = models.PositiveSmallIntegerField(
        _("weeks of breaks kept ahead"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )

    class Meta:
        verbose_name = _("broadcasting settings")
