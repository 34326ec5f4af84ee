"""The coverage request refuses line breaks in its single-line fields (issue 12):
the event title, names, phone and address go into e-mail subjects, text messages
and the request sheet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from editorial.admin.forms import CrewMemberForm, VehicleForm
from editorial.forms import ContactsForm, EventForm, RequestFilterForm
from editorial.models import CoverageRequest, CrewMember
from editorial.views.public import SESSION_KEY

from .intake_support import contact_answers, event_answers

pytestmark = pytest.mark.django_db

URL = reverse("editorial:request_create")
MESSAGE = "Ce champ doit tenir sur une seule ligne : retirez les retours à la ligne."


def post_step(client, step: int, data: dict):
    return client.post(URL, {**data, "step": step, "action": "next"})


@pytest.mark.parametrize("field", ["event_title", "event_type_other", "address", "meeting_point"])
def test_step_1_refuses_a_line_break_and_keeps_nothing(client, field):
    response = post_step(client, 1, event_answers(**{field: "Lancement\r\nBcc: x@example.com"}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [MESSAGE]
    assert not client.session.get(SESSION_KEY, {}).get("answers")
    assert CoverageRequest.objects.count() == 0


@pytest.mark.parametrize("field", ["contact_name", "contact_phone", "contact_email"])
def test_step_2_refuses_a_line_break(client, field):
    assert post_step(client, 1, event_answers()).status_code == 302

    response = post_step(client, 2, contact_answers(**{field: "Mariam\nKaboré"}))

    assert response.status_code == 200
    assert MESSAGE in response.context["form"].errors[field]


def test_text_areas_keep_their_lines(client):
    response = post_step(client, 1, event_answers(description="Ligne 1\r\nLigne 2"))

    assert response.status_code == 302


def test_the_filter_form_refuses_line_breaks():
    form = RequestFilterForm(data={"q": "a\nb"})

    assert form.errors["q"] == [MESSAGE]


def test_form_classes_have_the_validator():
    for form_class, name in [(EventForm, "event_title"), (ContactsForm, "contact_name")]:
        assert any(
            getattr(v, "__name__", "") == "refuse_line_breaks"
            for v in form_class().fields[name].validators
        )


def test_the_desk_crew_and_vehicle_forms_refuse_line_breaks():
    member = CrewMemberForm(
        data={"name": "Issa\r\nBcc: x", "role": "journalist", "phone": "+22670123456"},
        instance=CrewMember(),
    )
    vehicle = VehicleForm(data={"name": "Toyota\nHilux", "plate": "11 GH 2233", "seats": "4"})

    assert member.errors["name"] == [MESSAGE]
    assert vehicle.errors["name"] == [MESSAGE]
