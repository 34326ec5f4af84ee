"""The inbox's filters (unread/all, kind) and opening a notification's object."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import selectors, services
from notifications.kinds import NotificationKind
from notifications.models import Notification

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")


def note(user, kind=NotificationKind.GENERAL, *, read=False, url="", title=None):
    notification = services.notify(
        recipient=user, kind=kind, title=title or f"{kind} notification", url=url
    )
    if read:
        services.mark_read(user=user, notification_id=notification.pk)
    return notification


def shown(response) -> set[int]:
    return {n.pk for n in response.context["page_obj"].object_list}


@pytest.fixture
def mixed(advertiser_a, advertiser_b):
    return {
        "status_unread": note(advertiser_a, NotificationKind.CAMPAIGN_STATUS),
        "status_read": note(advertiser_a, NotificationKind.CAMPAIGN_STATUS, read=True),
        "spot_unread": note(advertiser_a, NotificationKind.SPOT_REVIEW),
        "general_read": note(advertiser_a, read=True),
        "other_user": note(advertiser_b, NotificationKind.CAMPAIGN_STATUS),
    }


def test_all_by_default(client, advertiser_a, mixed):
    client.force_login(advertiser_a)
    response = client.get(INBOX)
    assert response.context["state"] == "all"
    assert response.context["kind"] is None
    assert shown(response) == {n.pk for key, n in mixed.items() if key != "other_user"}


def test_unread_only(client, advertiser_a, mixed):
    client.force_login(advertiser_a)
    response = client.get(INBOX, {"state": "unread"})
    assert shown(response) == {mixed["status_unread"].pk, mixed["spot_unread"].pk}


def test_one_kind(client, advertiser_a, mixed):
    client.force_login(advertiser_a)
    response = client.get(INBOX, {"kind": "campaign_status"})
    assert shown(response) == {mixed["status_unread"].pk, mixed["status_read"].pk}
    both = client.get(INBOX, {"kind": "campaign_status", "state": "unread"})
    assert shown(both) == {mixed["status_unread"].pk}


@pytest.mark.parametrize("params", [{"kind": "nope"}, {"state": "bogus"}, {"kind": "<script>"}])
def test_unknown_filters_are_ignored(client, advertiser_a, mixed, params):
    client.force_login(advertiser_a)
    response = client.get(INBOX, params)
    assert response.status_code == 200
    assert len(shown(response)) == 4


def test_pagination_keeps_the_filters(client, advertiser_a):
    for _ in range(25):
        note(advertiser_a, NotificationKind.SPOT_REVIEW)
    note(advertiser_a, NotificationKind.CAMPAIGN_STATUS)
    client.force_login(advertiser_a)
    response = client.get(INBOX, {"kind": "spot_review", "state": "unread"})
    assert response.context["page_obj"].paginator.count == 25
    page = response.content.decode()
    assert "?kind=spot_review&amp;state=unread&amp;page=2" in page
    second = client.get(INBOX, {"kind": "spot_review", "state": "unread", "page": 2})
    assert len(second.context["page_obj"].object_list) == 5


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"state": "unread"}, "No unread notification."),
        ({"kind": "airing"}, "No notification of this kind."),
        ({"kind": "airing", "state": "unread"}, "No unread notification of this kind."),
        ({}, "No notification yet"),
    ],
)
def test_an_empty_state_per_filter(client, advertiser_a, params, message):
    from django.utils import translation
    from django.utils.html import escape

    if params:
        note(advertiser_a, NotificationKind.CAMPAIGN_STATUS, read=True)
    client.force_login(advertiser_a)
    page = client.get(INBOX, params).content.decode()
    with translation.override("fr"):  # the portal speaks French
        expected = translation.gettext(message)
    assert expected in page or escape(expected) in page


def test_the_kind_filter_offers_the_users_kinds(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.get(INBOX)
    assert [kind.value for kind in response.context["kinds"]] == [
        "campaign_status",
        "spot_review",
        "airing",
        "coverage",
        "billing",
        "conversation",
        "general",
    ]


def test_the_filtered_list_runs_constant_queries(client, advertiser_a):
    client.force_login(advertiser_a)
    client.get(INBOX, {"kind": "spot_review"})  # warm up per-process caches

    def count(rows: int) -> int:
        Notification.objects.filter(recipient=advertiser_a).delete()
        for _ in range(rows):
            note(advertiser_a, NotificationKind.SPOT_REVIEW, url="/campaigns/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(INBOX, {"kind": "spot_review", "state": "unread"})
        assert len(response.context["page_obj"].object_list) == min(rows, 20)
        return len(queries)

    assert count(3) == count(30)


def test_the_selector_joins_the_email(advertiser_a):
    for _ in range(3):
        note(advertiser_a)
    with CaptureQueriesContext(connection) as queries:
        states = [n.email_delivery.state for n in selectors.notifications_for(advertiser_a)]
    assert states == ["queued"] * 3
    assert len(queries) == 1


# --- Opening a notification ---------------------------------------------------------


def test_open_marks_read_and_goes_to_the_object(client, advertiser_a):
    notification = note(advertiser_a, url="/campaigns/")
    client.force_login(advertiser_a)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/"
    notification.refresh_from_db()
    assert notification.is_read
    assert selectors.unread_count(advertiser_a) == 0


def test_open_an_already_read_one_keeps_its_read_time(client, advertiser_a):
    notification = note(advertiser_a, url="/campaigns/", read=True)
    read_at = Notification.objects.get(pk=notification.pk).read_at
    client.force_login(advertiser_a)
    client.post(reverse("notifications:open", args=[notification.pk]))
    assert Notification.objects.get(pk=notification.pk).read_at == read_at


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "/admin/", ""])
def test_open_never_leaves_for_a_foreign_or_forbidden_page(client, advertiser_a, url):
    notification = note(advertiser_a, url=url)
    client.force_login(advertiser_a)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == INBOX
    notification.refresh_from_db()
    assert notification.is_read


def test_open_by_get_is_refused(client, advertiser_a):
    notification = note(advertiser_a, url="/campaigns/")
    client.force_login(advertiser_a)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 405
    notification.refresh_from_db()
    assert not notification.is_read


@pytest.mark.parametrize("route", ["notifications:open", "notifications:mark_read"])
def test_another_users_notification_answers_404(client, advertiser_a, advertiser_b, route):
    notification = note(advertiser_a, url="/campaigns/")
    client.force_login(advertiser_b)
    assert client.post(reverse(route, args=[notification.pk])).status_code == 404
    assert client.post(reverse(route, args=[999999])).status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_the_service_refuses_another_users_notification(advertiser_a, advertiser_b):
    notification = note(advertiser_a)
    with pytest.raises(services.NotificationError):
        services.open_notification(user=advertiser_b, notification=notification)
    notification.refresh_from_db()
    assert not notification.is_read


def test_each_title_is_a_button_opening_it(client, advertiser_a):
    notification = note(advertiser_a, url="/campaigns/", title="<script>alert(1)</script>")
    client.force_login(advertiser_a)
    page = client.get(INBOX).content.decode()
    assert f'action="{reverse("notifications:open", args=[notification.pk])}"' in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
