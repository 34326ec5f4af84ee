"""Price questions answered by the pricing engine itself: the length, the band
(by hour, name, “JT”, a word of the day) and the airings read from the text; the
total is the engine's, and the simulator link shows the same total."""

from __future__ import annotations

from datetime import time
from urllib.parse import urlsplit

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.intents import price_parse
from assistant.intents.price import request_payload
from assistant.models import AnswerKind
from assistant.services.answering import answer_question
from simulator.api import compute_quote
from simulator.demo import BANDS
from simulator.query import state_from_query
from simulator.selectors import current_pricing_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("spot de 30s", 30),
        ("30 secondes", 30),
        ("un spot de 45 sec", 45),
        ("pub de 20", 20),
        ("1 minute", 60),
        ("10 spots", None),
        ("journal de 20h", None),
    ],
)
def test_spot_length(text, length):
    assert price_parse.spot_length(price_parse.fold(text)) == length


@pytest.mark.parametrize(
    ("text", "airings"),
    [
        ("10 spots de 30s", 10),
        ("5 passages", 5),
        ("12 diffusions", 12),
        ("x10", 10),
        ("prime time x5", 5),
        ("3x", 3),
        ("d'un spot de 90s x5", 5),
        ("une pub", 1),
        ("spot de 30 secondes", None),
    ],
)
def test_airings(text, airings):
    assert price_parse.airings(price_parse.fold(text)) == airings


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("à 20h", "prime-time"),
        ("20 h", "prime-time"),
        ("20h30", "prime-time"),
        ("au journal de 13h", "mi-journee"),
        ("à 7h du matin", "matinee"),
        ("à 23:15", "fin-de-soiree"),
        ("00h10", "fin-de-soiree"),
        ("en Matinée", "matinee"),
        ("l'après-midi", "apres-midi"),
        ("prime time", "prime-time"),
        ("fin de soirée", "fin-de-soiree"),
        ("avant soiree", "avant-soiree"),
        ("au JT", "prime-time"),
        ("le matin", "matinee"),
        ("à midi", "mi-journee"),
        ("à 17h10", None),  # between two bands
        ("un spot", None),
    ],
)
def test_band(card, text, band):
    found = price_parse.read(text, current_pricing_data())
    assert (found.band.code if found.band else None) == band


def _expected_total(length: int, band: str, airings: int) -> int:
    card = current_pricing_data()
    payload = request_payload(card, spot_length=length, band=band, airings=airings)
    quote, errors, _status = compute_quote(payload, card=card)
    assert not errors
    return quote["total"]


def test_the_issue_example_is_priced_by_the_engine(site_pages):
    answer = answer_question(text="combien pour 10 spots de 30s au journal de 20h", record=False)
    assert answer.kind == AnswerKind.PRICE
    price = answer.price
    assert (price.spot_length, price.band_code, price.airings) == (30, "prime-time", 10)
    assert price.total_incl_vat == _expected_total(30, "prime-time", 10)
    assert sum(line.amount for line in price.lines) == price.total_incl_vat
    assert price.total_excl_vat < price.total_incl_vat
    assert len(price.assumptions) == 1  # the period only
    assert answer.message.count("\u00a0FCFA") == 2


def test_what_is_missing_is_assumed_and_said(site_pages):
    answer = answer_question(text="prix prime time", record=False)
    assert (answer.price.spot_length, answer.price.airings) == (30, 1)
    assert len(answer.price.assumptions) == 3  # length, airings, period


def test_the_simulator_link_shows_the_same_total(site_pages):
    answer = answer_question(text="cb coute 3 pubs de 45s en matinee", record=False)
    url = urlsplit(answer.price.simulator_url)
    assert url.path == site_pages["simulator"].url
    card = current_pricing_data()
    state = state_from_query(QueryDict(url.query), card.valid_from, card.valid_from)
    quote, errors, _status = compute_quote(state)
    assert not errors and quote["total"] == answer.price.total_incl_vat


def test_a_price_question_without_band_shows_the_rate_card(indexed):
    answer = answer_question(text="combien coute une pub de 30 secondes ?", record=False)
    assert answer.kind == AnswerKind.PASSAGES
    assert any(hit.source_key.startswith("card:") for hit in answer.passages)
    hour = answer_question(text="prix d'un spot à 17h10", record=False)
    assert hour.kind != AnswerKind.PRICE and "17:10" in hour.message


def test_other_offers_are_not_priced_as_spots(indexed):
    answer = answer_question(text="combien coute un publireportage au JT", record=False)
    assert answer.kind == AnswerKind.PASSAGES


def test_no_card_no_price(db):
    answer = answer_question(text="prix de 10 spots à 20h", record=False)
    assert answer.kind != AnswerKind.PRICE


BAND_CODES = [band[0] for band in BANDS]
BAND_HOURS = {band[0]: band[2] for band in BANDS}


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    length=st.integers(min_value=5, max_value=120),
    band=st.sampled_from(BAND_CODES),
    airings=st.integers(min_value=1, max_value=200),
    by_hour=st.booleans(),
)
def test_every_price_answer_is_the_engine_total(card, length, band, airings, by_hour):
    data = current_pricing_data()
    named = data.band(band)
    start: time = BAND_HOURS[band]
    where = f"à {start.hour}h{start.minute + 1:02d}" if by_hour else f"en {named.name}"
    answer = answer_question(
        text=f"combien pour {airings} passages d'un spot de {length} secondes {where}",
        record=False,
    )
    assert answer.kind == AnswerKind.PRICE
    price = answer.price
    assert (price.spot_length, price.band_code, price.airings) == (length, band, airings)
    assert price.total_incl_vat == _expected_total(length, band, airings)
