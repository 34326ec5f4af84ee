"""Template filters of the simulator app: francs written the French way."""

from django import template

from core.money import fcfa as format_fcfa

register = template.Library()


@register.filter
def fcfa(amount) -> str:
    """103545 -> “103 545 FCFA” (narrow no-break space between thousands)."""
    if amount is None or amount == "":
        return ""
    try:
        return format_fcfa(int(amount))
    except (TypeError, ValueError):
        return ""


@register.filter
def francs(amount) -> str:
    """103545 -> “103 545”: the amount alone, grouped like `fcfa`."""
    text = fcfa(amount)
    return text.removesuffix("\u00a0FCFA")
