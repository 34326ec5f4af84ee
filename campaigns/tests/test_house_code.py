"""House codes: given once when a spot is approved (by the team, or by the client
for a made spot; a reused copy gets its own), unique, never changed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from campaigns import services
from campaigns.house_codes import assign_house_code, house_code_for, house_code_prefix
from campaigns.models import ReviewState, Spot, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory

pytestmark = pytest.mark.django_db


def test_the_team_approving_a_spot_gives_it_its_code(advertiser_a, administrator):
    spot = SpotFactory(campaign=CampaignFactory(user=advertiser_a))
    assert spot.house_code is None
    services.review_spot(spot=spot, actor=administrator, approve=True)
    assert spot.house_code == f"BF1-{spot.pk:06d}"
    spot.refresh_from_db()
    assert spot.house_code == f"BF1-{spot.pk:06d}"


def test_a_refused_spot_gets_no_code(advertiser_a, administrator):
    spot = SpotFactory(campaign=CampaignFactory(user=advertiser_a))
    services.review_spot(spot=spot, actor=administrator, approve=False, reason="Son saturé")
    spot.refresh_from_db()
    assert spot.house_code is None


def test_the_client_approving_the_made_spot_gives_it_its_code(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a, status=Status.IN_PRODUCTION)
    made = SpotFactory(
        campaign=campaign, made_by_team=True, review_state=ReviewState.AWAITING_CLIENT
    )
    services.client_review_spot(spot=made, user=advertiser_a, approve=True)
    made.refresh_from_db()
    assert made.house_code == house_code_for(made.pk)


def test_the_code_never_changes(advertiser_a, administrator, settings):
    spot = SpotFactory(campaign=CampaignFactory(user=advertiser_a))
    services.review_spot(spot=spot, actor=administrator, approve=True)
    first = spot.house_code
    settings.ASRUN_HOUSE_CODE_PREFIX = "TV2"
    again = Spot.objects.get(pk=spot.pk)
    assert assign_house_code(again) == first
    Spot.objects.filter(pk=spot.pk).update(review_reason="revu")
    stale = Spot.objects.get(pk=spot.pk)
    stale.house_code = None  # an old copy in memory: the database keeps its code
    assert assign_house_code(stale) == first
    assert Spot.objects.get(pk=spot.pk).house_code == first


def test_the_prefix_comes_from_the_settings(settings):
    settings.ASRUN_HOUSE_CODE_PREFIX = "tv2"
    assert house_code_prefix() == "TV2" and house_code_for(1234567) == "TV2-1234567"
    settings.ASRUN_HOUSE_CODE_PREFIX = "BF 1"
    with pytest.raises(ImproperlyConfigured):
        house_code_prefix()


def test_a_reused_spot_gets_its_own_code(advertiser_a, administrator):
    old = CampaignFactory(user=advertiser_a, status=Status.FINISHED)
    original = SpotFactory(campaign=old)
    services.review_spot(spot=original, actor=administrator, approve=True)
    campaign = CampaignFactory(user=advertiser_a)
    copy = services.reuse_spot(campaign=campaign, spot=original, user=advertiser_a)
    assert copy.pk != original.pk and copy.image_id == original.image_id
    assert copy.house_code == house_code_for(copy.pk) != original.house_code
    again = services.reuse_spot(campaign=campaign, spot=original, user=advertiser_a)
    assert (again.pk, again.house_code) == (copy.pk, copy.house_code)


def test_codes_are_unique(advertiser_a, administrator):
    campaign = CampaignFactory(user=advertiser_a)
    spots = SpotFactory.create_batch(5, campaign=campaign)
    for spot in spots:
        services.review_spot(spot=spot, actor=administrator, approve=True)
    codes = list(Spot.objects.exclude(house_code=None).values_list("house_code", flat=True))
    assert len(codes) == len(set(codes)) == 5
    with pytest.raises(Exception):  # noqa: B017 - the database's unique constraint
        Spot.objects.filter(pk=spots[0].pk).update(house_code=codes[1])


def test_the_migration_gives_codes_to_spots_approved_before(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    approved = SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
    pending = SpotFactory(campaign=campaign)
    migration = importlib.import_module("campaigns.migrations.0007_spot_house_code")
    migration.give_codes_to_approved_spots(apps, None)
    approved.refresh_from_db()
    pending.refresh_from_db()
    assert approved.house_code == f"BF1-{approved.pk:06d}" and pending.house_code is None
