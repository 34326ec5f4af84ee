"""The requester's side of the editorial desk: the public coverage request form
(`/coverage/request/`, 4 steps, an account is optional) and the requester's
space (`/coverage/`, `/coverage/<uuid>/`).

The answers of steps 1-3 live in the session until the last step, which takes
the attachments and the confirmation and creates everything at once
(`editorial.services.intake.create_request`): no row exists before."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateparse, formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import add_domain_errors
from core.numbers import parse_int
from core.throttle import client_address, hits, record_hit

from ..exceptions import EditorialError
from ..forms import (
    AttachmentsForm,
    ContactsForm,
    CoverageForm,
    EventForm,
    RequestFilterForm,
)
from ..models import CoverageStatus, CoverageType, EventType, Urgency
from ..selectors import requester as selectors
from ..services import intake, intake_rules

STEPS = (
    (1, gettext_noop("Event")),
    (2, gettext_noop("Contacts")),
    (3, gettext_noop("Coverage")),
    (4, gettext_noop("Attachments and confirmation")),
)
STEP_KEYS = {
    1: intake_rules.EVENT_KEYS,
    2: intake_rules.CONTACT_KEYS,
    3: intake_rules.COVERAGE_KEYS,
}
SESSION_KEY = "editorial:coverage_request"
SENT_KEY = "editorial:coverage_sent"
THROTTLE_SCOPE = "coverage-request"
PAGE_SIZE = 20


def requests_per_hour() -> int:
    """Requests one address may send in an hour (0: no limit)."""
    return getattr(settings, "COVERAGE_REQUESTS_PER_HOUR", 10)


# --- The answers kept in the session ---------------------------------------------------


def _state(request) -> dict:
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict):
        state = {}
    state.setdefault("answers", {})
    state.setdefault("done", [])
    return state


def _save_state(request, state: dict) -> None:
    request.session[SESSION_KEY] = state
    request.session.modified = True


def _answers(state: dict, step: int) -> dict:
    answers = state["answers"].get(str(step))
    return answers if isinstance(answers, dict) else {}


def _all_answers(state: dict) -> dict:
    data = {}
    for step in (1, 2, 3):
        data.update({key: _answers(state, step).get(key, "") for key in STEP_KEYS[step]})
    return data


def _first_missing(state: dict) -> int:
    """The first of steps 1-3 not completed yet (4 when all are)."""
    for step in (1, 2, 3):
        if step not in state["done"]:
            return step
    return 4


def _mark(state: dict, step: int, done: bool) -> None:
    state["done"] = sorted({s for s in state["done"] if s != step} | ({step} if done else set()))


def _step(request) -> int:
    raw = request.POST.get("step") if request.method == "POST" else None
    raw = raw or request.GET.get("step", "1")
    return parse_int(raw, minimum=1, maximum=4) or 1


def _step_url(step: int) -> str:
    return f"{reverse('editorial:request_create')}?step={step}"


def _event_for_checks(state: dict) -> dict | None:
    """Step 1's answers read back, for the checks of step 3 (None when they
    no longer hold: the last step says so)."""
    try:
        return intake_rules.clean_event(_answers(state, 1))
    except EditorialError:
        return None


def _form(step: int, request, state: dict, *, bound: bool):
    """The form of a step: bound to what was sent (POST), or to the answers kept
    when they were left unchecked (back), or showing them (or the user's own
    details at step 2)."""
    kwargs = {"event": _event_for_checks(state)} if step == 3 else {}
    form_class = {1: EventForm, 2: ContactsForm, 3: CoverageForm}[step]
    if bound:
        return form_class(request.POST, **kwargs)
    answers = _answers(state, step)
    if answers and step not in state["done"]:
        return form_class(answers, **kwargs)
    if not answers and step == 2:
        return form_class(initial=ContactsForm.initial_for(request.user), **kwargs)
    return form_class(initial=answers, **kwargs)


# --- What the pages show ---------------------------------------------------------------


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else (value or "—")


def _day(value) -> str:
    """An ISO date of the session written the French way (as typed otherwise)."""
    try:
        day = dateparse.parse_date(value or "")
    except ValueError:
        day = None
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else (value or "—")


def _summary(state: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """The answers of steps 1-3 to read again before sending: (step title,
    [(label, value)...])."""
    event, contacts, coverage = (_answers(state, step) for step in (1, 2, 3))
    event_type = _label(EventType, event.get("event_type"))
    if event.get("event_type") == EventType.OTHER and event.get("event_type_other"):
        event_type = f"{event_type} : {event['event_type_other']}"
    return [
        (
            _("Event"),
            [
                (_("Event title"), event.get("event_title", "")),
                (_("Event type"), event_type),
                (_("Date"), _day(event.get("event_date"))),
                (
                    _("Time"),
                    f"{event.get('start_time', '')} – {event.get('end_time', '')}",
                ),
                (_("Address"), event.get("address", "")),
                (_("Meeting point for the crew"), event.get("meeting_point", "") or "—"),
                (_("Description"), event.get("description", "") or "—"),
            ],
        ),
        (
            _("Contacts"),
            [
                (_("Contact name"), contacts.get("contact_name", "")),
                (_("Phone"), contacts.get("contact_phone", "")),
                (_("E-mail"), contacts.get("contact_email", "")),
                (_("Other contacts"), contacts.get("other_contacts", "") or "—"),
            ],
        ),
        (
            _("Coverage"),
            [
                (_("Coverage wished"), _label(CoverageType, coverage.get("coverage_type"))),
                (_("Urgency"), _label(Urgency, coverage.get("urgency"))),
                (_("Answer wished by"), _day(coverage.get("answer_wished_by"))),
                (_("Objective"), coverage.get("objective", "") or "—"),
            ],
        ),
    ]


def _offer(state: dict, form=None):
    """The offer of the rate card matching the answers (those being typed at
    step 3 when the form was sent)."""
    event_type = _answers(state, 1).get("event_type", "")
    coverage_type = _answers(state, 3).get("coverage_type", "")
    if form is not None and form.is_bound and isinstance(form, CoverageForm):
        coverage_type = form.data.get("coverage_type", coverage_type)
    if not event_type or not coverage_type:
        return None
    return selectors.matching_offer(event_type=event_type, coverage_type=coverage_type)


def _render(request, state: dict, step: int, form, *, status: int = 200):
    context = {
        "step": step,
        "steps": [(number, _(label)) for number, label in STEPS],
        "done": state["done"],
        "reachable": _first_missing(state),
        "form": form,
        "offer": _offer(state, form) if step >= 3 else None,
        "summary": _summary(state) if step == 4 else None,
    }
    return render(request, "editorial/public/request_form.html", context, status=status)


# --- The form --------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def request_create(request):
    """The 4 steps of a coverage request; `?step=N` opens a step already
    reached, "back" keeps what was typed."""
    state = _state(request)
    step = _step(request)
    if step > _first_missing(state):
        return redirect(_step_url(_first_missing(state)))
    if request.method != "POST":
        if step == 4:
            return _render(request, state, 4, AttachmentsForm())
        return _render(request, state, step, _form(step, request, state, bound=False))

    going_back = request.POST.get("action") == "back"
    if step == 4:
        if going_back:
            return redirect(_step_url(3))
        return _submit(request, state)

    form = _form(step, request, state, bound=True)
    valid = form.is_valid()
    if valid:
        state["answers"][str(step)] = form.session_data()
    elif going_back:
        # Keep what was typed, as typed: the step shows its errors when reopened.
        state["answers"][str(step)] = {
            name: request.POST.get(name, "") for name in form.fields if name in request.POST
        }
    _mark(state, step, valid)
    _save_state(request, state)
    if going_back:
        return redirect(_step_url(max(step - 1, 1)))
    if not valid:
        return _render(request, state, step, form)
    return redirect(_step_url(step + 1))


def _submit(request, state: dict):
    """Step 4: create the request from the session's answers, the files and the
    confirmation; a rule broken at an earlier step sends the user back to it."""
    form = AttachmentsForm(request.POST, request.FILES)
    address = client_address(request)
    limit = requests_per_hour()
    if limit > 0 and hits(address, scope=THROTTLE_SCOPE, window=3600) >= limit:
        form.is_valid()
        form.add_error(
            None,
            _("Too many requests were sent from your connection: try again in an hour."),
        )
        return _render(request, state, 4, form, status=429)
    form.is_valid()  # the files and the checkbox are checked by the service
    data = {
        **_all_answers(state),
        "confirmed": bool(form.cleaned_data.get("confirmed")),
    }
    user = request.user if request.user.is_authenticated else None
    try:
        coverage = intake.create_request(
            data=data, files=form.cleaned_data.get("attachments") or [], user=user
        )
    except EditorialError as error:
        earlier = [
            step for step in (1, 2, 3) if any(key in error.field_errors for key in STEP_KEYS[step])
        ]
        if earlier:
            for step in earlier:
                _mark(state, step, False)
            _save_state(request, state)
            messages.error(
                request,
                _("Some answers no longer hold: correct them, then send the request again."),
            )
            return redirect(_step_url(earlier[0]))
        add_domain_errors(form, error)
        return _render(request, state, 4, form)

    record_hit(address, scope=THROTTLE_SCOPE, window=3600)
    request.session.pop(SESSION_KEY, None)
    request.session[SENT_KEY] = {"reference": coverage.reference, "email": coverage.contact_email}
    if user is not None:
        messages.success(
            request,
            _("Your request %(reference)s has been sent: we will answer you soon.")
            % {"reference": coverage.reference},
        )
        return redirect(coverage.get_absolute_url())
    return redirect("editorial:request_sent")


@never_cache
@require_GET
def request_sent(request):
    """The reference of the request just sent (kept in the session)."""
    sent = request.session.get(SENT_KEY)
    if not isinstance(sent, dict) or not sent.get("reference"):
        return redirect("editorial:request_create")
    return render(
        request,
        "editorial/public/request_sent.html",
        {"reference": sent["reference"], "email": sent.get("email", "")},
    )


# --- The requester's space -------------------------------------------------------------


@never_cache
@require_GET
def request_list(request):
    """The signed-in user's requests (their own, and their company's), with
    filters and pages."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = RequestFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    requests = selectors.requests_for_user(
        request.user, status=filters.get("status") or None, search=filters.get("q") or ""
    )
    page_obj = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "editorial/public/request_list.html",
        {
            "filter_form": form,
            "filtered": any(filters.get(key) for key in ("status", "q")),
            "page_obj": page_obj,
            "coverage_requests": page_obj.object_list,
        },
    )


def _timeline(coverage) -> list[dict]:
    return [
        {
            "at": event.created_at,
            "status": event.to_status,
            "label": _label(CoverageStatus, event.to_status),
            "note": event.note,
        }
        for event in coverage.events.all()
    ]


@never_cache
@require_GET
def request_detail(request, uuid):
    """One of the user's requests: the event, the coverage, its history, its
    attachments and, once covered, the content delivered. 404 for others."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    coverage = selectors.request_for_user(request.user, uuid)
    delivered = coverage.status in selectors.DELIVERED_STATUSES
    return render(
        request,
        "editorial/public/request_detail.html",
        {
            "coverage": coverage,
            "timeline": _timeline(coverage),
            "attachments": list(coverage.attachments.all()),
            "deliveries": list(coverage.deliveries.all()) if delivered else [],
            "delivered": delivered,
        },
    )
