"""The daily totals of the airings (`AiringDay` per day × band × campaign,
`AiringBandDay` per day × band, kept by the database's triggers, see
broadcasting/migrations/0007_airing_day_triggers.py): rebuilt from the raw
airings, and compared with them.

`rebuild_airing_days()` recomputes both tables (after a restore that skipped
the triggers, or to settle a doubt: `manage.py rebuild_airing_days`);
`airing_days_drift()` lists the keys whose totals differ from the raw
aggregate (none when the triggers did their work)."""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce

from ..models import Airing, AiringBandDay, AiringDay, AiringStatus, Break
from ..models.airing_day import NO_SECTOR, TOTALS

KEY = ("day", "band_code", "campaign_id", "advertiser_id", "sector_key")
BAND_KEY = KEY[:2]

# The totals of a group of airings `a` (their breaks `b`), in portable SQL.
RAW_TOTALS_SQL = """
    COUNT(*),
    SUM(CASE WHEN a.status = 'planned' THEN 1 ELSE 0 END),
    SUM(CASE WHEN a.status = 'aired' THEN 1 ELSE 0 END),
    SUM(CASE WHEN a.status = 'missed' THEN 1 ELSE 0 END),
    SUM(CASE WHEN a.status = 'cancelled' THEN 1 ELSE 0 END),
    SUM(CASE WHEN a.make_good_of_id IS NOT NULL AND a.status <> 'cancelled'
        THEN 1 ELSE 0 END),
    SUM(CASE WHEN a.status = 'aired' THEN a.unit_price ELSE 0 END),
    SUM(CASE WHEN a.status = 'aired' THEN a.length ELSE 0 END)
"""


@transaction.atomic
def rebuild_airing_days() -> int:
    """Recompute both tables from the airings; the number of `AiringDay` rows."""
    airings, breaks = Airing._meta.db_table, Break._meta.db_table
    written = 0
    with connection.cursor() as cursor:
        for model, key, columns in (
            (AiringBandDay, BAND_KEY, "b.day, a.band_code"),
            (
                AiringDay,
                KEY,
                f"b.day, a.band_code, a.campaign_id, a.advertiser_id, "
                f"COALESCE(a.sector_id, {NO_SECTOR})",
            ),
        ):
            table = model._meta.db_table
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - table names only
            cursor.execute(
                f"INSERT INTO {table} ({', '.join((*key, *TOTALS))}) "  # noqa: S608
                f"SELECT {columns}, {RAW_TOTALS_SQL} FROM {airings} a "
                f"JOIN {breaks} b ON b.id = a.break_slot_id GROUP BY {columns}"
            )
            written = cursor.rowcount
    return written


def raw_airing_days() -> dict[tuple, tuple]:
    """The totals per `AiringDay` key computed from the raw airings (the ORM's
    aggregate, independent of the triggers' SQL)."""
    aired = Q(status=AiringStatus.AIRED)
    rows = (
        Airing.objects.annotate(
            sector_key=Coalesce("sector_id", Value(NO_SECTOR), output_field=IntegerField())
        )
        .values("break_slot__day", "band_code", "campaign_id", "advertiser_id", "sector_key")
        .annotate(
            airings=Count("pk"),
            planned=Count("pk", filter=Q(status=AiringStatus.PLANNED)),
            aired=Count("pk", filter=aired),
            missed=Count("pk", filter=Q(status=AiringStatus.MISSED)),
            cancelled=Count("pk", filter=Q(status=AiringStatus.CANCELLED)),
            make_good=Count(
                "pk", filter=Q(make_good_of__isnull=False) & ~Q(status=AiringStatus.CANCELLED)
            ),
            delivered=Coalesce(Sum("unit_price", filter=aired), 0),
            aired_seconds=Coalesce(Sum("length", filter=aired), 0),
        )
        .order_by()
    )
    return {
        (row["break_slot__day"], *(row[k] for k in KEY[1:])): tuple(row[t] for t in TOTALS)
        for row in rows
    }


def _by_band_day(days: dict[tuple, tuple]) -> dict[tuple, tuple]:
    totals: dict[tuple, list] = {}
    for key, values in days.items():
        total = totals.setdefault(key[: len(BAND_KEY)], [0] * len(TOTALS))
        for index, value in enumerate(values):
            total[index] += value
    return {key: tuple(values) for key, values in totals.items()}


def stored_airing_days() -> dict[tuple, tuple]:
    return {
        row[: len(KEY)]: row[len(KEY) :]
        for row in AiringDay.objects.values_list(*KEY, *TOTALS).order_by()
    }


def stored_band_days() -> dict[tuple, tuple]:
    return {
        row[: len(BAND_KEY)]: row[len(BAND_KEY) :]
        for row in AiringBandDay.objects.values_list(*BAND_KEY, *TOTALS).order_by()
    }


def _differences(stored: dict, raw: dict) -> dict[tuple, tuple]:
    return {
        key: (stored.get(key), raw.get(key))
        for key in stored.keys() | raw.keys()
        if stored.get(key) != raw.get(key)
    }


def airing_days_drift() -> dict[tuple, tuple]:
    """{key: (stored totals, raw totals)} for every key of either table where
    they differ (a day × band key has two parts, a day × band × campaign one
    five)."""
    raw = raw_airing_days()
    return {
        **_differences(stored_airing_days(), raw),
        **_differences(stored_band_days(), _by_band_day(raw)),
    }
