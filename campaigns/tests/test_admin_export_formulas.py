"""The "All campaigns" export (`/admin/campaigns/all/?export=csv|xlsx`) writes a
title, a product or an advertiser's name that begins like a formula as text
(OWASP "CSV injection")."""

from __future__ import annotations

import pytest

from accounts.tests.factories import AdvertiserFactory, AdvertiserUserFactory
from campaigns import services
from campaigns.tests.factories import CampaignFactory
from home.tests.spreadsheets import FORMATS, FORMULAS, assert_neutralised

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("export_format", FORMATS)
def test_all_campaigns_export_neutralises_formulas(client, administrator, card, export_format):
    for value in FORMULAS:
        user = AdvertiserUserFactory(advertiser=AdvertiserFactory(name=value))
        campaign = CampaignFactory(user=user, title=value, product=value)
        services.submit(campaign=campaign, user=user, accept_terms=True)
    client.force_login(administrator)

    response = client.get("/admin/campaigns/all/", {"export": export_format})

    assert_neutralised(response, export_format)
