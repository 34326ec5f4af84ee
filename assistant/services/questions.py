"""The questions asked: recorded with their kind of answer and the sources
shown, the account id only (no address, no name), and the asker's feedback."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError

from ..answers import Answer
from ..models import QUESTION_MAX_LENGTH, Question


class QuestionError(DomainError):
    """A question the assistant refuses (empty, too long) or one that no longer exists."""


@transaction.atomic
def record_question(*, text: str, signature: str, user, answer: Answer) -> Question:
    sources = [hit.source_key for hit in answer.passages]
    if answer.price is not None:
        sources.append(f"price:{answer.price.band_code}")
    return Question.objects.create(
        text=text[:QUESTION_MAX_LENGTH],
        signature=signature[: Question._meta.get_field("signature").max_length],
        user=user if user is not None and user.is_authenticated else None,
        answer_kind=answer.kind,
        sources=sources,
    )


def _update(question_id: int, **fields) -> None:
    if not Question.objects.filter(pk=question_id).update(**fields):
        raise QuestionError(_("This question is no longer known. Ask it again."))


@transaction.atomic
def record_feedback(*, question_id: int, helpful: bool) -> None:
    """“Cette réponse vous aide-t-elle ?”: yes or no (the last click counts)."""
    _update(question_id, helpful=bool(helpful))


@transaction.atomic
def mark_handed_off(*, question_id: int) -> None:
    """The asker chose to talk to the team after this answer."""
    _update(question_id, handed_off=True)
