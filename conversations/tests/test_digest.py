"""The notices of a new message: one line per thread in the inbox (not one per
message), one digest e-mail for the messages of 10 minutes, the per-kind
opt-out, and a digest that survives a worker restart (the sweeper sends it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from accounts.roles import Role
from accounts.tests.factories import AdvertiserUserFactory, UserFactory
from conversations import digests, services
from conversations.models import Digest, DigestStatus
from notifications import services as notification_services
from notifications.models import Notification, OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    advertiser = AdvertiserUserFactory(email="client@exemple.bf", first_name="Issa")
    admin = UserFactory(
        email="commercial@bf1.bf",
        first_name="Awa",
        last_name="Ouédraogo",
        roles=[Role.ADMINISTRATOR],
    )
    return advertiser, admin


@pytest.fixture
def thread(people, django_capture_on_commit_callbacks):
    advertiser, admin = people
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.open_thread(
            author=advertiser, kind="question", title="Horaires", body="Quand passe le spot ?"
        )
    # The admin was told of the question: start each test from a clean outbox.
    Digest.objects.all().delete()
    Notification.objects.all().delete()
    OutgoingEmail.objects.all().delete()
    mail.outbox.clear()
    return thread


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    def post(thread, author, body):
        with django_capture_on_commit_callbacks(execute=True):
            return services.post_message(thread=thread, author=author, body=body)

    return post


def sent_to(address):
    """The digest e-mails delivered to `address` (the outbox tasks run synchronously
    in the tests once the digest is queued)."""
    return [message for message in mail.outbox if address in message.to]


def sweep(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return digests.send_due_digests()


def test_three_messages_in_ten_minutes_make_one_email_a_fourth_later_a_second(
    people, thread, post, time_machine, django_capture_on_commit_callbacks
):
    advertiser, admin = people
    post(thread, admin, "Premier message")
    time_machine.shift(dt.timedelta(minutes=3))
    post(thread, admin, "Deuxième message")
    time_machine.shift(dt.timedelta(minutes=4))
    post(thread, admin, "Troisième message")
    assert sent_to(advertiser.email) == []  # nothing before the 10 minutes
    assert Digest.objects.get().messages.count() == 3

    time_machine.shift(dt.timedelta(minutes=4))  # 11 minutes after the first
    assert sweep(django_capture_on_commit_callbacks) == 1
    [first] = sent_to(advertiser.email)
    assert first.subject == "3 nouveaux messages sur BF1 Pub"
    for text in ("Premier message", "Deuxième message", "Troisième message", "BF1 · Awa"):
        assert text in first.body
    assert "Ouédraogo" not in first.body  # the staff's name as the client sees it
    assert f"/messages/{thread.pk}/#message-" in first.body

    post(thread, admin, "Quatrième message")
    time_machine.shift(dt.timedelta(minutes=11))
    sweep(django_capture_on_commit_callbacks)
    assert sweep(django_capture_on_commit_callbacks) == 0  # sent once
    first_again, second = sent_to(advertiser.email)
    assert " ".join(second.subject.split()) == "Nouveau message : Horaires"
    assert "Quatrième message" in second.body and "Premier message" not in second.body


def test_the_delayed_task_does_nothing_before_its_time_nor_twice(
    people, thread, post, time_machine, django_capture_on_commit_callbacks
):
    advertiser, admin = people
    post(thread, admin, "Bonjour")  # the task ran at once in the tests (sync): too early
    digest = Digest.objects.get()
    assert digest.status == DigestStatus.PENDING
    time_machine.shift(dt.timedelta(minutes=10, seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digest(digest_id=digest.pk)
        digests.send_digest(digest_id=digest.pk)
    assert len(sent_to(advertiser.email)) == 1


def test_a_digest_lost_by_a_worker_restart_is_sent_with_the_next_message(
    people, thread, post, time_machine
):
    """Nobody ran the task nor the sweeper: the next message sends the overdue
    digest at once and opens a new window."""
    advertiser, admin = people
    post(thread, admin, "Avant la panne")
    time_machine.shift(dt.timedelta(minutes=30))
    post(thread, admin, "Après la panne")
    [email] = sent_to(advertiser.email)
    assert "Avant la panne" in email.body and "Après la panne" not in email.body
    pending = Digest.objects.get(status=DigestStatus.PENDING)
    assert list(pending.messages.values_list("body", flat=True)) == ["Après la panne"]


def test_the_email_opt_out_is_respected(
    people, thread, post, time_machine, django_capture_on_commit_callbacks
):
    advertiser, admin = people
    notification_services.set_email_preferences(user=advertiser, enabled_kinds=[])
    post(thread, admin, "Bonjour")
    time_machine.shift(dt.timedelta(minutes=11))
    sweep(django_capture_on_commit_callbacks)
    assert sent_to(advertiser.email) == []
    assert not Digest.objects.filter(recipient=advertiser).exists()
    # The inbox still tells them.
    assert Notification.objects.filter(recipient=advertiser, kind="conversation").count() == 1


def test_switching_off_before_the_digest_leaves_leaves_it_unsent(
    people, thread, post, time_machine, django_capture_on_commit_callbacks
):
    advertiser, admin = people
    post(thread, admin, "Bonjour")
    notification_services.set_email_preferences(user=advertiser, enabled_kinds=[])
    time_machine.shift(dt.timedelta(minutes=11))
    sweep(django_capture_on_commit_callbacks)
    assert sent_to(advertiser.email) == []
    assert Digest.objects.get(recipient=advertiser).status == DigestStatus.SKIPPED


def test_the_inbox_keeps_one_line_per_thread_within_the_window(people, thread, post, time_machine):
    advertiser, admin = people
    post(thread, admin, "Un")
    post(thread, admin, "Deux")
    post(thread, admin, "Trois")
    [line] = Notification.objects.filter(recipient=advertiser)
    assert line.title == "3 nouveaux messages\u00a0: Horaires"
    assert line.body == "Trois"
    assert line.email is None  # the e-mail is the digest's

    time_machine.shift(dt.timedelta(minutes=11))
    post(thread, admin, "Quatre")  # after the window: a new line
    assert Notification.objects.filter(recipient=advertiser).count() == 2


def test_a_read_line_is_not_rewritten(people, thread, post):
    advertiser, admin = people
    post(thread, admin, "Un")
    notification_services.mark_read(user=advertiser)
    services.mark_read(thread=thread, user=advertiser)
    post(thread, admin, "Deux")
    lines = list(Notification.objects.filter(recipient=advertiser).order_by("pk"))
    assert [line.title for line in lines] == ["Nouveau message\u00a0: Horaires"] * 2


def test_a_hidden_message_is_left_out_of_the_advertisers_digest(
    people, thread, post, time_machine, django_capture_on_commit_callbacks
):
    advertiser, admin = people
    post(thread, admin, "Correct")
    wrong = post(thread, admin, "Erroné")
    services.hide_message(message=wrong, actor=admin, reason="Erreur")
    time_machine.shift(dt.timedelta(minutes=11))
    sweep(django_capture_on_commit_callbacks)
    [email] = sent_to(advertiser.email)
    assert "Correct" in email.body and "Erroné" not in email.body


def test_adding_to_open_digests_takes_the_same_queries_for_more_people(people, thread):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    advertiser, admin = people

    def queries(count):
        team = [UserFactory(roles=[Role.ADMINISTRATOR]) for _ in range(count)]
        first = services.post_message(thread=thread, author=advertiser, body="Un")
        digests.add_to_digests(recipients=team, message=first)  # opens their digests
        second = services.post_message(thread=thread, author=advertiser, body="Deux")
        with CaptureQueriesContext(connection) as context:
            made = digests.add_to_digests(recipients=team, message=second)
        assert all(digest.messages.count() == 2 for digest in made)
        return len(context.captured_queries)

    assert queries(2) == queries(6)
