"""Unicode digits and endless numbers in the report filters: the page and the
export answer, never a 500 (`core.numbers.parse_int`)."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize("advertiser", ["²", "9" * 5000, "1" * 30])
def test_report_filters(db, client_as, advertiser):
    staff = client_as("administrator")
    overview = staff.get(reverse("reports_admin:overview"), {"advertiser": advertiser})
    assert overview.status_code == 200
    staff.logout()
    client = client_as("advertiser_a")
    export = client.get(reverse("reports:export_csv"), {"advertiser": advertiser})
    assert export.status_code == 200
