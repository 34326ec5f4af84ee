"""The pricing engine: one pure function turns a request into an itemised quote.

No ORM here: the rate card arrives as plain data (see `RateCardData`), so the
same code prices the public rate page, the simulator, the booking wizard,
quotes and invoices, and is tested without a database.

Rounding rule (docs/decisions/0012-published-prices-incl-vat.md): amounts are
whole francs (XOF has no minor unit) and the card holds the prices as the
station publishes them, VAT included. Per line:
    unit incl. VAT   = base (or fixed) price + extra seconds × price per second,
                       × each percentage, rounded half up to the franc
                       (a published price stays as it is)
    amount incl. VAT = unit incl. VAT × airings                  (exact)
    amount excl. VAT = amount incl. VAT × 100 / (100 + rate), half up
    after the volume discount: net incl. VAT = amount incl. VAT − discount
    (rounded half up), net excl. VAT derived from it by the same rounding.
The quote sums the lines, hence, exactly:
    subtotal = sum of line amounts excl. VAT
    discount = subtotal − sum of net amounts excl. VAT
    VAT      = sum of (net incl. VAT − net excl. VAT)
    total    = sum of net amounts incl. VAT = subtotal − discount + VAT
and with no discount, total = sum of published prices × airings.

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
