"""The daily billing jobs: overdue reminders once per step; proposals of credit
notes for missed airings; their schedules."""

import datetime as dt

import pytest
import time_machine
from django_q.models import Schedule

from accounts.tests.factories import AdvertiserUserFactory
from billing.models import BillingEvent
from billing.tasks import due_step, propose_missed_credits_task, send_overdue_reminders
from billing.tests.test_selectors_ageing import issued_invoice
from notifications.models import Notification

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 9, 1)


def on(day: dt.date):
    """Travel to 9:00 in Ouagadougou (UTC+0) on `day`."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC), tick=False)


@pytest.fixture
def invoice():
    user = AdvertiserUserFactory()
    return issued_invoice(user.advertiser, amount=118_000, due=DUE, issued=dt.date(2026, 8, 1))


def reminders(invoice) -> int:
    return BillingEvent.objects.filter(invoice=invoice, action=BillingEvent.Action.REMINDED).count()


def test_the_step_to_send():
    assert due_step([7, 30, 60], 6, 0) is None
    assert due_step([7, 30, 60], 7, 0) == 7
    assert due_step([7, 30, 60], 45, 0) == 30  # late start: only the largest reached
    assert due_step([7, 30, 60], 45, 30) is None
    assert due_step([7, 30, 60], 90, 30) == 60


def test_reminders_are_sent_once_per_step(invoice):
    with on(DUE + dt.timedelta(days=6)):
        assert send_overdue_reminders() == 0
    with on(DUE + dt.timedelta(days=7)):
        assert send_overdue_reminders() == 1
        assert send_overdue_reminders() == 0  # run twice the same day
    with on(DUE + dt.timedelta(days=20)):
        assert send_overdue_reminders() == 0
    with on(DUE + dt.timedelta(days=31)):
        assert send_overdue_reminders() == 1
    invoice.refresh_from_db()
    assert invoice.last_reminder_step == 30
    assert reminders(invoice) == 2
    notes = Notification.objects.filter(recipient__advertiser=invoice.billed_to)
    assert notes.count() == 2
    assert invoice.number in notes.first().title


def test_no_reminder_before_the_due_date(invoice):
    with on(DUE - dt.timedelta(days=1)):
        assert send_overdue_reminders() == 0
    with on(DUE):
        assert send_overdue_reminders() == 0
    assert reminders(invoice) == 0


def test_no_reminder_once_paid(invoice):
    invoice.balance = 0
    invoice.paid = invoice.net_to_pay
    invoice.status = "paid"
    invoice.save()
    with on(DUE + dt.timedelta(days=40)):
        assert send_overdue_reminders() == 0
    assert reminders(invoice) == 0


def test_proposals_task_calls_the_service(monkeypatch):
    calls = []
    monkeypatch.setattr("billing.tasks.propose_missed_credits", lambda: calls.append(1) or 3)
    assert propose_missed_credits_task() == 3 and calls == [1]


def test_both_jobs_are_scheduled_daily():
    for func in (
        "billing.tasks.send_overdue_reminders",
        "billing.tasks.propose_missed_credits_task",
    ):
        schedule = Schedule.objects.get(func=func)
        assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1
