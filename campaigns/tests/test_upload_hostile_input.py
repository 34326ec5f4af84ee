"""The spot upload endpoints keep their temper with hostile input (issue 12):
JSON nested too deep and a `replaces` that is no spot id get a 400, never a 500."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.tests.factories import CampaignFactory
from campaigns.views.upload import _replaces

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CHUNKED_UPLOAD_DIR = str(tmp_path / "uploads")


@pytest.fixture
def campaign(advertiser_a):
    return CampaignFactory(user=advertiser_a)


@pytest.fixture
def client(advertiser_a):
    client = Client(raise_request_exception=False)
    client.force_login(advertiser_a)
    return client


def url(name: str, campaign, **kwargs) -> str:
    return reverse(f"campaigns:spot_upload:{name}", kwargs={"uuid": campaign.uuid, **kwargs})


@pytest.mark.parametrize("body", [b"[" * 1000, b'{"a":' * 2000 + b"1" + b"}" * 2000])
def test_deeply_nested_json_to_start_is_a_400(client, campaign, body):
    response = client.post(url("start", campaign), body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_deeply_nested_json_to_finish_is_answered_without_a_500(client, campaign):
    response = client.post(
        url("finish", campaign, upload_id="0" * 32), b"[" * 1000, content_type="application/json"
    )

    assert response.status_code == 404  # no such upload: the body is read as empty


@pytest.mark.parametrize(
    "value", ["a\x00b", "x" * 100_000, "²", "../../etc/passwd", "' OR 1=1 --", ["x"]]
)
def test_a_replaces_that_is_no_spot_id_never_reaches_the_database(campaign, value):
    # PostgreSQL refuses a NUL byte in a query parameter (a 500 there).
    with CaptureQueriesContext(connection) as queries:
        assert _replaces(campaign, value) is False

    assert len(queries) == 0


def test_the_form_without_javascript_refuses_a_replaces_with_a_nul_byte(client, campaign):
    response = client.post(url("page", campaign), {"replaces": "a\x00b"})

    assert response.status_code == 400
