"""The advisor's sentences: why a plan is what it is, and what the budget allows.
French through gettext, figures with French typography (core.money.fcfa)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.money import fcfa, percent_text
from simulator.pricing import Quote


def per_week(airings: int, days: int) -> str:
    """Airings a week over the period, one decimal, French comma ("3,5"); empty
    when the period is shorter than a week."""
    if days < 7:
        return ""
    value = (Decimal(airings) * 7 / Decimal(days)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{value.normalize():f}".replace(".", ",")


def plan_title(kind: str) -> str:
    return {
        "recommended": _("Our recommendation"),
        "cheaper": _("More economical"),
        "stronger": _("Stronger"),
        "focused": _("More impact, same budget"),
    }.get(kind, "")


def _day(value) -> str:
    return f"{value:%d/%m/%Y}"


def reasons(quote: Quote, rule, answers) -> tuple[str, ...]:
    sentences = [
        rule.explanation
        or _(
            "A spot of %(length)s s: long enough for a clear message, short enough to be repeated."
        )
        % {"length": quote.spot_length}
    ]
    rhythm = ngettext(
        "%(airings)s airing from %(start)s to %(end)s.",
        "%(airings)s airings from %(start)s to %(end)s, spread evenly over the days.",
        quote.airings,
    ) % {"airings": quote.airings, "start": _day(answers.start_date), "end": _day(answers.end_date)}
    weekly = per_week(quote.airings, answers.days)
    if weekly:
        rhythm += " " + _("About %(count)s a week.") % {"count": weekly}
    sentences.append(rhythm)
    if quote.discount_percent:
        sentences.append(
            _("From %(airings)s airings the rate card gives %(percent)s off: %(amount)s less.")
            % {
                "airings": quote.discount_min_airings,
                "percent": percent_text(quote.discount_percent),
                "amount": fcfa(quote.subtotal_incl_vat - quote.total),
            }
        )
    if answers.budget is not None:
        sentences.append(
            _("It leaves %(left)s of your budget of %(budget)s.")
            % {"left": fcfa(answers.budget - quote.total), "budget": fcfa(answers.budget)}
        )
    return tuple(sentences)


def budget_limits(airings: int, target: int) -> str:
    return _(
        "Your budget allows %(airings)s airings where this objective would ideally have "
        "%(target)s: the recommendation stays within it."
    ) % {"airings": airings, "target": target}


def budget_too_small(needed: int, advised_total: int | None, airings: int) -> str:
    advice = (
        _("For this objective we advise at least %(needed)s airings (%(total)s).")
        % {"needed": needed, "total": fcfa(advised_total)}
        if advised_total is not None
        else _("For this objective we advise at least %(needed)s airings.") % {"needed": needed}
    )
    if not airings:
        return _("Your budget is too small for this objective.") + " " + advice
    return (
        _("Your budget is too small for this objective.")
        + " "
        + advice
        + " "
        + _("Here is the nearest campaign that fits in your budget.")
    )


def nothing_fits(budget: int | None, smallest: int | None) -> str:
    if smallest is None:
        return _("No campaign can be priced for this period.")
    return _(
        "Not even one airing fits in %(budget)s: the smallest campaign costs %(smallest)s."
    ) % {"budget": fcfa(budget or 0), "smallest": fcfa(smallest)}


def no_stronger(budget: int | None) -> str:
    if budget is None:
        return _("No stronger campaign can be proposed for this period.")
    return _("The recommendation already uses your budget: no stronger campaign fits in it.")


def no_band() -> str:
    return _("No time band of the rate card airs during this period.")
