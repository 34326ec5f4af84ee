"""JSON API of the simulator: the rate card valid today and quotes.

Documented in the issue and in `docs/`; the quote endpoint accepts an optional
`"compare": true` that adds `comparison`: the same campaign (same length, same
total airings, same dates and options) priced in each offered band, by the same
engine. Anonymous use is allowed and throttled per address
(`SIMULATOR_API_RATE_PER_MINUTE`, 120 by default)."""

from __future__ import annotations

import json
from datetime import date
from functools import wraps

from asgiref.sync import iscoroutinefunction, sync_to_async
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.numbers import parse_int
from core.throttle import allow

from . import selectors
from .pricing import LineRequest, PricingError, QuoteRequest, RateCardData, price

RETRY_AFTER_SECONDS = 60


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(errors: dict[str, list[str]], status: int = 400) -> JsonResponse:
    return _json({"errors": errors}, status=status)


def _too_many() -> JsonResponse:
    response = _error(
        {"__all__": [_("Too many requests from your connection. Wait a minute and try again.")]},
        status=429,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def method_not_allowed(allowed: tuple[str, ...]) -> JsonResponse:
    """405 with a JSON French message and the `Allow` header."""
    response = _error(
        {
            "__all__": [
                _("This address only accepts %(methods)s requests.")
                % {"methods": ", ".join(allowed)}
            ]
        },
        status=405,
    )
    response["Allow"] = ", ".join(allowed)
    return response


def json_methods(*allowed: str):
    """Like Django's require_http_methods, but a refused method gets a JSON
    message (not an empty body); works on sync and async views."""

    def decorator(view):
        if iscoroutinefunction(view):

            @wraps(view)
            async def async_wrapper(request, *args, **kwargs):
                if request.method not in allowed:
                    return method_not_allowed(allowed)
                return await view(request, *args, **kwargs)

            return async_wrapper

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in allowed:
                return method_not_allowed(allowed)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def no_card_errors() -> dict[str, list[str]]:
    return {"__all__": [_("No rate card is published for today. Contact the commercial team.")]}


@json_methods("GET")
@never_cache
def rate_card(request):
    if not allow(request, scope="simulator"):
        return _too_many()
    card = selectors.current_rate_card()
    if card is None:
        return _error(no_card_errors(), status=503)
    return _json(selectors.rate_card_payload(card))


def _parse_int(value, field: str, errors: dict) -> int | None:
    if isinstance(value, bool):
        value = None
    number = parse_int(value, negative=True)
    if number is not None:
        return number
    errors.setdefault(field, []).append(_("Enter a whole number."))
    return None


def _parse_date(value, field: str, errors: dict) -> date | None:
    try:
        return date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        errors.setdefault(field, []).append(_("Enter a date as YYYY-MM-DD."))
        return None


def parse_quote_request(payload) -> tuple[QuoteRequest | None, dict[str, list[str]]]:
    """Turn submitted data (JSON body or form fields) into a QuoteRequest."""
    errors: dict[str, list[str]] = {}
    if not isinstance(payload, dict):
        return None, {"__all__": [_("The request must be a JSON object.")]}
    length = _parse_int(payload.get("spot_length"), "spot_length", errors)
    start = _parse_date(payload.get("start_date"), "start_date", errors)
    end = _parse_date(payload.get("end_date"), "end_date", errors)
    raw_bands = payload.get("bands")
    lines: list[LineRequest] = []
    if not isinstance(raw_bands, list) or not raw_bands:
        errors.setdefault("bands", []).append(_("Choose at least one time band."))
    else:
        for index, item in enumerate(raw_bands):
            if not isinstance(item, dict) or not isinstance(item.get("band"), str):
                errors.setdefault(f"bands.{index}", []).append(_("Give a band code and airings."))
                continue
            airings = _parse_int(item.get("airings"), f"bands.{index}", errors)
            if airings is not None:
                lines.append(LineRequest(band=item["band"], airings=airings))
    raw_options = payload.get("options", [])
    if raw_options is None:
        raw_options = []
    if not isinstance(raw_options, list) or not all(isinstance(o, str) for o in raw_options):
        errors.setdefault("options", []).append(_("Options must be a list of codes."))
        raw_options = []
    if errors:
        return None, errors
    return (
        QuoteRequest(
            spot_length=length,
            start_date=start,
            end_date=end,
            lines=tuple(lines),
            options=tuple(raw_options),
        ),
        {},
    )


def comparison(card: RateCardData, request: QuoteRequest) -> list[dict]:
    """The same campaign (length, total airings, dates, options that apply to
    the band) in each offered band, priced by the engine: [{band, label, hours, airings, total,
    total_excl_vat}]; `total` is None (with `error`) where the band cannot
    take it (e.g. it airs on no day of the period)."""
    airings = sum(line.airings for line in request.lines)
    rows = []
    for band in card.bands:
        if not band.active:
            continue
        row = {"band": band.code, "label": band.name, "hours": band.hours, "airings": airings}
        # An option limited to other bands (the cultural rate, in the morning
        # only) is left out of this band's row: the engine refuses an option
        # that cannot apply, and the band's price is what it would cost.
        options = tuple(
            code
            for code in request.options
            if (adjustment := card.adjustment(code)) is None or adjustment.applies_to(band.code)
        )
        single = QuoteRequest(
            spot_length=request.spot_length,
            start_date=request.start_date,
            end_date=request.end_date,
            lines=(LineRequest(band=band.code, airings=airings),),
            options=options,
        )
        try:
            quote = price(card, single)
        except PricingError as exc:
            messages = [message for values in exc.errors.values() for message in values]
            row.update(total=None, total_excl_vat=None, error=" ".join(messages))
        else:
            row.update(total=quote.total, total_excl_vat=quote.total_excl_vat)
        rows.append(row)
    return rows


_LOOK_UP = object()


def compute_quote(payload, card: RateCardData | None | object = _LOOK_UP) -> tuple:
    """(quote dict, errors, HTTP status) for submitted data; shared by the API
    and the simulator page's server-side fallback. With `"compare": true` in the
    payload, the quote also carries `comparison` (see `comparison`)."""
    request, errors = parse_quote_request(payload)
    if errors:
        return None, errors, 400
    if card is _LOOK_UP:
        card = selectors.current_pricing_data()
    if card is None:
        return None, no_card_errors(), 503
    try:
        quote = price(card, request)
    except PricingError as exc:
        return None, exc.errors, 400
    result = quote.as_dict()
    if payload.get("compare") is True:
        result["comparison"] = comparison(card, request)
    return result, {}, 200


def too_many_result() -> tuple[dict, int]:
    return {
        "errors": {
            "__all__": [_("Too many requests from your connection. Wait a minute and try again.")]
        }
    }, 429


def quote_result(body: bytes, card) -> tuple[dict, int]:
    """(JSON data, HTTP status) of the quote endpoint for a raw request body and
    the card valid today (or None). Shared by the Django view below and the ASGI
    fast lane (simulator/fastlane.py), so both answer exactly the same."""
    try:
        payload = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        return {"errors": {"__all__": [_("The request body is not valid JSON.")]}}, 400
    except RecursionError:
        # Arrays or objects nested hundreds of levels deep ("[[[[…"): no quote
        # is shaped like that, and the parser gives up on them.
        return {"errors": {"__all__": [_("The request body is nested too deeply.")]}}, 400
    result, errors, status = compute_quote(payload, card=card)
    if errors:
        return {"errors": errors}, status
    return result, status


def load_current_card():
    """The card valid today, for the quote endpoint: from memory when fresh,
    else from the database (sync; closes this thread's stale connections)."""
    from django.db import close_old_connections, connection

    # As Django does around a request: drop a connection that is obsolete or
    # broken (never inside a transaction, e.g. a test's).
    if not connection.in_atomic_block:
        close_old_connections()
    card = selectors.current_pricing_data()
    if not connection.in_atomic_block:
        close_old_connections()
    return card


@csrf_exempt  # a computation that changes nothing; open to other sites' simulators
@json_methods("POST")
@never_cache
async def quote(request):
    """Async: the card valid today is usually in memory
    (selectors.remembered_pricing_data), so a quote needs no database query.
    Under ASGI, POSTs to this URL are answered by simulator.fastlane, which
    skips the middleware stack; this view serves WSGI and the test client."""
    if not await sync_to_async(allow)(request, scope="simulator"):
        data, status = too_many_result()
        response = _json(data, status=status)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    card = selectors.remembered_pricing_data()
    if card is None:
        card = await sync_to_async(selectors.current_pricing_data)()
    data, status = quote_result(request.body, card)
    return _json(data, status=status)
