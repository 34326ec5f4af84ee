"""`python manage.py seed_demo` builds the rate card and the two public pages of
the simulator app, once."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from home.models import HomePage
from home.tests.utils import run_seed
from simulator.demo import CARD_NAME
from simulator.models import RateCard, RateCardPage, SimulatorPage

pytestmark = pytest.mark.django_db

FACTORS = ["base_price", "band", "extra_seconds", "adjustment", "volume", "vat"]


@pytest.fixture
def seed(settings):
    settings.DEBUG = True

    def run() -> str:
        return run_seed()

    return run


def test_seed_creates_the_card_and_both_pages_once(seed):
    first = seed()
    counts = (RateCard.objects.count(), Page.objects.count())
    second = seed()

    assert (RateCard.objects.count(), Page.objects.count()) == counts
    assert RateCard.objects.filter(name=CARD_NAME, published=True).count() == 1
    assert RateCardPage.objects.count() == 1
    assert SimulatorPage.objects.count() == 1
    assert "Grille tarifaire 2025 : créée." in first
    assert "Grille tarifaire 2025 : déjà présente." in second


def test_the_pages_are_live_children_of_the_home_page(seed):
    seed()
    home = HomePage.objects.get()

    rates = RateCardPage.objects.get()
    simulator = SimulatorPage.objects.get()
    assert (rates.title, rates.slug) == ("Tarifs", "tarifs")
    assert (simulator.title, simulator.slug) == ("Simulateur", "simulateur")
    for page in (rates, simulator):
        assert page.live
        assert page.get_parent().specific == home
        assert page.introduction
    assert rates.url_path.endswith("/tarifs/")
    assert simulator.url_path.endswith("/simulateur/")


def test_the_simulator_page_explains_each_price_factor_once_in_french(seed):
    seed()
    body = SimulatorPage.objects.get().body

    factors = [block.value["factor"] for block in body if block.block_type == "factor"]
    assert factors == FACTORS
    for block in body:
        assert block.value["title"]
        assert len(block.value["text"].source) > 80
    text = " ".join(block.value["text"].source for block in body)
    assert "TVA" in text and "hors taxes" in text


def test_an_editor_change_survives_a_second_seed(seed):
    seed()
    page = SimulatorPage.objects.get()
    page.introduction = "Texte revu par la rédaction."
    page.save_revision().publish()

    seed()

    assert SimulatorPage.objects.get().introduction == "Texte revu par la rédaction."
