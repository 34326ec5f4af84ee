"""Single-line fields of the booking wizard refuse line breaks (issue 12): a
title such as "Titre\\r\\nBcc: x" would be stored, then break every notification
e-mail about the campaign. The form answers with a French message and nothing
is stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import BusinessSectorFactory
from campaigns.forms import AirtimeForm, CampaignFilterForm, CampaignInfoForm, CreativeForm
from campaigns.models import Campaign
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("campaigns:create")
MESSAGE = "Ce champ doit tenir sur une seule ligne : retirez les retours à la ligne."
HOSTILE = ["Titre\r\nBcc: x@example.com", "Titre\nSuite", "Titre\rSuite", "Titre\u2028Suite"]


@pytest.fixture
def sector():
    return BusinessSectorFactory(name="Boissons")


def step1(sector, **extra):
    return {
        "step": "1",
        "title": "Bissap frais",
        "product": "Jus de bissap",
        "sector": str(sector.pk),
        "objective": "promotion",
        "languages": ["fr"],
        "target_audience": "Familles\nde Ouagadougou",  # a text area: lines allowed
        "key_message": "Le goût\r\ndu Faso",
        **extra,
    }


@pytest.mark.parametrize("title", HOSTILE)
def test_a_new_campaign_title_with_a_line_break_is_refused_and_nothing_stored(
    client, advertiser_a, card, sector, title
):
    client.force_login(advertiser_a)

    response = client.post(CREATE, step1(sector, title=title))

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [MESSAGE]
    assert "Ce champ doit tenir sur une seule ligne" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_the_product_refuses_line_breaks_too(client, advertiser_a, card, sector):
    client.force_login(advertiser_a)

    response = client.post(CREATE, step1(sector, product="Bissap\r\nBcc: x"))

    assert response.context["form"].errors["product"] == [MESSAGE]
    assert Campaign.objects.count() == 0


def test_text_areas_keep_their_lines(client, advertiser_a, card, sector):
    client.force_login(advertiser_a)

    response = client.post(CREATE, step1(sector))

    assert response.status_code == 302
    assert Campaign.objects.get().key_message == "Le goût\r\ndu Faso"


def test_editing_a_draft_title_with_a_line_break_leaves_it_unchanged(
    client, advertiser_a, card, sector
):
    campaign = CampaignFactory(advertiser=advertiser_a.advertiser, title="Bissap frais")
    client.force_login(advertiser_a)

    response = client.post(
        reverse("campaigns:edit", kwargs={"uuid": campaign.uuid}),
        step1(sector, title="Titre\r\nBcc: x"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [MESSAGE]
    campaign.refresh_from_db()
    assert campaign.title == "Bissap frais"


def test_every_single_line_field_of_the_wizard_and_the_list_refuses_line_breaks():
    forms_and_fields = [
        (CampaignInfoForm, ["title", "product"]),
        (AirtimeForm, ["bands"]),
        (CreativeForm, ["brief_tone"]),
        (CampaignFilterForm, ["q"]),
    ]
    for form_class, names in forms_and_fields:
        kwargs = {"spots": Campaign.objects.none()} if form_class is CreativeForm else {}
        form = form_class(data=dict.fromkeys(names, "a\nb"), **kwargs)
        form.is_valid()
        for name in names:
            assert MESSAGE in form.errors.get(name, []), (form_class.__name__, name)
