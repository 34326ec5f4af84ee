"""The report screens, as each persona: the staff overview in the admin, the
advertiser's own report, the listings of the period; filters, the period rules
and the isolation of the advertisers."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from broadcasting.models import AiringStatus, Break
from campaigns.models import Campaign
from reports.tests.test_selectors import approve, local

pytestmark = pytest.mark.django_db

ADMIN_OVERVIEW = "/admin/reports/overview/"
OVERVIEW = "/reports/overview/"
MARCH = "start=2026-03-01&end=2026-03-31"
LOGIN_PAGES = ("/login/", "/admin/login/")


@pytest.fixture
def march(make_breaks, approved_campaign, airing_in, advertiser_a, advertiser_b):
    """March 2026: advertiser_a aired 2 prime-time spots (2 × 87 750), missed
    one; advertiser_b aired one matinée spot (38 025)."""
    breaks = make_breaks(
        dt.date(2026, 3, 2), days=3, times=(("matinee", "08:00"), ("prime-time", "19:30"))
    )
    grid = {(b.day.day, b.band_code): b for b in breaks}
    a = approved_campaign(
        user=advertiser_a, start=dt.date(2026, 3, 2), days=3, title="Bissap du Faso"
    )
    approve(a, local(2026, 3, 1, 10), quote_subtotal=263250, quote_vat=47385, quote_total=310635)
    b = approved_campaign(
        user=advertiser_b,
        lines=(("matinee", 3),),
        start=dt.date(2026, 3, 2),
        days=3,
        title="Forfait Télécom",
    )
    approve(b, local(2026, 3, 1, 11), quote_subtotal=114075, quote_vat=20534, quote_total=134609)
    airing_in(grid[(2, "prime-time")], a, status=AiringStatus.AIRED)
    airing_in(grid[(3, "prime-time")], a, status=AiringStatus.AIRED)
    airing_in(grid[(4, "prime-time")], a, status=AiringStatus.MISSED)
    airing_in(grid[(2, "matinee")], b, status=AiringStatus.AIRED)
    return {"a": a, "b": b}


def text(response) -> str:
    return response.content.decode()


# --- Access --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("advertiser_a", 200), ("advertiser_b", 200), ("broadcaster", 403), ("editorial", 403)],
)
def test_who_opens_the_overview(client_as, who, status):
    assert client_as(who).get(OVERVIEW).status_code == status


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    response = client.get(ADMIN_OVERVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_PAGES)


def test_staff_are_sent_to_the_admin_overview_with_the_same_query(client_as):
    response = client_as("administrator").get(f"{OVERVIEW}?{MARCH}&band=prime-time")
    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN_OVERVIEW}?{MARCH}&band=prime-time"


@pytest.mark.parametrize(
    "url", [ADMIN_OVERVIEW, "/admin/reports/airings/", "/admin/reports/campaigns/"]
)
def test_admin_reports_are_for_the_commercial_administrators(client_as, url):
    assert client_as("administrator").get(url).status_code == 200


@pytest.mark.parametrize(
    "url", [ADMIN_OVERVIEW, "/admin/reports/airings/", "/admin/reports/campaigns/"]
)
def test_the_editorial_desk_is_sent_back_to_its_dashboard(client_as, url):
    response = client_as("editorial").get(url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("who", ["advertiser_a", "broadcaster"])
def test_no_admin_report_without_admin_access(client_as, who):
    response = client_as(who).get(ADMIN_OVERVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_PAGES)


# --- The staff overview --------------------------------------------------------------------


def test_the_staff_overview_shows_the_figures_of_the_period(
    client_as, march, django_assert_max_num_queries
):
    client = client_as("administrator")
    with django_assert_max_num_queries(40):
        response = client.get(f"{ADMIN_OVERVIEW}?{MARCH}")
    assert response.status_code == 200
    report = response.context["report"]
    assert report["delivered"]["net"] == 2 * 87750 + 38025
    assert report["booked"]["net"] == 263250 + 114075
    page = text(response)
    assert 'data-amount="213525"' in page
    assert 'data-amount="377325"' in page
    assert "Bissap du Faso" not in page  # no campaign list here: the listings carry them
    # the two date inputs carry the period
    assert 'name="start" value="2026-03-01"' in page
    assert 'name="end" value="2026-03-31"' in page
    # the chart: server-rendered SVG with a title and a description
    svg = re.search(r"<svg[^>]*data-report-chart[^>]*>(.*?)</svg>", page, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert '<title id="rp-chart-title">' in svg.group(1)
    assert '<desc id="rp-chart-desc">' in svg.group(1)
    assert "<rect" in svg.group(1) and "<polyline" in svg.group(1)
    # coordinates are never written with a decimal comma
    assert not re.search(r'(?:x|y|width|height)="\d+,\d', svg.group(0))
    # the loading indicator and its script, no inline script
    assert "data-report-loading" in page and "js/reports.js" in page
    assert "<script>" not in page.split("data-report=")[1].split("</main>")[0]


def test_the_query_count_of_the_overview_does_not_grow(client_as, march, approved_campaign):
    client = client_as("administrator")
    client.get(f"{ADMIN_OVERVIEW}?{MARCH}")  # warm the caches (site, settings)
    with CaptureQueriesContext(connection) as first:
        client.get(f"{ADMIN_OVERVIEW}?{MARCH}")
    for _ in range(5):
        campaign = approved_campaign(start=dt.date(2026, 3, 2), days=3)
        approve(campaign, local(2026, 3, 2, 9))
    with CaptureQueriesContext(connection) as second:
        client.get(f"{ADMIN_OVERVIEW}?{MARCH}")
    assert len(first.captured_queries) == len(second.captured_queries)


def test_filters_apply_and_travel_in_the_export_and_listing_links(client_as, march):
    client = client_as("administrator")
    advertiser_id = march["a"].advertiser_id
    response = client.get(f"{ADMIN_OVERVIEW}?{MARCH}&advertiser={advertiser_id}&band=prime-time")
    assert response.context["report"]["delivered"]["net"] == 2 * 87750
    query = f"{MARCH}&advertiser={advertiser_id}&band=prime-time"
    assert response.context["airings_url"] == f"/admin/reports/airings/?{query}"
    assert response.context["campaigns_url"] == f"/admin/reports/campaigns/?{query}"
    for link in response.context["exports"]:
        assert link["url"].endswith(f"?{query}&dataset=overview")
    for link in response.context["airing_exports"]:
        assert link["url"].endswith(f"?{query}&dataset=airings")


def test_export_links_point_at_the_export_views(client_as, march):
    response = client_as("administrator").get(f"{ADMIN_OVERVIEW}?{MARCH}")
    expected = []
    for name in ("export_xlsx", "export_pdf", "export_csv"):
        try:
            expected.append(reverse(f"reports:{name}"))
        except NoReverseMatch:  # the export views are not there yet
            continue
    urls = [link["url"].split("?")[0] for link in response.context["exports"]]
    assert urls == expected


def test_a_period_longer_than_365_days_is_cut_and_the_page_says_so(client_as):
    response = client_as("administrator").get(f"{ADMIN_OVERVIEW}?start=2025-01-01&end=2026-12-31")
    period = response.context["period"]
    assert period.was_cut and period.days == 365
    page = text(response)
    assert "data-report-messages" in page
    assert period.messages[0] in page
    assert "365" in period.messages[0]
    # the export links carry the period as cut, exactly what the page shows
    for link in response.context["exports"]:
        assert "start=2025-01-01&end=2025-12-31" in link["url"]


def test_unknown_filters_are_ignored_with_a_message(client_as, march):
    response = client_as("administrator").get(
        f"{ADMIN_OVERVIEW}?{MARCH}&advertiser=999999&band=xyz"
    )
    assert response.status_code == 200
    assert len(response.context["report_messages"]) == 2
    assert response.context["report"]["delivered"]["net"] == 2 * 87750 + 38025


def test_invalid_dates_show_the_current_month(client_as):
    response = client_as("administrator").get(f"{ADMIN_OVERVIEW}?start=hier&end=2026-99-99")
    assert response.status_code == 200
    assert response.context["period"].was_defaulted
    assert response.context["report_messages"]


# --- The listings --------------------------------------------------------------------------


def test_the_airings_listing_of_the_period(client_as, march):
    client = client_as("administrator")
    response = client.get(f"/admin/reports/airings/?{MARCH}")
    assert response.status_code == 200
    assert response.context["items_count"] == 4
    page = text(response)
    assert "Bissap du Faso" in page and "Forfait Télécom" in page
    assert "data-report-exports" in page or "rp-muted" in page
    response = client.get(f"/admin/reports/airings/?{MARCH}&band=matinee")
    assert response.context["items_count"] == 1
    response = client.get(f"/admin/reports/airings/results/?{MARCH}&q=bissap+du")
    assert response.status_code == 200
    assert response.context["items_count"] == 3
    response = client.get(f"/admin/reports/airings/?{MARCH}&ordering=-unit_price")
    assert response.status_code == 200


def test_the_campaigns_listing_of_the_period(client_as, march):
    client = client_as("administrator")
    response = client.get(f"/admin/reports/campaigns/?{MARCH}")
    assert response.status_code == 200
    assert response.context["items_count"] == 2
    response = client.get(
        f"/admin/reports/campaigns/?{MARCH}&advertiser={march['b'].advertiser_id}"
        "&ordering=-delivered_in_period"
    )
    assert response.context["items_count"] == 1
    assert "Forfait Télécom" in text(response)


def test_listings_do_not_grow_in_queries(client_as, march, approved_campaign, airing_in):
    client = client_as("administrator")
    client.get(f"/admin/reports/airings/?{MARCH}")  # warm the caches
    matinee = {brk.day.day: brk for brk in Break.objects.filter(band_code="matinee")}
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as airings:
            client.get(f"/admin/reports/airings/?{MARCH}")
        with CaptureQueriesContext(connection) as campaigns:
            client.get(f"/admin/reports/campaigns/?{MARCH}")
        counts.append((len(airings.captured_queries), len(campaigns.captured_queries)))
        for day in (3, 4):
            campaign = approved_campaign(start=dt.date(2026, 3, 2), days=3)
            airing_in(matinee[day], campaign, status=AiringStatus.AIRED)
    assert counts[0] == counts[1]


# --- The advertiser's own report -------------------------------------------------------


def test_an_advertiser_sees_its_own_report_only(client_as, march):
    response = client_as("advertiser_a").get(f"{OVERVIEW}?{MARCH}")
    assert response.status_code == 200
    report = response.context["report"]
    assert report["delivered"]["net"] == 2 * 87750
    assert report["booked"]["net"] == 263250
    assert report["airings"]["missed"] == 1
    assert report["fill"] is None and report["top_advertisers"] == []
    page = text(response)
    assert "Bissap du Faso" in page
    assert "Forfait Télécom" not in page
    assert march["b"].advertiser.name not in page
    assert "data-report-chart" in page
    assert 'name="advertiser"' not in page and 'name="sector"' not in page


def test_another_advertisers_id_in_the_url_never_leaks(client_as, march):
    b_id = march["b"].advertiser_id
    response = client_as("advertiser_a").get(f"{OVERVIEW}?{MARCH}&advertiser={b_id}")
    assert response.status_code == 200
    assert response.context["report"]["delivered"]["net"] == 2 * 87750
    assert response.context["filters"].advertiser_id == march["a"].advertiser_id
    page = text(response)
    assert "Forfait Télécom" not in page
    assert march["b"].advertiser.name not in page
    # the export links carry no advertiser: the export views force the requester's own
    for link in response.context["exports"]:
        assert "advertiser=" not in link["url"]


def test_an_advertiser_filters_its_report(client_as, march):
    client = client_as("advertiser_b")
    response = client.get(f"{OVERVIEW}?{MARCH}&band=matinee")
    assert response.context["report"]["delivered"]["net"] == 38025
    # a band of another advertiser's campaigns only is not offered, and ignored
    response = client.get(f"{OVERVIEW}?{MARCH}&band=prime-time")
    assert response.context["filters"].band == ""
    assert response.context["report_messages"]


def test_the_advertisers_period_is_cut_too(client_as):
    response = client_as("advertiser_a").get(f"{OVERVIEW}?start=2024-01-01&end=2026-01-01")
    assert response.context["period"].was_cut
    assert response.context["period"].messages[0] in text(response)


def test_an_advertiser_account_without_a_company_gets_a_403(client, advertiser_a):
    advertiser_a.advertiser = None
    advertiser_a.save(update_fields=["advertiser"])
    client.force_login(advertiser_a)
    assert client.get(OVERVIEW).status_code == 403


def test_the_advertisers_campaign_list_is_paginated(
    client_as, march, approved_campaign, advertiser_a
):
    for _ in range(21):
        campaign = approved_campaign(user=advertiser_a, start=dt.date(2026, 3, 2), days=3)
        approve(campaign, local(2026, 3, 5, 9))
    client = client_as("advertiser_a")
    response = client.get(f"{OVERVIEW}?{MARCH}")
    page = response.context["campaigns_page"]
    assert page.paginator.count == 22
    assert len(page.object_list) == 20
    response = client.get(f"{OVERVIEW}?{MARCH}&page=2")
    assert len(response.context["campaigns_page"].object_list) == 2
    assert Campaign.objects.filter(advertiser=advertiser_a.advertiser).count() == 22


def test_a_missing_export_package_is_named_instead_of_linked(client_as, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name, *a)
    )
    response = client_as("administrator").get(f"{ADMIN_OVERVIEW}?{MARCH}")
    assert response.status_code == 200
    xlsx = [link for link in response.context["exports"] if link["format"] == "xlsx"]
    if not xlsx:
        pytest.skip("the XLSX export view is not there yet")
    assert xlsx[0]["missing"] == "openpyxl"
    page = text(response)
    assert 'data-export-missing="xlsx"' in page
    assert "openpyxl" in page
    assert 'data-export="pdf"' in page


def test_advertisers_find_their_report_in_the_navigation(client_as):
    response = client_as("advertiser_a").get(reverse("campaigns:dashboard"))
    links = [url for _label, url, _icon in response.context["nav_items"]]
    assert OVERVIEW in links
