"""A campaign's admin page (issue 13): a "Placement" link to its placement once
approved (added by broadcasting, whose screens campaigns does not import); the
languages by name ("Langues : Français", not "fr")."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from campaigns.models import Status
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def inspect(campaign) -> str:
    return reverse("campaign_review:inspect", args=[campaign.pk])


def placement(campaign) -> str:
    return reverse("broadcast_unplaced:campaign", args=[campaign.pk])


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_an_approved_campaign_links_to_its_placement(client, administrator, card):
    campaign = CampaignFactory(status=Status.APPROVED)
    client.force_login(administrator)
    response = client.get(inspect(campaign))
    assert response.status_code == 200
    assert f'href="{placement(campaign)}"' in response.content.decode()
    assert "Placement" in text_of(response)


def test_a_draft_has_no_placement_link(client, administrator, card):
    campaign = CampaignFactory(status=Status.SUBMITTED)
    client.force_login(administrator)
    assert placement(campaign) not in client.get(inspect(campaign)).content.decode()


def test_languages_by_name(client, administrator, card):
    campaign = CampaignFactory(languages=["fr", "mos"], brief_languages=["dyu"])
    client.force_login(administrator)
    text = text_of(client.get(inspect(campaign)))
    assert re.search(r"Langues Français, Mooré", text)
    assert not re.search(r"Langues fr\b", text)
