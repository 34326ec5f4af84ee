"""The daily totals of the airings (`AiringDay`, kept by the database's
triggers) equal the raw aggregate of the airings after any sequence of changes,
made through the real services (placement, hand changes, confirmations, missed
airings and make-goods, undo, cancelled breaks) or straight through the ORM
(bulk inserts, queryset updates, deletions); the rebuild gives the same."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.tests.factories import BusinessSectorFactory
from broadcasting.exceptions import BroadcastError
from broadcasting.models import Airing, AiringDay, AiringStatus, Break, UnplacedItem
from broadcasting.services import airings as confirmations
from broadcasting.services import hand_changes, inventory, placement
from broadcasting.services.airing_days import (
    airing_days_drift,
    raw_airing_days,
    rebuild_airing_days,
    stored_airing_days,
)
from campaigns.models import Campaign
from core.errors import DomainError

pytestmark = pytest.mark.django_db

# 19:35 in Ouagadougou on a Thursday: tonight's 19:30 break has started.
NOW = dt.datetime(2026, 12, 10, 19, 35, tzinfo=dt.UTC)
TODAY = dt.date(2026, 12, 10)
TIMES = (("matinee", "08:00"), ("prime-time", "19:30"), ("prime-time", "20:30"))
OPERATIONS = (
    "place",
    "confirm",
    "miss",
    "undo",
    "accept",
    "move",
    "remove",
    "hand_place",
    "cancel_break",
    "bulk_insert",
    "update",
    "delete_campaign",
)


@pytest.fixture
def station(station_clock, make_breaks, approved_campaign, broadcaster, administrator):
    station_clock.move_to(NOW, tick=False)
    breaks = make_breaks(TODAY - dt.timedelta(days=1), days=6, times=TIMES)
    campaigns = []
    for number, sector in enumerate((BusinessSectorFactory(), BusinessSectorFactory(), None)):
        campaign = approved_campaign(
            lines=(("prime-time", 4), ("matinee", 2)),
            start=TODAY - dt.timedelta(days=1),
            days=6,
            length=(10, 20, 30)[number],
            title=f"Campagne {number}",
        )
        Campaign.objects.filter(pk=campaign.pk).update(sector=sector)
        campaign.refresh_from_db()
        campaigns.append(campaign)
    return breaks, campaigns, broadcaster, administrator


def _pick(rows, index):
    rows = list(rows)
    return rows[index % len(rows)] if rows else None


def _apply(operation, a, b, station) -> None:  # noqa: C901 - one branch per operation
    breaks, campaigns, broadcaster, admin = station
    airing = _pick(Airing.objects.order_by("pk"), a)
    brk = _pick(Break.objects.order_by("pk"), b)
    if operation == "place":
        placement.place_campaign(campaign=campaigns[a % len(campaigns)], actor=admin)
    elif operation == "confirm" and airing:
        confirmations.confirm_aired(airing=airing, actor=broadcaster)
    elif operation == "miss" and airing:
        confirmations.mark_missed(airing=airing, actor=broadcaster, reason="Coupure")
    elif operation == "undo" and airing:
        confirmations.undo_confirmation(airing=airing, actor=admin, reason="Erreur")
    elif operation == "accept" and airing:
        confirmations.accept_make_good(airing=airing, actor=admin)
    elif operation == "move" and airing:
        hand_changes.move_airing(airing=airing, to_break=brk, actor=admin, override_capacity=True)
    elif operation == "remove" and airing:
        hand_changes.remove_airing(airing=airing, actor=admin, reason="Retrait")
    elif operation == "hand_place":
        item = _pick(UnplacedItem.objects.filter(resolved_at__isnull=True).order_by("pk"), a)
        if item:
            hand_changes.place_unplaced(item=item, brk=brk, actor=admin, override_capacity=True)
    elif operation == "cancel_break":
        inventory.cancel_break(brk=brk, actor=admin, reason="Édition spéciale")
    elif operation == "bulk_insert":
        campaign = campaigns[a % len(campaigns)]
        Airing.objects.bulk_create(
            [
                Airing(
                    break_slot=brk,
                    campaign=campaign,
                    advertiser=campaign.advertiser,
                    sector=campaign.sector,
                    band_code=brk.band_code,
                    length=campaign.spot_length,
                    unit_price=1000 + a,
                    status=AiringStatus.CANCELLED,
                    make_good_of=airing,
                )
            ]
        )
    elif operation == "update" and airing:
        Airing.objects.filter(pk=airing.pk).update(
            status=AiringStatus.values[b % len(AiringStatus.values)], unit_price=500 * b
        )
    elif operation == "delete_campaign":
        Campaign.objects.filter(pk=campaigns[a % len(campaigns)].pk).delete()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 40), st.integers(0, 40)),
        min_size=1,
        max_size=10,
    )
)
def test_totals_equal_the_raw_aggregate_after_any_changes(station, steps):
    with transaction.atomic():
        for operation, a, b in steps:
            try:
                with transaction.atomic():
                    _apply(operation, a, b, station)
            except (BroadcastError, DomainError):
                pass  # a change the rules refuse changes nothing
            assert airing_days_drift() == {}, (operation, a, b)
        transaction.set_rollback(True)


def test_placement_fills_the_totals_and_the_rebuild_gives_the_same(station):
    breaks, campaigns, _broadcaster, admin = station
    for campaign in campaigns:
        placement.place_campaign(campaign=campaign, actor=admin)
    raw = raw_airing_days()
    assert raw and sum(totals[0] for totals in raw.values()) == Airing.objects.count()
    assert stored_airing_days() == raw
    assert rebuild_airing_days() == len(raw)
    assert stored_airing_days() == raw


def test_an_airing_without_sector_is_kept_under_no_sector(station, airing_in):
    breaks, campaigns, broadcaster, _admin = station
    airing = airing_in(breaks[4], campaigns[2])  # tonight's 19:30, no sector
    confirmations.confirm_aired(airing=airing, actor=broadcaster)
    row = AiringDay.objects.get()
    assert (row.sector_key, row.sector_id, row.aired, row.delivered, row.aired_seconds) == (
        0,
        None,
        1,
        airing.unit_price,
        30,
    )


def test_the_command_checks_and_rebuilds(station, airing_in, capsys):
    breaks, campaigns, _broadcaster, _admin = station
    airing_in(breaks[4], campaigns[0])
    AiringDay.objects.update(planned=7)  # a drift the triggers could not have made
    call_command("rebuild_airing_days", "--check")
    assert "Écarts : 1." in capsys.readouterr().out
    call_command("rebuild_airing_days")
    assert airing_days_drift() == {}
    assert AiringDay.objects.get().planned == 1
