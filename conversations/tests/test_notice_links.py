"""A new message's notification takes each reader to where they answer it: the
admin's thread page for the staff of the thread, /messages/<id>/ for the advertiser
and for a broadcaster without the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conversations import services
from conversations.models import Thread
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_each_side_is_sent_where_it_reads_the_thread(
    advertiser_a, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.open_thread(
            author=advertiser_a, kind="question", title="Tarif du soir", body="Combien ?"
        )
    thread = Thread.objects.get(pk=thread.pk)
    staff_link = Notification.objects.filter(recipient=administrator).latest("pk").url
    assert staff_link == reverse("conversations_admin:thread", args=[thread.pk])

    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(thread=thread, author=administrator, body="Voici le tarif.")
    client_link = Notification.objects.filter(recipient=advertiser_a).latest("pk").url
    assert client_link == reverse("conversations:thread", args=[thread.pk])
