"""Wagtail's own admin reports export through the formula-safe writer too: the
site history lists objects by name, and an advertiser's name is typed by the
advertiser (`/admin/reports/site-history/?export=csv|xlsx`)."""

from __future__ import annotations

import pytest
from wagtail.log_actions import log

from accounts.tests.factories import AdvertiserFactory

from .spreadsheets import FORMATS, FORMULAS, assert_neutralised

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("export_format", FORMATS)
@pytest.mark.parametrize("results", ["", "results/"])
def test_site_history_export_neutralises_formulas(client, superuser, export_format, results):
    for value in FORMULAS:
        log(instance=AdvertiserFactory(name=value), action="wagtail.edit", user=superuser)
    client.force_login(superuser)

    response = client.get(f"/admin/reports/site-history/{results}", {"export": export_format})

    assert_neutralised(response, export_format)


def test_site_history_page_still_lists_the_entries(client, superuser):
    log(instance=AdvertiserFactory(name="Sahel Boissons SA"), action="wagtail.edit", user=superuser)
    client.force_login(superuser)

    response = client.get("/admin/reports/site-history/")

    assert response.status_code == 200
    assert "Sahel Boissons SA" in response.content.decode()


def test_the_reports_still_ask_for_the_admin_access(client):
    response = client.get("/admin/reports/site-history/", {"export": "csv"})

    assert response.status_code == 302
    assert "login/?next=/admin/reports/site-history/" in response["Location"]
