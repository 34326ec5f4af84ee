"""The dashboard's confirmations: each form calls its service; a refusal shows its
message and changes nothing; the answer goes back to the page it came from."""

# ruff: noqa: F401, F811 - fixtures imported from planning_fixtures, used as arguments

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from broadcasting.models import Airing, AiringEvent, BroadcastSettings
from broadcasting.services import airings as service

from .planning_fixtures import NOW, TODAY, clock, media_root, tonight

pytestmark = pytest.mark.django_db


def url(name, pk):
    return reverse(f"broadcasting:{name}", kwargs={"pk": pk})


def messages_of(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def status(airing):
    return Airing.objects.get(pk=airing.pk).status


def test_confirm_aired(client, broadcaster, tonight):
    airing = tonight["started"]
    client.force_login(broadcaster)
    response = client.post(url("confirm_aired", airing.pk), {"date": "2026-12-10"})
    assert response.status_code == 302
    assert response["Location"] == f"/diffusion/?date=2026-12-10#break-{airing.break_slot_id}"
    airing.refresh_from_db()
    assert (airing.status, airing.confirmed_by, airing.confirmed_at) == ("aired", broadcaster, NOW)
    assert [level for level, _text in messages_of(response)] == ["success"]


def test_a_break_not_started_is_refused_and_nothing_changes(client, broadcaster, tonight):
    later = tonight["later"]
    client.force_login(broadcaster)
    response = client.post(url("confirm_aired", later.pk), {"date": "2026-12-10"})
    assert response.status_code == 302
    assert status(later) == "planned"
    assert messages_of(response) == [
        ("error", _("This break has not started yet: confirm it once it has aired."))
    ]
    assert not AiringEvent.objects.filter(action="aired").exists()


def test_another_days_airing_cannot_be_confirmed(client, broadcaster, tonight, airing_in):
    tomorrow = airing_in(tonight["breaks"][2], tonight["campaign"])
    client.force_login(broadcaster)
    response = client.post(url("mark_missed", tomorrow.pk), {"reason": "Coupure", "date": "x"})
    assert status(tomorrow) == "planned"
    assert messages_of(response)[0][0] == "error"
    # back to the airing's own day when the form's date is unusable
    assert parse_qs(urlparse(response["Location"]).query) == {"date": ["2026-12-11"]}


def test_missed_needs_a_reason(client, broadcaster, tonight):
    airing = tonight["started"]
    client.force_login(broadcaster)
    response = client.post(url("mark_missed", airing.pk), {"reason": "   "})
    assert status(airing) == "planned"
    (level, text), *_ = messages_of(response)
    assert level == "error" and text
    assert not Airing.objects.filter(make_good_of=airing).exists()


def test_missed_with_a_reason_gets_a_make_good(client, broadcaster, tonight):
    airing = tonight["started"]
    client.force_login(broadcaster)
    response = client.post(
        url("mark_missed", airing.pk), {"reason": "Coupure de courant", "date": "2026-12-10"}
    )
    airing.refresh_from_db()
    assert (airing.status, airing.missed_reason) == ("missed", "Coupure de courant")
    make_good = Airing.objects.get(make_good_of=airing)
    assert make_good.status == "planned"
    (level, text), *_ = messages_of(response)
    assert level == "success" and str(make_good.break_slot) in text


def test_confirm_a_whole_break(client, broadcaster, tonight, approved_campaign, airing_in):
    brk = tonight["breaks"][0]
    other = airing_in(brk, approved_campaign(lines=(("prime-time", 3),), start=TODAY, days=3))
    client.force_login(broadcaster)
    response = client.post(url("confirm_break", brk.pk), {"date": "2026-12-10", "view": "week"})
    assert {status(tonight["started"]), status(other)} == {"aired"}
    assert status(tonight["later"]) == "planned"  # another break
    assert parse_qs(urlparse(response["Location"]).query) == {
        "date": ["2026-12-10"],
        "view": ["week"],
    }
    assert messages_of(response)[0][0] == "success"


def test_a_break_not_started_cannot_be_confirmed_whole(client, broadcaster, tonight):
    client.force_login(broadcaster)
    response = client.post(url("confirm_break", tonight["breaks"][1].pk))
    assert status(tonight["later"]) == "planned"
    assert messages_of(response)[0][0] == "error"


def test_undo_by_the_confirmer_within_the_window(client, broadcaster, tonight):
    airing = tonight["started"]
    service.confirm_aired(airing=airing, actor=broadcaster)
    client.force_login(broadcaster)
    response = client.post(url("undo", airing.pk), {"date": "2026-12-10"})
    assert status(airing) == "planned"
    assert messages_of(response)[0][0] == "success"


def test_undo_by_someone_else_or_too_late_is_refused(client, broadcaster, tonight, clock):
    airing = tonight["started"]
    service.confirm_aired(airing=airing, actor=broadcaster)
    colleague = UserFactory(email="regie2@bf1.bf", roles=[Role.BROADCASTER])
    client.force_login(colleague)
    response = client.post(url("undo", airing.pk))
    assert status(airing) == "aired"
    assert messages_of(response)[0][0] == "error"

    minutes = BroadcastSettings.load().undo_minutes
    clock.return_value = NOW + dt.timedelta(minutes=minutes, seconds=1)
    client.force_login(broadcaster)
    client.post(url("undo", airing.pk))
    assert status(airing) == "aired"


def test_an_administrator_undoes_later_with_a_reason(client, broadcaster, administrator, tonight):
    airing = tonight["started"]
    service.confirm_aired(airing=airing, actor=broadcaster)
    client.force_login(administrator)
    response = client.post(url("undo", airing.pk), {"reason": ""})
    assert status(airing) == "aired"
    assert messages_of(response)[0][0] == "error"
    client.post(url("undo", airing.pk), {"reason": "Confirmée par erreur"})
    assert status(airing) == "planned"
    event = AiringEvent.objects.filter(action="undone").get()
    assert (event.actor, event.note) == (administrator, "Confirmée par erreur")


def test_an_advertiser_cannot_confirm(client, advertiser_a, tonight):
    client.force_login(advertiser_a)
    assert client.post(url("confirm_aired", tonight["started"].pk)).status_code == 403
    assert status(tonight["started"]) == "planned"


def test_forms_carry_the_csrf_token(broadcaster, tonight):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(broadcaster)
    refused = csrf_client.post(url("confirm_aired", tonight["started"].pk))
    assert refused.status_code == 403
    assert status(tonight["started"]) == "planned"
    page = csrf_client.get(reverse("broadcasting:dashboard"))
    token = page.context["csrf_token"]
    html = page.content.decode()
    assert html.count('name="csrfmiddlewaretoken"') >= 3  # aired, missed, whole break
    accepted = csrf_client.post(
        url("confirm_aired", tonight["started"].pk), {"csrfmiddlewaretoken": str(token)}
    )
    assert accepted.status_code == 302
    assert status(tonight["started"]) == "aired"
