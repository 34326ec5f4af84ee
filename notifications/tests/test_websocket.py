"""The live unread-notification counter over WebSocket (channels)."""

import importlib.util

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.security.websocket import OriginValidator
from channels.testing import WebsocketCommunicator

from accounts.tests.factories import AdvertiserUserFactory
from notifications import services

PATH = "/ws/notifications/"

# The session is read from the database by another thread: commit for real.
# serialized_rollback: the committed rows (roles, sectors, Wagtail root) are
# restored afterwards for the transactional tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    layer = get_channel_layer()
    async_to_sync(layer.flush)()
    yield
    async_to_sync(layer.flush)()


def fresh_application():
    """Build bf1portal.asgi anew, so that it reads the settings of the test."""
    spec = importlib.util.find_spec("bf1portal.asgi")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.application


def headers(client=None, origin="http://testserver"):
    items = [(b"host", b"testserver")]
    if origin:
        items.append((b"origin", origin.encode()))
    if client is not None and "sessionid" in client.cookies:
        items.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return items


def run(scenario):
    return async_to_sync(scenario)()


def test_websocket_route_goes_through_origin_and_auth_checks():
    from bf1portal.asgi import application

    assert isinstance(application.application_mapping["websocket"], OriginValidator)


def test_anonymous_connection_is_closed():
    from bf1portal.asgi import application

    async def scenario():
        communicator = WebsocketCommunicator(application, PATH, headers=headers())
        connected, code = await communicator.connect()
        await communicator.disconnect()
        return connected, code

    connected, code = run(scenario)
    assert connected is False
    assert code == 4401


def test_signed_in_user_gets_the_live_count(client):
    from bf1portal.asgi import application

    user = AdvertiserUserFactory()
    other = AdvertiserUserFactory()
    services.notify(recipient=user, title="Première")
    services.notify(recipient=user, title="Deuxième")
    client.force_login(user)

    async def scenario():
        communicator = WebsocketCommunicator(application, PATH, headers=headers(client))
        connected, _ = await communicator.connect()
        assert connected
        received = [await communicator.receive_json_from()]

        created = await database_sync_to_async(services.notify)(recipient=user, title="Troisième")
        received.append(await communicator.receive_json_from())

        # Someone else's notification does not reach this page.
        await database_sync_to_async(services.notify)(recipient=other, title="Pour un autre")
        assert await communicator.receive_nothing()

        await database_sync_to_async(services.mark_read)(user=user, notification_id=created.pk)
        received.append(await communicator.receive_json_from())
        await database_sync_to_async(services.mark_read)(user=user)
        received.append(await communicator.receive_json_from())
        await communicator.disconnect()
        return received

    assert run(scenario) == [
        {"type": "unread_count", "count": 2},
        {"type": "unread_count", "count": 3},
        {"type": "unread_count", "count": 2},
        {"type": "unread_count", "count": 0},
    ]


def test_a_foreign_origin_is_rejected(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    application = fresh_application()
    user = AdvertiserUserFactory()
    client.force_login(user)

    async def attempt(origin):
        communicator = WebsocketCommunicator(
            application, PATH, headers=headers(client, origin=origin)
        )
        connected, _ = await communicator.connect()
        if connected:
            await communicator.receive_json_from()
        await communicator.disconnect()
        return connected

    assert async_to_sync(attempt)("https://evil.example") is False
    assert async_to_sync(attempt)(None) is False
    assert async_to_sync(attempt)("http://testserver") is True


def test_an_unknown_websocket_path_is_refused(client):
    from bf1portal.asgi import application

    client.force_login(AdvertiserUserFactory())

    async def scenario():
        communicator = WebsocketCommunicator(application, "/ws/nowhere/", headers=headers(client))
        try:
            connected, _ = await communicator.connect()
        except ValueError:  # URLRouter: "No route found for path"
            return False
        await communicator.disconnect()
        return connected

    assert run(scenario) is False
