"""Write services of the simulator app: duplicate a card for the next period,
record and announce a quote request, mark it handled."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import ModelLogEntry

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from notifications.models import Notification
from simulator import services
from simulator.demo import ensure_demo_rate_card
from simulator.models import Adjustment, Offer, QuoteRequest, RateCard, TimeBand, VolumeTier

pytestmark = pytest.mark.django_db


def ui(message: str, **params) -> str:
    """`message` in the active language (French once translated), as services give it."""
    text = translation.gettext(message)
    return text % params if params else text


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


def _rows(card: RateCard) -> dict:
    """Every row of a card, without the ids, to compare a copy with its source."""
    return {
        "bands": sorted(
            TimeBand.objects.filter(rate_card=card).values_list(
                "code",
                "name",
                "start_time",
                "end_time",
                "weekdays",
                "is_prime",
                "is_active",
                "teaching_text",
                "price_up_to_30",
                "price_31_to_60",
                "price_per_extra_second",
                "sort_order",
            )
        ),
        "adjustments": sorted(
            (
                adjustment.code,
                adjustment.name,
                adjustment.applies,
                adjustment.percent,
                adjustment.fixed_unit_price,
                adjustment.explanation,
                tuple(sorted(band.code for band in adjustment.bands.all())),
            )
            for adjustment in Adjustment.objects.filter(rate_card=card)
        ),
        "tiers": sorted(
            VolumeTier.objects.filter(rate_card=card).values_list("min_airings", "percent")
        ),
        "offers": sorted(
            Offer.objects.filter(rate_card=card).values_list(
                "code", "category", "name", "unit", "quantity", "price", "description", "sort_order"
            )
        ),
    }


# --- duplicate_rate_card -------------------------------------------------------------


def test_duplicate_copies_every_row_and_remaps_adjustment_bands(card, administrator):
    source_rows = _rows(card)

    copy = services.duplicate_rate_card(card=card, user=administrator)

    assert copy.pk != card.pk
    assert _rows(copy) == source_rows
    assert source_rows["adjustments"][-1][-1] == ("matinee",)  # the cultural rate
    cultural = Adjustment.objects.get(rate_card=copy, code="tarif-culturel")
    (band,) = cultural.bands.all()
    assert band.rate_card_id == copy.pk  # the copy's own Matinée, not the source's
    assert band.code == "matinee"
    assert _rows(card) == source_rows  # the source keeps its rows and links


def test_the_copy_is_unpublished_named_copie_and_starts_next_month_when_open_ended(
    card, administrator, monkeypatch
):
    monkeypatch.setattr(services.timezone, "localdate", lambda: date(2026, 3, 17))

    copy = services.duplicate_rate_card(card=card, user=administrator)

    assert copy.published is False
    assert copy.name == "Grille tarifaire BF1 2025 (copie)"
    assert copy.valid_from == date(2026, 4, 1)
    assert copy.valid_until is None
    assert copy.vat_rate == Decimal("18.00")
    card.refresh_from_db()
    assert card.valid_until is None  # never closed automatically
    assert card.published is True


def test_a_card_with_an_end_date_is_copied_to_the_following_period(administrator):
    year = RateCard.objects.create(
        name="Grille 2024", valid_from=date(2024, 1, 1), valid_until=date(2024, 12, 31)
    )
    odd = RateCard.objects.create(
        name="Promo", valid_from=date(2024, 3, 10), valid_until=date(2024, 3, 24)
    )

    next_year = services.duplicate_rate_card(card=year, user=administrator)
    next_promo = services.duplicate_rate_card(card=odd, user=administrator, name="Promo 2")

    assert (next_year.valid_from, next_year.valid_until) == (date(2025, 1, 1), date(2025, 12, 31))
    assert (next_promo.valid_from, next_promo.valid_until) == (date(2024, 3, 25), date(2024, 4, 8))
    assert next_promo.name == "Promo 2"


def test_a_given_start_sets_the_copy_period(card, administrator):
    copy = services.duplicate_rate_card(
        card=card, user=administrator, valid_from=date(2027, 1, 1), name="Grille 2027"
    )

    assert (copy.name, copy.valid_from, copy.valid_until) == ("Grille 2027", date(2027, 1, 1), None)


def test_a_copy_cannot_start_before_its_source(card, administrator):
    with pytest.raises(services.SimulatorError) as error:
        services.duplicate_rate_card(card=card, user=administrator, valid_from=date(2024, 6, 1))

    assert str(error.value) == ui(
        "The copy must start after the card it copies (from %(date)s).", date="01/01/2025"
    )

    assert RateCard.objects.count() == 1


def test_a_long_name_still_fits_with_the_suffix(administrator):
    long = RateCard.objects.create(name="G" * 120, valid_from=date(2030, 1, 1))

    copy = services.duplicate_rate_card(card=long, user=administrator)

    assert len(copy.name) == 120
    assert copy.name.endswith(" (copie)")


def test_the_duplication_is_logged_with_its_source(card, administrator):
    copy = services.duplicate_rate_card(card=card, user=administrator)

    entry = ModelLogEntry.objects.get(action=services.LOG_DUPLICATE)
    assert entry.object_id == str(copy.pk)
    assert entry.user == administrator
    assert entry.data["source_id"] == card.pk


# --- create_quote_request ------------------------------------------------------------


@pytest.fixture
def offer(card):
    return Offer.objects.get(rate_card=card, code="publireportage-jt1930")


def _ask(offer, **overrides) -> QuoteRequest:
    values = {
        "offer": offer,
        "name": "Mariam Zongo",
        "company": "Association Culturelle Wendé",
        "email": "mariam@wende.bf",
        "phone": "70 11 22 33",
        "message": "Un publireportage pour notre festival en décembre.",
    }
    values.update(overrides)
    return services.create_quote_request(**values)


def test_a_quote_request_is_stored_acknowledged_and_announced(
    offer, administrator, advertiser_a, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["pub@bf1.bf"]
    inactive_admin = UserFactory(email="ancien@bf1.bf", roles=[Role.ADMINISTRATOR], is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        request = _ask(offer)

    stored = QuoteRequest.objects.get()
    assert stored == request
    assert stored.offer == offer
    assert stored.offer_name == "Publireportage JT 19h30"
    assert stored.phone == "+22670112233"
    assert stored.status == QuoteRequest.Status.NEW
    assert request.reference == f"DV-{request.pk}"

    # The administrator's in-app notification also sends its own e-mail.
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {(stored.email,), ("pub@bf1.bf",), (administrator.email,)}
    acknowledgement, staff = by_recipient[(stored.email,)], by_recipient[("pub@bf1.bf",)]
    assert acknowledgement.to == ["mariam@wende.bf"]
    assert request.reference in acknowledgement.subject
    assert request.reference in acknowledgement.body
    assert "Publireportage JT 19h30" in acknowledgement.body
    assert staff.to == ["pub@bf1.bf"]
    assert staff.reply_to == ["mariam@wende.bf"]
    assert "Association Culturelle Wendé" in staff.body

    notified = Notification.objects.values_list("recipient__email", flat=True)
    assert list(notified) == [administrator.email]
    note = Notification.objects.get()
    assert request.reference in note.title
    assert note.url == f"/admin/quote-requests/inspect/{request.pk}/"
    assert not Notification.objects.filter(recipient__in=[advertiser_a, inactive_admin]).exists()


def test_nothing_is_sent_before_the_commit_and_no_staff_email_without_an_address(
    offer, administrator, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = []

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _ask(offer)
    assert mail.outbox == []
    assert not Notification.objects.exists()

    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["mariam@wende.bf"]]
    assert Notification.objects.count() == 1


def test_the_requester_account_is_kept_when_signed_in(offer, advertiser_a):
    request = _ask(offer, user=advertiser_a)

    assert request.user == advertiser_a


@pytest.mark.parametrize(
    ("field", "value"),
    [("phone", "12 34"), ("email", "pas-une-adresse"), ("name", "  ")],
)
def test_an_invalid_quote_request_is_refused_and_not_stored(
    offer, field, value, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        _ask(offer, **{field: value})

    assert field in error.value.message_dict
    assert not QuoteRequest.objects.exists()
    assert mail.outbox == []


# --- mark_quote_request_handled ------------------------------------------------------


def test_marking_handled_records_who_and_when_once(offer, administrator, superuser):
    request = _ask(offer)

    services.mark_quote_request_handled(quote_request=request, user=administrator)

    request.refresh_from_db()
    assert request.status == QuoteRequest.Status.HANDLED
    assert request.handled_by == administrator
    assert request.handled_at is not None
    assert ModelLogEntry.objects.filter(
        action=services.LOG_HANDLED, object_id=str(request.pk), user=administrator
    ).exists()

    with pytest.raises(services.SimulatorError) as error:
        services.mark_quote_request_handled(quote_request=request, user=superuser)
    assert str(error.value) == ui(
        "The quote request %(reference)s was already handled.", reference=request.reference
    )
    request.refresh_from_db()
    assert request.handled_by == administrator
