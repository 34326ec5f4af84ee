import pytest
from billing.pdf import render_document
from billing.tests.test_pdf_helpers import configure_station, issued_invoice, pdf_text, certify, issued_credit_note
from billing.pdf.statement import render_statement
pytestmark = pytest.mark.django_db
def test_peek(advertiser_a):
    from accounts.tests.factories import AdvertiserFactory
    configure_station()
    agency = AdvertiserFactory(name="Agence Kadi Pub", is_agency=True, withholds_vat=True)
    c = advertiser_a.advertiser; c.agency = agency; c.save()
    inv = certify(issued_invoice(advertiser_a))
    import io
    from pypdf import PdfReader
    print("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_document(inv, compress=False))).pages))
    note = issued_credit_note(inv)
    print("=====")
    print("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_document(note, compress=False))).pages))
