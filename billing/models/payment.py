"""Payments received and their allocation to invoices; what is not allocated
stays a credit on the company's account."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("bank transfer")
    CHEQUE = "cheque", _("cheque")
    CASH = "cash", _("cash")
    MOBILE_MONEY = "mobile_money", _("mobile money")


class Payment(models.Model):
    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    payer = models.ForeignKey(
        "accounts.Advertiser",
        verbose_name=_("paid by"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    method = models.CharField(_("method"), max_length=15, choices=PaymentMethod.choices)
    amount = models.BigIntegerField(_("amount (FCFA)"))
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    unallocated = models.BigIntegerField(_("credit on account"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Set by the payments app (mobile money): one record per provider transaction.
    external_id = models.CharField(_("provider transaction"), max_length=120, blank=True)

    class Meta:
        ordering = ["-received_on", "-recorded_at", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="billing_payment_gt0"),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="billing_payment_external_id",
            ),
        ]
        indexes = [models.Index(fields=["payer", "received_on"], name="payment_payer_day")]

    def __str__(self) -> str:
        return f"{self.get_method_display()} · {self.amount} FCFA · {self.received_on}"


class PaymentAllocation(models.Model):
    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="allocations"
    )
    invoice = models.ForeignKey(
        "billing.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    amount = models.BigIntegerField(_("amount (FCFA)"))
    allocated_at = models.DateTimeField(_("allocated at"), auto_now_add=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("allocated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["allocated_at", "pk"]
        verbose_name = _("payment allocation")
        verbose_name_plural = _("payment allocations")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="billing_alloc_gt0")
        ]

    def __str__(self) -> str:
        return f"{self.payment} → {self.invoice}"


class BillingEvent(models.Model):
    """Append-only audit trail of every billing write: who did what, when."""

    class Action(models.TextChoices):
        DRAFTED = "drafted", _("draft created")
        ISSUED = "issued", _("issued")
        CERTIFIED = "certified", _("certified")
        DELETED = "deleted", _("draft deleted")
        CREDITED = "credited", _("credit note issued")
        PROPOSED = "proposed", _("credit note proposed")
        DISMISSED = "dismissed", _("proposal dismissed")
        PAID = "paid", _("payment recorded")
        ALLOCATED = "allocated", _("payment allocated")
        WITHHOLDING = "withholding", _("withholding certificate recorded")
        REMINDED = "reminded", _("overdue reminder sent")

    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    invoice = models.ForeignKey(
        "billing.Invoice", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    credit_note = models.ForeignKey(
        "billing.CreditNote",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    payment = models.ForeignKey(
        Payment, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("billing event")
        verbose_name_plural = _("billing events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"
