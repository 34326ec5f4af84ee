"""Payments: recorded once, allocated to one or several invoices of the payer;
what is not allocated stays a credit on the payer's account, never lost."""

from __future__ import annotations

import datetime as dt

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.files.signatures import sniff_upload
from core.money import grouped

from ..conf import billing_settings
from ..exceptions import BillingError
from ..models import BillingEvent, Invoice, Payment, PaymentAllocation, PaymentMethod
from .balances import refresh_balance
from .base import check_billing_staff, locked_invoice, log


def _francs(value, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BillingError(
            _("Amounts are whole numbers of francs."),
            {field: [_("Enter a whole number of francs.")]},
        )
    if value <= 0:
        raise BillingError(
            _("Amounts are greater than zero."), {field: [_("Enter an amount greater than zero.")]}
        )
    if value > 10**13:
        raise BillingError(_("This amount is not plausible."), {field: [_("Amount too large.")]})
    return value


def _payer_owns(invoice: Invoice, payer) -> bool:
    return invoice.billed_to_id == payer.pk


@transaction.atomic
def record_payment(
    *,
    payer,
    actor,
    method: str,
    amount: int,
    received_on: dt.date,
    reference: str = "",
    note: str = "",
    allocations: list[tuple[Invoice, int]] = (),
    external_id: str = "",
    notify_payer: bool = True,
) -> Payment:
    """Record a payment received from `payer` and allocate it; the rest is a
    credit on account. Cash above the legal cap is refused."""
    if not external_id:  # a provider's transaction is recorded by the payments app
        check_billing_staff(actor)
    if method not in PaymentMethod.values:
        raise BillingError(_("Choose how the client paid."), {"method": [_("Choose a method.")]})
    amount = _francs(amount, "amount")
    conf = billing_settings()
    if method == PaymentMethod.CASH and amount > conf.cash_limit:
        raise BillingError(
            _(
                "Cash payments above %(limit)s FCFA are forbidden by law: ask for a "
                "transfer, a cheque or mobile money."
            )
            % {"limit": grouped(conf.cash_limit)},
            {"amount": [_("Cash payments above 999 999 FCFA are forbidden.")]},
        )
    today = timezone.localdate()
    if received_on is None or received_on > today:
        raise BillingError(
            _("The payment date cannot be in the future."),
            {"received_on": [_("Enter a date up to today.")]},
        )
    if received_on < today - dt.timedelta(days=366 * 5):
        raise BillingError(
            _("This payment date is too far in the past."),
            {"received_on": [_("Enter a date within the last five years.")]},
        )
    if external_id and Payment.objects.filter(external_id=external_id).exists():
        raise BillingError(_("This transaction is already recorded."))
    payment = Payment.objects.create(
        payer=payer,
        method=method,
        amount=amount,
        unallocated=amount,
        received_on=received_on,
        reference=" ".join((reference or "").split())[:120],
        note=" ".join((note or "").split())[:300],
        recorded_by=actor if getattr(actor, "pk", None) else None,
        external_id=external_id,
    )
    log(BillingEvent.Action.PAID, actor=actor, payment=payment, detail=str(payment))
    for invoice, part in allocations:
        allocate(payment=payment, invoice=invoice, amount=part, actor=actor)
    payment.refresh_from_db()
    if notify_payer:  # the payments app sends its own notice, with the receipt
        from .notices import payment_recorded

        payment_recorded(payment)
    return payment


@transaction.atomic
def allocate(*, payment: Payment, invoice: Invoice, amount: int, actor) -> PaymentAllocation:
    """Put `amount` of what remains of `payment` on `invoice` (of the same payer),
    never more than the invoice's balance."""
    if not payment.external_id:
        check_billing_staff(actor)
    amount = _francs(amount, "amount")
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    invoice = locked_invoice(invoice)
    if not _payer_owns(invoice, payment.payer):
        raise BillingError(_("This invoice is not billed to the payer of this payment."))
    if invoice.issued_at is None:
        raise BillingError(_("A payment is allocated to an issued invoice only."))
    if amount > payment.unallocated:
        raise BillingError(
            _("Only %(left)s FCFA of this payment remain to allocate.")
            % {"left": grouped(payment.unallocated)},
            {"amount": [_("More than what remains of the payment.")]},
        )
    if amount > invoice.balance:
        raise BillingError(
            _(
                "Invoice %(number)s has %(balance)s FCFA left to pay: "
                "the rest stays a credit on account."
            )
            % {
                "number": invoice.number,
                "balance": grouped(max(invoice.balance, 0)),
            },
            {"amount": [_("More than the balance of the invoice.")]},
        )
    allocation = PaymentAllocation.objects.create(
        payment=payment,
        invoice=invoice,
        amount=amount,
        allocated_by=actor if getattr(actor, "pk", None) else None,
    )
    payment.unallocated -= amount
    payment.save(update_fields=["unallocated"])
    refresh_balance(invoice)
    log(
        BillingEvent.Action.ALLOCATED,
        actor=actor,
        invoice=invoice,
        payment=payment,
        detail=f"{amount} FCFA",
    )
    return allocation


def allocate_to_oldest(*, payment: Payment, actor) -> list[PaymentAllocation]:
    """Allocate what remains of `payment` to the payer's open invoices, oldest due first."""
    from ..models import OPEN_STATUSES

    made = []
    for invoice in Invoice.objects.filter(
        billed_to=payment.payer, status__in=OPEN_STATUSES, balance__gt=0
    ).order_by("due_date", "issued_at", "pk"):
        payment.refresh_from_db(fields=["unallocated"])
        if payment.unallocated <= 0:
            break
        made.append(
            allocate(
                payment=payment,
                invoice=invoice,
                amount=min(payment.unallocated, invoice.balance),
                actor=actor,
            )
        )
    return made


MAX_CERTIFICATE = 10 * 1024 * 1024
CERTIFICATE_KINDS = {"pdf", "png", "jpeg"}


def record_withholding_certificate(
    *, invoice: Invoice, actor, upload, reference: str = ""
) -> Invoice:
    """The client's certificate of the VAT it withheld on `invoice` (PDF or image)."""
    saved: list[str] = []
    try:
        with transaction.atomic():
            check_billing_staff(actor)
            locked = locked_invoice(invoice)
            if not locked.vat_withheld:
                raise BillingError(_("No VAT is withheld on this invoice."))
            if upload is None or getattr(upload, "size", 0) == 0:
                raise BillingError(
                    _("Choose the certificate file."), {"certificate": [_("Choose a file.")]}
                )
            if upload.size > MAX_CERTIFICATE:
                raise BillingError(
                    _("The file is larger than 10 MB."),
                    {"certificate": [_("The file is larger than 10 MB.")]},
                )
            kind = sniff_upload(upload)
            if kind not in CERTIFICATE_KINDS:
                raise BillingError(
                    _("The certificate must be a PDF, PNG or JPEG file."),
                    {"certificate": [_("This file is not a PDF or an image.")]},
                )
            upload.seek(0)
            locked.withholding_certificate.save(
                f"certificate.{'jpg' if kind == 'jpeg' else kind}", upload, save=False
            )
            saved.append(locked.withholding_certificate.name)
            locked.withholding_reference = " ".join((reference or "").split())[:60]
            locked.save(
                update_fields=["withholding_certificate", "withholding_reference", "updated_at"]
            )
            log(
                BillingEvent.Action.WITHHOLDING,
                actor=actor,
                invoice=locked,
                detail=locked.withholding_reference,
            )
            return locked
    except BaseException:
        for name in saved:
            default_storage.delete(name)
        raise
