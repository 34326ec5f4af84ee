"""“Questions sans réponse utile”: answered with nothing or marked unhelpful,
grouped by their analysed words, most asked first, in one query."""

from __future__ import annotations

import pytest
from django.utils import timezone

from assistant.models import AnswerKind, Question
from assistant.selectors.unanswered import unanswered_groups
from assistant.services.answering import answer_question
from assistant.services.questions import record_feedback

pytestmark = pytest.mark.django_db


def test_questions_are_grouped_by_their_words(indexed, time_machine):
    for text in ["Tarif bissap ?", "bissap tarifs", "BISSAP TARIF"]:
        answer_question(text=text)
        time_machine.shift(60)
    answer_question(text="xyzzy plugh")
    helped = answer_question(text="format vidéo")
    not_helped = answer_question(text="format vidéo")
    record_feedback(question_id=helped.question_id, helpful=True)
    record_feedback(question_id=not_helped.question_id, helpful=False)

    groups = unanswered_groups()
    assert [group.count for group in groups] == [3, 1, 1]
    first = groups[0]
    assert first.example == "BISSAP TARIF"  # the latest wording
    assert first.helpful_no == 0
    assert first.last_asked == Question.objects.get(text="BISSAP TARIF").asked_at
    video = next(group for group in groups if group.example == "format vidéo")
    assert video.helpful_no == 1


def test_the_query_count_does_not_grow_with_the_rows(django_assert_num_queries):
    now = timezone.now()
    for number in range(30):
        Question.objects.create(
            text=f"question {number % 7}",
            signature=f"question {number % 7}",
            answer_kind=AnswerKind.NONE,
        )
    with django_assert_num_queries(1):
        groups = unanswered_groups(limit=5)
    assert len(groups) == 5 and groups[0].count == 5
    assert all(group.last_asked <= timezone.now() and group.last_asked >= now for group in groups)
