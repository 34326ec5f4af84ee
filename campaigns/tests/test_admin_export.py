"""The "All campaigns" export runs no formula in a spreadsheet (OWASP "CSV injection"):
a title that begins like a formula is written as text."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

ALL = reverse("campaigns_all:index")


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode("utf-8-sig")


def test_a_title_starting_with_equals_is_exported_as_text(client, administrator, card):
    title = '=HYPERLINK("http://evil.example","Bissap")'
    campaign = CampaignFactory(title=title)
    services.submit(campaign=campaign, user=campaign.created_by, accept_terms=True)
    client.force_login(administrator)

    response = client.get(ALL, {"export": "csv"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body(response))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + title in cells
    assert title not in cells
