"""The live counts of the admin dashboard's "Waiting for action" panel:
`/ws/admin/pending-counts/` (campaigns/consumers.py) and the broadcasts sent by
the services once their transaction commits (campaigns/realtime.py)."""

from __future__ import annotations

import logging
import re

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.urls import reverse

from campaigns import realtime, services
from campaigns.models import ReviewState, SpotKind, Status
from campaigns.tests.factories import CampaignFactory, SpotFactory, image_factory_image

PATH = "/ws/admin/pending-counts/"

# The session is read from the database by another thread: commit for real.
# serialized_rollback restores the migrations' rows for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    layer = get_channel_layer()
    async_to_sync(layer.flush)()
    yield
    async_to_sync(layer.flush)()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def headers(client=None, origin="http://testserver"):
    items = [(b"host", b"testserver")]
    if origin:
        items.append((b"origin", origin.encode()))
    if client is not None and "sessionid" in client.cookies:
        items.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return items


def communicator_for(client):
    from bf1portal.asgi import application

    return WebsocketCommunicator(application, PATH, headers=headers(client))


def submitted(**kwargs):
    campaign = CampaignFactory(**kwargs)
    services.submit(campaign=campaign, user=campaign.created_by, accept_terms=True)
    return campaign


def counts(campaigns=0, spots=0, creation_requests=0):
    return {
        "type": "pending_counts",
        "campaigns": campaigns,
        "spots": spots,
        "creation_requests": creation_requests,
    }


# --- Who may connect -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["administrator", "superuser"])
def test_the_commercial_team_receives_the_counts_on_connect(client, persona, card, name):
    submitted()
    client.force_login(persona(name))

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert connected
        first = await communicator.receive_json_from()
        await communicator.disconnect()
        return first

    assert async_to_sync(scenario)() == counts(campaigns=1)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("anonymous", 4401),
        ("advertiser_a", 4403),
        ("advertiser_b", 4403),
        ("broadcaster", 4403),
        ("editorial", 4403),
    ],
)
def test_everyone_else_is_refused(client, persona, name, code):
    user = persona(name)
    if user is not None:
        client.force_login(user)

    async def scenario():
        communicator = communicator_for(client)
        connected, close_code = await communicator.connect()
        await communicator.disconnect()
        return connected, close_code

    assert async_to_sync(scenario)() == (False, code)


def test_a_refused_user_gets_no_broadcast(client, advertiser_a, card):
    """A refused socket never joined the group: a later change reaches nobody."""
    client.force_login(advertiser_a)

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert not connected
        await database_sync_to_async(submitted)(user=advertiser_a)
        layer = get_channel_layer()
        return layer.groups.get(realtime.GROUP_NAME, {})

    assert async_to_sync(scenario)() == {}


# --- Live updates ----------------------------------------------------------------------


def test_a_submitted_campaign_reaches_the_dashboard_live(client, administrator, card):
    client.force_login(administrator)

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert connected
        received = [await communicator.receive_json_from()]

        campaign = await database_sync_to_async(submitted)()
        received.append(await communicator.receive_json_from())

        await database_sync_to_async(services.request_changes)(
            campaign=campaign, actor=administrator, note="Précisez le public visé."
        )
        received.append(await communicator.receive_json_from())
        assert await communicator.receive_nothing()
        await communicator.disconnect()
        return received

    assert async_to_sync(scenario)() == [counts(), counts(campaigns=1), counts()]


def test_spots_added_and_reviewed_reach_the_dashboard_live(client, administrator, card):
    campaign = submitted()
    client.force_login(administrator)

    def add_spot():
        return services.add_spot(
            campaign=campaign,
            user=campaign.created_by,
            kind=SpotKind.IMAGE,
            image=image_factory_image(),
        )

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert connected
        received = [await communicator.receive_json_from()]

        spot = await database_sync_to_async(add_spot)()
        received.append(await communicator.receive_json_from())

        await database_sync_to_async(services.review_spot)(
            spot=spot, actor=administrator, approve=False, reason="Image floue"
        )
        received.append(await communicator.receive_json_from())
        await communicator.disconnect()
        return received

    assert async_to_sync(scenario)() == [
        counts(campaigns=1),
        counts(campaigns=1, spots=1),
        counts(campaigns=1),
    ]


def test_one_transaction_sends_one_broadcast(client, administrator, card):
    """Approving several campaigns at once moves each one, but the panel hears
    the result once, after the commit."""
    ready = []
    for _ in range(3):
        campaign = submitted()
        SpotFactory(campaign=campaign, review_state=ReviewState.APPROVED)
        ready.append(campaign)
    client.force_login(administrator)

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert connected
        received = [await communicator.receive_json_from()]
        approved, skipped = await database_sync_to_async(services.bulk_approve)(
            campaigns=ready, actor=administrator
        )
        assert (len(approved), skipped) == (3, {})
        received.append(await communicator.receive_json_from())
        assert await communicator.receive_nothing()
        await communicator.disconnect()
        return received

    assert async_to_sync(scenario)() == [counts(campaigns=3), counts()]


def test_a_rolled_back_change_sends_nothing(client, administrator, card):
    campaign = submitted()
    client.force_login(administrator)

    def refuse_then_fail():
        try:
            with transaction.atomic():
                services.refuse(campaign=campaign, actor=administrator, note="Hors charte")
                raise RuntimeError("boom")
        except RuntimeError:
            pass

    async def scenario():
        communicator = communicator_for(client)
        connected, _ = await communicator.connect()
        assert connected
        await communicator.receive_json_from()
        await database_sync_to_async(refuse_then_fail)()
        nothing = await communicator.receive_nothing()
        await communicator.disconnect()
        return nothing

    assert async_to_sync(scenario)() is True
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED


# --- realtime.py on its own --------------------------------------------------------------


@pytest.mark.django_db
def test_scheduling_twice_in_a_transaction_registers_one_callback(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        realtime.schedule_pending_counts_broadcast()
        with transaction.atomic():
            realtime.schedule_pending_counts_broadcast()
        realtime.schedule_pending_counts_broadcast()
    assert callbacks == [realtime.broadcast_pending_counts]


@pytest.mark.django_db
def test_a_rolled_back_savepoint_does_not_swallow_a_later_broadcast(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                realtime.schedule_pending_counts_broadcast()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        realtime.schedule_pending_counts_broadcast()
    assert callbacks == [realtime.broadcast_pending_counts]


@pytest.mark.django_db
def test_a_failed_broadcast_is_logged_never_raised(monkeypatch, caplog):
    def broken():
        raise ConnectionError("redis is down")

    monkeypatch.setattr(realtime.selectors, "pending_counts", broken)
    with caplog.at_level(logging.WARNING, logger="campaigns.realtime"):
        realtime.broadcast_pending_counts()
    assert "Could not broadcast the pending counts" in caplog.text


# --- The panel's script ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_panel_loads_its_script_from_static(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index('id="campaigns-pending-counts"') :]
    panel = panel[: panel.index("</section>")]
    assert re.search(r'<script src="[^"]*js/admin_pending_counts\.js" defer>', panel)
    assert "<script>" not in panel  # no inline script
    assert 'data-poll-url="/admin/campaigns/pending-counts/"' in panel
