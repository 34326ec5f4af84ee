"""The conversations' service levels in the reports: first-response time (median,
mean) of the period and the open threads per kind; the admin screen
/admin/reports/messages/ (commercial administrators only)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conversations import services
from conversations.working_hours import OUAGADOUGOU
from reports.selectors.conversations import first_response, open_threads_per_kind

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2026, 12, 7, 8, 0, tzinfo=OUAGADOUGOU)
PERIOD = (DAY - dt.timedelta(days=1), DAY + dt.timedelta(days=2))


def ask_and_answer(advertiser, staff, time_machine, *, opened, answered_after=None, title="Q"):
    time_machine.move_to(opened, tick=False)
    thread = services.open_thread(author=advertiser, kind="question", title=title, body="?")
    if answered_after is not None:
        time_machine.move_to(opened + answered_after / 2, tick=False)
        services.post_message(thread=thread, author=advertiser, body="Encore ?")
        time_machine.move_to(opened + answered_after, tick=False)
        services.post_message(thread=thread, author=staff, body="Réponse")
        time_machine.move_to(opened + answered_after * 2, tick=False)
        services.post_message(thread=thread, author=staff, body="Autre réponse")
    return thread


def test_first_response_median_and_mean(advertiser_a, administrator, time_machine):
    for minutes in (10, 20, 90):
        ask_and_answer(
            advertiser_a,
            administrator,
            time_machine,
            opened=DAY,
            answered_after=dt.timedelta(minutes=minutes),
        )
    ask_and_answer(advertiser_a, administrator, time_machine, opened=DAY)  # still waiting
    # Opened by the staff: no first response to measure.
    services.open_thread(
        author=administrator,
        kind="document",
        title="Attestation",
        body="Voici",
        advertiser=advertiser_a.advertiser,
    )
    # Outside the period.
    ask_and_answer(
        advertiser_a,
        administrator,
        time_machine,
        opened=DAY + dt.timedelta(days=5),
        answered_after=dt.timedelta(hours=9),
    )
    with CaptureQueriesContext(connection) as queries:
        result = first_response(*PERIOD)
    assert len(queries) == 1
    assert (result.opened, result.answered, result.waiting) == (4, 3, 1)
    assert result.median == dt.timedelta(minutes=20)
    assert result.mean == dt.timedelta(minutes=40)


def test_no_thread_no_figure():
    result = first_response(*PERIOD)
    assert result.opened == 0 and result.median is None and result.mean is None


def test_open_threads_per_kind(advertiser_a, administrator, time_machine):
    question = ask_and_answer(advertiser_a, administrator, time_machine, opened=DAY, title="A")
    ask_and_answer(
        advertiser_a,
        administrator,
        time_machine,
        opened=DAY,
        answered_after=dt.timedelta(minutes=5),
        title="B",
    )
    closed = services.open_thread(author=advertiser_a, kind="cancellation", title="C", body="?")
    services.close(thread=closed, actor=administrator)
    rows = {row["kind"]: row for row in open_threads_per_kind()}
    assert rows["question"]["open"] == 1 and rows["question"]["answered"] == 1
    assert rows["question"]["total"] == 2
    assert rows["cancellation"]["total"] == 0
    assert question.kind == "question"


def test_report_screen_for_administrators_only(client, administrator, editorial, accountant):
    client.force_login(administrator)
    response = client.get("/admin/reports/messages/?start=2026-12-01&end=2026-12-31")
    assert response.status_code == 200
    assert 'data-report="first-response"' in response.content.decode()
    for user in (editorial, accountant):
        client.force_login(user)
        assert client.get("/admin/reports/messages/").status_code == 302
