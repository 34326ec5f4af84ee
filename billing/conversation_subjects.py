"""The invoice as a subject of a conversation (conversations.subjects), registered
by BillingConfig.ready(): the company billed asks, the accountants answer."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, has_role
from conversations.models import Team
from conversations.subjects import SubjectKind, register_subject

from .models import Invoice


def _invoice(pk: int):
    return Invoice.objects.filter(pk=pk).first()


def may_discuss_invoice(user, invoice) -> bool:
    if has_role(user, Role.ACCOUNTANT, Role.ADMINISTRATOR):
        return True
    company = getattr(user, "advertiser_id", None)
    return bool(
        company
        and invoice.issued_at is not None
        and company in (invoice.advertiser_id, invoice.billed_to_id)
        and has_role(user, Role.ADVERTISER)
    )


def _staff_url(invoice) -> str:
    try:
        return reverse("billing_invoices:detail", args=[invoice.pk])
    except NoReverseMatch:
        return ""


def register() -> None:
    register_subject(
        SubjectKind(
            key="invoice",
            label=_("Invoice"),
            team=Team.BILLING,
            resolve=_invoice,
            describe=str,
            advertiser_id=lambda invoice: invoice.advertiser_id,
            client_url=lambda invoice: invoice.get_absolute_url(),
            staff_url=_staff_url,
            may_discuss=may_discuss_invoice,
            ask_label=_("Ask a question about this invoice"),
        )
    )
