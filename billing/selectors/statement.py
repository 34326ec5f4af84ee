"""A company's statement for a period: the balance brought forward, each
invoice (debit), credit note and payment (credits) with the running balance,
and the closing balance. The company is the one billed (Invoice.billed_to,
Payment.payer). Six queries whatever the number of documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CreditNote, CreditStatus, Invoice, Payment
from .ageing import end_of_day

ORDER = {"invoice": 0, "credit_note": 1, "payment": 2}


@dataclass
class StatementRow:
    date: dt.date
    kind: str  # invoice | credit_note | payment
    label: str
    debit: int = 0
    credit: int = 0
    balance: int = 0
    document: object = None


@dataclass
class Statement:
    company: object
    start: dt.date
    end: dt.date
    opening: int = 0
    rows: list[StatementRow] = field(default_factory=list)

    @property
    def total_debit(self) -> int:
        return sum(row.debit for row in self.rows)

    @property
    def total_credit(self) -> int:
        return sum(row.credit for row in self.rows)

    @property
    def closing(self) -> int:
        return self.opening + self.total_debit - self.total_credit


def _documents(company):
    invoices = Invoice.objects.filter(billed_to=company, issued_at__isnull=False)
    notes = CreditNote.objects.filter(
        invoice__billed_to=company, status=CreditStatus.ISSUED, issued_at__isnull=False
    )
    payments = Payment.objects.filter(payer=company)
    return invoices, notes, payments


def payment_label(payment: Payment) -> str:
    label = _("Payment — %(method)s") % {"method": payment.get_method_display()}
    if payment.reference:
        label = _("%(label)s ref. %(reference)s") % {"label": label, "reference": payment.reference}
    return label


def statement(company, start: dt.date, end: dt.date) -> Statement:
    """The statement of `company` from `start` to `end` (both included)."""
    if start > end:
        start, end = end, start
    first = end_of_day(start - dt.timedelta(days=1))
    after = end_of_day(end)
    invoices, notes, payments = _documents(company)
    opening = (
        (invoices.filter(issued_at__lt=first).aggregate(s=Sum("net_to_pay"))["s"] or 0)
        - (notes.filter(issued_at__lt=first).aggregate(s=Sum("net"))["s"] or 0)
        - (payments.filter(received_on__lt=start).aggregate(s=Sum("amount"))["s"] or 0)
    )
    rows: list[StatementRow] = []
    for invoice in invoices.filter(issued_at__gte=first, issued_at__lt=after).only(
        "pk", "number", "issued_at", "net_to_pay", "uuid"
    ):
        rows.append(
            StatementRow(
                date=timezone.localtime(invoice.issued_at).date(),
                kind="invoice",
                label=_("Invoice %(number)s") % {"number": invoice.number},
                debit=invoice.net_to_pay,
                document=invoice,
            )
        )
    for note in notes.filter(issued_at__gte=first, issued_at__lt=after).only(
        "pk", "number", "issued_at", "net", "uuid"
    ):
        rows.append(
            StatementRow(
                date=timezone.localtime(note.issued_at).date(),
                kind="credit_note",
                label=_("Credit note %(number)s") % {"number": note.number},
                credit=note.net,
                document=note,
            )
        )
    for payment in payments.filter(received_on__gte=start, received_on__lte=end):
        rows.append(
            StatementRow(
                date=payment.received_on,
                kind="payment",
                label=payment_label(payment),
                credit=payment.amount,
                document=payment,
            )
        )
    rows.sort(key=lambda row: (row.date, ORDER[row.kind], row.label))
    balance = opening
    for row in rows:
        balance += row.debit - row.credit
        row.balance = balance
    return Statement(company=company, start=start, end=end, opening=opening, rows=rows)
