"""`answer_question`: refused only when empty or too long, never an error for
odd text; the question recorded with the account id only; the feedback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.models import QUESTION_MAX_LENGTH, AnswerKind, Question
from assistant.services.answering import QuestionError, answer_question, clean_question
from assistant.services.questions import mark_handed_off, record_feedback
from core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", None])
def test_an_empty_question_is_refused_in_french(text):
    with pytest.raises(QuestionError) as error:
        answer_question(text=text)
    assert isinstance(error.value, DomainError)
    assert error.value.message == "Saisissez votre question."
    assert not Question.objects.exists()


def test_a_question_over_500_characters_is_refused():
    answer_question(text="a" * QUESTION_MAX_LENGTH)
    with pytest.raises(QuestionError) as error:
        answer_question(text="a" * (QUESTION_MAX_LENGTH + 1))
    assert "500" in error.value.message
    assert Question.objects.count() == 1


def test_control_characters_and_surrogates_are_dropped():
    assert clean_question("  a\x00b\ud800c \n d  ") == "abc d"


def test_a_visitor_question_is_recorded_without_personal_data(indexed):
    answer = answer_question(text="  format vidéo mp4  ")
    question = Question.objects.get(pk=answer.question_id)
    assert question.text == "format vidéo mp4"
    assert question.user is None
    assert question.answer_kind == answer.kind
    assert question.sources == [hit.source_key for hit in answer.passages]
    assert question.signature


def test_an_account_is_recorded_by_its_id(advertiser_a, indexed):
    answer = answer_question(text="prix spot 30s à 20h", user=advertiser_a)
    question = Question.objects.get(pk=answer.question_id)
    assert question.user == advertiser_a
    assert question.answer_kind == AnswerKind.PRICE
    assert question.sources == ["price:prime-time"]


def test_record_false_stores_nothing(indexed):
    answer = answer_question(text="format vidéo", record=False)
    assert answer.question_id is None
    assert not Question.objects.exists()


def test_nothing_found_is_a_polite_none(indexed):
    answer = answer_question(text="xyzzy plugh")
    assert answer.kind == AnswerKind.NONE
    assert answer.passages == ()
    assert answer.message


def test_feedback_and_hand_off_are_recorded(indexed):
    answer = answer_question(text="format vidéo")
    record_feedback(question_id=answer.question_id, helpful=False)
    mark_handed_off(question_id=answer.question_id)
    question = Question.objects.get(pk=answer.question_id)
    assert (question.helpful, question.handed_off) == (False, True)
    record_feedback(question_id=answer.question_id, helpful=True)
    assert Question.objects.get(pk=answer.question_id).helpful is True


def test_feedback_on_an_unknown_question_is_refused():
    with pytest.raises(QuestionError):
        record_feedback(question_id=999_999, helpful=True)
    with pytest.raises(QuestionError):
        mark_handed_off(question_id=999_999)


ODD_TEXT = st.one_of(
    st.text(min_size=1, max_size=QUESTION_MAX_LENGTH),
    st.sampled_from(
        [
            "<script>alert('x')</script> prix",
            "🤔🤔 pub à 20h ???",
            "' OR 1=1 --",
            "9" * 500,
            "h" * 500,
            "20h" * 100,
            "x99999 spots de 999s à 99h99",
            "combien pour 0 spots de 0s à 20h",
            "combien pour 9999 spots de 120s à 20h",
            "\u202e\u200b prix \ufeff",
        ]
    ),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ODD_TEXT)
def test_odd_text_never_raises_anything_but_a_question_error(indexed, text):
    try:
        answer = answer_question(text=text)
    except QuestionError:
        assert not clean_question(text) or len(clean_question(text)) > QUESTION_MAX_LENGTH
        return
    assert answer.kind in AnswerKind.values
    assert Question.objects.filter(pk=answer.question_id).exists()
