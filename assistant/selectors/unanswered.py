"""“Questions sans réponse utile”: the questions answered with nothing, or whose
answer the asker found unhelpful, grouped by their analysed words (the same
words in any order, spelling, accents or synonyms make one group)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, OuterRef, Q, Subquery

from ..models import AnswerKind, Question


@dataclass(frozen=True)
class UnansweredGroup:
    signature: str
    example: str  # the latest wording asked
    count: int
    last_asked: datetime
    helpful_no: int  # how many said the answer did not help


def unanswered_questions():
    return Question.objects.filter(Q(answer_kind=AnswerKind.NONE) | Q(helpful=False))


def unanswered_groups(*, limit: int = 100) -> list[UnansweredGroup]:
    """Most asked first (then the latest asked); one query whatever the rows."""
    base = unanswered_questions()
    latest = (
        base.filter(signature=OuterRef("signature")).order_by("-asked_at", "-pk").values("text")[:1]
    )
    rows = (
        base.order_by()
        .values("signature")
        .annotate(
            count=Count("pk"),
            last_asked=Max("asked_at"),
            helpful_no=Count("pk", filter=Q(helpful=False)),
            example=Subquery(latest),
        )
        .order_by("-count", "-last_asked", "signature")[:limit]
    )
    return [
        UnansweredGroup(
            signature=row["signature"],
            example=row["example"] or "",
            count=row["count"],
            last_asked=row["last_asked"],
            helpful_no=row["helpful_no"],
        )
        for row in rows
    ]
