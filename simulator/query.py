"""A campaign as a query string: how the simulator page, its shared links and
the booking wizard read and write it.

The parameters have the same names as the quote API's fields (`spot_length`,
`start_date`, `end_date`, `bands`, `options`), so that the plain form (no
JavaScript) and a shared link give the page the same request as the live
calculator gives the API, priced by the same `api.compute_quote`.

`bands` is either `code:airings` items separated by commas (a shared link, the
booking link) or repeated band codes (the form's check boxes) whose airings come
from `airings_<code>`. `options` is repeated or comma-separated. A parameter left
out takes its default; one sent empty is an error shown on its field."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote as urlquote

from core.numbers import parse_int

# The booking wizard's entry point: the link carries the campaign in its query.
BOOKING_PATH = "/campaigns/create/"
DEFAULT_SPOT_LENGTH = 30
DEFAULT_AIRINGS = 10
QUERY_FIELDS = ("spot_length", "start_date", "end_date", "bands", "options")


def number_or_text(value):
    """“30” -> 30; anything else is kept as typed (the API explains the error)."""
    text = str(value).strip()
    number = parse_int(text)
    return text if number is None else number


def bands_from_query(query) -> list[dict]:
    lines = []
    for value in query.getlist("bands"):
        for item in value.split(","):
            code, has_airings, airings = item.strip().partition(":")
            code = code.strip()
            if not code:
                continue
            if not has_airings:
                airings = query.get(f"airings_{code}", str(DEFAULT_AIRINGS))
            lines.append({"band": code, "airings": number_or_text(airings)})
    return lines


def options_from_query(query) -> list[str]:
    codes = []
    for value in query.getlist("options"):
        codes += [code.strip() for code in value.split(",") if code.strip()]
    return codes


def state_from_query(query, default_start: date, default_end: date) -> dict:
    def text(name: str, default: str) -> str:
        return query.get(name, default).strip() if name in query else default

    return {
        "spot_length": number_or_text(text("spot_length", str(DEFAULT_SPOT_LENGTH))),
        "start_date": text("start_date", default_start.isoformat()),
        "end_date": text("end_date", default_end.isoformat()),
        "bands": bands_from_query(query),
        "options": options_from_query(query),
    }


def share_query(*, spot_length, start_date, end_date, lines, options) -> str:
    """`spot_length=30&start_date=…&end_date=…&bands=code:airings,…&options=a,b`:
    the query of a shared link and of the booking link (simulator.js builds the
    same string)."""
    bands = ",".join(f"{urlquote(str(li['band']))}:{urlquote(str(li['airings']))}" for li in lines)
    parts = [
        f"spot_length={urlquote(str(spot_length))}",
        f"start_date={urlquote(str(start_date))}",
        f"end_date={urlquote(str(end_date))}",
        f"bands={bands}",
    ]
    if options:
        parts.append("options=" + ",".join(urlquote(code) for code in options))
    return "&".join(parts)


def booking_url(quote: dict) -> str:
    return f"{BOOKING_PATH}?" + share_query(
        spot_length=quote["spot_length"],
        start_date=quote["start_date"],
        end_date=quote["end_date"],
        lines=quote["lines"],
        options=quote["options"],
    )
