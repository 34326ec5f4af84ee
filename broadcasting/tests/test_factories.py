"""The broadcasting factories make breaks, airings and certificates that hold
together as the scheduler and the broadcasters' services make them: an airing
sits in a break of its campaign's band within the campaign's dates, at the
price frozen in the quote, and a certificate passes the public check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.roles import Role, has_role
from accounts.tests.factories import UserFactory
from broadcasting.models import AiringStatus, Break, BreakStatus, UnplacedReason
from broadcasting.selectors import advertiser as advertiser_selectors
from broadcasting.services import airings as airing_services
from broadcasting.services import certificates, placement
from broadcasting.services.inventory import generate_breaks
from broadcasting.services.rules import current_spot
from campaigns.models import Status
from campaigns.selectors import placement_request
from core import clock as broadcast_day

from .factories import (
    MISSED_REASON,
    AiringFactory,
    BookedCampaignFactory,
    BreakFactory,
    BreakGridSlotFactory,
    BroadcastCertificateFactory,
    UnplacedItemFactory,
)

pytestmark = pytest.mark.django_db


def assert_belongs_to_its_campaign(airing):
    """The airing is one of its campaign's booked airtime: band, dates, company,
    length and frozen unit price."""
    campaign = airing.campaign
    request = placement_request(campaign)
    assert airing.band_code in request.band_codes
    assert airing.break_slot.band_code == airing.band_code
    assert campaign.start_date <= airing.break_slot.day <= campaign.end_date
    assert airing.advertiser == campaign.advertiser
    assert airing.sector == campaign.sector
    assert airing.length == campaign.spot_length
    assert airing.unit_price == request.unit_price(airing.band_code) > 0


# --- Grid and breaks ------------------------------------------------------------------------


def test_grid_slots_are_valid_and_never_share_a_weekday_and_time():
    slots = BreakGridSlotFactory.create_batch(10)
    for slot in slots:
        slot.full_clean()
    assert len({(slot.weekday, slot.time) for slot in slots}) == 10
    assert slots[0].label == "Écran JT 19h30"


def test_the_grid_generates_the_dated_breaks_of_a_slot():
    thursday = BreakGridSlotFactory(weekday=3, time=dt.time(19, 30), capacity=240)
    BreakGridSlotFactory(weekday=4, inactive=True)

    generate_breaks(weeks=1)

    generated = Break.objects.get()
    assert generated.grid_slot == thursday
    assert generated.day.weekday() == 3
    assert timezone.localtime(generated.starts_at).time() == dt.time(19, 30)
    assert (generated.band_code, generated.capacity) == ("prime-time", 240)


def test_a_break_starts_at_its_time_in_the_running_order_of_its_day():
    evening = BreakFactory()
    late = BreakFactory(band_code="fin-de-soiree", time=dt.time(0, 30))
    for brk in (evening, late):
        brk.full_clean()
        assert timezone.is_aware(brk.starts_at)
        assert broadcast_day.day_of(brk.starts_at) == brk.day
    assert timezone.localtime(evening.starts_at).time() == dt.time(19, 30)
    assert evening.starts_at > timezone.now()
    assert evening.is_open and evening.free_seconds == 180
    # 00:30 is the end of the day before's running order.
    assert timezone.localtime(late.starts_at).date() == late.day + dt.timedelta(days=1)


def test_the_break_traits():
    from_grid = BreakFactory(from_grid=True)
    exceptional = BreakFactory(exceptional=True)
    cancelled = BreakFactory(cancelled=True)
    past = BreakFactory(past=True)
    for brk in (from_grid, exceptional, cancelled, past):
        brk.full_clean()
    slot = from_grid.grid_slot
    assert slot.weekday == from_grid.day.weekday()
    assert slot.time == timezone.localtime(from_grid.starts_at).time()
    assert slot.band_code == from_grid.band_code
    assert exceptional.is_exceptional and exceptional.grid_slot is None
    assert cancelled.status == BreakStatus.CANCELLED and not cancelled.is_open
    assert cancelled.cancel_reason
    assert past.starts_at < timezone.now()


# --- Booked campaigns -------------------------------------------------------------------------


def test_a_booked_campaign_has_its_quote_frozen_and_an_approved_spot():
    campaign = BookedCampaignFactory()
    campaign.full_clean()
    assert campaign.status == Status.SCHEDULED
    assert campaign.is_quote_frozen
    assert campaign.quote_total == campaign.quote_subtotal - campaign.quote_discount + (
        campaign.quote_vat
    )
    assert placement_request(campaign).unit_price("prime-time") == 87_750
    spot = current_spot(campaign)
    assert spot is not None and spot.advertiser == campaign.advertiser


def test_a_campaign_on_air_started_last_week():
    campaign = BookedCampaignFactory(on_air=True)
    assert campaign.status == Status.AIRING
    assert campaign.start_date < timezone.localdate() < campaign.end_date


def test_the_scheduler_places_an_approved_campaign_like_the_airing_factory():
    campaign = BookedCampaignFactory(status=Status.APPROVED, lines=[("prime-time", 3)])
    for offset in range(3):
        BreakFactory(day=campaign.start_date + dt.timedelta(days=offset))

    result = placement.place_campaign(campaign=campaign)

    assert (result.placed, result.unplaced) == (3, 0)
    made = AiringFactory(campaign=BookedCampaignFactory(lines=[("prime-time", 3)]))
    for airing in result.airings:
        airing.refresh_from_db()
        assert_belongs_to_its_campaign(airing)
        assert (airing.unit_price, airing.length) == (made.unit_price, made.length)
        assert airing.spot == current_spot(campaign)
    campaign.refresh_from_db()
    assert campaign.status == Status.SCHEDULED


# --- Airings ---------------------------------------------------------------------------------


def test_a_planned_airing_belongs_to_a_break_of_its_campaign_and_holds_its_seconds():
    airing = AiringFactory()
    airing.full_clean()
    assert airing.status == AiringStatus.PLANNED
    assert_belongs_to_its_campaign(airing)
    assert airing.spot == current_spot(airing.campaign)
    assert airing.position == 1
    airing.break_slot.refresh_from_db()
    assert airing.break_slot.booked_seconds == 30
    assert airing.break_slot.free_seconds == 150


def test_successive_airings_of_a_campaign_spread_over_its_days():
    first = AiringFactory()
    others = AiringFactory.create_batch(3, campaign=first.campaign)
    days = [airing.break_slot.day for airing in [first, *others]]
    assert days == [first.campaign.start_date + dt.timedelta(days=n) for n in range(4)]
    for airing in others:
        assert_belongs_to_its_campaign(airing)


def test_a_second_airing_of_one_advertiser_in_a_break_is_refused():
    airing = AiringFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AiringFactory(campaign=airing.campaign, break_slot=airing.break_slot)


def test_an_aired_airing_was_confirmed_by_a_broadcaster_after_its_break():
    airing = AiringFactory(aired=True)
    airing.full_clean()
    assert_belongs_to_its_campaign(airing)
    assert airing.status == AiringStatus.AIRED
    assert has_role(airing.confirmed_by, Role.BROADCASTER)
    assert airing.break_slot.starts_at < airing.confirmed_at < timezone.now()
    assert airing.break_slot.booked_seconds == airing.length
    listed = advertiser_selectors.aired_for_certificate(
        airing.advertiser_id, campaign=airing.campaign
    )
    assert listed == [airing]


def test_a_missed_airing_gives_its_seconds_back_and_says_why():
    airing = AiringFactory(missed=True)
    airing.full_clean()
    assert_belongs_to_its_campaign(airing)
    assert airing.status == AiringStatus.MISSED
    assert airing.missed_reason == MISSED_REASON
    assert airing.break_slot.starts_at < timezone.now()
    airing.break_slot.refresh_from_db()
    assert airing.break_slot.booked_seconds == 0


def test_a_broadcaster_confirms_a_factory_airing_of_this_morning():
    today = broadcast_day.today()
    campaign = BookedCampaignFactory(
        lines=[("matinee", 3)], start_date=today, end_date=today + dt.timedelta(days=2)
    )
    this_morning = BreakFactory(day=today, band_code="matinee")  # 07:30, started
    airing = AiringFactory(campaign=campaign, break_slot=this_morning)
    tomorrow = AiringFactory(campaign=campaign)
    assert tomorrow.break_slot.day == today + dt.timedelta(days=1)
    broadcaster = UserFactory(roles=[Role.BROADCASTER])

    airing_services.confirm_aired(airing=airing, actor=broadcaster)

    airing.refresh_from_db()
    campaign.refresh_from_db()
    assert airing.status == AiringStatus.AIRED and airing.confirmed_by == broadcaster
    # On air from its first confirmed airing, until tomorrow's has aired.
    assert campaign.status == Status.AIRING


# --- Unplaced airings --------------------------------------------------------------------------


def test_an_unplaced_airing_waits_at_its_frozen_price():
    item = UnplacedItemFactory()
    item.full_clean()
    assert item.reason == UnplacedReason.FULL
    assert item.resolved_at is None
    assert item.band_code in placement_request(item.campaign).band_codes
    assert item.unit_price == placement_request(item.campaign).unit_price(item.band_code)
    assert list(item.campaign.unplaced_items.filter(resolved_at__isnull=True)) == [item]


def test_a_missed_airing_without_make_good_is_listed_with_its_airing():
    item = UnplacedItemFactory(missed=True)
    item.full_clean()
    assert item.reason == UnplacedReason.MISSED
    assert item.source_airing.status == AiringStatus.MISSED
    assert item.source_airing.campaign == item.campaign
    assert item.source_airing.band_code == item.band_code


def test_a_resolved_unplaced_airing_says_who_released_it():
    item = UnplacedItemFactory(resolved=True)
    item.full_clean()
    assert item.resolution == "released"
    assert has_role(item.resolved_by, Role.ADMINISTRATOR)
    assert not item.campaign.unplaced_items.filter(resolved_at__isnull=True).exists()


# --- Certificates ---------------------------------------------------------------------------


def test_a_certificate_lists_the_aired_airings_and_passes_the_public_check():
    certificate = BroadcastCertificateFactory()
    certificate.full_clean()
    campaign = certificate.campaign
    aired = advertiser_selectors.aired_for_certificate(certificate.advertiser_id, campaign=campaign)
    assert certificate.airing_ids == [airing.pk for airing in aired] and len(aired) == 2
    assert certificate.advertiser == campaign.advertiser
    assert certificate.campaign_title == campaign.title
    assert certificate.is_campaign_certificate
    assert certificate.aired_count == 2
    assert certificate.total_seconds == 60
    assert certificate.total_amount == sum(airing.unit_price for airing in aired)
    assert certificate.period_start == min(a.break_slot.day for a in aired)
    assert certificate.period_end == max(a.break_slot.day for a in aired)

    assert certificates.verify(certificate.display_code) == certificate
    assert certificates.still_matches(certificate)


def test_the_service_gives_back_a_factory_certificate_of_the_same_airings():
    certificate = BroadcastCertificateFactory()
    again, _airings = certificates.issue_certificate(
        advertiser=certificate.advertiser,
        issued_by=certificate.issued_by,
        campaign=certificate.campaign,
    )
    assert again == certificate


def test_a_certificate_for_a_period_covers_the_advertisers_airings():
    certificate = BroadcastCertificateFactory(for_period=True)
    certificate.full_clean()
    assert certificate.campaign is None and not certificate.is_campaign_certificate
    assert certificates.still_matches(certificate)
    again, _airings = certificates.issue_certificate(
        advertiser=certificate.advertiser,
        issued_by=certificate.issued_by,
        start=certificate.period_start,
        end=certificate.period_end,
    )
    assert again == certificate


def test_undoing_a_confirmation_shows_on_the_certificate_check():
    certificate = BroadcastCertificateFactory()
    airing = certificate.campaign.airings.get(pk=certificate.airing_ids[0])
    airing.status = AiringStatus.PLANNED
    airing.save(update_fields=["status"])
    assert not certificates.still_matches(certificate)
