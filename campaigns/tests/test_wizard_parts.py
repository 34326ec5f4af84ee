"""The wizard shows the part of a step that applies (Alpine's x-show) and still
renders every field, so that the pages work without JavaScript; the server
stays the judge of what is required."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import BusinessSectorFactory
from campaigns.models import CreativeMode, ReviewState
from campaigns.tests.factories import CampaignFactory, SpotFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("campaigns:create")


def edit_url(campaign, step: int) -> str:
    return f"{reverse('campaigns:edit', kwargs={'uuid': campaign.uuid})}?step={step}"


def x_data(html: str, marker: str) -> str:
    """The x-data of the element carrying `marker`."""
    match = re.search(r'x-data="([^"]*)"[^>]*' + re.escape(marker), html) or re.search(
        re.escape(marker) + r'[^>]*x-data="([^"]*)"', html
    )
    assert match, marker
    return match.group(1)


@pytest.fixture
def sectors(db):
    return (
        BusinessSectorFactory(name="Boissons fraîches (test)", requires_authorization=False),
        BusinessSectorFactory(name="Tisanes (test)", requires_authorization=True),
    )


def test_step1_sector_options_say_whether_authorisation_is_needed(client, advertiser_a, sectors):
    free, restricted = sectors
    client.force_login(advertiser_a)
    html = client.get(CREATE).content.decode()
    assert re.search(
        rf'<option value="{restricted.pk}"[^>]*data-requires-authorization="true"', html
    )
    assert re.search(rf'<option value="{free.pk}"[^>]*data-requires-authorization="false"', html)
    # the document field is rendered (visible without JavaScript), shown by Alpine on demand
    assert 'name="authorization_document"' in html
    assert 'x-data="authorizationDocument" data-needs-authorization="false"' in html
    assert 'x-show="showDocument()" data-authorization-document' in html


def test_step1_shows_the_document_field_for_a_restricted_sector(client, advertiser_a, sectors):
    _free, restricted = sectors
    campaign = CampaignFactory(user=advertiser_a, sector=restricted)
    client.force_login(advertiser_a)
    html = client.get(edit_url(campaign, 1)).content.decode()
    assert 'x-data="authorizationDocument" data-needs-authorization="true"' in html


def test_step1_still_requires_the_document_on_the_server(client, advertiser_a, sectors, card):
    """Hiding the field changes nothing: submitting without the document is refused."""
    from campaigns import services
    from campaigns.exceptions import CampaignError

    _free, restricted = sectors
    campaign = CampaignFactory(user=advertiser_a, sector=restricted)
    with pytest.raises(CampaignError) as error:
        services.submit(campaign=campaign, user=advertiser_a, accept_terms=True)
    assert "authorization_document" in error.value.field_errors


@pytest.mark.parametrize(
    ("mode", "visible"),
    [
        (CreativeMode.PROVIDE, "provide"),
        (CreativeMode.MAKE, "make"),
        (CreativeMode.REUSE, "reuse"),
        ("", ""),
    ],
)
def test_step3_shows_the_part_of_the_choice(client, advertiser_a, mode, visible):
    campaign = CampaignFactory(user=advertiser_a, creative_mode=mode)
    client.force_login(advertiser_a)
    html = client.get(edit_url(campaign, 3)).content.decode()
    assert f'x-data="creativeMode" data-mode="{visible}"' in html
    for part in ("provide", "make", "reuse"):
        assert f'x-show="isMode(\'{part}\')" data-creative-part="{part}"' in html
    # every field is in the page, for browsers without JavaScript
    for name in ("creative_mode", "spot", "brief_message", "brief_contacts", "brief_material"):
        assert f'name="{name}"' in html
    assert "MP4" in html  # the upload hints of "I provide my spot"


def test_step3_reuse_picker_lists_the_companys_approved_spots(client, advertiser_a, advertiser_b):
    earlier = CampaignFactory(user=advertiser_a, title="Bissap 2024")
    SpotFactory(campaign=earlier, review_state=ReviewState.APPROVED)
    SpotFactory(campaign=CampaignFactory(user=advertiser_b, title="Télécom 2024"))
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(advertiser_a)
    html = client.get(edit_url(campaign, 3)).content.decode()
    assert "Bissap 2024" in html
    assert "Télécom 2024" not in html


def test_step3_without_spots_to_reuse_says_so(client, advertiser_a):
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(advertiser_a)
    response = client.get(edit_url(campaign, 3))
    assert response.context["form"].fields["spot"].queryset.count() == 0
    assert 'data-creative-part="reuse"' in response.content.decode()


def test_step3_brief_still_required_on_the_server(client, advertiser_a, card):
    campaign = CampaignFactory(user=advertiser_a, creative_mode="")
    client.force_login(advertiser_a)
    client.post(edit_url(campaign, 3), {"step": "3", "creative_mode": "make"})
    client.post(edit_url(campaign, 4), {"step": "4", "accept_terms": "on"})
    campaign.refresh_from_db()
    assert campaign.status == "draft"  # the brief's message and contact are missing
