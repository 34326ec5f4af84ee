"""The admin's "usage" pages of the objects a campaign, a spot or a quote request
refers to (user, advertiser, sector, rate card, video) answer, and link each
campaign and spot to the campaign's admin page (they have no edit page)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import get_resolver, reverse
from wagtailmedia.models import get_media_model

from accounts.tests.factories import UserFactory
from campaigns.models import SpotKind
from campaigns.tests.factories import CampaignFactory, SpotFactory
from simulator.demo import ensure_demo_rate_card
from simulator.tests.factories import QuoteRequestFactory

pytestmark = pytest.mark.django_db


def _index_references() -> None:
    """Wagtail fills its reference index once the transaction commits, which a
    test never reaches; the viewsets register their models when the admin's
    URLs load."""
    get_resolver().url_patterns  # noqa: B018
    call_command("rebuild_references_index", stdout=StringIO())


@pytest.fixture
def referenced(db):
    card = ensure_demo_rate_card()[0]
    campaign = CampaignFactory(rate_card=card)
    video = get_media_model().objects.create(
        title="Bissap 30s",
        file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="bissap.mp4"),
        type="video",
        duration=30,
    )
    SpotFactory(campaign=campaign, kind=SpotKind.VIDEO, image=None, media=video)
    quote_request = QuoteRequestFactory(from_client=True)
    _index_references()
    return {
        "campaign": campaign,
        "quote_request": quote_request,
        "users": campaign.created_by.pk,
        "advertisers": campaign.advertiser_id,
        "business_sectors": campaign.sector_id,
        "rate-cards": card.pk,
        "media": video.pk,
    }


@pytest.mark.parametrize("persona", ["superuser", "administrator"])
@pytest.mark.parametrize(
    "screen", ["users", "advertisers", "business_sectors", "rate-cards", "media"]
)
def test_usage_page_answers_and_links_the_campaign_page(
    client, request, referenced, persona, screen
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(f"/admin/{screen}/usage/{referenced[screen]}/")

    assert response.status_code == 200
    campaign_page = reverse("campaign_review:inspect", args=[referenced["campaign"].pk])
    assert f'href="{campaign_page}' in response.content.decode()


def test_user_usage_links_the_quote_request_page(client, superuser, referenced):
    quote_request = referenced["quote_request"]
    client.force_login(superuser)

    response = client.get(f"/admin/users/usage/{quote_request.user_id}/")

    assert response.status_code == 200
    page = reverse("quote_requests:inspect", args=[quote_request.pk])
    assert f'href="{page}' in response.content.decode()


def test_no_link_for_a_user_without_the_campaign_permission(client, referenced):
    """The editorial manager reaches no campaign page: the usage row has no link
    (Wagtail's "private" row), and the page still answers."""
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(*_permissions("wagtailadmin.access_admin", "accounts.change_user"))
    client.force_login(viewer)

    response = client.get(f"/admin/users/usage/{referenced['users']}/")

    assert response.status_code == 200
    campaign_page = reverse("campaign_review:inspect", args=[referenced["campaign"].pk])
    assert campaign_page not in response.content.decode()


def _permissions(*names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found
