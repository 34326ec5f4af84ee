"""Who may book an option of the rate card. An option the card reserves for a
category of advertiser (`Adjustment.applies == "category"`: the cultural rate)
is booked only by an advertiser whose category the commercial team set or
confirmed (accounts.models.Advertiser.category); anyone may simulate it.

The card has one such category today, the cultural organisation; the options
reserved for a category are reserved for it."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from simulator.pricing import RateCardData


def entitled(advertiser, adjustment) -> bool:
    """Whether `advertiser` may book `adjustment` (a pricing Adjustment)."""
    if adjustment.on_request:
        return True
    return advertiser is not None and advertiser.is_cultural


def refusal_reason(advertiser, adjustment) -> str:
    """Why `advertiser` may not book `adjustment`, in French."""
    if advertiser is not None and advertiser.category_pending:
        return _(
            "“%(name)s” is reserved for cultural organisations confirmed by the commercial "
            "team: your category request is being checked, you will be notified."
        ) % {"name": adjustment.name}
    return _(
        "“%(name)s” is reserved for cultural organisations confirmed by the commercial "
        "team. Ask for this category in your profile (My company) with a supporting document."
    ) % {"name": adjustment.name}


def refused_options(
    advertiser, card: RateCardData | None, options: Iterable[str]
) -> dict[str, str]:
    """{code: French reason} for each of `options` that `advertiser` may not book
    (unknown codes are left to the pricing engine's own message)."""
    refused: dict[str, str] = {}
    if card is None:
        return refused
    for code in options:
        adjustment = card.adjustment(code)
        if adjustment is not None and not entitled(advertiser, adjustment):
            refused[code] = refusal_reason(advertiser, adjustment)
    return refused
