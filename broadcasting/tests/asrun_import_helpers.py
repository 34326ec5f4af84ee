"""Helpers of the as-run import tests (test_asrun_import*.py): the running
order of the sample AirBox day (broadcasting/asrun/samples/), built so that the
sample's spots BF1-000101…BF1-000152 are its planned airings, plus one airing
the log never mentions (missing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from broadcasting.asrun.readers import read_asrun_file
from broadcasting.models import Airing, Break
from campaigns.models import ReviewState, Spot, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory

SAMPLES = Path(__file__).resolve().parent.parent / "asrun" / "samples"
SAMPLE_NAME = "2026_12_05_00_00_00_AsRun1.LOG"
SAMPLE = SAMPLES / SAMPLE_NAME
DAY = dt.date(2026, 12, 5)
# The next day at noon: every break of the sample day has ended.
AFTER = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
LENGTHS = (30, 20, 15, 30)  # the spots of each break of the sample, in order
MISSING_CODE = "BF1-000199"


@dataclass
class SampleDay:
    breaks: list = field(default_factory=list)
    airings: dict = field(default_factory=dict)  # house code -> Airing
    campaigns: dict = field(default_factory=dict)  # advertiser name -> Campaign


def sample_spot_rows():
    with open(SAMPLE, "rb") as handle:
        result = read_asrun_file(handle, filename=SAMPLE_NAME)
    return [row for row in result.rows if row.house_code.startswith("BF1-")]


def _campaign(name: str):
    campaign = CampaignFactory(
        title=f"{name} décembre",
        product=name,
        start_date=DAY - dt.timedelta(days=3),
        end_date=DAY + dt.timedelta(days=3),
        status=Status.AIRING,
        approved_at=timezone.now(),
    )
    first = SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    campaign.first_spot = first
    return campaign


def _spot(campaign, code: str, length: int) -> Spot:
    first = campaign.first_spot
    if first.house_code is None:
        Spot.objects.filter(pk=first.pk).update(house_code=code, declared_length=length)
        first.house_code = code
        return first
    return Spot.objects.create(
        campaign=campaign,
        advertiser=campaign.advertiser,
        kind=first.kind,
        image=first.image,
        declared_length=length,
        review_state=ReviewState.APPROVED,
        uploaded_by=first.uploaded_by,
        house_code=code,
    )


def build_sample_day(*, with_missing: bool = True, capacity: int = 120) -> SampleDay:
    """Breaks, campaigns (one per advertiser of the sample, "en diffusion") and
    the 52 planned airings of the sample day; `with_missing`: one more airing
    (another advertiser, in the first break) that the log does not mention."""
    day = SampleDay()
    groups: list[list] = []
    for row in sample_spot_rows():
        if groups and row.aired_at - groups[-1][-1].aired_at < dt.timedelta(minutes=2):
            groups[-1].append(row)
        else:
            groups.append([row])
    for group in groups:
        starts = group[0].aired_at.replace(second=0)
        brk = Break.objects.create(
            day=DAY, starts_at=starts, band_code="prime-time", capacity=capacity
        )
        day.breaks.append(brk)
        for position, row in enumerate(group):
            name = row.title.split(" - ")[0]
            campaign = day.campaigns.get(name) or _campaign(name)
            day.campaigns[name] = campaign
            length = LENGTHS[position % len(LENGTHS)]
            spot = _spot(campaign, row.house_code, length)
            day.airings[row.house_code] = _airing(brk, campaign, spot, length, position + 1)
    if with_missing:
        campaign = _campaign("Absent")
        day.campaigns["Absent"] = campaign
        spot = _spot(campaign, MISSING_CODE, 30)
        day.airings[MISSING_CODE] = _airing(day.breaks[0], campaign, spot, 30, 9)
    return day


def _airing(brk, campaign, spot, length: int, position: int) -> Airing:
    return Airing.objects.create(
        break_slot=brk,
        position=position,
        campaign=campaign,
        spot=spot,
        advertiser=campaign.advertiser,
        sector=campaign.sector,
        band_code=brk.band_code,
        length=length,
        unit_price=50000,
    )


def airbox_log(events) -> bytes:
    """An AirBox as-run log of `events`: (aware moment, title, seconds, clip id)."""
    lines = [
        "# PlayBox AirBox 4.2 - AsRun log - Channel: BF1",
        "Date\tTime\tType\tDescription\tDuration\tStatus\tFile\tClip ID",
    ]
    for moment, title, seconds, code in events:
        local = timezone.localtime(moment)
        duration = f"00:{int(seconds) // 60:02d}:{int(seconds) % 60:02d}:00"
        lines.append(f"\t{local:%H:%M:%S}\tClip\t{title}\t{duration}\tPlayed\t\t{code}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def airbox_name(day: dt.date, number: int = 1) -> str:
    return f"{day:%Y_%m_%d}_00_00_00_AsRun{number}.LOG"
