"""The advisor page, answered at random with the demo's rules and rate card: the
total it shows for each plan is the engine's quote for that plan's own query (the
one its booking and simulator links carry), never over the budget."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import selectors
from simulator.advisor import choices
from simulator.advisor_demo import ensure_demo_rules
from simulator.demo import ensure_demo_rate_card
from simulator.pricing import LineRequest, QuoteRequest, price

from .simulator_pages import make_advisor_page, make_simulator_page

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Africa/Ouagadougou"))


@pytest.fixture
def site(db, time_machine):
    time_machine.move_to(NOW, tick=False)
    ensure_demo_rate_card()
    ensure_demo_rules()
    make_simulator_page()
    make_advisor_page()


def digits(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def request_of(href: str) -> QuoteRequest:
    query = parse_qs(urlsplit(href).query)
    lines = []
    for item in query["bands"][0].split(","):
        code, _sep, airings = item.partition(":")
        lines.append(LineRequest(code, int(airings)))
    return QuoteRequest(
        spot_length=int(query["spot_length"][0]),
        start_date=dt.date.fromisoformat(query["start_date"][0]),
        end_date=dt.date.fromisoformat(query["end_date"][0]),
        lines=tuple(lines),
    )


answers = st.fixed_dictionaries(
    {
        "objective": st.sampled_from([code for code, _label in choices.OBJECTIVE_CHOICES]),
        "audience": st.sampled_from([code for code, _label in choices.AUDIENCE_CHOICES]),
        "budget": st.one_of(st.just("unknown"), st.integers(1, 30_000_000).map(str)),
        "weeks": st.sampled_from([str(weeks) for weeks in choices.WEEKS_CHOICES]),
        "offset": st.integers(1, 120),
    }
)


@settings(
    deadline=None,
    max_examples=30,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(answers)
def test_every_plan_shown_is_the_engine_s_quote_within_the_budget(client, site, given):
    day = (NOW.date() + dt.timedelta(days=given["offset"])).isoformat()
    query = {key: value for key, value in given.items() if key != "offset"}
    query["event_date" if given["objective"] == choices.EVENT else "start_date"] = day
    response = client.get("/conseiller/", query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    card = selectors.current_pricing_data()
    plans = soup.select("[data-plan]")
    if not plans:  # not even one airing fits: the smallest price is said instead
        assert given["budget"] != "unknown"
        assert soup.select_one("[data-advisor=nothing-fits]") is not None
    for plan in plans:
        link = plan.select_one("[data-advisor=book], [data-plan-book]")
        total = plan.select_one("[data-advisor=total], [data-plan-total]")
        quote = price(card, request_of(link["href"]))
        assert digits(total.get_text()) == quote.total
        if given["budget"] != "unknown":
            assert quote.total <= int(given["budget"])
