"""A billing run issues every campaign's invoice of a period; its PDFs are written
by the worker, on the first download, or by the sweeper after a crash."""

import datetime as dt

import pytest
from django.utils import timezone
from django_q.models import Schedule

from billing.models import Invoice
from billing.services.pdfs import ensure_pdf, render_missing_pdfs
from billing.services.runs import bill_period
from billing.tasks import render_pdf
from billing.tests.factories import campaign_on_air

pytestmark = pytest.mark.django_db


def _period():
    today = timezone.localdate()
    return today - dt.timedelta(days=30), today


def test_a_run_issues_one_invoice_per_campaign_and_leaves_the_pdf_to_the_worker(
    administrator, django_capture_on_commit_callbacks
):
    first, _ = campaign_on_air(aired=2)
    second, _ = campaign_on_air(aired=1)
    start, end = _period()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = bill_period(start=start, end=end, actor=administrator)
    assert {invoice.campaign_id for invoice in result.invoices} == {first.pk, second.pk}
    assert not result.failures
    assert all(invoice.number for invoice in result.invoices)
    assert not any(invoice.pdf for invoice in Invoice.objects.all())
    assert len(callbacks) >= 2
    for invoice in result.invoices:
        assert render_pdf("invoice", invoice.pk)
    assert all(invoice.pdf for invoice in Invoice.objects.all())


def test_a_second_run_bills_nothing_twice(administrator):
    campaign_on_air(aired=2)
    start, end = _period()
    bill_period(start=start, end=end, actor=administrator)
    again = bill_period(start=start, end=end, actor=administrator)
    assert again.invoices == [] and again.failures == []
    assert Invoice.objects.count() == 1


def test_the_sweeper_and_the_download_write_a_missing_pdf_once(administrator, client, advertiser_a):
    campaign, _ = campaign_on_air(aired=1, user=advertiser_a)
    start, end = _period()
    invoice = bill_period(start=start, end=end, actor=administrator).invoices[0]
    invoice.refresh_from_db()
    assert not invoice.pdf
    client.force_login(advertiser_a)
    response = client.get(f"/billing/invoices/{invoice.uuid}/pdf/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    invoice.refresh_from_db()
    stored = invoice.pdf.name
    assert stored
    ensure_pdf(invoice)
    invoice.refresh_from_db()
    assert invoice.pdf.name == stored  # never replaced
    other, _ = campaign_on_air(aired=1)
    bill_period(start=start, end=end, actor=administrator)
    assert render_missing_pdfs() == 1
    assert not Invoice.objects.filter(issued_at__isnull=False, pdf="").exists()


def test_the_sweeper_is_scheduled():
    schedule = Schedule.objects.get(func="billing.tasks.render_missing_pdfs")
    assert schedule.repeats == -1 and schedule.minutes == 10


def test_only_billing_staff_run_it(advertiser_a):
    from billing.exceptions import BillingError

    start, end = _period()
    with pytest.raises(BillingError):
        bill_period(start=start, end=end, actor=advertiser_a)
