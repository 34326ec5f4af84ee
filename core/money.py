"""Money is an integer number of francs CFA (XOF, ISO 4217 exponent 0)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def grouped(amount: int) -> str:
    """103545 -> '103 545' (French grouping with a narrow no-break space)."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", "\u202f")


def fcfa(amount: int) -> str:
    """103545 -> '103 545 FCFA'."""
    return f"{grouped(amount)}\u00a0FCFA"


def round_francs(value: Decimal) -> int:
    """A computed amount to the whole franc, halves away from zero."""
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def percent_text(value: Decimal) -> str:
    """Decimal("5.5") -> '5,5 %' (French decimal comma, no-break space)."""
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text}\u00a0%"
