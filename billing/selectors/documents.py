"""Revenue figures of a period for the reports: billed (invoices issued less
credit notes issued, excl. VAT), collected (payments received) and the
outstanding balance at the end of the period. Four queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum

from ..models import CreditNote, CreditStatus, Invoice, Payment
from .ageing import end_of_day, open_invoices


@dataclass(frozen=True)
class Revenue:
    start: dt.date
    end: dt.date
    invoiced: int  # Σ total excl. VAT of the invoices issued in the period
    credited: int  # Σ total excl. VAT of the credit notes issued in the period
    collected: int  # Σ payments received in the period
    outstanding: int  # Σ balance of the open invoices issued by the end

    @property
    def billed(self) -> int:
        return self.invoiced - self.credited


def revenue(start: dt.date, end: dt.date) -> Revenue:
    if start > end:
        start, end = end, start
    first = end_of_day(start - dt.timedelta(days=1))
    after = end_of_day(end)
    invoiced = Invoice.objects.filter(issued_at__gte=first, issued_at__lt=after).aggregate(
        s=Sum("total_excl_vat")
    )["s"]
    credited = CreditNote.objects.filter(
        status=CreditStatus.ISSUED, issued_at__gte=first, issued_at__lt=after
    ).aggregate(s=Sum("total_excl_vat"))["s"]
    collected = Payment.objects.filter(received_on__gte=start, received_on__lte=end).aggregate(
        s=Sum("amount")
    )["s"]
    outstanding = open_invoices(as_of=end).aggregate(s=Sum("balance"))["s"]
    return Revenue(
        start=start,
        end=end,
        invoiced=invoiced or 0,
        credited=credited or 0,
        collected=collected or 0,
        outstanding=outstanding or 0,
    )
