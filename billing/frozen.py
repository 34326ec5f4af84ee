"""Read a campaign's frozen quote: the published price of one airing per band,
the volume discount and the VAT rate it was sold with."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from core.money import round_francs


@dataclass(frozen=True)
class FrozenPrices:
    units: dict[str, tuple[str, int]]  # band → (label, unit price incl. VAT)
    discount_percent: Decimal
    vat_rate: Decimal
    spot_length: int
    total: int

    def unit(self, band: str) -> tuple[str, int]:
        return self.units.get(band, (band, 0))


def _decimal(value, default: str) -> Decimal:
    try:
        return Decimal(str(value if value is not None else default))
    except (InvalidOperation, ValueError):
        return Decimal(default)


def frozen_prices(campaign) -> FrozenPrices:
    quote = campaign.quote or {}
    vat = quote.get("vat") or {}
    vat_rate = _decimal(vat.get("rate") if isinstance(vat, dict) else None, "18")
    discount = quote.get("discount") or {}
    discount_percent = _decimal(
        discount.get("percent") if isinstance(discount, dict) else None, "0"
    )
    units: dict[str, tuple[str, int]] = {}
    for line in quote.get("lines") or []:
        band = str(line.get("band", ""))
        unit_incl = int(line.get("unit_price_incl_vat") or 0)
        if not unit_incl:  # quotes frozen before prices were kept VAT included
            unit_incl = round_francs(
                Decimal(int(line.get("unit_price") or 0)) * (100 + vat_rate) / 100
            )
        units[band] = (str(line.get("label") or band), unit_incl)
    return FrozenPrices(
        units=units,
        discount_percent=discount_percent,
        vat_rate=vat_rate,
        spot_length=int(quote.get("spot_length") or campaign.spot_length or 0),
        total=int(campaign.quote_total or quote.get("total") or 0),
    )
