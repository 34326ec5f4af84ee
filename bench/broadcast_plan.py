"""The busy broadcast year of the bench data (bench/broadcast_data.py), laid out
in memory before it is written: the dated breaks of the demo grid, the campaigns
and their airings.

The airings are laid out break by break, with the scheduler's hard rules: never
over capacity, one advertiser and one advertiser of a sector per break, at most
4 airings of a campaign a day; among the campaigns that may go in a break the
least served one (placed / wanted in that band) goes first, so each campaign's
airings spread over its dates. Each break is filled up to a share of its
capacity (± 8 %): 94 % in the past, from 90 % today down to 55 % in 6 months
(the rules leave the past at about 89 % and the next month at about 83 %). A
campaign the fill left out gets a few airings wherever its rules allow.
Deterministic for a given grid, `seed` and day."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

DAYS_BEFORE = 182
DAYS_AFTER = 182
ADVERTISERS = 1000
CAMPAIGNS_PER_ADVERTISER = 5
MAX_PER_DAY = 4
# Share of each break's capacity filled: in the past, today, in 6 months (± 8 %).
PAST_FILL, NEXT_FILL, LAST_FILL = 0.94, 0.90, 0.55
# Spot lengths of the campaigns and their weights.
LENGTHS = ((10, 35), (15, 35), (20, 18), (30, 12))
# How often a band is chosen by a campaign (prime time and the 13 h news most).
BAND_WEIGHTS = {
    "matinee": 14,
    "mi-journee": 22,
    "apres-midi": 10,
    "avant-soiree": 14,
    "prime-time": 26,
    "fin-de-soiree": 14,
}
DURATIONS = (7, 14, 21, 28, 28, 35, 42, 56)


@dataclass
class PlannedBreak:
    index: int
    day: dt.date
    starts_at: dt.datetime
    band: str
    capacity: int
    label: str
    slot_id: int
    booked: int = 0
    airings: list[int] = field(default_factory=list)  # campaign indexes, in order
    advertisers: set[int] = field(default_factory=set)
    sectors: set[int] = field(default_factory=set)


@dataclass
class PlannedCampaign:
    index: int
    advertiser: int  # index
    sector_id: int
    start: dt.date
    end: dt.date
    length: int
    wanted: dict[str, int]
    placed: dict[str, int] = field(default_factory=dict)


def ensure_grid() -> list:
    """The weekly grid (`broadcasting.demo.ensure_demo_grid`: 40 breaks a day),
    each weekday's breaks in broadcast order."""
    from broadcasting.demo import ensure_demo_grid
    from broadcasting.models import BreakGridSlot
    from core import clock as broadcast_day

    ensure_demo_grid()

    def order(slot):  # a break before the broadcast day's start closes the day
        return (slot.weekday, slot.time < broadcast_day.DAY_START, slot.time, slot.pk)

    return sorted(BreakGridSlot.objects.filter(is_active=True), key=order)


def _fill_target(offset: int, days_after: int, rng: random.Random) -> float:
    """Share of a break's capacity to fill, by its day's distance to today."""
    if offset < 0:
        base = PAST_FILL
    else:
        base = NEXT_FILL - (NEXT_FILL - LAST_FILL) * offset / max(days_after, 1)
    return min(1.0, max(0.1, base + rng.uniform(-0.08, 0.08)))


def plan(*, slots, sector_ids, today, scale, seed):
    """Breaks, campaigns and airings, in memory."""
    from core import clock as broadcast_day

    rng = random.Random(seed)
    days_before = max(7, round(DAYS_BEFORE * scale))
    days_after = max(7, round(DAYS_AFTER * scale))
    first, last = today - dt.timedelta(days=days_before), today + dt.timedelta(days=days_after)

    by_weekday = defaultdict(list)
    for slot in slots:
        by_weekday[slot.weekday].append(slot)
    breaks: list[PlannedBreak] = []
    day = first
    while day <= last:
        for slot in by_weekday[day.weekday()]:
            breaks.append(
                PlannedBreak(
                    index=len(breaks),
                    day=day,
                    starts_at=broadcast_day.starts_at(day, slot.time),
                    band=slot.band_code,
                    capacity=slot.capacity,
                    label=slot.label,
                    slot_id=slot.pk,
                )
            )
        day += dt.timedelta(days=1)
    bands = sorted({b.band for b in breaks})

    advertisers = max(10, round(ADVERTISERS * scale))
    adv_sector = [rng.choice(sector_ids) for _ in range(advertisers)]
    lengths, length_weights = zip(*LENGTHS, strict=True)
    band_weights = [BAND_WEIGHTS.get(b, 10) for b in bands]
    campaigns: list[PlannedCampaign] = []
    span = (last - first).days
    for index in range(advertisers * CAMPAIGNS_PER_ADVERTISER):
        adv = index % advertisers
        duration = rng.choice(DURATIONS)
        # At least a week inside the year.
        start = first + dt.timedelta(days=rng.randint(7 - duration, span - 6))
        end = start + dt.timedelta(days=duration - 1)
        start, end = max(start, first), min(end, last)
        chosen: set[str] = set()
        for _ in range(rng.choice((1, 2, 2, 3))):
            chosen.add(rng.choices(bands, weights=band_weights)[0])
        campaigns.append(
            PlannedCampaign(
                index=index,
                advertiser=adv,
                sector_id=adv_sector[adv],
                start=start,
                end=end,
                length=rng.choices(lengths, weights=length_weights)[0],
                wanted={band: rng.randint(10, 50) for band in sorted(chosen)},
                placed=dict.fromkeys(chosen, 0),
            )
        )

    candidates: dict[tuple[dt.date, str], list[PlannedCampaign]] = defaultdict(list)
    for campaign in campaigns:
        day = campaign.start
        while day <= campaign.end:
            for band in campaign.wanted:
                candidates[(day, band)].append(campaign)
            day += dt.timedelta(days=1)

    per_day: dict[tuple[int, dt.date], int] = defaultdict(int)
    tiebreak = [rng.random() for _ in campaigns]
    for brk in breaks:
        target = brk.capacity * _fill_target((brk.day - today).days, days_after, rng)
        band = brk.band
        pool = candidates.get((brk.day, band), ())
        ranked = sorted(pool, key=lambda c: (c.placed[band] / c.wanted[band], tiebreak[c.index]))
        for c in ranked:
            if brk.booked + c.length > target:
                if brk.booked + min(lengths) > target:
                    break
                continue
            if (
                c.placed[band] >= c.wanted[band]
                or per_day[(c.index, brk.day)] >= MAX_PER_DAY
                or c.advertiser in brk.advertisers
                or c.sector_id in brk.sectors
            ):
                continue
            put(brk, c, per_day)

    # A campaign the fill left out (short dates, busy bands) gets a few airings
    # wherever its rules allow, up to the capacity.
    by_day_band: dict[tuple[dt.date, str], list[PlannedBreak]] = defaultdict(list)
    for brk in breaks:
        by_day_band[(brk.day, brk.band)].append(brk)
    for c in campaigns:
        if any(c.placed.values()):
            continue
        day = c.start
        while day <= c.end and sum(c.placed.values()) < 3:
            for band in c.wanted:
                for brk in by_day_band[(day, band)]:
                    if (
                        brk.booked + c.length <= brk.capacity
                        and per_day[(c.index, day)] < MAX_PER_DAY
                        and c.advertiser not in brk.advertisers
                        and c.sector_id not in brk.sectors
                    ):
                        put(brk, c, per_day)
                        break
            day += dt.timedelta(days=1)
    return first, last, adv_sector, breaks, campaigns


def put(brk: PlannedBreak, c: PlannedCampaign, per_day) -> None:
    brk.booked += c.length
    brk.airings.append(c.index)
    brk.advertisers.add(c.advertiser)
    brk.sectors.add(c.sector_id)
    c.placed[brk.band] += 1
    per_day[(c.index, brk.day)] += 1
