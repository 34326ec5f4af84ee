"""A billing run: the invoices of every campaign with aired, unbilled airings in a
period, each drafted and issued in its own transaction (one failure is reported and
the others go on), the settings read once."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from ..conf import billing_settings
from ..exceptions import BillingError
from ..models import Invoice
from ..selectors.billable import campaigns_to_bill
from .base import check_billing_staff
from .drafts import create_draft
from .issue import issue_invoice

logger = logging.getLogger(__name__)


@dataclass
class RunResult:
    invoices: list[Invoice] = field(default_factory=list)
    failures: list[tuple[object, str]] = field(default_factory=list)  # (campaign, message)


def bill_period(*, start: dt.date, end: dt.date, actor, issue: bool = True) -> RunResult:
    """Draft (and issue) the invoices of the period; their PDFs are written by
    the worker after the run (billing.services.pdfs)."""
    check_billing_staff(actor)
    if end < start:
        raise BillingError(_end_before_start())
    conf = billing_settings()
    result = RunResult()
    for campaign in campaigns_to_bill(start=start, end=end):
        try:
            draft = create_draft(campaign=campaign, actor=actor, start=start, end=end, conf=conf)
            invoice = (
                issue_invoice(invoice=draft, actor=actor, conf=conf, defer_pdf=True)
                if issue
                else draft
            )
        except BillingError as error:
            result.failures.append((campaign, error.message))
            continue
        result.invoices.append(invoice)
    return result


def _end_before_start() -> str:
    from django.utils.translation import gettext as _

    return _("The end of the period is before its start.")
