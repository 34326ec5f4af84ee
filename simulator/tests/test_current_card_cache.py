"""The card valid today is remembered between quotes (no query per quote), and
forgotten as soon as a change to a card is committed."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction

from simulator import selectors
from simulator.demo import ensure_demo_rate_card
from simulator.models import RateCard, TimeBand


@pytest.fixture
def clean_memory():
    cache.clear()
    selectors._current.clear()
    yield
    cache.clear()
    selectors._current.clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_current_card_is_remembered_until_a_change_is_committed(
    clean_memory, django_assert_num_queries
):
    assert selectors.current_pricing_data() is None
    ensure_demo_rate_card()  # committed: the "no card" answer is forgotten
    first = selectors.current_pricing_data()
    assert first is not None and first.band("prime-time").price_up_to_30 == 103_545

    with django_assert_num_queries(0):
        assert selectors.current_pricing_data() is first

    band = TimeBand.objects.get(code="prime-time")
    band.price_up_to_30 = 90_000
    band.save()
    assert selectors.current_pricing_data().band("prime-time").price_up_to_30 == 90_000

    RateCard.objects.get().delete()
    assert selectors.current_pricing_data() is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_inside_a_transaction_the_card_is_read_from_the_database(clean_memory):
    ensure_demo_rate_card()
    assert selectors.current_pricing_data() is not None
    with transaction.atomic():
        RateCard.objects.update(published=False)  # no signal: only the database knows
        assert selectors.current_pricing_data() is None
        transaction.set_rollback(True)
    assert selectors.current_pricing_data() is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_quote_costs_no_query_once_the_card_is_remembered(
    clean_memory, client, django_assert_num_queries
):
    ensure_demo_rate_card()
    body = {
        "spot_length": 30,
        "start_date": "2026-12-01",
        "end_date": "2026-12-14",
        "bands": [{"band": "prime-time", "airings": 10}],
    }
    first = client.post("/api/simulator/quote/", body, content_type="application/json")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.post("/api/simulator/quote/", body, content_type="application/json")
    assert again.json() == first.json()
    assert again.json()["subtotal"] == 877_500
