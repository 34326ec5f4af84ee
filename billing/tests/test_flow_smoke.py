import pytest

from billing.models import InvoiceStatus
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.services.payments import record_payment
from billing.tests.factories import accountant_user, campaign_on_air

pytestmark = pytest.mark.django_db


def test_invoice_of_every_airing_equals_the_quote(administrator):
    campaign, airings = campaign_on_air(aired=3)
    line = campaign.lines.get()
    line.airings = 3
    line.save()
    from broadcasting.tests.factories import frozen_quote

    frozen_quote(campaign)
    draft = create_draft(campaign=campaign, actor=administrator)
    assert draft.total == campaign.quote_total
    invoice = issue_invoice(invoice=draft, actor=administrator)
    assert invoice.number.endswith("-00001")
    assert invoice.status == InvoiceStatus.ISSUED
    assert invoice.pdf.name
    import datetime as dt

    from django.utils import timezone

    accountant = accountant_user()
    record_payment(
        payer=campaign.advertiser,
        actor=accountant,
        method="transfer",
        amount=1000,
        received_on=timezone.localdate() - dt.timedelta(days=1),
        allocations=[(invoice, 1000)],
    )
    invoice.refresh_from_db()
    assert invoice.balance == invoice.net_to_pay - 1000
    assert invoice.status == InvoiceStatus.PARTLY_PAID
