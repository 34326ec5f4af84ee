"""Live conversations: the WebSocket counter and thread pages (/ws/messages/...),
the polling endpoint (/messages/<id>/new/?after=...), and a dead channel layer
that never fails a post."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import AdvertiserUserFactory, UserFactory
from conversations import services
from conversations.models import Message

pytestmark = pytest.mark.django_db
# The consumers read the session from the database in another thread: commit for real.
sockets = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    layer = get_channel_layer()
    async_to_sync(layer.flush)()
    yield
    async_to_sync(layer.flush)()


def headers(client=None):
    items = [(b"host", b"testserver"), (b"origin", b"http://testserver")]
    if client is not None and "sessionid" in client.cookies:
        items.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return items


def connect_as(client, path):
    from bf1portal.asgi import application

    return WebsocketCommunicator(application, path, headers=headers(client))


def _thread(author, **kwargs):
    values = {"kind": "question", "title": "Horaires du spot", "body": "Bonjour"}
    values.update(kwargs)
    return services.open_thread(author=author, **values)


def _post(thread, author, body):
    return database_sync_to_async(services.post_message)(thread=thread, author=author, body=body)


@sockets
def test_the_counter_follows_new_messages(client):
    advertiser = AdvertiserUserFactory()
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    thread = _thread(advertiser)
    other_thread = _thread(AdvertiserUserFactory())  # another company's
    client.force_login(advertiser)

    async def scenario():
        socket = connect_as(client, "/ws/messages/")
        connected, _ = await socket.connect()
        assert connected
        received = [await socket.receive_json_from()]
        await _post(thread, admin, "Voici la réponse")
        received.append(await socket.receive_json_from())
        # A message in another company's thread does not reach this page.
        await _post(other_thread, admin, "Pour quelqu'un d'autre")
        assert await socket.receive_nothing()
        await socket.disconnect()
        return received

    assert async_to_sync(scenario)() == [
        {"type": "unread_threads", "count": 0},
        {"type": "unread_threads", "count": 1},
    ]


@sockets
def test_an_open_thread_receives_each_new_message_rendered_for_its_reader(client):
    advertiser = AdvertiserUserFactory()
    admin = UserFactory(roles=[Role.ADMINISTRATOR], first_name="Awa", last_name="Ouédraogo")
    thread = _thread(advertiser)
    client.force_login(advertiser)

    async def scenario():
        socket = connect_as(client, f"/ws/messages/{thread.pk}/")
        connected, _ = await socket.connect()
        assert connected
        assert await socket.receive_json_from() == {"type": "unread_threads", "count": 0}
        message = await _post(thread, admin, "Le spot passe à **20 h**.")
        events = [await socket.receive_json_from(), await socket.receive_json_from()]
        await socket.disconnect()
        return message, events

    message, events = async_to_sync(scenario)()
    pushed = next(event for event in events if event["type"] == "message")
    assert pushed["id"] == message.pk
    html = pushed["html"]
    assert f'data-message="{message.pk}"' in html
    assert "<strong>20 h</strong>" in html
    assert "BF1 · Awa" in html and "Ouédraogo" not in html  # the staff's name as clients see it
    assert {"type": "unread_threads", "count": 1} in events


@sockets
def test_the_staff_see_the_authors_full_name(client):
    advertiser = AdvertiserUserFactory(first_name="Issa", last_name="Kaboré")
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    thread = _thread(advertiser)
    client.force_login(admin)

    async def scenario():
        socket = connect_as(client, f"/ws/messages/{thread.pk}/")
        assert (await socket.connect())[0]
        await socket.receive_json_from()
        await _post(thread, advertiser, "Merci")
        events = [await socket.receive_json_from(), await socket.receive_json_from()]
        await socket.disconnect()
        return events

    pushed = next(event for event in async_to_sync(scenario)() if event["type"] == "message")
    assert "Issa Kaboré" in pushed["html"]


@sockets
@pytest.mark.parametrize("who", ["other_company", "editorial", "broadcaster"])
def test_a_thread_socket_is_refused_to_who_cannot_read_it(client, who):
    thread = _thread(AdvertiserUserFactory())
    user = {
        "other_company": lambda: AdvertiserUserFactory(),
        "editorial": lambda: UserFactory(roles=[Role.EDITORIAL]),
        "broadcaster": lambda: UserFactory(roles=[Role.BROADCASTER]),
    }[who]()
    client.force_login(user)

    async def scenario():
        socket = connect_as(client, f"/ws/messages/{thread.pk}/")
        result = await socket.connect()
        await socket.disconnect()
        return result

    assert async_to_sync(scenario)() == (False, 4404)


@sockets
@pytest.mark.parametrize("path", ["/ws/messages/", "/ws/messages/1/"])
def test_anonymous_sockets_are_refused(client, path):
    async def scenario():
        socket = connect_as(client, path)
        result = await socket.connect()
        await socket.disconnect()
        return result

    assert async_to_sync(scenario)() == (False, 4401)


def test_the_poll_returns_the_messages_after_the_last_shown_and_marks_read(client):
    advertiser = AdvertiserUserFactory()
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    thread = _thread(advertiser)
    first = thread.messages.get()
    answer = services.post_message(thread=thread, author=admin, body="Réponse *rapide*")
    client.force_login(advertiser)
    url = reverse("conversations:new_messages", args=[thread.pk])

    data = client.get(url, {"after": first.pk}).json()
    assert [item["id"] for item in data["messages"]] == [answer.pk]
    assert "<em>rapide</em>" in data["messages"][0]["html"]
    assert data["unread"] == 1 and data["last"] == answer.pk  # not marked: page not in front

    data = client.get(url, {"after": first.pk, "seen": "1"}).json()
    assert data["unread"] == 0
    assert client.get(url, {"after": answer.pk}).json()["messages"] == []
    assert client.get(url, {"after": "abc"}).status_code == 400


def test_the_poll_hides_hidden_messages_from_the_advertiser(client):
    advertiser = AdvertiserUserFactory()
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    thread = _thread(advertiser)
    bad = services.post_message(thread=thread, author=admin, body="Erreur")
    services.hide_message(message=bad, actor=admin, reason="Envoyé par erreur")
    client.force_login(advertiser)
    data = client.get(reverse("conversations:new_messages", args=[thread.pk])).json()
    assert bad.pk not in [item["id"] for item in data["messages"]]
    client.force_login(admin)
    data = client.get(reverse("conversations:new_messages", args=[thread.pk])).json()
    assert bad.pk in [item["id"] for item in data["messages"]]


def test_the_poll_of_another_companys_thread_is_404(client):
    thread = _thread(AdvertiserUserFactory())
    client.force_login(AdvertiserUserFactory())
    assert client.get(reverse("conversations:new_messages", args=[thread.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("conversations:new_messages", args=[thread.pk]))
    assert response.status_code == 302


def test_the_thread_page_carries_the_live_hooks(client):
    advertiser = AdvertiserUserFactory()
    thread = _thread(advertiser)
    client.force_login(advertiser)
    html = client.get(reverse("conversations:thread", args=[thread.pk])).content.decode()
    assert f'data-thread-socket="/ws/messages/{thread.pk}/"' in html
    assert f'data-thread-poll="/messages/{thread.pk}/new/"' in html
    assert "js/conversation_live.js" in html
    assert "data-unread-messages=" in html  # the badge is there (hidden at zero)


class BrokenLayer:
    async def group_send(self, group, message):
        raise ConnectionError("Redis is away")


def test_a_dead_channel_layer_never_fails_a_post(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    advertiser = AdvertiserUserFactory()
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    thread = _thread(advertiser)
    monkeypatch.setattr("conversations.live.get_channel_layer", lambda: BrokenLayer())
    with django_capture_on_commit_callbacks(execute=True):
        message = services.post_message(thread=thread, author=admin, body="Toujours là")
    assert Message.objects.filter(pk=message.pk).exists()
    assert "Could not push" in caplog.text
    # The in-app notice still reached the advertiser.
    assert advertiser.notifications.filter(kind="conversation").exists()
