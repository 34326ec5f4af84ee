"""What the page and the widget's endpoints share: the engine's calls, the
per-address budget of questions, and the hand-off's destinations."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.throttle import allow

from .. import session
from ..answers import Answer
from ..presenters import answer_text
from ..selectors.help_page import contact_url, whatsapp_url
from ..services import answering
from ..services import questions as question_services

QUESTION_SCOPE = "assistant"
ACTION_SCOPE = "assistant-actions"
ACTIONS_PER_MINUTE = 60


def questions_per_minute() -> int:
    return int(getattr(settings, "ASSISTANT_QUESTIONS_PER_MINUTE", 20))


def may_ask(request) -> bool:
    """Count one question of this address (20 a minute by default)."""
    return allow(request, scope=QUESTION_SCOPE, per_minute=questions_per_minute())


def may_act(request) -> bool:
    """Count one feedback or hand-off of this address."""
    return allow(request, scope=ACTION_SCOPE, per_minute=ACTIONS_PER_MINUTE)


def too_many_message() -> str:
    return _("Too many questions in a short time: wait a minute before asking again.")


def ask(request, text: str) -> tuple[Answer | None, str]:
    """(answer, "") or (None, the French reason the question was refused). The
    question's id is remembered in the session with a plain-text transcript."""
    user = request.user if request.user.is_authenticated else None
    try:
        answer = answering.answer_question(text=text, user=user)
    except answering.QuestionError as error:
        return None, str(getattr(error, "message", error))
    session.remember(
        request, question_id=answer.question_id, question=text, answer=answer_text(answer)
    )
    return answer, ""


def record_feedback(question_id: int, helpful: bool) -> str:
    """An empty string once recorded, else the French reason (question deleted)."""
    try:
        question_services.record_feedback(question_id=question_id, helpful=helpful)
    except DomainError as error:
        return error.message
    return ""


def visitor_destinations(request, question_id: int) -> dict:
    """Where a visitor talks to the team about `question_id`: the contact form and
    WhatsApp, both pre-filled with the question."""
    question = session.question_text(request, question_id)
    return {
        "contact_url": contact_url(request, question=question),
        "whatsapp_url": whatsapp_url(request, question=question),
    }
