"""The simulator page “Simulateur” on the server side: what the calculator starts
from, and the result rendered without JavaScript. The page reads the campaign
from its query string (`simulator.query`), priced by the API's own
`compute_quote`; `SimulatorPage.get_context` calls `calculator_context`."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import fcfa, percent_text
from core.numbers import parse_int

from .. import selectors
from ..advisor.steps import next_monday
from ..api import compute_quote
from ..pricing import MAX_AIRINGS_PER_LINE, MAX_SPOT_LENGTH, MIN_SPOT_LENGTH
from ..query import (
    BOOKING_PATH,
    DEFAULT_AIRINGS,
    QUERY_FIELDS,
    booking_url,
    number_or_text,
    state_from_query,
)

PRESETS = (15, 20, 30, 45, 60)
DEFAULT_CAMPAIGN_DAYS = 14
# The factors of the engine and the teaching block that explains each one.
FACTOR_TOPICS = {
    "base_price": "base_price",
    "band": "band",
    "extra_seconds": "extra_seconds",
    "fixed_price": "adjustment",
}


def summary_text() -> str:
    """Shared with simulator.js (the same words with and without JavaScript)."""
    return _("Spot of %(length)s s · airings: %(airings)s")


def discount_text() -> str:
    return _("%(percent)s from %(airings)s airings")


def default_dates(valid_from: date, valid_until: date | None, today: date) -> tuple[date, date]:
    """Next Monday for two weeks, kept within the card's validity."""
    start = max(next_monday(today), valid_from)
    if valid_until is not None and start > valid_until:
        start = max(today, valid_from)
    end = start + timedelta(days=DEFAULT_CAMPAIGN_DAYS - 1)
    if valid_until is not None:
        end = min(end, valid_until)
    return start, end


def _split_errors(errors: dict, line_codes: list[str], known: set[str]) -> tuple[dict, dict]:
    """(field errors, band errors by code): `bands.<i>` goes to the band of the
    i-th line when it is on the page, otherwise to the `bands` field."""
    fields: dict[str, list[str]] = {}
    by_band: dict[str, list[str]] = {}
    for key, messages in errors.items():
        if key.startswith("bands."):
            index = key.partition(".")[2]
            position = parse_int(index, maximum=len(line_codes) - 1)
            code = line_codes[position] if position is not None else ""
            if code in known:
                by_band.setdefault(code, []).extend(messages)
                continue
            key = "bands"
        # Templates cannot read “__all__”: the errors of no field are “general”.
        fields.setdefault("general" if key == "__all__" else key, []).extend(messages)
    return fields, by_band


def _with_bars(comparison: list[dict]) -> list[dict]:
    totals = [row["total"] for row in comparison if row["total"] is not None]
    top = max(totals, default=0)
    return [
        # A string: the template writes it into CSS, which wants a dot.
        {**row, "width": f"{row['total'] * 100 / top:.1f}" if top and row["total"] else "0"}
        for row in comparison
    ]


def _for_template(quote: dict, factor_anchors: dict, adjustment_anchor: str | None) -> dict:
    """The quote with the chart's bar widths and, on each factor, the id of the
    teaching block that explains it."""
    lines = [
        {
            **line,
            "factors": [
                {
                    **factor,
                    "anchor": factor_anchors.get(factor["code"])
                    or (None if factor["code"] in FACTOR_TOPICS else adjustment_anchor),
                }
                for factor in line["factors"]
            ],
        }
        for line in quote["lines"]
    ]
    return {
        **quote,
        "lines": lines,
        "comparison": _with_bars(quote.get("comparison", [])),
        "summary": summary_text() % {"airings": quote["airings"], "length": quote["spot_length"]},
        "discount_text": discount_text()
        % {
            "percent": percent_text(Decimal(str(quote["discount"]["percent"]))),
            "airings": quote["discount"]["min_airings"],
        }
        if quote["discount"]["min_airings"]
        else "",
        "vat_text": percent_text(Decimal(str(quote["vat"]["rate"]))),
    }


def _factor_anchors(page) -> dict[str, str]:
    """{factor: HTML id} of the first teaching block explaining each factor."""
    anchors: dict[str, str] = {}
    for block in page.body:
        if block.block_type == "factor":
            anchors.setdefault(block.value["factor"], f"teach-{block.id}")
    return anchors


def _multiplier(value: float) -> str:
    return "× " + f"{value:.2f}".replace(".", ",")


def _option_item(adjustment: dict, band_names: dict[str, str], checked: bool) -> dict:
    if adjustment["fixed_unit_price"] is not None:
        effect = _("%(price)s excl. VAT per airing") % {
            "price": fcfa(adjustment["fixed_unit_price"])
        }
    else:
        percent = adjustment["percent"]
        sign = "+" if percent > 0 else "−"
        effect = f"{sign} {percent_text(abs(Decimal(str(percent))))}"
    bands = [band_names.get(code, code) for code in adjustment["bands"]]
    return {**adjustment, "effect": effect, "band_names": bands, "checked": checked}


def calculator_context(request, page) -> dict:
    """What templates/simulator/simulator_page.html needs (`calculator` is None
    when no rate card is published for today)."""
    card = selectors.current_rate_card()
    if card is None:
        return {"calculator": None}
    card_data = selectors.rate_card_payload(card)
    today = timezone.localdate()
    valid_from = date.fromisoformat(card_data["valid_from"])
    valid_until = date.fromisoformat(card_data["valid_until"]) if card_data["valid_until"] else None
    default_start, default_end = default_dates(valid_from, valid_until, today)
    query = request.GET
    submitted = any(name in query for name in QUERY_FIELDS)
    state = state_from_query(query, default_start, default_end)

    quote, errors = None, {}
    if submitted:
        quote, errors, _status = compute_quote({**state, "compare": True})
    line_codes = [line["band"] for line in state["bands"]]
    known = {band["code"] for band in card_data["bands"]}
    field_errors, band_errors = _split_errors(errors, line_codes, known)
    picked = {line["band"]: line["airings"] for line in state["bands"] if line["band"] in known}

    band_cards = [
        {
            **band,
            "hours": f"{band['start']}–{band['end']}",
            "multiplier_text": _multiplier(band["multiplier"]),
            "picked": band["code"] in picked,
            "airings": picked.get(
                band["code"],
                number_or_text(query.get(f"airings_{band['code']}", str(DEFAULT_AIRINGS))),
            ),
            "errors": band_errors.get(band["code"], []),
        }
        for band in card_data["bands"]
    ]
    band_names = {band["code"]: band["name"] for band in card_data["bands"]}
    options = [
        _option_item(adjustment, band_names, adjustment["code"] in state["options"])
        for adjustment in card_data["adjustments"]
    ]
    anchors = _factor_anchors(page)
    factor_anchors = {
        factor: anchors[topic] for factor, topic in FACTOR_TOPICS.items() if topic in anchors
    }
    if quote is not None:
        quote = _for_template(quote, factor_anchors, anchors.get("adjustment"))

    script_data = {
        "quote_url": reverse("simulator:api_quote"),
        "booking_path": BOOKING_PATH,
        "page_path": request.path,
        "default_airings": DEFAULT_AIRINGS,
        "bands": [{"code": band["code"], "name": band["name"]} for band in card_data["bands"]],
        "state": {
            **state,
            "bands": [line for line in state["bands"] if line["band"] in known],
        },
        "lines": line_codes,
        "submitted": submitted,
        "quote": quote,
        "errors": errors,
        "factor_anchors": factor_anchors,
        "adjustment_anchor": anchors.get("adjustment"),
        "volume_anchor": anchors.get("volume"),
        "messages": {
            "network": _("The price could not be computed: check your connection and try again."),
            "failed": _("The price could not be computed. Try again in a moment."),
            "summary": summary_text(),
            "discount": discount_text(),
        },
    }
    return {
        "calculator": {
            "card": card_data,
            "state": state,
            "bands": band_cards,
            "options": options,
            "presets": PRESETS,
            "min_length": MIN_SPOT_LENGTH,
            "max_length": MAX_SPOT_LENGTH,
            "max_airings": MAX_AIRINGS_PER_LINE,
            "submitted": submitted,
            "quote": quote,
            "errors": field_errors,
            "booking_url": booking_url(quote) if quote else "",
            "volume_anchor": anchors.get("volume"),
            "script_data": script_data,
        }
    }
