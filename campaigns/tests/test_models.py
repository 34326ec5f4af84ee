"""Model rules the database enforces itself."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from campaigns.models import Campaign, CampaignEvent, CampaignLine, SpotKind, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory, image_factory_image

pytestmark = pytest.mark.django_db


def test_a_new_campaign_is_a_draft_with_a_uuid(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    assert campaign.status == Status.DRAFT
    assert campaign.uuid
    assert campaign.is_editable and not campaign.is_closed and not campaign.is_quote_frozen
    assert campaign.get_absolute_url().endswith(f"{campaign.uuid}/")
    assert campaign.total_airings == 10
    assert str(campaign) == campaign.title


def test_end_before_start_is_refused_by_the_database(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    campaign.end_date = campaign.start_date - timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        campaign.save()


def test_one_line_per_band_and_airings_positive(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignLine.objects.create(campaign=campaign, band_code="prime-time", airings=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignLine.objects.create(campaign=campaign, band_code="matinee", airings=0)


def test_events_are_append_only(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    event = CampaignEvent.objects.create(campaign=campaign, to_status=Status.DRAFT)
    event.note = "changed"
    with pytest.raises(ValueError):
        event.save()


def test_a_spot_has_exactly_one_file(advertiser_a):
    spot = SpotFactory(campaign=CampaignFactory(user=advertiser_a))
    assert spot.kind == SpotKind.IMAGE and not spot.is_approved
    spot.image = None
    with pytest.raises(IntegrityError), transaction.atomic():
        spot.save()


def test_a_spot_kind_matches_its_file(advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpotFactory(campaign=campaign, kind=SpotKind.VIDEO, image=image_factory_image())


def test_listing_index_exists():
    names = {index.name for index in Campaign._meta.indexes}
    assert "campaign_adv_status_created" in names


def test_administrators_may_manage_campaigns(administrator):
    for perm in ("add_campaign", "change_campaign", "view_campaign", "change_spot", "view_spot"):
        assert administrator.has_perm(f"campaigns.{perm}")
    assert not administrator.has_perm("campaigns.delete_campaign")


def test_advertisers_have_no_admin_rights(advertiser_a):
    assert not advertiser_a.has_perm("campaigns.view_campaign")
