"""The client invoice page offers the "Messages" panel (conversations): a link
to ask the accountants about this invoice, refused for another company."""

from __future__ import annotations

import pytest

from billing.tests.test_pdf_helpers import configure_station, issued_invoice
from conversations.models import Team, Thread

pytestmark = pytest.mark.django_db

NEW = "/messages/new/"


def test_the_invoice_page_offers_to_ask_about_it(client, advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    client.force_login(advertiser_a)
    page = client.get(invoice.get_absolute_url()).content.decode()
    assert "data-conversation-panel" in page
    assert "Poser une question" in page
    assert f"{NEW}?subject=invoice%3A{invoice.pk}" in page
    response = client.post(
        f"{NEW}?subject=invoice:{invoice.pk}",
        {"kind": "question", "title": "Échéance", "body": "Quand payer ?"},
    )
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert (thread.subject_type, thread.subject_id) == ("invoice", invoice.pk)
    assert thread.team == Team.BILLING
    page = client.get(invoice.get_absolute_url()).content.decode()
    assert f'data-thread="{thread.pk}"' in page


def test_another_company_cannot_ask_about_the_invoice(client, advertiser_a, advertiser_b):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    client.force_login(advertiser_b)
    assert client.get(invoice.get_absolute_url()).status_code == 404
    assert client.get(NEW, {"subject": f"invoice:{invoice.pk}"}).status_code == 404
    response = client.post(
        f"{NEW}?subject=invoice:{invoice.pk}", {"kind": "question", "title": "T", "body": "B"}
    )
    assert response.status_code == 404
    assert not Thread.objects.exists()
