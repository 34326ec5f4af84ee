"""What the engine is asked (`QuoteRequest` of `LineRequest`s) and what it
answers: an itemised `Quote` whose every factor is named, or a `PricingError`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class LineRequest:
    band: str
    airings: int


@dataclass(frozen=True)
class QuoteRequest:
    spot_length: int
    start_date: date
    end_date: date
    lines: tuple[LineRequest, ...]
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    value: str
    explanation: str

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "value": self.value,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class QuoteLine:
    """One band of the quote. `unit_price_incl_vat` is the published price of
    one airing and `amount_incl_vat` = it × airings (before the volume
    discount), exactly; `amount` (excl. VAT) is derived from `amount_incl_vat`
    by the one rounding (see `RateCardData.excl_vat`) and `unit_price` (excl.
    VAT) likewise from one airing, for reference: `amount` may differ by a few
    francs from `unit_price` × airings."""

    band: str
    label: str
    hours: str
    airings: int
    unit_price: int
    amount: int
    factors: tuple[Factor, ...]
    unit_price_incl_vat: int = 0
    amount_incl_vat: int = 0

    def as_dict(self) -> dict:
        return {
            "band": self.band,
            "label": self.label,
            "hours": self.hours,
            "airings": self.airings,
            "unit_price": self.unit_price,
            "amount": self.amount,
            "unit_price_incl_vat": self.unit_price_incl_vat,
            "amount_incl_vat": self.amount_incl_vat,
            "factors": [factor.as_dict() for factor in self.factors],
        }


@dataclass(frozen=True)
class Quote:
    rate_card_id: int | None
    rate_card_name: str
    spot_length: int
    start_date: date
    end_date: date
    options: tuple[str, ...]
    lines: tuple[QuoteLine, ...]
    airings: int
    subtotal: int
    discount_percent: Decimal
    discount_min_airings: int | None
    discount: int
    vat_rate: Decimal
    vat: int
    total: int
    subtotal_incl_vat: int = 0  # the published prices × airings, before the discount

    @property
    def total_excl_vat(self) -> int:
        return self.subtotal - self.discount

    def as_dict(self) -> dict:
        return {
            "rate_card": {"id": self.rate_card_id, "name": self.rate_card_name},
            "currency": "XOF",
            "spot_length": self.spot_length,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "options": list(self.options),
            "lines": [line.as_dict() for line in self.lines],
            "airings": self.airings,
            "subtotal": self.subtotal,
            "subtotal_incl_vat": self.subtotal_incl_vat,
            "discount": {
                "percent": float(self.discount_percent),
                "min_airings": self.discount_min_airings,
                "amount": self.discount,
            },
            "total_excl_vat": self.total_excl_vat,
            "vat": {"rate": float(self.vat_rate), "amount": self.vat},
            "total": self.total,
        }


class PricingError(Exception):
    """Invalid request: `errors` maps each field to its French messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors
