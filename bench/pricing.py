"""In-process speed of the pricing engine: quotes per second for the 3-band
request of the quote API benchmark, on the demo card's data (as the selectors
hand it to the engine). Needs Django set up (translations, models)."""

from __future__ import annotations

import statistics
import time
from datetime import date

RUNS = 5
SECONDS_PER_RUN = 2.0
BATCH = 200


def demo_card_data():
    """The demo card from the database (created if missing), as pricing data."""
    from simulator import selectors
    from simulator.demo import ensure_demo_rate_card

    card, _created = ensure_demo_rate_card()
    return selectors.to_pricing_data(selectors.rate_card_with_rows(card.pk))


def three_band_request():
    from simulator.pricing import LineRequest, QuoteRequest

    return QuoteRequest(
        spot_length=30,
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 14),
        lines=(
            LineRequest("matinee", 10),
            LineRequest("prime-time", 10),
            LineRequest("fin-de-soiree", 5),
        ),
    )


def quotes_per_second(card, request, seconds: float = SECONDS_PER_RUN) -> float:
    from simulator.pricing import price

    count = 0
    started = time.perf_counter()
    deadline = started + seconds
    while True:
        for _ in range(BATCH):
            price(card, request)
        count += BATCH
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - started)


def measure(runs: int = RUNS, seconds: float = SECONDS_PER_RUN) -> dict[str, float | int]:
    from django.utils import translation

    from simulator.pricing import price

    card, request = demo_card_data(), three_band_request()
    with translation.override("fr"):
        quote = price(card, request)  # warm-up, and a check of what is measured
        assert len(quote.lines) == 3 and quote.total > 0
        rates = [quotes_per_second(card, request, seconds) for _ in range(runs)]
    return {
        "pricing_quotes_per_s": round(statistics.median(rates)),
        "pricing_runs": runs,
    }
