"""Browser journey of the campaign advisor (issue 20): a visitor answers the four
questions for "lancer un produit, jeunes, 1 500 000 FCFA, 2 semaines", gets a
recommendation under budget whose total is the simulator's for the same
parameters, and books it: after signing in, the wizard opens pre-filled."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import (
    DEFAULT_PASSWORD,
    AdvertiserFactory,
    AdvertiserUserFactory,
    BusinessSectorFactory,
)
from simulator.advisor.plan import Answers, advise
from simulator.advisor_demo import ensure_demo_rules
from simulator.advisor_rules import rule_for
from simulator.demo import ensure_demo_rate_card
from simulator.selectors import current_pricing_data
from simulator.tests.simulator_pages import make_advisor_page, make_simulator_page
from tests.e2e.axe import serious_violations
from tests.e2e.test_simulator import ensure_home_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
BUDGET = 1_500_000


def digits(text: str) -> int:
    return int(re.sub(r"\D", "", text.replace("FCFA", "")))


@pytest.fixture
def advisor_site(settings):
    settings.SIMULATOR_API_RATE_PER_MINUTE = 1000
    cache.clear()
    ensure_demo_rate_card()
    ensure_demo_rules()
    ensure_home_page()
    make_simulator_page()
    make_advisor_page()
    sector = BusinessSectorFactory(name="Téléphonie", slug="telephonie")
    company = AdvertiserFactory(name="Faso Mobile", sector=sector)
    yield AdvertiserUserFactory(email="salif@fasomobile.bf", advertiser=company)
    cache.clear()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def next_step(page) -> None:
    page.locator("[data-advisor=next]").click()
    page.wait_for_load_state("domcontentloaded")


def test_a_visitor_gets_a_recommendation_within_budget_and_books_it(phone, advisor_site):
    page = phone
    start = timezone.localdate() + timedelta(days=20)
    end = start + timedelta(days=13)
    answers = Answers("launch", "youth", BUDGET, start, end)
    expected = advise(current_pricing_data(), rule_for("launch", "youth"), answers).recommended

    page.goto("/conseiller/")
    expect(page.locator("[data-advisor=progress]")).to_contain_text("1")
    page.locator("input[name=objective][value=launch]").check()
    next_step(page)
    page.locator("input[name=audience][value=youth]").check()
    next_step(page)
    page.fill("#adv-budget", "1 500 000")
    next_step(page)
    page.fill("#adv-start-date", start.isoformat())
    page.locator("input[name=weeks][value='2']").check()
    next_step(page)

    # The recommendation: under budget, the engine's price, with its reasons.
    total = page.locator("[data-advisor=total]").first
    expect(total).to_be_visible()
    shown = digits(total.inner_text())
    assert shown == expected.total <= BUDGET
    lines = page.locator("[data-advisor=lines]").first
    expect(lines).to_contain_text("Prime time")
    assert page.locator("[data-advisor=reason]").count() >= 2
    assert page.locator("[data-plan-book]").count() == 2  # the two alternatives
    problems = serious_violations(page)
    assert not problems, problems

    # "Ajuster dans le simulateur": the same campaign, the same total.
    simulate = page.locator("[data-advisor=simulate]").first.get_attribute("href")
    assert f"bands={expected.query.split('bands=')[1]}" in simulate
    book = page.locator("[data-advisor=book]").first.get_attribute("href")
    page.goto(simulate)
    simulator_total = page.locator("[data-sim=total]").first
    expect(simulator_total).to_be_visible()
    page.wait_for_function(
        "expected => [...document.querySelectorAll('[data-sim=total]')]"
        ".some(node => node.textContent.replace(/\\D/g, '') === expected)",
        arg=str(expected.total),
    )

    # "Réserver cette recommandation": sign in, then the wizard is pre-filled.
    page.goto(book)
    page.wait_for_url(re.compile(r"/login/"))
    page.fill("#id_username", advisor_site.email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/campaigns/create/\?"))
    assert page.locator("#id_objective").input_value() == "promotion"
    assert page.locator("#id_target_audience").input_value() == "Jeunes"
    page.fill("#id_title", "Lancement Faso Mobile")
    page.fill("#id_product", "Forfait Jeunes")
    page.locator("#id_sector").select_option(label="Téléphonie")
    page.locator("input[name=languages][value=fr]").check()
    page.fill("#id_key_message", "Plus de données pour les jeunes.")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.wait_for_url(re.compile(r"/edit/\?step=2$"))
    assert page.input_value("#id_spot_length") == str(expected.request.spot_length)
    assert page.input_value("#id_start_date") == start.isoformat()
    assert page.input_value("#id_end_date") == end.isoformat()
    for line in expected.request.lines:
        expect(page.locator(f"input[name=band][value={line.band}]")).to_be_checked()
        assert page.input_value(f"input[name=airings_{line.band}]") == str(line.airings)
