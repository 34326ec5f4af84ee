"""The in-app inbox: each user sees only their own notifications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import selectors, services
from notifications.models import Notification

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")


def make_notifications(user, count, **extra):
    return [
        services.notify(recipient=user, title=f"Notification {index}", **extra)
        for index in range(count)
    ]


def test_notify_creates_an_unread_notification(advertiser_a):
    notification = services.notify(
        recipient=advertiser_a, title="Campagne validée", body="Votre campagne…", url="/campaigns/"
    )
    assert notification.recipient == advertiser_a
    assert not notification.is_read
    assert selectors.unread_count(advertiser_a) == 1


def test_notify_cuts_a_long_title(advertiser_a):
    notification = services.notify(recipient=advertiser_a, title="x" * 500)
    assert len(notification.title) == 200


def test_anonymous_is_sent_to_login(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_inbox_lists_only_own_notifications_paginated(client, advertiser_a, advertiser_b):
    mine = make_notifications(advertiser_a, 25)
    make_notifications(advertiser_b, 3)
    client.force_login(advertiser_a)

    first = client.get(INBOX)
    assert first.status_code == 200
    page = first.context["page_obj"]
    assert page.paginator.count == 25
    assert len(page.object_list) == 20
    assert {n.recipient_id for n in page.object_list} == {advertiser_a.pk}
    assert page.object_list[0] == mine[-1]  # newest first
    assert first.context["unread"] == 25

    second = client.get(INBOX, {"page": 2}).context["page_obj"]
    assert len(second.object_list) == 5
    shown = {n.pk for n in page.object_list} | {n.pk for n in second.object_list}
    assert shown == {n.pk for n in mine}


def test_a_page_number_out_of_range_shows_the_last_page(client, advertiser_a):
    make_notifications(advertiser_a, 3)
    client.force_login(advertiser_a)
    response = client.get(INBOX, {"page": 99})
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 3


def test_mark_read(client, advertiser_a):
    notification, other = make_notifications(advertiser_a, 2)
    client.force_login(advertiser_a)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == INBOX
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.is_read
    assert not other.is_read


def test_mark_read_follows_a_safe_next(client, advertiser_a):
    (notification,) = make_notifications(advertiser_a, 1)
    client.force_login(advertiser_a)
    url = reverse("notifications:mark_read", args=[notification.pk])
    assert client.post(url, {"next": "/campaigns/"})["Location"] == "/campaigns/"
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == INBOX
    assert client.post(url, {"next": "/admin/"})["Location"] == INBOX


def test_mark_read_by_get_is_refused(client, advertiser_a):
    (notification,) = make_notifications(advertiser_a, 1)
    client.force_login(advertiser_a)
    response = client.get(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 405
    notification.refresh_from_db()
    assert not notification.is_read


def test_another_users_notification_is_left_alone(client, advertiser_a, advertiser_b):
    (notification,) = make_notifications(advertiser_a, 1)

    assert services.mark_read(user=advertiser_b, notification_id=notification.pk) == 0
    client.force_login(advertiser_b)
    client.post(reverse("notifications:mark_read", args=[notification.pk]))
    client.post(reverse("notifications:mark_all_read"))

    notification.refresh_from_db()
    assert not notification.is_read
    assert selectors.unread_count(advertiser_a) == 1


def test_mark_all_read_touches_only_own_notifications(client, advertiser_a, advertiser_b):
    make_notifications(advertiser_a, 3)
    make_notifications(advertiser_b, 2)
    client.force_login(advertiser_a)
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert selectors.unread_count(advertiser_a) == 0
    assert selectors.unread_count(advertiser_b) == 2
    assert Notification.objects.filter(read_at__isnull=False).count() == 3


def inbox_queries(client, user, count):
    Notification.objects.filter(recipient=user).delete()
    make_notifications(user, count, body="Texte", url="/campaigns/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INBOX)
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == min(count, 20)
    return len(queries)


def test_inbox_query_count_does_not_grow_with_the_rows(client, advertiser_a):
    client.force_login(advertiser_a)
    client.get(INBOX)  # warm up per-process caches (content types, site settings)
    few = inbox_queries(client, advertiser_a, 3)
    many = inbox_queries(client, advertiser_a, 30)
    assert few == many
