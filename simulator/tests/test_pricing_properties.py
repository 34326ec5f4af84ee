"""Invariants of the pricing engine on random rate cards and requests (hypothesis).

The cards are drawn as the admin allows them (see strategies.py); the requests
are valid for their card unless the test says otherwise."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator import demo
from simulator.pricing import (
    MAX_AIRINGS_PER_LINE,
    MAX_SPOT_LENGTH,
    LineRequest,
    PricingError,
    Quote,
    QuoteRequest,
    price,
    round_francs,
)
from simulator.tests.strategies import (
    any_requests,
    cards_and_requests,
    demo_rate_card,
    rate_cards,
    valid_requests,
)

DEMO = demo_rate_card()
PUBLISHED = {code: prices for code, _name, _start, _end, _prime, prices, _text in demo.BANDS}
ERROR_FIELDS = {"spot_length", "start_date", "end_date", "bands", "options"}


def unit_prices(quote: Quote) -> list[int]:
    return [line.unit_price for line in quote.lines]


@given(cards_and_requests())
def test_amounts_are_never_negative(card_and_request):
    quote = price(*card_and_request)
    assert quote.total >= 0
    assert quote.subtotal >= 0 and quote.vat >= 0
    assert 0 <= quote.discount <= quote.subtotal
    assert all(line.unit_price >= 0 and line.amount >= 0 for line in quote.lines)


@given(cards_and_requests())
def test_the_quote_adds_up_exactly(card_and_request):
    card, request = card_and_request
    quote = price(card, request)
    # Each line: the price VAT included × airings, exactly; excl. VAT derived from it.
    assert all(
        line.amount_incl_vat == line.unit_price_incl_vat * line.airings for line in quote.lines
    )
    assert all(line.amount == card.excl_vat(line.amount_incl_vat) for line in quote.lines)
    assert quote.subtotal == sum(line.amount for line in quote.lines)
    assert quote.subtotal_incl_vat == sum(line.amount_incl_vat for line in quote.lines)
    assert quote.airings == sum(line.airings for line in request.lines)
    # The discount is taken per line on the amount VAT included, half up.
    nets = [
        line.amount_incl_vat
        - round_francs(Decimal(line.amount_incl_vat) * quote.discount_percent / 100)
        for line in quote.lines
    ]
    assert quote.total == sum(nets)
    assert quote.total_excl_vat == sum(card.excl_vat(net) for net in nets)
    if not quote.discount_percent:
        assert quote.discount == 0 and quote.total == quote.subtotal_incl_vat
    assert quote.total == quote.subtotal - quote.discount + quote.vat
    data = quote.as_dict()
    assert data["total"] == data["subtotal"] - data["discount"]["amount"] + data["vat"]["amount"]
    assert [line["band"] for line in data["lines"]] == [line.band for line in request.lines]


@given(cards_and_requests(max_airings=MAX_AIRINGS_PER_LINE - 1), st.data())
def test_one_more_airing_never_lowers_the_total_before_discount(card_and_request, data):
    card, request = card_and_request
    index = data.draw(st.integers(0, len(request.lines) - 1))
    line = request.lines[index]
    more = replace(
        request,
        lines=(
            *request.lines[:index],
            replace(line, airings=line.airings + 1),
            *request.lines[index + 1 :],
        ),
    )
    before, after = price(card, request), price(card, more)
    assert after.subtotal >= before.subtotal
    assert after.subtotal_incl_vat - before.subtotal_incl_vat == (
        before.lines[index].unit_price_incl_vat
    )


@given(cards_and_requests(max_airings=500), st.data())
def test_more_airings_never_lower_the_discount_rate(card_and_request, data):
    card, request = card_and_request
    index = data.draw(st.integers(0, len(request.lines) - 1))
    extra = data.draw(st.integers(1, 500))
    line = request.lines[index]
    more = replace(
        request,
        lines=(
            *request.lines[:index],
            replace(line, airings=line.airings + extra),
            *request.lines[index + 1 :],
        ),
    )
    before, after = price(card, request), price(card, more)
    assert after.discount_percent >= before.discount_percent
    assert (after.discount_min_airings or 0) >= (before.discount_min_airings or 0)


@given(rate_cards(), st.integers(1, 1_200), st.integers(0, 1_200))
def test_the_tier_rate_never_falls_as_airings_grow(card, airings, extra):
    def rate(count: int) -> Decimal:
        tier = card.tier_for(count)
        return tier.percent if tier else Decimal("0")

    assert rate(airings + extra) >= rate(airings)


@given(cards_and_requests(), st.data())
def test_a_longer_spot_never_costs_less_in_the_same_band(card_and_request, data):
    card, request = card_and_request
    longer = data.draw(st.integers(request.spot_length, MAX_SPOT_LENGTH))
    short, long = price(card, request), price(card, replace(request, spot_length=longer))
    assert all(b >= a for a, b in zip(unit_prices(short), unit_prices(long), strict=True))
    assert long.subtotal >= short.subtotal


@given(cards_and_requests(), st.randoms(use_true_random=False))
def test_the_same_request_always_gives_the_same_francs(card_and_request, random):
    card, request = card_and_request
    first = price(card, request)
    assert price(card, request) == first
    # The card as the cache keeps it (pickled) prices the same.
    assert price(pickle.loads(pickle.dumps(card)), request).as_dict() == first.as_dict()  # noqa: S301
    # Options are a set: the order they were ticked in changes nothing.
    options = list(request.options)
    random.shuffle(options)
    assert price(card, replace(request, options=tuple(options))).lines == first.lines
    # Lines in another order: the same lines and totals.
    lines = list(request.lines)
    random.shuffle(lines)
    shuffled = price(card, replace(request, lines=tuple(lines)))
    assert (shuffled.subtotal, shuffled.discount, shuffled.vat, shuffled.total) == (
        first.subtotal,
        first.discount,
        first.vat,
        first.total,
    )
    assert sorted(shuffled.lines, key=lambda line: line.band) == sorted(
        first.lines, key=lambda line: line.band
    )


@given(rate_cards(), st.data())
def test_any_request_gets_a_quote_or_field_errors(card, data):
    """Whatever arrives (the API passes any integer and any ISO date through),
    the engine answers with a quote or with PricingError, never crashes."""
    request = data.draw(any_requests(card))
    try:
        quote = price(card, request)
    except PricingError as error:
        assert error.errors
        for field, messages in error.errors.items():
            assert field in ERROR_FIELDS or (
                field.startswith("bands.") and int(field[6:]) < len(request.lines)
            )
            assert messages and all(message.strip() for message in messages)
    else:
        assert quote.total == quote.subtotal - quote.discount + quote.vat


@given(st.data())
def test_valid_requests_are_valid(data):
    """The strategies themselves: a drawn request is accepted by its card."""
    card = data.draw(rate_cards())
    request = data.draw(valid_requests(card))
    assert isinstance(request, QuoteRequest)
    price(card, request)


def published_price(code: str, length: int) -> int:
    """One airing of `length` seconds in band `code`, as the sheet publishes it."""
    up_to_30, to_60, per_second = PUBLISHED[code]
    if length <= 30:
        return up_to_30
    return to_60 + max(0, length - 60) * per_second


@pytest.mark.parametrize("code", PUBLISHED)
@given(day=st.dates(date(2025, 1, 1), date(2040, 12, 31)))
def test_the_published_sheet_is_reproduced_to_the_franc(code, day):
    """Every length from 5 to 120 s in every band: one airing costs the published
    price VAT included, with a tolerance of 0 FCFA (issue 13)."""
    for length in range(5, 121):
        request = QuoteRequest(
            spot_length=length, start_date=day, end_date=day, lines=(LineRequest(code, 1),)
        )
        quote = price(DEMO, request)
        assert quote.total == published_price(code, length), (code, length)
        assert quote.total == quote.subtotal - quote.discount + quote.vat


@given(
    lines=st.lists(
        st.tuples(st.sampled_from(sorted(PUBLISHED)), st.integers(1, MAX_AIRINGS_PER_LINE)),
        min_size=1,
        max_size=6,
        unique_by=lambda line: line[0],
    ),
    length=st.integers(5, 120),
)
def test_any_airings_give_the_published_price_times_airings(lines, length):
    """Random airing counts: each line VAT included is the published price ×
    airings before the discount, and the totals add up exactly."""
    day = date(2026, 11, 18)
    request = QuoteRequest(
        spot_length=length,
        start_date=day,
        end_date=day,
        lines=tuple(LineRequest(code, airings) for code, airings in lines),
    )
    quote = price(DEMO, request)
    for line, (code, airings) in zip(quote.lines, lines, strict=True):
        assert line.unit_price_incl_vat == published_price(code, length)
        assert line.amount_incl_vat == published_price(code, length) * airings
    assert quote.subtotal_incl_vat == sum(
        published_price(code, length) * airings for code, airings in lines
    )
    assert quote.total == quote.subtotal - quote.discount + quote.vat
    if quote.discount_percent == 0:
        assert quote.total == quote.subtotal_incl_vat
