"""Service levels: an advertiser's message waiting more than
CONVERSATION_REMINDER_HOURS working hours reminds the assignee, then the team;
each reminder once, logged; an answer resets the count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from conversations import services
from conversations.models import ThreadEventKind
from conversations.services.reminders import send_due_reminders
from conversations.tasks import send_reminders
from conversations.working_hours import OUAGADOUGOU
from notifications.models import Notification

pytestmark = pytest.mark.django_db

MONDAY_9 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=OUAGADOUGOU)


@pytest.fixture
def waiting(
    advertiser_a, administrator, settings, time_machine, django_capture_on_commit_callbacks
):
    settings.CONVERSATION_REMINDER_HOURS = 4
    time_machine.move_to(MONDAY_9, tick=False)
    colleague = UserFactory(email="collegue@bf1.bf", roles=[Role.ADMINISTRATOR])
    thread = services.open_thread(
        author=advertiser_a, kind="question", title="Sans réponse", body="Allô ?"
    )
    services.assign(thread=thread, actor=administrator, assignee=administrator)
    return thread, colleague


def reminders_to(user) -> int:
    return Notification.objects.filter(recipient=user, title__contains="Sans réponse").count()


def run_at(moment, time_machine, capture) -> int:
    time_machine.move_to(moment, tick=False)
    with capture(execute=True):
        return send_reminders()


def test_assignee_then_team_each_once(
    waiting, administrator, time_machine, django_capture_on_commit_callbacks
):
    thread, colleague = waiting
    capture = django_capture_on_commit_callbacks
    assert run_at(MONDAY_9 + dt.timedelta(hours=3, minutes=59), time_machine, capture) == 0
    assert run_at(MONDAY_9 + dt.timedelta(hours=4), time_machine, capture) == 1
    assert reminders_to(administrator) == 1 and reminders_to(colleague) == 0
    # Idempotent: the next runs send nothing more until the second period.
    assert run_at(MONDAY_9 + dt.timedelta(hours=5), time_machine, capture) == 0
    assert reminders_to(administrator) == 1
    # Monday 17:00 → Tuesday: 8 working hours at Tuesday 9:00 → the whole team.
    assert run_at(MONDAY_9 + dt.timedelta(hours=20), time_machine, capture) == 1
    assert reminders_to(colleague) == 1 and reminders_to(administrator) == 2
    assert run_at(MONDAY_9 + dt.timedelta(days=3), time_machine, capture) == 0
    thread.refresh_from_db()
    assert thread.reminder_level == 2
    assert thread.events.filter(kind=ThreadEventKind.REMINDED).count() == 2


def test_nights_and_weekends_do_not_count(
    waiting, time_machine, django_capture_on_commit_callbacks
):
    thread, _colleague = waiting
    capture = django_capture_on_commit_callbacks
    friday_16 = dt.datetime(2026, 12, 11, 16, 0, tzinfo=OUAGADOUGOU)
    time_machine.move_to(friday_16, tick=False)
    late = services.open_thread(
        author=thread.created_by, kind="question", title="Vendredi soir", body="?"
    )
    # Monday 10:00: 1 h on Friday + 2 h on Monday = 3 working hours: no reminder yet.
    run_at(dt.datetime(2026, 12, 14, 10, 0, tzinfo=OUAGADOUGOU), time_machine, capture)
    late.refresh_from_db()
    assert late.reminder_level == 0
    run_at(dt.datetime(2026, 12, 14, 11, 0, tzinfo=OUAGADOUGOU), time_machine, capture)
    late.refresh_from_db()
    assert late.reminder_level == 1


def test_an_answer_resets_and_no_reminder_follows(
    waiting, administrator, time_machine, django_capture_on_commit_callbacks
):
    thread, _colleague = waiting
    capture = django_capture_on_commit_callbacks
    run_at(MONDAY_9 + dt.timedelta(hours=4), time_machine, capture)
    services.post_message(thread=thread, author=administrator, body="Voici.")
    thread.refresh_from_db()
    assert thread.reminder_level == 0 and thread.awaiting_staff_since is None
    assert run_at(MONDAY_9 + dt.timedelta(days=2), time_machine, capture) == 0


def test_unassigned_thread_reminds_the_team(
    advertiser_a, administrator, settings, time_machine, django_capture_on_commit_callbacks
):
    settings.CONVERSATION_REMINDER_HOURS = 4
    time_machine.move_to(MONDAY_9, tick=False)
    services.open_thread(author=advertiser_a, kind="question", title="Sans réponse", body="?")
    run_at(MONDAY_9 + dt.timedelta(hours=4), time_machine, django_capture_on_commit_callbacks)
    assert reminders_to(administrator) == 1
    assert reminders_to(advertiser_a) == 0


def test_schedule_exists():
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="conversations.tasks.send_reminders")
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 15


def test_closed_threads_are_not_reminded(
    waiting, administrator, time_machine, django_capture_on_commit_callbacks
):
    thread, _colleague = waiting
    services.close(thread=thread, actor=administrator)
    assert send_due_reminders(timezone.now() + dt.timedelta(days=5)) == 0
