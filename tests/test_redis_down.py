"""Redis down must not take the site down (issue 12).

With the cache on a dead Redis (the degrading backend pointed at a closed
port), a django-q2 broker that refuses every job and a channel layer whose sends
fail (core.tests.outage), the public pages, the simulator's APIs, registration,
the contact form, the coverage request and a booking submit all answer without a
5xx; what had to be sent waits in the outbox and leaves once the broker is back;
/healthz says 503 and names Redis. The campaign approval by the commercial team
is in broadcasting/tests/test_redis_down.py."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import BusinessSectorFactory
from campaigns.models import Status
from campaigns.tests.factories import CampaignFactory
from core.tests import outage
from editorial.models import CoverageRequest
from editorial.tests.intake_support import contact_answers, coverage_answers, event_answers
from notifications.models import OutgoingEmail
from simulator.demo import ensure_demo_rate_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings, monkeypatch, caplog):
    """Cache, broker and channel layer down (core.tests.outage)."""
    yield from outage.simulate(settings, monkeypatch, caplog)


QUOTE = {
    "spot_length": 30,
    "start_date": "2026-12-01",
    "end_date": "2026-12-14",
    "bands": [{"band": "prime-time", "airings": 10}],
}
CONTACT = {
    "nom": "Fatimata Compaoré",
    "email": "fatimata@example.bf",
    "telephone": "70 12 34 56",
    "objet": "Demande de devis publicitaire",
    "message": "Bonjour, je voudrais un devis pour 20 passages en mars.",
}


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what} answered {response.status_code}"


def cache_warnings(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "core.cache"]


def queued_emails_to(address: str) -> list[OutgoingEmail]:
    queued = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED)
    return [email for email in queued if address in email.to]


def bring_the_broker_back(redis_down, time_machine) -> None:
    """The broker answers again; the outbox's sweeper finds what waited."""
    from notifications.tasks import sweep_outbox

    redis_down.broker.down = False
    time_machine.shift(timedelta(minutes=30))
    sweep_outbox()


# --- Public pages and APIs ---------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/tarifs/", "/simulateur/", "/contact/"])
def test_public_pages_answer(client, seeded, redis_down, caplog, url):
    response = client.get(url)
    assert response.status_code == 200, url
    warnings = cache_warnings(caplog)
    assert warnings, "the outage is logged"
    assert len(warnings) == 1, "once, not once per cache operation"


def test_the_simulator_apis_answer_and_are_not_throttled_shut(client, seeded, redis_down):
    card = client.get(reverse("simulator:api_rate_card"))
    assert card.status_code == 200
    assert card.json()["bands"]
    for _ in range(3):
        quote = client.post(
            reverse("simulator:api_quote"), json.dumps(QUOTE), content_type="application/json"
        )
        assert quote.status_code == 200
        assert quote.json()["subtotal"] > 0


def test_the_quote_fast_lane_answers(seeded, redis_down):
    from simulator.fastlane import QUOTE_PATH, QuoteFastLane

    async def django_app(scope, receive, send):  # pragma: no cover - not reached
        raise AssertionError("the fast lane answers the quote itself")

    communicator = HttpCommunicator(
        QuoteFastLane(django_app),
        "POST",
        QUOTE_PATH,
        body=json.dumps(QUOTE).encode(),
        headers=[(b"host", b"testserver")],
    )
    communicator.scope["client"] = ("10.0.0.7", 5000)
    response = async_to_sync(communicator.get_response)()
    assert response["status"] == 200
    assert json.loads(response["body"])["subtotal"] > 0


def test_the_simulator_page_prices_a_link(client, seeded, redis_down):
    response = client.get("/simulateur/?spot_length=30&bands=prime-time:10")
    assert response.status_code == 200


def test_the_contact_form_is_received_and_its_email_waits(
    client, seeded, redis_down, django_capture_on_commit_callbacks, time_machine
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", CONTACT)
    assert response.status_code == 200
    assert "Merci pour votre message" in response.content.decode()
    assert queued_emails_to("commercial@bf1.bf")
    mail.outbox.clear()

    bring_the_broker_back(redis_down, time_machine)
    assert not queued_emails_to("commercial@bf1.bf")
    # (the demo site's own notices leave with it: only the team's copy is counted)
    assert [m.to for m in mail.outbox if "commercial@bf1.bf" in m.to] == [["commercial@bf1.bf"]]


# --- /healthz -----------------------------------------------------------------------------


def test_healthz_says_503_and_names_redis(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"] == {"ok": False, "detail": "Redis: ConnectionError"}
    assert checks["broker"] == {"ok": False, "detail": "Redis: ConnectionError"}
    assert checks["database"]["ok"] is True


# --- Registration ------------------------------------------------------------------------


def registration(sector) -> dict:
    return {
        "first_name": "Aminata",
        "last_name": "Kaboré",
        "email": "aminata.kabore@karite-or.bf",
        "phone": "70 12 34 56",
        "company_name": "Karité d'Or SARL",
        "sector": sector.pk,
        "ifu": "00012345a",
        "rccm": "bf-oua-2021-b-4567",
        "address": "Zone du Bois, Ouagadougou",
        "password1": "Tamarinier-Vert-88",
        "password2": "Tamarinier-Vert-88",
        "accept_terms": "on",
    }


def test_registration_succeeds_and_the_confirmation_leaves_when_redis_is_back(
    client, redis_down, django_capture_on_commit_callbacks, time_machine
):
    sector = BusinessSectorFactory(name="Cosmétiques test", slug="cosmetiques-test")
    assert client.get(reverse("accounts:register")).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), registration(sector))

    assert response.status_code == 200
    assert User.objects.filter(email="aminata.kabore@karite-or.bf").exists()
    assert "notifications.tasks.deliver_email" in redis_down.broker.refused
    assert mail.outbox == []
    assert len(queued_emails_to("aminata.kabore@karite-or.bf")) == 1

    bring_the_broker_back(redis_down, time_machine)
    assert not queued_emails_to("aminata.kabore@karite-or.bf")
    [message] = mail.outbox
    assert message.to == ["aminata.kabore@karite-or.bf"]
    assert "/register/confirm/" in message.body


# --- Coverage request --------------------------------------------------------------------


def test_the_coverage_request_goes_through_its_four_steps(
    client, redis_down, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    url = reverse("editorial:request_create")
    assert_no_server_error(client.get(f"{url}?step=1"), "step 1")
    steps = [(1, event_answers()), (2, contact_answers()), (3, coverage_answers())]
    for step, answers in steps:
        response = client.post(url, {**answers, "step": step, "action": "next"})
        assert response.status_code == 302, (step, getattr(response, "context", None))
        assert_no_server_error(client.get(response.url), f"step {step + 1}")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"step": 4, "action": "send", "confirmed": "on"})

    assert response.status_code == 302
    assert response.url == reverse("editorial:request_sent")
    coverage = CoverageRequest.objects.get()
    assert queued_emails_to("mariam.kabore@sante.gov.bf")
    assert_no_server_error(client.get(response.url), "the confirmation page")
    assert coverage.reference


# --- Booking ------------------------------------------------------------------------------


def test_an_advertiser_submits_a_booking(
    client, advertiser_a, redis_down, django_capture_on_commit_callbacks
):
    ensure_demo_rate_card()
    campaign = CampaignFactory(user=advertiser_a)
    client.force_login(advertiser_a)
    edit = reverse("campaigns:edit", kwargs={"uuid": campaign.uuid})
    page = client.get(f"{edit}?step=4")
    assert page.status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"step": "4", "accept_terms": "on"})

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Status.SUBMITTED
    assert campaign.is_quote_frozen
    assert_no_server_error(client.get(campaign.get_absolute_url()), "the campaign page")
    assert_no_server_error(client.get(reverse("campaigns:create")), "the wizard")


# --- The rate card, read from the database while the cache is down ------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_card_change_is_seen_at_once_while_the_cache_is_down(redis_down):
    from simulator import selectors
    from simulator.models import TimeBand

    ensure_demo_rate_card()
    assert selectors.current_pricing_data().band("prime-time").price_up_to_30 == 103_545
    band = TimeBand.objects.get(code="prime-time")
    band.price_up_to_30 = 90_000
    band.save()  # the change cannot be announced through the cache
    assert selectors.current_pricing_data().band("prime-time").price_up_to_30 == 90_000
    assert selectors.remembered_pricing_data() is None
