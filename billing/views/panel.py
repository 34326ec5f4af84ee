"""The "Invoices" section of the advertiser's campaign page (campaigns.panels):
the issued invoices of the campaign, registered in BillingConfig.ready()."""

from __future__ import annotations

from django.utils import timezone

from ..models import Invoice
from .presentation import invoice_badges


def campaign_invoices(campaign) -> list[dict] | None:
    """Rows of the campaign's issued invoices (one query), None when it has none.
    The campaign page only shows a campaign of the user's own company, and its
    invoices are that company's (Invoice.objects.for_company)."""
    invoices = Invoice.objects.for_company(campaign.advertiser_id).filter(campaign=campaign)
    today = timezone.localdate()
    rows = [
        {"invoice": invoice, "badges": invoice_badges(invoice, today)}
        for invoice in invoices.order_by("issued_at", "pk")
    ]
    return rows or None
