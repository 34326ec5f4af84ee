"""The technical report loaded on demand by the day page: broadcasters read the
reports of approved spots only (as they read only their media), administrators all."""

import pytest

from campaigns.models import ReviewState
from campaigns.tests.factories import SpotFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "broadcaster_status"),
    [(ReviewState.APPROVED, 200), (ReviewState.PENDING, 404)],
)
def test_broadcasters_read_the_reports_of_approved_spots_only(
    client, broadcaster, administrator, state, broadcaster_status
):
    spot = SpotFactory(review_state=state)
    url = f"/diffusion/spots/{spot.pk}/report/"
    client.force_login(broadcaster)
    assert client.get(url).status_code == broadcaster_status
    client.force_login(administrator)
    assert client.get(url).status_code == 200


def test_advertisers_never_read_it(client, advertiser_a):
    spot = SpotFactory(review_state=ReviewState.APPROVED)
    client.force_login(advertiser_a)
    assert client.get(f"/diffusion/spots/{spot.pk}/report/").status_code == 403
