"""The simulator's forms refuse line breaks in single-line fields (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from home.models import HomePage
from simulator.admin.forms import DuplicateRateCardForm
from simulator.demo import ensure_demo_rate_card
from simulator.forms import QuoteRequestForm
from simulator.models import QuoteRequest, RateCardPage

pytestmark = pytest.mark.django_db

MESSAGE = "Ce champ doit tenir sur une seule ligne : retirez les retours à la ligne."


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rate_page():
    ensure_demo_rate_card()
    home = HomePage.objects.first()
    page = home.add_child(instance=RateCardPage(title="Tarifs", slug="tarifs"))
    page.save_revision().publish()
    return page


def data(**overrides) -> dict:
    return {
        "name": "Awa Ouédraogo",
        "company": "Sahel Boissons SA",
        "email": "awa@sahel-boissons.bf",
        "phone": "70 12 34 56",
        "message": "Un publireportage\r\npour le lancement.",
        "website": "",
        **overrides,
    }


@pytest.mark.parametrize("field", ["name", "company", "phone"])
def test_a_quote_request_with_a_line_break_is_refused_and_not_stored(client, rate_page, field):
    response = client.post(
        rate_page.url + "devis/rs-visuel/", data(**{field: "Awa\r\nBcc: x@example.com"})
    )

    assert response.status_code == 200
    assert MESSAGE in response.context["form"].errors[field]
    assert QuoteRequest.objects.count() == 0


def test_the_message_keeps_its_lines(client, rate_page):
    response = client.post(rate_page.url + "devis/rs-visuel/", data())

    assert response.status_code == 302
    assert QuoteRequest.objects.get().message == "Un publireportage\r\npour le lancement."


def test_the_form_class_refuses_line_breaks():
    form = QuoteRequestForm(data=data(name="Awa\nOuédraogo"))

    assert form.errors["name"] == [MESSAGE]


def test_the_copy_of_a_rate_card_refuses_a_name_with_a_line_break():
    form = DuplicateRateCardForm(data={"name": "Grille\n2027", "valid_from": dt.date(2027, 1, 1)})

    assert form.errors["name"] == [MESSAGE]
