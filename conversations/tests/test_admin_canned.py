"""Canned replies in the admin: managed by the commercial administrators only."""

from __future__ import annotations

import pytest

from conversations.models import CannedReply, Team

pytestmark = pytest.mark.django_db
BASE = "/admin/messages/canned-replies/"


def test_administrators_create_edit_and_delete(client, administrator):
    client.force_login(administrator)
    assert client.get(BASE).status_code == 200
    response = client.post(
        BASE + "new/",
        {
            "title": "Merci",
            "team": Team.COMMERCIAL,
            "body": "Merci pour votre message.",
            "active": "on",
        },
    )
    assert response.status_code == 302
    reply = CannedReply.objects.get()
    client.post(
        f"{BASE}edit/{reply.pk}/",
        {"title": "Merci !", "team": Team.COMMERCIAL, "body": "Merci.", "active": "on"},
    )
    reply.refresh_from_db()
    assert reply.title == "Merci !"
    client.post(f"{BASE}delete/{reply.pk}/")
    assert not CannedReply.objects.exists()


@pytest.mark.parametrize("persona", ["editorial", "accountant"])
def test_other_staff_cannot_manage_them(client, persona, request):
    reply = CannedReply.objects.create(title="Merci", body="Merci.", team=Team.NEWSROOM)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(BASE).status_code == 302
    client.post(BASE + "new/", {"title": "X", "team": Team.NEWSROOM, "body": "X", "active": "on"})
    client.post(f"{BASE}delete/{reply.pk}/")
    assert list(CannedReply.objects.values_list("title", flat=True)) == ["Merci"]


def test_advertisers_cannot_reach_them(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.get(BASE)
    assert response.status_code == 302 and "login" in response["Location"]
