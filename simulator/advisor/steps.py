"""The advisor's four questions read from a query string: which screen to show,
the answers given so far, and the French message of the answer to correct.

Every answer travels in the query (`objective`, `audience`, `budget`,
`start_date` + `weeks` or `end_date`; for a dated event `event_date` +
`weeks`), so that each screen is an address. The screen shown is the first
question without a valid answer. Nothing here raises on hostile input: a value
that cannot be read is an error on its own screen."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from core.numbers import parse_int
from simulator.pricing import MAX_RANGE_DAYS

from .choices import (
    AUDIENCE_CHOICES,
    DEFAULT_WEEKS,
    EVENT,
    OBJECTIVE_CHOICES,
    WEEKS_CHOICES,
)

OBJECTIVE = "objective"
AUDIENCE = "audience"
BUDGET = "budget"
PERIOD = "period"
RESULT = "result"
STEPS = (OBJECTIVE, AUDIENCE, BUDGET, PERIOD)
UNKNOWN_BUDGET = "unknown"
# The parameters of each question, in the order they are written in links.
PARAMETERS = {
    OBJECTIVE: ("objective",),
    AUDIENCE: ("audience",),
    BUDGET: ("budget",),
    PERIOD: ("start_date", "end_date", "event_date", "weeks"),
}
# A budget above this is no budget a person meant (the slider stops at 20 M).
MAX_BUDGET = 1_000_000_000
# How far ahead a campaign may start: beyond, no rate card is published anyway.
MAX_DAYS_AHEAD = 3 * 366
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_CURRENCY = re.compile(r"(f\.?\s*cfa|xof|francs?|f)$", re.IGNORECASE)
_GROUPED = re.compile(r"[0-9]{1,3}([.,][0-9]{3})+")
_FRENCH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


@dataclass
class AdvisorState:
    """What the query says. `values` holds the accepted answers as they are
    written back into links and hidden fields; `errors` the French message of
    the question to correct, by field name."""

    step: str
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    objective: str | None = None
    audience: str | None = None
    budget: int | None = None
    budget_known: bool = False  # an amount, or “I don't know”
    start_date: date | None = None
    end_date: date | None = None
    event_date: date | None = None
    weeks: int = DEFAULT_WEEKS
    # What was typed, to fill the fields again when they are shown with an error.
    typed: dict[str, str] = field(default_factory=dict)

    @property
    def number(self) -> int:
        """1 to 4 for the questions, 5 for the result."""
        return STEPS.index(self.step) + 1 if self.step in STEPS else len(STEPS) + 1

    @property
    def is_event(self) -> bool:
        return self.objective == EVENT

    def query(self, *, without: tuple[str, ...] = ()) -> str:
        """The accepted answers as a query string, leaving out the questions
        in `without`."""
        dropped = {name for step in without for name in PARAMETERS[step]}
        return urlencode([(k, v) for k, v in self.values.items() if k not in dropped])

    def hidden(self, step: str) -> list[tuple[str, str]]:
        """The other questions' answers, carried by the form of `step` so that
        changing one answer keeps the rest."""
        own = set(PARAMETERS[step])
        return [(k, v) for k, v in self.values.items() if k not in own]


def next_monday(today: date) -> date:
    """The Monday after `today` (a week later when today is a Monday): where the
    advisor's period and a story's "similar campaign" start."""
    return today + timedelta(days=7 - today.weekday())


def parse_budget(raw: str) -> tuple[int | None, str | None]:
    """“1 500 000 FCFA” -> (1500000, None); (None, French message) when it
    cannot be read or is out of bounds."""
    text = _SPACES.sub("", raw or "")
    text = _CURRENCY.sub("", text)
    if _GROUPED.fullmatch(text):
        text = text.replace(".", "").replace(",", "")
    amount = parse_int(text, negative=True)
    if amount is None:
        return None, _("Enter the budget as a whole number of francs CFA, e.g. 1 500 000.")
    if amount <= 0:
        return None, _("The budget must be more than zero.")
    if amount > MAX_BUDGET:
        return None, _(
            "Above 1 billion FCFA, contact the commercial team: they will build the "
            "campaign with you."
        )
    return amount, None


def parse_date(raw: str) -> date | None:
    """YYYY-MM-DD (a date field) or DD/MM/YYYY (typed by hand); None otherwise."""
    text = (raw or "").strip()[:20]
    match = _FRENCH_DATE.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _first(query, name: str) -> str:
    values = query.getlist(name) if hasattr(query, "getlist") else [query.get(name, "")]
    return str(values[0]).strip()[:100] if values else ""


def _read_choice(query, state: AdvisorState, name: str, choices, message: str) -> bool:
    """A one-of-the-list answer (objective, audience): kept on `state` under
    its name when it is one of `choices`, else `message` on its question."""
    if name not in query:
        return False
    code = _first(query, name)
    if code not in dict(choices):
        state.errors[name] = message
        return False
    setattr(state, name, code)
    state.values[name] = code
    return True


def _read_budget(query, state: AdvisorState) -> bool:
    values = [str(value).strip() for value in query.getlist("budget")]
    if UNKNOWN_BUDGET in values:
        state.budget, state.budget_known = None, True
        state.values["budget"] = UNKNOWN_BUDGET
        return True
    raw = next((value for value in values if value), "")
    if not raw:
        raw = _first(query, "budget_slider")
    if not raw:
        if "budget" in query or "budget_slider" in query:
            state.errors["budget"] = _("Enter a budget, or choose “I don't know”.")
        return False
    state.typed["budget"] = raw[:40]
    amount, error = parse_budget(raw[:100])
    if error:
        state.errors["budget"] = error
        return False
    state.budget, state.budget_known = amount, True
    state.values["budget"] = str(amount)
    return True


def _read_weeks(query, state: AdvisorState) -> bool:
    if "weeks" not in query:
        return True
    weeks = parse_int(_first(query, "weeks"))
    if weeks not in WEEKS_CHOICES:
        state.errors["weeks"] = _("Choose one of the lengths offered.")
        return False
    state.weeks = weeks
    return True


def _later(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _read_event(query, state: AdvisorState, tomorrow: date) -> bool:
    if "event_date" not in query:
        return False
    raw = _first(query, "event_date")
    state.typed["event_date"] = raw[:20]
    weeks_ok = _read_weeks(query, state)
    event = parse_date(raw)
    if event is None:
        state.errors["event_date"] = _("Enter the date of the event, e.g. 15/03/2027.")
        return False
    if event < tomorrow:
        state.errors["event_date"] = _("The event must be tomorrow or later.")
        return False
    if (event - tomorrow).days > MAX_DAYS_AHEAD:
        state.errors["event_date"] = _("The event is too far ahead: contact the commercial team.")
        return False
    if not weeks_ok:
        return False
    state.event_date = state.end_date = event
    state.start_date = max(event - timedelta(days=state.weeks * 7 - 1), tomorrow)
    state.values.update(event_date=event.isoformat(), weeks=str(state.weeks))
    return True


def _read_dates(query, state: AdvisorState, tomorrow: date) -> bool:
    if "start_date" not in query:
        return False
    raw_start, raw_end = _first(query, "start_date"), _first(query, "end_date")
    state.typed.update(start_date=raw_start[:20], end_date=raw_end[:20])
    start = parse_date(raw_start)
    if start is None:
        state.errors["start_date"] = _("Enter the first day of the campaign, e.g. 02/03/2027.")
        return False
    if start < tomorrow:
        state.errors["start_date"] = _("The campaign can start tomorrow at the earliest.")
        return False
    if (start - tomorrow).days > MAX_DAYS_AHEAD:
        state.errors["start_date"] = _("This date is too far ahead: contact the commercial team.")
        return False
    if raw_end:
        end = parse_date(raw_end)
        if end is None:
            state.errors["end_date"] = _("Enter the last day of the campaign, e.g. 16/03/2027.")
            return False
        if end < start:
            state.errors["end_date"] = _("The last day must be on or after the first day.")
            return False
        if (end - start).days + 1 > MAX_RANGE_DAYS:
            state.errors["end_date"] = _("The period cannot exceed %(days)s days.") % {
                "days": MAX_RANGE_DAYS
            }
            return False
        state.start_date, state.end_date = start, end
        state.values.update(start_date=start.isoformat(), end_date=end.isoformat())
        return True
    if not _read_weeks(query, state):
        return False
    end = _later(start, state.weeks * 7 - 1)
    if end is None:
        state.errors["start_date"] = _("This date is too far ahead: contact the commercial team.")
        return False
    state.start_date, state.end_date = start, end
    state.values.update(start_date=start.isoformat(), weeks=str(state.weeks))
    return True


def check_card_period(state: AdvisorState, valid_from: date, valid_until: date | None) -> bool:
    """Whether the period falls within the rate card's validity (an error on
    the period screen otherwise)."""
    start, end = state.start_date, state.end_date
    if start is None or end is None:
        return False
    if start >= valid_from and (valid_until is None or end <= valid_until):
        return True
    if valid_until is not None:
        message = _(
            "Our current prices run from %(start)s to %(end)s: choose a period within these dates."
        ) % {"start": f"{valid_from:%d/%m/%Y}", "end": f"{valid_until:%d/%m/%Y}"}
    else:
        message = _("Our current prices apply from %(start)s: choose a later period.") % {
            "start": f"{valid_from:%d/%m/%Y}"
        }
    state.errors["event_date" if state.is_event else "start_date"] = message
    return False


def read_answers(query, *, today: date) -> AdvisorState:
    """The screen to show and the answers so far, from the GET parameters."""
    state = AdvisorState(step=OBJECTIVE)
    tomorrow = today + timedelta(days=1)
    readers = (
        (
            OBJECTIVE,
            lambda: _read_choice(
                query,
                state,
                "objective",
                OBJECTIVE_CHOICES,
                _("Choose one of the objectives below."),
            ),
        ),
        (
            AUDIENCE,
            lambda: _read_choice(
                query, state, "audience", AUDIENCE_CHOICES, _("Choose one of the audiences below.")
            ),
        ),
        (BUDGET, lambda: _read_budget(query, state)),
        (
            PERIOD,
            lambda: (
                _read_event(query, state, tomorrow)
                if state.is_event
                else _read_dates(query, state, tomorrow)
            ),
        ),
    )
    missing = None
    for step, read in readers:
        # Every answer is read (later ones are kept while an earlier one is
        # changed), but the screen is the first one not answered.
        if not read() and missing is None:
            missing = step
    state.step = missing or RESULT
    # Only the errors of the screen shown are shown.
    own = set(PARAMETERS.get(state.step, ()))
    state.errors = {k: v for k, v in state.errors.items() if k in own}
    return state
