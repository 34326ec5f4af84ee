"""The scheduler: places a campaign's airings into ad breaks. Pure: plain data in,
plain data out, no database (the service in `broadcasting.services.placement`
loads the state, calls `plan_campaign` and saves the result under locks).

Hard rules (`violations`): the break is open, inside the campaign's dates and one of
its bands; its booked seconds never exceed its capacity; no two spots of one
advertiser in a break (hence at most one airing of a campaign); no two advertisers
of one sector in a break; at most `max_per_day` airings of the campaign a day.

Soft goals: the airings of each band are spread evenly over the days that have a
break of that band (each airing has an ideal day; when it is not possible there,
the nearest day is tried, earlier first); inside a day the break whose time the
campaign used least is preferred, then the emptiest one (balancing the fill); the
position in the break rotates (first, then second, ...). Every tie is broken by
fixed keys, so the same state always gives the same plan."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Reasons, as stored in broadcasting.models.UnplacedReason.
FULL = "full"
SEPARATION = "separation"
NO_BREAK = "no_break"
DAILY_LIMIT = "daily_limit"
CLOSED = "closed"
OUT_OF_RANGE = "out_of_range"
WRONG_BAND = "wrong_band"

# When every break refuses an airing, the reason given is the most frequent one;
# on a tie the first in this order.
REASON_PRECEDENCE = (FULL, SEPARATION, DAILY_LIMIT, NO_BREAK)


@dataclass
class BreakState:
    """A break as the scheduler sees it; `booked`, `advertisers`, `sectors` and
    `count` change as airings are placed."""

    id: int
    day: dt.date
    minute: int  # minutes after the start of the broadcast day (orders breaks)
    band: str
    capacity: int
    booked: int = 0
    advertisers: set[int] = field(default_factory=set)
    sectors: set[int] = field(default_factory=set)
    count: int = 0
    is_open: bool = True

    @property
    def fill(self) -> float:
        return self.booked / self.capacity if self.capacity else 1.0


@dataclass(frozen=True)
class CampaignDemand:
    """What is left to place for one campaign."""

    id: int
    advertiser_id: int
    sector_id: int | None
    length: int
    start: dt.date
    end: dt.date
    lines: tuple[tuple[str, int], ...]  # (band code, airings still to place)
    max_per_day: int
    priority: int = 0
    approved_at: dt.datetime | None = None
    per_day: tuple[tuple[dt.date, int], ...] = ()  # airings already planned per day

    @property
    def bands(self) -> frozenset[str]:
        return frozenset(band for band, _ in self.lines)


@dataclass(frozen=True)
class Placement:
    campaign_id: int
    break_id: int
    band: str
    day: dt.date
    insert_at: int  # index in the break's running order (0 = first)


@dataclass(frozen=True)
class Shortfall:
    campaign_id: int
    band: str
    count: int
    reason: str


@dataclass
class Plan:
    placements: list[Placement] = field(default_factory=list)
    unplaced: list[Shortfall] = field(default_factory=list)

    @property
    def placed_count(self) -> int:
        return len(self.placements)

    @property
    def unplaced_count(self) -> int:
        return sum(item.count for item in self.unplaced)


def violations(
    brk: BreakState,
    *,
    advertiser_id: int,
    sector_id: int | None,
    length: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    bands: Iterable[str] | None = None,
    day_count: int = 0,
    max_per_day: int | None = None,
    allow_over_capacity: bool = False,
) -> list[str]:
    """Every hard rule the placement of one airing into `brk` would break (empty
    when it may go there). Shared by the scheduler and the hand placements."""
    broken: list[str] = []
    if not brk.is_open:
        broken.append(CLOSED)
    if (start is not None and brk.day < start) or (end is not None and brk.day > end):
        broken.append(OUT_OF_RANGE)
    if bands is not None and brk.band not in bands:
        broken.append(WRONG_BAND)
    if max_per_day is not None and day_count >= max_per_day:
        broken.append(DAILY_LIMIT)
    if advertiser_id in brk.advertisers or (sector_id is not None and sector_id in brk.sectors):
        broken.append(SEPARATION)
    if not allow_over_capacity and brk.booked + length > brk.capacity:
        broken.append(FULL)
    return broken


def campaign_order_key(demand: CampaignDemand) -> tuple:
    """Higher priority first; equal priority: first approved, first served."""
    approved = demand.approved_at.timestamp() if demand.approved_at else float("inf")
    return (-demand.priority, approved, demand.id)


def ideal_day_indexes(airings: int, days: int) -> list[int]:
    """The index of the ideal day of each of `airings` airings spread evenly over
    `days` days (centred in equal shares of the period)."""
    if airings <= 0 or days <= 0:
        return []
    return [min(days - 1, int((k + 0.5) * days / airings)) for k in range(airings)]


def _outward(index: int, size: int) -> Iterable[int]:
    """index, index-1, index+1, index-2, index+2, ... inside [0, size)."""
    yield index
    for step in range(1, size):
        low, high = index - step, index + step
        if low < 0 and high >= size:
            return
        if low >= 0:
            yield low
        if high < size:
            yield high


def _apply(brk: BreakState, demand: CampaignDemand) -> None:
    brk.booked += demand.length
    brk.advertisers.add(demand.advertiser_id)
    if demand.sector_id is not None:
        brk.sectors.add(demand.sector_id)
    brk.count += 1


def plan_campaign(demand: CampaignDemand, breaks: Sequence[BreakState]) -> Plan:
    """Place `demand` into `breaks` (updated in place, so that several campaigns
    can be planned one after the other on the same state)."""
    plan = Plan()
    # Candidate breaks of each band, grouped by day, in time order.
    by_band: dict[str, dict[dt.date, list[BreakState]]] = defaultdict(lambda: defaultdict(list))
    for brk in sorted(breaks, key=lambda b: (b.day, b.minute, b.id)):
        if brk.band in demand.bands and demand.start <= brk.day <= demand.end:
            by_band[brk.band][brk.day].append(brk)

    per_day: Counter[dt.date] = Counter(dict(demand.per_day))
    minute_use: Counter[tuple[str, int]] = Counter()
    targets: list[tuple[int, str, int]] = []  # (ideal day index, band, k)
    days_of: dict[str, list[dt.date]] = {}
    for band, wanted in sorted(demand.lines):
        days = sorted(by_band[band]) if band in by_band else []
        days_of[band] = days
        if not days:
            if wanted > 0:
                plan.unplaced.append(Shortfall(demand.id, band, wanted, NO_BREAK))
            continue
        for k, index in enumerate(ideal_day_indexes(wanted, len(days))):
            targets.append((index * 1_000_000 // len(days), band, k, index))
    targets.sort()

    refused: dict[str, Counter[str]] = defaultdict(Counter)
    missing: Counter[str] = Counter()
    placed = 0
    for _, band, _k, index in targets:
        days = days_of[band]
        chosen: BreakState | None = None
        reasons: Counter[str] = Counter()
        for day_index in _outward(index, len(days)):
            day = days[day_index]
            best_key = None
            for brk in by_band[band][day]:
                broken = violations(
                    brk,
                    advertiser_id=demand.advertiser_id,
                    sector_id=demand.sector_id,
                    length=demand.length,
                    day_count=per_day[day],
                    max_per_day=demand.max_per_day,
                )
                if broken:
                    reasons[broken[0] if broken[0] != CLOSED else FULL] += 1
                    continue
                key = (minute_use[(band, brk.minute)], round(brk.fill, 6), brk.minute, brk.id)
                if best_key is None or key < best_key:
                    best_key, chosen = key, brk
            if chosen is not None:
                break
        if chosen is None:
            missing[band] += 1
            refused[band].update(reasons)
            continue
        insert_at = placed % (chosen.count + 1)
        _apply(chosen, demand)
        per_day[chosen.day] += 1
        minute_use[(band, chosen.minute)] += 1
        placed += 1
        plan.placements.append(Placement(demand.id, chosen.id, band, chosen.day, insert_at))

    for band in sorted(missing):
        plan.unplaced.append(Shortfall(demand.id, band, missing[band], _main_reason(refused[band])))
    return plan


def _main_reason(reasons: Counter[str]) -> str:
    if not reasons:
        return NO_BREAK
    top = max(reasons.values())
    return next(reason for reason in REASON_PRECEDENCE if reasons.get(reason) == top)


def plan_campaigns(demands: Iterable[CampaignDemand], breaks: Sequence[BreakState]) -> Plan:
    """Plan several campaigns in priority order on one shared state."""
    plan = Plan()
    for demand in sorted(demands, key=campaign_order_key):
        one = plan_campaign(demand, breaks)
        plan.placements.extend(one.placements)
        plan.unplaced.extend(one.unplaced)
    return plan


def find_make_good(
    *,
    advertiser_id: int,
    sector_id: int | None,
    length: int,
    band: str,
    missed_day: dt.date,
    window_days: int,
    band_rank: dict[str, int],
    breaks: Sequence[BreakState],
    max_per_day: int | None = None,
    per_day: dict[dt.date, int] | None = None,
    missed_minute: int | None = None,
) -> BreakState | None:
    """The break offered to make good an airing missed on `missed_day` in `band`:
    a break of the same band or a better one (higher `band_rank`) within
    `window_days` after it that obeys every hard rule. Never the missed break
    itself nor one before it: with `missed_minute` (the missed break's minute),
    only breaks that start after it on the missed day. The earliest day wins,
    then the same band, then the emptiest break, then the earliest time."""
    floor = band_rank.get(band, 0)
    last = missed_day + dt.timedelta(days=window_days)
    per_day = per_day or {}
    best = None
    best_key = None
    for brk in breaks:
        if not (missed_day <= brk.day <= last) or band_rank.get(brk.band, -1) < floor:
            continue
        if missed_minute is not None and brk.day == missed_day and brk.minute <= missed_minute:
            continue
        if violations(
            brk,
            advertiser_id=advertiser_id,
            sector_id=sector_id,
            length=length,
            day_count=per_day.get(brk.day, 0),
            max_per_day=max_per_day,
        ):
            continue
        key = (brk.day, brk.band != band, round(brk.fill, 6), brk.minute, brk.id)
        if best_key is None or key < best_key:
            best, best_key = brk, key
    return best
