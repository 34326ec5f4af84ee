"""The admin dashboard's panel: this month's key figures beside the pending
counts, for the commercial administrators only."""

import datetime as dt
from unittest import mock

import pytest

from broadcasting.models import AiringStatus
from reports.tests.test_selectors import approve, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def april_15():
    with mock.patch("django.utils.timezone.now", return_value=local(2026, 4, 15, 12, 0)):
        yield


def test_the_dashboard_shows_this_months_figures(
    client_as, april_15, make_breaks, approved_campaign, airing_in
):
    breaks = make_breaks(dt.date(2026, 4, 6), days=2)
    campaign = approved_campaign(start=dt.date(2026, 4, 6), days=2)
    approve(campaign, local(2026, 4, 2, 9), quote_subtotal=175500, quote_discount=500)
    airing_in(breaks[0], campaign, status=AiringStatus.AIRED)
    airing_in(breaks[2], campaign, status=AiringStatus.MISSED)
    # March: not this month
    old = make_breaks(dt.date(2026, 3, 30), days=1)[0]
    airing_in(old, campaign, status=AiringStatus.AIRED)

    response = client_as("administrator").get("/admin/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="reports-month-figures"' in page
    assert 'id="campaigns-pending-counts"' in page
    # beside the pending counts, after them
    assert page.index("campaigns-pending-counts") < page.index("reports-month-figures")
    panel = page[page.index('id="reports-month-figures"') :]
    assert "175\u202f000\u00a0FCFA" in panel  # booked: 175 500 − 500
    assert "87\u202f750\u00a0FCFA" in panel  # delivered: one prime-time airing
    assert '<span data-count="aired">1</span>' in panel
    assert '<span data-count="missed">1</span>' in panel
    # 2 × 30 s booked over 4 breaks of 180 s
    assert "8,3 %" in panel
    assert "start=2026-04-01&amp;end=2026-04-30" in panel


def test_the_editorial_desk_does_not_see_the_figures(client_as):
    response = client_as("editorial").get("/admin/")
    assert response.status_code == 200
    assert "reports-month-figures" not in response.content.decode()


def test_the_reports_menu_is_for_the_administrators(client_as):
    page = client_as("administrator").get("/admin/").content.decode()
    assert "/admin/reports/overview/" in page
    page = client_as("editorial").get("/admin/").content.decode()
    assert "/admin/reports/overview/" not in page
