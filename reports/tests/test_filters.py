"""The report filters: checked, unknown values ignored with a message, the
advertiser forced on an advertiser's own report."""

import pytest
from django.http import QueryDict

from accounts.tests.factories import AdvertiserFactory, BusinessSectorFactory
from broadcasting.models import BreakGridSlot
from campaigns.tests.factories import CampaignFactory
from reports.filters import ReportFilters, band_codes, filter_choices, resolve_filters

pytestmark = pytest.mark.django_db


def test_no_filter():
    filters = resolve_filters({})
    assert filters == ReportFilters()
    assert filters.querystring() == ""
    assert not filters.is_active
    assert filters.messages == []


def test_known_values_are_kept(card):
    company = AdvertiserFactory(name="Sahel Boissons SA")
    sector = BusinessSectorFactory(name="Boissons")
    filters = resolve_filters(
        QueryDict(
            f"advertiser={company.pk}&sector={sector.pk}&band=prime-time&status=approved"
            "&q=  bissap   sahel "
        )
    )
    assert filters.advertiser_id == company.pk
    assert filters.advertiser_name == "Sahel Boissons SA"
    assert filters.sector_id == sector.pk and filters.sector_name == "Boissons"
    assert filters.band == "prime-time"
    assert filters.status == "approved"
    assert filters.q == "bissap sahel"
    assert filters.messages == []
    assert filters.querystring() == (
        f"advertiser={company.pk}&sector={sector.pk}&band=prime-time&status=approved&q=bissap+sahel"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"advertiser": "999999"},
        {"advertiser": "abc"},
        {"advertiser": "-3"},
        {"sector": "999999"},
        {"sector": "1 OR 1=1"},
        {"band": "no-such-band"},
        {"band": "<script>"},
        {"status": "paid"},
    ],
)
def test_unknown_values_are_ignored_with_a_message(card, params):
    filters = resolve_filters(params)
    assert not filters.is_active
    assert len(filters.messages) == 1


def test_a_band_of_the_grid_is_known_without_a_rate_card():
    BreakGridSlot.objects.create(weekday=0, time="12:00", band_code="midi")
    assert resolve_filters({"band": "midi"}).band == "midi"


def test_a_long_search_is_shortened():
    filters = resolve_filters({"q": "x" * 300})
    assert len(filters.q) == 100
    assert len(filters.messages) == 1


def test_an_advertisers_report_forces_its_company(card):
    mine = AdvertiserFactory()
    other = AdvertiserFactory()
    CampaignFactory(user__advertiser=mine, lines=[("matinee", 3)])
    filters = resolve_filters(
        {"advertiser": str(other.pk), "sector": "1", "band": "matinee"}, advertiser=mine
    )
    assert filters.advertiser_id == mine.pk
    assert filters.advertiser_forced
    assert filters.sector_id is None  # not offered to an advertiser
    assert filters.band == "matinee"
    # The forced company is not a choice: it never travels in the links.
    assert "advertiser" not in filters.querystring()
    assert str(other.pk) not in filters.querystring()


def test_an_advertiser_only_filters_on_its_own_bands(card):
    mine = AdvertiserFactory()
    CampaignFactory(user__advertiser=mine, lines=[("matinee", 3)])
    CampaignFactory(lines=[("prime-time", 3)])
    assert band_codes(advertiser=mine) == ["matinee"]
    filters = resolve_filters({"band": "prime-time"}, advertiser=mine)
    assert filters.band == ""
    assert len(filters.messages) == 1
    choices = filter_choices(advertiser=mine)
    assert [code for code, _ in choices["bands"]] == ["matinee"]
    assert choices["advertisers"] == [] and choices["sectors"] == []
