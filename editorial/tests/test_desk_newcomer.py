"""What a new editorial manager meets (issue 13): the planning's date filter is a
native date field that needs no script (it threw `initDateChooser is not
defined`), the desk's table turns into cards on a phone with the actions first,
and the urgency reads "Urgence : normale" on the desk, the request's page and
the mission sheet."""

# ruff: noqa: F401, F811 - fixtures imported from desk_fixtures, used as arguments

import re

import pytest
from django.urls import reverse

from editorial.labels import urgency_label
from editorial.mission_pdf import render_mission_sheet
from editorial.models import Mission, Urgency
from editorial.tests.desk_fixtures import accepted_mission, make_request, media_root

pytestmark = pytest.mark.django_db

INBOX = reverse("editorial_desk")
PLANNING = reverse("editorial_planning")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_planning_date_filter_is_a_native_date_field(client, editorial):
    client.force_login(editorial)
    html = client.get(PLANNING, {"date": "2026-11-25"}).content.decode()
    field = re.search(r"<input[^>]*name=\"date\"[^>]*>", html).group(0)
    assert 'type="date"' in field and 'value="2026-11-25"' in field
    assert "initDateChooser" not in html
    # the week chosen is the one shown
    assert "23 novembre" in text_of(client.get(PLANNING, {"date": "2026-11-25"}))


def test_urgency_labels_agree_with_urgence():
    assert urgency_label(Urgency.NORMAL) == "normale"
    assert urgency_label(Urgency.PRIORITY) == "prioritaire"
    assert urgency_label(Urgency.URGENT) == "urgente (sous 24 h)"


def test_the_desk_says_normale_and_stacks_on_a_phone(client, editorial):
    coverage = make_request(urgency=Urgency.NORMAL)
    client.force_login(editorial)
    response = client.get(INBOX)
    html = response.content.decode()
    row = re.search(rf'<tr data-request="{coverage.reference}".*?</tr>', html, re.S).group(0)
    assert re.search(r">\s*normale\s*<", row) and not re.search(r">\s*normal\s*<", row)
    # the phone layout: the table becomes cards, the actions cell first
    assert "ed-cards" in html and "@media (max-width: 50em)" in html
    assert 'class="ed-cards__actions"' in row
    assert reverse("editorial_requests:accept", args=[coverage.pk]) in row


def test_the_request_page_says_urgence_normale(client, editorial):
    coverage = make_request(urgency=Urgency.NORMAL)
    client.force_login(editorial)
    text = text_of(client.get(reverse("editorial_requests:inspect", args=[coverage.pk])))
    assert "Urgence : normale" in text


def test_the_requests_listing_says_normale(client, editorial):
    make_request(urgency=Urgency.NORMAL)
    client.force_login(editorial)
    text = text_of(client.get(reverse("editorial_requests:index")))
    assert " normale " in text


def test_the_mission_sheet_says_normale(editorial, media_root):
    mission = accepted_mission(editorial, title="Conférence de presse")
    pdf = render_mission_sheet(Mission.objects.get(pk=mission.pk), compress=False)
    assert b"normale" in pdf
