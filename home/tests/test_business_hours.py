"""The business hours in the site settings (ContactSettings): edited in the
admin, checked with French messages, and counted by the conversation reminders
(home/business_hours.py, registered in HomeConfig.ready())."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import Site

from conversations import services
from conversations.tasks import send_reminders
from conversations.working_hours import OUAGADOUGOU, BusinessHours, business_hours
from home.models import ContactSettings
from notifications.models import Notification

pytestmark = pytest.mark.django_db

MONDAY_9 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=OUAGADOUGOU)


def _site() -> Site:
    return Site.objects.get(is_default_site=True)


def _edit_url() -> str:
    return reverse("wagtailsettings:edit", args=["home", "contactsettings", _site().pk])


def _form(**changes) -> dict:
    data = {
        "phone": "",
        "email": "",
        "address": "",
        "opening_hours": "Lundi–vendredi, 8 h–17 h",
        "business_days": ["0", "1", "2", "3", "4"],
        "business_opens": "08:00",
        "business_closes": "17:00",
        "whatsapp_number": "",
        "whatsapp_message": "Bonjour",
        "whatsapp_position": "right",
    }
    data.update(changes)
    return data


def test_defaults_are_monday_to_friday_8_to_17():
    row = ContactSettings.for_site(_site())
    assert row.business_days == [0, 1, 2, 3, 4]
    assert (row.business_opens, row.business_closes) == (dt.time(8), dt.time(17))
    assert business_hours() == BusinessHours()


def test_the_admin_edits_the_business_hours(admin_client):
    page = admin_client.get(_edit_url()).content.decode()
    assert 'name="business_days"' in page and 'type="checkbox"' in page
    response = admin_client.post(
        _edit_url(),
        _form(business_days=["5", "0", "2"], business_opens="07:30", business_closes="12:00"),
    )
    assert response.status_code == 302
    row = ContactSettings.for_site(_site())
    assert row.business_days == [0, 2, 5]
    assert (row.business_opens, row.business_closes) == (dt.time(7, 30), dt.time(12))
    assert business_hours() == BusinessHours(
        days=frozenset({0, 2, 5}), opens=dt.time(7, 30), closes=dt.time(12)
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"business_days": []}, "Choisissez au moins un jour ouvré."),
        (
            {"business_opens": "17:00", "business_closes": "08:00"},
            "L’heure de fermeture doit être postérieure à l’heure d’ouverture.",
        ),
        (
            {"business_opens": "09:00", "business_closes": "09:00"},
            "L’heure de fermeture doit être postérieure à l’heure d’ouverture.",
        ),
    ],
)
def test_invalid_business_hours_are_refused_in_french(admin_client, changes, message):
    ContactSettings.for_site(_site())
    response = admin_client.post(_edit_url(), _form(**changes), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert message in response.content.decode()
    row = ContactSettings.for_site(_site())
    assert row.business_days == [0, 1, 2, 3, 4]
    assert (row.business_opens, row.business_closes) == (dt.time(8), dt.time(17))


def test_the_settings_apply_without_a_site_settings_row(settings):
    ContactSettings.objects.all().delete()
    settings.CONVERSATION_BUSINESS_OPENS = "09:00"
    assert business_hours().opens == dt.time(9)


def _reminders(user) -> int:
    return Notification.objects.filter(recipient=user, title__contains="Sans réponse").count()


def test_site_hours_decide_when_a_reminder_is_due(
    advertiser_a, administrator, settings, time_machine, django_capture_on_commit_callbacks
):
    settings.CONVERSATION_REMINDER_HOURS = 4
    row = ContactSettings.for_site(_site())
    row.business_opens, row.business_closes = dt.time(8), dt.time(10)  # two hours a day
    row.save()
    time_machine.move_to(MONDAY_9, tick=False)
    thread = services.open_thread(
        author=advertiser_a, kind="question", title="Sans réponse", body="Allô ?"
    )
    services.assign(thread=thread, actor=administrator, assignee=administrator)

    def run_at(moment) -> int:
        time_machine.move_to(moment, tick=False)
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders()

    # Monday 13:00 is 4 h with 8:00–17:00, but 1 h with the site's 8:00–10:00.
    assert run_at(MONDAY_9 + dt.timedelta(hours=4)) == 0
    # Tuesday 10:00: 1 h + 2 h = 3 h; Wednesday 9:00: 4 h.
    assert run_at(dt.datetime(2026, 12, 8, 10, 0, tzinfo=OUAGADOUGOU)) == 0
    assert _reminders(administrator) == 0
    assert run_at(dt.datetime(2026, 12, 9, 9, 0, tzinfo=OUAGADOUGOU)) == 1
    assert _reminders(administrator) == 1
