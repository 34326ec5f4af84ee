"""The price function: validate a request against a card, then price each line
(base price of the length tier or a fixed price, band factor, seconds beyond
60 s, percentage adjustments, all VAT included as published), the volume
discount and the amounts excluding VAT, naming every factor so that the
simulator can teach it. See the package's docstring for the rounding rule."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

from core.money import fcfa, percent_text, round_francs

from .card import TIER_30, TIER_60, Adjustment, Band, RateCardData
from .quote import Factor, LineRequest, Quote, QuoteLine, QuoteRequest
from .translation import QUOTE_LANGUAGE, _
from .validation import validate


def band_multiplier(card: RateCardData, band: Band) -> Decimal:
    """How many times the reference band's price this band costs (2 decimals)."""
    reference = card.reference_band
    if reference is None or reference.price_up_to_30 <= 0:
        return Decimal("1.00")
    ratio = Decimal(band.price_up_to_30) / Decimal(reference.price_up_to_30)
    return ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _band_factor(card: RateCardData, band: Band) -> Factor | None:
    reference = card.reference_band
    if reference is None:
        return None
    shown = str(band_multiplier(card, band)).replace(".", ",")
    if band.code == reference.code:
        text = _("“%(band)s” (%(hours)s) is the reference band, the cheapest one: factor 1.") % {
            "band": band.name,
            "hours": band.hours,
        }
    else:
        text = _(
            "“%(band)s” (%(hours)s) costs %(factor)s times the “%(reference)s” band: "
            "the larger the audience, the dearer the airing."
        ) % {"band": band.name, "hours": band.hours, "factor": shown, "reference": reference.name}
    return Factor("band", _("Time band"), f"× {shown}", text)


def _chosen_adjustments(card: RateCardData, options: tuple[str, ...]) -> tuple[Adjustment, ...]:
    """The adjustments asked for, in the card's order, not in the order the
    options were ticked: the same set of options always gives the same price (a
    fixed price is the first one of the card that applies to the band)."""
    wanted = set(options)
    chosen: dict[str, Adjustment] = {}
    for adjustment in card.adjustments:
        if adjustment.code in wanted:
            chosen.setdefault(adjustment.code, adjustment)
    return tuple(chosen.values())


def _line(
    card: RateCardData,
    request: QuoteRequest,
    line: LineRequest,
    chosen: tuple[Adjustment, ...],
) -> QuoteLine:
    band = card.band(line.band)
    length = request.spot_length
    factors: list[Factor] = []
    tier_label = _("up to 30 s") if length <= TIER_30 else _("31 to 60 s")
    base = band.base_price(length)
    adjustments = [adjustment for adjustment in chosen if adjustment.applies_to(band.code)]
    fixed = next((a for a in adjustments if a.fixed_unit_price is not None), None)
    if fixed is not None:
        base = fixed.fixed_unit_price
        factors.append(
            Factor(
                "fixed_price",
                fixed.name,
                fcfa(base),
                fixed.explanation
                or _("%(name)s: fixed price of %(price)s incl. VAT per airing in “%(band)s”.")
                % {"name": fixed.name, "price": fcfa(base), "band": band.name},
            )
        )
    else:
        factors.append(
            Factor(
                "base_price",
                _("Base price (%(tier)s)") % {"tier": tier_label},
                fcfa(base),
                _("A spot of %(tier)s costs %(price)s incl. VAT per airing in “%(band)s”.")
                % {"tier": tier_label, "price": fcfa(base), "band": band.name},
            )
        )
    band_factor = _band_factor(card, band)
    if band_factor is not None:
        factors.append(band_factor)
    unit = Decimal(base)
    extra_seconds = max(0, length - TIER_60)
    if extra_seconds:
        extra = extra_seconds * band.price_per_extra_second
        unit += extra
        factors.append(
            Factor(
                "extra_seconds",
                _("Seconds beyond 60 s"),
                f"+ {fcfa(extra)}",
                _(
                    "%(seconds)s s beyond 60 s × %(per_second)s incl. VAT per second "
                    "= %(extra)s incl. VAT per airing."
                )
                % {
                    "seconds": extra_seconds,
                    "per_second": fcfa(band.price_per_extra_second),
                    "extra": fcfa(extra),
                },
            )
        )
    for adjustment in adjustments:
        if adjustment is fixed or not adjustment.percent:
            continue
        unit *= 1 + adjustment.percent / 100
        sign = "+" if adjustment.percent > 0 else "−"
        kind = _("surcharge") if adjustment.percent > 0 else _("reduction")
        shown = percent_text(abs(adjustment.percent))
        factors.append(
            Factor(
                adjustment.code,
                adjustment.name,
                f"{sign} {shown}",
                adjustment.explanation
                or _("%(name)s: %(kind)s of %(percent)s on the price of each airing.")
                % {"name": adjustment.name, "kind": kind, "percent": shown},
            )
        )
    unit_incl_vat = round_francs(unit)  # a published price is already whole
    amount_incl_vat = unit_incl_vat * line.airings
    return QuoteLine(
        band=band.code,
        label=band.name,
        hours=band.hours,
        airings=line.airings,
        unit_price=card.excl_vat(unit_incl_vat),
        amount=card.excl_vat(amount_incl_vat),
        factors=tuple(factors),
        unit_price_incl_vat=unit_incl_vat,
        amount_incl_vat=amount_incl_vat,
    )


def _net(card: RateCardData, line: QuoteLine, discount_percent: Decimal) -> tuple[int, int]:
    """(amount incl. VAT, amount excl. VAT) of a line after the volume discount:
    the discount is taken on the amount VAT included, rounded half up to the
    franc, and the amount excluding VAT derived from what remains."""
    if not discount_percent:
        return line.amount_incl_vat, line.amount
    net = line.amount_incl_vat - round_francs(
        Decimal(line.amount_incl_vat) * discount_percent / 100
    )
    return net, card.excl_vat(net)


def price(card: RateCardData, request: QuoteRequest) -> Quote:
    """Validate `request` against `card` and return the itemised quote.
    Raises PricingError with field-level French messages."""
    token = QUOTE_LANGUAGE.set(get_language())
    try:
        validate(card, request)
        chosen = _chosen_adjustments(card, request.options)
        lines = tuple(_line(card, request, line, chosen) for line in request.lines)
    finally:
        QUOTE_LANGUAGE.reset(token)
    airings = sum(line.airings for line in lines)
    subtotal = sum(line.amount for line in lines)
    tier = card.tier_for(airings)
    discount_percent = tier.percent if tier else Decimal("0")
    nets = [_net(card, line, discount_percent) for line in lines]
    total = sum(net_incl_vat for net_incl_vat, _net_excl_vat in nets)
    total_excl_vat = sum(net_excl_vat for _net_incl_vat, net_excl_vat in nets)
    discount = subtotal - total_excl_vat
    vat = total - total_excl_vat
    return Quote(
        rate_card_id=card.id,
        rate_card_name=card.name,
        spot_length=request.spot_length,
        start_date=request.start_date,
        end_date=request.end_date,
        options=tuple(request.options),
        lines=lines,
        airings=airings,
        subtotal=subtotal,
        discount_percent=discount_percent,
        discount_min_airings=tier.min_airings if tier else None,
        discount=discount,
        vat_rate=card.vat_rate,
        vat=vat,
        total=subtotal - discount + vat,
        subtotal_incl_vat=sum(line.amount_incl_vat for line in lines),
    )
