"""The widget's JSON endpoints (POST only, JSON bodies, French messages):

- /aide/api/question/ {"question"} -> the answer (presenters.answer_payload);
- /aide/api/feedback/ {"question_id", "helpful"} -> {"message"};
- /aide/api/hand-off/ {"question_id"} -> {"kind", "url", "message", "whatsapp_url"}.

No CSRF token (the widget sits on cached public pages, which carry none): a
request must be JSON (which another site's form cannot send without a CORS
preflight this site never grants) and, when the browser says where it comes
from (Origin, Sec-Fetch-Site), come from this site. docs/decisions/0020-assistant-widget-csrf.md."""

from __future__ import annotations

import json
from functools import wraps
from urllib.parse import urlparse

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from conversations.exceptions import Throttled
from core.errors import DomainError

from .. import session
from ..forms import too_long_message
from ..models import QUESTION_MAX_LENGTH
from ..presenters import answer_payload
from ..services.handoff import HandOffKind, hand_off
from . import common

RETRY_AFTER_SECONDS = 60


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message: str, status: int = 400, **extra) -> JsonResponse:
    response = _json({"error": str(message), **extra}, status=status)
    if status == 429:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def same_origin(request) -> bool:
    """False when the browser says the request comes from another site."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin", "")
    if origin and origin != "null":
        return urlparse(origin).netloc == request.get_host()
    return origin != "null"


def widget_endpoint(view):
    """POST, same origin, a JSON object body: else a JSON French refusal."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            response = _error(_("This address only accepts POST requests."), status=405)
            response["Allow"] = "POST"
            return response
        if not same_origin(request):
            return _error(_("This address only answers the site's own pages."), status=403)
        if request.content_type != "application/json":
            return _error(_("Send the question as JSON."), status=415)
        try:
            payload = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            payload = None
        if not isinstance(payload, dict):
            return _error(_("The request must be a JSON object."))
        return view(request, payload, *args, **kwargs)

    return csrf_exempt(never_cache(wrapper))


def _own_question_id(request, payload) -> int | None:
    value = payload.get("question_id")
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if session.owns(request, value) else None


def _not_yours() -> JsonResponse:
    return _error(_("This question was not asked from this browser."), status=404)


@widget_endpoint
def question(request, payload):
    if not common.may_ask(request):
        return _error(common.too_many_message(), status=429)
    text = payload.get("question")
    if not isinstance(text, str) or not text.strip():
        return _error(_("Write your question."))
    text = text.strip()
    if len(text) > QUESTION_MAX_LENGTH:
        return _error(too_long_message(len(text)), code="too_long")
    answer, refusal = common.ask(request, text)
    if answer is None:
        return _error(refusal)
    return _json(answer_payload(answer))


@widget_endpoint
def feedback(request, payload):
    question_id = _own_question_id(request, payload)
    if question_id is None:
        return _not_yours()
    helpful = payload.get("helpful")
    if not isinstance(helpful, bool):
        return _error(_("Say whether the answer helped (yes or no)."))
    if not common.may_act(request):
        return _error(common.too_many_message(), status=429)
    refusal = common.record_feedback(question_id, helpful)
    if refusal:
        return _error(refusal, status=404)
    if helpful:
        return _json({"message": _("Thank you for your answer.")})
    return _json(
        {"message": _("Thank you. Sorry this answer did not help: the team can answer you.")}
    )


@widget_endpoint
def hand_off_api(request, payload):
    question_id = _own_question_id(request, payload)
    if question_id is None:
        return _not_yours()
    if not common.may_act(request):
        return _error(common.too_many_message(), status=429)
    try:
        result = hand_off(
            user=request.user, question_id=question_id, exchanges=session.exchanges(request)
        )
    except DomainError as error:
        return _error(error.message, status=429 if isinstance(error, Throttled) else 400)
    if result.kind == HandOffKind.THREAD:
        return _json({"kind": result.kind, "url": result.url, "message": ""})
    if result.kind == HandOffKind.STAFF:
        return _json({"kind": result.kind, "url": "", "message": result.message})
    destinations = common.visitor_destinations(request, question_id)
    return _json(
        {
            "kind": result.kind,
            "url": destinations["contact_url"],
            "whatsapp_url": destinations["whatsapp_url"],
            "message": _("Write to the team: your question is already in the form."),
        }
    )
