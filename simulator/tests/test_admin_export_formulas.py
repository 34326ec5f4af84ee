"""The quote requests' export (`/admin/quote-requests/?export=csv|xlsx`) writes a
visitor's text that begins like a formula as text (OWASP "CSV injection")."""

from __future__ import annotations

import pytest

from home.tests.spreadsheets import FORMATS, FORMULAS, assert_neutralised
from simulator.tests.factories import QuoteRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("export_format", FORMATS)
@pytest.mark.parametrize("persona", ["superuser", "administrator"])
def test_quote_requests_export_neutralises_formulas(client, request, persona, export_format):
    for value in FORMULAS:
        QuoteRequestFactory(name=value, company=value, message=value)
    client.force_login(request.getfixturevalue(persona))

    response = client.get("/admin/quote-requests/", {"export": export_format})

    assert_neutralised(response, export_format)
