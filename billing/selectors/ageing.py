"""The ageing report: what each billed company owes, by how late it is.

Buckets count the days past the due date at `as_of`: not due yet (due on or
after `as_of`, or no due date), 1–30, 31–60, 61–90 and over 90 days. Only issued
invoices still open (issued or partly paid, balance > 0) count, with their
balance as it stands. Three queries whatever the number of companies or
documents: the buckets (one aggregate grouped by the company billed), the credit
on account (payments not allocated) and the companies themselves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils import timezone

from accounts.models import Advertiser

from ..models import OPEN_STATUSES, Invoice, Payment

BUCKETS = ("not_due", "d0_30", "d31_60", "d61_90", "over_90")


@dataclass
class AgeingRow:
    advertiser: Advertiser | None
    not_due: int = 0
    d0_30: int = 0
    d31_60: int = 0
    d61_90: int = 0
    over_90: int = 0
    credit: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name in BUCKETS)

    @property
    def overdue(self) -> int:
        return self.total - self.not_due

    @property
    def net(self) -> int:
        """What the company owes once its credit on account is used."""
        return self.total - self.credit


@dataclass
class AgeingReport:
    as_of: dt.date
    rows: list[AgeingRow] = field(default_factory=list)
    totals: AgeingRow = field(default_factory=lambda: AgeingRow(advertiser=None))


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after `day` in the current time zone."""
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def bucket_filters(as_of: dt.date) -> dict[str, Q]:
    """{bucket: condition on the due date} for days past due at `as_of`."""

    def ago(days: int) -> dt.date:
        return as_of - dt.timedelta(days=days)

    return {
        "not_due": Q(due_date__isnull=True) | Q(due_date__gte=as_of),
        "d0_30": Q(due_date__lt=as_of, due_date__gte=ago(30)),
        "d31_60": Q(due_date__lt=ago(30), due_date__gte=ago(60)),
        "d61_90": Q(due_date__lt=ago(60), due_date__gte=ago(90)),
        "over_90": Q(due_date__lt=ago(90)),
    }


def open_invoices(*, as_of: dt.date | None = None):
    """Issued invoices with something left to pay (issued by `as_of` when given)."""
    invoices = Invoice.objects.filter(
        status__in=OPEN_STATUSES, balance__gt=0, issued_at__isnull=False
    )
    if as_of is not None:
        invoices = invoices.filter(issued_at__lt=end_of_day(as_of))
    return invoices


def credits_on_account(*, as_of: dt.date | None = None, payer=None):
    """Payments with a part not allocated to any invoice."""
    payments = Payment.objects.filter(unallocated__gt=0)
    if as_of is not None:
        payments = payments.filter(received_on__lte=as_of)
    if payer is not None:
        payments = payments.filter(payer=payer)
    return payments


def ageing(*, as_of: dt.date, advertiser=None) -> AgeingReport:
    """Balance per company billed (Invoice.billed_to) by days past due at
    `as_of`, its credit on account beside it, and a totals row; companies by name."""
    invoices = open_invoices(as_of=as_of)
    payments = credits_on_account(as_of=as_of)
    if advertiser is not None:
        invoices = invoices.filter(billed_to=advertiser)
        payments = payments.filter(payer=advertiser)
    sums = {name: Sum("balance", filter=cond) for name, cond in bucket_filters(as_of).items()}
    grouped = invoices.values("billed_to").annotate(**sums).order_by()
    rows: dict[int, AgeingRow] = {}
    for group in grouped:
        row = rows.setdefault(group["billed_to"], AgeingRow(advertiser=None))
        for name in BUCKETS:
            setattr(row, name, group[name] or 0)
    credits = payments.values("payer").annotate(credit=Sum("unallocated")).order_by()
    for group in credits:
        rows.setdefault(group["payer"], AgeingRow(advertiser=None)).credit = group["credit"] or 0
    # One query whatever the number of companies (in_bulk splits long id lists).
    companies = (
        {
            company.pk: company
            for company in Advertiser.objects.filter(
                Q(pk__in=invoices.values("billed_to")) | Q(pk__in=payments.values("payer"))
            )
        }
        if rows
        else {}
    )
    report = AgeingReport(as_of=as_of)
    for pk, row in rows.items():
        row.advertiser = companies.get(pk)
        report.rows.append(row)
    report.rows.sort(key=lambda row: ((row.advertiser.name if row.advertiser else "").lower(), 0))
    for row in report.rows:
        for name in (*BUCKETS, "credit"):
            setattr(report.totals, name, getattr(report.totals, name) + getattr(row, name))
    return report
