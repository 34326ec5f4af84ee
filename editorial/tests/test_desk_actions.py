"""The desk's decisions on a request, from its admin pages: each one as the
editorial manager and the administrator, refused to anyone else; each move
recorded (who, when, from, to, note) and told to the requester (a notification
for an account holder, an e-mail to the contact address); bad input changes
nothing."""

# ruff: noqa: F401, F811 - fixtures imported from desk_fixtures, used as arguments

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from editorial.exceptions import EditorialError
from editorial.models import (
    CoverageDelivery,
    CoverageEvent,
    CoverageRequest,
    CoverageStatus,
    Mission,
    MissionStatus,
)
from editorial.services import desk
from editorial.tests.desk_fixtures import emails_to, make_request, media_root
from notifications.models import Notification

pytestmark = pytest.mark.django_db

CONTACT = "contact@festival-masques.bf"
DESK = ["editorial", "administrator"]


def url(name, coverage):
    return reverse(f"editorial_requests:{name}", args=[coverage.pk])


def refresh(coverage) -> CoverageRequest:
    return CoverageRequest.objects.get(pk=coverage.pk)


def last_event(coverage) -> CoverageEvent:
    return CoverageEvent.objects.filter(request=coverage).order_by("pk").last()


@pytest.mark.parametrize("name", DESK)
def test_accept_from_the_admin(client, persona, name):
    user = persona(name)
    coverage = make_request()
    client.force_login(user)
    assert client.get(url("accept", coverage)).status_code == 200

    response = client.post(url("accept", coverage), {"note": "Une équipe viendra."})

    assert response.status_code == 302
    assert response["Location"] == url("inspect", coverage)
    coverage = refresh(coverage)
    assert coverage.status == CoverageStatus.ACCEPTED
    assert Mission.objects.get(request=coverage).status == MissionStatus.PLANNED
    event = last_event(coverage)
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        user,
        CoverageStatus.NEW,
        CoverageStatus.ACCEPTED,
        "Une équipe viendra.",
    )
    (email,) = emails_to(CONTACT)
    assert coverage.reference in email.subject
    assert "Une équipe viendra." in email.body


@pytest.mark.parametrize("name", DESK)
def test_refuse_needs_a_reason(client, persona, name):
    coverage = make_request()
    client.force_login(persona(name))

    response = client.post(url("refuse", coverage), {"note": "   "})
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    assert refresh(coverage).status == CoverageStatus.NEW
    assert not CoverageEvent.objects.exists()
    assert not emails_to(CONTACT)

    client.post(url("refuse", coverage), {"note": "Pas d'équipe disponible ce jour-là."})
    coverage = refresh(coverage)
    assert coverage.status == CoverageStatus.REFUSED
    assert coverage.status_note == "Pas d'équipe disponible ce jour-là."
    assert "Pas d'équipe disponible ce jour-là." in emails_to(CONTACT)[0].body


@pytest.mark.parametrize("name", DESK)
def test_ask_for_details_emails_the_question(client, persona, name):
    user = persona(name)
    coverage = make_request()
    client.force_login(user)

    client.post(url("ask", coverage), {"note": ""})
    assert refresh(coverage).status == CoverageStatus.NEW
    assert not emails_to(CONTACT)

    client.post(url("ask", coverage), {"note": "Combien d'intervenants prendront la parole ?"})
    coverage = refresh(coverage)
    assert coverage.status == CoverageStatus.REVIEWING
    (email,) = emails_to(CONTACT)
    assert "Combien d'intervenants prendront la parole ?" in email.body
    assert email.reply_to == [user.email]
    assert last_event(coverage).to_status == CoverageStatus.REVIEWING

    # Asked again: the request stays under review, the question is logged again.
    client.post(url("ask", coverage), {"note": "Et l'heure d'arrivée des officiels ?"})
    assert refresh(coverage).status == CoverageStatus.REVIEWING
    assert len(emails_to(CONTACT)) == 2


def test_start_review_then_accept(client, editorial):
    coverage = make_request()
    client.force_login(editorial)
    client.post(url("review", coverage), {"note": ""})
    assert refresh(coverage).status == CoverageStatus.REVIEWING
    client.post(url("accept", coverage), {"note": ""})
    assert refresh(coverage).status == CoverageStatus.ACCEPTED
    moves = list(
        CoverageEvent.objects.filter(request=coverage).values_list("from_status", "to_status")
    )
    assert moves == [("new", "reviewing"), ("reviewing", "accepted")]


def test_deliver_then_covered_then_closed(client, editorial, media_root):
    coverage = make_request()
    desk.accept(request=coverage, actor=editorial)
    client.force_login(editorial)

    response = client.post(url("covered", coverage), {"note": ""})
    assert response.status_code == 200  # nothing delivered yet
    assert refresh(coverage).status == CoverageStatus.ACCEPTED

    response = client.post(url("deliver", coverage), {"link": "pas un lien", "note": ""})
    assert response.status_code == 200
    assert not CoverageDelivery.objects.exists()

    video = SimpleUploadedFile("reportage.mp4", b"\x00\x00\x00\x18ftypmp42", "video/mp4")
    photo = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0photo", "image/jpeg")
    response = client.post(
        url("deliver", coverage),
        {
            "files": [video, photo],
            "link": "https://bf1.bf/videos/festival",
            "note": "Montage final",
        },
    )
    assert response.status_code == 302
    assert CoverageDelivery.objects.filter(request=coverage).count() == 3
    assert CoverageDelivery.objects.filter(original_name="reportage.mp4").get().file

    client.post(url("covered", coverage), {"note": ""})
    coverage = refresh(coverage)
    assert coverage.status == CoverageStatus.COVERED
    assert coverage.delivered_at is not None
    assert Mission.objects.get(request=coverage).status == MissionStatus.DELIVERED

    client.post(url("close", coverage), {"note": "Merci"})
    coverage = refresh(coverage)
    assert coverage.status == CoverageStatus.CLOSED
    assert coverage.closed_at is not None
    subjects = [e.subject for e in emails_to(CONTACT)]
    assert len(subjects) == 3  # accepted, covered, closed


def test_a_move_not_allowed_changes_nothing(client, editorial):
    coverage = make_request()
    client.force_login(editorial)
    client.post(url("close", coverage), {"note": ""})
    assert refresh(coverage).status == CoverageStatus.NEW
    refused = make_request(status=CoverageStatus.REFUSED)
    for action in ("accept", "ask", "covered"):
        client.post(url(action, refused), {"note": "x"})
    assert refresh(refused).status == CoverageStatus.REFUSED
    assert not CoverageEvent.objects.exists()
    with pytest.raises(EditorialError):
        desk.accept(request=refused, actor=editorial)


@pytest.mark.parametrize("name", ["advertiser_a", "broadcaster", "anonymous"])
def test_others_are_refused_and_nothing_changes(client, persona, name):
    coverage = make_request()
    user = persona(name)
    if user is not None:
        client.force_login(user)
    for action in ("review", "accept", "refuse", "ask", "covered", "close", "inspect"):
        response = client.get(url(action, coverage))
        assert response.status_code == 302
        assert response["Location"].split("?")[0] in ("/login/", "/admin/login/")
        client.post(url(action, coverage), {"note": "Tentative"})
    assert refresh(coverage).status == CoverageStatus.NEW
    assert not CoverageEvent.objects.exists()
    with pytest.raises(EditorialError):
        desk.accept(request=coverage, actor=user)


def test_admin_access_without_the_role_is_refused(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    coverage = make_request()
    client.force_login(user)
    response = client.post(url("accept", coverage), {"note": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert refresh(coverage).status == CoverageStatus.NEW


def test_an_unknown_request_is_a_404_to_the_desk(client, editorial):
    client.force_login(editorial)
    for name in ("inspect", "accept", "assign", "mission", "sheet"):
        response = client.get(reverse(f"editorial_requests:{name}", args=[999999]))
        assert response.status_code == 404


def test_an_account_holder_is_notified_and_mailed_once(advertiser_a, editorial):
    coverage = make_request(requester=advertiser_a, contact_email=advertiser_a.email)
    with translation.override("fr"):
        desk.accept(request=coverage, actor=editorial)
    notification = Notification.objects.get(recipient=advertiser_a)
    assert notification.kind == "coverage"
    assert coverage.reference in notification.title
    assert notification.url == coverage.get_absolute_url()
    assert len(emails_to(advertiser_a.email)) == 1


def test_an_account_holder_with_another_contact_gets_both(advertiser_a, editorial):
    coverage = make_request(requester=advertiser_a, contact_email="presse@sahel-boissons.bf")
    desk.refuse(request=coverage, actor=editorial, reason="Hors de notre zone de couverture")
    assert Notification.objects.filter(recipient=advertiser_a, kind="coverage").count() == 1
    assert "Hors de notre zone" in emails_to("presse@sahel-boissons.bf")[0].body


def test_an_anonymous_requester_gets_the_e_mail_only(editorial):
    coverage = make_request()
    desk.accept(request=coverage, actor=editorial)
    assert not Notification.objects.exclude(recipient=editorial).filter(kind="coverage").exists()
    assert len(emails_to(CONTACT)) == 1
