"""The staff's inbox in the Wagtail admin (/admin/messages/): each persona sees
only the threads it may, tabs and filters, the oldest unanswered message, the
unread marker, a constant number of queries; the dashboard panel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conversations import services
from conversations.admin.dashboard import waiting_by_age
from conversations.admin.inbox import format_age
from conversations.models import Thread
from conversations.tests.admin_fixtures import make_admin_broadcaster, make_shapes
from conversations.tests.factories import ThreadFactory, with_message

pytestmark = pytest.mark.django_db
shapes = pytest.fixture(make_shapes, name="shapes")
admin_broadcaster = pytest.fixture(make_admin_broadcaster, name="admin_broadcaster")
INBOX = "/admin/messages/"


def titles(client, user, query="?tab=all"):
    client.force_login(user)
    response = client.get(INBOX + query)
    assert response.status_code == 200
    return {thread.title for thread in response.context["threads"]}


def test_each_persona_sees_only_its_threads(
    client, shapes, administrator, editorial, accountant, admin_broadcaster
):
    assert titles(client, administrator) == {
        "Question A",
        "Question B",
        "Couverture A",
        "Facture A",
        "Son absent",
    }
    assert titles(client, editorial) == {"Couverture A"}
    assert titles(client, accountant) == {"Facture A"}
    assert titles(client, admin_broadcaster) == {"Son absent"}


def test_advertisers_and_plain_broadcasters_have_no_admin_access(
    client, shapes, advertiser_a, broadcaster
):
    for user in (advertiser_a, broadcaster):
        client.force_login(user)
        response = client.get(INBOX)
        assert response.status_code == 302
        assert "login/" in response["Location"]


def test_a_thread_outside_ones_scope_is_404(client, shapes, editorial, accountant):
    client.force_login(editorial)
    assert (
        client.get(reverse("conversations_admin:thread", args=[shapes["invoice"].pk])).status_code
        == 404
    )
    client.force_login(accountant)
    assert (
        client.get(reverse("conversations_admin:thread", args=[shapes["coverage"].pk])).status_code
        == 404
    )
    assert client.get(reverse("conversations_admin:thread", args=[999999])).status_code == 404


def test_tabs(client, shapes, administrator):
    mine = shapes["question"]
    services.assign(thread=mine, actor=administrator, assignee=administrator)
    services.post_message(thread=shapes["other"], author=administrator, body="Réponse")
    services.close(thread=shapes["invoice"], actor=administrator)
    assert titles(client, administrator, "?tab=mine") == {"Question A"}
    assert titles(client, administrator, "?tab=waiting") == {"Question B"}
    assert titles(client, administrator, "?tab=closed") == {"Facture A"}
    assert titles(client, administrator, "?tab=unassigned") == {
        "Question B",
        "Couverture A",
        "Son absent",
    }
    assert "Question A" not in titles(client, administrator, "")  # default: unassigned


def test_filters_and_search(client, shapes, administrator):
    assert titles(client, administrator, "?tab=all&team=billing") == {"Facture A"}
    assert titles(client, administrator, "?tab=all&kind=problem") == {"Son absent"}
    assert titles(client, administrator, "?tab=all&q=couverture") == {"Couverture A"}
    assert titles(client, administrator, "?tab=all&assignee=none") == {
        "Question A",
        "Question B",
        "Couverture A",
        "Facture A",
        "Son absent",
    }
    assert titles(client, administrator, "?tab=all&status=closed") == set()


def test_oldest_unanswered_message_is_shown(client, advertiser_a, administrator, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    services.open_thread(author=advertiser_a, kind="question", title="Ancienne", body="Bonjour")
    time_machine.move_to(start + dt.timedelta(hours=3, minutes=10), tick=False)
    services.open_thread(author=advertiser_a, kind="question", title="Récente", body="Bonjour")
    client.force_login(administrator)
    response = client.get(INBOX)
    assert response.context["oldest_age"] == format_age(dt.timedelta(hours=3, minutes=10))
    assert "3 h 10" in response.content.decode()


def test_unread_marker(client, advertiser_a, administrator):
    thread = services.open_thread(
        author=advertiser_a, kind="question", title="Neuve", body="Bonjour"
    )
    client.force_login(administrator)
    rows = {t.pk: t for t in client.get(INBOX).context["threads"]}
    assert rows[thread.pk].unread is True
    client.get(reverse("conversations_admin:thread", args=[thread.pk]))
    rows = {t.pk: t for t in client.get(INBOX).context["threads"]}
    assert rows[thread.pk].unread is False


def _make(count, administrator):
    for n in range(count):
        thread = ThreadFactory(title=f"Fil {n}", assignee=administrator if n % 2 else None)
        with_message(thread)


def _inbox_queries(client, administrator) -> int:
    client.force_login(administrator)
    client.get(INBOX)  # warm caches (session, site)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INBOX + "?tab=all")
    assert response.status_code == 200
    return len(queries)


def test_inbox_query_count_does_not_grow(client, administrator):
    _make(5, administrator)
    few = _inbox_queries(client, administrator)
    _make(45, administrator)
    many = _inbox_queries(client, administrator)
    assert Thread.objects.count() == 50
    assert many == few


def test_format_age():
    assert format_age(dt.timedelta(hours=3, minutes=10)) == "3 h 10"
    assert format_age(dt.timedelta(minutes=25)) == "25 min"
    assert format_age(dt.timedelta(days=2, hours=4)) == "2 j 4 h"


def test_dashboard_panel_counts_by_age_in_one_query(
    client, advertiser_a, administrator, editorial, time_machine
):
    now = timezone.now()
    for hours_ago in (1, 2, 6, 30, 50):
        time_machine.move_to(now - dt.timedelta(hours=hours_ago), tick=False)
        services.open_thread(author=advertiser_a, kind="question", title=f"{hours_ago} h", body="?")
    time_machine.move_to(now, tick=False)
    answered = services.open_thread(author=advertiser_a, kind="question", title="Vu", body="?")
    services.post_message(thread=answered, author=administrator, body="Réponse")
    administrator = type(administrator).objects.get(pk=administrator.pk)
    administrator.groups.all()  # roles cached below
    from accounts.roles import roles_of

    roles_of(administrator)
    with CaptureQueriesContext(connection) as queries:
        counts = waiting_by_age(administrator, now)
    assert len(queries) == 1
    assert counts == {"fresh": 2, "day": 1, "old": 2}
    assert waiting_by_age(editorial, now) == {"fresh": 0, "day": 0, "old": 0}
    client.force_login(administrator)
    page = client.get("/admin/").content.decode()
    assert 'id="conversations-waiting"' in page


def test_dashboard_panel_for_each_staff_persona(client, shapes, editorial, accountant):
    for user in (editorial, accountant):
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 200
        assert 'id="conversations-waiting"' in response.content.decode()
