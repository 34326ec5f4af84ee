"""A user switches the e-mails of each kind of notification on or off in /profile/."""

import pytest
from django.urls import reverse

from notifications import selectors, services
from notifications.kinds import NotificationKind
from notifications.models import NotificationPreference

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
SAVE = reverse("notifications:email_preferences")


def choices(response) -> dict[str, bool]:
    return {item["kind"]: item["enabled"] for item in response.context["email_preferences"]}


def test_everything_is_sent_until_switched_off(advertiser_a):
    assert all(item["enabled"] for item in selectors.email_preferences(advertiser_a))
    assert selectors.email_enabled(advertiser_a, NotificationKind.CAMPAIGN_STATUS)


def test_the_advertiser_sees_its_kinds_in_the_profile(client, advertiser_a):
    client.force_login(advertiser_a)
    response = client.get(PROFILE)
    assert response.status_code == 200
    assert list(choices(response)) == [
        "campaign_status",
        "spot_review",
        "airing",
        "coverage",
        "billing",
        "conversation",
        "general",
    ]
    page = response.content.decode()
    assert 'id="panel-notifications"' in page
    assert f'action="{SAVE}"' in page
    assert 'name="email_kinds" value="campaign_status" checked' in page


def test_the_advertiser_switches_a_kind_off(client, advertiser_a, advertiser_b):
    client.force_login(advertiser_a)
    response = client.post(SAVE, {"email_kinds": ["spot_review", "airing", "general"]})
    assert response.status_code == 302
    assert response["Location"] == PROFILE + "#notifications"

    assert not selectors.email_enabled(advertiser_a, NotificationKind.CAMPAIGN_STATUS)
    assert selectors.email_enabled(advertiser_a, NotificationKind.SPOT_REVIEW)
    assert selectors.email_enabled(advertiser_b, NotificationKind.CAMPAIGN_STATUS)

    page = client.get(PROFILE)
    assert choices(page) == {
        "campaign_status": False,
        "spot_review": True,
        "airing": True,
        "coverage": False,
        "billing": False,
        "conversation": False,
        "general": True,
    }
    assert [m.level_tag for m in page.context["messages"]] == ["success"]

    # And back on.
    client.post(SAVE, {"email_kinds": ["campaign_status", "spot_review", "airing", "general"]})
    assert selectors.email_enabled(advertiser_a, NotificationKind.CAMPAIGN_STATUS)


def test_the_administrator_sees_and_saves_the_team_kinds(client, administrator):
    client.force_login(administrator)
    offered = list(choices(client.get(PROFILE)))
    for kind in ("campaign_submitted", "spot_uploaded", "creation_request", "quote_request"):
        assert kind in offered
    assert "campaign_status" not in offered

    client.post(SAVE, {"email_kinds": ["spot_uploaded"]})
    assert selectors.email_enabled(administrator, NotificationKind.SPOT_UPLOADED)
    for kind in ("campaign_submitted", "creation_request", "quote_request"):
        assert not selectors.email_enabled(administrator, kind)


@pytest.mark.parametrize("bad", ["unknown", "quote_request", ""])
def test_an_unknown_or_foreign_kind_changes_nothing(client, advertiser_a, bad):
    services.set_email_preferences(user=advertiser_a, enabled_kinds=["spot_review"])
    before = list(
        NotificationPreference.objects.filter(user=advertiser_a)
        .order_by("kind")
        .values_list("kind", "email_enabled")
    )
    client.force_login(advertiser_a)
    response = client.post(SAVE, {"email_kinds": ["campaign_status", bad]}, follow=True)
    assert response.redirect_chain[-1][0] == PROFILE + "#notifications"
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    after = list(
        NotificationPreference.objects.filter(user=advertiser_a)
        .order_by("kind")
        .values_list("kind", "email_enabled")
    )
    assert after == before


def test_the_service_refuses_an_unknown_kind(advertiser_a):
    with pytest.raises(services.NotificationError):
        services.set_email_preferences(user=advertiser_a, enabled_kinds=["nope"])
    assert not NotificationPreference.objects.exists()


def test_saving_needs_a_post_and_a_signed_in_user(client, advertiser_a):
    response = client.post(SAVE, {"email_kinds": []})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(advertiser_a)
    assert client.get(SAVE).status_code == 405
    assert not NotificationPreference.objects.exists()
