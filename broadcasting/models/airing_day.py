"""The airings of each broadcast day, added up per band × campaign (its
advertiser and sector as the airings hold them, `AiringDay`) and per band
alone (`AiringBandDay`): what the year report reads instead of the raw airings
(docs/decisions/0016-airing-day-rollup.md).

The database keeps them right itself: triggers on `broadcasting_airing`
(migration 0007) add each inserted airing to its rows, take each deleted one
off and do both on an update, whatever wrote the airing (a service, a bulk
insert, a queryset `update()`, the admin). `rebuild_airing_days` recomputes both
tables from the airings (`manage.py rebuild_airing_days`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

NO_SECTOR = 0  # `sector_key` of airings without a sector (a key column cannot be NULL)
# The columns added up (each airing counts in `airings` and in its status).
TOTALS = (
    "airings",
    "planned",
    "aired",
    "missed",
    "cancelled",
    "make_good",
    "delivered",
    "aired_seconds",
)


class AiringDay(models.Model):
    """One broadcast day × band × campaign (× advertiser × sector): the number
    of airings by status, the make-goods not cancelled, and the unit prices and
    seconds of the aired ones. Written by the database's triggers only."""

    day = models.DateField(_("broadcast day"))
    band_code = models.SlugField(_("time band"), max_length=40)
    # No database constraint: the rows follow the airings (the triggers), never
    # the other way round.
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    advertiser = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("advertiser"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    sector_key = models.PositiveIntegerField(_("business sector"), default=NO_SECTOR)
    airings = models.PositiveIntegerField(default=0)
    planned = models.PositiveIntegerField(default=0)
    aired = models.PositiveIntegerField(default=0)
    missed = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    make_good = models.PositiveIntegerField(default=0)
    delivered = models.BigIntegerField(default=0)
    aired_seconds = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("airings of a day")
        verbose_name_plural = _("airings of the days")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["day", "band_code", "campaign", "advertiser", "sector_key"],
                name="airing_day_key",
            ),
        ]
        indexes = [
            # Covering: the overview's groups per band and day (with a filter)
            # read only the index.
            models.Index(fields=["day", "band_code", *TOTALS], name="airing_day_totals"),
            # Covering, the aired rows only: the amounts aired per campaign.
            models.Index(
                fields=["day", "campaign", "advertiser", "sector_key", "aired", "delivered"],
                name="airing_day_aired",
                condition=models.Q(aired__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.band_code} · {self.campaign_id}"

    @property
    def sector_id(self) -> int | None:
        return self.sector_key or None


class AiringBandDay(models.Model):
    """The same totals per broadcast day × band only (all campaigns together):
    what the station's overview reads when no advertiser, sector, campaign
    status or text filter applies. Written by the database's triggers only."""

    day = models.DateField(_("broadcast day"))
    band_code = models.SlugField(_("time band"), max_length=40)
    airings = models.PositiveIntegerField(default=0)
    planned = models.PositiveIntegerField(default=0)
    aired = models.PositiveIntegerField(default=0)
    missed = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    make_good = models.PositiveIntegerField(default=0)
    delivered = models.BigIntegerField(default=0)
    aired_seconds = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("airings of a day and band")
        verbose_name_plural = _("airings of the days and bands")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["day", "band_code"], name="airing_band_day_key"),
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.band_code}"
