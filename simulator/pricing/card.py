"""The rate card as plain data: what the engine prices with, built from the
database by `simulator.selectors.to_pricing_data` (or by hand in tests).

Every price here is the station's published price, VAT included, in whole
francs (see docs/decisions/0012-published-prices-incl-vat.md); the amounts
excluding VAT are derived from it (`RateCardData.excl_vat`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import cached_property

from core.money import round_francs

MIN_SPOT_LENGTH = 5
MAX_SPOT_LENGTH = 120
MAX_AIRINGS_PER_LINE = 1000
MAX_RANGE_DAYS = 365
TIER_30 = 30
TIER_60 = 60


@dataclass(frozen=True)
class Band:
    code: str
    name: str
    start: time
    end: time
    weekdays: frozenset[int]  # 0 = Monday
    price_up_to_30: int  # VAT included, as published
    price_31_to_60: int  # VAT included
    price_per_extra_second: int  # VAT included
    prime: bool = False
    active: bool = True
    teaching_text: str = ""

    @cached_property
    def hours(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def base_price(self, spot_length: int) -> int:
        return self.price_up_to_30 if spot_length <= TIER_30 else self.price_31_to_60


@dataclass(frozen=True)
class Adjustment:
    """A named change to the unit price: a percentage (surcharge > 0, reduction
    < 0) or a fixed unit price (VAT included, as published) that replaces the
    base price of the length tier. `band_codes` empty means every band."""

    code: str
    name: str
    percent: Decimal = Decimal("0")
    fixed_unit_price: int | None = None
    band_codes: frozenset[str] = frozenset()
    on_request: bool = True
    explanation: str = ""

    def applies_to(self, band_code: str) -> bool:
        return not self.band_codes or band_code in self.band_codes


@dataclass(frozen=True)
class VolumeTier:
    min_airings: int
    percent: Decimal  # discount, positive


@dataclass(frozen=True)
class RateCardData:
    id: int | None
    name: str
    valid_from: date
    valid_until: date | None
    vat_rate: Decimal  # percent, e.g. Decimal("18")
    bands: tuple[Band, ...]
    adjustments: tuple[Adjustment, ...] = ()
    volume_tiers: tuple[VolumeTier, ...] = ()

    @cached_property
    def _bands_by_code(self) -> dict[str, Band]:
        by_code: dict[str, Band] = {}
        for band in self.bands:
            by_code.setdefault(band.code, band)
        return by_code

    def band(self, code: str) -> Band | None:
        return self._bands_by_code.get(code)

    def adjustment(self, code: str) -> Adjustment | None:
        for adjustment in self.adjustments:
            if adjustment.code == code:
                return adjustment
        return None

    @cached_property
    def reference_band(self) -> Band | None:
        """The cheapest active band: its price is the "×1" of the band factor."""
        active = [band for band in self.bands if band.active]
        if not active:
            return None
        return min(active, key=lambda band: (band.price_up_to_30, band.code))

    def tier_for(self, airings: int) -> VolumeTier | None:
        eligible = [tier for tier in self.volume_tiers if airings >= tier.min_airings]
        return max(eligible, key=lambda tier: tier.min_airings) if eligible else None

    def excl_vat(self, amount_incl_vat: int) -> int:
        """The amount excluding VAT of an amount VAT included: the one rounding
        of the engine, TTC × 100 / (100 + rate), half up to the franc (the VAT
        is the difference)."""
        return excl_vat(amount_incl_vat, self.vat_rate)


def excl_vat(amount_incl_vat: int, vat_rate: Decimal) -> int:
    """TTC × 100 / (100 + rate), rounded half up to the franc."""
    return round_francs(Decimal(amount_incl_vat) * 100 / (100 + Decimal(vat_rate)))
