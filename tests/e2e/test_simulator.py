"""Browser journey of the cost simulator (issue 3): a visitor prices a prime-time
campaign live, changes its length, reads why the band costs what it costs, then
finds the same unit prices on the rate page.

Numbers only: the words are translated later."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from simulator.api import quote_result
from simulator.demo import ensure_demo_rate_card
from simulator.models import RateCardPage
from simulator.selectors import current_pricing_data
from simulator.tests.simulator_pages import make_simulator_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def spaces(text: str) -> str:
    """French number grouping uses (narrow) no-break spaces: compare with plain ones."""
    return re.sub(r"[\u202f\u00a0\s]+", " ", text).strip()


def api_quote(payload: dict) -> dict:
    """What the quote API answers, computed by its own code (the test body runs
    beside Playwright's event loop, where Django's test client cannot call an
    async view)."""
    data, status = quote_result(json.dumps(payload).encode(), current_pricing_data())
    assert status == 200, data
    return data


def grouped(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def ensure_home_page() -> HomePage:
    """The home page made by the migrations, rebuilt when an earlier transactional
    test flushed the database without restoring it: the serialized copy that
    `serialized_rollback` restores lives on the connection object of the context
    that set the database up, which the test body no longer sees once
    Playwright's sync API has started after that setup (a mixed test run)."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    locale, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
    )
    root = Page.objects.filter(depth=1).first() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(
        instance=HomePage(title="BF1 Pub", slug="accueil", hero_title="BF1 Pub", locale=locale)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


@pytest.fixture
def simulator_site(settings):
    settings.SIMULATOR_API_RATE_PER_MINUTE = 1000
    cache.clear()
    ensure_demo_rate_card()
    home = ensure_home_page()
    make_simulator_page()
    rate_page = home.add_child(instance=RateCardPage(title="Tarifs", slug="tarifs"))
    rate_page.save_revision().publish()
    yield
    cache.clear()


def test_visitor_prices_a_campaign_live_and_finds_the_same_prices_on_the_rate_page(
    page, simulator_site
):
    # Two weeks in the future, well inside the open-ended demo card.
    start = timezone.localdate() + timedelta(days=30)
    end = start + timedelta(days=13)
    requests = []
    page.on(
        "request",
        lambda request: (
            requests.append(request) if "/api/simulator/quote/" in request.url else None
        ),
    )

    page.goto("/simulateur/")
    page.locator("[data-preset='30']").click()
    page.fill("#sim-start-date", start.isoformat())
    page.fill("#sim-end-date", end.isoformat())
    page.locator("[data-band-card='prime-time'] input[name=bands]").check()
    airings = page.locator("#sim-airings-prime-time")
    assert airings.input_value() == "10"  # the default when a band is picked
    airings.fill("10")

    expected = api_quote(
        {
            "spot_length": 30,
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "bands": [{"band": "prime-time", "airings": 10}],
        }
    )
    total = page.locator("[data-sim=live] [data-sim=total]")
    subtotal = page.locator("[data-sim=live] [data-sim=subtotal]")
    page.wait_for_function(
        "expected => (document.querySelector('[data-sim=live] [data-sim=total]') || {})"
        ".textContent?.replace(/\\s/g, '') === expected",
        arg=f"{grouped(expected['total']).replace(' ', '')}FCFA",
    )
    assert spaces(subtotal.inner_text()) == "877 500 FCFA"
    assert spaces(total.inner_text()) == f"{grouped(expected['total'])} FCFA"
    assert spaces(page.locator("[data-sim=sticky-total]").inner_text()) == spaces(
        total.inner_text()
    )
    # The chart compares all six bands; the shared link and the booking link follow.
    assert page.locator("[data-sim=live] [data-compare]").count() == 6
    assert "bands=prime-time:10" in page.url
    booking = page.locator("[data-sim=live] [data-sim=book]").get_attribute("href")
    assert booking == (
        f"/campaigns/create/?spot_length=30&start_date={start.isoformat()}"
        f"&end_date={end.isoformat()}&bands=prime-time:10"
    )
    assert len(requests) <= 3, "the calculator should debounce its requests"

    # 45 s: the 31–60 s price.
    page.locator("[data-preset='45']").click()
    longer = api_quote(
        {
            "spot_length": 45,
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "bands": [{"band": "prime-time", "airings": 10}],
        }
    )
    assert longer["total"] != expected["total"]
    page.wait_for_function(
        "expected => (document.querySelector('[data-sim=live] [data-sim=total]') || {})"
        ".textContent?.replace(/\\s/g, '') === expected",
        arg=f"{grouped(longer['total']).replace(' ', '')}FCFA",
    )
    assert spaces(subtotal.inner_text()) == f"{grouped(longer['subtotal'])} FCFA"

    # The breakdown: unit price, then why the band costs more (its hours, its factor).
    breakdown = page.locator("[data-sim=live] [data-sim=breakdown]")
    breakdown.locator("summary").first.click()
    unit = breakdown.locator("[data-sim=unit-price]")
    unit_incl_vat = longer["lines"][0]["unit_price_incl_vat"]  # as published
    assert spaces(unit.inner_text()) == f"{grouped(unit_incl_vat)} FCFA"
    band_factor = breakdown.locator("[data-factor=band]")
    explanation = band_factor.locator("[data-sim=explanation]")
    assert not explanation.is_visible()
    band_factor.locator("summary").click()
    assert explanation.is_visible()
    assert "19:25–20:55" in explanation.inner_text()
    assert "2,31" in explanation.inner_text()
    assert explanation.inner_text() == longer["lines"][0]["factors"][1]["explanation"]

    # The rate page: the prime-time row shows the unit prices just quoted
    # (30 s: 87 750 excl. VAT = 103 545 incl.; 45 s: 97 500 = 115 050).
    page.goto("/tarifs/")
    row = spaces(page.locator("tr[data-band='prime-time']").inner_text())
    for excl_vat, incl_vat in [
        (expected["lines"][0]["unit_price"], 103_545),
        (longer["lines"][0]["unit_price"], 115_050),
    ]:
        assert grouped(excl_vat) in row
        assert f"{grouped(incl_vat)} FCFA" in row


def test_shared_link_opens_the_priced_campaign_and_errors_show_on_their_field(page, simulator_site):
    start = timezone.localdate() + timedelta(days=30)
    end = start + timedelta(days=13)
    page.goto(
        f"/simulateur/?spot_length=30&start_date={start.isoformat()}&end_date={end.isoformat()}"
        "&bands=prime-time:10"
    )

    assert spaces(page.locator("[data-sim=live] [data-sim=subtotal]").inner_text()) == (
        "877 500 FCFA"
    )
    assert page.locator("#sim-spot-length").input_value() == "30"

    page.fill("#sim-airings-prime-time", "1001")
    error = page.locator("#sim-airings-prime-time-error")
    error.wait_for(state="visible")
    assert "1000" in spaces(error.inner_text()).replace(" ", "")
    assert page.locator("#sim-airings-prime-time").get_attribute("aria-invalid") == "true"
    assert page.locator("[data-sim=live] [data-sim=total]").count() == 0

    page.fill("#sim-airings-prime-time", "10")
    page.locator("[data-sim=live] [data-sim=total]").wait_for()
    assert not error.is_visible()


def test_without_javascript_the_form_is_priced_by_the_page(browser, live_server, simulator_site):
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    start = timezone.localdate() + timedelta(days=30)
    end = start + timedelta(days=13)
    try:
        page.goto("/simulateur/")
        page.fill("#sim-spot-length", "30")
        page.fill("#sim-start-date", start.isoformat())
        page.fill("#sim-end-date", end.isoformat())
        page.locator("[data-band-card='prime-time'] input[name=bands]").check()
        page.fill("#sim-airings-prime-time", "10")
        page.locator("#simulator-form [type=submit]").click()
        page.wait_for_load_state()

        expected = api_quote(
            {
                "spot_length": 30,
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "bands": [{"band": "prime-time", "airings": 10}],
            }
        )
        result = page.locator("[data-sim=server-result]")
        assert spaces(result.locator("[data-sim=subtotal]").inner_text()) == "877 500 FCFA"
        assert spaces(result.locator("[data-sim=total]").inner_text()) == (
            f"{grouped(expected['total'])} FCFA"
        )
        assert "bands=prime-time" in page.url

        # An error comes back on its field, with what was typed kept.
        page.fill("#sim-spot-length", "4")
        page.locator("#simulator-form [type=submit]").click()
        page.wait_for_load_state()
        assert "5" in page.locator("#sim-spot-length-error").inner_text()
        assert page.locator("#sim-spot-length").input_value() == "4"
        assert page.locator("[data-sim=server-result] [data-sim=total]").count() == 0
    finally:
        context.close()
