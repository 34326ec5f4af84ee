"""/aide/: the question form, the answer below it, "Cette réponse vous aide-t-elle ?"
and "Parler à l'équipe" as plain forms (no JavaScript needed), the FAQ and the
team's opening hours. Never kept by the page cache (its forms carry a CSRF token
and the answers belong to one visitor)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from conversations.exceptions import Throttled
from core.errors import DomainError

from .. import session
from ..forms import FeedbackForm, HandOffForm, QuestionForm
from ..models import QUESTION_MAX_LENGTH
from ..presenters import answer_payload
from ..selectors.help_page import faq_sections, opening_hours
from ..services.handoff import HandOffKind, hand_off, is_client
from . import common

TEMPLATE = "assistant/help_page.html"


def _render(request, *, status: int = 200, form=None, **extra) -> TemplateResponse:
    context = {
        "form": form or QuestionForm(),
        "faq_sections": faq_sections(request),
        "opening_hours": opening_hours(request),
        "question_max_length": QUESTION_MAX_LENGTH,
        "is_client": is_client(request.user),
        "hide_assistant_widget": True,  # the page is the assistant
        "meta_description": _(
            "Ask BF1 Pub's help assistant: prices from the rate card, spot formats, "
            "booking, broadcasting, certificates and invoices."
        ),
        **extra,
    }
    question_id = extra.get("question_id")
    if question_id and not context["is_client"]:
        context.update(common.visitor_destinations(request, question_id))
    return TemplateResponse(request, TEMPLATE, context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def help_page(request):
    if request.method == "GET":
        return _render(request)
    form = QuestionForm(request.POST)
    if not common.may_ask(request):
        form.is_valid()
        return _render(request, status=429, form=form, error=common.too_many_message())
    if not form.is_valid():
        return _render(request, status=400, form=form)
    text = form.cleaned_data["question"]
    answer, refusal = common.ask(request, text)
    if answer is None:
        form.add_error("question", refusal)
        return _render(request, status=400, form=form)
    return _render(
        request,
        form=QuestionForm(),
        answer=answer_payload(answer),
        question=text,
        question_id=answer.question_id,
    )


def _own_question_id(request, form_class) -> tuple[int, object]:
    """The question of the POST if this session asked it, else 404 (another
    visitor's question is never touched)."""
    form = form_class(request.POST)
    if not form.is_valid() or not session.owns(request, form.cleaned_data["question_id"]):
        raise Http404(_("This question was not asked from this browser."))
    return form.cleaned_data["question_id"], form


@never_cache
@require_POST
def feedback(request):
    question_id, form = _own_question_id(request, FeedbackForm)
    if not common.may_act(request):
        return _render(request, status=429, error=common.too_many_message())
    helpful = form.cleaned_data["helpful"]
    refusal = common.record_feedback(question_id, helpful)
    if refusal:
        return _render(request, status=404, error=refusal)
    return _render(
        request,
        feedback_given=True,
        helpful=helpful,
        question=session.question_text(request, question_id),
        question_id=question_id,
    )


@never_cache
@require_POST
def hand_off_view(request):
    question_id, _form = _own_question_id(request, HandOffForm)
    if not common.may_act(request):
        return _render(request, status=429, error=common.too_many_message())
    try:
        result = hand_off(
            user=request.user, question_id=question_id, exchanges=session.exchanges(request)
        )
    except DomainError as error:
        status = 429 if isinstance(error, Throttled) else 400
        return _render(request, status=status, error=error.message, question_id=question_id)
    if result.kind == HandOffKind.THREAD:
        return redirect(result.url)
    if result.kind == HandOffKind.STAFF:
        return _render(request, notice=result.message)
    destinations = common.visitor_destinations(request, question_id)
    if destinations["contact_url"]:
        return redirect(destinations["contact_url"])
    return _render(
        request,
        notice=_("Write to the team with the details below."),
        question_id=question_id,
        question=session.question_text(request, question_id),
        handed_off=True,
    )
