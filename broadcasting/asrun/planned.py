"""The day's airings as the matcher reads them (`PlannedAiring`), in one narrow
query (values only: no model instance, no JSON field), and the house codes of
the day's advertisers' other spots (for the wrong copies), in one more."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from campaigns.models import Spot

from ..models import Airing, AiringStatus
from .matching import PlannedAiring

STATUSES = (AiringStatus.PLANNED, AiringStatus.AIRED, AiringStatus.MISSED)
FIELDS = (
    "pk",
    "break_slot_id",
    "break_slot__starts_at",
    "break_slot__capacity",
    "break_slot__day",
    "length",
    "spot__house_code",
    "campaign__title",
    "campaign__product",
    "advertiser_id",
    "campaign_id",
    "status",
    "confirmed_by_id",
    "confirmed_by_import_id",
    "confirmed_at",
)


def _planned(values: tuple) -> PlannedAiring:
    (
        pk,
        break_id,
        starts_at,
        capacity,
        _day,
        length,
        code,
        title,
        product,
        advertiser_id,
        campaign_id,
        status,
        confirmed_by_id,
        import_id,
        confirmed_at,
    ) = values
    confirmed = status != AiringStatus.PLANNED
    return PlannedAiring(
        airing_id=pk,
        break_id=break_id,
        break_starts_at=starts_at,
        break_ends_at=starts_at + dt.timedelta(seconds=capacity or 0),
        spot_length=length,
        house_code=code or "",
        title=title or "",
        advertiser_id=advertiser_id,
        campaign_id=campaign_id,
        status=str(status),
        confirmed_by_hand=confirmed and (confirmed_by_id is not None or import_id is None),
        confirmed_at=confirmed_at,
        campaign_title=product or "",
    )


def planned_by_day(
    first: dt.date, last: dt.date, *, lock: bool = False
) -> dict[dt.date, list[PlannedAiring]]:
    """The planned, aired and missed airings of the broadcast days `first` to
    `last`, by day. `lock`: their rows locked until the transaction ends (the
    import then changes them knowing their status)."""
    query = Airing.objects.filter(
        break_slot__day__gte=first, break_slot__day__lte=last, status__in=STATUSES
    ).order_by()
    if lock:
        query = query.select_for_update(of=("self",))
    days: dict[dt.date, list[PlannedAiring]] = defaultdict(list)
    for values in query.values_list(*FIELDS):
        days[values[4]].append(_planned(values))
    return dict(days)


def planned_for_day(day: dt.date, *, lock: bool = False) -> list[PlannedAiring]:
    return planned_by_day(day, day, lock=lock).get(day, [])


def spot_owners(advertiser_ids: Iterable[int | None]) -> dict[str, int]:
    """House code → advertiser of every coded spot of these advertisers."""
    ids = {pk for pk in advertiser_ids if pk is not None}
    if not ids:
        return {}
    return dict(
        Spot.objects.filter(advertiser_id__in=ids, house_code__isnull=False)
        .order_by()
        .values_list("house_code", "advertiser_id")
    )
