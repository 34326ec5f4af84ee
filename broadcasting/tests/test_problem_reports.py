"""A broadcaster's "Signaler un problème" from /diffusion/ (issue 17): the form
page, its refusals in French, the problem report it opens for the commercial
team and the broadcasters, hidden from the advertiser until it is shared."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import AdvertiserUserFactory, UserFactory
from broadcasting.tests.factories import AiringFactory
from campaigns.tests.factories import SpotFactory
from conversations import services
from conversations.models import Thread, ThreadKind
from conversations.tests.factories import mp4_file, png_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def airing():
    return AiringFactory()


@pytest.fixture
def client_user(airing):
    """A user of the airing's advertiser."""
    return AdvertiserUserFactory(advertiser=airing.campaign.advertiser)


def url(airing):
    return reverse("broadcasting:airing_problem", kwargs={"pk": airing.pk})


def report(client, airing, **data):
    values = {"problem_type": "bad_sound", "body": "Pas de son pendant tout le spot."}
    values.update(data)
    return client.post(url(airing), values)


def test_the_day_page_links_each_airing_to_its_report_form(client, broadcaster, airing):
    client.force_login(broadcaster)
    day = airing.break_slot.day.isoformat()
    html = client.get(reverse("broadcasting:dashboard"), {"date": day}).content.decode()
    assert f'href="{url(airing)}"' in html
    assert "Signaler un problème" in html
    assert "/messages/?kind=problem" in html  # the broadcaster's reports


def test_the_form_is_in_french(client, broadcaster, airing):
    client.force_login(broadcaster)
    html = client.get(url(airing)).content.decode()
    for text in (
        "Signaler un problème",
        "Son absent ou mauvais",
        "Mauvais fichier",
        "Coupé avant la fin",
    ):
        assert text in html
    assert airing.campaign.title in html


def test_a_report_needs_the_csrf_token(broadcaster, airing):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(broadcaster)
    assert report(browser, airing).status_code == 403
    assert not Thread.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"problem_type": ""}, "Choisissez le type de problème."),
        ({"problem_type": "nonsense"}, "Sélectionnez un choix valide."),
        ({"body": "   "}, "Écrivez un message."),
    ],
)
def test_a_bad_report_is_refused_in_french_and_nothing_kept(
    client, broadcaster, airing, data, message
):
    client.force_login(broadcaster)
    response = report(client, airing, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Thread.objects.exists()


def test_a_file_whose_content_is_not_its_type_is_refused(
    client, broadcaster, airing, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(broadcaster)
    from conversations.tests.factories import exe_as_pdf

    response = report(client, airing, attachment=exe_as_pdf())
    assert response.status_code == 200
    assert not Thread.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_the_report_reaches_the_team_and_the_advertiser_once_shared(
    client, broadcaster, administrator, airing, client_user, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(broadcaster)
    response = report(client, airing, attachment=png_file("capture.png"))
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("conversations:thread", args=[thread.pk])
    assert thread.kind == ThreadKind.PROBLEM and thread.problem_type == "bad_sound"
    assert (thread.subject_type, thread.subject_id) == ("airing", airing.pk)
    assert thread.advertiser_id == airing.campaign.advertiser_id
    assert not thread.advertiser_visible
    assert thread.messages.get().attachments.count() == 1
    page = client.get(response["Location"])
    assert "Votre signalement a été envoyé à l’équipe commerciale." in page.content.decode()

    thread_url = reverse("conversations:thread", args=[thread.pk])
    other_broadcaster = UserFactory(roles=[Role.BROADCASTER])
    client.force_login(other_broadcaster)
    assert client.get(thread_url).status_code == 200
    client.force_login(administrator)
    assert client.get(thread_url).status_code == 200

    # The advertiser does not see it until the commercial team shares it.
    client.force_login(client_user)
    assert client.get(thread_url).status_code == 404
    assert thread.title not in client.get(reverse("conversations:list")).content.decode()
    services.share_with_advertiser(thread=thread, actor=administrator)
    assert client.get(thread_url).status_code == 200
    # ... and answers with a new file, a video.
    response = client.post(thread_url, {"body": "Voici le bon fichier.", "files": [mp4_file()]})
    assert response.status_code == 302
    last = thread.messages.order_by("-pk").first()
    assert last.author == client_user and last.attachments.get().is_video


def test_other_roles_cannot_report(client, airing, client_user, editorial):
    for user in (client_user, editorial):
        client.force_login(user)
        assert client.get(url(airing)).status_code == 403
        assert report(client, airing).status_code == 403
    assert not Thread.objects.exists()


def test_an_unknown_airing_is_404(client, broadcaster):
    client.force_login(broadcaster)
    missing = reverse("broadcasting:airing_problem", kwargs={"pk": 999999})
    assert client.get(missing).status_code == 404


def test_a_spot_report_is_for_approved_spots_only(client, broadcaster, airing):
    client.force_login(broadcaster)
    pending = SpotFactory(campaign=airing.campaign)
    pending_url = reverse("broadcasting:spot_problem", kwargs={"pk": pending.pk})
    assert client.get(pending_url).status_code == 404
    approved = airing.campaign.spots.filter(review_state="approved").first()
    approved_url = reverse("broadcasting:spot_problem", kwargs={"pk": approved.pk})
    assert client.get(approved_url).status_code == 200
    response = client.post(
        approved_url, {"problem_type": "wrong_file", "body": "Ce n’est pas le bon spot."}
    )
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert (thread.subject_type, thread.subject_id) == ("spot", approved.pk)
