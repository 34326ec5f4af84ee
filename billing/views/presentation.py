"""How the client area names a document's state: paid, partly paid, overdue
(due date passed with something left to pay), and its certification (FEC)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import CertificationState, InvoiceStatus

# Badge colours, as the campaign statuses show them (templates/campaigns/_status.html).
GREEN = "bg-emerald-100 text-emerald-800"
RED = "bg-red-100 text-red-800"
AMBER = "bg-amber-100 text-amber-900"
SKY = "bg-sky-100 text-sky-800"
GREY = "bg-slate-100 text-slate-700"


@dataclass(frozen=True)
class Badge:
    key: str
    label: str
    css: str


def is_overdue(invoice, today: dt.date) -> bool:
    return bool(
        invoice.balance > 0
        and invoice.due_date is not None
        and invoice.due_date < today
        and invoice.status in (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)
    )


def invoice_badges(invoice, today: dt.date) -> list[Badge]:
    """The payment state of an issued invoice (one or two badges)."""
    badges = []
    if is_overdue(invoice, today):
        badges.append(Badge("overdue", _("Overdue"), RED))
    if invoice.status == InvoiceStatus.PAID:
        badges.append(Badge("paid", _("Paid"), GREEN))
    elif invoice.status == InvoiceStatus.PARTLY_PAID:
        badges.append(Badge("partly_paid", _("Partly paid"), AMBER))
    elif invoice.status == InvoiceStatus.CANCELLED:
        badges.append(Badge("cancelled", _("Cancelled by a credit note"), GREY))
    elif not badges:
        badges.append(Badge("to_pay", _("To pay"), SKY))
    return badges


def certification_badge(document) -> Badge:
    """ "Certifiée (code …)" or "En attente de certification" (an invoice is
    feminine in French, a credit note masculine: two messages)."""
    if document.certification == CertificationState.CERTIFIED:
        from ..models import CreditNote

        code = document.certification_code
        if isinstance(document, CreditNote):
            label = (
                _("Credit note certified (code %(code)s)") % {"code": code}
                if code
                else _("Credit note certified")
            )
        else:
            label = _("Certified (code %(code)s)") % {"code": code} if code else _("Certified")
        return Badge("certified", label, GREEN)
    return Badge("pending", _("Awaiting certification"), AMBER)


def invoice_row(invoice, today: dt.date) -> dict:
    return {
        "invoice": invoice,
        "badges": invoice_badges(invoice, today),
        "certification": certification_badge(invoice),
    }


def credit_note_row(note) -> dict:
    return {"note": note, "certification": certification_badge(note)}
