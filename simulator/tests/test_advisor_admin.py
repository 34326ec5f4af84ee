"""“Règles du conseiller” in the “Tarifs” menu of the Wagtail admin: the
commercial team lists, adds and edits the rules with their bands; nobody else
reaches them."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from simulator.demo import ensure_demo_rate_card
from simulator.models import AdvisorRule, AdvisorRuleBand

from .test_admin import form_data

pytestmark = pytest.mark.django_db

INDEX = reverse("advisor_rules:index")
ADD = reverse("advisor_rules:add")
OUTSIDE_THE_ADMIN = ["anonymous", "advertiser_a", "advertiser_b", "broadcaster"]


@pytest.fixture
def card(db):
    return ensure_demo_rate_card()[0]


def make_rule(objective="launch", audience="families", bands=(("mi-journee", 3, "Le JT de 13 h"),)):
    rule = AdvisorRule.objects.create(
        objective=objective, audience=audience, spot_length=30, airings_per_week=10, min_airings=6
    )
    for order, (code, weight, reason) in enumerate(bands):
        AdvisorRuleBand.objects.create(
            rule=rule, band_code=code, weight=weight, reason=reason, sort_order=order
        )
    return rule


def edit_url(rule) -> str:
    return reverse("advisor_rules:edit", args=[rule.pk])


def band_prefix(data: dict) -> str:
    return next(key for key in data if key.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")


def add_band(data: dict, prefix: str, **values) -> None:
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    data[f"{prefix}-{index}-id"] = ""
    data[f"{prefix}-{index}-DELETE"] = ""
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value


@pytest.mark.parametrize("who", ["administrator", "superuser"])
def test_the_commercial_team_lists_the_rules(client_as, card, who):
    make_rule()
    make_rule(objective="offer", audience="", bands=(("prime-time", 4, ""), ("matinee", 1, "")))
    client = client_as(who)

    response = client.get(INDEX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Lancer un produit" in html and "Familles" in html
    assert "tous publics" in html
    assert "mi-journee × 3" in html
    assert "prime-time × 4, matinee × 1" in html
    assert "30 s" in html


def test_the_listing_costs_the_same_queries_for_more_rules(client_as, card):
    client = client_as("administrator")
    make_rule()
    client.get(INDEX)  # warm up the session and the permissions
    with CaptureQueriesContext(connection) as few:
        assert client.get(INDEX).status_code == 200
    for objective in ("awareness", "event", "offer", "sensitisation"):
        make_rule(objective=objective, bands=(("matinee", 1, ""), ("prime-time", 2, "")))
    with CaptureQueriesContext(connection) as many:
        assert client.get(INDEX).status_code == 200
    assert len(many) == len(few)


def test_the_rates_menu_lists_the_advisor_rules(client_as, card):
    html = client_as("administrator").get(reverse("wagtailadmin_home")).content.decode()
    assert INDEX in html
    assert escape("Règles du conseiller") in html or "R\\u00e8gles du conseiller" in html
    editorial = client_as("editorial").get(reverse("wagtailadmin_home")).content.decode()
    assert INDEX not in editorial


def test_the_band_is_chosen_among_the_current_cards_codes(client_as, card):
    response = client_as("administrator").get(ADD)
    assert response.status_code == 200
    formset = next(iter(response.context["form"].formsets.values()))
    choices = dict(formset.empty_form.fields["band_code"].choices)
    assert {"matinee", "mi-journee", "prime-time"} <= set(choices)
    assert "Prime time" in choices["prime-time"]


def test_an_old_band_code_stays_visible(client_as, card):
    rule = make_rule(bands=(("ancienne-tranche", 2, "Une tranche disparue"),))
    response = client_as("administrator").get(edit_url(rule))
    formset = next(iter(response.context["form"].formsets.values()))
    choices = dict(formset.forms[0].fields["band_code"].choices)
    assert "ancienne-tranche" in choices
    assert formset.forms[0]["band_code"].value() == "ancienne-tranche"


def test_the_administrator_adds_a_rule_with_its_bands(client_as, card):
    client = client_as("administrator")
    data = form_data(client.get(ADD).context["form"])
    prefix = band_prefix(data)
    data.update(
        objective="event",
        audience="youth",
        spot_length="20",
        airings_per_week="12",
        min_airings="8",
        explanation="Court et répété avant le jour J.",
    )
    add_band(data, prefix, band_code="prime-time", weight="5", reason="Les jeunes le soir")
    add_band(data, prefix, band_code="fin-de-soiree", weight="3", reason="Après le film")

    response = client.post(ADD, data)

    assert response.status_code == 302, response.context["form"].errors
    rule = AdvisorRule.objects.get(objective="event", audience="youth")
    assert (rule.spot_length, rule.airings_per_week, rule.min_airings) == (20, 12, 8)
    assert list(rule.bands.values_list("band_code", "weight", "reason")) == [
        ("prime-time", 5, "Les jeunes le soir"),
        ("fin-de-soiree", 3, "Après le film"),
    ]


def test_the_administrator_edits_a_rule(client_as, card):
    rule = make_rule()
    client = client_as("administrator")
    data = form_data(client.get(edit_url(rule)).context["form"])
    prefix = band_prefix(data)
    data["spot_length"] = "45"
    data[f"{prefix}-0-weight"] = "7"

    response = client.post(edit_url(rule), data)

    assert response.status_code == 302, response.context["form"].errors
    rule.refresh_from_db()
    assert rule.spot_length == 45
    assert list(rule.bands.values_list("band_code", "weight")) == [("mi-journee", 7)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"weight": "11"}, "10"),
        ({"band_code": "nope"}, "nope"),
    ],
    ids=["weight-over-10", "unknown-band"],
)
def test_bad_band_rows_are_refused(client_as, card, change, message):
    rule = make_rule()
    client = client_as("administrator")
    data = form_data(client.get(edit_url(rule)).context["form"])
    prefix = band_prefix(data)
    for name, value in change.items():
        data[f"{prefix}-0-{name}"] = value

    response = client.post(edit_url(rule), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(rule.bands.values_list("band_code", "weight")) == [("mi-journee", 3)]


def test_a_band_listed_twice_is_refused(client_as, card):
    rule = make_rule()
    client = client_as("administrator")
    data = form_data(client.get(edit_url(rule)).context["form"])
    add_band(data, band_prefix(data), band_code="mi-journee", weight="2", reason="")

    response = client.post(edit_url(rule), data)

    assert response.status_code == 200
    assert rule.bands.count() == 1


def test_a_second_rule_for_the_same_pair_is_refused(client_as, card):
    make_rule()
    client = client_as("administrator")
    data = form_data(client.get(ADD).context["form"])
    data.update(objective="launch", audience="families", spot_length="30")
    data.update(airings_per_week="7", min_airings="6")

    response = client.post(ADD, data)

    assert response.status_code == 200
    assert AdvisorRule.objects.count() == 1


@pytest.mark.parametrize("who", [*OUTSIDE_THE_ADMIN, "editorial"])
def test_other_personas_are_refused(client_as, card, who):
    rule = make_rule()
    client = client_as(who)
    urls = [INDEX, ADD, edit_url(rule), reverse("advisor_rules:delete", args=[rule.pk])]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            location = urlparse(response["Location"]).path
            if who in OUTSIDE_THE_ADMIN:
                assert location in {"/login/", reverse("wagtailadmin_login")}
            else:
                assert location == reverse("wagtailadmin_home")
    response = client.post(reverse("advisor_rules:delete", args=[rule.pk]))
    assert response.status_code in (302, 403)
    assert AdvisorRule.objects.filter(pk=rule.pk).exists()
