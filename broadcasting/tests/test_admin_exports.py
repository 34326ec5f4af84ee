"""The listing export of the "Diffusion" journal: no cell that a spreadsheet
would run as a formula (OWASP "CSV injection")."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from broadcasting.models import AiringEvent

pytestmark = pytest.mark.django_db

JOURNAL = reverse("broadcast_journal:index")


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_journal_csv_export_neutralises_formulas(client, administrator, approved_campaign):
    campaign = approved_campaign(title='=HYPERLINK("http://evil.example","Bissap")')
    AiringEvent.objects.create(
        campaign=campaign, action="released", actor=administrator, note="@SUM(A1:A9)"
    )
    client.force_login(administrator)

    response = client.get(JOURNAL, {"export": "csv"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(_body(response))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + campaign.title in cells
    assert "'@SUM(A1:A9)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
