"""The rules of a coverage request (editorial.services.intake): each broken rule
gives a French message on its field and creates nothing; a good request gets its
reference, its offer, its history, its acknowledgement and the desk's
notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from editorial.exceptions import EditorialError
from editorial.models import CoverageAttachment, CoverageEvent, CoverageRequest, Urgency
from editorial.services import intake
from notifications.models import Notification, OutgoingEmail
from simulator.demo import ensure_demo_rate_card
from simulator.models import Offer

from .intake_support import answers, pdf

pytestmark = pytest.mark.django_db

# A Monday morning in Ouagadougou (UTC+0).
NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def english():
    """Messages are compared with their msgids; their French is checked in
    test_intake_translations.py."""
    with translation.override("en"):
        yield


def refused(data, *, files=(), user=None) -> EditorialError:
    with pytest.raises(EditorialError) as caught:
        intake.create_request(data=data, files=files, user=user, now=NOW)
    assert CoverageRequest.objects.count() == 0
    assert CoverageAttachment.objects.count() == 0
    return caught.value


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


# --- The event --------------------------------------------------------------------------
def test_a_past_event_is_refused():
    error = refused(answers(event_date=day(-1)))
    assert error.field_errors["event_date"] == [
        "The event must be in the future: this date has passed."
    ]


def test_an_event_that_started_earlier_today_is_refused():
    error = refused(answers(event_date=day(0), start_time="08:00", end_time="10:00"))
    assert "start_time" in error.field_errors
    assert "this time has passed today" in error.field_errors["start_time"][0]


def test_an_event_later_today_is_accepted():
    coverage = intake.create_request(
        data=answers(event_date=day(0), start_time="15:00", end_time="17:00"), now=NOW
    )
    assert coverage.event_date == TODAY


@pytest.mark.parametrize("end", ["08:00", "09:00"])
def test_the_end_must_come_after_the_start_the_same_day(end):
    error = refused(answers(event_date=day(7), start_time="09:00", end_time=end))
    message = error.field_errors["end_time"][0]
    assert message.startswith("The end time must be after the start time, the same day.")
    assert "23:59" in message  # the way to enter an event that ends after midnight


def test_other_type_needs_its_description():
    error = refused(answers(event_type="other", event_type_other=""))
    assert error.field_errors["event_type_other"] == ["Say what kind of event it is."]
    coverage = intake.create_request(
        data=answers(event_type="other", event_type_other="Remise de prix"), now=NOW
    )
    assert coverage.event_type_other == "Remise de prix"


def test_the_other_description_is_dropped_for_a_listed_type():
    coverage = intake.create_request(
        data=answers(event_type="seminar", event_type_other="ignoré"), now=NOW
    )
    assert coverage.event_type_other == ""


def test_required_fields_are_named_in_french():
    error = refused(answers(event_title="", address="", contact_name="", coverage_type=""))
    for field in ("event_title", "address", "contact_name", "coverage_type"):
        assert error.field_errors[field] == ["This field is required."]


def test_an_unknown_choice_is_refused():
    error = refused(answers(event_type="bal_masque"))
    assert error.field_errors["event_type"] == ["Choose one of the options offered."]


def test_a_malformed_date_or_time_is_refused():
    error = refused(answers(event_date="32/13/2026", start_time="9h"))
    assert error.field_errors["event_date"] == ["Enter a valid date."]
    assert error.field_errors["start_time"] == ["Enter a valid time."]


# --- Urgency and the answer date ------------------------------------------------------
def test_urgent_is_refused_for_an_event_more_than_48_hours_away():
    error = refused(answers(event_date=day(3), urgency="urgent"))
    assert error.field_errors["urgency"][0].startswith(
        "“Urgent” is for an event that starts within 48 hours"
    )


def test_urgent_is_accepted_within_48_hours():
    coverage = intake.create_request(
        data=answers(event_date=day(2), start_time="08:30", end_time="10:00", urgency="urgent"),
        now=NOW,
    )
    assert coverage.urgency == "urgent"


def test_priority_is_accepted_whenever():
    coverage = intake.create_request(data=answers(event_date=day(20), urgency="priority"), now=NOW)
    assert coverage.urgency == "priority"


def test_the_answer_is_wished_before_the_event():
    error = refused(answers(event_date=day(7), answer_wished_by=day(8)))
    assert error.field_errors["answer_wished_by"][0].startswith(
        "The answer is wished on the day of the event at the latest"
    )
    coverage = intake.create_request(
        data=answers(event_date=day(7), answer_wished_by=day(7)), now=NOW
    )
    assert coverage.answer_wished_by == TODAY + dt.timedelta(days=7)


def test_an_answer_date_in_the_past_is_refused():
    error = refused(answers(answer_wished_by=day(-1)))
    assert error.field_errors["answer_wished_by"] == ["This date has passed."]


# --- Contacts ---------------------------------------------------------------------------
def test_the_phone_is_checked_and_kept_in_international_form():
    error = refused(answers(contact_phone="12 34"))
    assert "contact_phone" in error.field_errors
    error = refused(answers(contact_phone="+226 40 12 34 56"))
    assert "Burkina" in error.field_errors["contact_phone"][0]  # accounts' own check
    coverage = intake.create_request(data=answers(contact_phone="70 12 34 56"), now=NOW)
    assert coverage.contact_phone == "+22670123456"


def test_the_email_is_checked():
    error = refused(answers(contact_email="mariam.kabore@"))
    assert error.field_errors["contact_email"] == ["Enter a valid e-mail address."]


def test_the_confirmation_is_required():
    error = refused(answers(confirmed=False))
    assert error.field_errors["confirmed"][0].startswith("Confirm that the information")


def test_every_broken_rule_is_reported_at_once():
    error = refused(answers(event_date=day(-2), contact_email="x", coverage_type=""))
    assert {"event_date", "contact_email", "coverage_type"} <= set(error.field_errors)
    assert error.message == "Please correct the errors below."


# --- A good request ---------------------------------------------------------------------
def test_the_reference_gives_the_year_and_the_number():
    first = intake.create_request(data=answers(), now=NOW)
    second = intake.create_request(data=answers(), now=NOW)
    assert first.reference == f"COUV-2026-{first.pk:05d}"
    assert second.reference == f"COUV-2026-{second.pk:05d}"
    assert first.reference != second.reference
    first.refresh_from_db()
    assert first.reference == f"COUV-2026-{first.pk:05d}"  # saved, not only on the object


def test_the_request_starts_new_with_one_history_line():
    coverage = intake.create_request(data=answers(), now=NOW)
    assert coverage.status == "new"
    event = CoverageEvent.objects.get(request=coverage)
    assert (event.from_status, event.to_status) == ("", "new")
    assert event.note  # written in the portal's language (French)


def test_an_anonymous_request_has_no_account():
    coverage = intake.create_request(data=answers(), now=NOW)
    assert coverage.requester is None
    assert coverage.advertiser is None


def test_a_signed_in_advertiser_is_the_requester(advertiser_a):
    coverage = intake.create_request(data=answers(), user=advertiser_a, now=NOW)
    assert coverage.requester == advertiser_a
    assert coverage.advertiser == advertiser_a.advertiser


def test_a_user_without_company_is_the_requester_alone(broadcaster):
    coverage = intake.create_request(data=answers(), user=broadcaster, now=NOW)
    assert coverage.requester == broadcaster
    assert coverage.advertiser is None


# --- The offer of the rate card --------------------------------------------------------
def test_the_matching_offer_is_stored_with_its_price():
    card, _created = ensure_demo_rate_card()
    # 177 000 FCFA incl. VAT as published: 150 000 excl. VAT
    Offer.objects.filter(rate_card=card, code="couverture-jt13").update(price=177_000)
    coverage = intake.create_request(data=answers(), now=NOW)
    assert (coverage.offer_code, coverage.offer_name, coverage.offer_price) == (
        "couverture-jt13",
        "Couverture JT 13h",
        150_000,
    )


def test_a_sports_event_gets_the_sports_offer():
    ensure_demo_rate_card()
    coverage = intake.create_request(data=answers(event_type="culture_sport"), now=NOW)
    assert coverage.offer_code == "couverture-sport"
    assert coverage.offer_price is None  # on quote


def test_a_web_article_has_no_tv_offer():
    ensure_demo_rate_card()
    coverage = intake.create_request(data=answers(coverage_type="web_article"), now=NOW)
    assert (coverage.offer_code, coverage.offer_price) == ("", None)


def test_without_a_rate_card_there_is_no_offer():
    coverage = intake.create_request(data=answers(), now=NOW)
    assert coverage.offer_code == ""


# --- Acknowledgement and notifications --------------------------------------------------
def _emails_to(address: str) -> list:
    """The e-mails to `address`: sent with Django's mail API (pytest-django keeps
    them in mail.outbox) or queued by a notification (OutgoingEmail)."""
    sent = [message for message in mail.outbox if address in message.to]
    return sent + [email for email in OutgoingEmail.objects.all() if address in email.to]


def test_the_contact_receives_the_reference_by_email():
    coverage = intake.create_request(data=answers(), now=NOW)
    (email,) = _emails_to("mariam.kabore@sante.gov.bf")
    assert coverage.reference in email.subject
    assert coverage.reference in email.body
    assert "Mariam Kaboré" in email.body


def test_a_signed_in_requester_is_notified_and_emailed_at_their_own_address(advertiser_a):
    coverage = intake.create_request(data=answers(), user=advertiser_a, now=NOW)
    notification = Notification.objects.get(recipient=advertiser_a)
    assert notification.kind == "coverage"
    assert coverage.reference in notification.title
    assert notification.url == coverage.get_absolute_url()
    assert len(_emails_to(advertiser_a.email)) == 1  # the notification's e-mail
    assert len(_emails_to("mariam.kabore@sante.gov.bf")) == 1  # the acknowledgement


def test_one_email_when_the_contact_is_the_account(advertiser_a):
    intake.create_request(
        data=answers(contact_email=advertiser_a.email), user=advertiser_a, now=NOW
    )
    assert len(_emails_to(advertiser_a.email)) == 1


def test_the_desk_is_told_of_a_new_request(editorial, administrator, advertiser_b):
    other_editor = UserFactory(email="chef.redaction@bf1.bf", roles=["editorial"])
    coverage = intake.create_request(data=answers(urgency="priority"), now=NOW)
    told = set(
        Notification.objects.filter(kind="coverage").values_list("recipient__email", flat=True)
    )
    assert told == {editorial.email, administrator.email, other_editor.email}
    notification = Notification.objects.get(recipient=editorial)
    assert coverage.reference in notification.title
    assert str(Urgency.PRIORITY.label) in notification.body or "priorit" in notification.body
    assert notification.url == reverse("editorial_requests:inspect", args=[coverage.pk])


def test_nothing_is_sent_when_the_request_is_refused(editorial):
    refused(answers(event_date=day(-1)), files=[pdf()])
    assert not OutgoingEmail.objects.exists()
    assert not mail.outbox
    assert not Notification.objects.exists()
