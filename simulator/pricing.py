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
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.utils.translation import get_language, gettext, gettext_lazy

from core.money import fcfa, percent_text, round_francs

MIN_SPOT_LENGTH = 5
MAX_SPOT_LENGTH = 120
MAX_AIRINGS_PER_LINE = 1000
MAX_RANGE_DAYS = 365
TIER_30 = 30
TIER_60 = 60

_TRANSLATED: dict[tuple[str | None, str], str] = {}
_UNSET = object()
# The active language, read once per quote (Django's lookup is slow for a hot loop).
_QUOTE_LANGUAGE: ContextVar = ContextVar("pricing_language", default=_UNSET)


def _(message: str) -> str:
    """gettext, remembered per active language: the engine asks for the same
    few sentences on every line of every quote (makemessages still finds them)."""
    language = _QUOTE_LANGUAGE.get()
    if language is _UNSET:
        language = get_language()
    key = (language, message)
    try:
        return _TRANSLATED[key]
    except KeyError:
        translated = _TRANSLATED[key] = gettext(message)
        return translated


WEEKDAY_NAMES = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]


# --- Rate card as plain data --------------------------------------------------


@dataclass(frozen=True)
class Band:
    code: str
    name: str
    start: time
    end: time
    weekdays: frozenset[int]  # 0 = Monday
    price_up_to_30: int  # excl. VAT
    price_31_to_60: int
    price_per_extra_second: int
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
    < 0) or a fixed unit price that replaces the base price of the length tier.
    `band_codes` empty means every band."""

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

    def with_vat(self, amount: int) -> int:
        return amount + round_francs(Decimal(amount) * self.vat_rate / 100)


# --- Request and result -------------------------------------------------------


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
    band: str
    label: str
    hours: str
    airings: int
    unit_price: int
    amount: int
    factors: tuple[Factor, ...]

    def as_dict(self) -> dict:
        return {
            "band": self.band,
            "label": self.label,
            "hours": self.hours,
            "airings": self.airings,
            "unit_price": self.unit_price,
            "amount": self.amount,
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


# --- The engine ---------------------------------------------------------------


def _days_with_band(band: Band, start: date, end: date) -> int:
    """How many days of the band fall within the first week of the range (enough
    to know whether there is one). Weekdays are counted without date arithmetic,
    which would overflow past date.max (a range ending on 9999-12-31)."""
    days = (end - start).days + 1
    if len(band.weekdays) == 7:
        return days
    first = start.weekday()
    return sum(1 for offset in range(min(days, 7)) if (first + offset) % 7 in band.weekdays)


def validate(card: RateCardData, request: QuoteRequest) -> None:
    errors: dict[str, list[str]] = {}

    def add(field_name: str, message: str) -> None:
        errors.setdefault(field_name, []).append(message)

    length = request.spot_length
    if not isinstance(length, int) or not MIN_SPOT_LENGTH <= length <= MAX_SPOT_LENGTH:
        add(
            "spot_length",
            _("The spot length must be between %(min)s and %(max)s seconds.")
            % {"min": MIN_SPOT_LENGTH, "max": MAX_SPOT_LENGTH},
        )
    start, end = request.start_date, request.end_date
    dates_ok = True
    if end < start:
        add("end_date", _("The end date must be on or after the start date."))
        dates_ok = False
    elif (end - start).days + 1 > MAX_RANGE_DAYS:
        add("end_date", _("The period cannot exceed %(days)s days.") % {"days": MAX_RANGE_DAYS})
        dates_ok = False
    if start < card.valid_from or (card.valid_until and end > card.valid_until):
        if card.valid_until:
            message = _(
                "The dates must fall within the rate card “%(card)s” (from %(start)s to %(end)s)."
            ) % {
                "card": card.name,
                "start": f"{card.valid_from:%d/%m/%Y}",
                "end": f"{card.valid_until:%d/%m/%Y}",
            }
        else:
            message = _("The dates must fall within the rate card “%(card)s” (from %(start)s).") % {
                "card": card.name,
                "start": f"{card.valid_from:%d/%m/%Y}",
            }
        add("start_date" if start < card.valid_from else "end_date", message)
        dates_ok = False

    if not request.lines:
        add("bands", _("Choose at least one time band."))
    seen: set[str] = set()
    for index, line in enumerate(request.lines):
        key = f"bands.{index}"
        band = card.band(line.band)
        if band is None or not band.active:
            add(
                key,
                _("The time band “%(band)s” does not exist or is no longer offered.")
                % {"band": line.band},
            )
            continue
        if line.band in seen:
            add(key, _("The time band “%(band)s” is asked twice.") % {"band": band.name})
        seen.add(line.band)
        if not isinstance(line.airings, int) or line.airings <= 0:
            add(key, _("Enter at least one airing for “%(band)s”.") % {"band": band.name})
        elif line.airings > MAX_AIRINGS_PER_LINE:
            add(
                key,
                _("At most %(max)s airings per time band (“%(band)s” asks for %(airings)s).")
                % {"max": MAX_AIRINGS_PER_LINE, "band": band.name, "airings": line.airings},
            )
        if dates_ok and _days_with_band(band, start, end) == 0:
            days = ", ".join(str(WEEKDAY_NAMES[d]) for d in sorted(band.weekdays))
            add(
                key,
                _(
                    "“%(band)s” only airs on %(days)s: none of these days falls "
                    "within the chosen period."
                )
                % {"band": band.name, "days": days},
            )

    seen_options: set[str] = set()
    for code in request.options:
        adjustment = card.adjustment(code)
        if adjustment is None:
            add(
                "options",
                _("The option “%(code)s” does not exist in this rate card.") % {"code": code},
            )
        elif code in seen_options:
            add("options", _("The option “%(name)s” is asked twice.") % {"name": adjustment.name})
        seen_options.add(code)
    if errors:
        raise PricingError(errors)


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
                or _("%(name)s: fixed price of %(price)s excl. VAT per airing in “%(band)s”.")
                % {"name": fixed.name, "price": fcfa(base), "band": band.name},
            )
        )
    else:
        factors.append(
            Factor(
                "base_price",
                _("Base price (%(tier)s)") % {"tier": tier_label},
                fcfa(base),
                _("A spot of %(tier)s costs %(price)s excl. VAT per airing in “%(band)s”.")
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
                    "%(seconds)s s beyond 60 s × %(per_second)s excl. VAT per second "
                    "= %(extra)s excl. VAT per airing."
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
    unit_price = round_francs(unit)
    return QuoteLine(
        band=band.code,
        label=band.name,
        hours=band.hours,
        airings=line.airings,
        unit_price=unit_price,
        amount=unit_price * line.airings,
        factors=tuple(factors),
    )


def price(card: RateCardData, request: QuoteRequest) -> Quote:
    """Validate `request` against `card` and return the itemised quote.
    Raises PricingError with field-level French messages."""
    token = _QUOTE_LANGUAGE.set(get_language())
    try:
        validate(card, request)
        chosen = _chosen_adjustments(card, request.options)
        lines = tuple(_line(card, request, line, chosen) for line in request.lines)
    finally:
        _QUOTE_LANGUAGE.reset(token)
    airings = sum(line.airings for line in lines)
    subtotal = sum(line.amount for line in lines)
    tier = card.tier_for(airings)
    discount_percent = tier.percent if tier else Decimal("0")
    discount = round_francs(Decimal(subtotal) * discount_percent / 100)
    vat = round_francs(Decimal(subtotal - discount) * card.vat_rate / 100)
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
    )
