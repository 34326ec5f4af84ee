"""The invoice PDF: every mention of CGI art. 562/564 from the snapshots frozen
at issue, the totals, the amount in words and the certification (FEC) block."""

from __future__ import annotations

import pytest
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from billing.models import Invoice
from billing.pdf import render_document
from billing.pdf.common import certification_block
from billing.tests.test_pdf_helpers import (
    STATION,
    certify,
    configure_station,
    issued_invoice,
    pdf_text,
)
from core.pdf import styles

pytestmark = pytest.mark.django_db


def _text(invoice) -> str:
    invoice = Invoice.objects.get(pk=invoice.pk)
    return pdf_text(render_document(invoice, compress=False))


def test_the_invoice_carries_every_legal_mention(advertiser_a):
    configure_station()
    company = advertiser_a.advertiser
    company.ifu, company.rccm, company.address = "00098765B", "BF-OUA-2020-B-999", "Zone du bois"
    company.save()
    invoice = issued_invoice(advertiser_a)
    text = _text(invoice)
    for mention in (
        "Facture",
        invoice.number,
        STATION["legal_name"],
        "(SARL)",
        STATION["address"],
        STATION["rccm"],
        STATION["ifu"],
        "RNI",
        STATION["tax_office"],
        "Coris Bank",
        "BF123 45678",
        STATION["footer_text"],
        "Sahel Boissons SA",
        "00098765B",
        "BF-OUA-2020-B-999",
        "Zone du bois",
        invoice.subject.replace("\u201c", "").replace("\u201d", "")[:20],
        "TVA (18 %)",
        "Total TTC",
        "Total HT",
    ):
        assert mention in text, mention
    assert invoice.amount_in_words.split()[0] in text
    assert invoice.due_date.strftime("%Y") in text
    for line in invoice.lines.all():
        assert line.description[:12] in text


def test_a_pending_invoice_says_so_and_draws_no_qr(advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    assert not invoice.is_certified
    assert "Facture en attente de certification (FEC)" in _text(invoice)
    block = certification_block(invoice, styles(), certified_text="c", pending_text="p")
    assert not [cell for cell in block._cellvalues[0] if isinstance(cell, Drawing)]


def test_a_certified_invoice_shows_its_code_and_draws_its_qr(advertiser_a):
    configure_station()
    invoice = certify(issued_invoice(advertiser_a), code="FEC-XYZ-42", qr="SECEF|FA|XYZ42")
    text = _text(invoice)
    assert "FEC-XYZ-42" in text
    assert "Facture électronique certifiée (FEC)" in text
    assert "en attente" not in text
    block = certification_block(invoice, styles(), certified_text="c", pending_text="p")
    drawings = [cell for cell in block._cellvalues[0] if isinstance(cell, Drawing)]
    assert len(drawings) == 1
    widgets = [item for item in drawings[0].contents if isinstance(item, QrCodeWidget)]
    assert [widget.value for widget in widgets] == ["SECEF|FA|XYZ42"]


def test_the_fake_certifier_certifies_the_pdf_written_at_issue(advertiser_a):
    configure_station(certification_mode="fake")
    invoice = issued_invoice(advertiser_a)
    assert invoice.is_certified
    text = pdf_text(invoice.pdf.open("rb").read())
    assert invoice.certification_code in text


def test_the_pdf_never_reads_the_live_settings(advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    configure_station(legal_name="Nouvelle Raison Sociale", rccm="BF-OUA-2030-B-1")
    text = _text(invoice)
    assert STATION["legal_name"] in text
    assert "Nouvelle Raison Sociale" not in text


def test_a_withholding_client_sees_the_vat_withheld_and_the_net_to_pay(advertiser_a):
    configure_station()
    company = advertiser_a.advertiser
    company.withholds_vat = True
    company.save()
    invoice = issued_invoice(advertiser_a)
    assert invoice.vat_withheld > 0
    text = _text(invoice)
    assert "TVA retenue à la source (30 %)" in text
    assert "Net à payer" in text


def test_agency_billing_shows_gross_commission_and_net(advertiser_a):
    from accounts.tests.factories import AdvertiserFactory

    configure_station()
    agency = AdvertiserFactory(name="Agence Kadi Pub", is_agency=True)
    company = advertiser_a.advertiser
    company.agency = agency
    company.save()
    invoice = issued_invoice(advertiser_a)
    assert invoice.commission > 0
    text = _text(invoice)
    assert "Agence Kadi Pub" in text
    assert "Pour le compte de" in text and "Sahel Boissons SA" in text
    assert "Commission d'agence" in text
    assert "Net HT après commission" in text
    assert "Montant brut HT" in text


def test_an_advance_invoice_is_titled_so(advertiser_a):
    from billing.services.advance import create_advance
    from billing.services.issue import issue_invoice
    from billing.tests.factories import campaign_on_air
    from billing.tests.test_pdf_helpers import staff

    configure_station()
    company = advertiser_a.advertiser
    company.requires_prepayment = True
    company.prepayment_percent = 50
    company.save()
    campaign, _airings = campaign_on_air(aired=0, user=advertiser_a)
    advance = create_advance(campaign=campaign, actor=staff(), percent=50)
    advance = issue_invoice(invoice=advance, actor=staff())
    assert "Facture d'acompte" in _text(advance)
