"""The advisor's recommendation (simulator/advisor/plan.py), without a database:
every plan is the engine's quote for its own parameters, never over the budget,
and what the budget cannot buy is said."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.advisor import choices
from simulator.advisor.mix import BandWeight, split
from simulator.advisor.plan import Answers, RuleData, advise
from simulator.pricing import price
from simulator.tests.strategies import demo_rate_card, rate_cards

START = date(2027, 1, 4)
YOUTH = RuleData(
    objective=choices.LAUNCH,
    audience=choices.YOUTH,
    spot_length=30,
    airings_per_week=7,
    min_airings=8,
    bands=(
        BandWeight("prime-time", 3, "Les jeunes regardent le soir."),
        BandWeight("avant-soiree", 2),
        BandWeight("fin-de-soiree", 2),
    ),
    explanation="Un lancement frappe fort au départ.",
)


def answers(budget, days=14, start=START):
    return Answers(choices.LAUNCH, choices.YOUTH, budget, start, start + timedelta(days=days - 1))


def plans(advice):
    return [plan for plan in (advice.recommended, advice.cheaper, advice.stronger) if plan]


def test_the_issue_s_journey_launch_youth_1_5_million_two_weeks():
    card = demo_rate_card()
    advice = advise(card, YOUTH, answers(1_500_000))
    plan = advice.recommended
    assert plan is not None and not advice.budget_too_small
    assert plan.total <= 1_500_000
    assert plan.total == price(card, plan.request).total
    assert plan.airings == 14  # 7 a week for two weeks
    codes = [line.band_code for line in plan.lines]
    assert codes == ["prime-time", "avant-soiree", "fin-de-soiree"]
    assert plan.lines[0].reason == "Les jeunes regardent le soir."
    assert plan.lines[1].reason  # the band's teaching text when the rule gives none
    assert "bands=prime-time:6,avant-soiree:4,fin-de-soiree:4" in plan.query
    assert plan.query.startswith("spot_length=30&start_date=2027-01-04&end_date=2027-01-17")
    assert advice.cheaper.total < plan.total < advice.stronger.total <= 1_500_000


def test_without_a_budget_the_rule_s_rhythm_is_followed():
    advice = advise(demo_rate_card(), YOUTH, answers(None, days=28))
    assert advice.recommended.airings == 28
    assert advice.stronger.airings > 28 and advice.cheaper.airings < 28


def test_a_short_budget_is_said_and_the_nearest_option_fits():
    card = demo_rate_card()
    advice = advise(card, YOUTH, answers(300_000))
    assert advice.budget_too_small
    assert advice.recommended is not None and advice.recommended.total <= 300_000
    assert "too small" in advice.messages[0] or "trop" in advice.messages[0]


def test_a_budget_below_one_airing_gets_no_plan_but_the_smallest_price():
    advice = advise(demo_rate_card(), YOUTH, answers(10_000))
    assert advice.recommended is None and advice.cheaper is None and advice.stronger is None
    assert advice.budget_too_small
    assert advice.smallest_total == 44_870  # one 30 s airing in the cheapest band


def test_a_period_outside_the_card_returns_the_engine_s_errors():
    advice = advise(demo_rate_card(), YOUTH, answers(None, start=date(2020, 1, 6)))
    assert advice.recommended is None and advice.errors


def test_split_gives_every_airing_by_weight():
    weights = (BandWeight("a", 3), BandWeight("b", 2), BandWeight("c", 2))
    assert split(14, weights) == [("a", 6), ("b", 4), ("c", 4)]
    assert split(1, weights) == [("a", 1)]
    assert split(0, weights) == []
    assert sum(count for _code, count in split(101, weights)) == 101


@st.composite
def rules(draw, card):
    codes = [band.code for band in card.bands] + ["gone"]
    picked = draw(st.lists(st.sampled_from(codes), unique=True, max_size=4))
    return RuleData(
        objective=draw(st.sampled_from([code for code, _label in choices.OBJECTIVE_CHOICES])),
        audience=draw(st.sampled_from([code for code, _label in choices.AUDIENCE_CHOICES])),
        spot_length=draw(st.integers(5, 120)),
        airings_per_week=draw(st.integers(1, 70)),
        min_airings=draw(st.integers(1, 500)),
        bands=tuple(BandWeight(code, draw(st.integers(0, 10))) for code in picked),
    )


@st.composite
def cards_rules_answers(draw):
    card = draw(st.one_of(st.just(demo_rate_card()), rate_cards()))
    rule = draw(rules(card))
    start = max(card.valid_from, START) + timedelta(days=draw(st.integers(0, 60)))
    days = draw(st.integers(1, 120))
    end = start + timedelta(days=days - 1)
    if card.valid_until is not None:
        end = min(end, max(card.valid_until, start))
    budget = draw(st.one_of(st.none(), st.integers(0, 60_000_000)))
    return card, rule, Answers(rule.objective, rule.audience, budget, start, end)


@settings(deadline=None, max_examples=150)
@given(cards_rules_answers())
def test_every_plan_is_the_engine_s_quote_and_within_the_budget(case):
    card, rule, given_answers = case
    advice = advise(card, rule, given_answers)
    for plan in plans(advice):
        assert plan.total == price(card, plan.request).total
        assert plan.request.start_date == given_answers.start_date
        assert plan.request.end_date == given_answers.end_date
        if given_answers.budget is not None:
            assert plan.total <= given_answers.budget
        assert sum(line.airings for line in plan.lines) == plan.airings
    if advice.cheaper is not None:
        assert advice.cheaper.total < advice.recommended.total
    if advice.recommended is None and not advice.errors:
        assert advice.budget_too_small or advice.messages
        if advice.smallest_total is not None and given_answers.budget is not None:
            assert advice.smallest_total > given_answers.budget


@pytest.mark.parametrize("budget", [None, 0, 1, 44_869, 44_870, 1_500_000, 60_000_000])
def test_hostile_budgets_never_break_the_advice(budget):
    advice = advise(demo_rate_card(), YOUTH, answers(budget))
    for plan in plans(advice):
        assert budget is None or plan.total <= budget
