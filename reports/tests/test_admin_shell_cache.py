"""The admin's sidebar and the dashboard's site summary are kept a minute per
user (reports/admin/shell_cache.py); what staff act on (pending counts) is not;
the dashboard runs fewer queries than before and the same markup."""

import json
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.admin.site_summary import PagesSummaryItem

from campaigns.models import Status
from campaigns.tests.factories import CampaignFactory
from reports.admin import shell_cache

pytestmark = pytest.mark.django_db

SIDEBAR = re.compile(r'<script id="wagtail-sidebar-props"[^>]*>.*?</script>', re.S)
SUMMARY = re.compile(r'<ul class="w-summary__list">.*?</ul>', re.S)


def dashboard(client) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_sidebar_is_built_once_a_minute_per_user(client_as):
    client = client_as("administrator")
    with mock.patch.object(
        shell_cache, "_original_sidebar_props", wraps=shell_cache._original_sidebar_props
    ) as built:
        first = SIDEBAR.search(dashboard(client)).group()
        second = SIDEBAR.search(dashboard(client)).group()
        assert built.call_count == 1
    assert first == second
    cache.clear()
    assert SIDEBAR.search(dashboard(client)).group() == first  # the same as built afresh


def test_each_user_has_their_own_sidebar(client, administrator, accountant):
    client.force_login(administrator)
    mine = SIDEBAR.search(dashboard(client)).group()
    client.force_login(accountant)
    theirs = SIDEBAR.search(dashboard(client)).group()
    assert mine != theirs
    # The sidebar's props are JSON: "Adélaïde" is written with \\u escapes.
    name = json.dumps(administrator.first_name)[1:-1]
    assert name in mine and name not in theirs


def test_the_site_summary_is_counted_once_a_minute(client_as):
    client = client_as("administrator")
    with mock.patch.object(
        PagesSummaryItem,
        "get_context_data",
        autospec=True,
        side_effect=PagesSummaryItem.get_context_data,
    ) as counted:
        first = SUMMARY.search(dashboard(client)).group()
        assert SUMMARY.search(dashboard(client)).group() == first
        assert counted.call_count == 1
    assert first.count("<li>") >= 3  # pages, images, documents...
    cache.clear()
    assert SUMMARY.search(dashboard(client)).group() == first


def test_pending_counts_are_never_cached(client_as):
    client = client_as("administrator")
    assert 'data-count="campaigns" style="font-size:2rem;display:block">0<' in dashboard(client)
    CampaignFactory(status=Status.SUBMITTED, creative_mode="make")
    page = dashboard(client)
    assert 'data-count="campaigns" style="font-size:2rem;display:block">1<' in page
    assert 'data-count="creation_requests" style="font-size:2rem;display:block">1<' in page


def test_the_pending_counts_in_two_queries():
    from campaigns import selectors

    CampaignFactory(status=Status.SUBMITTED)
    CampaignFactory(status=Status.IN_PRODUCTION, creative_mode="make")
    CampaignFactory(status=Status.SUBMITTED, creative_mode="make")
    CampaignFactory(status=Status.DRAFT, creative_mode="make")
    with CaptureQueriesContext(connection) as queries:
        counts = selectors.pending_counts()
    assert counts == {"campaigns": 2, "creation_requests": 2, "spots": 0}
    assert len(queries) == 2


def test_the_dashboard_runs_at_most_19_queries(client_as):
    client = client_as("administrator")
    dashboard(client)  # warm-up: the month's figures, the sidebar and the summary cached
    with CaptureQueriesContext(connection) as queries:
        dashboard(client)
    # session, user, permissions (2), Wagtail's profile, roles, page permissions and
    # pages (Wagtail's home), unread counter, locales, pending counts (2), Wagtail's
    # moderation, locked pages and recent edits panels (7); 27 in
    # bench/campaign_list.py before the shell was cached.
    assert len(queries) <= 19, [q["sql"][:80] for q in queries.captured_queries]
