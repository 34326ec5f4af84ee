"""A new message told to many people stays cheap in the request (bench
`message_fanout_ms`): every notice in one transaction, every live push through
one event loop, and still one failing notice never stops the others."""

from __future__ import annotations

import pytest
from django.db import connection

from accounts.roles import Role
from accounts.tests.factories import AdvertiserUserFactory, UserFactory
from conversations import live, notices, services
from conversations.models import Digest

from .factories import ThreadFactory, with_message


def _busy_thread():
    """A thread of an advertiser with 3 users, the commercial team of 3 unassigned."""
    author = AdvertiserUserFactory()
    colleagues = [AdvertiserUserFactory(advertiser=author.advertiser) for _ in range(2)]
    admins = [UserFactory(roles=[Role.ADMINISTRATOR]) for _ in range(3)]
    thread = ThreadFactory(created_by=author)
    with_message(thread, author=author)
    return thread, author, colleagues, admins


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_message_to_five_people_commits_twice(monkeypatch, settings):
    # The digests' delayed jobs become schedule rows, as in production.
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}
    thread, author, colleagues, admins = _busy_thread()
    commits = []
    real_commit = connection.commit

    def counted():
        commits.append(1)
        return real_commit()

    monkeypatch.setattr(connection, "commit", counted)
    services.post_message(thread=thread, author=author, body="Une précision")
    # The message, then every notice and digest together (not one commit per person).
    assert len(commits) == 2
    for person in [*colleagues, *admins]:
        assert person.notifications.filter(kind="conversation").count() == 1
    assert Digest.objects.count() == 5


@pytest.mark.django_db
def test_the_live_pushes_of_a_message_share_one_event_loop(
    monkeypatch, django_capture_on_commit_callbacks
):
    thread, author, colleagues, admins = _busy_thread()
    calls = []
    real = live.async_to_sync

    def counted(fn):
        calls.append(fn)
        return real(fn)

    sent = []

    class Layer:
        async def group_send(self, group, event):
            sent.append((group, event["type"]))

    monkeypatch.setattr("conversations.live.get_channel_layer", lambda: Layer())
    monkeypatch.setattr("conversations.live.async_to_sync", counted)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.post_message(thread=thread, author=author, body="Une précision")
    assert len(calls) == 1
    assert (live.thread_group(thread.pk), "thread.message") in sent
    for person in [*colleagues, *admins]:
        assert (live.user_group(person.pk), "unread.changed") in sent
    assert message.pk


@pytest.mark.django_db
def test_one_failing_notice_leaves_the_others(monkeypatch, django_capture_on_commit_callbacks):
    thread, author, colleagues, admins = _busy_thread()
    real_notify = notices.notify
    unlucky = admins[0]

    def notify(*, recipient, **kwargs):
        if recipient.pk == unlucky.pk:
            raise ValueError("boom")
        return real_notify(recipient=recipient, **kwargs)

    monkeypatch.setattr("conversations.notices.notify", notify)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(thread=thread, author=author, body="Une précision")
    assert not unlucky.notifications.exists()
    for person in [*colleagues, *admins[1:]]:
        assert person.notifications.filter(kind="conversation").count() == 1
    assert Digest.objects.count() == 5
