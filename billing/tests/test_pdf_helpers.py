"""Helpers of the client-area and PDF tests: the station's billing identity,
an issued invoice of a company, its credit note, and the text of a PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from wagtail.models import Site

from billing.models import BillingSettings
from billing.services.certify import record_certification
from billing.services.credit_notes import create_credit_note, issue_credit_note
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.tests.factories import accountant_user, campaign_on_air

STATION = {
    "legal_name": "BF1 Télévision",
    "legal_form": "SARL",
    "address": "Avenue Kwame N'Krumah, Ouagadougou",
    "rccm": "BF-OUA-2010-B-1234",
    "ifu": "00012345A",
    "tax_regime": "RNI",
    "tax_office": "DGE Ouagadougou",
    "footer_text": "Merci de rappeler le numéro de facture avec votre paiement.",
}


def configure_station(**changes) -> BillingSettings:
    """The station's billing settings for the default site, with bank accounts."""
    site = Site.objects.get(is_default_site=True)
    conf = BillingSettings.for_site(site)
    for name, value in {**STATION, **changes}.items():
        setattr(conf, name, value)
    conf.bank_accounts = [
        ("account", {"bank": "Coris Bank", "holder": "BF1", "number": "BF123 45678", "swift": ""})
    ]
    conf.save()
    return conf


def staff():
    from accounts.models import User

    return User.objects.filter(email="compta@bf1.bf").first() or accountant_user()


def issued_invoice(user, *, aired: int = 3, **campaign):
    """An issued invoice of `user`'s company for a campaign with `aired` aired airings."""
    actor = staff()
    on_air, _airings = campaign_on_air(aired=aired, user=user, **campaign)
    draft = create_draft(campaign=on_air, actor=actor)
    return issue_invoice(invoice=draft, actor=actor)


def certify(document, *, code: str = "FEC-2026-ABC123", qr: str = "https://secef.example/v/ABC"):
    return record_certification(document=document, actor=staff(), code=code, qr=qr)


def issued_credit_note(invoice, *, amount: int = 1000, explanation: str = "Geste commercial"):
    actor = staff()
    note = create_credit_note(
        invoice=invoice, actor=actor, reason="gesture", explanation=explanation, amount=amount
    )
    return issue_credit_note(credit_note=note, actor=actor)


def pdf_text(data: bytes) -> str:
    """The text of every page, its spaces normalised (narrow and no-break ones too)."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return " ".join(" ".join(pages).replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.django_db
def test_an_issued_invoice_has_its_pdf(advertiser_a):
    configure_station()
    invoice = issued_invoice(advertiser_a)
    assert invoice.pdf.name
    assert invoice.pdf.open("rb").read(5) == b"%PDF-"
