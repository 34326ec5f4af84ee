"""The booking wizard (/campaigns/create/, /campaigns/<uuid>/edit/?step=N)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AdvertiserUserFactory, BusinessSectorFactory
from campaigns.models import Campaign, CampaignLine, Status
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("campaigns:create")


def day(n: int) -> str:
    return (timezone.localdate() + timedelta(days=n)).isoformat()


def edit_url(campaign, step: int) -> str:
    return f"{reverse('campaigns:edit', kwargs={'uuid': campaign.uuid})}?step={step}"


def step1_data(sector, **extra):
    return {
        "step": "1",
        "title": "Bissap frais",
        "product": "Jus de bissap Sahel",
        "sector": str(sector.pk),
        "objective": "promotion",
        "languages": ["fr", "mos"],
        "target_audience": "Familles",
        "key_message": "Le goût du Faso",
        **extra,
    }


def airtime(**extra):
    data = {
        "step": "2",
        "start_date": day(7),
        "end_date": day(20),
        "spot_length": "30",
        "band": ["prime-time"],
        "airings_prime-time": "10",
    }
    data.update(extra)
    return data


@pytest.fixture
def sector():
    return BusinessSectorFactory(name="Boissons")


def test_full_wizard_to_submitted_with_frozen_quote(client, advertiser_a, card, sector):
    client.force_login(advertiser_a)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, step1_data(sector))
    campaign = Campaign.objects.get(advertiser=advertiser_a.advertiser)
    assert response.status_code == 302
    assert response["Location"] == edit_url(campaign, 2)
    assert campaign.status == Status.DRAFT and campaign.title == "Bissap frais"

    page = client.get(edit_url(campaign, 2))
    assert page.status_code == 200
    assert "prime-time" in page.content.decode()
    response = client.post(reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}), airtime())
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == edit_url(campaign, 3)
    assert list(campaign.lines.values_list("band_code", "airings")) == [("prime-time", 10)]

    response = client.post(
        reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}),
        {"step": "3", "creative_mode": "provide"},
    )
    assert response["Location"] == edit_url(campaign, 4)
    page = client.get(edit_url(campaign, 4))
    assert page.context["quote"]["total"] > 0

    response = client.post(
        reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}),
        {"step": "4", "accept_terms": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == campaign.get_absolute_url()
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED
    assert campaign.is_quote_frozen and campaign.quote_total == page.context["quote"]["total"]
    assert campaign.rate_card == card
    detail = client.get(campaign.get_absolute_url())
    assert detail.context["quote"]["total"] == campaign.quote_total


def test_resume_shows_saved_values(client, advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a, title="Reprise")
    client.force_login(advertiser_a)
    response = client.get(edit_url(campaign, 1))
    assert response.context["form"].initial["title"] == "Reprise"
    response = client.get(edit_url(campaign, 2))
    rows = {row["code"]: row for row in response.context["band_rows"]}
    assert rows["prime-time"]["checked"] and rows["prime-time"]["airings"] == 10


def test_simulator_link_prefills_step_2(client, advertiser_a, card, sector):
    client.force_login(advertiser_a)
    query = (
        f"?spot_length=45&start_date={day(10)}&end_date={day(30)}"
        "&bands=matinee:4,prime-time:6&options=position-fixe"
    )
    assert client.get(CREATE + query).status_code == 200
    client.post(CREATE, step1_data(sector))
    campaign = Campaign.objects.get(advertiser=advertiser_a.advertiser)
    response = client.get(edit_url(campaign, 2))
    form = response.context["form"]
    assert str(form.initial["spot_length"]) == "45"
    assert form.initial["start_date"] == day(10)
    assert form.initial["end_date"] == day(30)
    assert form.initial["options"] == ["position-fixe"]
    rows = {row["code"]: row for row in response.context["band_rows"]}
    assert rows["matinee"]["checked"] and str(rows["matinee"]["airings"]) == "4"
    assert rows["prime-time"]["checked"] and str(rows["prime-time"]["airings"]) == "6"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"start_date": day(-2)}, "start_date"),
        ({"start_date": day(20), "end_date": day(10)}, "end_date"),
        ({"start_date": day(2), "end_date": day(2 + 400)}, "end_date"),
        ({"band": ["nope"], "airings_nope": "3"}, "bands"),
        ({"airings_prime-time": "0"}, "bands"),
    ],
    ids=["past", "end-before-start", "over-365-days", "unknown-band", "zero-airings"],
)
def test_bad_airtime_is_refused_and_changes_nothing(client, advertiser_a, card, data, field):
    campaign = CampaignFactory(user=advertiser_a)
    before = (campaign.start_date, campaign.end_date, campaign.spot_length)
    client.force_login(advertiser_a)
    response = client.post(
        reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}), airtime(**data)
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get(field), response.context["form"].errors
    campaign.refresh_from_db()
    assert (campaign.start_date, campaign.end_date, campaign.spot_length) == before
    assert list(campaign.lines.values_list("band_code", "airings")) == [("prime-time", 10)]


def test_submit_without_terms_is_refused(client, advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(advertiser_a)
    response = client.post(reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}), {"step": "4"})
    assert response.status_code == 200
    assert response.context["form"].errors["accept_terms"]
    campaign.refresh_from_db()
    assert campaign.status == Status.DRAFT and not campaign.is_quote_frozen


def test_step_1_requires_a_title(client, advertiser_a, card, sector):
    client.force_login(advertiser_a)
    response = client.post(CREATE, step1_data(sector, title=""))
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not Campaign.objects.exists()


def test_restricted_sector_asks_for_the_document(client, advertiser_a, card):
    sector = BusinessSectorFactory(name="Pharmacie", requires_authorization=True)
    campaign = CampaignFactory(user=advertiser_a, sector=sector)
    client.force_login(advertiser_a)
    assert (
        f'data-restricted-sector="{sector.pk}"'
        in client.get(edit_url(campaign, 1)).content.decode()
    )
    response = client.post(
        reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}),
        {"step": "4", "accept_terms": "on"},
    )
    assert response.context["form"].errors["__all__"]
    campaign.refresh_from_db()
    assert campaign.status == Status.DRAFT


def test_make_it_for_me_brief(client, advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(advertiser_a)
    response = client.post(
        reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}),
        {
            "step": "3",
            "creative_mode": "make",
            "brief_message": "Un spot joyeux",
            "brief_contacts": "Awa, 70 00 00 00",
            "brief_delivery_date": day(5),
        },
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.creative_mode == "make" and campaign.brief_message == "Un spot joyeux"


def test_b_cannot_edit_a(client, advertiser_a, advertiser_b, card):
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(advertiser_b)
    assert client.get(edit_url(campaign, 1)).status_code == 404
    response = client.post(
        reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}), step1_data(campaign.sector)
    )
    assert response.status_code == 404
    assert Campaign.objects.get(pk=campaign.pk).title == campaign.title


def test_unconfirmed_email_cannot_book(client, card):
    user = AdvertiserUserFactory(email_confirmed_at=None)
    client.force_login(user)
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:resend_confirmation")


def test_submitted_campaign_is_not_editable(client, advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a, status=Status.SUBMITTED)
    client.force_login(advertiser_a)
    response = client.post(
        reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}), airtime(spot_length="20")
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.spot_length == 30
    assert CampaignLine.objects.filter(campaign=campaign).count() == 1
