"""The "Payer par Mobile Money" section of the advertiser's invoice page
(billing.panels), registered in PaymentsConfig.ready(): the pay button while
something remains to pay, and the invoice's payment attempts with their state.
Only for the company the invoice is billed to, only while payments are on."""

from __future__ import annotations

from billing.models import OPEN_STATUSES

from .conf import payments_enabled
from .models import PaymentIntent


def invoice_payment_panel(request, invoice):
    if not payments_enabled():
        return None
    company_id = getattr(request.user, "advertiser_id", None)
    if company_id is None or invoice.billed_to_id != company_id:
        return None
    attempts = list(PaymentIntent.objects.filter(invoice=invoice).order_by("-created_at", "-pk"))
    payable = invoice.status in OPEN_STATUSES and invoice.balance > 0
    if not payable and not attempts:
        return None
    # Imported here: the services pull the providers' HTTP client (httpx), which
    # every process would otherwise load at start-up (this module is imported
    # by PaymentsConfig.ready()).
    from .services.start import remaining_due

    due = remaining_due(invoice) if payable else 0
    return (
        "payments/_invoice_panel.html",
        {"invoice": invoice, "attempts": attempts, "payable": payable, "due": due},
    )
