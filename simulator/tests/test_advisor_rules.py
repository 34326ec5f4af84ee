"""The advisor's rules as the admin saves them: the audience's own rule first,
then the objective's rule for every audience, then a neutral rule; the demo
rules for every objective and audience."""

from __future__ import annotations

import pytest

from simulator.advisor import choices
from simulator.advisor_demo import ensure_demo_rules
from simulator.advisor_rules import rule_for
from simulator.models import AdvisorRule, AdvisorRuleBand

pytestmark = pytest.mark.django_db


def make_rule(audience: str, length: int, bands=(("prime-time", 3, "Le soir."),)):
    rule = AdvisorRule.objects.create(
        objective=choices.LAUNCH, audience=audience, spot_length=length, airings_per_week=5
    )
    for order, (code, weight, reason) in enumerate(bands):
        AdvisorRuleBand.objects.create(
            rule=rule, band_code=code, weight=weight, reason=reason, sort_order=order
        )
    return rule


def test_the_audience_s_own_rule_wins_over_the_objective_s_general_one():
    make_rule("", 20)
    make_rule(choices.YOUTH, 45, bands=(("fin-de-soiree", 2, "Séries."), ("prime-time", 1, "")))
    rule = rule_for(choices.LAUNCH, choices.YOUTH)
    assert rule.spot_length == 45
    assert [(b.band_code, b.weight, b.reason) for b in rule.bands] == [
        ("fin-de-soiree", 2, "Séries."),
        ("prime-time", 1, ""),
    ]
    assert rule_for(choices.LAUNCH, choices.FAMILIES).spot_length == 20


def test_without_a_rule_the_neutral_one_is_used(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        rule = rule_for(choices.OFFER, "nobody")
    assert rule.bands == () and rule.spot_length == 30


def test_demo_rules_cover_every_objective_and_audience_once():
    assert ensure_demo_rules() == 25
    assert ensure_demo_rules() == 0
    for objective, _label in choices.OBJECTIVE_CHOICES:
        for audience, _name in choices.AUDIENCE_CHOICES:
            rule = rule_for(objective, audience)
            assert rule.bands and all(band.reason for band in rule.bands)


def test_an_edited_demo_rule_is_kept():
    ensure_demo_rules()
    AdvisorRule.objects.filter(objective=choices.EVENT, audience=choices.RURAL).update(
        spot_length=15
    )
    ensure_demo_rules()
    assert rule_for(choices.EVENT, choices.RURAL).spot_length == 15
