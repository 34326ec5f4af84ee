"""`/ws/diffusion/planning/` (broadcasting/consumers.py): the broadcasting team
hears which days of the running order changed, once the change commits."""

# ruff: noqa: F401, F811 - fixtures imported from planning_fixtures, used as arguments

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import transaction

from broadcasting import realtime
from broadcasting.services import airings as service

from .planning_fixtures import TODAY, clock, media_root, tonight

PATH = "/ws/diffusion/planning/"

# The session is read from the database by another thread: commit for real.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    layer = get_channel_layer()
    async_to_sync(layer.flush)()
    yield
    async_to_sync(layer.flush)()


def communicator_for(client):
    from bf1portal.asgi import application

    headers = [(b"host", b"testserver"), (b"origin", b"http://testserver")]
    if "sessionid" in client.cookies:
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return WebsocketCommunicator(application, PATH, headers=headers)


def attempt(client):
    async def scenario():
        communicator = communicator_for(client)
        connected, code = await communicator.connect()
        await communicator.disconnect()
        return connected, code

    return async_to_sync(scenario)()


@pytest.mark.parametrize("name", ["broadcaster", "administrator", "superuser"])
def test_the_broadcasting_team_connects(client, persona, name):
    client.force_login(persona(name))
    assert attempt(client) == (True, None)


@pytest.mark.parametrize(
    ("name", "code"),
    [("anonymous", 4401), ("advertiser_a", 4403), ("advertiser_b", 4403), ("editorial", 4403)],
)
def test_everyone_else_is_refused(client, persona, name, code):
    user = persona(name)
    if user is not None:
        client.force_login(user)
    assert attempt(client) == (False, code)


def test_a_confirmation_reaches_the_dashboards_after_its_commit(client, broadcaster, tonight):
    client.force_login(broadcaster)
    airing = tonight["started"]

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert connected
        assert await communicator.receive_nothing()
        await database_sync_to_async(service.confirm_aired)(airing=airing, actor=broadcaster)
        message = await communicator.receive_json_from()
        await communicator.disconnect()
        return message

    assert async_to_sync(scenario)() == {"type": "planning_changed", "days": [TODAY.isoformat()]}


def test_a_missed_airing_announces_the_make_goods_day_too(client, broadcaster, tonight):
    client.force_login(broadcaster)

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert connected
        await database_sync_to_async(service.mark_missed)(
            airing=tonight["started"], actor=broadcaster, reason="Coupure"
        )
        message = await communicator.receive_json_from()
        await communicator.disconnect()
        return message

    message = async_to_sync(scenario)()
    assert message["type"] == "planning_changed"
    assert TODAY.isoformat() in message["days"]


def test_a_rolled_back_change_announces_nothing(client, broadcaster, tonight):
    client.force_login(broadcaster)

    def confirm_then_fail():
        try:
            with transaction.atomic():
                service.confirm_aired(airing=tonight["started"], actor=broadcaster)
                raise RuntimeError("boom")
        except RuntimeError:
            pass

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert connected
        await database_sync_to_async(confirm_then_fail)()
        nothing = await communicator.receive_nothing()
        await communicator.disconnect()
        return nothing

    assert async_to_sync(scenario)() is True


def test_a_refused_socket_hears_nothing(client, advertiser_a):
    client.force_login(advertiser_a)
    assert attempt(client) == (False, 4403)
    layer = get_channel_layer()
    assert layer.groups.get(realtime.GROUP_NAME, {}) == {}


def test_what_the_page_sends_is_ignored(client, broadcaster):
    client.force_login(broadcaster)

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert connected
        await communicator.send_json_to({"type": "planning_changed", "days": ["2026-12-10"]})
        nothing = await communicator.receive_nothing()
        await communicator.disconnect()
        return nothing

    assert async_to_sync(scenario)() is True
