"""Manual certification (FEC): the code, time and QR recorded on an issued invoice;
the issued PDF is kept and the certified copy carries the code."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from billing.exceptions import BillingError
from billing.models import BillingEvent, CertificationState
from billing.services.certify import record_certification
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.tests.factories import campaign_on_air

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(administrator):
    campaign, _airings = campaign_on_air(aired=2)
    return issue_invoice(
        invoice=create_draft(campaign=campaign, actor=administrator), actor=administrator
    )


def test_manual_mode_leaves_the_invoice_pending_then_records_the_code(issued, accountant):
    assert issued.certification == CertificationState.PENDING
    original = issued.pdf.name
    record_certification(document=issued, actor=accountant, code="SECEF-2026-ABC123", qr="QR|1")
    issued.refresh_from_db()
    assert issued.certification == CertificationState.CERTIFIED
    assert issued.certification_code == "SECEF-2026-ABC123"
    assert issued.pdf.name == original  # the issued document never changes
    assert issued.certified_pdf.name
    assert BillingEvent.objects.filter(invoice=issued, action="certified").exists()


def test_twice_or_bad_input_is_refused_and_changes_nothing(issued, accountant, advertiser_a):
    with translation.override("fr"):
        with pytest.raises(BillingError) as error:
            record_certification(document=issued, actor=accountant, code="  ")
        assert "code" in error.value.message.lower()
        with pytest.raises(BillingError):
            record_certification(
                document=issued,
                actor=accountant,
                code="X",
                certified_at=timezone.now() + dt.timedelta(days=1),
            )
        fake_pdf = SimpleUploadedFile("c.pdf", b"MZ\x90\x00not a pdf", "application/pdf")
        with pytest.raises(BillingError) as error:
            record_certification(
                document=issued, actor=accountant, code="X", certified_pdf=fake_pdf
            )
        assert "PDF" in error.value.message
        with pytest.raises(BillingError):
            record_certification(document=issued, actor=advertiser_a, code="X")
    issued.refresh_from_db()
    assert issued.certification == CertificationState.PENDING
    assert not issued.certified_pdf
    record_certification(document=issued, actor=accountant, code="OK-1")
    with pytest.raises(BillingError):
        record_certification(document=issued, actor=accountant, code="OK-2")
    issued.refresh_from_db()
    assert issued.certification_code == "OK-1"


def test_fake_mode_certifies_at_issue_with_a_test_code(administrator):
    from billing.conf import billing_settings

    conf = billing_settings()
    conf.certification_mode = "fake"
    conf.save()
    campaign, _airings = campaign_on_air(aired=1)
    invoice = issue_invoice(
        invoice=create_draft(campaign=campaign, actor=administrator), actor=administrator
    )
    assert invoice.certification == CertificationState.CERTIFIED
    assert invoice.certification_code.startswith("TEST-FEC-")


def test_fake_mode_is_refused_where_settings_forbid_it(administrator, settings):
    from billing.conf import billing_settings

    settings.BILLING_ALLOW_FAKE_CERTIFIER = False
    conf = billing_settings()
    conf.certification_mode = "fake"
    conf.save()
    campaign, _airings = campaign_on_air(aired=1)
    invoice = issue_invoice(
        invoice=create_draft(campaign=campaign, actor=administrator), actor=administrator
    )
    assert invoice.certification == CertificationState.PENDING
