"""A company's balance, the overdue invoices, and the credit stop: a company
over its credit limit or with an invoice overdue beyond the station's delay
cannot submit a new campaign until it pays or the commercial team overrides."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import fcfa

from ..conf import billing_settings
from .ageing import credits_on_account, open_invoices


@dataclass(frozen=True)
class CompanyBalance:
    open_balance: int
    overdue: int
    credit: int

    @property
    def net(self) -> int:
        """What the company owes once its credit on account is used (< 0: owed to it)."""
        return self.open_balance - self.credit


def company_balance(company, *, as_of: dt.date | None = None) -> CompanyBalance:
    """Open balance, the part of it past due and the credit on account of the
    company billed; two queries."""
    as_of = as_of or timezone.localdate()
    totals = (
        open_invoices()
        .filter(billed_to=company)
        .aggregate(open=Sum("balance"), overdue=Sum("balance", filter=Q(due_date__lt=as_of)))
    )
    credit = credits_on_account(payer=company).aggregate(s=Sum("unallocated"))["s"] or 0
    return CompanyBalance(
        open_balance=totals["open"] or 0, overdue=totals["overdue"] or 0, credit=credit
    )


def overdue_invoices(as_of: dt.date | None = None, min_days: int = 0):
    """Open invoices more than `min_days` days past their due date at `as_of`,
    the oldest due first."""
    as_of = as_of or timezone.localdate()
    limit = as_of - dt.timedelta(days=max(int(min_days), 0))
    return (
        open_invoices()
        .filter(due_date__lt=limit)
        .select_related("billed_to", "advertiser")
        .order_by("due_date", "issued_at", "pk")
    )


def _outstanding(invoices, credit_payer=None) -> int:
    """What `invoices` leave to pay, less the credit on account of `credit_payer`."""
    owed = invoices.aggregate(s=Sum("balance"))["s"] or 0
    if credit_payer is None:
        return owed
    credit = credits_on_account(payer=credit_payer).aggregate(s=Sum("unallocated"))["s"] or 0
    return max(owed - credit, 0)


def credit_stop_reason(advertiser, *, extra_amount: int = 0, as_of=None) -> str | None:
    """Why `advertiser` may not submit a campaign worth `extra_amount` (TTC)
    now, in French, or None. The company judged is the one billed (its agency,
    or itself): (a) its outstanding balance (less its credit on account) plus
    `extra_amount` above the credit limit; (b) one of its invoices overdue by
    more than the station's delay. The commercial team's override on the
    advertiser (or on the company billed) lifts the stop."""
    company = advertiser.agency if advertiser.agency_id else advertiser
    if advertiser.credit_override or company.credit_override:
        return None
    as_of = as_of or timezone.localdate()
    extra = max(int(extra_amount or 0), 0)
    limits = []
    if company.credit_limit is not None:
        limits.append((company.credit_limit, open_invoices().filter(billed_to=company), company))
    if company.pk != advertiser.pk and advertiser.credit_limit is not None:
        own = open_invoices().filter(billed_to=company, advertiser=advertiser)
        limits.append((advertiser.credit_limit, own, None))
    for limit, invoices, payer in limits:
        outstanding = _outstanding(invoices, payer)
        if outstanding + extra > limit:
            return _(
                "Your credit limit of %(limit)s would be exceeded: %(outstanding)s remain to "
                "pay on your invoices and this campaign comes to %(extra)s. Pay your open "
                "invoices or contact the sales team to submit it."
            ) % {"limit": fcfa(limit), "outstanding": fcfa(outstanding), "extra": fcfa(extra)}
    delay = billing_settings().credit_stop_overdue_days
    late = overdue_invoices(as_of, min_days=delay).filter(billed_to=company).first()
    if late is not None:
        return _(
            "Invoice %(number)s has been overdue for %(days)s days (due on %(due)s, "
            "%(balance)s left to pay): new campaigns are on hold beyond %(delay)s days. "
            "Pay it or contact the sales team to submit this campaign."
        ) % {
            "number": late.number,
            "days": (as_of - late.due_date).days,
            "due": late.due_date.strftime("%d/%m/%Y"),
            "balance": fcfa(late.balance),
            "delay": delay,
        }
    return None


def submission_guard(advertiser, campaign) -> str | None:
    """Registered with campaigns.guards in BillingConfig.ready(): the credit
    stop, counting the campaign's frozen quote."""
    return credit_stop_reason(advertiser, extra_amount=getattr(campaign, "quote_total", 0) or 0)
