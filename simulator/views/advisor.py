"""The advisor page “Conseiller” on the server side: four questions, one GET
form per screen, then the recommendation of `simulator.advisor.plan.advise`
priced by the engine. `AdvisorPage.get_context` calls `advisor_context`.

Every answer is in the query string (`simulator.advisor.steps`): each screen is
an address, the page works without JavaScript, reads no session and sets no
cookie (the page without a query stays in the whole-page cache)."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import fcfa, percent_text

from .. import selectors
from ..advisor import choices
from ..advisor.plan import Advice, Answers, Plan, advise
from ..advisor.steps import (
    AUDIENCE,
    BUDGET,
    OBJECTIVE,
    PERIOD,
    RESULT,
    STEPS,
    UNKNOWN_BUDGET,
    AdvisorState,
    check_card_period,
    next_monday,
    read_answers,
)
from ..advisor_rules import rule_for
from ..pricing import PricingError, RateCardData
from ..query import BOOKING_PATH

logger = logging.getLogger(__name__)

CONTACT_PATH = "/contact/"


def step_titles() -> dict[str, str]:
    return {
        OBJECTIVE: _("What is your campaign for?"),
        AUDIENCE: _("Who do you want to reach?"),
        BUDGET: _("What is your budget?"),
        PERIOD: _("When should the campaign run?"),
    }


def step_explanations() -> dict[str, str]:
    return {
        OBJECTIVE: _("The objective sets the rhythm: often over weeks, or hard over a few days."),
        AUDIENCE: _("The audience picks the time bands: each one is watched by different people."),
        BUDGET: _(
            "All prices include VAT. We never go over your budget; "
            "without one, we advise what the objective needs."
        ),
        PERIOD: _("Airings are spread evenly over the period; the prices are those of these days."),
    }


def _day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def _url(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _budget_text(state: AdvisorState) -> str:
    if state.budget is None:
        return _("I don't know")
    return fcfa(state.budget)


def _period_text(state: AdvisorState) -> str:
    text = _("from %(start)s to %(end)s") % {
        "start": _day(state.start_date),
        "end": _day(state.end_date),
    }
    if state.is_event:
        return _("Event on %(day)s: %(period)s") % {"day": _day(state.event_date), "period": text}
    return text


def _summary(state: AdvisorState, path: str) -> list[dict]:
    """The answers given so far, each with a link to change it."""
    values = {
        OBJECTIVE: choices.objective_label(state.objective or ""),
        AUDIENCE: choices.audience_label(state.audience or ""),
        BUDGET: _budget_text(state) if state.budget_known else "",
        PERIOD: _period_text(state) if state.start_date and state.end_date else "",
    }
    labels = {
        OBJECTIVE: _("Objective"),
        AUDIENCE: _("Audience"),
        BUDGET: _("Budget"),
        PERIOD: _("Period"),
    }
    return [
        {
            "step": step,
            "label": labels[step],
            "value": values[step],
            "edit_url": _url(path, state.query(without=(step,))),
        }
        for step in STEPS
        if values[step] and step != state.step
    ]


def _back_url(state: AdvisorState, path: str) -> str | None:
    """The previous screen: the answers before it, its own dropped."""
    if state.number <= 1:
        return None
    previous = STEPS.index(PERIOD) if state.step == RESULT else STEPS.index(state.step) - 1
    return _url(path, state.query(without=STEPS[previous:]))


def _radio_options(options, helps, chosen: str | None) -> list[dict]:
    return [
        {"value": code, "label": label, "help": helps.get(code, ""), "checked": code == chosen}
        for code, label in options
    ]


def _budget_screen(state: AdvisorState, path: str) -> dict:
    value = state.budget if state.budget else choices.BUDGET_PRESETS[1]
    slider = min(max(value, choices.BUDGET_MIN), choices.BUDGET_MAX)
    slider -= (slider - choices.BUDGET_MIN) % choices.BUDGET_STEP
    base = state.query(without=(BUDGET,))
    return {
        "min": choices.BUDGET_MIN,
        "max": choices.BUDGET_MAX,
        "step": choices.BUDGET_STEP,
        "slider": slider,
        "text": state.typed.get("budget") or (str(state.budget) if state.budget else ""),
        "unknown": UNKNOWN_BUDGET,
        "presets": [
            {
                "value": amount,
                "text": fcfa(amount),
                "url": _url(path, f"{base}&budget={amount}" if base else f"budget={amount}"),
            }
            for amount in choices.BUDGET_PRESETS
        ],
    }


def _period_screen(state: AdvisorState, card: RateCardData, today: date) -> dict:
    tomorrow = today + timedelta(days=1)
    earliest = max(tomorrow, card.valid_from)
    start = max(next_monday(today), card.valid_from)
    if card.valid_until is not None and start > card.valid_until:
        start = earliest
    typed = state.typed
    return {
        "is_event": state.is_event,
        "min": earliest.isoformat(),
        "max": card.valid_until.isoformat() if card.valid_until else "",
        "start_date": typed.get("start_date") or start.isoformat(),
        "end_date": typed.get("end_date", ""),
        "event_date": typed.get("event_date", ""),
        "weeks": [
            {"value": weeks, "checked": weeks == state.weeks} for weeks in choices.WEEKS_CHOICES
        ],
        "card_name": card.name,
        "valid_from": _day(card.valid_from),
        "valid_until": _day(card.valid_until) if card.valid_until else "",
    }


def booking_url(plan: Plan, objective: str, audience: str = "") -> str:
    """The booking wizard with the plan's airtime, and the objective and audience
    for its first step (the wizard translates the objective into its own)."""
    answers = urlencode({"objective": objective, "audience": audience})
    return f"{BOOKING_PATH}?{plan.query}&{answers}"


def _plan_view(plan: Plan | None, state: AdvisorState, simulator_url: str | None) -> dict | None:
    if plan is None:
        return None
    quote = plan.quote
    return {
        "kind": plan.kind,
        "title": plan.title,
        "spot_length": quote.spot_length,
        "airings": quote.airings,
        "lines": plan.lines,
        "reasons": plan.reasons,
        "total": quote.total,
        "total_text": fcfa(quote.total),
        "subtotal_text": fcfa(quote.subtotal_incl_vat),
        "discount_percent": percent_text(quote.discount_percent) if quote.discount else "",
        "discount_text": fcfa(quote.subtotal_incl_vat - quote.total) if quote.discount else "",
        "vat_text": fcfa(quote.vat),
        "vat_rate": percent_text(quote.vat_rate),
        "book_url": booking_url(plan, state.objective or "", state.audience or ""),
        "simulate_url": _url(simulator_url, plan.query) if simulator_url else "",
    }


def _simulator_url(request) -> str | None:
    from ..models import SimulatorPage

    page = SimulatorPage.objects.live().public().first()
    return page.get_url(request) if page is not None else None


def _period_errors(state: AdvisorState, errors: dict[str, list[str]]) -> None:
    """The engine's refusal of the period, shown on the period screen."""
    messages = [message for field_errors in errors.values() for message in field_errors]
    key = "event_date" if state.is_event else "start_date"
    state.errors[key] = " ".join(messages) or _("These dates cannot be priced: choose others.")
    state.step = PERIOD


def _advice(state: AdvisorState, card: RateCardData) -> Advice | None:
    if not check_card_period(state, card.valid_from, card.valid_until):
        state.step = PERIOD
        return None
    answers = Answers(
        objective=state.objective,
        audience=state.audience,
        budget=state.budget,
        start_date=state.start_date,
        end_date=state.end_date,
    )
    try:
        advice = advise(card, rule_for(state.objective, state.audience), answers)
    except PricingError as error:
        _period_errors(state, error.errors)
        return None
    except (ValueError, OverflowError):  # never a server error for a visitor's answers
        logger.exception("advisor: no advice for %r", answers)
        _period_errors(state, {})
        return None
    if advice.errors:
        _period_errors(state, advice.errors)
        return None
    return advice


def _result(advice: Advice, state: AdvisorState, request) -> dict:
    simulator_url = _simulator_url(request)
    return {
        "recommended": _plan_view(advice.recommended, state, simulator_url),
        "alternatives": [
            plan
            for plan in (
                _plan_view(advice.cheaper, state, simulator_url),
                _plan_view(advice.stronger, state, simulator_url),
            )
            if plan is not None
        ],
        "messages": advice.messages,
        "budget_too_small": advice.budget_too_small,
        "smallest_total_text": fcfa(advice.smallest_total) if advice.smallest_total else "",
        "simulator_url": simulator_url or "",
        "contact_url": CONTACT_PATH,
        "period": _period_text(state),
        "days": (state.end_date - state.start_date).days + 1,
        "budget": _budget_text(state),
    }


def advisor_context(request, page) -> dict:
    """What templates/simulator/advisor_page.html needs (`advisor` is None when
    no rate card is published for today)."""
    card = selectors.current_pricing_data()
    if card is None:
        return {"advisor": None}
    today = timezone.localdate()
    state = read_answers(request.GET, today=today)
    advice = _advice(state, card) if state.step == RESULT else None
    path = request.path
    context = {
        "step": state.step,
        "number": min(state.number, len(STEPS)),
        "total_steps": len(STEPS),
        "is_result": state.step == RESULT,
        "title": step_titles().get(state.step, ""),
        "explanation": step_explanations().get(state.step, ""),
        "errors": state.errors,
        "hidden": state.hidden(state.step) if state.step in STEPS else [],
        "summary": _summary(state, path),
        "back_url": _back_url(state, path),
        "restart_url": path,
        "action": path,
    }
    if state.step == OBJECTIVE:
        context["options"] = _radio_options(
            choices.OBJECTIVE_CHOICES, choices.OBJECTIVE_HELP, state.objective
        )
    elif state.step == AUDIENCE:
        context["options"] = _radio_options(
            choices.AUDIENCE_CHOICES, choices.AUDIENCE_HELP, state.audience
        )
    elif state.step == BUDGET:
        context["budget"] = _budget_screen(state, path)
    elif state.step == PERIOD:
        context["period"] = _period_screen(state, card, today)
    elif advice is not None:
        context["result"] = _result(advice, state, request)
    return {"advisor": context}
