"""The newsroom's crew (journalists, camera operators, drivers) and vehicles."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CrewRole(models.TextChoices):
    JOURNALIST = "journalist", _("journalist")
    CAMERA = "camera", _("camera operator")
    DRIVER = "driver", _("driver")


class CrewStatus(models.TextChoices):
    AVAILABLE = "available", _("available")
    RESTING = "resting", _("resting")
    UNAVAILABLE = "unavailable", _("unavailable")


class CrewMember(models.Model):
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=12, choices=CrewRole.choices)
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crew_member",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CrewStatus.choices, default=CrewStatus.AVAILABLE
    )
    unavailable_from = models.DateField(_("unavailable from"), null=True, blank=True)
    unavailable_until = models.DateField(_("unavailable until"), null=True, blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("A member with missions is deactivated, not deleted."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["role", "name", "pk"]
        verbose_name = _("crew member")
        verbose_name_plural = _("crew")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    def is_away_on(self, day: dt.date) -> bool:
        """Resting, or unavailable on `day` (open-ended dates extend forever)."""
        if self.status == CrewStatus.RESTING:
            return True
        if self.status != CrewStatus.UNAVAILABLE:
            return False
        if self.unavailable_from is None and self.unavailable_until is None:
            return True
        starts = self.unavailable_from or dt.date.min
        ends = self.unavailable_until or dt.date.max
        return starts <= day <= ends


class Vehicle(models.Model):
    name = models.CharField(_("name"), max_length=100)
    plate = models.CharField(_("plate"), max_length=20, unique=True)
    seats = models.PositiveSmallIntegerField(_("seats"), default=4)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")

    def __str__(self) -> str:
        return f"{self.name} ({self.plate})"
