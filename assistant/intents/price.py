"""A price question answered by the simulator's own engine (`compute_quote`),
with the same default period as the simulator page, and a link that opens the
simulator pre-filled with the same numbers: the page shows the same total."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.money import fcfa, percent_text
from simulator.api import compute_quote
from simulator.models import SimulatorPage
from simulator.pricing import RateCardData
from simulator.query import DEFAULT_SPOT_LENGTH, share_query
from simulator.views.simulator import default_dates

from ..answers import PriceAnswer, PriceLine
from .price_parse import PriceQuestion

DEFAULT_AIRINGS = 1
SIMULATOR_PATH = "/simulateur/"


@dataclass(frozen=True)
class Priced:
    answer: PriceAnswer | None
    message: str


def simulator_path() -> str:
    page = SimulatorPage.objects.live().public().first()
    return (page.get_url() if page is not None else None) or SIMULATOR_PATH


def request_payload(card: RateCardData, *, spot_length: int, band: str, airings: int) -> dict:
    """What the simulator sends for this campaign: one band, its airings, the
    simulator's default period (next Monday for two weeks, within the card)."""
    start, end = default_dates(card.valid_from, card.valid_until, timezone.localdate())
    return {
        "spot_length": spot_length,
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "bands": [{"band": band, "airings": airings}],
        "options": [],
    }


def _lines(quote: dict) -> tuple[PriceLine, ...]:
    """Amounts excluding VAT, then the discount and the VAT: they add up to the
    total VAT included, exactly as the engine computed it."""
    lines = [
        PriceLine(
            label=ngettext(
                "%(band)s (%(hours)s): %(airings)s airing, excl. VAT",
                "%(band)s (%(hours)s): %(airings)s airings, excl. VAT",
                line["airings"],
            )
            % {"band": line["label"], "hours": line["hours"], "airings": line["airings"]},
            amount=line["amount"],
        )
        for line in quote["lines"]
    ]
    discount = quote["discount"]
    if discount["amount"]:
        lines.append(
            PriceLine(
                label=_("Volume discount (%(percent)s)")
                % {"percent": percent_text(_decimal(discount["percent"]))},
                amount=-discount["amount"],
            )
        )
    lines.append(
        PriceLine(
            label=_("VAT (%(rate)s)") % {"rate": percent_text(_decimal(quote["vat"]["rate"]))},
            amount=quote["vat"]["amount"],
        )
    )
    return tuple(lines)


def _decimal(value) -> Decimal:
    return Decimal(str(value))


def price_answer(card: RateCardData, question: PriceQuestion) -> Priced:
    """The engine's quote for the question (its band must be known)."""
    band = question.band
    assumptions: list[str] = []
    length = question.spot_length
    if length is None:
        length = DEFAULT_SPOT_LENGTH
        assumptions.append(
            _("The spot length was not given: the price is for a %(length)s-second spot.")
            % {"length": length}
        )
    count = question.airings
    if count is None:
        count = DEFAULT_AIRINGS
        assumptions.append(_("The number of airings was not given: the price is for 1 airing."))
    if question.assumed_band:
        assumptions.append(
            _("Several bands surround a news programme: the price is for “%(band)s”.")
            % {"band": question.assumed_band}
        )
    payload = request_payload(card, spot_length=length, band=band.code, airings=count)
    quote, errors, _status = compute_quote(payload, card=card)
    if errors:
        messages = " ".join(message for values in errors.values() for message in values)
        return Priced(None, _("This price cannot be computed: %(reason)s") % {"reason": messages})
    start, end = payload["start_date"], payload["end_date"]
    assumptions.append(
        _("Period used: %(start)s to %(end)s, as in the simulator.")
        % {
            "start": date_format(_date(start), "SHORT_DATE_FORMAT"),
            "end": date_format(_date(end), "SHORT_DATE_FORMAT"),
        }
    )
    query = share_query(
        spot_length=length,
        start_date=start,
        end_date=end,
        lines=payload["bands"],
        options=[],
    )
    answer = PriceAnswer(
        spot_length=length,
        band_code=band.code,
        band_name=band.name,
        airings=count,
        total_excl_vat=quote["total_excl_vat"],
        total_incl_vat=quote["total"],
        lines=_lines(quote),
        simulator_url=f"{simulator_path()}?{query}",
        assumptions=tuple(assumptions),
    )
    message = ngettext(
        "%(airings)s airing of a %(length)s-second spot in “%(band)s” (%(hours)s): "
        "%(total)s incl. VAT (%(excl)s excl. VAT).",
        "%(airings)s airings of a %(length)s-second spot in “%(band)s” (%(hours)s): "
        "%(total)s incl. VAT (%(excl)s excl. VAT).",
        count,
    ) % {
        "airings": count,
        "length": length,
        "band": band.name,
        "hours": band.hours,
        "total": fcfa(quote["total"]),
        "excl": fcfa(quote["total_excl_vat"]),
    }
    return Priced(answer, message)


def _date(text: str) -> date:
    return date.fromisoformat(text)
