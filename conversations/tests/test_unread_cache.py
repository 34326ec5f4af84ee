"""The navigation's unread count is cached, and still right after every change."""

import pytest

from conversations.selectors.unread_cache import cached_unread_thread_count
from conversations.services import mark_read, post_message

from .factories import ThreadFactory, with_message

pytestmark = pytest.mark.django_db


def test_the_count_follows_new_messages_and_reads(advertiser_a, administrator):
    thread = ThreadFactory(created_by=advertiser_a)
    with_message(thread, author=advertiser_a)
    thread.refresh_from_db()
    mark_read(thread=thread, user=advertiser_a)
    assert cached_unread_thread_count(advertiser_a) == 0
    post_message(thread=thread, author=administrator, body="Votre devis est prêt.")
    assert cached_unread_thread_count(advertiser_a) == 1
    thread.refresh_from_db()
    mark_read(thread=thread, user=advertiser_a)
    assert cached_unread_thread_count(advertiser_a) == 0


def test_the_navigation_shows_the_count_after_a_reply(client, advertiser_a, administrator):
    thread = ThreadFactory(created_by=advertiser_a)
    with_message(thread, author=advertiser_a)
    thread.refresh_from_db()
    mark_read(thread=thread, user=advertiser_a)
    client.force_login(advertiser_a)
    assert 'data-unread-messages="0"' in client.get("/campaigns/").content.decode()
    post_message(thread=thread, author=administrator, body="Réponse")
    assert 'data-unread-messages="1"' in client.get("/campaigns/").content.decode()
