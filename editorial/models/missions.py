"""A mission covers an accepted request; assignments put crew members on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .crew import CrewMember, CrewRole, Vehicle
from .requests import CoverageRequest


class MissionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    DELIVERED = "delivered", _("content delivered")
    CANCELLED = "cancelled", _("cancelled")


class Mission(models.Model):
    request = models.OneToOneField(
        CoverageRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="mission",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    travel_minutes = models.PositiveSmallIntegerField(
        _("travel margin (minutes)"),
        default=60,
        help_text=_("Kept free before and after the event for the journey."),
    )
    vehicle = models.ForeignKey(
        Vehicle,
        verbose_name=_("vehicle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missions",
    )
    notes = models.TextField(_("notes for the crew"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MissionStatus.choices, default=MissionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="mission_ends_after"
            )
        ]

    def __str__(self) -> str:
        return str(self.request)


class Assignment(models.Model):
    """One crew member on one mission. `busy_from`/`busy_until` is the time the
    member is taken (the event plus the travel margin on both sides): the
    double-booking check compares these."""

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="assignments"
    )
    member = models.ForeignKey(
        CrewMember,
        verbose_name=_("crew member"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("role on the mission"), max_length=12, choices=CrewRole.choices)
    busy_from = models.DateTimeField(_("busy from"), db_index=True)
    busy_until = models.DateTimeField(_("busy until"), db_index=True)
    is_active = models.BooleanField(_("active"), default=True)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["mission", "role", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "member"],
                condition=models.Q(is_active=True),
                name="assignment_member_once_per_mission",
            )
        ]
        indexes = [models.Index(fields=["member", "busy_from", "busy_until"], name="assign_busy")]

    def __str__(self) -> str:
        return f"{self.member} → {self.mission}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
