"""How a number of airings is shared among time bands by weight, and the mixes
the advisor tries: the rule's own, then cheaper ones when the budget is short.
Pure: plain data in, plain data out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from simulator.pricing import TIER_30, Band, RateCardData
from simulator.pricing.validation import airs_within


@dataclass(frozen=True)
class BandWeight:
    band_code: str
    weight: int
    reason: str = ""


@dataclass(frozen=True)
class Mix:
    """Bands with their weights (all > 0, each airing within the period) and the
    spot length they are priced at."""

    spot_length: int
    weights: tuple[BandWeight, ...]


def eligible_bands(card: RateCardData, start: date, end: date) -> list[Band]:
    return [band for band in card.bands if band.active and airs_within(band, start, end)]


def unit_price(band: Band, spot_length: int) -> int:
    """The published price of one airing, VAT included, before any discount."""
    return band.base_price(spot_length) + max(0, spot_length - 60) * band.price_per_extra_second


def split(airings: int, weights: tuple[BandWeight, ...]) -> list[tuple[str, int]]:
    """`airings` shared by weight, largest remainders first (ties: the heavier
    band, then the rule's order); bands that get none are left out."""
    total_weight = sum(item.weight for item in weights)
    if airings <= 0 or total_weight <= 0:
        return []
    shares = []
    for order, item in enumerate(weights):
        whole, remainder = divmod(airings * item.weight, total_weight)
        shares.append([item.band_code, whole, remainder, item.weight, order])
    left = airings - sum(share[1] for share in shares)
    for share in sorted(shares, key=lambda s: (-s[2], -s[3], s[4]))[:left]:
        share[1] += 1
    return [(code, count) for code, count, *_rest in shares if count > 0]


def rule_mix(
    card: RateCardData, weights: tuple[BandWeight, ...], spot_length: int, start: date, end: date
) -> Mix | None:
    """The rule's bands that the card offers within the period; when none is
    left, every band that airs then, weighted alike."""
    eligible = {band.code: band for band in eligible_bands(card, start, end)}
    kept: dict[str, BandWeight] = {}
    for item in weights:
        if item.weight > 0 and item.band_code in eligible:
            kept.setdefault(item.band_code, item)
    if not kept:
        kept = {code: BandWeight(code, 1, band.teaching_text) for code, band in eligible.items()}
    if not kept:
        return None
    return Mix(spot_length, tuple(kept.values()))


def economy_mixes(card: RateCardData, mix: Mix, start: date, end: date) -> list[Mix]:
    """Cheaper ways to serve the same objective, nearest first: the same bands
    with a spot of at most 30 s, then only the cheapest of the rule's bands, then
    the cheapest band of the card."""
    length = min(mix.spot_length, TIER_30)
    mixes = [Mix(length, mix.weights)] if length != mix.spot_length else []
    bands = {band.code: band for band in card.bands}
    prices = {item.band_code: unit_price(bands[item.band_code], length) for item in mix.weights}
    cheapest = min(prices.values())
    kept = tuple(item for item in mix.weights if prices[item.band_code] == cheapest)
    if kept != mix.weights:
        mixes.append(Mix(length, kept))
    eligible = eligible_bands(card, start, end)
    lowest = min(unit_price(band, length) for band in eligible)
    if lowest < cheapest:
        band = next(band for band in eligible if unit_price(band, length) == lowest)
        mixes.append(Mix(length, (BandWeight(band.code, 1, band.teaching_text),)))
    return mixes


def prime_mix(card: RateCardData, mix: Mix) -> Mix | None:
    """The same bands with the dearest ones (the largest audiences) weighing
    three times more: fewer airings, each seen by more people. None when it
    would change nothing."""
    bands = {band.code: band for band in card.bands}
    prices = {
        item.band_code: unit_price(bands[item.band_code], mix.spot_length) for item in mix.weights
    }
    dearest = max(prices.values())
    if min(prices.values()) == dearest:
        return None
    weights = tuple(
        BandWeight(item.band_code, item.weight * 3, item.reason)
        if prices[item.band_code] == dearest
        else item
        for item in mix.weights
    )
    return Mix(mix.spot_length, weights)
