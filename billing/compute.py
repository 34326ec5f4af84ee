"""Invoice arithmetic on plain data (no database): the lines of aired airings at
the campaign's frozen prices, the frozen volume discount, the agency commission,
the advance deducted, VAT 18 % and the VAT withheld by large companies.

The rule (docs/decisions/0013-billing.md) follows the pricing engine's
(docs/decisions/0012): a line's amount VAT included is its published unit price
× airings, exactly; the discount is taken on it, half up; the amount excluding VAT
is derived by the one rounding `excl_vat`. So an invoice of every airing of a
campaign equals its frozen quote to the franc. With an agency, the commission is
taken on the net amount excluding VAT and the VAT recomputed on what remains."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.money import round_francs
from simulator.pricing.card import excl_vat  # the engine's one rounding (decision 0012)

__all__ = ["excl_vat"]  # re-exported: billing computes with the same rule


def percent_of(amount: int, percent: Decimal) -> int:
    return round_francs(Decimal(amount) * Decimal(percent) / 100)


@dataclass(frozen=True)
class PricedLine:
    """Airings of one band of the campaign, at the frozen published price."""

    band: str
    label: str
    spot_length: int
    airings: int
    unit_price_incl_vat: int


@dataclass(frozen=True)
class ComputedLine:
    band: str
    label: str
    spot_length: int
    airings: int
    unit_price_incl_vat: int
    unit_price: int
    amount_incl_vat: int
    amount: int
    net_incl_vat: int
    net: int


@dataclass(frozen=True)
class Advance:
    """What remains of an issued advance invoice, to deduct."""

    total: int  # incl. VAT, after the credit notes on it
    total_excl_vat: int


@dataclass(frozen=True)
class Totals:
    lines: tuple[ComputedLine, ...]
    vat_rate: Decimal
    discount_percent: Decimal
    commission_percent: Decimal
    gross: int  # Σ amount excl. VAT, before the discount
    discount: int
    commission: int
    advance_deducted: int = 0
    advance_deducted_vat: int = 0
    total_excl_vat: int = 0
    vat: int = 0
    total: int = 0
    vat_withheld: int = 0
    net_to_pay: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def airings(self) -> int:
        return sum(line.airings for line in self.lines)


def price_lines(lines, *, vat_rate: Decimal, discount_percent: Decimal) -> list[ComputedLine]:
    out = []
    for line in lines:
        amount_incl_vat = line.unit_price_incl_vat * line.airings
        net_incl_vat = amount_incl_vat
        if discount_percent:
            net_incl_vat -= percent_of(amount_incl_vat, discount_percent)
        out.append(
            ComputedLine(
                band=line.band,
                label=line.label,
                spot_length=line.spot_length,
                airings=line.airings,
                unit_price_incl_vat=line.unit_price_incl_vat,
                unit_price=excl_vat(line.unit_price_incl_vat, vat_rate),
                amount_incl_vat=amount_incl_vat,
                amount=excl_vat(amount_incl_vat, vat_rate),
                net_incl_vat=net_incl_vat,
                net=excl_vat(net_incl_vat, vat_rate),
            )
        )
    return out


def compute(
    lines,
    *,
    vat_rate: Decimal,
    discount_percent: Decimal = Decimal("0"),
    commission_percent: Decimal = Decimal("0"),
    withholding_percent: int = 0,
    advance: Advance | None = None,
) -> Totals:
    """The totals of an invoice of `lines` (PricedLine). Amounts are francs."""
    vat_rate = Decimal(vat_rate)
    priced = price_lines(lines, vat_rate=vat_rate, discount_percent=discount_percent)
    gross = sum(line.amount for line in priced)
    net_excl_vat = sum(line.net for line in priced)
    net_incl_vat = sum(line.net_incl_vat for line in priced)
    discount = gross - net_excl_vat
    commission = percent_of(net_excl_vat, commission_percent) if commission_percent else 0
    base = net_excl_vat - commission
    if commission:
        vat = percent_of(base, vat_rate)
    else:
        vat = net_incl_vat - net_excl_vat  # the quote's VAT, to the franc
    total = base + vat
    advance_deducted = advance_deducted_vat = 0
    if advance is not None and advance.total > 0:
        deducted_incl_vat = min(advance.total, total)
        advance_deducted = (
            advance.total_excl_vat
            if deducted_incl_vat == advance.total
            else excl_vat(deducted_incl_vat, vat_rate)
        )
        advance_deducted = min(advance_deducted, base)
        advance_deducted_vat = deducted_incl_vat - advance_deducted
    total_excl_vat = base - advance_deducted
    vat -= advance_deducted_vat
    total = total_excl_vat + vat
    withheld = percent_of(vat, Decimal(withholding_percent)) if withholding_percent else 0
    return Totals(
        lines=tuple(priced),
        vat_rate=vat_rate,
        discount_percent=Decimal(discount_percent),
        commission_percent=Decimal(commission_percent),
        gross=gross,
        discount=discount,
        commission=commission,
        advance_deducted=advance_deducted,
        advance_deducted_vat=advance_deducted_vat,
        total_excl_vat=total_excl_vat,
        vat=vat,
        total=total,
        vat_withheld=withheld,
        net_to_pay=total - withheld,
    )


def advance_amounts(expected_total: int, percent: int, vat_rate: Decimal) -> tuple[int, int, int]:
    """(excl. VAT, VAT, incl. VAT) of an advance of `percent` % of `expected_total`."""
    incl = percent_of(expected_total, Decimal(percent))
    excl = excl_vat(incl, Decimal(vat_rate))
    return excl, incl - excl, incl


def credit_amounts(amount_incl_vat: int, vat_rate: Decimal, withholding_percent: int):
    """(excl. VAT, VAT, incl. VAT, withheld, net) of a credit of `amount_incl_vat`."""
    excl = excl_vat(amount_incl_vat, Decimal(vat_rate))
    vat = amount_incl_vat - excl
    withheld = percent_of(vat, Decimal(withholding_percent)) if withholding_percent else 0
    return excl, vat, amount_incl_vat, withheld, amount_incl_vat - withheld
