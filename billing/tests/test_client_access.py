"""Who reaches the advertiser's billing area: advertisers only, and only the
documents of their own company (another company's identifier is a 404)."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from billing.tests.test_pdf_helpers import configure_station, issued_credit_note, issued_invoice

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    note = issued_credit_note(invoice)
    return invoice, note


def _urls(invoice, note) -> list[str]:
    return [
        reverse("billing:invoice", kwargs={"uuid": invoice.uuid}),
        reverse("billing:invoice_pdf", kwargs={"uuid": invoice.uuid}),
        reverse("billing:credit_note", kwargs={"uuid": note.uuid}),
        reverse("billing:credit_note_pdf", kwargs={"uuid": note.uuid}),
    ]


@pytest.mark.parametrize("name", ["broadcaster", "editorial", "administrator"])
def test_other_roles_are_refused(client_as, name, documents):
    client = client_as(name)
    for url in [
        reverse("billing:overview"),
        reverse("billing:statement_pdf"),
        *_urls(*documents),
    ]:
        assert client.get(url).status_code == 403, url


def test_visitors_go_to_the_login_page(client, documents):
    for url in [reverse("billing:overview"), reverse("billing:statement_pdf"), *_urls(*documents)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


def test_another_company_gets_a_404_never_a_403(client_as, documents):
    client = client_as("advertiser_b")
    for url in _urls(*documents):
        assert client.get(url).status_code == 404, url


def test_an_unknown_document_is_a_404(client_as, documents):
    client = client_as("advertiser_a")
    for name in ("invoice", "invoice_pdf", "credit_note", "credit_note_pdf"):
        url = reverse(f"billing:{name}", kwargs={"uuid": uuid.uuid4()})
        assert client.get(url).status_code == 404


def test_a_draft_invoice_is_not_shown(client_as, advertiser_a):
    from billing.services.drafts import create_draft
    from billing.tests.factories import campaign_on_air
    from billing.tests.test_pdf_helpers import staff

    campaign, _airings = campaign_on_air(aired=2, user=advertiser_a)
    draft = create_draft(campaign=campaign, actor=staff())
    client = client_as("advertiser_a")
    assert client.get(reverse("billing:invoice", kwargs={"uuid": draft.uuid})).status_code == 404
    assert draft.number == "" or draft.number not in client.get(reverse("billing:overview")).text


def test_the_agency_billed_sees_the_invoice_of_its_client(client, advertiser_a):
    from accounts.tests.factories import AdvertiserFactory, AdvertiserUserFactory

    configure_station()
    agency = AdvertiserFactory(name="Agence Kadi Pub", is_agency=True)
    company = advertiser_a.advertiser
    company.agency = agency
    company.save()
    invoice = issued_invoice(advertiser_a)
    agent = AdvertiserUserFactory(email="kadi@agence.bf", advertiser=agency)
    client.force_login(agent)
    page = client.get(reverse("billing:invoice", kwargs={"uuid": invoice.uuid}))
    assert page.status_code == 200
    assert "Sahel Boissons SA" in page.text
