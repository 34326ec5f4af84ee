"""The admin dashboard's key figures are cached a minute, and a change of an
airing or a campaign shows at once; the page runs a constant number of queries
and still works when the cache answers nothing."""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache.backends.dummy import DummyCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from broadcasting.models import AiringStatus
from reports.period import resolve_period
from reports.selectors import key_figures_cache
from reports.tests.test_selectors import approve, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def april_15():
    with mock.patch("django.utils.timezone.now", return_value=local(2026, 4, 15, 12, 0)):
        yield


@pytest.fixture
def april(make_breaks, approved_campaign, airing_in):
    breaks = make_breaks(dt.date(2026, 4, 6), days=2)
    campaign = approved_campaign(start=dt.date(2026, 4, 6), days=2)
    approve(campaign, local(2026, 4, 2, 9), quote_subtotal=175500, quote_discount=500)
    aired = airing_in(breaks[0], campaign, status=AiringStatus.AIRED)
    planned = airing_in(breaks[1], campaign, status=AiringStatus.PLANNED)
    return {"breaks": breaks, "campaign": campaign, "aired": aired, "planned": planned}


def panel(client) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index('id="reports-month-figures"') :]


def test_a_confirmed_airing_shows_at_once(client_as, april_15, april):
    client = client_as("administrator")
    assert '<span data-count="aired">1</span>' in panel(client)
    with mock.patch.object(
        key_figures_cache, "key_figures", wraps=key_figures_cache.key_figures
    ) as computed:
        assert '<span data-count="aired">1</span>' in panel(client)
        assert computed.call_count == 0  # from the cache
        april["planned"].status = AiringStatus.AIRED
        april["planned"].save()
        shown = panel(client)
        assert computed.call_count == 1  # the change made the cache forget
    assert '<span data-count="aired">2</span>' in shown
    assert "175\u202f500\u00a0FCFA" in shown  # two prime-time airings delivered


def test_a_changed_campaign_shows_at_once(client_as, april_15, april):
    client = client_as("administrator")
    assert "175\u202f000\u00a0FCFA" in panel(client)
    campaign = april["campaign"]
    campaign.quote_subtotal = 200500
    campaign.save()
    assert "200\u202f000\u00a0FCFA" in panel(client)


def test_deleting_an_airing_shows_at_once(april_15, april):
    period = resolve_period({})
    assert key_figures_cache.cached_key_figures(period)["planned"] == 1
    april["planned"].delete()
    assert key_figures_cache.cached_key_figures(period)["planned"] == 0


def test_the_cached_figures_equal_the_computed_ones(april_15, april):
    period = resolve_period({})
    fresh = key_figures_cache.key_figures(period)
    assert key_figures_cache.cached_key_figures(period) == fresh  # computed, stored
    assert key_figures_cache.cached_key_figures(period) == fresh  # read back


def test_without_a_cache_the_figures_are_computed(client_as, april_15, april):
    client = client_as("administrator")
    with mock.patch.object(key_figures_cache, "cache", DummyCache("dummy", {})):
        assert '<span data-count="aired">1</span>' in panel(client)
        assert '<span data-count="aired">1</span>' in panel(client)


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get("/admin/").status_code == 200
    return len(context.captured_queries)


def test_the_dashboard_queries_do_not_grow(
    client_as, april_15, april, airing_in, approved_campaign
):
    client = client_as("administrator")
    count_queries(client)  # warm-up
    few = count_queries(client)
    for brk in april["breaks"][2:]:
        other = approved_campaign(start=dt.date(2026, 4, 6), days=2)
        airing_in(brk, other, status=AiringStatus.AIRED)
    count_queries(client)  # the changes made the figures be computed again
    assert count_queries(client) == few
