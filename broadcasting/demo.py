"""The demo break grid: about forty ad breaks a day from 06:00 to 00:30, spread
over the bands of the demo rate card and busier around the news (JT 13h, JT
19h30 and JT 20h). Weekends start later in the morning and add a break in the
afternoon magazine and in the evening film.

`ensure_demo_grid()` only adds the breaks the grid does not have (a day and a
time): running it again, or after an administrator's edits, changes nothing
that exists. `ensure_past_breaks()` and `book_demo_airings()` give the demo
campaigns a running order: aired airings in the breaks already started this
week, planned ones in the breaks to come, one missed airing with its make-good
(seed_demo, through home/demo/activity.py)."""

from __future__ import annotations

import datetime as dt
from datetime import time

from django.db import transaction
from django.utils import timezone

from core import clock as broadcast_day

from .models import Airing, Break, BreakGridSlot, BreakStatus, Weekday
from .models.airing import BOOKED_STATUSES, AiringStatus
from .models.grid import DEFAULT_CAPACITY
from .services.inventory import break_from_slot

# (time, band code, label): every day of the week.
COMMON = [
    # Matinée 06:00–11:00
    (time(6, 0), "matinee", "Ouverture d'antenne"),
    (time(7, 0), "matinee", "Matinale 7h"),
    (time(8, 0), "matinee", "Matinale 8h"),
    (time(8, 30), "matinee", "Matinée 8h30"),
    (time(9, 0), "matinee", "Matinée 9h"),
    (time(9, 30), "matinee", "Matinée 9h30"),
    (time(10, 0), "matinee", "Matinée 10h"),
    (time(10, 30), "matinee", "Matinée 10h30"),
    (time(10, 55), "matinee", "Fin de matinée"),
    # Mi-journée 11:25–14:25, around the JT 13h
    (time(11, 25), "mi-journee", "Mi-journée 11h25"),
    (time(11, 55), "mi-journee", "Mi-journée 12h"),
    (time(12, 25), "mi-journee", "Mi-journée 12h25"),
    (time(12, 45), "mi-journee", "Avant JT 13h (1)"),
    (time(12, 57), "mi-journee", "Avant JT 13h"),
    (time(13, 30), "mi-journee", "Après JT 13h"),
    (time(13, 55), "mi-journee", "Mi-journée 14h"),
    (time(14, 25), "mi-journee", "Fin de mi-journée"),
    # Après-midi 14:30–16:55
    (time(14, 55), "apres-midi", "Après-midi 15h"),
    (time(15, 25), "apres-midi", "Après-midi 15h30"),
    (time(15, 55), "apres-midi", "Après-midi 16h"),
    (time(16, 25), "apres-midi", "Après-midi 16h30"),
    (time(16, 55), "apres-midi", "Fin d'après-midi"),
    # Avant-soirée 17:55–19:00
    (time(17, 55), "avant-soiree", "Avant-soirée 18h"),
    (time(18, 25), "avant-soiree", "Avant-soirée 18h30"),
    (time(18, 45), "avant-soiree", "Avant-soirée 18h45"),
    (time(19, 0), "avant-soiree", "Fin d'avant-soirée"),
    # Prime time 19:25–20:55, around the JT 19h30 and the JT 20h
    (time(19, 25), "prime-time", "Avant JT 19h30 (1)"),
    (time(19, 28), "prime-time", "Avant JT 19h30"),
    (time(19, 57), "prime-time", "Avant JT 20h"),
    (time(20, 30), "prime-time", "Après JT 20h"),
    (time(20, 42), "prime-time", "Prime time 20h45"),
    (time(20, 55), "prime-time", "Fin de prime time"),
    # Fin de soirée 21:55–00:30
    (time(21, 55), "fin-de-soiree", "Fin de soirée 22h"),
    (time(22, 25), "fin-de-soiree", "Fin de soirée 22h30"),
    (time(22, 55), "fin-de-soiree", "Fin de soirée 23h"),
    (time(23, 25), "fin-de-soiree", "Fin de soirée 23h30"),
    (time(23, 55), "fin-de-soiree", "Minuit"),
    (time(0, 30), "fin-de-soiree", "Fin d'antenne"),
]

# Monday to Friday: the early-morning news magazine.
WEEKDAYS_ONLY = [
    (time(6, 30), "matinee", "Matinale 6h30"),
    (time(7, 30), "matinee", "Matinale 7h30"),
]

# Saturday and Sunday: a later morning, the afternoon magazine and the film.
WEEKEND_ONLY = [
    (time(16, 10), "apres-midi", "Magazine du week-end"),
    (time(22, 10), "fin-de-soiree", "Film du week-end"),
]

WEEKEND = (Weekday.SATURDAY, Weekday.SUNDAY)


def demo_grid() -> dict[int, list[tuple[time, str, str]]]:
    """The demo grid by weekday (0 = Monday), each day in broadcast order."""
    grid = {}
    for weekday in Weekday.values:
        extra = WEEKEND_ONLY if weekday in WEEKEND else WEEKDAYS_ONLY
        rows = [*COMMON, *extra]
        # 00:30 closes the broadcast day: order after the evening.
        grid[weekday] = sorted(rows, key=lambda row: (row[0].hour < 5, row[0]))
    return grid


@transaction.atomic
def ensure_demo_grid() -> int:
    """Add the demo grid's breaks the grid does not have yet; returns how many."""
    existing = set(BreakGridSlot.objects.values_list("weekday", "time"))
    missing = [
        BreakGridSlot(
            weekday=weekday,
            time=at,
            band_code=band,
            label=label,
            capacity=DEFAULT_CAPACITY,
        )
        for weekday, rows in demo_grid().items()
        for at, band, label in rows
        if (weekday, at) not in existing
    ]
    BreakGridSlot.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def ensure_past_breaks(*, days: int = 7) -> int:
    """The grid's breaks of the last `days` days and of today that have already
    started (`generate_breaks` only creates breaks to come), so that demo airings
    can have aired. Returns how many were created."""
    now = timezone.now()
    today = broadcast_day.today()
    first = today - dt.timedelta(days=days)
    existing = set(
        Break.objects.filter(day__gte=first, day__lte=today, grid_slot__isnull=False).values_list(
            "grid_slot_id", "day"
        )
    )
    slots = list(BreakGridSlot.objects.filter(is_active=True))
    missing = []
    day = first
    while day <= today:
        for slot in slots:
            if slot.weekday != day.weekday() or (slot.pk, day) in existing:
                continue
            past = break_from_slot(slot, day)
            if past.starts_at <= now:
                missing.append(past)
        day += dt.timedelta(days=1)
    Break.objects.bulk_create(missing)
    return len(missing)


def _free_break(brk: Break | None, advertiser_id: int, length: int) -> bool:
    if brk is None or brk.status != BreakStatus.OPEN:
        return False
    if brk.booked_seconds + length > brk.capacity:
        return False
    return not brk.airings.filter(advertiser_id=advertiser_id, status__in=BOOKED_STATUSES).exists()


def _book(brk: Break, campaign, spot, *, status: str, unit_price: int, **extra) -> Airing:
    airing = Airing.objects.create(
        break_slot=brk,
        position=brk.airings.count() + 1,
        campaign=campaign,
        spot=spot,
        advertiser_id=campaign.advertiser_id,
        sector_id=campaign.sector_id,
        band_code=brk.band_code,
        length=campaign.spot_length,
        unit_price=unit_price,
        status=status,
        **extra,
    )
    if status in BOOKED_STATUSES:
        brk.booked_seconds += campaign.spot_length
        brk.save(update_fields=["booked_seconds"])
    return airing


@transaction.atomic
def book_demo_airings(
    *,
    campaign,
    spot,
    times: list[time],
    days: range,
    broadcaster,
    prices: dict[str, int],
    missed_reason: str = "",
) -> list[Airing]:
    """Airings of a demo campaign in the breaks at `times` on the days `days`
    (offsets from today's broadcast day): aired (confirmed by `broadcaster`) in
    the breaks already started, planned in the others. With `missed_reason`,
    the latest started one is missed and its make-good planned in the first
    break to come of the same band (never the missed break nor an earlier one)."""
    now = timezone.now()
    today = broadcast_day.today()
    airings: list[Airing] = []
    started: list[Airing] = []
    for offset in days:
        day = today + dt.timedelta(days=offset)
        for at in times:
            brk = Break.objects.filter(day=day, grid_slot__time=at).first()
            if not _free_break(brk, campaign.advertiser_id, campaign.spot_length):
                continue
            price = prices.get(brk.band_code, 0)
            if brk.starts_at <= now:
                airing = _book(
                    brk,
                    campaign,
                    spot,
                    status=AiringStatus.AIRED,
                    unit_price=price,
                    confirmed_by=broadcaster,
                    confirmed_at=brk.starts_at + dt.timedelta(seconds=45),
                )
                started.append(airing)
            else:
                airing = _book(brk, campaign, spot, status=AiringStatus.PLANNED, unit_price=price)
            airings.append(airing)
    if missed_reason and started:
        missed = max(started, key=lambda a: a.break_slot.starts_at)
        _miss(missed, reason=missed_reason)
        later = Break.objects.filter(
            band_code=missed.band_code,
            status=BreakStatus.OPEN,
            starts_at__gt=max(now, missed.break_slot.starts_at),
        ).order_by("starts_at")
        for brk in later[:50]:
            if _free_break(brk, campaign.advertiser_id, campaign.spot_length):
                airings.append(
                    _book(
                        brk,
                        campaign,
                        spot,
                        status=AiringStatus.PLANNED,
                        unit_price=missed.unit_price,
                        make_good_of=missed,
                    )
                )
                break
    return airings


def _miss(airing: Airing, *, reason: str) -> None:
    brk = airing.break_slot
    brk.booked_seconds = max(brk.booked_seconds - airing.length, 0)
    brk.save(update_fields=["booked_seconds"])
    airing.status = AiringStatus.MISSED
    airing.missed_reason = reason
    airing.save(update_fields=["status", "missed_reason", "updated_at"])
