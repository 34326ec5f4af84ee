"""The advisor's "Réserver cette recommandation" link: the wizard's first step
takes the objective (translated into the campaign's) and the audience, the second
the airtime, as from the simulator."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import BusinessSectorFactory
from campaigns.models import Campaign, Objective

from .test_views_wizard import CREATE, edit_url, step1_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def sector():
    return BusinessSectorFactory(name="Boissons", slug="boissons")


def day(n: int) -> str:
    return (timezone.localdate() + timedelta(days=n)).isoformat()


@pytest.mark.parametrize(
    ("advisor", "campaign"),
    [
        ("launch", Objective.PROMOTION),
        ("awareness", Objective.AWARENESS),
        ("sensitisation", Objective.SENSITISATION),
        ("event", Objective.PROMOTION),
    ],
)
def test_the_advisor_s_link_prefills_the_objective_and_the_audience(
    client, advertiser_a, card, advisor, campaign
):
    client.force_login(advertiser_a)
    query = (
        f"?spot_length=30&start_date={day(10)}&end_date={day(23)}"
        f"&bands=prime-time:6,avant-soiree:4&objective={advisor}&audience=youth"
    )
    response = client.get(CREATE + query)
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["objective"] == campaign
    assert initial["target_audience"] == "Jeunes"


def test_hostile_objective_and_audience_are_left_out(client, advertiser_a, card, sector):
    client.force_login(advertiser_a)
    query = f"?spot_length=30&start_date={day(10)}&end_date={day(23)}&bands=prime-time:6"
    response = client.get(CREATE + query + "&objective=<script>&audience=%00")
    assert response.status_code == 200
    assert "objective" not in response.context["form"].initial
    client.post(CREATE, step1_data(sector))
    campaign = Campaign.objects.get(advertiser=advertiser_a.advertiser)
    response = client.get(edit_url(campaign, 2))
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.context["band_rows"]}
    assert rows["prime-time"]["checked"] and str(rows["prime-time"]["airings"]) == "6"
    assert reverse("campaigns:create") == CREATE
