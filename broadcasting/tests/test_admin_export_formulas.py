"""The broadcast journal's export (`/admin/broadcasting/journal/?export=csv|xlsx`)
writes a campaign title or a note that begins like a formula as text (OWASP
"CSV injection")."""

from __future__ import annotations

import pytest

from broadcasting.models import AiringEvent
from home.tests.spreadsheets import FORMATS, FORMULAS, assert_neutralised

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("export_format", FORMATS)
def test_journal_export_neutralises_formulas(
    client, administrator, approved_campaign, export_format
):
    for value in FORMULAS:
        campaign = approved_campaign(title=value)
        AiringEvent.objects.create(
            campaign=campaign, action="released", actor=administrator, note=value
        )
    client.force_login(administrator)

    response = client.get("/admin/broadcasting/journal/", {"export": export_format})

    assert_neutralised(response, export_format)
