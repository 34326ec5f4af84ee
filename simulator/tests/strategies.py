"""Rate cards and quote requests for the pricing engine's tests, as plain data
(no database): the demo card of 2025 built by hand, and hypothesis strategies
that draw random valid cards and requests.

Generated cards respect what the admin enforces on real cards: the 31–60 s price
is never below the 30 s price, volume discounts never fall as the tier rises,
percentages stay within the model's bounds (−100 % to +300 %, discounts up to
90 %), and at least one band is offered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal

from hypothesis import assume
from hypothesis import strategies as st

from simulator import demo
from simulator.pricing import (
    MAX_AIRINGS_PER_LINE,
    MAX_RANGE_DAYS,
    MAX_SPOT_LENGTH,
    MIN_SPOT_LENGTH,
    Adjustment,
    Band,
    LineRequest,
    QuoteRequest,
    RateCardData,
    VolumeTier,
)

ALL_DAYS = frozenset(range(7))
DEMO_VALID_FROM = date(2025, 1, 1)
FIXED_POSITION = "position-fixe"
CULTURAL = "tarif-culturel"


def demo_rate_card() -> RateCardData:
    """BF1's published 2025 sheet as `simulator.demo.ensure_demo_rate_card`
    stores it (prices VAT included, as published), without the ORM. The example
    fixed-position surcharge is kept, so that the engine's tests have a
    percentage option (in the database it is unpublished, hence not priced)."""
    bands = tuple(
        Band(
            code=code,
            name=name,
            start=start,
            end=end,
            weekdays=ALL_DAYS,
            price_up_to_30=up_to_30,
            price_31_to_60=to_60,
            price_per_extra_second=per_second,
            prime=prime,
            teaching_text=teaching,
        )
        for code, name, start, end, prime, (up_to_30, to_60, per_second), teaching in demo.BANDS
    )
    adjustments = (
        Adjustment(
            code=FIXED_POSITION,
            name="Position fixe (premier ou dernier de l'écran)",
            percent=Decimal("20"),
        ),
        Adjustment(
            code=CULTURAL,
            name="Tarif culturel",
            fixed_unit_price=demo.CULTURAL_PRICE,
            band_codes=frozenset({"matinee"}),
            on_request=False,
        ),
    )
    return RateCardData(
        id=1,
        name=demo.CARD_NAME,
        valid_from=DEMO_VALID_FROM,
        valid_until=None,
        vat_rate=demo.VAT,
        bands=bands,
        adjustments=adjustments,
        volume_tiers=tuple(VolumeTier(m, p) for m, p in demo.VOLUME_TIERS),
    )


# --- Hypothesis strategies ----------------------------------------------------

codes = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=16)
percents = st.decimals(min_value=-100, max_value=300, places=2).filter(bool)
discounts = st.decimals(min_value=Decimal("0.01"), max_value=90, places=2)
vat_rates = st.one_of(st.just(Decimal("18")), st.decimals(min_value=0, max_value=100, places=2))
times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 25, 30, 55]))


@st.composite
def bands(draw, code: str) -> Band:
    up_to_30 = draw(st.integers(1, 2_000_000))
    return Band(
        code=code,
        name=f"Tranche {code}",
        start=draw(times),
        end=draw(times),
        weekdays=draw(st.one_of(st.just(ALL_DAYS), st.frozensets(st.integers(0, 6), min_size=1))),
        price_up_to_30=up_to_30,
        price_31_to_60=draw(st.integers(up_to_30, 3_000_000)),
        price_per_extra_second=draw(st.integers(0, 100_000)),
        prime=draw(st.booleans()),
        active=draw(st.booleans()) if draw(st.booleans()) else True,
    )


@st.composite
def adjustments(draw, code: str, band_codes: list[str]) -> Adjustment:
    applies_to = draw(st.frozensets(st.sampled_from(band_codes))) if draw(st.booleans()) else None
    if draw(st.booleans()):
        return Adjustment(
            code=code,
            name=f"Prix fixe {code}",
            fixed_unit_price=draw(st.integers(0, 2_000_000)),
            band_codes=applies_to or frozenset(),
        )
    return Adjustment(
        code=code,
        name=f"Ajustement {code}",
        percent=draw(percents),
        band_codes=applies_to or frozenset(),
    )


@st.composite
def volume_tiers(draw) -> tuple[VolumeTier, ...]:
    """Tiers whose discount never falls as the tier rises (the admin's rule)."""
    thresholds = sorted(draw(st.lists(st.integers(2, 1200), unique=True, max_size=4)))
    rates = sorted(draw(st.lists(discounts, min_size=len(thresholds), max_size=len(thresholds))))
    return tuple(VolumeTier(m, p) for m, p in zip(thresholds, rates, strict=True))


@st.composite
def rate_cards(draw) -> RateCardData:
    band_codes = draw(st.lists(codes, min_size=1, max_size=6, unique=True))
    card_bands = [draw(bands(code)) for code in band_codes]
    if not any(band.active for band in card_bands):
        card_bands[0] = replace(card_bands[0], active=True)
    adjustment_codes = draw(st.lists(codes, max_size=4, unique=True))
    valid_from = draw(st.dates(date(2020, 1, 1), date(2035, 12, 31)))
    valid_until = (
        valid_from + timedelta(days=draw(st.integers(0, 800))) if draw(st.booleans()) else None
    )
    return RateCardData(
        id=draw(st.integers(1, 10_000)),
        name="Grille générée",
        valid_from=valid_from,
        valid_until=valid_until,
        vat_rate=draw(vat_rates),
        bands=tuple(card_bands),
        adjustments=tuple(draw(adjustments(code, band_codes)) for code in adjustment_codes),
        volume_tiers=draw(volume_tiers()),
    )


def airs_within(band: Band, start: date, end: date) -> bool:
    days = min((end - start).days + 1, 7)
    return any((start.weekday() + offset) % 7 in band.weekdays for offset in range(days))


@st.composite
def valid_requests(draw, card: RateCardData, max_airings: int = MAX_AIRINGS_PER_LINE):
    """A request that `card` accepts: length 5–120 s, a period within the card's
    validity and at most 365 days long, distinct offered bands that air on at
    least one day of the period, 1 to `max_airings` airings each, known options
    (each at most once)."""
    span = (card.valid_until - card.valid_from).days if card.valid_until else 3000
    start = card.valid_from + timedelta(days=draw(st.integers(0, span)))
    room = (card.valid_until - start).days if card.valid_until else MAX_RANGE_DAYS
    end = start + timedelta(days=draw(st.integers(0, min(room, MAX_RANGE_DAYS - 1))))
    candidates = [band.code for band in card.bands if band.active and airs_within(band, start, end)]
    assume(candidates)
    chosen = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=4, unique=True))
    # Only options that apply to one of the chosen bands: the card refuses the others.
    options = [
        adjustment.code
        for adjustment in card.adjustments
        if any(adjustment.applies_to(code) for code in chosen)
    ]
    return QuoteRequest(
        spot_length=draw(st.integers(MIN_SPOT_LENGTH, MAX_SPOT_LENGTH)),
        start_date=start,
        end_date=end,
        lines=tuple(LineRequest(code, draw(st.integers(1, max_airings))) for code in chosen),
        options=tuple(draw(st.lists(st.sampled_from(options), unique=True))) if options else (),
    )


@st.composite
def cards_and_requests(draw, max_airings: int = MAX_AIRINGS_PER_LINE):
    card = draw(rate_cards())
    return card, draw(valid_requests(card, max_airings=max_airings))


@st.composite
def any_requests(draw, card: RateCardData) -> QuoteRequest:
    """Requests that may break any rule: odd lengths and airings, unknown or
    repeated bands and options, any dates (date.min and date.max included)."""
    known_bands = [band.code for band in card.bands]
    known_options = [adjustment.code for adjustment in card.adjustments]
    band_codes = st.one_of(st.sampled_from(known_bands), codes)
    option_codes = st.one_of(st.sampled_from(known_options), codes) if known_options else codes
    some_dates = st.one_of(
        st.dates(),
        st.sampled_from([date.min, date.max, date.max - timedelta(days=3), card.valid_from]),
        st.dates(card.valid_from - timedelta(days=30), card.valid_from + timedelta(days=800)),
    )
    start = draw(some_dates)
    if draw(st.booleans()):
        end = draw(some_dates)
    else:  # a short period, up to the last day of the calendar
        end = start + timedelta(days=min(draw(st.integers(0, 8)), (date.max - start).days))
    return QuoteRequest(
        spot_length=draw(st.integers(-10, 200)),
        start_date=start,
        end_date=end,
        lines=tuple(
            draw(st.lists(st.builds(LineRequest, band_codes, st.integers(-5, 1_500)), max_size=4))
        ),
        options=tuple(draw(st.lists(option_codes, max_size=3))),
    )
