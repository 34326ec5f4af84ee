"""The pricing engine: one pure function turns a request into an itemised quote.

No ORM here: the rate card arrives as plain data (see `RateCardData`), so the
same code prices the public rate page, the simulator, the booking wizard,
quotes and invoices, and is tested without a database.

Rounding rule (the only one): amounts are whole francs (XOF has no minor unit).
A line's unit price excluding VAT is computed exactly, then rounded half up to
the franc once; the line amount is that unit price times the airings. The
volume discount and the VAT are each rounded half up to the franc. Hence, exactly:
    subtotal = sum of line amounts
    total    = subtotal - discount + VAT

Modules: `card` (the rate card as plain data and the limits), `quote` (request,
result, error), `validation`, `engine` (`price`), `translation` (the engine's
remembered sentences). Every public name is importable from here."""

from core.money import fcfa, percent_text, round_francs

from .card import (
    MAX_AIRINGS_PER_LINE,
    MAX_RANGE_DAYS,
    MAX_SPOT_LENGTH,
    MIN_SPOT_LENGTH,
    TIER_30,
    TIER_60,
    Adjustment,
    Band,
    RateCardData,
    VolumeTier,
)
from .engine import band_multiplier, price
from .quote import Factor, LineRequest, PricingError, Quote, QuoteLine, QuoteRequest
from .translation import WEEKDAY_NAMES
from .validation import validate

__all__ = [
    "MAX_AIRINGS_PER_LINE",
    "MAX_RANGE_DAYS",
    "MAX_SPOT_LENGTH",
    "MIN_SPOT_LENGTH",
    "TIER_30",
    "TIER_60",
    "WEEKDAY_NAMES",
    "Adjustment",
    "Band",
    "Factor",
    "LineRequest",
    "PricingError",
    "Quote",
    "QuoteLine",
    "QuoteRequest",
    "RateCardData",
    "VolumeTier",
    "band_multiplier",
    "fcfa",
    "percent_text",
    "price",
    "round_francs",
    "validate",
]
