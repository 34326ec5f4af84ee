"""The writes of the conversations: what is kept, what is refused (nothing kept),
status moves, read state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from conversations import services
from conversations.exceptions import ConversationError, ReadOnly, Throttled
from conversations.models import (
    Attachment,
    Message,
    ReadMark,
    Thread,
    ThreadEvent,
    ThreadStatus,
)
from conversations.selectors import unread_thread_count
from conversations.tests.factories import (
    exe_as_pdf,
    mp4_file,
    pdf_file,
    png_file,
    text_as_png,
)
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _open(author, **kwargs):
    values = {"kind": "question", "title": "Ma question", "body": "Bonjour"}
    values.update(kwargs)
    return services.open_thread(author=author, **values)


def test_an_advertiser_opens_a_thread_for_the_company(advertiser_a, stored_files):
    thread = _open(advertiser_a, files=[pdf_file(), png_file()])
    assert thread.advertiser_id == advertiser_a.advertiser_id
    assert thread.status == ThreadStatus.OPEN and thread.advertiser_visible
    assert thread.message_count == 1 and thread.awaiting_staff_since is not None
    message = thread.messages.get()
    assert not message.from_staff
    names = sorted(a.file.name.rsplit(".", 1)[-1] for a in message.attachments.all())
    assert names == ["pdf", "png"]
    assert all("devis" not in a.file.name for a in message.attachments.all())
    assert len(stored_files()) == 2
    assert ThreadEvent.objects.filter(thread=thread, kind="opened").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": "   "}, "body"),
        ({"body": "x" * 10_001}, "body"),
        ({"title": ""}, "title"),
        ({"kind": "nonsense"}, "kind"),
        ({"files": [exe_as_pdf()]}, "files"),
        ({"files": [text_as_png()]}, "files"),
        ({"files": [pdf_file(f"f{i}.pdf") for i in range(6)]}, "files"),
        ({"files": [mp4_file()]}, "files"),  # no video on a general question
    ],
)
def test_a_refused_thread_leaves_no_row_and_no_file(advertiser_a, stored_files, changes, field):
    with pytest.raises(ConversationError) as refused:
        _open(advertiser_a, files=[pdf_file()], **changes) if "files" not in changes else _open(
            advertiser_a, **changes
        )
    assert field in refused.value.field_errors
    assert refused.value.message
    assert not Thread.objects.exists()
    assert not Message.objects.exists() and not Attachment.objects.exists()
    assert stored_files() == []


def test_a_refused_reply_leaves_no_row_and_no_file(advertiser_a, stored_files):
    thread = _open(advertiser_a)
    before = stored_files()
    for files, body in (
        ([pdf_file(), exe_as_pdf()], "Voici"),
        ([pdf_file(f"f{i}.pdf") for i in range(6)], "Voici"),
        ([], "y" * 10_001),
        ([pdf_file()], ""),
    ):
        with pytest.raises(ConversationError):
            services.post_message(thread=thread, author=advertiser_a, body=body, files=files)
    assert Message.objects.count() == 1 and not Attachment.objects.exists()
    assert stored_files() == before
    thread.refresh_from_db()
    assert thread.message_count == 1


def test_ten_thousand_characters_are_accepted(advertiser_a):
    thread = _open(advertiser_a, body="é" * 10_000)
    assert len(thread.messages.get().body) == 10_000


def test_five_attachments_are_accepted(advertiser_a):
    thread = _open(advertiser_a, files=[pdf_file(f"f{i}.pdf") for i in range(5)])
    assert Attachment.objects.filter(message__thread=thread).count() == 5


def test_a_file_over_20_mb_is_refused(advertiser_a, stored_files):
    with pytest.raises(ConversationError) as refused:
        _open(advertiser_a, files=[pdf_file(size=20 * 1024 * 1024 + 1)])
    assert "20" in refused.value.message
    assert not Thread.objects.exists() and stored_files() == []


def test_a_video_is_accepted_about_a_spot(advertiser_a):
    from campaigns.tests.factories import CampaignFactory, SpotFactory

    spot = SpotFactory(campaign=CampaignFactory(user=advertiser_a))
    thread = _open(advertiser_a, subject_type="spot", subject_id=spot.pk, files=[mp4_file()])
    attachment = Attachment.objects.get(message__thread=thread)
    assert attachment.content_type == "video/mp4" and attachment.file.name.endswith(".mp4")


def test_staff_answer_then_advertiser_reply_moves_the_status(advertiser_a, administrator):
    thread = _open(advertiser_a)
    services.post_message(thread=thread, author=administrator, body="Réponse")
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.ANSWERED and thread.awaiting_staff_since is None
    assert thread.messages.last().from_staff
    services.post_message(thread=thread, author=advertiser_a, body="Merci, encore une chose")
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.OPEN and thread.awaiting_staff_since is not None
    assert thread.message_count == 3


def test_a_new_message_reopens_a_closed_thread(advertiser_a, administrator):
    thread = _open(advertiser_a)
    services.close(thread=thread, actor=administrator)
    assert thread.status == ThreadStatus.CLOSED and thread.closed_at is not None
    services.post_message(thread=thread, author=advertiser_a, body="Je rouvre")
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.OPEN and thread.closed_at is None
    assert ThreadEvent.objects.filter(thread=thread, kind="reopened").exists()


def test_a_thread_closed_90_days_ago_is_read_only(advertiser_a, administrator, time_machine):
    thread = _open(advertiser_a)
    services.close(thread=thread, actor=administrator)
    time_machine.shift(dt.timedelta(days=89))
    services.post_message(thread=thread, author=advertiser_a, body="Encore là")
    services.close(thread=thread, actor=administrator)
    time_machine.shift(dt.timedelta(days=91))
    with pytest.raises(ReadOnly):
        services.post_message(thread=thread, author=advertiser_a, body="Trop tard")
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.CLOSED and thread.message_count == 2


def test_edit_within_five_minutes_only(advertiser_a, administrator, time_machine):
    thread = _open(advertiser_a, body="Premier jet")
    message = thread.messages.get()
    time_machine.shift(dt.timedelta(minutes=4))
    services.edit_message(message=message, actor=advertiser_a, body="Corrigé")
    message.refresh_from_db()
    assert message.body == "Corrigé" and message.edited_at is not None
    assert ThreadEvent.objects.filter(
        kind="message_edited", detail__contains="Premier jet"
    ).exists()
    with pytest.raises(ConversationError):
        services.edit_message(message=message, actor=administrator, body="Pas à moi")
    time_machine.shift(dt.timedelta(minutes=2))
    with pytest.raises(ConversationError):
        services.edit_message(message=message, actor=advertiser_a, body="Trop tard")
    message.refresh_from_db()
    assert message.body == "Corrigé"


def test_hide_needs_staff_and_a_reason(advertiser_a, administrator, broadcaster):
    thread = _open(advertiser_a, body="Propos injurieux")
    message = thread.messages.get()
    with pytest.raises(ConversationError):
        services.hide_message(message=message, actor=advertiser_a, reason="non")
    with pytest.raises(ConversationError):
        services.hide_message(message=message, actor=administrator, reason="  ")
    services.hide_message(message=message, actor=administrator, reason="Injures")
    message.refresh_from_db()
    assert message.is_hidden and message.hidden_by == administrator
    assert ThreadEvent.objects.get(kind="message_hidden").detail.endswith("Injures")


@override_settings(CONVERSATION_MAX_NEW_THREADS_PER_HOUR=5)
def test_new_threads_per_hour_are_limited(advertiser_a, time_machine):
    for number in range(5):
        _open(advertiser_a, title=f"Question {number}")
        time_machine.shift(dt.timedelta(seconds=13))  # under 10 messages a minute
    with pytest.raises(Throttled):
        _open(advertiser_a, title="Une de trop")
    assert Thread.objects.count() == 5
    time_machine.shift(dt.timedelta(hours=1))
    _open(advertiser_a, title="Une heure plus tard")


@override_settings(CONVERSATION_MAX_MESSAGES_PER_MINUTE=10)
def test_messages_per_minute_are_limited_for_advertisers_only(
    advertiser_a, administrator, time_machine
):
    thread = _open(advertiser_a)
    for number in range(9):
        services.post_message(thread=thread, author=advertiser_a, body=f"Message {number}")
    with pytest.raises(Throttled):
        services.post_message(thread=thread, author=advertiser_a, body="Le onzième")
    for number in range(12):
        services.post_message(thread=thread, author=administrator, body=f"Staff {number}")
    time_machine.shift(dt.timedelta(minutes=1, seconds=1))
    services.post_message(thread=thread, author=advertiser_a, body="Une minute après")


def test_read_state_and_unread_counts(advertiser_a, administrator, django_user_model):
    from accounts.tests.factories import AdvertiserUserFactory

    colleague = AdvertiserUserFactory(advertiser=advertiser_a.advertiser)
    thread = _open(advertiser_a)
    # The author has read their own message; the staff have not.
    assert unread_thread_count(advertiser_a) == 0
    assert unread_thread_count(colleague) == 1
    assert unread_thread_count(administrator) == 1
    services.mark_read(thread=thread, user=administrator)
    assert unread_thread_count(administrator) == 0
    services.post_message(thread=thread, author=administrator, body="Réponse")
    assert unread_thread_count(advertiser_a) == 1
    assert unread_thread_count(administrator) == 0
    services.mark_read(thread=thread, user=advertiser_a)
    assert unread_thread_count(advertiser_a) == 0
    # A mark never goes back.
    services.mark_read(thread=thread, user=advertiser_a, up_to=1)
    thread.refresh_from_db()
    assert ReadMark.objects.get(user=advertiser_a).last_read_message_id == thread.last_message_id


def test_the_other_side_is_notified_on_commit(
    advertiser_a, advertiser_b, administrator, editorial, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = _open(advertiser_a)
    assert Notification.objects.filter(recipient=administrator, kind="conversation").count() == 1
    assert not Notification.objects.filter(recipient__in=[advertiser_a, advertiser_b, editorial])
    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(thread=thread, author=administrator, body="Réponse")
    notice = Notification.objects.get(recipient=advertiser_a)
    assert notice.kind == "conversation" and notice.url == f"/messages/{thread.pk}/"
    assert not Notification.objects.filter(recipient=advertiser_b).exists()


def test_assign_and_share_a_problem_report(advertiser_a, administrator, broadcaster):
    from campaigns.tests.factories import CampaignFactory, SpotFactory

    spot = SpotFactory(campaign=CampaignFactory(user=advertiser_a), review_state="approved")
    thread = services.open_thread(
        author=broadcaster,
        kind="problem",
        problem_type="bad_sound",
        title="Son absent",
        body="Pas de son au passage de 20 h",
        subject_type="spot",
        subject_id=spot.pk,
    )
    assert thread.advertiser_id == advertiser_a.advertiser_id and not thread.advertiser_visible
    assert thread.status == ThreadStatus.OPEN  # the broadcaster asks, the commercial team answers
    with pytest.raises(ConversationError):
        services.assign(thread=thread, actor=broadcaster, assignee=broadcaster)
    with pytest.raises(ConversationError):
        services.assign(thread=thread, actor=administrator, assignee=advertiser_a)
    services.assign(thread=thread, actor=administrator, assignee=administrator)
    services.share_with_advertiser(thread=thread, actor=administrator)
    thread.refresh_from_db()
    assert thread.assignee == administrator and thread.advertiser_visible


def test_a_subject_of_another_company_is_refused(advertiser_a, advertiser_b):
    from campaigns.tests.factories import CampaignFactory

    campaign = CampaignFactory(user=advertiser_b)
    with pytest.raises(ConversationError):
        _open(advertiser_a, subject_type="campaign", subject_id=campaign.pk)
    assert not Thread.objects.exists()
