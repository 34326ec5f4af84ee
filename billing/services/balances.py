"""An invoice's balance and status, recomputed from its credit notes and the
payments allocated to it (the caller holds the invoice's row lock)."""

from __future__ import annotations

from django.db.models import Sum

from ..models import CreditStatus, Invoice, InvoiceStatus


def refresh_balance(invoice: Invoice) -> Invoice:
    """Recompute what was credited and paid, the balance and the status of an
    issued invoice (the caller holds its row lock)."""
    credited = (
        invoice.credit_notes.filter(status=CreditStatus.ISSUED).aggregate(s=Sum("net"))["s"] or 0
    )
    paid = invoice.allocations.aggregate(s=Sum("amount"))["s"] or 0
    invoice.credited = credited
    invoice.paid = paid
    invoice.balance = invoice.net_to_pay - credited - paid
    if invoice.balance <= 0:
        if paid == 0 and credited > 0:
            invoice.status = InvoiceStatus.CANCELLED
        else:
            invoice.status = InvoiceStatus.PAID
    elif paid > 0:
        invoice.status = InvoiceStatus.PARTLY_PAID
    else:
        invoice.status = InvoiceStatus.ISSUED
    invoice.save(update_fields=["credited", "paid", "balance", "status", "updated_at"])
    return invoice
