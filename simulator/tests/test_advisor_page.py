"""The public advisor page “Conseiller”: four questions, one GET form per
screen, then a recommendation priced by the pricing engine, with the same total
as the simulator and a booking link that pre-fills the wizard."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlencode, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from core.money import fcfa
from simulator import selectors
from simulator.advisor.choices import BUDGET_PRESETS, OBJECTIVE_CHOICES
from simulator.advisor.plan import Answers, advise
from simulator.advisor_rules import rule_for
from simulator.demo import ensure_demo_rate_card
from simulator.models import AdvisorRule, AdvisorRuleBand, RateCard
from simulator.pricing import price

from .simulator_pages import make_advisor_page, make_simulator_page

pytestmark = pytest.mark.django_db

URL = "/conseiller/"
# A Wednesday: tomorrow is Thursday 19, the next Monday the 23rd.
NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Africa/Ouagadougou"))
ANSWERED = {"objective": "launch", "audience": "families", "budget": "1500000", "weeks": "2"}
ANSWERED["start_date"] = "2026-11-23"


RULE_BANDS = [
    ("mi-journee", 4, "Le JT de 13 h touche les familles à l'heure du déjeuner."),
    ("prime-time", 3, "Le JT de 19 h 30 réunit toute la famille."),
    ("matinee", 1, ""),
]


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


@pytest.fixture
def page(db, card):
    make_simulator_page()
    return make_advisor_page()


@pytest.fixture
def rule(db):
    rule = AdvisorRule.objects.create(
        objective="launch", audience="families", spot_length=30, airings_per_week=10, min_airings=6
    )
    rule.explanation = "Un spot de 30 s pour montrer le produit et le dire deux fois."
    rule.save()
    for order, (code, weight, why) in enumerate(RULE_BANDS):
        AdvisorRuleBand.objects.create(
            rule=rule, band_code=code, weight=weight, reason=why, sort_order=order
        )
    return rule


def get(client, params: dict | str = "") -> BeautifulSoup:
    query = params if isinstance(params, str) else urlencode(params, doseq=True)
    response = client.get(URL + (f"?{query}" if query else ""))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Traceback" not in body
    return BeautifulSoup(body, "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def step(html) -> str:
    return html.select_one("[data-advisor-step]")["data-advisor-step"]


def errors(html) -> str:
    return " ".join(text(p) for p in html.select("[data-advisor=error]"))


def the_advice(**answers):
    values = {"objective": "launch", "audience": "families", "budget": 1_500_000}
    values.update(start_date=dt.date(2026, 11, 23), end_date=dt.date(2026, 12, 6), **answers)
    card = selectors.current_pricing_data()
    return card, advise(card, rule_for(values["objective"], values["audience"]), Answers(**values))


# --- The four screens -------------------------------------------------------------


SCREENS = [
    ({}, "objective", "1"),
    ({"objective": "launch"}, "audience", "2"),
    ({"objective": "launch", "audience": "families"}, "budget", "3"),
    ({"objective": "launch", "audience": "families", "budget": "1500000"}, "period", "4"),
    (ANSWERED, "result", None),
]


@pytest.mark.parametrize(("params", "expected", "number"), SCREENS)
def test_each_screen_is_reached_by_its_query(client, page, params, expected, number):
    html = get(client, params)

    assert step(html) == expected
    assert len(html.find_all("h1")) == 1 and text(html.h1) == "Conseiller"
    if number:
        assert text(html.select_one("[data-advisor=progress]")) == f"Étape {number} sur 4"
        form = html.select_one("form[data-advisor=form]")
        assert form["method"] == "get" and form["action"] == URL
        # The answers already given travel with the form.
        hidden = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
        assert hidden == dict(params)
        # Back: the previous screen, its answer dropped.
        back = html.select_one("a[data-advisor=back]")
        previous = dict(list(params.items())[:-1])
        assert (back and parse_qs(urlsplit(back["href"]).query)) == (
            {k: [v] for k, v in previous.items()} if params else None
        )
    assert not errors(html)


def test_the_objective_screen_offers_radio_cards_with_their_help(client, page):
    html = get(client)
    fieldset = html.select_one("form[data-advisor=form] fieldset")

    assert text(fieldset.legend) == "À quoi sert votre campagne ?"
    radios = fieldset.select("input[type=radio]")
    assert [r["name"] for r in radios] == ["objective"] * 5
    assert [r["value"] for r in radios] == [code for code, _label in OBJECTIVE_CHOICES]
    launch = text(html.select_one("[data-option=launch]"))
    assert "Lancer un produit" in launch and "Frapper fort dès le départ" in launch
    assert html.find(id=radios[1]["aria-describedby"]) is not None


def test_the_budget_screen_works_without_javascript(client, page):
    html = get(client, {"objective": "launch", "audience": "families"})

    field = html.find("input", attrs={"name": "budget", "type": "text"})
    assert field["inputmode"] == "numeric"
    assert html.find("label", attrs={"for": field["id"]})
    slider = html.find("input", attrs={"type": "range"})
    # Disabled in the HTML: without JavaScript it sends nothing.
    assert slider["name"] == "budget_slider" and slider.has_attr("disabled")
    assert html.find("datalist", id=slider["list"]).find_all("option")
    unknown = html.select_one("button[data-advisor=unknown]")
    assert (unknown["name"], unknown["value"]) == ("budget", "unknown")
    presets = html.select("a[data-preset]")
    assert [a["data-preset"] for a in presets] == [str(amount) for amount in BUDGET_PRESETS]
    # A typical value is a link to the next screen.
    assert step(get(client, urlsplit(presets[0]["href"]).query)) == "period"


BUDGETS = [
    ("budget=1 500 000 FCFA", "1500000"),
    ("budget=1\u202f500\u202f000\u00a0FCFA", "1500000"),
    ("budget=1.500.000", "1500000"),
    ("budget=&budget=unknown", "unknown"),
    ("budget=2000000&budget=unknown", "unknown"),
    ("budget=&budget_slider=3000000", "3000000"),  # the slider, when the field is empty
]


@pytest.mark.parametrize(("query", "expected"), BUDGETS)
def test_budgets_are_read_as_people_write_them(client, page, query, expected):
    html = get(client, "objective=launch&audience=families&" + query)

    assert step(html) == "period"
    hidden = {i["name"]: i["value"] for i in html.select("form input[type=hidden]")}
    assert hidden["budget"] == expected


def test_the_period_screen_proposes_next_monday(client, page):
    html = get(client, {"objective": "launch", "audience": "families", "budget": "unknown"})

    start = html.find("input", attrs={"name": "start_date"})
    assert start["value"] == "2026-11-23" and start["min"] == "2026-11-19"
    assert [r["value"] for r in html.select("input[name=weeks]")] == ["1", "2", "3", "4", "6", "8"]
    assert html.select_one("input[name=weeks][checked]")["value"] == "2"
    assert not html.find("input", attrs={"name": "event_date"})


def test_an_event_asks_for_its_date_and_ends_on_it(client, page):
    params = {"objective": "event", "audience": "youth", "budget": "unknown"}
    html = get(client, params)
    assert html.find("input", attrs={"name": "event_date"})
    assert not html.find("input", attrs={"name": "start_date"})

    html = get(client, {**params, "event_date": "2026-12-10", "weeks": "3"})
    assert step(html) == "result"
    assert "du 20/11/2026 au 10/12/2026" in text(html.select_one("[data-answer=period]"))
    # Never before tomorrow.
    html = get(client, {**params, "event_date": "2026-11-25", "weeks": "4"})
    assert "du 19/11/2026 au 25/11/2026" in text(html.select_one("[data-answer=period]"))


# --- Hostile values ----------------------------------------------------------------


BEFORE_PERIOD = {"objective": "launch", "audience": "families", "budget": "1500000"}
ASKED = "objective=launch&audience=families&budget=1500000"
EVENT = "objective=event&audience=youth&budget=unknown"
HOSTILE = [
    ("objective=nope", "objective", "Choisissez"),
    ("objective=", "objective", "Choisissez"),
    ("objective=launch&audience=%3Cscript%3E", "audience", "Choisissez"),
    ("objective=launch&audience=families&budget=abc", "budget", "nombre entier"),
    ("objective=launch&audience=families&budget=-5000", "budget", "plus que zéro"),
    ("objective=launch&audience=families&budget=0", "budget", "plus que zéro"),
    ("objective=launch&audience=families&budget=" + "9" * 400, "budget", "nombre entier"),
    ("objective=launch&audience=families&budget=99999999999", "budget", "1 milliard"),
    ("objective=launch&audience=families&budget=", "budget", "Je ne sais pas"),
    (ASKED + "&start_date=0001-01-01", "period", "demain"),
    (ASKED + "&start_date=9999-12-31", "period", "trop loin"),
    (ASKED + "&start_date=2026-11-10", "period", "demain"),
    (ASKED + "&start_date=2026-11-18", "period", "demain"),
    (ASKED + "&start_date=hier", "period", "premier jour"),
    (ASKED + "&start_date=2026-02-30", "period", "premier jour"),
    (ASKED + "&start_date=2026-11-23&end_date=2026-11-20", "period", "dernier jour"),
    (ASKED + "&start_date=2026-11-23&end_date=2028-01-01", "period", "365"),
    (ASKED + "&start_date=2026-11-23&weeks=5", "period", "durées"),
    (ASKED + "&start_date=2026-11-23&weeks=-1", "period", "durées"),
    (ASKED + "&start_date=2026-11-23&weeks=" + "9" * 50, "period", "durées"),
    (EVENT + "&event_date=0001-01-01", "period", "demain"),
    (EVENT + "&event_date=9999-12-31", "period", "trop loin"),
    (EVENT + "&event_date=x", "period", "date"),
]


@pytest.mark.parametrize(("query", "expected", "message"), HOSTILE)
def test_hostile_values_show_their_screen_with_a_french_error(
    client, page, query, expected, message
):
    html = get(client, query)

    assert step(html) == expected
    assert message in errors(html)
    # The field in error points to its message.
    for field in html.select("[aria-invalid=true]"):
        described = field["aria-describedby"].split()
        assert any("error" in ref and html.find(id=ref) for ref in described)


def test_dates_outside_the_rate_card_are_refused_on_the_period_screen(client, page, card):
    RateCard.objects.filter(pk=card.pk).update(valid_until=dt.date(2026, 11, 30))
    html = get(client, {**BEFORE_PERIOD, "start_date": "2026-11-23", "weeks": "4"})

    assert step(html) == "period"
    assert "30/11/2026" in errors(html)


# --- The recommendation ----------------------------------------------------------


def test_the_result_shows_the_engines_price_and_the_rules_reasons(client, page, rule):
    html = get(client, ANSWERED)
    card, advice = the_advice()
    plan = advice.recommended

    total = html.select_one("[data-advisor=total]")
    assert text(total) == fcfa(plan.quote.total).replace("\u202f", " ").replace("\u00a0", " ")
    assert total.get_text() == fcfa(price(card, plan.request).total)
    assert plan.quote.total <= 1_500_000
    lines = html.select("[data-advisor=lines] tbody tr")
    assert [tr["data-line"] for tr in lines] == [line.band_code for line in plan.lines]
    assert "Le JT de 13 h touche les familles à l'heure du déjeuner." in text(html)
    reasons = text(html.select_one("[data-advisor=reasons]"))
    assert "Un spot de 30 s pour montrer le produit" in reasons
    assert "TVA" in text(html.select_one("[data-advisor=vat]").parent)
    # The answers, each with a link to change it, and the editors' note.
    answers = [d["data-answer"] for d in html.select("[data-answer]")]
    assert answers == ["objective", "audience", "budget", "period"]
    change = html.select_one("[data-answer=budget] a")["href"]
    assert step(get(client, urlsplit(change).query)) == "budget"
    assert "confirme le placement" in text(html.select_one("[data-advisor=note]"))


def test_the_total_is_what_the_simulator_shows_for_the_same_campaign(client, page, rule):
    html = get(client, ANSWERED)
    simulate = html.select_one("a[data-advisor=simulate]")["href"]
    assert simulate.startswith("/simulateur/?")

    simulator = BeautifulSoup(client.get(simulate).content.decode(), "html.parser")

    shown = simulator.select_one("[data-sim=server-result] [data-sim=total]")
    assert shown.get_text() == html.select_one("[data-advisor=total]").get_text()


def test_two_alternatives_sit_beside_the_recommendation(client, page, rule):
    html = get(client, ANSWERED)
    _card, advice = the_advice()

    alternatives = html.select("[data-advisor=alternatives] [data-plan]")
    assert [a["data-plan"] for a in alternatives] == [
        plan.kind for plan in (advice.cheaper, advice.stronger) if plan is not None
    ]
    cheaper = html.select_one("[data-plan=cheaper] [data-plan-total]")
    assert cheaper.get_text() == fcfa(advice.cheaper.total)
    assert advice.cheaper.total < advice.recommended.total
    for plan in alternatives:
        assert plan.select_one("a[data-plan-book]")["href"].startswith("/campaigns/create/?")
        assert plan.select_one("a[data-plan-simulate]")["href"].startswith("/simulateur/?")


@pytest.mark.parametrize("budget", [200_000, 500_000, 1_000_000, 3_000_000, 10_000_000])
def test_no_plan_costs_more_than_the_budget(client, page, rule, budget):
    html = get(client, {**ANSWERED, "budget": str(budget)})
    _card, advice = the_advice(budget=budget)

    for plan in (advice.recommended, advice.cheaper, advice.stronger):
        if plan is not None:
            assert plan.total <= budget
    assert html.select_one("[data-advisor=total]").get_text() == fcfa(advice.recommended.total)


def test_a_budget_too_small_is_said_and_the_nearest_option_proposed(client, page, rule):
    html = get(client, {**ANSWERED, "budget": "100000"})
    _card, advice = the_advice(budget=100_000)

    assert advice.budget_too_small
    messages = html.select_one("[data-advisor=messages]")
    assert messages["role"] == "status" and "trop juste" in text(messages)
    assert html.select_one("[data-advisor=total]").get_text() == fcfa(advice.recommended.total)


def test_when_nothing_fits_the_smallest_price_and_the_ways_out_are_shown(client, page, rule):
    html = get(client, {**ANSWERED, "budget": "1000"})
    _card, advice = the_advice(budget=1000)

    assert advice.recommended is None
    nothing = html.select_one("[data-advisor=nothing-fits]")
    assert fcfa(advice.smallest_total) in nothing.get_text()
    assert nothing.select_one("a[data-advisor=simulate]")["href"] == "/simulateur/"
    assert nothing.select_one("a[data-advisor=contact]")["href"] == "/contact/"
    assert not html.select("[data-advisor=book]")


def test_the_booking_link_carries_the_plan_and_prefills_the_wizard(
    client, page, rule, advertiser_a
):
    html = get(client, ANSWERED)
    _card, advice = the_advice()
    plan = advice.recommended
    book = html.select_one("a[data-advisor=book]")["href"]

    assert book == f"/campaigns/create/?{plan.query}&objective=launch&audience=families"

    client.force_login(advertiser_a)
    assert client.get(book).status_code == 200
    prefill = client.session["campaigns:prefill"]
    query = parse_qs(plan.query)
    assert (prefill["spot_length"], prefill["start_date"], prefill["end_date"]) == (
        query["spot_length"][0],
        "2026-11-23",
        "2026-12-06",
    )
    assert [(line["band"], int(line["airings"])) for line in prefill["bands"]] == [
        (line.band, line.airings) for line in plan.request.lines
    ]
    assert prefill.get("objective", "promotion") == "promotion"


def test_without_a_budget_the_objective_decides(client, page, rule):
    html = get(client, {**ANSWERED, "budget": "unknown"})
    _card, advice = the_advice(budget=None)

    assert advice.recommended.airings == advice.target_airings
    assert "Je ne sais pas" in text(html.select_one("[data-answer=budget]"))


# --- Without a card, without JavaScript, in the cache ------------------------------


def test_without_a_rate_card_the_page_says_so(client, page, card):
    RateCard.objects.update(published=False)
    html = get(client, ANSWERED)

    assert "Aucune grille tarifaire" in text(html)
    assert not html.select("form[data-advisor=form]")


def test_the_page_needs_no_javascript_and_sets_no_cookie(client, page, rule):
    for params in ({}, ANSWERED):
        response = client.get(URL, params)
        html = BeautifulSoup(response.content.decode(), "html.parser")
        assert not response.cookies
        assert not html.select("script:not([src])")
        assert not html.select("[style]")
        scripts = [s["src"] for s in html.select("script[src]")]
        assert any(src.endswith("js/advisor.js") for src in scripts)
