"""The "Messages" panel of the admin campaign page: the threads about the
campaign, each opening in the admin, and a link to write about it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from campaigns.tests.factories import CampaignFactory
from conversations import services
from conversations.models import Thread

pytestmark = pytest.mark.django_db


def test_campaign_admin_page_lists_its_threads(client, advertiser_a, administrator):
    campaign = CampaignFactory(user=advertiser_a)
    thread = services.open_thread(
        author=advertiser_a,
        kind="question",
        title="Quand commence-t-elle ?",
        body="?",
        subject_type="campaign",
        subject_id=campaign.pk,
    )
    client.force_login(administrator)
    page = client.get(reverse("campaign_review:inspect", args=[campaign.pk])).content.decode()
    assert 'id="conversation-panel"' in page
    assert reverse("conversations_admin:thread", args=[thread.pk]) in page
    assert f"{reverse('conversations_admin:new')}?subject=campaign%3A{campaign.pk}" in page


def test_writing_about_a_campaign_from_the_admin(client, advertiser_a, administrator):
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(administrator)
    new = reverse("conversations_admin:new")
    form = client.get(f"{new}?subject=campaign:{campaign.pk}").context["form"]
    assert form.initial["advertiser"] == advertiser_a.advertiser_id
    assert form.initial["subject"] == f"campaign:{campaign.pk}"
    client.post(
        new,
        {
            "advertiser": advertiser_a.advertiser_id,
            "kind": "question",
            "subject": f"campaign:{campaign.pk}",
            "title": "Votre spot",
            "body": "Pouvez-vous nous envoyer le fichier ?",
        },
    )
    thread = Thread.objects.get(title="Votre spot")
    assert (thread.subject_type, thread.subject_id) == ("campaign", campaign.pk)
    assert thread.subject_label == campaign.title
