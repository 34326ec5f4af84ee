"""Invoice arithmetic (billing.compute) on any lines, prices, discount, agency
commission, VAT withholding and advance (hypothesis, no database)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing.compute import Advance, PricedLine, compute, credit_amounts, excl_vat
from billing.frozen import frozen_prices
from simulator.pricing import price
from simulator.tests.strategies import demo_rate_card, rate_cards, valid_requests

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DEMO = demo_rate_card()

percents = st.decimals(min_value=0, max_value=60, places=2)
vat_rates = st.sampled_from([Decimal("18"), Decimal("0"), Decimal("10"), Decimal("18.5")])
lines = st.lists(
    st.builds(
        PricedLine,
        band=st.sampled_from(["matinee", "prime-time", "nuit", "midi"]),
        label=st.just("Tranche"),
        spot_length=st.integers(5, 120),
        airings=st.integers(1, 400),
        unit_price_incl_vat=st.integers(1, 3_000_000),
    ),
    min_size=1,
    max_size=6,
)


@st.composite
def advances(draw, vat_rate: Decimal):
    if not draw(st.booleans()):
        return None
    total = draw(st.integers(1, 2_000_000_000))
    return Advance(total=total, total_excl_vat=excl_vat(total, vat_rate))


@st.composite
def invoices(draw):
    vat_rate = draw(vat_rates)
    return {
        "lines": draw(lines),
        "vat_rate": vat_rate,
        "discount_percent": draw(percents),
        "commission_percent": draw(st.one_of(st.just(Decimal("0")), percents)),
        "withholding_percent": draw(st.sampled_from([0, 30, 100])),
        "advance": draw(advances(vat_rate)),
    }


@SETTINGS
@given(invoices())
def test_totals_add_up(case):
    totals = compute(case.pop("lines"), **case)
    assert totals.total == totals.total_excl_vat + totals.vat
    assert totals.net_to_pay == totals.total - totals.vat_withheld
    # What the journal relies on: revenue − commission − advance = excl. VAT.
    assert totals.total_excl_vat == (
        totals.gross - totals.discount - totals.commission - totals.advance_deducted
    )
    assert totals.gross == sum(line.amount for line in totals.lines)
    assert 0 <= totals.discount <= totals.gross
    assert 0 <= totals.vat_withheld <= max(totals.vat, 0)
    assert totals.total >= 0 and totals.net_to_pay >= 0
    if case["advance"] is not None:
        deducted = totals.advance_deducted + totals.advance_deducted_vat
        assert 0 <= deducted <= case["advance"].total


@SETTINGS
@given(invoices())
def test_without_advance_nothing_is_deducted(case):
    case["advance"] = None
    totals = compute(case.pop("lines"), **case)
    assert totals.advance_deducted == totals.advance_deducted_vat == 0
    assert totals.total_excl_vat == totals.gross - totals.discount - totals.commission


def _invoice_of_every_airing(quote):
    """The invoice of every airing of a campaign frozen with `quote`, read back
    from the frozen JSON as billing does (billing.frozen)."""
    campaign = SimpleNamespace(
        quote=quote.as_dict(), spot_length=quote.spot_length, quote_total=quote.total
    )
    prices = frozen_prices(campaign)
    return compute(
        [
            PricedLine(
                band=line.band,
                label=line.label,
                spot_length=quote.spot_length,
                airings=line.airings,
                unit_price_incl_vat=prices.unit(line.band)[1],
            )
            for line in quote.lines
        ],
        vat_rate=prices.vat_rate,
        discount_percent=prices.discount_percent,
    )


@SETTINGS
@given(valid_requests(DEMO))
def test_every_airing_billed_equals_the_demo_quote(request):
    quote = price(DEMO, request)
    totals = _invoice_of_every_airing(quote)
    assert totals.total == quote.total
    assert totals.vat == quote.vat
    assert totals.total_excl_vat == quote.total_excl_vat
    assert totals.discount == quote.discount


@st.composite
def cards_and_requests(draw):
    card = draw(rate_cards())
    return card, draw(valid_requests(card))


@settings(SETTINGS, max_examples=100)
@given(cards_and_requests())
def test_every_airing_billed_equals_any_quote(card_and_request):
    card, request = card_and_request
    quote = price(card, request)
    assert _invoice_of_every_airing(quote).total == quote.total


@SETTINGS
@given(st.integers(1, 10**12), vat_rates, st.sampled_from([0, 30]))
def test_credit_amounts_add_up(amount, vat_rate, withholding):
    excl, vat, incl, withheld, net = credit_amounts(amount, vat_rate, withholding)
    assert incl == amount == excl + vat
    assert net == incl - withheld and 0 <= withheld <= vat
