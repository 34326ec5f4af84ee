"""The advisor rule for an objective and an audience, read from the database as
plain data: the rule of that audience, else the objective's rule for every
audience, else a neutral rule (every band alike, 30 s, 7 airings a week)."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When

from simulator.advisor.mix import BandWeight
from simulator.advisor.plan import RuleData
from simulator.models import AdvisorRule

DEFAULT_SPOT_LENGTH = 30
DEFAULT_AIRINGS_PER_WEEK = 7
DEFAULT_MIN_AIRINGS = 6


def default_rule(objective: str, audience: str) -> RuleData:
    return RuleData(
        objective=objective,
        audience=audience,
        spot_length=DEFAULT_SPOT_LENGTH,
        airings_per_week=DEFAULT_AIRINGS_PER_WEEK,
        min_airings=DEFAULT_MIN_AIRINGS,
        bands=(),
    )


def rule_for(objective: str, audience: str) -> RuleData:
    """Never raises: an unknown pair gets the neutral rule (two queries at most)."""
    rule = (
        AdvisorRule.objects.filter(objective=objective, audience__in=[audience, ""])
        .annotate(
            exact=Case(
                When(audience=audience, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("exact")
        .prefetch_related("bands")
        .first()
    )
    if rule is None:
        return default_rule(objective, audience)
    return RuleData(
        objective=objective,
        audience=audience,
        spot_length=rule.spot_length,
        airings_per_week=rule.airings_per_week,
        min_airings=rule.min_airings,
        bands=tuple(
            BandWeight(band.band_code, band.weight, band.reason) for band in rule.bands.all()
        ),
        explanation=rule.explanation,
    )
