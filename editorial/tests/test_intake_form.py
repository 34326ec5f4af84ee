"""The public request form, step by step (`/coverage/request/`): the answers of
steps 1-3 stay in the session, nothing is created before the last step, going
back keeps what was typed, the last step creates everything at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from editorial.models import CoverageAttachment, CoverageRequest
from editorial.views.public import SESSION_KEY
from simulator.demo import ensure_demo_rate_card
from simulator.models import Offer

from .intake_support import (
    contact_answers,
    coverage_answers,
    event_answers,
    exe_bytes,
    pdf,
    upload,
)

pytestmark = pytest.mark.django_db

URL = reverse("editorial:request_create")


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.LANGUAGE_CODE = "en"
    cache.clear()  # the per-address limit counts in the cache
    with translation.override("en"):
        yield


def step_url(step: int) -> str:
    return f"{URL}?step={step}"


def post_step(client, step: int, data: dict, action: str = "next"):
    return client.post(URL, {**data, "step": step, "action": action})


def fill_steps(client, **coverage):
    assert post_step(client, 1, event_answers()).url == step_url(2)
    assert post_step(client, 2, contact_answers()).url == step_url(3)
    assert post_step(client, 3, coverage_answers(**coverage)).url == step_url(4)


def answers_in_session(client) -> dict:
    return client.session[SESSION_KEY]["answers"]


# --- The steps ------------------------------------------------------------------------
def test_the_form_is_open_to_visitors(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert "event_title" in response.content.decode()


def test_steps_keep_their_answers_in_the_session_and_create_nothing(client):
    fill_steps(client)
    assert CoverageRequest.objects.count() == 0
    saved = answers_in_session(client)
    assert saved["1"]["event_title"] == "Lancement de la campagne de vaccination"
    assert saved["1"]["start_time"] == "09:00"
    assert saved["2"]["contact_phone"] == "+22670123456"  # already in international form
    assert saved["3"]["coverage_type"] == "video_report"
    assert client.session[SESSION_KEY]["done"] == [1, 2, 3]


def test_a_step_cannot_be_skipped(client):
    response = client.get(step_url(3))
    assert response.url == step_url(1)
    post_step(client, 1, event_answers())
    assert client.get(step_url(4)).url == step_url(2)
    assert post_step(client, 3, coverage_answers()).url == step_url(2)


def test_a_step_shows_its_errors_and_keeps_what_was_typed(client):
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = post_step(client, 1, event_answers(event_date=past))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The event must be in the future: this date has passed." in page
    assert "Lancement de la campagne de vaccination" in page
    assert 1 not in client.session[SESSION_KEY]["done"]


def test_back_keeps_the_answers_of_both_steps(client):
    post_step(client, 1, event_answers())
    response = post_step(client, 2, contact_answers(contact_name="Awa Sanou"), action="back")
    assert response.url == step_url(1)
    page = client.get(step_url(1)).content.decode()
    assert 'value="Lancement de la campagne de vaccination"' in page
    page = client.get(step_url(2)).content.decode()
    assert 'value="Awa Sanou"' in page


def test_back_keeps_an_unfinished_step_as_typed(client):
    post_step(client, 1, event_answers())
    response = post_step(
        client, 2, contact_answers(contact_name="Awa Sanou", contact_email="awa@"), action="back"
    )
    assert response.url == step_url(1)
    assert answers_in_session(client)["2"]["contact_email"] == "awa@"
    assert client.session[SESSION_KEY]["done"] == [1]
    page = client.get(step_url(2)).content.decode()
    assert 'value="Awa Sanou"' in page
    assert "Enter a valid email address." in page  # Django's own message


def test_contacts_are_prefilled_for_a_signed_in_user(client, advertiser_a):
    client.force_login(advertiser_a)
    post_step(client, 1, event_answers())
    page = client.get(step_url(2)).content.decode()
    assert f'value="{advertiser_a.email}"' in page
    assert f'value="{advertiser_a.get_full_name()}"' in page


def test_urgent_is_checked_against_the_event_of_step_1(client):
    post_step(client, 1, event_answers())  # next week
    post_step(client, 2, contact_answers())
    response = post_step(client, 3, coverage_answers(urgency="urgent"))
    assert response.status_code == 200
    assert "“Urgent” is for an event that starts within 48 hours" in response.content.decode()


def test_the_matching_offer_and_its_price_are_shown(client):
    card, _created = ensure_demo_rate_card()
    # 177 000 FCFA incl. VAT as published: 150 000 excl. VAT
    Offer.objects.filter(rate_card=card, code="couverture-jt13").update(price=177_000)
    fill_steps(client)
    page = client.get(step_url(4)).content.decode()
    assert "Couverture JT 13h" in page
    assert "150\u202f000" in page or "150\u00a0000" in page or "150 000" in page


# --- The last step ----------------------------------------------------------------------
def test_a_visitor_sends_a_request_and_sees_its_reference(client):
    fill_steps(client)
    response = client.post(
        URL, {"step": 4, "action": "send", "confirmed": "on", "attachments": [pdf()]}
    )
    coverage = CoverageRequest.objects.get()
    assert response.url == reverse("editorial:request_sent")
    assert coverage.requester is None
    assert coverage.attachments.count() == 1
    assert SESSION_KEY not in client.session
    page = client.get(response.url).content.decode()
    assert coverage.reference in page
    [ack] = [m for m in mail.outbox if "mariam.kabore@sante.gov.bf" in m.to]
    assert coverage.reference in ack.subject


def test_a_signed_in_user_lands_on_the_request(client, advertiser_a):
    client.force_login(advertiser_a)
    fill_steps(client)
    response = client.post(URL, {"step": 4, "action": "send", "confirmed": "on"})
    coverage = CoverageRequest.objects.get()
    assert response.url == coverage.get_absolute_url()
    assert coverage.requester == advertiser_a
    assert coverage.advertiser == advertiser_a.advertiser
    assert client.get(response.url).status_code == 200


def test_without_the_confirmation_nothing_is_sent(client):
    fill_steps(client)
    response = client.post(URL, {"step": 4, "action": "send"})
    assert response.status_code == 200
    assert "Confirm that the information given is correct" in response.content.decode()
    assert CoverageRequest.objects.count() == 0
    assert SESSION_KEY in client.session  # the answers are kept


def test_a_bad_attachment_is_named_and_the_answers_are_kept(client):
    fill_steps(client)
    response = client.post(
        URL,
        {
            "step": 4,
            "action": "send",
            "confirmed": "on",
            "attachments": [upload("programme.pdf", exe_bytes())],
        },
    )
    assert response.status_code == 200
    assert "“programme.pdf” is a program" in response.content.decode()
    assert CoverageRequest.objects.count() == 0
    assert CoverageAttachment.objects.count() == 0
    assert answers_in_session(client)["1"]["event_title"]


def test_a_sixth_attachment_is_refused_on_the_page(client):
    fill_steps(client)
    files = [pdf(f"piece-{n}.pdf") for n in range(6)]
    response = client.post(
        URL, {"step": 4, "action": "send", "confirmed": "on", "attachments": files}
    )
    assert "You may attach 5 files at most (you sent 6)." in response.content.decode()
    assert CoverageRequest.objects.count() == 0


def test_an_answer_that_no_longer_holds_sends_back_to_its_step(client):
    fill_steps(client)
    session = client.session
    session[SESSION_KEY]["answers"]["1"]["event_date"] = "2001-01-01"  # the event has passed
    session.save()
    response = client.post(URL, {"step": 4, "action": "send", "confirmed": "on"})
    assert response.url == step_url(1)
    assert CoverageRequest.objects.count() == 0
    page = client.get(response.url).content.decode()
    assert "The event must be in the future: this date has passed." in page


def test_back_from_the_last_step(client):
    fill_steps(client)
    response = client.post(URL, {"step": 4, "action": "back"})
    assert response.url == step_url(3)


def test_an_address_is_limited_in_requests_per_hour(client, settings):
    settings.COVERAGE_REQUESTS_PER_HOUR = 1
    fill_steps(client)
    client.post(URL, {"step": 4, "action": "send", "confirmed": "on"})
    fill_steps(client)
    response = client.post(URL, {"step": 4, "action": "send", "confirmed": "on"})
    assert response.status_code == 429
    assert CoverageRequest.objects.count() == 1


def test_the_sent_page_needs_a_request_just_sent(client):
    response = client.get(reverse("editorial:request_sent"))
    assert response.url == URL


def test_an_unknown_step_opens_the_first(client):
    assert client.get(f"{URL}?step=9").status_code == 200
    assert client.get(f"{URL}?step=abc").status_code == 200
