"""The files of coverage requests are private: served through the permission-
checked /media/ view to the requester, the editorial desk and administrators;
everyone else gets the same 404 as for a missing file."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from accounts.tests.factories import AdvertiserUserFactory
from editorial.media_access import can_read
from editorial.models import CoverageAttachment, CoverageDelivery
from editorial.services import intake

from .intake_support import answers, make_request, pdf, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def attachment(advertiser_a):
    coverage = intake.create_request(data=answers(), files=[pdf()], user=advertiser_a)
    return coverage.attachments.get()


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("advertiser_a", 200),
        ("advertiser_b", 404),
        ("anonymous", 404),
        ("broadcaster", 404),
        ("editorial", 200),
        ("administrator", 200),
        ("superuser", 200),
    ],
)
def test_attachments_reach_the_requester_and_the_desk_only(
    client, persona, attachment, name, status
):
    user = persona(name)
    if user is not None:
        client.force_login(user)
    response = client.get(attachment.file.url)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == pdf_bytes()
        assert response["Content-Type"] == "application/pdf"
        assert "private" in response["Cache-Control"]


def test_a_colleague_of_the_company_reads_the_attachment(client, attachment, advertiser_a):
    client.force_login(AdvertiserUserFactory(advertiser=advertiser_a.advertiser))
    assert client.get(attachment.file.url).status_code == 200


def test_an_anonymous_request_is_read_by_the_desk_only(client, editorial, advertiser_a):
    coverage = intake.create_request(data=answers(), files=[pdf()])
    path = coverage.attachments.get().file.name
    assert can_read(editorial, path)
    assert not can_read(advertiser_a, path)
    assert not can_read(None, path)


def test_office_documents_are_downloaded_not_shown(client, advertiser_a):
    from .intake_support import office_bytes, upload

    coverage = intake.create_request(
        data=answers(), files=[upload("programme.docx", office_bytes())], user=advertiser_a
    )
    client.force_login(advertiser_a)
    response = client.get(coverage.attachments.get().file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_delivered_files_reach_the_requester_once_covered(advertiser_a, advertiser_b, editorial):
    coverage = make_request(requester=advertiser_a, status="accepted")
    delivery = CoverageDelivery(request=coverage, original_name="reportage.pdf")
    delivery.file.save("reportage.pdf", ContentFile(pdf_bytes()), save=True)
    path = delivery.file.name
    assert path.startswith("editorial/deliveries/")
    assert can_read(editorial, path)
    assert not can_read(advertiser_a, path)
    coverage.status = "covered"
    coverage.save(update_fields=["status"])
    assert can_read(advertiser_a, path)
    assert not can_read(advertiser_b, path)


def test_an_unknown_editorial_path_is_for_the_desk_only(advertiser_a, editorial):
    assert not can_read(advertiser_a, "editorial/requests/whatever.pdf")
    assert not can_read(advertiser_a, "editorial/other/whatever.pdf")
    assert can_read(editorial, "editorial/other/whatever.pdf")
    assert not CoverageAttachment.objects.exists()
