"""The advisor's recommendation: answers and an editor-managed rule in, campaigns
priced by the pricing engine itself out (`advise`). Pure: no database.

Every plan is a `QuoteRequest` and the engine's `Quote` for it, so its total is,
by construction, what the simulator and the booking wizard price for the same
parameters. With a budget, no plan costs more than it: the number of airings is
the largest that fits (the volume discount makes the price fall at some
thresholds, so each count is priced, never extrapolated)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from simulator.pricing import LineRequest, PricingError, Quote, QuoteRequest, RateCardData, price
from simulator.query import share_query

from . import texts
from .mix import BandWeight, Mix, economy_mixes, prime_mix, rule_mix, split, unit_price

MAX_TOTAL_AIRINGS = 400
CHEAPER_SHARE = (3, 5)  # the cheaper plan: about 3/5 of the airings
STRONGER_SHARE = (3, 2)  # the stronger plan: about 3/2 of them

__all__ = ["Advice", "Answers", "BandWeight", "Plan", "PlanLine", "RuleData", "advise"]


@dataclass(frozen=True)
class RuleData:
    objective: str
    audience: str
    spot_length: int
    airings_per_week: int
    min_airings: int
    bands: tuple[BandWeight, ...]
    explanation: str = ""


@dataclass(frozen=True)
class Answers:
    objective: str
    audience: str
    budget: int | None  # FCFA VAT included; None: "I don't know"
    start_date: date
    end_date: date

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


@dataclass(frozen=True)
class PlanLine:
    band_code: str
    band_name: str
    hours: str
    airings: int
    per_week: str  # "3,5"; empty when the period is shorter than a week
    reason: str


@dataclass(frozen=True)
class Plan:
    kind: str  # "recommended", "cheaper" or "stronger"
    title: str
    request: QuoteRequest
    quote: Quote
    lines: tuple[PlanLine, ...]
    reasons: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.quote.total

    @property
    def airings(self) -> int:
        return self.quote.airings

    @property
    def query(self) -> str:
        """The simulator's and the booking wizard's query for this plan."""
        return share_query(
            spot_length=self.request.spot_length,
            start_date=self.request.start_date.isoformat(),
            end_date=self.request.end_date.isoformat(),
            lines=[{"band": line.band, "airings": line.airings} for line in self.request.lines],
            options=list(self.request.options),
        )


@dataclass(frozen=True)
class Advice:
    answers: Answers
    recommended: Plan | None
    cheaper: Plan | None
    stronger: Plan | None
    budget_too_small: bool
    target_airings: int
    smallest_total: int | None = None
    messages: tuple[str, ...] = field(default=())
    # The engine's refusal of the period (dates outside the rate card…), by field.
    errors: dict[str, list[str]] = field(default_factory=dict)


class _Pricer:
    """Prices a mix for a number of airings, remembering what it priced."""

    def __init__(self, card: RateCardData, answers: Answers):
        self.card = card
        self.answers = answers
        self._seen: dict[tuple, Quote | None] = {}
        self.errors: dict[str, list[str]] = {}

    def request(self, mix: Mix, airings: int) -> QuoteRequest:
        return QuoteRequest(
            spot_length=mix.spot_length,
            start_date=self.answers.start_date,
            end_date=self.answers.end_date,
            lines=tuple(LineRequest(code, count) for code, count in split(airings, mix.weights)),
        )

    def quote(self, mix: Mix, airings: int) -> Quote | None:
        key = (mix, airings)
        if key not in self._seen:
            try:
                self._seen[key] = price(self.card, self.request(mix, airings))
            except PricingError as error:
                self._seen[key] = None
                self.errors = error.errors
        return self._seen[key]

    def ceiling(self, mix: Mix, budget: int | None) -> int:
        """No more airings than this can fit: each costs at least the mix's
        cheapest unit price less the largest volume discount (a franc of
        rounding per band aside)."""
        if budget is None:
            return MAX_TOTAL_AIRINGS
        cheapest = min(
            unit_price(self.card.band(item.band_code), mix.spot_length) for item in mix.weights
        )
        largest = max((tier.percent for tier in self.card.volume_tiers), default=0)
        floor = int(cheapest * (100 - largest) / 100)
        if floor <= 0:
            return MAX_TOTAL_AIRINGS
        return min(MAX_TOTAL_AIRINGS, (budget + len(mix.weights)) // floor + 1)

    def fit(self, mix: Mix, most: int, budget: int | None, below: int | None = None) -> int:
        """The largest number of airings ≤ `most` whose total is within the budget
        (and below `below` when given), 0 when none."""
        for airings in range(min(most, self.ceiling(mix, budget)), 0, -1):
            quote = self.quote(mix, airings)
            if quote is None:
                continue
            if budget is not None and quote.total > budget:
                continue
            if below is not None and quote.total >= below:
                continue
            return airings
        return 0


def _target(rule: RuleData, answers: Answers) -> int:
    wanted = (rule.airings_per_week * answers.days + 3) // 7
    return max(1, min(wanted, MAX_TOTAL_AIRINGS))


def _plan(pricer: _Pricer, mix: Mix, airings: int, kind: str, rule: RuleData) -> Plan | None:
    quote = pricer.quote(mix, airings)
    if quote is None:
        return None
    answers = pricer.answers
    reasons_by_band = {item.band_code: item.reason for item in mix.weights}
    lines = tuple(
        PlanLine(
            band_code=line.band,
            band_name=line.label,
            hours=line.hours,
            airings=line.airings,
            per_week=texts.per_week(line.airings, answers.days),
            reason=reasons_by_band.get(line.band) or pricer.card.band(line.band).teaching_text,
        )
        for line in quote.lines
    )
    return Plan(
        kind=kind,
        title=texts.plan_title(kind),
        request=pricer.request(mix, airings),
        quote=quote,
        lines=lines,
        reasons=texts.reasons(quote, rule, answers),
    )


def _alternatives(pricer, mix, airings, recommended, rule, budget):
    cheaper_count = pricer.fit(
        mix,
        min(airings - 1, airings * CHEAPER_SHARE[0] // CHEAPER_SHARE[1]),
        None,
        below=recommended.total,
    )
    cheaper = _plan(pricer, mix, cheaper_count, "cheaper", rule) if cheaper_count else None
    stronger_most = max(airings + 1, -(-airings * STRONGER_SHARE[0] // STRONGER_SHARE[1]))
    stronger_count = pricer.fit(mix, stronger_most, budget)
    stronger = None
    if stronger_count > airings:
        stronger = _plan(pricer, mix, stronger_count, "stronger", rule)
        if stronger is not None and stronger.total <= recommended.total:
            stronger = None
    messages = []
    if stronger is None:
        # The budget is spent: the same money on the most watched bands instead.
        focused = prime_mix(pricer.card, mix)
        if focused is not None:
            count = pricer.fit(focused, airings, budget)
            if count:
                candidate = _plan(pricer, focused, count, "focused", rule)
                if candidate is not None and candidate.request.lines != recommended.request.lines:
                    stronger = candidate
        if stronger is None:
            messages.append(texts.no_stronger(budget))
    return cheaper, stronger, messages


def advise(card: RateCardData, rule: RuleData, answers: Answers) -> Advice:
    """The recommendation for `answers`, with a cheaper and a stronger plan."""
    pricer = _Pricer(card, answers)
    budget = answers.budget
    target = _target(rule, answers)
    mix = rule_mix(card, rule.bands, rule.spot_length, answers.start_date, answers.end_date)
    if mix is None:
        return Advice(answers, None, None, None, False, target, messages=(texts.no_band(),))
    if pricer.quote(mix, 1) is None:  # the engine refuses the period itself
        return Advice(answers, None, None, None, False, target, errors=pricer.errors)
    needed = min(rule.min_airings, target)
    messages: list[str] = []
    chosen, airings, too_small = mix, pricer.fit(mix, target, budget), False
    if 0 < airings < target:
        messages.append(texts.budget_limits(airings, target))
    if airings < needed:
        too_small = True
        advised = pricer.quote(mix, needed)
        best = (airings, mix)
        for candidate in economy_mixes(card, mix, answers.start_date, answers.end_date):
            count = pricer.fit(candidate, target, budget)
            if count >= needed:
                best = (count, candidate)
                break
            if count > best[0]:
                best = (count, candidate)
        airings, chosen = best
        messages = [texts.budget_too_small(needed, advised.total if advised else None, airings)]
    if not airings:
        smallest = min(
            (
                quote.total
                for m in [mix, *economy_mixes(card, mix, answers.start_date, answers.end_date)]
                if (quote := pricer.quote(m, 1)) is not None
            ),
            default=None,
        )
        messages.append(texts.nothing_fits(budget, smallest))
        return Advice(answers, None, None, None, True, target, smallest, tuple(messages))
    recommended = _plan(pricer, chosen, airings, "recommended", rule)
    if recommended is None:  # the engine refused the period: the view shows its errors
        return Advice(answers, None, None, None, too_small, target, messages=tuple(messages))
    cheaper, stronger, more = _alternatives(pricer, chosen, airings, recommended, rule, budget)
    return Advice(
        answers=answers,
        recommended=recommended,
        cheaper=cheaper,
        stronger=stronger,
        budget_too_small=too_small,
        target_airings=target,
        messages=tuple(messages + more),
    )
