"""The cultural rate is booked by the advertisers entitled to it (a cultural
organisation confirmed by the commercial team), and said to be out of reach,
never silently dropped, for the others (issue 13)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AdvertiserCategory
from accounts.tests.factories import BusinessSectorFactory
from campaigns import services
from campaigns.exceptions import CampaignError
from campaigns.models import Campaign, Status
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("campaigns:create")


def day(n: int) -> str:
    return (timezone.localdate() + timedelta(days=n)).isoformat()


def edit(campaign) -> str:
    return reverse("campaigns:edit", kwargs={"uuid": campaign.uuid})


def simulator_link() -> str:
    return (
        f"{CREATE}?spot_length=30&start_date={day(7)}&end_date={day(20)}"
        "&bands=matinee:3&options=tarif-culturel"
    )


def start_from_simulator(client, user):
    client.force_login(user)
    assert client.get(simulator_link()).status_code == 200
    sector = BusinessSectorFactory(name="Culture")
    response = client.post(
        CREATE,
        {
            "step": "1",
            "title": "Festival des masques",
            "product": "FESTIMA",
            "sector": str(sector.pk),
            "objective": "awareness",
            "languages": ["fr"],
            "key_message": "Venez nombreux",
        },
    )
    assert response.status_code == 302
    return Campaign.objects.get(advertiser=user.advertiser)


def make_cultural(user):
    advertiser = user.advertiser
    advertiser.category = AdvertiserCategory.CULTURAL
    advertiser.save()


def step2_post(campaign, **extra):
    data = {
        "step": "2",
        "start_date": day(7),
        "end_date": day(20),
        "spot_length": "30",
        "band": ["matinee"],
        "airings_matinee": "3",
        "options": ["tarif-culturel"],
    }
    data.update(extra)
    return data


def test_entitled_advertiser_books_and_freezes_the_cultural_price(client, advertiser_a, card):
    make_cultural(advertiser_a)
    campaign = start_from_simulator(client, advertiser_a)
    page = client.get(f"{edit(campaign)}?step=2")
    form = page.context["form"]
    assert form.initial["options"] == ["tarif-culturel"]
    box = re.search(r'<input[^>]*value="tarif-culturel"[^>]*>', page.content.decode()).group(0)
    assert "checked" in box and "disabled" not in box
    assert page.context["refused_initial_options"] == []

    response = client.post(edit(campaign), step2_post(campaign))
    assert response.status_code == 302, response.context["form"].errors
    campaign.refresh_from_db()
    assert campaign.options == ["tarif-culturel"]

    client.post(edit(campaign), {"step": "3", "creative_mode": "provide"})
    client.post(edit(campaign), {"step": "4", "accept_terms": "on"})
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED
    # 3 Matinée airings at 35 400 incl. VAT, as in the simulator.
    assert campaign.quote_total == 106_200
    assert campaign.quote["options"] == ["tarif-culturel"]

    from campaigns.quote_pdf import render_quote_pdf

    pdf = render_quote_pdf(campaign, campaign.quote, frozen=True, compress=False)
    assert b"106 200" in pdf  # the total incl. VAT
    assert b"134 609" not in pdf


def test_other_advertiser_is_told_why_at_step_2(client, advertiser_a, card):
    campaign = start_from_simulator(client, advertiser_a)
    page = client.get(f"{edit(campaign)}?step=2")
    html = page.content.decode()
    reasons = page.context["refused_initial_options"]
    assert len(reasons) == 1
    assert "réservé aux organisations culturelles" in reasons[0]
    assert "profil" in reasons[0]
    assert reasons[0] in html
    # The option is shown, disabled, with its reason beside it.
    assert 'aria-describedby="option-refusal-tarif-culturel"' in html


def test_other_advertiser_sending_the_option_gets_a_french_error(client, advertiser_a, card):
    campaign = start_from_simulator(client, advertiser_a)
    response = client.post(edit(campaign), step2_post(campaign))
    assert response.status_code == 200
    errors = response.context["form"].errors["options"]
    assert any("réservé aux organisations culturelles" in e for e in errors)
    campaign.refresh_from_db()
    assert campaign.options == []


def test_pending_request_is_named_in_the_reason(client, advertiser_a, card):
    advertiser = advertiser_a.advertiser
    advertiser.requested_category = AdvertiserCategory.CULTURAL
    advertiser.save()
    campaign = start_from_simulator(client, advertiser_a)
    page = client.get(f"{edit(campaign)}?step=2")
    assert "en cours d'examen" in page.context["refused_initial_options"][0]


def test_submit_refuses_a_cultural_rate_no_longer_entitled(advertiser_a, card):
    """Category withdrawn after the draft was saved: the submission says why
    instead of freezing the normal price."""
    campaign = CampaignFactory(user=advertiser_a, options=["tarif-culturel"])
    campaign.lines.all().delete()
    campaign.lines.create(band_code="matinee", band_name="Matinée", airings=3)
    with pytest.raises(CampaignError) as caught:
        services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert "options" in caught.value.field_errors
    campaign.refresh_from_db()
    assert campaign.status == Status.DRAFT and not campaign.is_quote_frozen


def test_cultural_rate_with_no_morning_band_is_refused_in_the_wizard(client, advertiser_a, card):
    make_cultural(advertiser_a)
    campaign = start_from_simulator(client, advertiser_a)
    data = step2_post(campaign, band=["prime-time"], **{"airings_prime-time": "3"})
    data.pop("airings_matinee")
    response = client.post(edit(campaign), data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["options"])
    assert "Tarif culturel" in errors and "Matinée" in errors
