"""The pricing engine on plain data (no database): the published 2025 sheet,
the options, the rounding rule, the volume tiers and every validation error."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from simulator import demo
from simulator.pricing import (
    Adjustment,
    Band,
    LineRequest,
    PricingError,
    QuoteRequest,
    RateCardData,
    VolumeTier,
    band_multiplier,
    fcfa,
    price,
    round_francs,
    validate,
)
from simulator.tests.strategies import CULTURAL, DEMO_VALID_FROM, FIXED_POSITION, demo_rate_card

# code -> published prices VAT included: (up to 30 s, 31–60 s, per extra second)
PUBLISHED = {code: prices for code, _name, _start, _end, _prime, prices, _text in demo.BANDS}
MONDAY = date(2026, 11, 30)  # the request of the issue starts on 2026-12-01, a Tuesday


@pytest.fixture(scope="module")
def card() -> RateCardData:
    """The 2025 demo card, built from simulator.demo without the ORM."""
    return demo_rate_card()


def ask(
    *lines: tuple[str, int],
    length: int = 30,
    start: date = date(2026, 12, 1),
    end: date = date(2026, 12, 14),
    options: tuple[str, ...] = (),
) -> QuoteRequest:
    return QuoteRequest(
        spot_length=length,
        start_date=start,
        end_date=end,
        lines=tuple(LineRequest(band, airings) for band, airings in lines),
        options=options,
    )


def errors_of(card: RateCardData, request: QuoteRequest) -> dict[str, list[str]]:
    with pytest.raises(PricingError) as caught:
        price(card, request)
    for messages in caught.value.errors.values():
        assert messages and all(isinstance(m, str) and m.strip() for m in messages)
    return caught.value.errors


def simple_card(**changes) -> RateCardData:
    """One band at round prices, every day, no option, no tier, VAT 18 %."""
    band = Band(
        code="jour",
        name="Journée",
        start=time(6, 0),
        end=time(18, 0),
        weekdays=frozenset(range(7)),
        price_up_to_30=10_000,
        price_31_to_60=12_000,
        price_per_extra_second=200,
    )
    base = RateCardData(
        id=7,
        name="Grille simple",
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
        vat_rate=Decimal("18"),
        bands=(band,),
    )
    return replace(base, **changes)


# --- The published sheet ------------------------------------------------------


@pytest.mark.parametrize("code", PUBLISHED)
@pytest.mark.parametrize(("length", "tier"), [(5, 0), (30, 0), (31, 1), (45, 1), (60, 1)])
def test_one_airing_gives_the_published_price(card, code, length, tier):
    quote = price(card, ask((code, 1), length=length))
    assert quote.total == PUBLISHED[code][tier]
    assert quote.discount == 0


@pytest.mark.parametrize("code", PUBLISHED)
def test_the_price_per_extra_second_is_the_published_one(card, code):
    band = card.band(code)
    assert band.price_per_extra_second == PUBLISHED[code][2]
    one_more_second = price(card, ask((code, 1), length=61))
    line = one_more_second.lines[0]
    assert line.unit_price_incl_vat == band.price_31_to_60 + band.price_per_extra_second
    assert one_more_second.total == PUBLISHED[code][1] + PUBLISHED[code][2]


def test_prime_time_30s_ten_airings_the_journey_of_the_issue(card):
    quote = price(card, ask(("prime-time", 10)))
    # 10 × 103 545 = 1 035 450 incl. VAT, i.e. 877 500 excl. VAT (exactly)
    assert quote.subtotal_incl_vat == 1_035_450
    assert quote.subtotal == 877_500
    assert (quote.discount_percent, quote.discount_min_airings) == (Decimal("5"), 10)
    # −5 % of 1 035 450 = 51 772.5 → 51 773 (half up): 983 677 incl. VAT, of which
    # 983 677 / 1.18 = 833 624.58 → 833 625 excl. VAT and 150 052 of VAT
    assert quote.total == 983_677
    assert quote.total_excl_vat == 833_625
    assert quote.discount == 43_875
    assert quote.vat == 150_052


def test_spot_length_tiers_switch_at_30_and_60_seconds(card):
    band = card.band("prime-time")
    units = {
        length: price(card, ask(("prime-time", 1), length=length)).lines[0].unit_price_incl_vat
        for length in (5, 30, 31, 60, 61, 90, 120)
    }
    assert units[5] == units[30] == band.price_up_to_30
    assert units[31] == units[60] == band.price_31_to_60
    assert units[61] == band.price_31_to_60 + band.price_per_extra_second
    assert units[90] == band.price_31_to_60 + 30 * band.price_per_extra_second
    assert units[120] == band.price_31_to_60 + 60 * band.price_per_extra_second


def test_extra_seconds_are_a_named_factor_only_beyond_60_s(card):
    at_60 = price(card, ask(("matinee", 1), length=60)).lines[0]
    at_90 = price(card, ask(("matinee", 1), length=90)).lines[0]
    assert "extra_seconds" not in [factor.code for factor in at_60.factors]
    extra = next(factor for factor in at_90.factors if factor.code == "extra_seconds")
    assert extra.value == "+ " + fcfa(30 * card.band("matinee").price_per_extra_second)
    assert "30" in extra.explanation


def test_band_multiplier_is_relative_to_the_cheapest_band(card):
    assert card.reference_band.code == "matinee"
    assert band_multiplier(card, card.band("matinee")) == Decimal("1.00")
    # 103 545 / 44 870 = 2.3077
    assert band_multiplier(card, card.band("prime-time")) == Decimal("2.31")
    factor = next(
        f for f in price(card, ask(("prime-time", 1))).lines[0].factors if f.code == "band"
    )
    assert factor.value == "× 2,31"


# --- Adjustments ----------------------------------------------------------------


@pytest.mark.parametrize("length", [5, 30, 45, 60])
def test_cultural_rate_is_35_400_per_airing_in_matinee(card, length):
    quote = price(card, ask(("matinee", 1), length=length, options=(CULTURAL,)))
    line = quote.lines[0]
    assert line.unit_price_incl_vat == demo.CULTURAL_PRICE == 35_400
    assert line.unit_price == 30_000  # 35 400 / 1.18
    assert quote.total == 35_400
    assert [factor.code for factor in line.factors][0] == "fixed_price"
    assert "base_price" not in [factor.code for factor in line.factors]


def test_cultural_rate_does_not_apply_to_other_bands(card):
    plain = price(card, ask(("matinee", 2), ("prime-time", 2)))
    cultural = price(card, ask(("matinee", 2), ("prime-time", 2), options=(CULTURAL,)))
    assert cultural.lines[0].unit_price == 30_000
    assert cultural.lines[1].unit_price == plain.lines[1].unit_price == 87_750
    assert [f.code for f in cultural.lines[1].factors] == [f.code for f in plain.lines[1].factors]
    for code in PUBLISHED:
        if code != "matinee":
            # Alone in a band it cannot apply to, the option is refused (issue 13),
            # not ignored and echoed.
            with pytest.raises(PricingError) as caught:
                price(card, ask((code, 1), options=(CULTURAL,)))
            assert list(caught.value.errors) == ["options"]
            assert "Matinée" in caught.value.errors["options"][0]


def test_fixed_position_is_a_20_percent_surcharge(card):
    for code in PUBLISHED:
        base = card.band(code).price_up_to_30
        line = price(card, ask((code, 1), options=(FIXED_POSITION,))).lines[0]
        assert line.unit_price_incl_vat == int(
            (Decimal(base) * Decimal("1.2")).to_integral_value("ROUND_HALF_UP")
        )
        factor = line.factors[-1]
        assert (factor.code, factor.value) == (FIXED_POSITION, "+ 20\u00a0%")


def test_fixed_position_applies_on_top_of_the_cultural_rate_and_extra_seconds(card):
    both = price(card, ask(("matinee", 1), length=70, options=(FIXED_POSITION, CULTURAL)))
    extra = 10 * card.band("matinee").price_per_extra_second
    assert both.lines[0].unit_price_incl_vat == round((35_400 + extra) * 1.2)
    reordered = price(card, ask(("matinee", 1), length=70, options=(CULTURAL, FIXED_POSITION)))
    assert reordered.lines == both.lines


def test_two_fixed_prices_the_first_of_the_card_wins_whatever_the_order_asked():
    card = simple_card(
        adjustments=(
            Adjustment(code="culturel", name="Culturel", fixed_unit_price=3_000),
            Adjustment(code="ong", name="ONG", fixed_unit_price=5_000),
        )
    )
    one = price(card, ask(("jour", 1), start=MONDAY, end=MONDAY, options=("ong", "culturel")))
    other = price(card, ask(("jour", 1), start=MONDAY, end=MONDAY, options=("culturel", "ong")))
    assert one.lines[0].unit_price_incl_vat == other.lines[0].unit_price_incl_vat == 3_000


def test_a_reduction_is_explained_as_a_reduction():
    card = simple_card(
        adjustments=(Adjustment(code="ong", name="Tarif ONG", percent=Decimal("-12.5")),)
    )
    line = price(card, ask(("jour", 1), start=MONDAY, end=MONDAY, options=("ong",))).lines[0]
    assert line.unit_price_incl_vat == 8_750
    assert line.factors[-1].value == "− 12,5\u00a0%"


def test_every_factor_is_named_and_explained(card):
    quote = price(
        card,
        ask(*((code, 3) for code in PUBLISHED), length=95, options=(FIXED_POSITION, CULTURAL)),
    )
    codes = set()
    for line in quote.lines:
        assert line.factors
        for factor in line.factors:
            assert factor.code and factor.label.strip() and factor.value.strip()
            assert factor.explanation.strip()
            codes.add(factor.code)
    assert codes == {"base_price", "fixed_price", "band", "extra_seconds", FIXED_POSITION}
    plain = price(card, ask(("avant-soiree", 1), length=20)).lines[0]
    assert all(factor.explanation.strip() for factor in plain.factors)


# --- Rounding -----------------------------------------------------------------


def test_unit_price_is_rounded_half_up_once():
    card = simple_card(
        bands=(replace(simple_card().bands[0], price_up_to_30=115),),
        adjustments=(
            Adjustment(code="a", name="A", percent=Decimal("10")),
            Adjustment(code="b", name="B", percent=Decimal("10")),
        ),
    )
    one = price(card, ask(("jour", 1), start=MONDAY, end=MONDAY, options=("a",)))
    assert one.lines[0].unit_price_incl_vat == 127  # 126.5, half up (half even would give 126)
    two = price(card, ask(("jour", 1), start=MONDAY, end=MONDAY, options=("a", "b")))
    assert two.lines[0].unit_price_incl_vat == 139  # 139.15 rounded once (twice would give 140)


def test_discount_and_vat_are_rounded_half_up():
    card = simple_card(
        bands=(replace(simple_card().bands[0], price_up_to_30=101),),
        volume_tiers=(VolumeTier(10, Decimal("5")),),
    )
    quote = price(card, ask(("jour", 10), start=MONDAY, end=MONDAY))
    assert quote.subtotal_incl_vat == 1_010
    assert quote.subtotal == 856  # 1 010 / 1.18 = 855.93
    assert quote.total == 959  # the discount, 50.5 incl. VAT, half up: 51
    assert quote.total_excl_vat == 813  # 959 / 1.18 = 812.71
    assert (quote.discount, quote.vat) == (43, 146)
    excl_vat_half = price(
        simple_card(
            bands=(replace(simple_card().bands[0], price_up_to_30=25),), vat_rate=Decimal("100")
        ),
        ask(("jour", 1), start=MONDAY, end=MONDAY),
    )
    assert excl_vat_half.subtotal == 13  # 25 / 2 = 12.5, half up
    assert (excl_vat_half.vat, excl_vat_half.total) == (12, 25)


def test_total_is_lines_minus_discount_plus_vat_exactly(card):
    quote = price(
        card,
        ask(("matinee", 7), ("apres-midi", 13), ("fin-de-soiree", 11), length=47),
    )
    assert quote.subtotal == sum(line.amount for line in quote.lines)
    assert all(
        line.amount_incl_vat == line.unit_price_incl_vat * line.airings for line in quote.lines
    )
    assert all(line.amount == card.excl_vat(line.amount_incl_vat) for line in quote.lines)
    assert quote.total == quote.subtotal - quote.discount + quote.vat
    assert quote.total_excl_vat == quote.subtotal - quote.discount
    data = quote.as_dict()
    assert data["total"] == data["subtotal"] - data["discount"]["amount"] + data["vat"]["amount"]


# --- Volume tiers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("airings", "percent", "tier"),
    [(1, "0", None), (9, "0", None), (10, "5", 10), (29, "5", 10), (30, "10", 30),
     (59, "10", 30), (60, "15", 60), (1000, "15", 60)],
)  # fmt: skip
def test_volume_tiers(card, airings, percent, tier):
    quote = price(card, ask(("apres-midi", airings)))
    assert quote.discount_percent == Decimal(percent)
    assert quote.discount_min_airings == tier
    discount_incl_vat = round_francs(Decimal(quote.subtotal_incl_vat) * Decimal(percent) / 100)
    assert quote.total == quote.subtotal_incl_vat - discount_incl_vat
    assert quote.total_excl_vat == card.excl_vat(quote.total)


def test_volume_tier_counts_the_airings_of_every_band(card):
    quote = price(card, ask(("matinee", 4), ("prime-time", 3), ("fin-de-soiree", 3)))
    assert quote.airings == 10
    assert quote.discount_percent == Decimal("5")


# --- Validation -----------------------------------------------------------------


@pytest.mark.parametrize("length", [4, 121, 0, -30])
def test_spot_length_outside_5_to_120_s(card, length):
    assert set(errors_of(card, ask(("matinee", 1), length=length))) == {"spot_length"}


@pytest.mark.parametrize("length", [5, 120])
def test_spot_length_limits_are_accepted(card, length):
    validate(card, ask(("matinee", 1), length=length))


def test_unknown_band(card):
    errors = errors_of(card, ask(("matinee", 1), ("nuit", 2)))
    assert set(errors) == {"bands.1"}
    assert "nuit" in errors["bands.1"][0]


def test_inactive_band(card):
    retired = replace(card, bands=(replace(card.bands[0], active=False), *card.bands[1:]))
    assert set(errors_of(retired, ask(("matinee", 1)))) == {"bands.0"}
    assert retired.reference_band.code != "matinee"


def test_band_asked_twice(card):
    assert set(errors_of(card, ask(("prime-time", 1), ("prime-time", 2)))) == {"bands.1"}


@pytest.mark.parametrize("airings", [0, -1, 1001])
def test_airings_outside_1_to_1000(card, airings):
    assert set(errors_of(card, ask(("matinee", 2), ("prime-time", airings)))) == {"bands.1"}


def test_a_thousand_airings_is_accepted(card):
    assert price(card, ask(("matinee", 1000))).airings == 1000


def test_no_band(card):
    assert set(errors_of(card, ask())) == {"bands"}


def test_end_before_start(card):
    errors = errors_of(card, ask(("matinee", 1), start=date(2026, 3, 2), end=date(2026, 3, 1)))
    assert set(errors) == {"end_date"}


def test_a_range_of_366_days_is_refused_365_accepted(card):
    start = date(2026, 1, 1)
    assert set(errors_of(card, ask(("matinee", 1), start=start, end=date(2027, 1, 1)))) == {
        "end_date"
    }
    validate(card, ask(("matinee", 1), start=start, end=date(2026, 12, 31)))


def test_dates_before_the_card_starts(card):
    day_before = DEMO_VALID_FROM - timedelta(days=1)
    errors = errors_of(card, ask(("matinee", 1), start=day_before, end=date(2025, 1, 10)))
    assert set(errors) == {"start_date"}
    assert "01/01/2025" in errors["start_date"][0]
    validate(card, ask(("matinee", 1), start=DEMO_VALID_FROM, end=date(2025, 1, 10)))


def test_dates_after_the_card_ends():
    card = simple_card()  # valid 2026-01-01 to 2026-12-31
    errors = errors_of(card, ask(("jour", 1), start=date(2026, 12, 20), end=date(2027, 1, 5)))
    assert set(errors) == {"end_date"}
    assert "31/12/2026" in errors["end_date"][0]
    after = errors_of(card, ask(("jour", 1), start=date(2027, 1, 2), end=date(2027, 1, 5)))
    assert set(after) == {"end_date"}
    validate(card, ask(("jour", 1), start=date(2026, 12, 20), end=date(2026, 12, 31)))


def test_open_ended_card_accepts_any_later_date(card):
    far = date(2031, 6, 1)
    assert price(card, ask(("matinee", 1), start=far, end=far + timedelta(days=364))).total > 0


def test_weekend_band_on_a_monday_to_friday_range():
    weekend = replace(simple_card().bands[0], code="week-end", weekdays=frozenset({5, 6}))
    card = simple_card(bands=(*simple_card().bands, weekend))
    friday = MONDAY + timedelta(days=4)
    errors = errors_of(card, ask(("jour", 1), ("week-end", 1), start=MONDAY, end=friday))
    assert set(errors) == {"bands.1"}
    validate(card, ask(("week-end", 1), start=MONDAY, end=friday + timedelta(days=1)))


def test_weekday_band_on_the_last_day_of_the_calendar():
    """Regression: counting the band's days stepped past date.max (OverflowError)."""
    open_ended = simple_card(
        valid_until=None,
        bands=(replace(simple_card().bands[0], weekdays=frozenset({0, 1, 2, 3, 4})),),
    )
    last = date.max  # a Friday
    assert price(open_ended, ask(("jour", 1), start=last, end=last)).total > 0
    sunday = date(9999, 12, 26)
    saturday = sunday - timedelta(days=1)
    assert set(errors_of(open_ended, ask(("jour", 1), start=saturday, end=sunday))) == {"bands.0"}


def test_unknown_option(card):
    errors = errors_of(card, ask(("matinee", 1), options=("gratuit",)))
    assert set(errors) == {"options"}
    assert "gratuit" in errors["options"][0]


def test_option_asked_twice(card):
    errors = errors_of(card, ask(("matinee", 1), options=(FIXED_POSITION, FIXED_POSITION)))
    assert set(errors) == {"options"}


def test_every_error_is_reported_at_once(card):
    errors = errors_of(
        card,
        QuoteRequest(
            spot_length=200,
            start_date=date(2026, 5, 2),
            end_date=date(2026, 5, 1),
            lines=(LineRequest("nuit", 1), LineRequest("matinee", 0)),
            options=("gratuit",),
        ),
    )
    assert set(errors) == {"spot_length", "end_date", "bands.0", "bands.1", "options"}


# --- Output -----------------------------------------------------------------------


def test_fcfa_is_written_the_french_way():
    assert fcfa(103545) == "103\u202f545\u00a0FCFA"
    assert fcfa(0) == "0\u00a0FCFA"
    assert fcfa(1_590_000) == "1\u202f590\u202f000\u00a0FCFA"
    assert fcfa(-35400) == "-35\u202f400\u00a0FCFA"


def test_quote_as_dict_has_integer_amounts(card):
    data = price(card, ask(("matinee", 10), ("prime-time", 10), ("fin-de-soiree", 5))).as_dict()
    assert data["currency"] == "XOF"
    assert data["rate_card"] == {"id": 1, "name": demo.CARD_NAME}
    for key in ("subtotal", "total", "total_excl_vat", "airings"):
        assert type(data[key]) is int
    assert type(data["discount"]["amount"]) is int and type(data["vat"]["amount"]) is int
    assert data["vat"]["rate"] == 18.0
    for line in data["lines"]:
        assert type(line["unit_price"]) is int and type(line["amount"]) is int
        assert {"code", "label", "value", "explanation"} <= set(line["factors"][0])
