"""The "Tarifs" menu of the Wagtail admin: who reaches it, what the card form
accepts and refuses, the "duplicate for next period" action, the quote requests."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from simulator import selectors
from simulator.demo import ensure_demo_rate_card
from simulator.models import Adjustment, Offer, QuoteRequest, RateCard, TimeBand, VolumeTier

pytestmark = pytest.mark.django_db

REFUSED_OUTSIDE_THE_ADMIN = ["anonymous", "advertiser_a", "advertiser_b", "broadcaster"]


# --- Helpers -------------------------------------------------------------------------


def ui(message: str, **params) -> str:
    """`message` as the admin shows it: in French once translated (the admin's
    language), in English before."""
    with translation.override("fr"):
        text = translation.gettext(message)
    return text % params if params else text


def shown(message: str, html: str, **params) -> bool:
    return escape(ui(message, **params)) in html


def _field_data(form) -> dict:
    """What a browser would post for `form` as rendered (initial values)."""
    data: dict = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if field.disabled:
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, bool) or getattr(field.widget, "input_type", None) == "checkbox":
            if value:
                data[bound.html_name] = "on"
        elif value is None:
            data[bound.html_name] = ""
        else:
            data[bound.html_name] = str(value)
    return data


def form_data(form) -> dict:
    """The card form with all its row formsets, as the edit page would post it."""
    data = _field_data(form)
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for child in formset.forms:
            data.update(form_data(child))
    return data


def rows(data: dict, prefix: str) -> int:
    return int(data[f"{prefix}-TOTAL_FORMS"])


def add_row(data: dict, prefix: str, **values) -> None:
    index = rows(data, prefix)
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value


def row_index(data: dict, prefix: str, field: str, value) -> int:
    for index in range(rows(data, prefix)):
        if data.get(f"{prefix}-{index}-{field}") == str(value):
            return index
    raise AssertionError(f"no {prefix} row with {field}={value}")


def snapshot(card: RateCard) -> dict:
    card.refresh_from_db()
    return {
        "card": (card.name, card.valid_from, card.valid_until, card.published, card.updated_at),
        "bands": list(
            TimeBand.objects.filter(rate_card=card)
            .order_by("pk")
            .values_list("code", "weekdays", "price_up_to_30", "sort_order")
        ),
        "adjustments": list(
            Adjustment.objects.filter(rate_card=card)
            .order_by("pk")
            .values_list("code", "percent", "fixed_unit_price", "bands__code")
        ),
        "tiers": list(card.volume_tiers.order_by("pk").values_list("min_airings", "percent")),
        "offers": list(card.offers.order_by("pk").values_list("code", "price")),
    }


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


@pytest.fixture
def admin_client(client_as):
    return client_as("administrator")


def edit_url(card: RateCard) -> str:
    return reverse("rate_cards:edit", args=[card.pk])


def edit_data(client, card: RateCard) -> dict:
    response = client.get(edit_url(card))
    assert response.status_code == 200
    return form_data(response.context["form"])


def assert_refused(response, persona: str) -> None:
    """Outside the admin: to the login page. Staff without the rights: sent back
    to the dashboard. Never the page itself."""
    assert response.status_code == 302
    if persona in REFUSED_OUTSIDE_THE_ADMIN:
        assert urlparse(response["Location"]).path in {"/login/", reverse("wagtailadmin_login")}
    else:
        assert response["Location"] == reverse("wagtailadmin_home")


# --- Who reaches the Tarifs admin ---------------------------------------------------


@pytest.mark.parametrize("who", ["administrator", "superuser"])
def test_the_commercial_team_reaches_the_rate_card_screens(client_as, card, who):
    client = client_as(who)

    listing = client.get(reverse("rate_cards:index"))
    assert listing.status_code == 200
    assert card.name in listing.content.decode()
    assert client.get(reverse("rate_cards:add")).status_code == 200
    assert client.get(edit_url(card)).status_code == 200
    assert client.get(reverse("rate_cards:duplicate", args=[card.pk])).status_code == 200
    assert client.get(reverse("quote_requests:index")).status_code == 200


@pytest.mark.parametrize("who", [*REFUSED_OUTSIDE_THE_ADMIN, "editorial"])
def test_other_personas_are_refused_every_rate_card_screen(client_as, card, who):
    client = client_as(who)
    before = snapshot(card)
    urls = [
        reverse("rate_cards:index"),
        reverse("rate_cards:add"),
        edit_url(card),
        reverse("rate_cards:delete", args=[card.pk]),
        reverse("rate_cards:duplicate", args=[card.pk]),
        reverse("quote_requests:index"),
    ]
    for url in urls:
        assert_refused(client.get(url), who)
    assert_refused(client.post(reverse("rate_cards:duplicate", args=[card.pk])), who)
    assert_refused(client.post(reverse("rate_cards:delete", args=[card.pk])), who)

    assert RateCard.objects.count() == 1
    assert snapshot(card) == before


def test_the_rates_menu_groups_cards_and_quote_requests(admin_client, client_as, card):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert shown("Rates", html)
    assert reverse("rate_cards:index") in html
    assert reverse("quote_requests:index") in html

    editorial_html = client_as("editorial").get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("rate_cards:index") not in editorial_html


# --- The card form ----------------------------------------------------------------------


def test_the_edit_form_shows_every_row_with_prices_including_vat(admin_client, card):
    response = admin_client.get(edit_url(card))
    html = response.content.decode()
    form = response.context["form"]

    assert rows(form_data(form), "bands") == 6
    assert rows(form_data(form), "adjustments") == 2
    assert rows(form_data(form), "volume_tiers") == 3
    assert rows(form_data(form), "offers") == Offer.objects.filter(rate_card=card).count()
    # Days as seven checkboxes per band, ticked from the stored digits.
    assert html.count('name="bands-0-weekdays"') == 7
    assert form.formsets["bands"].forms[0]["weekdays"].value() == list("0123456")
    # Prices say they include VAT, as published; the tiers say they are examples.
    assert shown("Spot prices (FCFA incl. VAT, as published)", html)
    # Each option can be confirmed (published); the demo's example is not yet.
    published = [form.formsets["adjustments"].forms[i]["published"].value() for i in range(2)]
    assert published == [False, True]
    assert shown("Example tiers: edit them to the station's policy", html)


def test_saving_the_form_unchanged_changes_no_row(admin_client, card):
    before = snapshot(card)

    response = admin_client.post(edit_url(card), edit_data(admin_client, card))

    assert response.status_code == 302
    after = snapshot(card)
    assert after["bands"] == before["bands"]
    assert after["adjustments"] == before["adjustments"]
    assert after["tiers"] == before["tiers"]
    assert after["offers"] == before["offers"]


def test_weekdays_round_trip_through_the_checkboxes(admin_client, card):
    data = edit_data(admin_client, card)
    index = row_index(data, "bands", "code", "fin-de-soiree")
    data[f"bands-{index}-weekdays"] = ["6", "4", "5"]

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 302
    assert TimeBand.objects.get(rate_card=card, code="fin-de-soiree").weekdays == "456"
    data = edit_data(admin_client, card)
    assert data[f"bands-{index}-weekdays"] == ["4", "5", "6"]


def test_a_band_needs_at_least_one_day(admin_client, card):
    data = edit_data(admin_client, card)
    del data["bands-0-weekdays"]
    before = snapshot(card)

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 200
    assert shown("Choose at least one day of the week.", response.content.decode())
    assert snapshot(card) == before


def test_an_adjustment_is_linked_to_bands_of_its_own_card_only(admin_client, card):
    other = RateCard.objects.create(name="Autre grille", valid_from=date(2030, 1, 1))
    foreign = TimeBand.objects.create(
        rate_card=other,
        code="nuit",
        name="Nuit",
        start_time=time(1, 0),
        end_time=time(5, 0),
        price_up_to_30=1000,
        price_31_to_60=2000,
        price_per_extra_second=10,
    )
    response = admin_client.get(edit_url(card))
    adjustment_form = response.context["form"].formsets["adjustments"].forms[0]
    choices = set(adjustment_form.fields["bands"].queryset)
    assert choices == set(TimeBand.objects.filter(rate_card=card))

    data = form_data(response.context["form"])
    index = row_index(data, "adjustments", "code", "tarif-culturel")
    data[f"adjustments-{index}-bands"] = [str(foreign.pk)]
    before = snapshot(card)

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 200
    assert snapshot(card) == before


def test_linking_an_adjustment_to_more_bands_is_saved(admin_client, card):
    data = edit_data(admin_client, card)
    index = row_index(data, "adjustments", "code", "tarif-culturel")
    after_noon = TimeBand.objects.get(rate_card=card, code="apres-midi")
    data[f"adjustments-{index}-bands"] = [*data[f"adjustments-{index}-bands"], str(after_noon.pk)]

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 302
    adjustment = Adjustment.objects.get(rate_card=card, code="tarif-culturel")
    assert set(adjustment.bands.values_list("code", flat=True)) == {"matinee", "apres-midi"}


def _new_card_data(admin_client, **overrides) -> dict:
    response = admin_client.get(reverse("rate_cards:add"))
    data = form_data(response.context["form"])
    data.update(
        {
            "name": "Grille 2026",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
            "vat_rate": "18",
            "notes": "",
        }
    )
    add_row(
        data,
        "bands",
        code="matinee",
        name="Matinée",
        start_time="06:00",
        end_time="11:00",
        weekdays=list("0123456"),
        is_active="on",
        price_up_to_30="40000",
        price_31_to_60="45000",
        price_per_extra_second="900",
        teaching_text="",
    )
    data.update(overrides)
    return data


def test_a_new_card_is_created_with_its_rows(admin_client):
    data = _new_card_data(admin_client)
    add_row(data, "volume_tiers", min_airings="10", percent="5")
    add_row(data, "volume_tiers", min_airings="20", percent="5")  # equal: allowed

    response = admin_client.post(reverse("rate_cards:add"), data)

    assert response.status_code == 302, response.context["form"].errors
    card = RateCard.objects.get(name="Grille 2026")
    assert card.published is False
    assert list(card.bands.values_list("code", "weekdays")) == [("matinee", "0123456")]
    assert list(card.volume_tiers.values_list("min_airings", flat=True)) == [10, 20]


def test_an_overlapping_published_card_is_refused_and_nothing_saved(admin_client, card):
    data = _new_card_data(admin_client, published="on")
    count = RateCard.objects.count()

    response = admin_client.post(reverse("rate_cards:add"), data)

    assert response.status_code == 200
    message = ui(
        "The published card “%(other)s” already covers part of this period. "
        "Change the dates or unpublish one of them.",
        other=card.name,
    )
    assert response.context["form"].errors["published"] == [message]
    assert escape(message) in response.content.decode()
    assert RateCard.objects.count() == count
    assert not TimeBand.objects.filter(price_up_to_30=40000).exists()


def test_publishing_a_card_over_another_one_is_refused_on_edit(admin_client, card):
    other = RateCard.objects.create(name="Brouillon 2027", valid_from=date(2027, 1, 1))
    response = admin_client.get(edit_url(other))
    data = form_data(response.context["form"])
    data["published"] = "on"

    response = admin_client.post(edit_url(other), data)

    assert response.status_code == 200
    assert "published" in response.context["form"].errors
    other.refresh_from_db()
    assert other.published is False


def test_a_discount_that_decreases_with_more_airings_is_refused(admin_client, card):
    data = edit_data(admin_client, card)
    index = row_index(data, "volume_tiers", "min_airings", 60)
    data[f"volume_tiers-{index}-percent"] = "8"  # below the 10 % of the 30-airing tier
    before = snapshot(card)

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 200
    message = ui(
        "The discount cannot decrease when the number of airings grows: %(high_percent)s "
        "from %(high_airings)s airings is less than %(low_percent)s from %(low_airings)s "
        "airings.",
        high_percent="8\u00a0%",
        high_airings=60,
        low_percent="10\u00a0%",
        low_airings=30,
    )
    assert response.context["form"].formsets["volume_tiers"].non_form_errors() == [message]
    assert escape(message) in response.content.decode()
    assert snapshot(card) == before


def test_two_tiers_from_the_same_number_of_airings_are_refused(admin_client, card):
    data = edit_data(admin_client, card)
    add_row(data, "volume_tiers", min_airings="30", percent="12")
    before = snapshot(card)

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 200
    assert snapshot(card) == before
    assert VolumeTier.objects.filter(rate_card=card).count() == 3


def test_two_bands_with_the_same_code_are_refused(admin_client, card):
    data = edit_data(admin_client, card)
    index = row_index(data, "bands", "code", "apres-midi")
    data[f"bands-{index}-code"] = "matinee"
    before = snapshot(card)

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 200
    message = ui(
        "Two time bands have the code “%(code)s”: a band code must be unique in the card.",
        code="matinee",
    )
    assert response.context["form"].formsets["bands"].non_form_errors() == [message]
    assert escape(message) in response.content.decode()
    assert snapshot(card) == before


def test_an_adjustment_needs_a_percentage_or_a_fixed_price_not_both(admin_client, card):
    data = edit_data(admin_client, card)
    index = row_index(data, "adjustments", "code", "position-fixe")
    data[f"adjustments-{index}-fixed_unit_price"] = "50000"  # it already has +20 %
    before = snapshot(card)

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 200
    assert shown(
        "Give either a percentage or a fixed price per airing (one of the two).",
        response.content.decode(),
    )
    assert snapshot(card) == before

    data[f"adjustments-{index}-fixed_unit_price"] = ""
    data[f"adjustments-{index}-percent"] = "0"  # neither
    response = admin_client.post(edit_url(card), data)
    assert response.status_code == 200
    assert snapshot(card) == before


def test_a_band_still_used_by_an_adjustment_cannot_be_deleted(admin_client, card):
    data = edit_data(admin_client, card)
    index = row_index(data, "bands", "code", "matinee")
    data[f"bands-{index}-DELETE"] = "on"
    before = snapshot(card)

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 200
    assert shown(
        "The time band “%(band)s” is deleted but the adjustment “%(adjustment)s” still "
        "applies to it: untick it there first.",
        response.content.decode(),
        band="Matinée",
        adjustment="Tarif culturel",
    )
    assert snapshot(card) == before


# --- Duplicate for next period ---------------------------------------------------------


def test_the_duplicate_action_is_offered_in_the_listing_and_the_edit_header(admin_client, card):
    url = reverse("rate_cards:duplicate", args=[card.pk])
    assert url in admin_client.get(reverse("rate_cards:index")).content.decode()
    assert url in admin_client.get(edit_url(card)).content.decode()


def test_duplicate_asks_for_confirmation_and_warns_about_an_open_ended_source(admin_client, card):
    response = admin_client.get(reverse("rate_cards:duplicate", args=[card.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["open_ended"] is True
    assert "help-warning" in html  # the warning that the source stays open-ended
    assert response.context["proposed_start"].day == 1
    assert response.context["form"].initial["name"] == f"{card.name} (copie)"
    assert RateCard.objects.count() == 1


def test_duplicate_post_creates_an_unpublished_copy_and_opens_it(admin_client, card):
    url = reverse("rate_cards:duplicate", args=[card.pk])
    initial = admin_client.get(url).context["form"].initial

    response = admin_client.post(
        url, {"name": initial["name"], "valid_from": initial["valid_from"].isoformat()}
    )

    copy = RateCard.objects.exclude(pk=card.pk).get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(copy)
    assert copy.published is False
    assert copy.name == "Grille tarifaire BF1 2025 (copie)"
    assert copy.bands.count() == 6
    card.refresh_from_db()
    assert card.valid_until is None and card.published  # the source is left as it is


def test_duplicate_refuses_a_start_before_the_source(admin_client, card):
    response = admin_client.post(
        reverse("rate_cards:duplicate", args=[card.pk]),
        {"name": "Copie", "valid_from": "2024-12-01"},
    )

    assert response.status_code == 200
    assert "valid_from" in response.context["form"].errors
    assert RateCard.objects.count() == 1


# --- Quote requests ---------------------------------------------------------------------


def _quote_requests(card: RateCard, count: int) -> list[QuoteRequest]:
    offer = Offer.objects.filter(rate_card=card).first()
    return [
        QuoteRequest.objects.create(
            offer=offer,
            offer_name=offer.name,
            name=f"Client {index}",
            company=f"Société {index}",
            email=f"client{index}@example.bf",
            phone="+22670123456",
            message="Bonjour",
        )
        for index in range(count)
    ]


def test_the_quote_requests_listing_shows_the_columns_and_filters_by_status(admin_client, card):
    first, second = _quote_requests(card, 2)
    QuoteRequest.objects.filter(pk=second.pk).update(status=QuoteRequest.Status.HANDLED)

    html = admin_client.get(reverse("quote_requests:index")).content.decode()
    for text in ["Client 0", "Société 0", "client0@example.bf", "+22670123456", first.offer_name]:
        assert text in html
    assert reverse("quote_requests:mark_handled", args=[first.pk]) in html
    assert reverse("quote_requests:mark_handled", args=[second.pk]) not in html

    filtered = admin_client.get(reverse("quote_requests:index"), {"status": "new"})
    assert "Client 0" in filtered.content.decode()
    assert "Client 1" not in filtered.content.decode()


def test_quote_requests_are_read_only(admin_client, card):
    (request,) = _quote_requests(card, 1)
    html = admin_client.get(reverse("quote_requests:inspect", args=[request.pk])).content.decode()
    assert request.email in html
    assert "/admin/quote-requests/new/" not in html
    assert admin_client.get("/admin/quote-requests/new/").status_code == 404
    assert admin_client.get(f"/admin/quote-requests/edit/{request.pk}/").status_code == 404
    assert admin_client.get(f"/admin/quote-requests/delete/{request.pk}/").status_code == 404


def test_the_quote_requests_listing_query_count_does_not_grow_with_rows(admin_client, card):
    _quote_requests(card, 2)
    url = reverse("quote_requests:index")
    admin_client.get(url)  # warm the caches (permissions, site)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    _quote_requests(card, 20)
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(url).status_code == 200

    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_rate_cards_listing_query_count_does_not_grow_with_rows(admin_client, card):
    url = reverse("rate_cards:index")
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    for year in range(2030, 2036):
        RateCard.objects.create(name=f"Grille {year}", valid_from=date(year, 1, 1))
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(url).status_code == 200

    assert len(many.captured_queries) == len(few.captured_queries)


def test_mark_as_handled_confirms_then_records_who_and_when(admin_client, administrator, card):
    (request,) = _quote_requests(card, 1)
    url = reverse("quote_requests:mark_handled", args=[request.pk])

    confirmation = admin_client.get(url)
    assert confirmation.status_code == 200
    request.refresh_from_db()
    assert request.status == QuoteRequest.Status.NEW

    response = admin_client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("quote_requests:index")
    request.refresh_from_db()
    assert request.status == QuoteRequest.Status.HANDLED
    assert request.handled_by == administrator
    assert request.handled_at is not None

    again = admin_client.post(url, follow=True)
    assert shown(
        "The quote request %(reference)s was already handled.",
        again.content.decode(),
        reference=request.reference,
    )
    request.refresh_from_db()
    assert request.handled_by == administrator


@pytest.mark.parametrize("who", [*REFUSED_OUTSIDE_THE_ADMIN, "editorial"])
def test_others_cannot_read_or_handle_quote_requests(client_as, card, who):
    (request,) = _quote_requests(card, 1)
    client = client_as(who)

    assert_refused(client.get(reverse("quote_requests:index")), who)
    assert_refused(client.get(reverse("quote_requests:inspect", args=[request.pk])), who)
    assert_refused(client.post(reverse("quote_requests:mark_handled", args=[request.pk])), who)

    request.refresh_from_db()
    assert request.status == QuoteRequest.Status.NEW


def test_the_group_has_exactly_the_rates_permissions():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Administrateur commercial")
    codenames = set(
        group.permissions.filter(content_type__app_label="simulator").values_list(
            "codename", flat=True
        )
    )
    expected = {
        f"{action}_{model}"
        for model in ("ratecard", "timeband", "adjustment", "volumetier", "offer")
        for action in ("add", "change", "delete", "view")
    } | {"view_quoterequest", "change_quoterequest"}
    assert codenames == expected


def test_vat_rate_is_kept_as_entered(admin_client, card):
    data = edit_data(admin_client, card)
    assert Decimal(data["vat_rate"]) == Decimal("18")


def test_the_commercial_team_confirms_an_example_option_in_the_card_form(admin_client, card):
    """The demo's fixed-position surcharge is an example: unpublished until the
    team ticks “published” in the card's form (issue 13)."""
    fixed = Adjustment.objects.get(rate_card=card, code="position-fixe")
    assert not fixed.published
    data = edit_data(admin_client, card)
    index = row_index(data, "adjustments", "code", "position-fixe")
    data[f"adjustments-{index}-published"] = "on"

    response = admin_client.post(edit_url(card), data)

    assert response.status_code == 302, response.content[:2000]
    fixed.refresh_from_db()
    assert fixed.published
    assert selectors.rate_card_payload(card)["adjustments"][0]["code"] == "position-fixe"
